// Just over ~400 lines: one table of format refusals, each at its boundary; split by
// section (items, levels, phases) when a new kind of check is added.
//! Every refusal of a format, at its boundary, with the field named; parse errors in Dutch.

use super::fixture::{MINI, mini, mini_with};
use crate::format::{Format, FormatError, MAX_TOML_BYTES};

fn refused(text: &str) -> FormatError {
    Format::from_toml("f.toml", text).err().unwrap_or_else(|| panic!("accepted:\n{text}"))
}

fn accepted(text: &str) {
    if let Err(e) = Format::from_toml("f.toml", text) {
        panic!("refused: {e}");
    }
}

const OP2_LEVELS: &str = r#"levels = ["Niet systematisch.", "Deels systematisch.", "Systematisch en gebruikt.", "Systematisch en met hoge verwachtingen."]"#;

/// A fourth standard, inserted before the option lists.
fn extra_standard(code: &str) -> String {
    format!(
        "[[standards]]\n{code}\ntitle = \"Veiligheid\"\narea = \"Schoolklimaat\"\nexpectation = \"Veilig.\"\n\n[[option_lists]]"
    )
}

#[test]
fn each_invalid_value_is_refused_with_its_field_and_a_dutch_reason() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            OP2_LEVELS,
            r#"levels = ["a", "b", "c"]"#,
            "sections[1].items[1].levels",
            "een rubric heeft precies 4 niveaus (1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed); hier staan er 3",
        ),
        (
            OP2_LEVELS,
            r#"levels = ["a", "b", "c", "d", "e"]"#,
            "sections[1].items[1].levels",
            "een rubric heeft precies 4 niveaus (1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed); hier staan er 5",
        ),
        (
            OP2_LEVELS,
            r#"levels = ["a", " ", "c", "d"]"#,
            "sections[1].items[1].levels[2]",
            "de beschrijving van niveau 2 (voldoende op onderdelen) ontbreekt",
        ),
        (
            OP2_LEVELS,
            r#"levels = ["a", "b", "b", "d"]"#,
            "sections[1].items[1].levels[3]",
            "twee niveaus hebben dezelfde beschrijving",
        ),
        (
            "question = \"Wat doen jullie als een leerling achterblijft?\"",
            "question = \"  \"",
            "sections[1].items[2].question",
            "de vraag mag niet leeg zijn",
        ),
        (
            "max_chars = 20\n",
            "max_chars = 0\n",
            "sections[1].items[2].max_chars",
            "de lengtegrens moet tussen 1 en 20000 tekens liggen; hier staat 0",
        ),
        (
            "max_chars = 20\n",
            "max_chars = 20001\n",
            "sections[1].items[2].max_chars",
            "de lengtegrens moet tussen 1 en 20000 tekens liggen; hier staat 20001",
        ),
        (
            "id = \"op2-reflectie\"",
            "id = \"op2-score\"",
            "sections[1].items[2].id",
            "het id 'op2-score' komt twee keer voor (ook bij sections[1].items[1])",
        ),
        (
            "id = \"op3-score\"",
            "id = \"op2\"",
            "sections[2].items[1].id",
            "het id 'op2' komt twee keer voor (ook bij sections[1])",
        ),
        (
            "id = \"op2-score\"",
            "id = \"OP2 score\"",
            "sections[1].items[1].id",
            "'OP2 score' is geen geldig id: gebruik kleine letters, cijfers en losse streepjes (bijvoorbeeld op1-aanbod)",
        ),
        (
            "standard = \"OP2\"\n\n[[sections.items]]",
            "standard = \"OP9\"\n\n[[sections.items]]",
            "sections[1].standard",
            "onbekende standaard 'OP9'; dit format kent OP2, OP3, KA1",
        ),
        (
            "id = \"op3-bezoeken\"",
            "id = \"op3-bezoeken\"\nstandard = \"SK1\"",
            "sections[2].items[2].standard",
            "onbekende standaard 'SK1'; dit format kent OP2, OP3, KA1",
        ),
        (
            "max_file_mb = 2",
            "max_file_mb = 0",
            "sections[1].items[3].max_file_mb",
            "de grootte per bestand (in MB) moet tussen 1 en 50 liggen; hier staat 0",
        ),
        (
            "max_file_mb = 2",
            "max_file_mb = 51",
            "sections[1].items[3].max_file_mb",
            "de grootte per bestand (in MB) moet tussen 1 en 50 liggen; hier staat 51",
        ),
        (
            "max_files = 2",
            "max_files = 21",
            "sections[1].items[3].max_files",
            "het aantal bestanden moet tussen 0 en 20 liggen; hier staat 21",
        ),
        (
            "max_files = 2",
            "max_files = 0\nallow_link = false",
            "sections[1].items[3].max_files",
            "zonder bestanden en zonder link valt er niets aan te leveren",
        ),
        (
            "accept = [\"pdf\", \"docx\"]",
            "accept = []",
            "sections[1].items[3].accept",
            "noem minstens één bestandssoort (pdf, docx, xlsx, png of jpg)",
        ),
        (
            "accept = [\"pdf\", \"docx\"]",
            "accept = [\"pdf\", \"pdf\"]",
            "sections[1].items[3].accept[2]",
            "de bestandssoort 'pdf' staat er twee keer",
        ),
        (
            "free_rows = 1",
            "free_rows = 51",
            "sections[1].items[4].tables[1].free_rows",
            "het aantal vrije rijen moet tussen 0 en 50 liggen; hier staat 51",
        ),
        (
            "rows = [{ id = \"g7\", label = \"Groep 7\" }, { id = \"g8\", label = \"Groep 8\" }]\nfree_rows = 1",
            "free_rows = 0",
            "sections[1].items[4].tables[1].rows",
            "een tabel zonder vaste rijen heeft free_rows nodig",
        ),
        (
            "{ id = \"g8\", label = \"Groep 8\" }",
            "{ id = \"g7\", label = \"Groep 8\" }",
            "sections[1].items[4].tables[1].rows[2].id",
            "het id 'g7' komt twee keer voor (ook bij sections[1].items[4].tables[1].rows[1].id)",
        ),
        (
            "kijkwijzer = \"kw\"",
            "kijkwijzer = \"icalt\"",
            "sections[2].items[2].kijkwijzer",
            "onbekende kijkwijzer 'icalt'; dit format kent kw",
        ),
        (
            "max_visits = 3",
            "max_visits = 0",
            "sections[2].items[2].max_visits",
            "het aantal klassenbezoeken moet tussen 1 en 200 liggen; hier staat 0",
        ),
        (
            "max_visits = 3",
            "max_visits = 201",
            "sections[2].items[2].max_visits",
            "het aantal klassenbezoeken moet tussen 1 en 200 liggen; hier staat 201",
        ),
        (
            "min_visits = 2",
            "min_visits = 4",
            "sections[2].items[2].min_visits",
            "min_visits mag niet groter zijn dan max_visits",
        ),
        (
            "option_list = \"menu\"",
            "option_list = \"menukaart\"",
            "sections[3].items[2].option_list",
            "onbekende optielijst 'menukaart'",
        ),
        (
            "option_list = \"menu\"",
            "option_list = \"menu\"\noptions = [{ id = \"x\", label = \"X\" }]",
            "sections[3].items[2]",
            "een choice-item haalt zijn opties uit precies één bron: options, option_list of from_standards = true",
        ),
        (
            "max_selected = 2",
            "max_selected = 4",
            "sections[3].items[2].max_selected",
            "max_selected moet tussen 1 en 3 (het aantal opties) liggen; hier staat 4",
        ),
        (
            "max_selected = 2",
            "max_selected = 0",
            "sections[3].items[2].max_selected",
            "max_selected moet tussen 1 en 3 (het aantal opties) liggen; hier staat 0",
        ),
        (
            "question = \"Is er een kwaliteitskalender?\"",
            "question = \"Is er een kwaliteitskalender?\"\nmax_selected = 1",
            "sections[3].items[3].max_selected",
            "max_selected hoort alleen bij multiple = true",
        ),
        (
            "question = \"Is er een kwaliteitskalender?\"",
            "question = \"Is er een kwaliteitskalender?\"\nmin_selected = 2",
            "sections[3].items[3].min_selected",
            "min_selected is groter dan het aantal opties dat gekozen mag worden",
        ),
        (
            "{ id = \"ja\", label = \"Ja\" }",
            "{ id = \"ja\", label = \"Ja\", group = \"a\" }",
            "sections[3].items[3].options[1].group",
            "groepen horen bij een optielijst (option_lists)",
        ),
        (
            "label = \"Zomerschool\", group = \"a\"",
            "label = \"Zomerschool\", group = \"z\"",
            "option_lists[1].options[1].group",
            "onbekende groep 'z' in de lijst 'menu'",
        ),
        (
            "{ id = \"tutoring\"",
            "{ id = \"zomerschool\"",
            "option_lists[1].options[3].id",
            "het id 'zomerschool' komt twee keer voor (ook bij option_lists[1].options[1].id)",
        ),
        (
            "\"overwegend zwak\", ",
            "",
            "kijkwijzers[1].scale",
            "een kijkwijzer heeft precies 4 schaalwaarden (score 1 tot en met 4); hier staan er 3",
        ),
        (
            "{ id = \"klimaat-2\"",
            "{ id = \"klimaat\"",
            "kijkwijzers[1].domains[1].items[2].id",
            "het id 'klimaat' komt twee keer voor (ook bij kijkwijzers[1].domains[1].id)",
        ),
        (
            "text = \"De leraar toont respect.\"",
            "text = \"\"",
            "kijkwijzers[1].domains[1].items[2].text",
            "de tekst van een kijkpunt mag niet leeg zijn",
        ),
        (
            "[[option_lists]]",
            &extra_standard("code = \"sk1\""),
            "standards[4].code",
            "'sk1' is geen standaardcode zoals OP1, SK2 of BKA3",
        ),
        (
            "[[option_lists]]",
            &extra_standard("code = \"OP2\""),
            "standards[4].code",
            "de code 'OP2' komt twee keer voor (ook bij standards[1].code)",
        ),
        (
            "[[option_lists]]",
            &extra_standard("code = \"SK1\"\nalias = \"OP3\""),
            "standards[4].alias",
            "de code 'OP3' komt twee keer voor (ook bij standards[2].code)",
        ),
        (
            "expectation = \"Lessen zijn duidelijk en afgestemd.\"",
            "expectation = \"\"",
            "standards[2].expectation",
            "wat de Inspectie verwacht voor voldoende mag niet leeg zijn",
        ),
        (
            "id = \"mini\"",
            "id = \"Mini\"",
            "id",
            "'Mini' is geen geldig id: gebruik kleine letters, cijfers en losse streepjes (bijvoorbeeld zelfevaluatie-po)",
        ),
        ("version = 2", "version = 0", "version", "version moet een geheel getal van 1 of hoger zijn"),
        ("title = \"Kleine zelfevaluatie\"", "title = \"\"", "title", "de titel mag niet leeg zijn"),
        (
            "version = \"Onderzoekskader 2021 (po), herzien 2024\"",
            "version = \" \"",
            "framework.version",
            "de versie van het kader mag niet leeg zijn",
        ),
        (
            "filled_by = \"school\"",
            "filled_by = \"school\"\nscope = \"ka1-menu\"",
            "scope",
            "scope moet het id zijn van een choice-item met from_standards = true; 'ka1-menu' is dat niet",
        ),
        ("prefill = \"po-resultatenmodel\"\n\n[[sections.items.tables]]", "[[sections.items.tables]]", "", ""),
    ];
    for (from, to, field, detail) in cases {
        if field.is_empty() {
            accepted(&mini_with(from, to));
            continue;
        }
        let e = refused(&mini_with(from, to));
        assert_eq!((e.field(), e.detail()), (*field, *detail), "{from} → {to}: {e}");
        assert_eq!(e.problems.len(), 1, "{from} → {to}: {:?}", e.problems);
        assert_eq!(e.to_string(), format!("format f.toml: {field}: {detail}"));
    }
}

