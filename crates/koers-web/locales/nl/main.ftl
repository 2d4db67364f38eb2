## Layout
skip-link = Naar de inhoud
nav-label = Hoofdmenu
nav-home = Kom ik in aanmerking?
nav-check = Zelf getallen invoeren
lang-switch = English
footer-text = Koers ondersteunt verbeterprogramma's in het onderwijs. De resultaten komen uit de open data van de Inspectie van het Onderwijs en DUO.
footer-api = API-specificatie (OpenAPI, JSON)

## Errors
error-home-link = Naar de startpagina
error-404-title = Pagina niet gevonden
error-404-text = Deze pagina bestaat niet (meer). Controleer het adres of zoek je school opnieuw.
error-405-title = Dit kan hier niet
error-405-text = Deze pagina ondersteunt deze handeling niet.
error-403-title = Geen toegang
error-403-text = Je hebt geen toegang tot deze pagina.
error-400-title = Ongeldig verzoek
error-400-text = Het verzoek kon niet worden verwerkt. Controleer het adres of het formulier.
error-409-title = Intussen gewijzigd
error-409-text = Iemand anders heeft dit intussen gewijzigd, of het kan niet meer veranderen. Laad de pagina opnieuw om de huidige stand te zien en probeer het dan opnieuw.
error-413-title = Te groot
error-413-text = Wat je stuurde is groter dan Koers aanneemt.
error-429-title = Even geduld
error-429-text = Er komen nu te veel verzoeken binnen. Probeer het over een paar seconden opnieuw.
error-500-title = Er ging iets mis
error-500-text = Er ging aan onze kant iets mis. Probeer het later opnieuw.
error-prefix = Fout:
error-title-prefix = Fout:

## Home
home-title = Kom ik in aanmerking?
home-intro = Zoek je school en zie meteen of die in aanmerking komt voor Goed Worden, Goed Blijven+ (GWGB+): de driejaarsgemiddelden, de signaleringswaarden van de Inspectie, vergelijkbare scholen en waarom.
home-search-heading = Zoek je school
home-manual-heading = Zelf getallen invoeren
home-manual-text = Staat je school er niet in, of wil je met eigen getallen rekenen? Vul de resultaten van drie toetsjaren en de schoolweging zelf in.
home-manual-link = Getallen zelf invoeren
home-how-heading = Hoe werkt het?
home-how-text = De Inspectie kijkt naar het gewogen gemiddelde van de drie meest recente toetsjaren, voor het fundamentele niveau (1F) en het streefniveau (1S/2F), en vergelijkt dat met de signaleringswaarde bij de schoolweging van je school.
home-light-text = Het stoplicht (rood, oranje, groen) is de eigen indeling van Koers, geen oordeel van de Inspectie.

## Search
search-form-label = Scholen zoeken
search-label = Naam, BRIN of plaats van de school
search-hint = Bijvoorbeeld „WereldWijs”, „00AP” of „Amsterdam”. De resultaten verschijnen terwijl je typt.
search-button = Zoeken
search-title = Scholen zoeken
search-empty = Typ de naam, BRIN of plaats van een school.
search-too-short = Typ minstens twee tekens.
search-none = Geen scholen gevonden voor „{ $q }”. Probeer een deel van de naam, de BRIN of de plaats.
search-count = { $count ->
    [one] 1 school gevonden
   *[other] { $count } scholen gevonden
}

## Sectors
sector-po = basisonderwijs (po)
sector-sbo = speciaal basisonderwijs (sbo)
sector-so = speciaal onderwijs (so)
sector-vso = voortgezet speciaal onderwijs (vso)
sector-vo = voortgezet onderwijs (vo)

## School page
fact-brin = BRIN
fact-ovt = Object van toezicht
fact-place = Plaats
fact-municipality = Gemeente
fact-province = Provincie
fact-board = Bestuur
fact-sector = Sector
fact-denomination = Denominatie
fact-schoolweging = Schoolweging
fact-website = Website
school-results-heading = Resultaten per toetsjaar
school-no-results = Er zijn geen resultaten van deze school bekend.
school-published-heading = Gepubliceerde driejaarswaarden
school-published-hint = Zoals de Inspectie ze publiceerde; gebruikt wanneer jaarcijfers zijn afgeschermd.
published-last-year = Laatste toetsjaar
school-note-special = Voor sbo, so en vso speelt de signaleringswaarde geen rol: daar beslissen kwalitatieve criteria of je school in aanmerking komt. Neem contact op met het programma.
fact-kind = Soort / onderwijsstructuur
fact-clusters = Cluster(s)
fact-vestiging = Vestiging
school-note-vo = Voor het voortgezet onderwijs beslissen het oordeel van de Inspectie (per afdeling) of een aantoonbaar risico, zoals dalende slagingspercentages, of je school bij Leren Verbeteren past.
exam-heading = Examens: slagingspercentage per schooljaar
exam-hint = Uit DUO's bestand examenkandidaten en geslaagden, opgeteld over alle opleidingen van deze vestiging en per afdeling.
exam-col-candidates = Kandidaten
exam-col-whole = Hele vestiging
exam-estimated = ≈ = geschat: DUO schermt aantallen onder de 5 af; tussen haakjes de grenzen die de gepubliceerde percentages zeker toelaten.
school-own-numbers = Rekenen met eigen getallen

