use super::*;
use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("date")
}

fn kostenoverzicht() -> Workbook {
    let mut wb = Workbook::new("Kostenoverzicht GWGB-2026-0007", d(2026, 11, 30));
    wb.sheet("Dagdelen", ["Datum", "BRIN", "Activiteit", "Dagdelen", "Bedrag", "Aandeel school"])
        .row([
            d(2026, 9, 14).into(),
            "00AV".into(),
            "=1+1 intake".into(),
            3u32.into(),
            Cents(171_450).into(),
            Cell::percent(50.0),
        ])
        .row([
            d(2026, 10, 2).into(),
            "0123".into(),
            Cell::Empty,
            5u32.into(),
            Cents(285_750).into(),
            Cell::percent(50.0),
        ])
        .total(["Totaal".into(), Cell::Empty, Cell::Empty, 8u32.into(), Cents(457_200).into(), Cell::Empty]);
    wb.sheet("Trajecten", ["School", "Score"]).row(["De Linde".into(), Cell::number(2.456, 2)]);
    wb
}

fn read(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx opens")
}

fn styles(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("zip");
    let mut s = String::new();
    zip.by_name("xl/styles.xml").expect("styles").read_to_string(&mut s).expect("read");
    s
}

#[test]
fn a_workbook_has_its_sheets_in_order_with_typed_cells() {
    let bytes = kostenoverzicht().to_xlsx().expect("xlsx");
    let mut x = read(&bytes);
    assert_eq!(x.sheet_names(), ["Dagdelen", "Trajecten"]);
    let r = x.worksheet_range("Dagdelen").expect("sheet");
    assert_eq!(r.get((0, 0)), Some(&Data::String("Datum".into())));
    // Text stays text, however much it looks like a number or a formula.
    assert_eq!(r.get((1, 1)), Some(&Data::String("00AV".into())));
    assert_eq!(r.get((2, 1)), Some(&Data::String("0123".into())));
    assert_eq!(r.get((1, 2)), Some(&Data::String("=1+1 intake".into())));
    // Dates are dates, numbers numbers, money euros, percentages fractions.
    assert!(matches!(r.get((1, 0)), Some(Data::DateTime(dt)) if dt.as_f64() == 46279.0), "{:?}", r.get((1, 0)));
    assert_eq!(r.get((1, 3)), Some(&Data::Float(3.0)));
    assert_eq!(r.get((1, 4)), Some(&Data::Float(1714.5)));
    assert_eq!(r.get((1, 5)), Some(&Data::Float(0.5)));
    assert_eq!(r.get((3, 4)), Some(&Data::Float(4572.0)), "the totals row");
    let r = x.worksheet_range("Trajecten").expect("sheet");
    assert_eq!(r.get((1, 1)), Some(&Data::Float(2.456)));
}

#[test]
fn money_percent_and_dates_carry_their_formats() {
    let s = styles(&kostenoverzicht().to_xlsx().expect("xlsx"));
    for want in [
        r###"formatCode="&quot;€ &quot;#,##0.00;&quot;€ -&quot;#,##0.00""###,
        r#"formatCode="0.0%""#,
        r#"formatCode="dd-mm-yyyy""#,
        r###"formatCode="#,##0.00""###,
    ] {
        assert!(s.contains(want), "missing {want} in {s}");
    }
}

#[test]
fn the_creation_date_is_the_one_passed_in() {
    let bytes = kostenoverzicht().to_xlsx().expect("xlsx");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut core = String::new();
    zip.by_name("docProps/core.xml").expect("core").read_to_string(&mut core).expect("read");
    assert!(core.contains("2026-11-30T00:00:00Z"), "{core}");
    assert!(core.contains("<dc:title>Kostenoverzicht GWGB-2026-0007</dc:title>"), "{core}");
}

#[test]
fn bad_sheets_are_refused_with_the_sheet_named() {
    type Breaker = fn(&mut Workbook);
    let cases: [(Breaker, &str); 7] = [
        (|w| w.sheets.clear(), "het Excel-bestand kan niet worden gemaakt: het heeft geen werkbladen"),
        (
            |w| w.sheets[1].name = "dagdelen".into(),
            "het Excel-bestand kan niet worden gemaakt: twee werkbladen hebben dezelfde naam (werkblad 'dagdelen')",
        ),
        (
            |w| w.sheets[1].name = "a/b".into(),
            "het Excel-bestand kan niet worden gemaakt: de naam van een werkblad mag geen [ ] : * ? / \\ bevatten en niet met ' beginnen of eindigen (werkblad 'a/b')",
        ),
        (
            |w| w.sheets[1].name = "x".repeat(32),
            "het Excel-bestand kan niet worden gemaakt: de naam van een werkblad is hooguit 31 tekens (werkblad 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')",
        ),
        (
            |w| w.sheets[1].name = " ".into(),
            "het Excel-bestand kan niet worden gemaakt: een werkblad heeft geen naam (werkblad ' ')",
        ),
        (
            |w| {
                w.sheets[1].row(["kort".into()]);
            },
            "het Excel-bestand kan niet worden gemaakt: rij 3 van werkblad 'Trajecten' heeft 1 cellen, het blad heeft 2 kolommen",
        ),
        (
            |w| {
                w.sheets[1].row(["x".into(), Cell::number(f64::NAN, 1)]);
            },
            "het Excel-bestand kan niet worden gemaakt: rij 3 van werkblad 'Trajecten' bevat een ongeldig getal",
        ),
    ];
    for (break_it, want) in cases {
        let mut w = kostenoverzicht();
        break_it(&mut w);
        assert_eq!(w.to_xlsx().map_err(|e| e.to_string()).err().as_deref(), Some(want));
    }
}

#[test]
fn a_sheet_without_rows_still_has_its_header() {
    let mut wb = Workbook::new("Leeg", d(2026, 11, 30));
    wb.sheet("Tijdregistratie", ["Datum", "Dagdelen"]);
    let mut x = read(&wb.to_xlsx().expect("xlsx"));
    let r = x.worksheet_range("Tijdregistratie").expect("sheet");
    assert_eq!(r.get((0, 1)), Some(&Data::String("Dagdelen".into())));
    assert_eq!(r.height(), 1);
}

#[test]
fn options_become_empty_cells_and_numbers_their_kind() {
    assert_eq!(Cell::from(None::<Cents>), Cell::Empty);
    assert_eq!(Cell::from(Some(Cents(5))), Cell::Money(Cents(5)));
    assert_eq!(num_format(&Cell::number(1.0, 0)).as_deref(), Some("#,##0"));
    assert_eq!(num_format(&Cell::Percent { value: 1.0, decimals: 2 }).as_deref(), Some("0.00%"));
    assert_eq!(num_format(&Cell::text("x")), None);
}