#[test]
fn the_values_at_each_limit_are_accepted() {
    for (from, to) in [
        ("max_chars = 20\n", "max_chars = 1\n"),
        ("max_chars = 20\n", "max_chars = 20000\n"),
        ("max_file_mb = 2", "max_file_mb = 1"),
        ("max_file_mb = 2", "max_file_mb = 50"),
        ("max_files = 2", "max_files = 20"),
        ("max_files = 2", "max_files = 0"),
        ("max_visits = 3", "max_visits = 200"),
        ("min_visits = 2", "min_visits = 3"),
        ("max_selected = 2", "max_selected = 3"),
        ("free_rows = 1", "free_rows = 50"),
    ] {
        accepted(&mini_with(from, to));
    }
}

#[test]
fn every_problem_is_listed_at_once() {
    let text = mini_with("version = 2", "version = 0").replace("max_visits = 3", "max_visits = 201");
    let e = refused(&text);
    let fields: Vec<&str> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["version", "sections[2].items[2].max_visits"]);
    assert_eq!(
        e.to_string(),
        "format f.toml: version: version moet een geheel getal van 1 of hoger zijn (en nog 1 andere fout(en))"
    );
}

#[test]
fn a_format_without_sections_or_with_an_empty_section_is_refused() {
    let mut f = mini();
    f.sections[1].items.clear();
    let e = f.validate("db").err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!((e.field(), e.detail()), ("sections[2].items", "sectie 'op3' heeft geen items"));
    f.sections.clear();
    let e = f.validate("db").err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!((e.field(), e.detail()), ("sections", "een format heeft minstens één sectie"));
}

