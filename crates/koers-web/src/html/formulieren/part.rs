//! One section per page. A filled-in PO zelfevaluatie is 233 kB of HTML as one page (every
//! standard's rubric with its descriptors, reflection questions, klassenbezoeken, comments), too
//! much to fill in comfortably and to serve fast; so the form page shows one section (one
//! standard, usually) with a list of every section and "vorige / volgende sectie" links — plain
//! links, no JavaScript. `?sectie=alle` shows the whole form on one page, to read through and to
//! print.
//!
//! | query | shows |
//! |---|---|
//! | (none) | the first section |
//! | `?sectie={id}` | that section (404 for a section the format does not have) |
//! | `?sectie=alle` | every section |
//! | `?opgeslagen={item}`, `?item={item}` | the section of that item (the redirect after a save, a comment, a klassenbezoek or a file comes back to the item) |

use crate::i18n::Lang;
use koers_core::format::Format;

/// The value of `sectie` for the whole form.
pub const WHOLE: &str = "alle";

/// Which part of the form a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every section (`?sectie=alle`).
    Whole,
    /// One section, by its index in the format.
    Section(usize),
}

impl Part {
    /// The part a request asks for: `sectie` (a section id or [`WHOLE`]); without it the section
    /// holding `item`, else the first. `None`: no such section.
    pub fn of(format: &Format, sectie: Option<&str>, item: Option<&str>) -> Option<Self> {
        match sectie.map(str::trim).filter(|s| !s.is_empty()) {
            Some(WHOLE) => Some(Self::Whole),
            Some(id) => format.sections.iter().position(|s| s.id == id).map(Self::Section),
            None => Some(item.map_or(Self::Section(0), |i| Self::at_item(format, i))),
        }
    }

    /// The section holding `item` (the first section when the format has no such item).
    pub fn at_item(format: &Format, item: &str) -> Self {
        Self::Section(format.sections.iter().position(|s| s.items.iter().any(|i| i.id == item)).unwrap_or(0))
    }

    /// Whether the page shows section `index`.
    pub fn shows(self, index: usize) -> bool {
        match self {
            Self::Whole => true,
            Self::Section(i) => i == index,
        }
    }
}

/// A link to one section.
#[derive(Debug, Clone, Default)]
pub struct SectionLink {
    pub id: String,
    pub title: String,
    /// The section this page shows (`aria-current="page"`).
    pub current: bool,
}

/// The navigation between the sections of the form.
#[derive(Debug, Clone, Default)]
pub struct SectionNav {
    pub links: Vec<SectionLink>,
    pub prev: Option<SectionLink>,
    pub next: Option<SectionLink>,
    /// "Sectie 3 van 17" (empty on the whole form).
    pub position: String,
    /// The title of the section shown (for the page's `<title>`; empty on the whole form).
    pub current_title: String,
}

/// The navigation of `format` for a page showing `part`.
pub fn nav(lang: Lang, format: &Format, part: Part) -> SectionNav {
    let link = |i: usize| {
        format.sections.get(i).map(|s| SectionLink {
            id: s.id.clone(),
            title: s.title.clone(),
            current: part == Part::Section(i),
        })
    };
    let links = (0..format.sections.len()).filter_map(link).collect();
    match part {
        Part::Whole => SectionNav { links, ..SectionNav::default() },
        Part::Section(i) => SectionNav {
            links,
            prev: i.checked_sub(1).and_then(link),
            next: link(i + 1),
            position: lang.t_args(
                "se-section-position",
                &[("n", (i + 1).to_string()), ("total", format.sections.len().to_string())],
            ),
            current_title: format.sections.get(i).map(|s| s.title.clone()).unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn po() -> Format {
        let formats = Format::shipped().unwrap_or_else(|e| panic!("{e}"));
        formats.into_iter().find(|f| f.id == "zelfevaluatie-po").unwrap_or_else(|| panic!("po"))
    }

    #[test]
    fn the_part_comes_from_the_section_or_the_item_and_defaults_to_the_first() {
        let f = po();
        let op1 = f.sections.iter().position(|s| s.id == "op1").unwrap_or_else(|| panic!("op1"));
        assert_eq!(Part::of(&f, None, None), Some(Part::Section(0)));
        assert_eq!(Part::of(&f, Some("op1"), Some("ka1-rubric")), Some(Part::Section(op1)));
        assert_eq!(Part::of(&f, None, Some("op1-dekking")), Some(Part::Section(op1)));
        assert_eq!(Part::of(&f, None, Some("bestaat-niet")), Some(Part::Section(0)));
        assert_eq!(Part::of(&f, Some("alle"), None), Some(Part::Whole));
        assert_eq!(Part::of(&f, Some("bestaat-niet"), None), None);
    }

    #[test]
    fn the_nav_links_every_section_with_the_neighbours_of_the_current_one() {
        let f = po();
        let n = nav(Lang::Nl, &f, Part::Section(0));
        assert_eq!(n.links.len(), f.sections.len());
        assert!(n.links[0].current && !n.links[1].current);
        assert!(n.prev.is_none());
        assert_eq!(n.next.map(|l| l.id), Some(f.sections[1].id.clone()));
        assert_eq!(n.position, format!("Sectie 1 van {}", f.sections.len()));
        let last = nav(Lang::En, &f, Part::Section(f.sections.len() - 1));
        assert!(last.next.is_none() && last.prev.is_some());
        assert!(last.position.starts_with("Section "), "{}", last.position);
        let whole = nav(Lang::Nl, &f, Part::Whole);
        assert!(whole.prev.is_none() && whole.next.is_none() && whole.links.iter().all(|l| !l.current));
    }
}