## Columns
col-school-year = Schooljaar
col-pupils = Leerlingen
col-pct-1f = %1F
col-pct-1s2f = %1S/2F
masked = afgeschermd
no-result = geen resultaat

## Eligibility
elig-heading = Komt je school in aanmerking voor GWGB+?
elig-window = Toetsjaren
elig-schoolweging = Schoolweging
elig-pupils = Leerlingen over drie jaar
elig-norms = Normtabel
elig-values-heading = Driejaarsgemiddelden en normen
elig-measure = Maat
elig-light = Stoplicht (eigen indeling van Koers)
elig-light-note = Het stoplicht is de eigen indeling van Koers, geen oordeel of label van de Inspectie: rood = onder de signaleringswaarde, oranje = van de signaleringswaarde tot de grenswaarde, groen = op of boven de grenswaarde. De grenswaarde ligt midden tussen de signaleringswaarde en het gemiddelde van vergelijkbare scholen.
elig-chart-heading = Resultaten per toetsjaar in beeld
elig-years-caption = Resultaten per toetsjaar (de gegevens van de grafieken)
elig-reasons-heading = Waarom
elig-levers-heading = Wat zou het veranderen?
elig-levers-none = Hiervoor zijn de resultaten van de twee meest recente toetsjaren nodig.
measure-value = Driejaarsgemiddelde
measure-signalering = Signaleringswaarde (Inspectie)
measure-comparable = Vergelijkbare scholen
measure-grens = Grenswaarde (Koers)
measure-national = Landelijk gemiddelde
measure-outcome = Uitkomst (Inspectie)
outcome-boven = Boven de signaleringswaarde
outcome-onder = Onder de signaleringswaarde
outcome-te-weinig = Te weinig gegevens
outcome-klein = Kleine school - Beoordeling over 5 jaar
light-rood = rood: onder de signaleringswaarde
light-oranje = oranje: tussen signaleringswaarde en grenswaarde
light-groen = groen: boven de grenswaarde
light-none = geen: niet te bepalen
verdict-eligible = Komt in aanmerking
verdict-not-eligible = Komt niet in aanmerking
verdict-undetermined = Niet te bepalen uit de resultaten
verdict-refer = Verwijzing naar het reguliere programma GWGB
schoolweging-with-category = { $weging } (categorie { $category })
schoolweging-unknown = onbekend
window-label = { $from } t/m { $to }
chart-title = %{ $indicator } per toetsjaar
chart-line-signalering = Signaleringswaarde { $value }
chart-line-comparable = Vergelijkbare scholen { $value }
chart-line-grens = Grenswaarde (Koers) { $value }

