//! A small format with every item kind, used by the model tests (the shipped formats are tested
//! in `shipped.rs`).

use crate::format::Format;

pub(super) const MINI: &str = r#"
id = "mini"
version = 2
kind = "zelfevaluatie"
title = "Kleine zelfevaluatie"
intro = "Een format om mee te testen."
filled_by = "school"

[framework]
version = "Onderzoekskader 2021 (po), herzien 2024"
sources = ["onderwijsinspectie.nl"]

[[standards]]
code = "OP2"
title = "Zicht op ontwikkeling en begeleiding"
area = "Onderwijsproces"
core = true
expectation = "De school volgt de ontwikkeling van leerlingen."

[[standards]]
code = "OP3"
title = "Pedagogisch-didactisch handelen"
area = "Onderwijsproces"
core = true
expectation = "Lessen zijn duidelijk en afgestemd."

[[standards]]
code = "KA1"
alias = "SKA1"
title = "Kwaliteitszorg"
area = "Kwaliteitszorg en ambitie"
expectation = "De school evalueert en verbetert."

[[option_lists]]
id = "menu"
title = "Menukaart"
groups = [{ id = "a", label = "A. Meer onderwijs" }, { id = "b", label = "B. Effectiever onderwijs" }]
options = [
  { id = "zomerschool", label = "Zomerschool", group = "a" },
  { id = "kleine-groepen", label = "Instructie in kleine groepen", group = "b" },
  { id = "tutoring", label = "Een-op-een-begeleiding", group = "b" },
]

[[kijkwijzers]]
id = "kw"
title = "Kijkwijzer"
scale = ["overwegend zwak", "meer zwak dan sterk", "meer sterk dan zwak", "overwegend sterk"]

[[kijkwijzers.domains]]
id = "klimaat"
title = "Veilig en stimulerend leerklimaat"
standard = "OP3"
items = [{ id = "klimaat-1", text = "De leraar zorgt voor een ontspannen sfeer." },
         { id = "klimaat-2", text = "De leraar toont respect." }]

[[kijkwijzers.domains]]
id = "afstemming"
title = "Afstemming op verschillen"
standard = "OP3"
items = [{ id = "afstemming-1", text = "De leraar geeft zwakke leerlingen extra instructie." }]

[[sections]]
id = "op2"
title = "OP2 Zicht op ontwikkeling"
standard = "OP2"

[[sections.items]]
id = "op2-score"
kind = "rubric"
title = "Hoe goed volgen jullie de ontwikkeling?"
levels = ["Niet systematisch.", "Deels systematisch.", "Systematisch en gebruikt.", "Systematisch en met hoge verwachtingen."]

[[sections.items]]
id = "op2-reflectie"
kind = "reflection"
question = "Wat doen jullie als een leerling achterblijft?"
max_chars = 20

[[sections.items]]
id = "op2-bewijs"
kind = "evidence"
required = false
title = "Het zorgplan"
accept = ["pdf", "docx"]
max_file_mb = 2
max_files = 2

[[sections.items]]
id = "op2-resultaten"
kind = "results"
title = "Resultaten"
prefill = "po-resultatenmodel"

[[sections.items.tables]]
id = "lvs"
title = "LVS"
row_header = "Groep"
columns = [{ id = "rekenen", label = "Rekenen", unit = "percent" },
           { id = "bron", label = "Bron", unit = "text" },
           { id = "aantal", label = "Aantal", unit = "number" },
           { id = "datum", label = "Datum", unit = "date" }]
rows = [{ id = "g7", label = "Groep 7" }, { id = "g8", label = "Groep 8" }]
free_rows = 1

[[sections.items.analysis]]
id = "verklaring"
question = "Hoe verklaren jullie de resultaten?"
max_chars = 30

[[sections]]
id = "op3"
title = "OP3 Pedagogisch-didactisch handelen"
standard = "OP3"

[[sections.items]]
id = "op3-score"
kind = "rubric"
title = "Hoe sterk zijn de lessen?"
levels = ["Zwak.", "Wisselend.", "Op orde.", "Sterk."]

[[sections.items]]
id = "op3-bezoeken"
kind = "observation"
title = "Klassenbezoeken"
kijkwijzer = "kw"
min_visits = 2
max_visits = 3

[[sections]]
id = "ka1"
title = "KA1 Kwaliteitszorg"
standard = "SKA1"
filled_by = "expert"

[[sections.items]]
id = "ka1-score"
kind = "rubric"
title = "Hoe werkt de kwaliteitszorg?"
levels = ["Geen cyclus.", "Deels.", "Cyclus werkt.", "Cyclus werkt en verbetert."]

[[sections.items]]
id = "ka1-menu"
kind = "choice"
question = "Welke interventies kiezen jullie?"
multiple = true
max_selected = 2
option_list = "menu"
note_prompt = "Voor welke groepen?"
note_max_chars = 40
feeds_plan = true

[[sections.items]]
id = "ka1-ja-nee"
kind = "choice"
required = false
question = "Is er een kwaliteitskalender?"
options = [{ id = "ja", label = "Ja" }, { id = "nee", label = "Nee" }]
"#;

pub(super) fn mini() -> Format {
    Format::from_toml("mini.toml", MINI).unwrap_or_else(|e| panic!("{e}"))
}

/// The fixture with one text replaced (the replaced text must occur).
pub(super) fn mini_with(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "fixture lacks {from:?}");
    MINI.replacen(from, to, 1)
}
