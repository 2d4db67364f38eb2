## Layout
skip-link = Skip to content
nav-label = Main menu
nav-home = Do we qualify?
nav-check = Enter your own numbers
lang-switch = Nederlands
footer-text = Koers supports school-improvement programmes in Dutch education. Results come from the open data of the Dutch Inspectorate of Education (Inspectie) and DUO.
footer-api = API specification (OpenAPI, JSON)

## Errors
error-home-link = Go to the home page
error-404-title = Page not found
error-404-text = This page does not exist (any more). Check the address or search for your school again.
error-405-title = Not possible here
error-405-text = This page does not support this action.
error-403-title = No access
error-403-text = You do not have access to this page.
error-400-title = Invalid request
error-400-text = The request could not be processed. Check the address or the form.
error-409-title = Someone else changed this
error-409-text = Someone changed this in the meantime, or it can no longer change. Reload the page to see where it stands now and try again.
error-413-title = Too large
error-413-text = What you sent is larger than Koers accepts.
error-429-title = Please wait
error-429-text = Too many requests are coming in right now. Please try again in a few seconds.
error-500-title = Something went wrong
error-500-text = Something went wrong on our side. Please try again later.
error-prefix = Error:
error-title-prefix = Error:

## Home
home-title = Do we qualify?
home-intro = Find your school and see at once whether it qualifies for Goed Worden, Goed Blijven+ (GWGB+): the three-year averages, the Inspectie's signaleringswaarden, comparable schools, and why.
home-search-heading = Find your school
home-manual-heading = Enter your own numbers
home-manual-text = Is your school not listed, or do you want to calculate with your own numbers? Enter the results of three test years and the schoolweging yourself.
home-manual-link = Enter the numbers yourself
home-how-heading = How does it work?
home-how-text = The Inspectie looks at the pupil-weighted average of the three most recent test years, for the fundamental level (1F) and the target level (1S/2F), and compares it with the signaleringswaarde for your school's schoolweging.
home-light-text = The traffic light (red, orange, green) is Koers' own convention, not a verdict of the Inspectie.

## Search
search-form-label = Search schools
search-label = Name, BRIN or town of the school
search-hint = For example “WereldWijs”, “00AP” or “Amsterdam”. Results appear as you type.
search-button = Search
search-title = Search schools
search-empty = Type the name, BRIN or town of a school.
search-too-short = Type at least two characters.
search-none = No schools found for “{ $q }”. Try part of the name, the BRIN or the town.
search-count = { $count ->
    [one] 1 school found
   *[other] { $count } schools found
}

## Sectors
sector-po = primary education (po)
sector-sbo = special primary education (sbo)
sector-so = special education (so)
sector-vso = special secondary education (vso)
sector-vo = secondary education (vo)

## School page
fact-brin = BRIN
fact-ovt = Supervised unit (ovt)
fact-place = Town
fact-municipality = Municipality
fact-province = Province
fact-board = Board
fact-sector = Sector
fact-denomination = Denomination
fact-schoolweging = Schoolweging
fact-website = Website
school-results-heading = Results per test year
school-no-results = No results of this school are known.
school-published-heading = Published three-year values
school-published-hint = As published by the Inspectie; used when yearly figures are masked.
published-last-year = Latest test year
school-note-special = For sbo, so and vso the signaleringswaarde plays no role: qualitative criteria decide whether your school qualifies. Please contact the programme.
fact-kind = Kind / structure
fact-clusters = Cluster(s)
fact-vestiging = Location
school-note-vo = For secondary education, the Inspectie's verdict (per department) or a demonstrable risk, such as falling pass rates, decides whether your school fits Leren Verbeteren.
exam-heading = Exams: pass rate per school year
exam-hint = From DUO's file of exam candidates and passes, added up over every programme of this location and per department.
exam-col-candidates = Candidates
exam-col-whole = Whole location
exam-estimated = ≈ = estimated: DUO masks counts under 5; in brackets the bounds the published rates certainly allow.
school-own-numbers = Calculate with your own numbers

## Columns
col-school-year = School year
col-pupils = Pupils
col-pct-1f = %1F
col-pct-1s2f = %1S/2F
masked = masked
no-result = no result

