//! A realistic sample report — a five-page voortgangsrapportage with tables, four charts, a
//! reflection quote, an op-koers callout and signatures — built only through the public API.
//! Used by the tests and the benchmark, and an example for the report builders.

use crate::chart::indicator::Margin;
use crate::chart::scores::Norm;
use crate::chart::{Bar, BarChart, ChartError, IndicatorChart, LineKind, Point, RefLine, Scale, ScoreRow, ScoresChart};
use crate::document::{Callout, Column, Document, Metadata, Signature, Span, Table, Tone};
use koers_core::calendar::Date;
use koers_core::money::{Cents, split_cost};
use koers_core::nl;

/// The sample's school name, goal, indicator value, reason and signer (the text tests look for).
pub const SCHOOL: &str = "OBS De Morgenster";
pub const GOAL: &str = "Doel 1: begrijpend lezen op niveau";
pub const INDICATOR_VALUE: &str = "51,0%";
pub const REASON: &str = "Maatregel 'Leesteam start' is over de einddatum (15-01-2027) en niet gereed";
pub const SIGNER: &str = "J. de Vries";

fn date(y: i32, m: u8, d: u8) -> Result<Date, ChartError> {
    Date::new(y, m, d).map_err(|_| ChartError::Invalid { chart: "voorbeeld".into(), problem: "ongeldige datum" })
}

fn point(date: Date, value: f64) -> Point {
    Point { date, value, label: nl::percent(value) }
}

