//! No text and no answer makes the format code panic: arbitrary text, mutations of real formats
//! (the fixture and every shipped file), and arbitrary answers evaluated against the fixture.

use super::fixture::{MINI, mini};
use crate::format::answer::*;
use crate::format::{Format, SHIPPED, candidate_goals, evaluate};
use proptest::prelude::*;

/// Whatever parses must also validate-or-refuse, evaluate and write itself back.
fn exercise(text: &str) {
    if let Ok(f) = Format::from_toml("fuzz.toml", text) {
        let r = evaluate(&f, &FilledForm::default());
        assert!(r.completeness.done <= r.completeness.required);
        let back = f.to_toml().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Format::from_toml("terug.toml", &back).as_ref(), Ok(&f));
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    DuplicateLine { line: usize },
    DropLine { line: usize },
}

fn apply(text: &str, edit: &Edit) -> String {
    let clamp = |at: usize| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let lines: Vec<&str> = text.lines().collect();
    match edit {
        Edit::Delete { at, len } => {
            let (a, b) = (clamp(*at), clamp(at.saturating_add(*len)));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::Insert { at, text: ins } => {
            let a = clamp(*at);
            format!("{}{ins}{}", &text[..a], &text[a..])
        }
        Edit::DuplicateLine { line } => {
            let i = line % lines.len().max(1);
            let mut out: Vec<&str> = lines.clone();
            if let Some(l) = lines.get(i) {
                out.insert(i, l);
            }
            out.join("\n")
        }
        Edit::DropLine { line } => {
            let i = line % lines.len().max(1);
            lines.iter().enumerate().filter(|(n, _)| *n != i).map(|(_, l)| *l).collect::<Vec<_>>().join("\n")
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..200).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            any::<usize>(),
            prop_oneof![
                Just("\"".to_owned()),
                Just("[[sections.items]]\n".to_owned()),
                Just("kind = \"rubric\"\n".to_owned()),
                Just("levels = []\n".to_owned()),
                Just("id = \"op2\"\n".to_owned()),
                Just("max_chars = 0\n".to_owned()),
                Just("[".to_owned()),
                Just("}".to_owned()),
                Just("\n[[kijkwijzers.domains]]\n".to_owned()),
                "\\PC{0,12}",
            ]
        )
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        any::<usize>().prop_map(|line| Edit::DuplicateLine { line }),
        any::<usize>().prop_map(|line| Edit::DropLine { line }),
    ]
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        exercise(&text);
    }

    #[test]
    fn toml_shaped_noise_never_panics(text in "([a-z_\\[\\]\\.]{1,12} = (\"[a-zé ]{0,8}\"|[0-9]{1,3}|true|\\[\\]|\\{\\})\n|\\[\\[sections(\\.items)?\\]\\]\n){0,40}") {
        exercise(&text);
    }

    #[test]
    fn mutated_formats_never_panic(file in 0..=SHIPPED.len(), edits in prop::collection::vec(edit(), 1..4)) {
        let base = SHIPPED.get(file).map_or(MINI, |(_, t)| *t);
        let text = edits.iter().fold(base.to_owned(), |t, e| apply(&t, e));
        exercise(&text);
    }

    #[test]
    fn arbitrary_answers_never_panic(
        score in any::<u8>(),
        text in "\\PC{0,60}",
        option in prop_oneof![Just("tutoring".to_owned()), Just("OP3".to_owned()), "[a-z-]{0,10}"],
        look_for in prop_oneof![Just("klimaat-1".to_owned()), Just("afstemming-1".to_owned()), "[a-z-]{0,10}"],
        look_score in any::<u8>(),
        visits in 0usize..6,
        cell in "\\PC{0,12}",
    ) {
        let f = mini();
        let visit = Visit { group: text.clone(), scores: [(look_for, look_score)].into(), ..Visit::default() };
        let row = RowAnswer { row: Some("g7".into()), label: text.clone(), cells: [("rekenen".to_owned(), cell)].into() };
        let answers = [
            Answer::Rubric(RubricAnswer { score: Some(score), why: text.clone() }),
            Answer::Reflection(TextAnswer { text: text.clone() }),
            Answer::Choice(ChoiceAnswer { selected: vec![Selection { option, note: text.clone() }] }),
            Answer::Observation(ObservationAnswer { visits: vec![visit; visits] }),
            Answer::Results(ResultsAnswer { tables: [("lvs".to_owned(), vec![row])].into(), ..ResultsAnswer::default() }),
            Answer::Evidence(EvidenceAnswer { link: Some(text.clone()), ..EvidenceAnswer::default() }),
        ];
        let mut filled = FilledForm::default();
        for l in f.items() {
            for a in &answers {
                let _ = f.check_answer(&l.item.id, a);
                let _ = f.is_complete(&l.item.id, Some(a));
            }
            // Store whatever answer of the item's kind, valid or not: evaluation must cope.
            if let Some(a) = answers.iter().find(|a| a.kind_name() == l.item.kind.name()) {
                filled.answers.insert(l.item.id.clone(), a.clone());
            }
            filled.verbeterpunten.insert(l.item.id.clone(), text.clone());
        }
        let r = evaluate(&f, &filled);
        prop_assert!(r.groups.iter().all(|g| g.mean.is_none_or(|m| (1.0..=4.0).contains(&m))));
        prop_assert_eq!(candidate_goals(&f, &filled).len(), f.items().count());
    }
}