#[test]
fn a_format_without_standards_accepts_any_standard_code() {
    let mut f = mini();
    f.standards.clear();
    f.sections[0].standard = Some("OP9".into());
    assert_eq!(f.validate("db"), Ok(()));
}

#[test]
fn parse_errors_name_the_item_and_the_field_in_dutch() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "kind = \"reflection\"",
            "kind = \"reflectie\"",
            "sections[1].items[2]",
            "regel 73: onbekende soort item (kind) 'reflectie'; kies uit `rubric`, `reflection`, `evidence`, `results`, `observation`, `choice`",
        ),
        (
            "max_chars = 20\n",
            "max_chars = 20\nmaxchars = 3\n",
            "sections[1].items[2].maxchars",
            "regel 73: onbekend veld 'maxchars' (verkeerd gespeld?)",
        ),
        (
            "question = \"Wat doen jullie als een leerling achterblijft?\"",
            "",
            "sections[1].items[2].question",
            "regel 73: het veld 'question' ontbreekt",
        ),
        (
            "max_chars = 20\n",
            "max_chars = \"twintig\"\n",
            "sections[1].items[2]",
            "regel 73: verkeerd soort waarde (tekst \"twintig\", verwacht een geheel getal)",
        ),
        (
            "unit = \"percent\"",
            "unit = \"procent\"",
            "sections[1].items[4]",
            "regel 88: onbekende waarde 'procent'; kies uit `percent`, `number`, `text`, `date`",
        ),
        (
            "filled_by = \"expert\"",
            "filled_by = \"adviseur\"",
            "sections[3].filled_by",
            "regel 133: onbekende waarde 'adviseur'; kies uit `school`, `expert`, `together`",
        ),
        ("id = \"mini\"", "id = \"mini\"\nid = \"x\"", "id", "regel 3: het veld 'id' staat er twee keer"),
        ("version = 2", "version = twee", "", "regel 3: geen geldige TOML: "),
    ];
    for (from, to, field, detail) in cases {
        let e = refused(&mini_with(from, to));
        assert_eq!(e.field(), *field, "{from} → {to}: {e}");
        assert!(e.detail().starts_with(detail), "{from} → {to}: {}", e.detail());
    }
}

#[test]
fn a_text_larger_than_the_limit_is_refused_before_parsing() {
    let big = format!("{MINI}\n# {}", "x".repeat(MAX_TOML_BYTES));
    let e = refused(&big);
    assert!(e.detail().starts_with("het format is te groot ("), "{e}");
}
