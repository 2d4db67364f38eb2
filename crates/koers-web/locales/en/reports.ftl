# Reports (issue 9 §5)
report-title = Reports
report-none = There are no reports for this trajectory (yet).
report-nulmeting = Self-evaluation (baseline)
report-plan-van-aanpak = Improvement plan (adopted version)
report-voortgang-bestuur = Progress report for the board
report-voortgang-inspectie = Progress report for the Inspectorate
report-eindrapportage = Final report
report-pdf = Download PDF
report-download = Download as PDF
report-back = Back to the trajectory
report-released-on = released on { $date }
report-release = Release for the Inspectorate
report-release-hint = Once released, the board and the programme can download this version and pass it on to the Inspectorate. The report holds role names only, no names of people.
report-board-heading = Latest reports
report-monitor = Programme monitor: trajectories, phase, on course, dagdelen and goals met
report-unavailable-title = Report not available (yet)
