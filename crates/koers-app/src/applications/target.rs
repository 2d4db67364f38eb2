//! Who applies for which programme: the rule behind `/aanmelden`. A board applies for a
//! board programme; a school for a named programme or, without one, the programme that fits
//! its sector (a choice when more than one fits; else the sector's `default_for` programme from
//! the TOML — no programme id is written in code). Access is checked here too, before the
//! programme is looked up, so a person without access learns nothing about the programmes.

use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{Board, School, Sector, StoreRead};
use koers_core::access::{Action, Principal, Resource, SchoolRef, may};
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::programme::{Audience, ProgrammeRules};

/// What the aanmeld page asks for.
#[derive(Debug, Clone, Default)]
pub struct TargetQuery {
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub programme_id: Option<String>,
    /// Without a programme: offer the choice when more than one fits (the GET); else the default.
    pub offer_choice: bool,
}

/// Who applies.
#[derive(Debug, Clone)]
pub enum Applicant {
    School(Box<School>),
    /// The board with its schools (for the board's entry questions).
    Board(Board, Vec<School>),
}

#[derive(Debug, Clone)]
pub enum Target {
    Form { programme: Box<ProgrammeRules>, applicant: Applicant },
    Choose { school: Box<School>, fitting: Vec<ProgrammeRules> },
}

/// Whether programme `p` takes schools of sector `s`.
pub fn fits(p: &ProgrammeRules, s: Sector) -> bool {
    p.fits(Audience::School, s)
}

/// The resource a school's application changes.
pub fn school_resource(s: &School) -> Resource {
    Resource::School(SchoolRef { id: s.id, board_number: s.board_number })
}

fn ensure(principal: &Principal, r: Resource) -> Result<()> {
    if may(Some(principal), Action::Change, r) { Ok(()) } else { Err(Error::Forbidden) }
}

pub(crate) async fn resolve(
    store: &dyn StoreRead,
    programmes: &Programmes,
    principal: &Principal,
    q: &TargetQuery,
) -> Result<Target> {
    let all = programmes.active();
    let named = q.programme_id.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if let Some(nr) = q.board_number {
        let board = store.board(nr).await?;
        ensure(principal, Resource::Board(nr))?;
        let programme = match named {
            Some(id) => all.iter().find(|p| p.id == id && p.audience == Audience::Bestuur),
            // A board's default: the board programme whose default_for names po.
            None => programmes.default_for(Audience::Bestuur, Sector::Po),
        }
        .cloned()
        .ok_or(Error::NotFound)?;
        let schools = store.schools_of_board(nr).await?;
        return Ok(Target::Form { programme: Box::new(programme), applicant: Applicant::Board(board, schools) });
    }
    let id = q.school_id.ok_or(Error::NotFound)?;
    let school = store.school(id).await?;
    ensure(principal, school_resource(&school))?;
    let programme = match named {
        Some(n) => all.iter().find(|p| p.id == n && p.audience == Audience::School).cloned().ok_or(Error::NotFound)?,
        None => {
            let fitting: Vec<ProgrammeRules> = all.iter().filter(|p| fits(p, school.sector)).cloned().collect();
            match fitting.len() {
                1 => fitting.into_iter().next().ok_or(Error::NotFound)?,
                _ if q.offer_choice => return Ok(Target::Choose { school: Box::new(school), fitting }),
                _ => programmes.default_for(Audience::School, school.sector).cloned().ok_or(Error::NotFound)?,
            }
        }
    };
    Ok(Target::Form { programme: Box::new(programme), applicant: Applicant::School(Box::new(school)) })
}