/// The sample voortgangsrapportage.
pub fn voortgangsrapportage() -> Result<Document, ChartError> {
    let meta = Metadata {
        organisation: "Leren Verbeteren — procesbegeleiding".into(),
        school: SCHOOL.into(),
        reference: Some("LV-2026-0042".into()),
        period: Some("schooljaar 2026/27, tot en met maart".into()),
        generated: "30 maart 2027".into(),
    };
    let mut doc = Document::new("Voortgangsrapportage", meta).with_subtitle("Verantwoording aan het bestuur");

    doc.section("Samenvatting")
        .key_values([
            ("Fase", "Uitvoering plan van aanpak (stap 5)"),
            ("Plan van aanpak", "versie 2, vastgesteld op 12 oktober 2026"),
            ("Expert", "Procesbegeleider (Leren Verbeteren)"),
            ("Dagdelen", "11 van 16 besteed"),
            ("Op koers?", "Niet op koers (2 redenen)"),
        ])
        .callout(Callout {
            tone: Tone::Warning,
            title: "Niet op koers".into(),
            text: Some("Twee signalen vragen om bijsturing in het volgende overleg met het bestuur:".into()),
            items: vec![
                REASON.into(),
                "Indicator 'Rekenen: automatiseren tafels' ligt 6,5 procentpunt onder de lijn naar de streefwaarde \
                 (marge 5,0)"
                    .into(),
            ],
        })
        .paragraph(
            "De school werkt sinds september aan twee verbeterdoelen uit de zelfevaluatie. Het leesdoel ligt op \
             koers; het rekendoel loopt achter doordat de nascholing van het team is verschoven naar het voorjaar. \
             Het team heeft de maatregelen bijgesteld (plan van aanpak versie 2) en de tussenresultaten besproken \
             met leerlingen, ouders en de medezeggenschapsraad.",
        );

    let results = results_chart()?;
    doc.section("Resultaten")
        .paragraph(
            "De eindtoetsresultaten van de laatste drie toetsjaren, met de signaleringswaarde van de Inspectie en \
             het gemiddelde van vergelijkbare scholen.",
        )
        .chart(results, None)
        .table(Table {
            caption: Some("Resultaten per toetsjaar".into()),
            columns: vec![
                Column::text("Toetsjaar"),
                Column::number("Leerlingen"),
                Column::number("1F"),
                Column::number("1S/2F"),
            ],
            rows: vec![
                row(&["2022/23", "31", "88,2%", "41,9%"]),
                row(&["2023/24", "28", "85,7%", "39,3%"]),
                row(&["2024/25", "33", "84,8%", "36,4%"]),
            ],
            total: Some(row(&["Driejaarsgemiddelde", "92", "86,2%", "39,1%"])),
        });

    let lezen = indicator_chart(
        "Begrijpend lezen groep 6 (% op niveau)",
        (45.0, 60.0),
        &[((2026, 11, 20), 47.5), ((2027, 1, 25), 49.0), ((2027, 3, 15), 51.0)],
    )?;
    let rekenen = indicator_chart(
        "Rekenen: automatiseren tafels (% beheerst)",
        (50.0, 75.0),
        &[((2026, 12, 10), 51.0), ((2027, 3, 10), 53.0)],
    )?;
    let goals = doc.section("Doelen en indicatoren");
    goals
        .heading(GOAL)
        .paragraph(
            "In juli 2027 leest 60% van de leerlingen van groep 6 op of boven niveau (nulmeting september 2026: \
             45%). Gemeten met de methodeonafhankelijke toets in november, januari en maart.",
        )
        .chart(lezen, None)
        .table(measurements_table(&[
            ("20-11-2026", "47,5%", "47,6%"),
            ("25-01-2027", "49,0%", "50,8%"),
            ("15-03-2027", INDICATOR_VALUE, "53,3%"),
        ]))
        .heading("Doel 2: rekenen, automatiseren van de tafels")
        .paragraph("In juli 2027 beheerst 75% van de leerlingen van groep 5 de tafels tot en met 10 (nulmeting 50%).")
        .chart(rekenen, None)
        .table(measurements_table(&[("10-12-2026", "51,0%", "57,7%"), ("10-03-2027", "53,0%", "64,5%")]));

    doc.section("Zelfevaluatie").chart(scores_chart()?, None).quote(
        "We zagen in de klassenbezoeken dat instructie vaak te lang duurt en dat de verwerking niet aansluit bij \
         wat leerlingen al kunnen. Het team wil eerst samen afspraken maken over het directe instructiemodel.",
        Some("Reflectie van het schoolteam, vraag 3".into()),
    );

    let statuses = ["gereed", "loopt", "loopt", "vertraagd", "gepland", "gereed", "loopt", "geschrapt"];
    let measures: Vec<Vec<String>> = (1..=16)
        .map(|i| {
            let status = statuses[i % statuses.len()];
            let name = match i {
                1 => "Leesteam start".to_owned(),
                2 => "Klassenbezoeken met kijkwijzer begrijpend lezen".to_owned(),
                3 => "Nascholing directe instructie (twee bijeenkomsten)".to_owned(),
                _ => format!("Maatregel {i}: uitwerking in de bouwvergadering en evaluatie met het team"),
            };
            row(&[&i.to_string(), &name, "Intern begeleider", &format!("{:02}-0{}-2027", 1 + i, 1 + i % 6), status])
        })
        .collect();
    doc.section("Maatregelen").table(Table {
        caption: Some("Maatregelen en hun status".into()),
        columns: vec![
            Column::number("Nr."),
            Column::wide("Maatregel", 3),
            Column::text("Eigenaar"),
            Column::text("Einddatum"),
            Column::text("Status"),
        ],
        rows: measures,
        total: None,
    });

    let tarief = Cents(57_150);
    let dagdelen: Vec<(&str, &str, u32)> = vec![
        ("Intake en zelfevaluatie", "september 2026", 3),
        ("Plan van aanpak", "oktober 2026", 2),
        ("Klassenbezoeken en feedback", "november 2026 – januari 2027", 4),
        ("Midterm review (externe audit)", "maart 2027", 2),
    ];
    let total: u32 = dagdelen.iter().map(|d| d.2).sum();
    let rows = dagdelen
        .iter()
        .map(|(what, when, n)| row(&[what, when, &n.to_string(), &Cents(tarief.0 * i64::from(*n)).to_string()]))
        .collect();
    doc.section("Dagdelen")
        .table(Table {
            caption: Some("Besteed per activiteit (tarief € 571,50 per dagdeel, excl. btw)".into()),
            columns: vec![
                Column::wide("Activiteit", 2),
                Column::text("Periode"),
                Column::number("Dagdelen"),
                Column::number("Bedrag"),
            ],
            rows,
            total: Some(row(&["Totaal", "", &total.to_string(), &Cents(tarief.0 * i64::from(total)).to_string()])),
        })
        .rich(vec![
            Span::plain("Budget: "),
            Span::strong("16 dagdelen"),
            Span::plain(" (twee blokken van 8). Nog beschikbaar: "),
            Span::strong("5 dagdelen"),
            Span::emph(" — besluit over een verlenging volgt na de eindmeting."),
        ]);

    doc.section("Reviews")
        .heading("Midterm review, 8 maart 2027 (externe auditor)")
        .bullets([
            "Standaard OP3: de instructie is korter en doelgerichter geworden; de verwerking sluit nog niet aan.",
            "Standaard KA1: het team analyseert de tussenresultaten zelf en stelt de aanpak bij.",
            "Aanbeveling: leg de afspraken over het instructiemodel vast in de kwaliteitskaart.",
        ])
        .quote(
            "We nemen de aanbeveling over en bespreken de kwaliteitskaart in april.",
            Some("Reactie van de school".into()),
        );

    doc.section("Oordeel van de expert")
        .paragraph(
            "Het team heeft in korte tijd een gezamenlijke taal ontwikkeld over goed onderwijs. De leesresultaten \
             stijgen volgens plan. Voor rekenen is de achterstand op de lijn verklaarbaar, maar het tempo moet \
             omhoog: de nascholing staat nu gepland in april en mei.\n\nIk adviseer het bestuur de school te \
             ondersteunen bij het vrijroosteren van de rekencoördinator.",
        )
        .heading("Volgende stappen")
        .bullets([
            "April 2027: nascholing directe instructie, tweede bijeenkomst.",
            "Mei 2027: tussenmeting rekenen en bijstelling van het plan.",
            "Juli 2027: eindmeting en eindrapportage.",
        ]);

    doc.section("Ondertekening").signatures(vec![
        Signature {
            name: SIGNER.into(),
            role: "Schoolleider".into(),
            date: "28 maart 2027".into(),
            note: Some("Digitaal ondertekend in Koers".into()),
        },
        Signature {
            name: "A. Bakker".into(),
            role: "Procesbegeleider".into(),
            date: "29 maart 2027".into(),
            note: Some("Digitaal ondertekend in Koers".into()),
        },
    ]);
    Ok(doc)
}