## Reasons, levers and summary (worded from the structured data)
reason-below = het driejaarsgemiddelde { $indicator } ({ $value }) onder de signaleringswaarde ({ $signalering }) ligt
reason-within = het driejaarsgemiddelde { $indicator } ({ $value }) wel boven de signaleringswaarde ({ $signalering }) ligt, maar onder de grenswaarde ({ $grens }): dichter bij de signaleringswaarde dan bij het gemiddelde van vergelijkbare scholen ({ $comparable })
reason-above = het driejaarsgemiddelde { $indicator } ({ $value }) boven de grenswaarde ({ $grens }) ligt (vergelijkbare scholen: { $comparable })
reason-missing-years = er voor schooljaar { $years } geen resultaten zijn; het model heeft drie jaren nodig
reason-small-school = er over drie jaar { $pupils } leerlingen zijn (minder dan { $min }); de Inspectie beoordeelt een kleine school over vijf jaar
reason-few-pupils = er in schooljaar { $year } maar { $pupils } leerlingen waren (minder dan { $min })
reason-suppressed = de jaarcijfers niet gepubliceerd zijn (afgeschermd met *)
reason-no-schoolweging = de schoolweging onbekend is, zodat de signaleringswaarde 1S/2F en vergelijkbare scholen niet vastliggen
reason-oordeel = de Inspectie de school als { $oordeel } heeft beoordeeld
reason-herstelopdracht = de school een herstelopdracht van de Inspectie heeft
reason-population-not-described = de school haar leerlingpopulatie niet heeft beschreven
reason-no-fitting-ambitions = de school geen ambities voor resultaten heeft die bij haar leerlingpopulatie passen
reason-ambitions-not-met = de school haar ambities in de meeste jaren niet heeft gehaald
reason-qualitative-met = de school haar populatie heeft beschreven, passende ambities heeft en die in de meeste jaren haalt
oordeel-voldoende = voldoende
oordeel-onvoldoende = onvoldoende
oordeel-zeer-zwak = zeer zwak
word-and = en
lever-stay-always = Ook als in { $year } geen van de { $pupils } leerlingen { $indicator } haalt, blijft het driejaarsgemiddelde { $indicator } boven de grenswaarde ({ $threshold }).
lever-stay = Als in { $year } minder dan { $count } van de { $pupils } leerlingen { $indicator } halen (dit jaar { $latest }), zakt het driejaarsgemiddelde { $indicator } onder de grenswaarde ({ $threshold }) en komt de school in de band.
lever-stay-never = Ook als alle { $pupils } leerlingen in { $year } { $indicator } halen, zakt het driejaarsgemiddelde { $indicator } onder de grenswaarde ({ $threshold }).
lever-reach-signalering = Als in { $year } minstens { $count } van de { $pupils } leerlingen { $indicator } halen ({ $compare }), komt het driejaarsgemiddelde { $indicator } boven de signaleringswaarde ({ $threshold }).
lever-leave-band = Als in { $year } minstens { $count } van de { $pupils } leerlingen { $indicator } halen ({ $compare }), komt het driejaarsgemiddelde { $indicator } boven de grenswaarde ({ $threshold }) en valt de school voor deze indicator buiten de band.
lever-unreachable-signalering = Zelfs als alle { $pupils } leerlingen in { $year } { $indicator } halen, blijft het driejaarsgemiddelde { $indicator } onder de signaleringswaarde ({ $threshold }).
lever-unreachable-grens = Zelfs als alle { $pupils } leerlingen in { $year } { $indicator } halen, blijft het driejaarsgemiddelde { $indicator } onder de grenswaarde ({ $threshold }).
lever-more-than-now = { $extra } meer dan dit jaar
lever-now-was = dit jaar waren het er { $latest }
summary-eligible = Je school komt in aanmerking omdat
summary-not-eligible = Je school komt niet in aanmerking omdat
summary-undetermined = Op basis van de resultaten is niet te bepalen of je school in aanmerking komt, omdat
summary-refer = Je school kan terecht bij het reguliere programma Goed Worden, Goed Blijven, omdat
summary-contact = Neem contact op met het programma.

## Check form
check-title = Zelf getallen invoeren
check-intro = Vul per toetsjaar het aantal leerlingen en de gemiddelde percentages 1F en 1S/2F in, zoals in het rapport van de Inspectie of in Vensters. Laat een jaar leeg als er geen resultaat is.
check-decimal-hint = Je mag een komma of een punt gebruiken: 94,44 en 94.44 zijn allebei goed.
check-year-legend = Toetsjaar { $n }
check-test-year = Toetsjaar
check-pupils = Aantal leerlingen
check-pct-1f = Percentage 1F
check-pct-1s2f = Percentage 1S/2F
check-school-legend = Over de school
check-schoolweging = Schoolweging (driejaarsgemiddelde)
check-schoolweging-hint = Bijvoorbeeld 31,47. Zonder schoolweging ligt de signaleringswaarde voor 1S/2F niet vast.
check-next-pupils = Verwacht aantal leerlingen volgend jaar (niet verplicht)
check-next-pupils-hint = Voor „wat zou het veranderen”. Leeg: evenveel als in het laatste jaar.
check-submit = Bereken
check-errors-heading = Controleer je invoer
check-result-title = Uitkomst van je berekening
check-adjust-heading = Getallen aanpassen

### ---- Authenticated pages (auth/admin work): login, role homes, mijn school, bestuur, ----
### ---- screening, beheer, account. Keep this section together.                         ----

## Navigation (logged in)
nav-login = Inloggen
nav-logout = Uitloggen
nav-my-home = Mijn Koers
nav-screening = Screening
breadcrumb-label = Kruimelpad
nav-inbox = Aanmeldingen
nav-dashboard = Dashboard
rolehome-staff-work = Je werk
rolehome-staff-inbox = nieuwe en lopende aanmeldingen van je programma's
rolehome-staff-dashboard = de pijplijn per programma en status en de belasting van de experts
nav-admin = Beheer
nav-tokens = API-tokens
nav-logged-in-as = Ingelogd als { $name }

## Roles
role-beheerder = Beheerder
role-programmamedewerker = Programmamedewerker
role-expert = Expert
role-schoolleider = Schoolleider
role-bestuurder = Bestuurder
scope-global = hele installatie

## Forms and lists
form-errors-title = Controleer je invoer
form-save = Opslaan
filter-all = Alle
filter-apply = Filteren
pager-label = Pagina's
pager-prev = Vorige pagina
pager-next = Volgende pagina
pager-page = Pagina
col-school = School
col-place = Plaats
col-verdict = Uitkomst
col-light = Stoplicht
schools-none = Er zijn (nog) geen scholen om te tonen.
board-number = Bestuursnummer
board-fallback-name = Bestuur { $number }
board-schools-heading = Scholen van dit bestuur

