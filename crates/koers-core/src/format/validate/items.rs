//! Validation of the items of each kind and of the named data they use (option lists,
//! kijkwijzers).

use super::{Check, MAX_OPTIONS, unique_in};
use crate::format::item::{
    Choice, Evidence, Item, ItemKind, Observation, Reflection, Results, Rubric, RubricLevel, Table,
};
use std::collections::HashSet;

pub(super) fn check_option_lists(c: &mut Check<'_>) {
    let f = c.format;
    unique_in(
        c,
        f.option_lists.iter().enumerate().map(|(i, l)| (format!("option_lists[{}].id", i + 1), l.id.as_str())),
        "npo-menukaart",
    );
    for (i, l) in f.option_lists.iter().enumerate() {
        let p = format!("option_lists[{}]", i + 1);
        c.not_blank(format!("{p}.title"), &l.title, "de titel van de lijst");
        unique_in(
            c,
            l.groups.iter().enumerate().map(|(g, gr)| (format!("{p}.groups[{}].id", g + 1), gr.id.as_str())),
            "a",
        );
        for (g, gr) in l.groups.iter().enumerate() {
            c.not_blank(format!("{p}.groups[{}].label", g + 1), &gr.label, "de naam van de groep");
        }
        if l.options.is_empty() {
            c.push(format!("{p}.options"), format!("de lijst '{}' heeft geen opties", l.id));
        }
        if l.options.len() > MAX_OPTIONS {
            c.push(format!("{p}.options"), format!("een lijst heeft ten hoogste {MAX_OPTIONS} opties"));
        }
        unique_in(
            c,
            l.options.iter().enumerate().map(|(o, op)| (format!("{p}.options[{}].id", o + 1), op.id.as_str())),
            "a-zomerschool",
        );
        for (o, op) in l.options.iter().enumerate() {
            let q = format!("{p}.options[{}]", o + 1);
            c.not_blank(format!("{q}.label"), &op.label, "de naam van de optie");
            c.optional_not_blank(format!("{q}.description"), op.description.as_deref(), "de beschrijving");
            if let Some(g) = op.group.as_deref().filter(|g| !l.groups.iter().any(|gr| gr.id == *g)) {
                c.push(format!("{q}.group"), format!("onbekende groep '{g}' in de lijst '{}'", l.id));
            }
        }
    }
}

pub(super) fn check_kijkwijzers(c: &mut Check<'_>) {
    let f = c.format;
    unique_in(
        c,
        f.kijkwijzers.iter().enumerate().map(|(i, k)| (format!("kijkwijzers[{}].id", i + 1), k.id.as_str())),
        "kijkwijzer-po",
    );
    for (i, k) in f.kijkwijzers.iter().enumerate() {
        let p = format!("kijkwijzers[{}]", i + 1);
        c.not_blank(format!("{p}.title"), &k.title, "de titel van de kijkwijzer");
        if k.scale.len() != 4 {
            c.push(
                format!("{p}.scale"),
                format!(
                    "een kijkwijzer heeft precies 4 schaalwaarden (score 1 tot en met 4); hier staan er {}",
                    k.scale.len()
                ),
            );
        }
        for (s, label) in k.scale.iter().enumerate() {
            c.not_blank(format!("{p}.scale[{}]", s + 1), label, "de naam van een schaalwaarde");
        }
        if k.domains.is_empty() {
            c.push(format!("{p}.domains"), format!("kijkwijzer '{}' heeft geen domeinen", k.id));
        }
        // Domains and their look-fors share one set of ids within the kijkwijzer.
        let pr = p.as_str();
        let ids = k.domains.iter().enumerate().flat_map(|(d, dom)| {
            std::iter::once((format!("{pr}.domains[{}].id", d + 1), dom.id.as_str())).chain(
                dom.items
                    .iter()
                    .enumerate()
                    .map(move |(n, it)| (format!("{pr}.domains[{}].items[{}].id", d + 1, n + 1), it.id.as_str())),
            )
        });
        unique_in(c, ids, "klimaat-1");
        if k.items().count() > MAX_OPTIONS {
            c.push(format!("{p}.domains"), format!("een kijkwijzer heeft ten hoogste {MAX_OPTIONS} kijkpunten"));
        }
        for (d, dom) in k.domains.iter().enumerate() {
            let q = format!("{p}.domains[{}]", d + 1);
            c.not_blank(format!("{q}.title"), &dom.title, "de naam van het domein");
            c.standard_ref(format!("{q}.standard"), dom.standard.as_deref());
            if dom.items.is_empty() {
                c.push(format!("{q}.items"), format!("domein '{}' heeft geen kijkpunten", dom.id));
            }
            for (n, it) in dom.items.iter().enumerate() {
                c.not_blank(format!("{q}.items[{}].text", n + 1), &it.text, "de tekst van een kijkpunt");
            }
        }
    }
}

