//! A role with its scope as chosen in the admin forms: the role, and depending on it a
//! programme, a school (by ovt code) or a board (by number), each checked against the register.

use super::FieldErrors;
use crate::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use koers_app::store::StoreError;
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::BoardNumber;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GrantFields {
    #[serde(default)]
    pub rol: String,
    #[serde(default)]
    pub programma: String,
    #[serde(default)]
    pub school: String,
    #[serde(default)]
    pub bestuur: String,
}

/// An option of a `<select>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl GrantFields {
    pub fn role_options(&self, lang: Lang) -> Vec<Opt> {
        let mut v =
            vec![Opt { value: String::new(), label: lang.t("users-choose-role"), selected: self.rol.is_empty() }];
        v.extend(RoleKind::ALL.iter().map(|r| Opt {
            value: r.code().to_owned(),
            label: lang.t(&format!("role-{}", r.code())),
            selected: self.rol == r.code(),
        }));
        v
    }

    /// Every defined programme (`(id, name)`, from the stored definitions).
    pub fn programme_options(&self, lang: Lang, programmes: &[(String, String)]) -> Vec<Opt> {
        let mut v = vec![Opt { value: String::new(), label: lang.t("users-choose-programme"), selected: false }];
        v.extend(programmes.iter().map(|(id, name)| Opt {
            value: id.clone(),
            label: name.clone(),
            selected: self.programma == *id,
        }));
        v
    }

    /// The grant, or the problems per field (`rol`, `programma`, `school`, `bestuur`).
    pub async fn parse(&self, state: &AppState, lang: Lang) -> Result<Result<Grant, FieldErrors>, AppError> {
        let Some(role) = RoleKind::from_code(&self.rol) else {
            return Ok(Err(vec![("rol", lang.t("users-error-role"))]));
        };
        let scope = match role {
            RoleKind::Beheerder => Scope::Global,
            RoleKind::Programmamedewerker | RoleKind::Expert => {
                let id = self.programma.trim();
                let known = state.programmes().await?.is_defined(id);
                if !known {
                    return Ok(Err(vec![("programma", lang.t("users-error-programme"))]));
                }
                Scope::Programme(id.to_owned())
            }
            RoleKind::Schoolleider | RoleKind::Schoolteam => {
                let ovt = self.school.trim();
                match state.app.read().school_by_ovt(ovt).await {
                    Ok(s) => Scope::School(s.id),
                    Err(StoreError::NotFound) => {
                        let msg = lang.t_args("users-error-school", &[("ovt", ovt.to_owned())]);
                        return Ok(Err(vec![("school", msg)]));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            RoleKind::Bestuurder => {
                let raw = self.bestuur.trim();
                let Some(n) = raw.parse::<i64>().ok().filter(|n| *n > 0) else {
                    return Ok(Err(vec![("bestuur", lang.t("users-error-board-number"))]));
                };
                match state.app.read().board(BoardNumber::new(n)).await {
                    Ok(_) => Scope::Board(BoardNumber::new(n)),
                    Err(StoreError::NotFound) => {
                        let msg = lang.t_args("users-error-board", &[("number", n.to_string())]);
                        return Ok(Err(vec![("bestuur", msg)]));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        };
        Ok(Grant::new(role, scope).map_err(|e| vec![("rol", e.to_string())]))
    }
}

/// "Schoolleider – De Klimop (00AV|C1)".
pub async fn grant_label(state: &AppState, lang: Lang, g: &Grant) -> Result<String, AppError> {
    let role = lang.t(&format!("role-{}", g.role.code()));
    let scope = match &g.scope {
        Scope::Global => lang.t("scope-global"),
        Scope::Programme(id) => state.programmes().await?.name(id),
        Scope::School(id) => match state.app.read().school(*id).await {
            Ok(s) => format!("{} ({})", s.name, s.ovt),
            Err(StoreError::NotFound) => format!("school {id}"),
            Err(e) => return Err(e.into()),
        },
        Scope::Board(n) => match state.app.read().board(*n).await {
            Ok(b) => format!("{} ({n})", b.name),
            Err(StoreError::NotFound) => lang.t_args("board-fallback-name", &[("number", n.to_string())]),
            Err(e) => return Err(e.into()),
        },
    };
    Ok(format!("{role} – {scope}"))
}