## Login
login-title = Inloggen
login-email = E-mailadres
login-password = Wachtwoord
login-submit = Inloggen
login-error-heading = Inloggen is niet gelukt
login-email-required = Vul je e-mailadres in.
login-password-required = Vul je wachtwoord in.
login-error-credentials = E-mailadres of wachtwoord klopt niet.
login-error-inactive = Dit account is niet actief; neem contact op met de beheerder.
login-error-throttled = Te veel mislukte pogingen; probeer het over { $minutes } minuten opnieuw.
login-error-busy = Het is op dit moment erg druk; probeer het over een paar seconden opnieuw.

## Role home
rolehome-title = Mijn Koers
rolehome-welcome = Welkom, { $name }
rolehome-role = Je werkt in Koers als { $role }.
rolehome-no-role = Je account heeft nog geen rol. Vraag de beheerder om je een rol te geven.
rolehome-admin-users = accounts aanmaken en rollen toekennen
rolehome-admin-import = de landelijke bestanden in het register inlezen
rolehome-admin-audit = wie wat wanneer heeft gewijzigd
rolehome-screening-total = { $count } scholen in het register doorgelicht.
rolehome-by-verdict = Per uitkomst
rolehome-by-light = Per stoplicht
rolehome-screening-link = Naar de volledige screening
rolehome-trajectories = Jouw trajecten
rolehome-trajectories-empty = Je hebt nog geen trajecten. Trajecten komen hier zodra het programma je aan een school koppelt.
rolehome-your-schools = Jouw school

## Mijn school
school-own-public-link = openbare pagina
school-edit-heading = Gegevens in het register
school-field-name = Naam
school-field-place = Plaats
school-field-website = Website
school-field-weging = Schoolweging (driejaarsgemiddelde)
school-edit-saved = De wijzigingen zijn opgeslagen.
school-edit-manual-note = Wat je hier wijzigt, geldt als handmatige wijziging: een nieuwe import overschrijft het niet zonder melding.
school-edit-manual-fields = Handmatig gewijzigd:
school-edit-conflict-title = Iemand anders heeft deze school intussen gewijzigd
school-edit-conflict-text = Je wijzigingen zijn nog niet opgeslagen. Hieronder staan de gegevens zoals ze nu zijn; in het formulier staat nog alles wat jij hebt ingevuld. Controleer het en sla opnieuw op om jouw versie te bewaren.
school-edit-error-name = Vul de naam van de school in (hoogstens 200 tekens).
school-edit-error-place = De plaatsnaam mag hoogstens 100 tekens lang zijn.
school-edit-error-website = Vul een webadres in, bijvoorbeeld www.school.nl of https://www.school.nl.
school-edit-error-weging-number = Vul de schoolweging in als getal, bijvoorbeeld 31,47.
school-edit-error-weging-range = De schoolweging ligt tussen 0 en 100.
school-audit-heading = Wijzigingen

## Screening
screening-title = Proactieve screening
screening-intro = Alle scholen uit het register met de uitkomst van de GWGB+-toets en het stoplicht, de meest urgente eerst.
screening-count = { $count } scholen gevonden.

## Beheer: users
admin-users-title = Gebruikers
admin-import-title = Register inlezen
admin-audit-title = Logboek
users-new = Nieuwe gebruiker
users-name = Naam
users-email = E-mailadres
users-password = Wachtwoord
users-password-hint = Minstens 10 tekens. Geef het wachtwoord op een veilige manier door.
users-language = Taal
users-role = Rol
users-roles = Rollen
users-status = Status
users-active = Actief
users-inactive = Niet actief
users-active-hint = Een account dat niet actief is, kan niet inloggen; lopende sessies eindigen meteen.
users-create = Gebruiker aanmaken
users-back = Terug naar alle gebruikers
users-saved = De wijzigingen zijn opgeslagen.
users-edit-heading = Account
users-new-password = Nieuw wachtwoord
users-new-password-hint = Laat leeg om het wachtwoord niet te wijzigen. Een nieuw wachtwoord beëindigt alle sessies van deze gebruiker.
users-no-roles = Dit account heeft geen rollen.
users-add-role = Rol toevoegen
users-remove-role = Verwijderen
users-scope = Voor
users-scope-hint = Vul alleen in wat bij de rol hoort: een programma voor programmamedewerkers en experts, een school voor schoolleiders, een bestuur voor bestuurders.
users-scope-programme = Programma
users-scope-school = School (ovt-code, bijvoorbeeld 00AV|C1)
users-scope-board = Bestuursnummer
users-choose-role = Kies een rol
users-choose-programme = Kies een programma
users-conflict-title = Iemand anders heeft dit account intussen gewijzigd
users-conflict-text = Je wijzigingen zijn nog niet opgeslagen. Hieronder staat het account zoals het nu is; in het formulier staat nog wat jij hebt ingevuld (behalve een wachtwoord). Controleer het en sla opnieuw op.
users-error-name = Vul een naam in (hoogstens 200 tekens).
users-error-role = Kies een rol.
users-error-programme = Kies een bestaand programma.
users-error-school = Er is geen school met ovt-code { $ovt } in het register.
users-error-board-number = Vul een bestuursnummer in (alleen cijfers).
users-error-board = Er is geen bestuur met nummer { $number } in het register.
users-error-duplicate-grant = Dit account heeft deze rol al.