pub(super) fn check_item<'a>(c: &mut Check<'a>, p: String, item: &'a Item) {
    c.unique_id(p.clone(), &item.id);
    c.standard_ref(format!("{p}.standard"), item.standard.as_deref());
    match &item.kind {
        ItemKind::Rubric(r) => rubric(c, &p, r),
        ItemKind::Reflection(r) => reflection(c, &p, r),
        ItemKind::Evidence(e) => evidence(c, &p, e),
        ItemKind::Results(r) => results(c, &p, r),
        ItemKind::Observation(o) => observation(c, &p, o),
        ItemKind::Choice(ch) => choice(c, &p, ch),
    }
}

fn rubric(c: &mut Check<'_>, p: &str, r: &Rubric) {
    c.not_blank(format!("{p}.title"), &r.title, "de titel van de rubric");
    c.optional_not_blank(format!("{p}.guidance"), r.guidance.as_deref(), "de toelichting");
    if r.levels.len() != 4 {
        c.push(
            format!("{p}.levels"),
            format!(
                "een rubric heeft precies 4 niveaus (1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed); hier staan er {}",
                r.levels.len()
            ),
        );
    }
    let mut seen = HashSet::new();
    for (i, d) in r.levels.iter().enumerate() {
        let label = u8::try_from(i + 1).ok().and_then(RubricLevel::from_score).map_or("", RubricLevel::label_nl);
        if d.trim().is_empty() {
            c.push(
                format!("{p}.levels[{}]", i + 1),
                format!("de beschrijving van niveau {} ({label}) ontbreekt", i + 1),
            );
        } else if !seen.insert(d.trim()) {
            c.push(format!("{p}.levels[{}]", i + 1), "twee niveaus hebben dezelfde beschrijving");
        }
    }
    c.not_blank(format!("{p}.why_prompt"), &r.why_prompt, "de vraag boven het waarom-veld");
    c.limit(format!("{p}.why_max_chars"), r.why_max_chars);
}

fn reflection(c: &mut Check<'_>, p: &str, r: &Reflection) {
    c.not_blank(format!("{p}.question"), &r.question, "de vraag");
    c.optional_not_blank(format!("{p}.guidance"), r.guidance.as_deref(), "de toelichting");
    c.limit(format!("{p}.max_chars"), r.max_chars);
}

fn evidence(c: &mut Check<'_>, p: &str, e: &Evidence) {
    c.not_blank(format!("{p}.title"), &e.title, "wat de school aanlevert");
    c.optional_not_blank(format!("{p}.guidance"), e.guidance.as_deref(), "de toelichting");
    c.between(format!("{p}.max_file_mb"), e.max_file_mb, 1, 50, "de grootte per bestand (in MB)");
    c.between(format!("{p}.max_files"), e.max_files, 0, 20, "het aantal bestanden");
    if e.max_files > 0 && e.accept.is_empty() {
        c.push(format!("{p}.accept"), "noem minstens één bestandssoort (pdf, docx, xlsx, png of jpg)");
    }
    let mut seen = HashSet::new();
    for (i, k) in e.accept.iter().enumerate() {
        if !seen.insert(k) {
            c.push(format!("{p}.accept[{}]", i + 1), format!("de bestandssoort '{}' staat er twee keer", k.name()));
        }
    }
    if e.max_files == 0 && !e.allow_link {
        c.push(format!("{p}.max_files"), "zonder bestanden en zonder link valt er niets aan te leveren");
    }
    c.limit(format!("{p}.note_max_chars"), e.note_max_chars);
}

fn results(c: &mut Check<'_>, p: &str, r: &Results) {
    c.not_blank(format!("{p}.title"), &r.title, "de titel");
    c.optional_not_blank(format!("{p}.guidance"), r.guidance.as_deref(), "de toelichting");
    if r.prefill.is_none() && r.tables.is_empty() && r.analysis.is_empty() {
        c.push(
            p.to_owned(),
            "een results-item heeft gegevens uit het register (prefill), tabellen of analysevragen nodig",
        );
    }
    unique_in(c, r.tables.iter().enumerate().map(|(i, t)| (format!("{p}.tables[{}].id", i + 1), t.id.as_str())), "lvs");
    for (i, t) in r.tables.iter().enumerate() {
        table(c, &format!("{p}.tables[{}]", i + 1), t);
    }
    unique_in(
        c,
        r.analysis.iter().enumerate().map(|(i, a)| (format!("{p}.analysis[{}].id", i + 1), a.id.as_str())),
        "verklaring",
    );
    for (i, a) in r.analysis.iter().enumerate() {
        let q = format!("{p}.analysis[{}]", i + 1);
        c.not_blank(format!("{q}.question"), &a.question, "de vraag");
        c.optional_not_blank(format!("{q}.guidance"), a.guidance.as_deref(), "de toelichting");
        c.limit(format!("{q}.max_chars"), a.max_chars);
    }
}