/// A one-page kostenoverzicht (issue 10: dagdelen × tarief and the co-financing shares) for an
/// NPO school: 8 dagdelen at € 571,50, school share 50 % = € 2.286,00.
pub fn kostenoverzicht() -> Document {
    let meta = Metadata {
        organisation: "Leren Verbeteren — NPO".into(),
        school: SCHOOL.into(),
        reference: Some("NPO-2026-0013".into()),
        period: Some("1 september 2026 tot en met 31 december 2026".into()),
        generated: "5 januari 2027".into(),
    };
    let rate = Cents(57_150);
    let lines = [
        ("14-09-2026", "Schoolscan en gesprek", 3u32),
        ("12-10-2026", "Stappenplan", 2),
        ("16-11-2026", "Teamscholing", 3),
    ];
    let rows = lines
        .iter()
        .map(|(d, what, n)| {
            let c = split_cost(rate, 50, *n);
            row(&[d, what, &n.to_string(), &c.total.to_string(), &c.school.to_string(), &c.programme.to_string()])
        })
        .collect();
    let total = split_cost(rate, 50, lines.iter().map(|l| l.2).sum());
    let mut doc = Document::new("Kostenoverzicht", meta);
    doc.section("Dagdelen en kosten")
        .table(Table {
            caption: Some("Tarief € 571,50 per dagdeel, excl. btw; cofinanciering 50/50".into()),
            columns: vec![
                Column::text("Datum"),
                Column::wide("Activiteit", 2),
                Column::number("Dagdelen"),
                Column::number("Totaal"),
                Column::number("School"),
                Column::number("Programma"),
            ],
            rows,
            total: Some(row(&[
                "Totaal",
                "",
                &total.dagdelen.to_string(),
                &total.total.to_string(),
                &total.school.to_string(),
                &total.programme.to_string(),
            ])),
        })
        .key_values([
            ("Te betalen door de school", total.school.to_string()),
            ("Bijdrage programma", total.programme.to_string()),
        ]);
    doc
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

fn measurements_table(rows: &[(&str, &str, &str)]) -> Table {
    Table {
        caption: Some("Metingen".into()),
        columns: vec![Column::text("Datum"), Column::number("Waarde"), Column::number("Lijn"), Column::text("Bron")],
        rows: rows.iter().map(|(d, v, l)| row(&[d, v, l, "Methodeonafhankelijke toets"])).collect(),
        total: None,
    }
}

/// The results chart as the eligibility page draws it (1F, three years, two lines).
pub fn results_chart() -> Result<crate::chart::Svg, ChartError> {
    let bar = |label: &str, v: f64| Bar { label: label.into(), value: Some(v), value_text: nl::percent(v) };
    BarChart {
        title: "%1F per toetsjaar".into(),
        description: "%1F per toetsjaar: 2022/23 88,2%, 2023/24 85,7%, 2024/25 84,8%. Signaleringswaarde 85,0%, \
                      vergelijkbare scholen 91,5%."
            .into(),
        bars: vec![bar("2022/23", 88.2), bar("2023/24", 85.7), bar("2024/25", 84.8)],
        lines: vec![
            RefLine { kind: LineKind::Signaleringswaarde, value: 85.0, legend: "Signaleringswaarde 85,0%".into() },
            RefLine { kind: LineKind::Vergelijkbaar, value: 91.5, legend: "Vergelijkbare scholen 91,5%".into() },
        ],
        ticks: ["0%", "25%", "50%", "75%", "100%"].map(String::from),
    }
    .render()
}

fn indicator_chart(
    title: &str,
    (from, to): (f64, f64),
    ms: &[((i32, u8, u8), f64)],
) -> Result<crate::chart::Svg, ChartError> {
    let mut measurements = Vec::new();
    for &((y, m, d), v) in ms {
        measurements.push(point(date(y, m, d)?, v));
    }
    IndicatorChart {
        title: title.into(),
        description: String::new(),
        baseline: point(date(2026, 9, 15)?, from),
        target: point(date(2027, 7, 1)?, to),
        measurements,
        margin: Some(Margin { value: 5.0, legend: "Marge: 5,0 procentpunt onder de lijn".into() }),
        scale: Scale::percent(),
        line_legend: String::new(),
        measurements_legend: String::new(),
    }
    .render()
}

fn scores_chart() -> Result<crate::chart::Svg, ChartError> {
    let r = |label: &str, score: Option<f64>| ScoreRow { label: label.into(), score, value_text: String::new() };
    ScoresChart {
        title: "Zelfevaluatie per standaard".into(),
        description: String::new(),
        levels: ["onvoldoende", "voldoende", "goed", "excellent"].map(String::from).to_vec(),
        rows: vec![
            r("OP1 Aanbod", Some(3.0)),
            r("OP2 Zicht op ontwikkeling en begeleiding", Some(2.0)),
            r("OP3 Didactisch handelen", Some(1.5)),
            r("OP4 (Extra) ondersteuning", Some(2.5)),
            r("SK1 Veiligheid", Some(3.5)),
            r("SK2 Pedagogisch klimaat", Some(3.0)),
            r("OR1 Resultaten", Some(2.0)),
            r("KA1 Kwaliteitszorg", Some(1.5)),
            r("KA2 Kwaliteitscultuur", None),
        ],
        norm: Some(Norm { value: 2.0, legend: "Basiskwaliteit (2)".into() }),
    }
    .render()
}