## Beheer: import
import-upload-heading = Bestand inlezen
import-file-label = Bestand
import-file-hint = Een bestand van de Inspectie of DUO als CSV, xlsx of ods, hoogstens 50 MB.
import-submit = Inlezen
import-error-heading = Het bestand is niet ingelezen
import-error-too-big = Het bestand is te groot: hoogstens 50 MB.
import-error-none = Kies een bestand om in te lezen.
import-error-empty = Het bestand { $file } is leeg.
import-error-type = Het bestand { $file } is geen CSV-, xlsx- of ods-bestand.
import-summary = Samenvatting
import-file = Bestand
import-rows = Regels
import-inserted = Nieuwe scholen
import-updated = Bijgewerkte scholen
import-unchanged = Ongewijzigde scholen
import-boards = Besturen
import-results = Gewijzigde resultaatjaren
import-weging = Gewijzigde wegingsjaren
import-not-linked = Niet te koppelen
import-kept = Handmatige wijzigingen behouden
import-rejected = Afgewezen regels
import-kept-caption = Handmatige wijzigingen die de import niet heeft overschreven
import-rejected-caption = Afgewezen regels
import-rejected-shown = (de eerste { $shown } van { $total }; alle afgewezen regels met `koers import` op de commandoregel)
import-col-field = Veld
import-col-kept = Behouden waarde
import-col-file-value = Waarde in het bestand
import-col-file = Bestand
import-col-line = Regel
import-col-column = Kolom
import-col-value = Waarde
import-col-problem = Probleem
import-field-name = Naam
import-field-place = Plaats
import-field-municipality = Gemeente
import-field-province = Provincie
import-field-denomination = Denominatie
import-field-board-number = Bevoegd gezag
import-field-schoolweging = Schoolweging
import-field-website = Website

## Beheer: audit log
audit-entity = Soort
audit-entity-id = Nummer
audit-actor = Door
audit-filter-all = Alle
audit-none = Geen wijzigingen gevonden.
audit-before = Voor
audit-after = Na

## Account: API tokens
tokens-title = API-tokens
tokens-intro = Met een token kan een programma namens jou de Koers-API gebruiken (Authorization: Bearer …), alleen de API onder /api/ en nooit meer dan jij mag. Wijzig je je wachtwoord of wordt je account gedeactiveerd, dan worden al je tokens ingetrokken.
tokens-new-heading = Je nieuwe token
tokens-new-once = Kopieer het token nu: het wordt maar één keer getoond en Koers bewaart alleen een vingerafdruk.
tokens-create-heading = Nieuw token
tokens-name = Naam
tokens-name-hint = Waarvoor je het token gebruikt, bijvoorbeeld „rapportage-script”.
tokens-error-name = Geef het token een naam (hoogstens 100 tekens).
tokens-create = Token maken
tokens-list-heading = Jouw tokens
tokens-none = Je hebt nog geen tokens.
tokens-created = Gemaakt
tokens-last-used = Laatst gebruikt
tokens-never-used = nog niet
tokens-status = Status
tokens-revoked = Ingetrokken
tokens-revoke = Intrekken
tokens-scope = Rechten
tokens-scope-read = Alleen lezen
tokens-scope-read-write = Lezen en schrijven
tokens-error-scope = Kies de rechten van het token.