fn table(c: &mut Check<'_>, q: &str, t: &Table) {
    c.not_blank(format!("{q}.title"), &t.title, "de titel van de tabel");
    c.not_blank(format!("{q}.row_header"), &t.row_header, "de kop van de rijen");
    c.optional_not_blank(format!("{q}.guidance"), t.guidance.as_deref(), "de toelichting");
    if t.columns.is_empty() || t.columns.len() > 20 {
        c.push(format!("{q}.columns"), format!("een tabel heeft 1 tot 20 kolommen; hier {}", t.columns.len()));
    }
    unique_in(
        c,
        t.columns.iter().enumerate().map(|(i, col)| (format!("{q}.columns[{}].id", i + 1), col.id.as_str())),
        "rekenen",
    );
    for (i, col) in t.columns.iter().enumerate() {
        c.not_blank(format!("{q}.columns[{}].label", i + 1), &col.label, "de kop van de kolom");
    }
    unique_in(c, t.rows.iter().enumerate().map(|(i, r)| (format!("{q}.rows[{}].id", i + 1), r.id.as_str())), "groep-8");
    for (i, r) in t.rows.iter().enumerate() {
        c.not_blank(format!("{q}.rows[{}].label", i + 1), &r.label, "de naam van de rij");
    }
    if t.rows.len() > 60 {
        c.push(format!("{q}.rows"), "een tabel heeft ten hoogste 60 vaste rijen");
    }
    c.between(format!("{q}.free_rows"), t.free_rows, 0, 50, "het aantal vrije rijen");
    if t.rows.is_empty() && t.free_rows == 0 {
        c.push(format!("{q}.rows"), "een tabel zonder vaste rijen heeft free_rows nodig");
    }
}

fn observation(c: &mut Check<'_>, p: &str, o: &Observation) {
    c.not_blank(format!("{p}.title"), &o.title, "de titel");
    c.optional_not_blank(format!("{p}.guidance"), o.guidance.as_deref(), "de toelichting");
    if c.format.kijkwijzer(&o.kijkwijzer).is_none() {
        let known: Vec<&str> = c.format.kijkwijzers.iter().map(|k| k.id.as_str()).collect();
        let known = if known.is_empty() { "geen enkele".to_owned() } else { known.join(", ") };
        c.push(format!("{p}.kijkwijzer"), format!("onbekende kijkwijzer '{}'; dit format kent {known}", o.kijkwijzer));
    }
    c.between(format!("{p}.max_visits"), o.max_visits, 1, 200, "het aantal klassenbezoeken");
    if (1..=200).contains(&o.max_visits) && o.min_visits > o.max_visits {
        c.push(format!("{p}.min_visits"), "min_visits mag niet groter zijn dan max_visits");
    }
    c.limit(format!("{p}.note_max_chars"), o.note_max_chars);
}

fn choice(c: &mut Check<'_>, p: &str, ch: &Choice) {
    c.not_blank(format!("{p}.question"), &ch.question, "de vraag");
    c.optional_not_blank(format!("{p}.guidance"), ch.guidance.as_deref(), "de toelichting");
    c.optional_not_blank(format!("{p}.note_prompt"), ch.note_prompt.as_deref(), "de vraag bij de toelichting");
    c.limit(format!("{p}.note_max_chars"), ch.note_max_chars);
    let sources =
        usize::from(!ch.options.is_empty()) + usize::from(ch.option_list.is_some()) + usize::from(ch.from_standards);
    if sources != 1 {
        c.push(
            p.to_owned(),
            "een choice-item haalt zijn opties uit precies één bron: options, option_list of from_standards = true",
        );
    }
    if let Some(id) = ch.option_list.as_deref().filter(|id| c.format.option_list(id).is_none()) {
        c.push(format!("{p}.option_list"), format!("onbekende optielijst '{id}'"));
    }
    if ch.from_standards && c.format.standards.is_empty() {
        c.push(format!("{p}.from_standards"), "from_standards vraagt om standaarden in het format (standards)");
    }
    unique_in(
        c,
        ch.options.iter().enumerate().map(|(i, o)| (format!("{p}.options[{}].id", i + 1), o.id.as_str())),
        "ja",
    );
    for (i, o) in ch.options.iter().enumerate() {
        c.not_blank(format!("{p}.options[{}].label", i + 1), &o.label, "de naam van de optie");
        if o.group.is_some() {
            c.push(format!("{p}.options[{}].group", i + 1), "groepen horen bij een optielijst (option_lists)");
        }
    }
    let available = c.format.options_of(ch).len();
    let available = u32::try_from(available).unwrap_or(u32::MAX);
    let mut max_ok = true;
    if let Some(max) = ch.max_selected {
        if !ch.multiple {
            c.push(format!("{p}.max_selected"), "max_selected hoort alleen bij multiple = true");
        } else if max == 0 || (available > 0 && max > available) {
            c.push(
                format!("{p}.max_selected"),
                format!("max_selected moet tussen 1 en {available} (het aantal opties) liggen; hier staat {max}"),
            );
            max_ok = false;
        }
    }
    if max_ok && (ch.min_selected > ch.limit() || (available > 0 && ch.min_selected > available)) {
        c.push(format!("{p}.min_selected"), "min_selected is groter dan het aantal opties dat gekozen mag worden");
    }
}
