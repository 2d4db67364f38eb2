//! What the API sends and receives. Kept apart from the domain types so the API stays stable
//! when the domain changes; enums travel as their snake_case names.

mod check;

pub use check::*;

use koers_app::store::{Board, PublishedThreeYear, ResultYear, School};
use koers_core::TestYear;
use koers_core::ids::BoardNumber;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolDto {
    pub id: i64,
    /// Inspectie's object van toezicht, e.g. `00AP|C1`.
    pub ovt: String,
    pub brin: String,
    pub name: String,
    pub place: Option<String>,
    pub municipality: Option<String>,
    pub province: Option<String>,
    pub denomination: Option<String>,
    pub board_number: Option<i64>,
    /// `po`, `sbo`, `so`, `vso` or `vo`.
    pub sector: String,
    /// Three-year schoolweging.
    pub schoolweging: Option<f64>,
    pub website: Option<String>,
}

impl From<&School> for SchoolDto {
    fn from(s: &School) -> Self {
        Self {
            id: s.id.get(),
            ovt: s.ovt.to_string(),
            brin: s.brin.clone(),
            name: s.name.clone(),
            place: s.place.clone(),
            municipality: s.municipality.clone(),
            province: s.province.clone(),
            denomination: s.denomination.clone(),
            board_number: s.board_number.map(BoardNumber::get),
            sector: s.sector.code().to_owned(),
            schoolweging: s.schoolweging,
            website: s.website.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolList {
    pub schools: Vec<SchoolDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardDto {
    pub number: i64,
    pub name: String,
}

impl From<&Board> for BoardDto {
    fn from(b: &Board) -> Self {
        Self { number: b.number.get(), name: b.name.clone() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolDetail {
    pub school: SchoolDto,
    pub board: Option<BoardDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultYearDto {
    pub test_year: i64,
    /// `2024/25` for test year 2025.
    pub school_year: String,
    /// Null when masked by the publisher (`suppressed`).
    pub pupils: Option<i64>,
    pub pct_1f: Option<f64>,
    pub pct_1s2f: Option<f64>,
    pub suppressed: bool,
    pub source: String,
}

impl From<&ResultYear> for ResultYearDto {
    fn from(r: &ResultYear) -> Self {
        let school_year = u16::try_from(r.test_year)
            .ok()
            .and_then(|y| TestYear::new(y).ok())
            .map_or_else(|| r.test_year.to_string(), |y| y.school_year_label());
        Self {
            test_year: r.test_year,
            school_year,
            pupils: r.pupils,
            pct_1f: r.pct_1f,
            pct_1s2f: r.pct_1s2f,
            suppressed: r.suppressed,
            source: r.source.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedDto {
    pub last_test_year: i64,
    pub pupils: i64,
    pub pct_1f: f64,
    pub pct_1s2f: f64,
}

impl From<&PublishedThreeYear> for PublishedDto {
    fn from(p: &PublishedThreeYear) -> Self {
        Self { last_test_year: p.last_test_year, pupils: p.pupils, pct_1f: p.pct_1f, pct_1s2f: p.pct_1s2f }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsDto {
    pub school_id: i64,
    /// Oldest first.
    pub results: Vec<ResultYearDto>,
    /// The Inspectie's published three-year values, if imported.
    pub published: Option<PublishedDto>,
}