# Aanmelden voor GWGB+
apply-link = Aanmelden voor GWGB+
apply-title = Aanmelden voor
apply-not-eligible-title = Deze school komt nu niet in aanmerking
apply-school-heading = Gegevens van de school
apply-programme = Programma
apply-board = Bestuur
apply-contact-heading = Contactpersoon en hulpvraag
apply-contact-name = Naam contactpersoon
apply-contact-email = E-mailadres
apply-contact-phone = Telefoonnummer (niet verplicht)
apply-help-question = Hulpvraag
apply-help-question-hint = Waar wil de school hulp bij? Hoogstens 4000 tekens.
apply-submit = Aanmelding versturen
receipt-title = Aanmelding
receipt-reference = Referentienummer
receipt-status = Stand
receipt-withdraw-title = Aanmelding intrekken
receipt-withdraw-reason = Reden
receipt-withdraw-hint = Waarom trek je de aanmelding in? Het programma ziet de reden.
receipt-withdraw-submit = Aanmelding intrekken
receipt-withdraw-error-reason = Geef een reden voor het intrekken.
receipt-withdraw-conflict = De aanmelding is intussen gewijzigd en kan zo niet (meer) worden ingetrokken. Hieronder staat de nieuwe stand.
receipt-mail-sent = We hebben een ontvangstbevestiging gestuurd naar { $email }.
receipt-board-asked = Het bestuur van de school moet de deelname goedkeuren; het bestuur heeft daarvoor een verzoek gekregen.
approve-title = Goedkeuring aanmelding
approve-approve-heading = Goedkeuren
approve-approve = Akkoord: de school mag deelnemen
approve-decline-heading = Afwijzen
approve-reason = Reden van afwijzing
approve-decline = Afwijzen
approve-reason-required = vul de reden van de afwijzing in
approve-link-refused = Deze link werkt niet
approve-login-link = Inloggen bij Koers
approve-done-title = Besluit vastgelegd
approve-done-approved = Uw goedkeuring voor aanmelding { $reference } is vastgelegd. Dank u wel.
approve-done-declined = Uw afwijzing van aanmelding { $reference } is vastgelegd, met uw reden.
admin-outbox-title = Uitgaande e-mail
outbox-intro = Alle e-mails die Koers verstuurt of nog moet versturen, nieuwste eerst.
outbox-empty = Er zijn nog geen e-mails.
outbox-to = Aan
outbox-created = Aangemaakt
outbox-sent = Verstuurd
outbox-not-sent = nog niet verstuurd
outbox-error = Laatste fout

## ---- programme staff: applications inbox, detail, matching, dashboard (programma/aanmeldingen) ----
staff-inbox-title = Aanmeldingen
staff-inbox-none = Geen aanmeldingen gevonden.
staff-dashboard-title = Dashboard programma
staff-programme = Programma
staff-status = Status
staff-search = Zoeken (referentie, contactpersoon, hulpvraag)
staff-applicant = School of bestuur
staff-submitted = Ingediend
staff-conflict-title = Iemand anders was je voor
staff-conflict = Iemand anders heeft deze aanmelding intussen gewijzigd. De aanmelding is nu: { $status } (versie { $version }). Bekijk de nieuwe stand en probeer het opnieuw; wat je invulde staat hieronder en in de formulieren.
staff-conflict-typed = Wat je invulde:
staff-intake-planned = Kennismaking gepland
staff-reason = Reden
staff-eligibility = Uitkomst bij aanmelding
staff-eligibility-none = Er is geen uitkomst bij deze aanmelding bewaard.
staff-intake-report = Verslag van de kennismaking
staff-expectations = Verwachtingen
staff-background = Achtergrond
staff-results = Resultaten
staff-inspection-visit = Inspectiebezoek gepland
staff-herstelopdracht = Herstelopdracht
staff-yes = ja
staff-no = nee
staff-trajectory = Traject
staff-expert = Expert
staff-phases = Fasen
staff-dagdelen = Dagdelen
staff-started = Gestart
staff-plan-heading = Kennismaking plannen
staff-date = Datum
staff-date-invalid = kies een bestaande datum (jjjj-mm-dd)
staff-attendees = Deelnemers
staff-attendees-hint = Namen gescheiden door komma's.
staff-plan = Kennismaking plannen
staff-record-heading = Verslag van de kennismaking vastleggen
staff-record = Verslag opslaan
staff-definitive-heading = Definitief maken
staff-definitive = Aanmelding definitief maken
staff-refer-heading = Doorverwijzen
staff-refer = Doorverwijzen
staff-decline-heading = Afwijzen
staff-decline = Afwijzen
staff-match-heading = Expert zoeken
staff-expertise = Gevraagde expertise
staff-expertise-hint = Gebieden gescheiden door komma's, bijvoorbeeld: rekenen, kwaliteitszorg.
staff-match = Experts zoeken
staff-no-experts = Er zijn geen experts.
staff-reasons = Waarom
staff-free = Vrij (trajecten / dagdelen)
staff-assign = Koppelen
staff-override = Reden voor overschrijding
staff-unavailable = niet beschikbaar
staff-history = Geschiedenis
staff-history-none = Nog geen geschiedenis.
staff-when = Wanneer
staff-who = Wie
staff-what = Wat
staff-pipeline = Aanmeldingen per programma en status
staff-total = Totaal
staff-loads = Belasting van de experts
staff-trajectories = Trajecten
staff-available = Beschikbaar
staff-over-capacity = boven capaciteit
staff-exports = Exporteren
staff-export-applications = Aanmeldingen
staff-export-trajectories = Trajecten
## ---- end programme staff ----