## Eligibility
elig-heading = Does your school qualify for GWGB+?
elig-window = Test years
elig-schoolweging = Schoolweging
elig-pupils = Pupils over three years
elig-norms = Norm table
elig-values-heading = Three-year averages and norms
elig-measure = Measure
elig-light = Traffic light (Koers' own convention)
elig-light-note = The traffic light is Koers' own convention, not a verdict or label of the Inspectie: red = below the signaleringswaarde, orange = from the signaleringswaarde up to the grenswaarde, green = at or above the grenswaarde. The grenswaarde lies halfway between the signaleringswaarde and the average of comparable schools.
elig-chart-heading = Results per test year as a chart
elig-years-caption = Results per test year (the data of the charts)
elig-reasons-heading = Why
elig-levers-heading = What would change it?
elig-levers-none = This needs the results of the two most recent test years.
measure-value = Three-year average
measure-signalering = Signaleringswaarde (Inspectie)
measure-comparable = Comparable schools
measure-grens = Grenswaarde (Koers)
measure-national = National average
measure-outcome = Outcome (Inspectie)
outcome-boven = Above the signaleringswaarde
outcome-onder = Below the signaleringswaarde
outcome-te-weinig = Too little data
outcome-klein = Small school - judged over 5 years
light-rood = red: below the signaleringswaarde
light-oranje = orange: between signaleringswaarde and grenswaarde
light-groen = green: above the grenswaarde
light-none = none: cannot be determined
verdict-eligible = Qualifies
verdict-not-eligible = Does not qualify
verdict-undetermined = Cannot be determined from the results
verdict-refer = Referred to the regular GWGB programme
schoolweging-with-category = { $weging } (category { $category })
schoolweging-unknown = unknown
window-label = { $from } to { $to }
chart-title = %{ $indicator } per test year
chart-line-signalering = Signaleringswaarde { $value }
chart-line-comparable = Comparable schools { $value }
chart-line-grens = Grenswaarde (Koers) { $value }

## Reasons, levers and summary (worded from the structured data)
reason-below = the three-year average { $indicator } ({ $value }) is below the signaleringswaarde ({ $signalering })
reason-within = the three-year average { $indicator } ({ $value }) is above the signaleringswaarde ({ $signalering }) but below the grenswaarde ({ $grens }): closer to the signaleringswaarde than to the average of comparable schools ({ $comparable })
reason-above = the three-year average { $indicator } ({ $value }) is above the grenswaarde ({ $grens }) (comparable schools: { $comparable })
reason-missing-years = there are no results for school year { $years }; the model needs three years
reason-small-school = there are { $pupils } pupils over three years (fewer than { $min }); the Inspectie judges a small school over five years
reason-few-pupils = there were only { $pupils } pupils in school year { $year } (fewer than { $min })
reason-suppressed = the yearly figures were not published (masked with *)
reason-no-schoolweging = the schoolweging is unknown, so the 1S/2F signaleringswaarde and the comparable schools are not fixed
reason-oordeel = the Inspectie judged the school { $oordeel }
reason-herstelopdracht = the school has a herstelopdracht (repair order) from the Inspectie
reason-population-not-described = the school has not described its pupil population
reason-no-fitting-ambitions = the school has no ambitions for results that fit its pupil population
reason-ambitions-not-met = the school did not meet its ambitions in most years
reason-qualitative-met = the school has described its population, has fitting ambitions and meets them in most years
oordeel-voldoende = sufficient (voldoende)
oordeel-onvoldoende = insufficient (onvoldoende)
oordeel-zeer-zwak = very weak (zeer zwak)
word-and = and
lever-stay-always = Even if none of the { $pupils } pupils reach { $indicator } in { $year }, the three-year average { $indicator } stays above the grenswaarde ({ $threshold }).
lever-stay = If fewer than { $count } of the { $pupils } pupils reach { $indicator } in { $year } (this year { $latest }), the three-year average { $indicator } drops below the grenswaarde ({ $threshold }) and the school enters the band.
lever-stay-never = Even if all { $pupils } pupils reach { $indicator } in { $year }, the three-year average { $indicator } drops below the grenswaarde ({ $threshold }).
lever-reach-signalering = If at least { $count } of the { $pupils } pupils reach { $indicator } in { $year } ({ $compare }), the three-year average { $indicator } rises above the signaleringswaarde ({ $threshold }).
lever-leave-band = If at least { $count } of the { $pupils } pupils reach { $indicator } in { $year } ({ $compare }), the three-year average { $indicator } rises above the grenswaarde ({ $threshold }) and the school leaves the band for this indicator.
lever-unreachable-signalering = Even if all { $pupils } pupils reach { $indicator } in { $year }, the three-year average { $indicator } stays below the signaleringswaarde ({ $threshold }).
lever-unreachable-grens = Even if all { $pupils } pupils reach { $indicator } in { $year }, the three-year average { $indicator } stays below the grenswaarde ({ $threshold }).
lever-more-than-now = { $extra } more than this year
lever-now-was = this year it was { $latest }
summary-eligible = Your school qualifies because
summary-not-eligible = Your school does not qualify because
summary-undetermined = The results do not show whether your school qualifies, because
summary-refer = Your school can join the regular Goed Worden, Goed Blijven programme, because
summary-contact = Please contact the programme.

## Check form
check-title = Enter your own numbers
check-intro = For each test year, enter the number of pupils and the mean percentages 1F and 1S/2F, as in the Inspectie's report or in Vensters. Leave a year empty if there is no result.
check-decimal-hint = You may use a comma or a point: 94,44 and 94.44 are both fine.
check-year-legend = Test year { $n }
check-test-year = Test year
check-pupils = Number of pupils
check-pct-1f = Percentage 1F
check-pct-1s2f = Percentage 1S/2F
check-school-legend = About the school
check-schoolweging = Schoolweging (three-year average)
check-schoolweging-hint = For example 31.47. Without the schoolweging the 1S/2F signaleringswaarde is not fixed.
check-next-pupils = Expected number of pupils next year (optional)
check-next-pupils-hint = For “what would change it”. Empty: as many as in the latest year.
check-submit = Calculate
check-errors-heading = Please check your input
check-result-title = Result of your calculation
check-adjust-heading = Adjust the numbers

### ---- Authenticated pages (auth/admin work): login, role homes, mijn school, bestuur, ----
### ---- screening, beheer, account. Keep this section together.                         ----

## Navigation (logged in)
nav-login = Log in
nav-logout = Log out
nav-my-home = My Koers
nav-screening = Screening
breadcrumb-label = Breadcrumb
nav-inbox = Applications
nav-dashboard = Dashboard
rolehome-staff-work = Your work
rolehome-staff-inbox = new and running applications of your programmes
rolehome-staff-dashboard = the pipeline per programme and status and the experts' load
nav-admin = Admin
nav-tokens = API tokens
nav-logged-in-as = Logged in as { $name }

## Roles
role-beheerder = Administrator
role-programmamedewerker = Programme staff
role-expert = Expert
role-schoolleider = School leader
role-bestuurder = Board member
scope-global = whole installation

## Forms and lists
form-errors-title = Please check your input
form-save = Save
filter-all = All
filter-apply = Filter
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-page = Page
col-school = School
col-place = Place
col-verdict = Outcome
col-light = Traffic light
schools-none = There are no schools to show (yet).
board-number = Board number
board-fallback-name = Board { $number }
board-schools-heading = Schools of this board

## Login
login-title = Log in
login-email = E-mail address
login-password = Password
login-submit = Log in
login-error-heading = Logging in failed
login-email-required = Enter your e-mail address.
login-password-required = Enter your password.
login-error-credentials = E-mail address or password is incorrect.
login-error-inactive = This account is not active; please contact the administrator.
login-error-throttled = Too many failed attempts; try again in { $minutes } minutes.
login-error-busy = It is very busy right now; please try again in a few seconds.

## Role home
rolehome-title = My Koers
rolehome-welcome = Welcome, { $name }
rolehome-role = You work in Koers as { $role }.
rolehome-no-role = Your account has no role yet. Ask the administrator to give you one.
rolehome-admin-users = create accounts and grant roles
rolehome-admin-import = load the national files into the register
rolehome-admin-audit = who changed what and when
rolehome-screening-total = { $count } schools in the register screened.
rolehome-by-verdict = By outcome
rolehome-by-light = By traffic light
rolehome-screening-link = To the full screening
rolehome-trajectories = Your trajectories
rolehome-trajectories-empty = You have no trajectories yet. They appear here as soon as the programme assigns you to a school.
rolehome-your-schools = Your school

## Mijn school
school-own-public-link = public page
school-edit-heading = Register details
school-field-name = Name
school-field-place = Place
school-field-website = Website
school-field-weging = School weighting (three-year mean)
school-edit-saved = Your changes have been saved.
school-edit-manual-note = What you change here counts as a manual edit: a new import does not overwrite it without notice.
school-edit-manual-fields = Edited by hand:
school-edit-conflict-title = Someone else changed this school in the meantime
school-edit-conflict-text = Your changes have not been saved yet. Below are the details as they are now; the form still holds everything you entered. Check it and save again to keep your version.
school-edit-error-name = Enter the name of the school (at most 200 characters).
school-edit-error-place = The place name can be at most 100 characters long.
school-edit-error-website = Enter a web address, for example www.school.nl or https://www.school.nl.
school-edit-error-weging-number = Enter the school weighting as a number, for example 31.47.
school-edit-error-weging-range = The school weighting lies between 0 and 100.
school-audit-heading = Changes

## Screening
screening-title = Proactive screening
screening-intro = Every school in the register with the outcome of the GWGB+ check and the traffic light, most urgent first.
screening-count = { $count } schools found.

## Beheer: users
admin-users-title = Users
admin-import-title = Load the register
admin-audit-title = Audit log
users-new = New user
users-name = Name
users-email = E-mail address
users-password = Password
users-password-hint = At least 10 characters. Pass the password on in a safe way.
users-language = Language
users-role = Role
users-roles = Roles
users-status = Status
users-active = Active
users-inactive = Not active
users-active-hint = An inactive account cannot log in; its sessions end at once.
users-create = Create user
users-back = Back to all users
users-saved = Your changes have been saved.
users-edit-heading = Account
users-new-password = New password
users-new-password-hint = Leave empty to keep the password. A new password ends all sessions of this user.
users-no-roles = This account has no roles.
users-add-role = Add role
users-remove-role = Remove
users-scope = For
users-scope-hint = Fill in only what fits the role: a programme for programme staff and experts, a school for school leaders, a board for board members.
users-scope-programme = Programme
users-scope-school = School (ovt code, for example 00AV|C1)
users-scope-board = Board number
users-choose-role = Choose a role
users-choose-programme = Choose a programme
users-conflict-title = Someone else changed this account in the meantime
users-conflict-text = Your changes have not been saved yet. Below is the account as it is now; the form still holds what you entered (except a password). Check it and save again.
users-error-name = Enter a name (at most 200 characters).
users-error-role = Choose a role.
users-error-programme = Choose an existing programme.
users-error-school = There is no school with ovt code { $ovt } in the register.
users-error-board-number = Enter a board number (digits only).
users-error-board = There is no board with number { $number } in the register.
users-error-duplicate-grant = This account already has this role.

## Beheer: import
import-upload-heading = Load a file
import-file-label = File
import-file-hint = A file from the Inspectie or DUO as CSV, xlsx or ods, at most 50 MB.
import-submit = Load
import-error-heading = The file was not loaded
import-error-too-big = The file is too large: at most 50 MB.
import-error-none = Choose a file to load.
import-error-empty = The file { $file } is empty.
import-error-type = The file { $file } is not a CSV, xlsx or ods file.
import-summary = Summary
import-file = File
import-rows = Lines
import-inserted = New schools
import-updated = Updated schools
import-unchanged = Unchanged schools
import-boards = Boards
import-results = Result years changed
import-weging = Weighting years changed
import-not-linked = Could not be linked
import-kept = Manual edits kept
import-rejected = Rejected lines
import-kept-caption = Manual edits the import did not overwrite
import-rejected-caption = Rejected lines
import-rejected-shown = (the first { $shown } of { $total }; every rejected row with `koers import` on the command line)
import-col-field = Field
import-col-kept = Value kept
import-col-file-value = Value in the file
import-col-file = File
import-col-line = Line
import-col-column = Column
import-col-value = Value
import-col-problem = Problem
import-field-name = Name
import-field-place = Town
import-field-municipality = Municipality
import-field-province = Province
import-field-denomination = Denomination
import-field-board-number = Competent authority (board)
import-field-schoolweging = School weighting
import-field-website = Website

## Beheer: audit log
audit-entity = Kind
audit-entity-id = Number
audit-actor = By
audit-filter-all = All
audit-none = No changes found.
audit-before = Before
audit-after = After

## Account: API tokens
tokens-title = API tokens
tokens-intro = With a token a program can use the Koers API on your behalf (Authorization: Bearer …), only the API under /api/ and never more than you may. When your password changes or your account is deactivated, all your tokens are revoked.
tokens-new-heading = Your new token
tokens-new-once = Copy the token now: it is shown only once and Koers keeps only a fingerprint.
tokens-create-heading = New token
tokens-name = Name
tokens-name-hint = What you use the token for, for example “reporting script”.
tokens-error-name = Give the token a name (at most 100 characters).
tokens-create = Create token
tokens-list-heading = Your tokens
tokens-none = You have no tokens yet.
tokens-created = Created
tokens-last-used = Last used
tokens-never-used = not yet
tokens-status = Status
tokens-revoked = Revoked
tokens-revoke = Revoke
tokens-scope = Permissions
tokens-scope-read = Read only
tokens-scope-read-write = Read and write
tokens-error-scope = Choose the token's permissions.

# Applying for GWGB+
apply-link = Apply for GWGB+
apply-title = Apply for
apply-not-eligible-title = This school is not eligible at the moment
apply-school-heading = School details
apply-programme = Programme
apply-board = Board
apply-contact-heading = Contact person and request for help
apply-contact-name = Contact name
apply-contact-email = Email address
apply-contact-phone = Phone number (optional)
apply-help-question = Request for help
apply-help-question-hint = What does the school want help with? At most 4000 characters.
apply-submit = Send application
receipt-title = Application
receipt-reference = Reference number
receipt-status = Status
receipt-withdraw-title = Withdraw the application
receipt-withdraw-reason = Reason
receipt-withdraw-hint = Why do you withdraw the application? The programme sees the reason.
receipt-withdraw-submit = Withdraw the application
receipt-withdraw-error-reason = Give a reason for withdrawing.
receipt-withdraw-conflict = The application changed in the meantime and can no longer be withdrawn like this. The current state is shown below.
receipt-mail-sent = We have sent a confirmation of receipt to { $email }.
receipt-board-asked = The school's board must approve the participation; the board has received a request to do so.
approve-title = Approval of application
approve-approve-heading = Approve
approve-approve = Approve: the school may take part
approve-decline-heading = Decline
approve-reason = Reason for declining
approve-decline = Decline
approve-reason-required = enter the reason for declining
approve-link-refused = This link does not work
approve-login-link = Log in to Koers
approve-done-title = Decision recorded
approve-done-approved = Your approval of application { $reference } has been recorded. Thank you.
approve-done-declined = Your decline of application { $reference } has been recorded, with your reason.
admin-outbox-title = Outgoing email
outbox-intro = All emails Koers sends or has yet to send, newest first.
outbox-empty = There are no emails yet.
outbox-to = To
outbox-created = Created
outbox-sent = Sent
outbox-not-sent = not sent yet
outbox-error = Last error

## ---- programme staff: applications inbox, detail, matching, dashboard (programma/aanmeldingen) ----
staff-inbox-title = Applications
staff-inbox-none = No applications found.
staff-dashboard-title = Programme dashboard
staff-programme = Programme
staff-status = Status
staff-search = Search (reference, contact, help question)
staff-applicant = School or board
staff-submitted = Submitted
staff-conflict-title = Someone else got there first
staff-conflict = Someone else changed this application in the meantime. It is now: { $status } (version { $version }). Check the new state and try again; what you entered is shown below and in the forms.
staff-conflict-typed = What you entered:
staff-intake-planned = Introductory meeting planned
staff-reason = Reason
staff-eligibility = Outcome at application
staff-eligibility-none = No outcome was stored with this application.
staff-intake-report = Report of the introductory meeting
staff-expectations = Expectations
staff-background = Background
staff-results = Results
staff-inspection-visit = Inspection visit planned
staff-herstelopdracht = Improvement order (herstelopdracht)
staff-yes = yes
staff-no = no
staff-trajectory = Trajectory
staff-expert = Expert
staff-phases = Phases
staff-dagdelen = Half-days
staff-started = Started
staff-plan-heading = Plan the introductory meeting
staff-date = Date
staff-date-invalid = choose an existing date (yyyy-mm-dd)
staff-attendees = Attendees
staff-attendees-hint = Names separated by commas.
staff-plan = Plan meeting
staff-record-heading = Record the introductory meeting
staff-record = Save report
staff-definitive-heading = Make definitive
staff-definitive = Make the application definitive
staff-refer-heading = Refer
staff-refer = Refer
staff-decline-heading = Decline
staff-decline = Decline
staff-match-heading = Find an expert
staff-expertise = Expertise wanted
staff-expertise-hint = Areas separated by commas, for example: rekenen, kwaliteitszorg.
staff-match = Find experts
staff-no-experts = There are no experts.
staff-reasons = Why
staff-free = Free (trajectories / half-days)
staff-assign = Assign
staff-override = Reason for exceeding capacity
staff-unavailable = not available
staff-history = History
staff-history-none = No history yet.
staff-when = When
staff-who = Who
staff-what = What
staff-pipeline = Applications per programme and status
staff-total = Total
staff-loads = Expert load
staff-trajectories = Trajectories
staff-available = Available
staff-over-capacity = over capacity
staff-exports = Export
staff-export-applications = Applications
staff-export-trajectories = Trajectories
## ---- end programme staff ----

## ---- roles workflow: board task, applicant view, trajectories, expert pool, programmes ----
wf-approval-requested = Approval requested
wf-back-home = Back to My Koers
wf-conflict-title = This application has changed in the meantime
wf-decision-conflict = Someone else has decided on or changed this application in the meantime. Below is how it stands now; your decision was not recorded.
wf-decided-approved = Your approval has been recorded.
wf-decided-declined = Your decline has been recorded, with the reason.
wf-dagdelen-planned = Planned half-days
wf-expert = Expert
wf-reason = Reason
wf-school-applications = Applications
wf-school-applications-none = This school has no applications yet.
wf-school-trajectories = The school's trajectories
wf-timeline = Phases
wf-trajectory-active = running
wf-trajectory-closed = closed
wf-trajectory-link = To the trajectory
wf-trajectory-progress = { $done } of { $total } phases completed.
wf-trajectory-title = Trajectory
wf-trajectory-end-title = End the trajectory
wf-trajectory-end-reason = Reason
wf-trajectory-end-hint = Why does the trajectory stop? The reason goes into the audit log and stays visible with the trajectory.
wf-trajectory-end-submit = End the trajectory
wf-trajectory-ended-reason = Reason for ending
wf-trajectory-end-error-reason = Give a reason: why does the trajectory stop?
wf-trajectory-end-error-long = The reason is too long (at most { $max } characters).
wf-trajectory-end-conflict = Someone else changed or ended this trajectory in the meantime. The current state is shown below.
experts-title = Expert pool
experts-new = New expert
experts-back = Back to the expert pool
experts-empty = There are no experts yet.
experts-name = Name
experts-email = E-mail address
experts-email-readonly = This expert has no account; Koers recognises the expert by this e-mail address, so it cannot be changed here.
experts-account = Account (login e-mail address)
experts-account-hint = Optional. The e-mail address the expert logs in with; leave empty when the expert has no account.
experts-expertise = Expertise
experts-comma-hint = Separated by commas, for example: reading, maths, didactics.
experts-regions = Regions (provinces)
experts-regions-hint = Separated by commas. Possible: { $provinces }.
experts-capacity-trajectories = Trajectories per school year
experts-capacity-dagdelen = Half-days per school year
experts-available = Available
experts-load-col = Current load
experts-load = { $trajectories } of { $capacity } trajectories, { $dagdelen } of { $dagdelencapacity } half-days
experts-yes = yes
experts-no = no
experts-no-login = no account
experts-conflict-title = Someone else has changed this expert in the meantime
experts-conflict-text = Your changes have not been saved. Below is the expert as it is now; the form still holds what you entered. Check it and save again.
experts-error-name = enter the name (at most 200 characters)
experts-error-email = enter a valid e-mail address
experts-error-email-taken = there already is an expert with this e-mail address
experts-error-email-and-account = do not change the e-mail address and the account at the same time; save one first, then the other
experts-error-account = there is no account with this e-mail address
experts-error-account-taken = this account already belongs to another expert
experts-error-expertise = an expertise may have at most 100 characters
experts-error-regions = unknown province: { $names }
experts-error-trajectories = enter a whole number from 0 to 100
experts-error-dagdelen = enter a whole number from 0 to 2000
programmes-title = Programmes
programmes-intro = Every programme is data: its rules are a TOML definition you can change here.
programmes-seeded = The shipped programmes have been stored in the database.
programmes-new = New programme
programmes-back = Back to all programmes
programmes-name = Name
programmes-id = Code
programmes-active = Active
programmes-version = Version
programmes-definition = Definition (TOML)
programmes-definition-hint = The programme's rules. Koers checks them when saving.
programmes-error = The definition is not valid: { $detail }
programmes-error-field = The definition is not valid (field { $field }): { $detail }
programmes-error-duplicate = a programme with code { $id } already exists
programmes-error-id = the code (id) must stay { $id }
programmes-conflict-title = Someone else has changed this programme in the meantime
programmes-conflict-text = Your changes have not been saved. Below is the definition as it is now; the form still holds your text. Check it and save again.
## ---- end roles workflow ----

# dashboard: trajectories per phase
staff-phase-pipeline = Running trajectories per phase
staff-phase = Phase
staff-no-trajectories = No running trajectories yet.

## Inspectie verdicts (issue 10 §2)
verdicts-title = Inspectie verdicts — { $name }
verdicts-link = Inspectie verdicts
verdicts-back = Back
verdicts-intro = There is no public file of the Inspectie's verdicts. Programme staff record them; the school and its board may declare them (they show as declared until programme staff confirm them). The entry rules of Leren Verbeteren and GWGB+ bestuur read them.
verdicts-risk-heading = Demonstrable risk according to DUO
verdicts-list-heading = Recorded verdicts
verdicts-none = No verdicts have been recorded yet.
verdicts-record-heading = Record a verdict
verdicts-declare-heading = Declare a verdict
verdicts-declare-hint = A verdict you declare counts, and shows as declared until programme staff confirm it.
verdicts-record-button = Record verdict
verdicts-declare-button = Declare verdict
verdict-date = Date of the verdict
verdict-date-hint = For example 12-03-2025; not in the future.
verdict-oordeel = Verdict
verdict-choose = Choose a verdict
verdict-afdeling = Department
verdict-whole = whole school
verdict-herstelopdracht = Repair order (herstelopdracht)
verdict-risk-investigation = Investigation because of risks
verdict-source = Source
verdict-source-hint = For example "inspection report 12-03-2025" or the link to the report.
verdict-status = Status
verdict-status-declared = declared (not yet confirmed)
verdict-status-confirmed = confirmed ({ $by })
verdict-confirm = Confirm
yes = yes
no = no

## Expert pool (issue 10 §6)
pool-title = Deployment
pool-link = Programmes, sectors and base
pool-intro = Which programmes and sectors this expert works for (none ticked = all), and where the distance to a school is measured from. Matching puts experts who do not fit last and says why.
pool-programmes = Programmes
pool-sectors = Sectors
pool-base = Base (standplaats)
pool-base-hint = A place as the register writes it, for example Utrecht; empty = no base (the province counts).
pool-max-km = Furthest travel distance in km (empty = no limit)
pool-save = Save deployment

## GDPR: a person's data (issue 12)
privacy-title = A person's data
privacy-back = Back to the user
privacy-link = All data about this person (GDPR access)
privacy-intro = Everything Koers keeps about this person: the account, roles, API tokens, the expert profile, applications they filed or are the contact of, audit entries by or about them, login attempts and mails in the outbox. This access is itself recorded in the audit log.
privacy-download-json = Download as JSON
privacy-none = Nothing recorded.
privacy-erased = The person has been erased. What had to stay (audit log, applications, expert profile) now names a placeholder; the rest was deleted.
privacy-account = Account
privacy-grants = Roles
privacy-tokens = API tokens
privacy-expert = Expert profile
privacy-applications = Applications
privacy-audit = Audit log
privacy-logins = Login attempts
privacy-mails = Mails in the outbox
privacy-created = created
privacy-last-used = last used
privacy-revoked = revoked
privacy-yes = yes
privacy-no = no
privacy-login-ok = succeeded
privacy-login-failed = failed
privacy-not-sent = not sent
privacy-erase-link = Erase this person (GDPR)
privacy-erase-title = Erase a person
privacy-erase-explain = Erasing cannot be undone.
privacy-erase-kept = Kept, with a placeholder instead of name and e-mail address: the audit log, applications (contact person), the expert profile and the account itself (which can no longer log in).
privacy-erase-deleted = Deleted: roles, API tokens, login attempts and mails to the person.
privacy-erase-final = Your own account and the last active administrator cannot be erased.
privacy-export-first = First view or download all data
privacy-erase-confirm = To confirm, type the e-mail address
privacy-erase-confirm-error = To confirm, type exactly this person's e-mail address.
privacy-erase-button = Erase for good
