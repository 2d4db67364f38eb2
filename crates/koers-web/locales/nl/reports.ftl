# Rapporten (issue 9 §5)
report-title = Rapporten
report-none = Er zijn voor dit traject (nog) geen rapporten.
report-nulmeting = Zelfevaluatie (0-meting)
report-plan-van-aanpak = Plan van aanpak (vastgestelde versie)
report-voortgang-bestuur = Voortgangsrapportage voor het bestuur
report-voortgang-inspectie = Voortgangsrapportage voor de Inspectie
report-eindrapportage = Eindrapportage
report-pdf = PDF downloaden
report-download = Download als PDF
report-back = Terug naar het traject
report-released-on = vrijgegeven op { $date }
report-release = Vrijgeven voor de Inspectie
report-release-hint = Na het vrijgeven kunnen het bestuur en het programma deze versie downloaden en doorsturen aan de Inspectie. Het rapport bevat alleen rolnamen, geen namen van personen.
report-board-heading = Laatste rapporten
report-monitor = Programmamonitor: trajecten, fase, op koers, dagdelen en behaalde doelen
report-unavailable-title = Rapport (nog) niet beschikbaar