## ---- roles workflow: board task, applicant view, trajectories, expert pool, programmes ----
wf-approval-requested = Goedkeuring gevraagd
wf-back-home = Terug naar Mijn Koers
wf-conflict-title = Deze aanmelding is intussen gewijzigd
wf-decision-conflict = Iemand anders heeft over deze aanmelding intussen besloten of haar gewijzigd. Hieronder staat de stand van nu; je besluit is niet vastgelegd.
wf-decided-approved = Je goedkeuring is vastgelegd.
wf-decided-declined = Je afwijzing is vastgelegd, met de reden.
wf-dagdelen-planned = Geplande dagdelen
wf-expert = Expert
wf-reason = Reden
wf-school-applications = Aanmeldingen
wf-school-applications-none = Deze school heeft nog geen aanmeldingen.
wf-school-trajectories = Trajecten van de school
wf-timeline = Fasen
wf-trajectory-active = loopt
wf-trajectory-closed = afgesloten
wf-trajectory-link = Naar het traject
wf-trajectory-progress = { $done } van { $total } fasen afgerond.
wf-trajectory-title = Traject
wf-trajectory-end-title = Traject beëindigen
wf-trajectory-end-reason = Reden
wf-trajectory-end-hint = Waarom stopt het traject? De reden komt in het auditlog en blijft bij het traject zichtbaar.
wf-trajectory-end-submit = Traject beëindigen
wf-trajectory-ended-reason = Reden van beëindigen
wf-trajectory-end-error-reason = Geef een reden op: waarom stopt het traject?
wf-trajectory-end-error-long = De reden is te lang (hooguit { $max } tekens).
wf-trajectory-end-conflict = Iemand anders heeft dit traject intussen gewijzigd of beëindigd. Hieronder staat de nieuwe stand.
experts-title = Expertpool
experts-new = Nieuwe expert
experts-back = Terug naar de expertpool
experts-empty = Er zijn nog geen experts.
experts-name = Naam
experts-email = E-mailadres
experts-email-readonly = Deze expert heeft geen account; Koers herkent de expert aan dit e-mailadres, daarom kun je het hier niet wijzigen.
experts-account = Account (e-mailadres van de login)
experts-account-hint = Niet verplicht. Het e-mailadres waarmee de expert inlogt; leeg laten als de expert geen account heeft.
experts-expertise = Expertise
experts-comma-hint = Gescheiden door komma's, bijvoorbeeld: lezen, rekenen, didactiek.
experts-regions = Regio's (provincies)
experts-regions-hint = Gescheiden door komma's. Mogelijk: { $provinces }.
experts-capacity-trajectories = Trajecten per schooljaar
experts-capacity-dagdelen = Dagdelen per schooljaar
experts-available = Beschikbaar
experts-load-col = Huidige belasting
experts-load = { $trajectories } van { $capacity } trajecten, { $dagdelen } van { $dagdelencapacity } dagdelen
experts-yes = ja
experts-no = nee
experts-no-login = geen account
experts-conflict-title = Iemand anders heeft deze expert intussen gewijzigd
experts-conflict-text = Je wijzigingen zijn nog niet opgeslagen. Hieronder staat de expert zoals die nu is; in het formulier staat nog wat jij hebt ingevuld. Controleer het en sla opnieuw op.
experts-error-name = vul de naam in (hoogstens 200 tekens)
experts-error-email = vul een geldig e-mailadres in
experts-error-email-taken = er is al een expert met dit e-mailadres
experts-error-email-and-account = wijzig het e-mailadres en het account niet tegelijk; sla eerst het een op en dan het ander
experts-error-account = er is geen account met dit e-mailadres
experts-error-account-taken = dit account hoort al bij een andere expert
experts-error-expertise = een expertise mag hoogstens 100 tekens hebben
experts-error-regions = onbekende provincie: { $names }
experts-error-trajectories = vul een heel getal van 0 tot en met 100 in
experts-error-dagdelen = vul een heel getal van 0 tot en met 2000 in
programmes-title = Programma's
programmes-intro = Elk programma is data: de regels staan in een TOML-definitie die je hier kunt wijzigen.
programmes-seeded = De meegeleverde programma's zijn in de database gezet.
programmes-new = Nieuw programma
programmes-back = Terug naar alle programma's
programmes-name = Naam
programmes-id = Code
programmes-active = Actief
programmes-version = Versie
programmes-definition = Definitie (TOML)
programmes-definition-hint = De regels van het programma. Koers controleert ze bij het opslaan.
programmes-error = De definitie klopt niet: { $detail }
programmes-error-field = De definitie klopt niet (veld { $field }): { $detail }
programmes-error-duplicate = er bestaat al een programma met de code { $id }
programmes-error-id = de code (id) moet { $id } blijven
programmes-conflict-title = Iemand anders heeft dit programma intussen gewijzigd
programmes-conflict-text = Je wijzigingen zijn nog niet opgeslagen. Hieronder staat de definitie zoals die nu is; in het formulier staat nog jouw tekst. Controleer het en sla opnieuw op.
## ---- end roles workflow ----

