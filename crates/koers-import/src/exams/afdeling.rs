//! The afdelingen the Inspectie judges VO by, and how a DUO programme maps onto them.

use serde::{Deserialize, Serialize};

use crate::values::ValueProblem;

/// An afdeling of a VO school as the Inspectie judges it (and Leren Verbeteren helps
/// "(zeer) zwakke afdelingen").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Afdeling {
    /// vmbo basisberoepsgerichte leerweg (with the leerwerktraject, LWT).
    VmboB,
    /// vmbo kaderberoepsgerichte leerweg.
    VmboK,
    /// vmbo gemengde en theoretische leerweg.
    VmboGt,
    /// havo.
    Havo,
    /// vwo.
    Vwo,
}

impl Afdeling {
    /// Every afdeling, in the Inspectie's order.
    pub const ALL: [Afdeling; 5] = [Afdeling::VmboB, Afdeling::VmboK, Afdeling::VmboGt, Afdeling::Havo, Afdeling::Vwo];

    /// The name as the Inspectie writes it: `vmbo-b`, `vmbo-k`, `vmbo-(g)t`, `havo`, `vwo`.
    pub fn code(self) -> &'static str {
        match self {
            Afdeling::VmboB => "vmbo-b",
            Afdeling::VmboK => "vmbo-k",
            Afdeling::VmboGt => "vmbo-(g)t",
            Afdeling::Havo => "havo",
            Afdeling::Vwo => "vwo",
        }
    }

    /// Parses a code as [`Afdeling::code`] writes it (any case; `vmbo-gt` and `vmbo-t` too).
    pub fn parse(text: &str) -> Result<Afdeling, ValueProblem> {
        let t = text.trim().to_ascii_lowercase();
        let found = match t.as_str() {
            "vmbo-gt" | "vmbo-t" | "vmbo-g" => Some(Afdeling::VmboGt),
            _ => Self::ALL.into_iter().find(|a| a.code() == t),
        };
        found.ok_or_else(|| ValueProblem::UnknownLabel {
            expected: Self::ALL.iter().map(|a| a.code().to_string()).collect(),
        })
    }

    /// From `ONDERWIJSTYPE VO`: HAVO and VWO are afdelingen; VMBO is split by leerweg
    /// (`Ok(None)`: look at the programme, [`Afdeling::from_vmbo_programme`]).
    pub(crate) fn from_onderwijstype(text: &str) -> Result<Option<Afdeling>, ValueProblem> {
        match text.trim().to_ascii_uppercase().as_str() {
            "HAVO" => Ok(Some(Afdeling::Havo)),
            "VWO" => Ok(Some(Afdeling::Vwo)),
            "VMBO" => Ok(None),
            _ => Err(ValueProblem::UnknownLabel { expected: ["VMBO", "HAVO", "VWO"].map(String::from).to_vec() }),
        }
    }

    /// From a vmbo `OPLEIDINGSNAAM`: its second word is the leerweg (`VMBO T - economie`).
    pub(crate) fn from_vmbo_programme(text: &str) -> Result<Afdeling, ValueProblem> {
        let leerweg = text.split_whitespace().nth(1).unwrap_or_default().to_ascii_uppercase();
        match leerweg.as_str() {
            "B" | "BB" | "BBL" | "LWT" => Ok(Afdeling::VmboB),
            "K" | "KB" | "KBL" => Ok(Afdeling::VmboK),
            "G" | "GL" | "T" | "TL" | "GT" | "GTL" | "(G)T" => Ok(Afdeling::VmboGt),
            _ => Err(ValueProblem::UnknownLabel {
                expected: ["VMBO B …", "VMBO LWT …", "VMBO K …", "VMBO G …", "VMBO T …"].map(String::from).to_vec(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programmes_map_onto_afdelingen() {
        let cases = [
            ("VMBO B - techniek", Afdeling::VmboB),
            ("VMBO LWT - zorg & welzijn", Afdeling::VmboB),
            ("VMBO K - economie", Afdeling::VmboK),
            ("VMBO G - landbouw", Afdeling::VmboGt),
            ("VMBO T", Afdeling::VmboGt),
            ("vmbo t - economie", Afdeling::VmboGt),
        ];
        for (programme, afdeling) in cases {
            assert_eq!(Afdeling::from_vmbo_programme(programme), Ok(afdeling), "{programme}");
        }
        assert!(Afdeling::from_vmbo_programme("VMBO X - iets").is_err());
        assert!(Afdeling::from_vmbo_programme("").is_err());
        assert_eq!(Afdeling::from_onderwijstype(" havo "), Ok(Some(Afdeling::Havo)));
        assert_eq!(Afdeling::from_onderwijstype("VMBO"), Ok(None));
        assert!(Afdeling::from_onderwijstype("MBO").is_err());
        for a in Afdeling::ALL {
            assert_eq!(Afdeling::parse(a.code()), Ok(a));
        }
        assert_eq!(Afdeling::parse("VMBO-GT"), Ok(Afdeling::VmboGt));
    }
}