# dashboard: trajectories per phase
staff-phase-pipeline = Lopende trajecten per fase
staff-phase = Fase
staff-no-trajectories = Nog geen lopende trajecten.

## Inspectie verdicts (issue 10 §2)
verdicts-title = Inspectieoordelen — { $name }
verdicts-link = Inspectieoordelen
verdicts-back = Terug
verdicts-intro = Er is geen openbaar bestand met oordelen van de Inspectie. Programmamedewerkers leggen ze vast; de school en haar bestuur kunnen ze verklaren (dan staan ze als verklaard tot een programmamedewerker ze bevestigt). De toelatingsregels van Leren Verbeteren en GWGB+ bestuur lezen ze mee.
verdicts-risk-heading = Aantoonbaar risico volgens DUO
verdicts-list-heading = Vastgelegde oordelen
verdicts-none = Er zijn nog geen oordelen vastgelegd.
verdicts-record-heading = Oordeel vastleggen
verdicts-declare-heading = Oordeel verklaren
verdicts-declare-hint = Een oordeel dat je verklaart telt mee, en staat als verklaard tot een programmamedewerker het bevestigt.
verdicts-record-button = Oordeel vastleggen
verdicts-declare-button = Oordeel verklaren
verdict-date = Datum van het oordeel
verdict-date-hint = Bijvoorbeeld 12-03-2025; niet in de toekomst.
verdict-oordeel = Oordeel
verdict-choose = Kies een oordeel
verdict-afdeling = Afdeling
verdict-whole = hele school
verdict-herstelopdracht = Herstelopdracht
verdict-risk-investigation = Onderzoek naar aanleiding van risico's
verdict-source = Bron
verdict-source-hint = Bijvoorbeeld "inspectierapport 12-03-2025" of de link naar het rapport.
verdict-status = Status
verdict-status-declared = verklaard (nog niet bevestigd)
verdict-status-confirmed = vastgesteld ({ $by })
verdict-confirm = Bevestigen
yes = ja
no = nee

## Expert pool (issue 10 §6)
pool-title = Inzet
pool-link = Programma's, sectoren en standplaats
pool-intro = Voor welke programma's en sectoren deze expert werkt (niets aangevinkt = alle), en van waar de afstand tot een school wordt gemeten. De matching zet wie niet past achteraan en zegt waarom.
pool-programmes = Programma's
pool-sectors = Sectoren
pool-base = Standplaats
pool-base-hint = Een plaats zoals het register hem schrijft, bijvoorbeeld Utrecht; leeg = geen standplaats (dan telt de provincie).
pool-max-km = Maximale reisafstand in km (leeg = geen grens)
pool-save = Inzet opslaan

## AVG: gegevens van een persoon (issue 12)
privacy-title = Gegevens van een persoon
privacy-back = Terug naar de gebruiker
privacy-link = Alle gegevens van deze persoon (AVG-inzage)
privacy-intro = Alles wat Koers over deze persoon bewaart: het account, rollen, API-tokens, het expertprofiel, aanmeldingen die de persoon deed of waarvan die contactpersoon is, auditregels door of over de persoon, inlogpogingen en mails in de outbox. Deze inzage wordt zelf ook in het auditlog vastgelegd.
privacy-download-json = Download als JSON
privacy-none = Niets vastgelegd.
privacy-erased = De persoon is gewist. Wat moest blijven (auditlog, aanmeldingen, expertprofiel) noemt nu een plaatsvervanger; de rest is verwijderd.
privacy-account = Account
privacy-grants = Rollen
privacy-tokens = API-tokens
privacy-expert = Expertprofiel
privacy-applications = Aanmeldingen
privacy-audit = Auditlog
privacy-logins = Inlogpogingen
privacy-mails = Mails in de outbox
privacy-created = aangemaakt
privacy-last-used = laatst gebruikt
privacy-revoked = ingetrokken
privacy-yes = ja
privacy-no = nee
privacy-login-ok = gelukt
privacy-login-failed = mislukt
privacy-not-sent = niet verzonden
privacy-erase-link = Deze persoon wissen (AVG)
privacy-erase-title = Persoon wissen
privacy-erase-explain = Wissen kan niet ongedaan worden gemaakt.
privacy-erase-kept = Blijft bestaan, met een plaatsvervanger in plaats van naam en e-mailadres: het auditlog, aanmeldingen (contactpersoon), het expertprofiel en het account zelf (dat niet meer kan inloggen).
privacy-erase-deleted = Wordt verwijderd: rollen, API-tokens, inlogpogingen en mails aan de persoon.
privacy-erase-final = Uw eigen account en de laatste actieve beheerder kunnen niet worden gewist.
privacy-export-first = Bekijk of download eerst alle gegevens
privacy-erase-confirm = Typ ter bevestiging het e-mailadres
privacy-erase-confirm-error = Bevestigen: typ precies het e-mailadres van deze persoon.
privacy-erase-button = Definitief wissen
