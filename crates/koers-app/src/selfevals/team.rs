//! The school's team (`schoolteam` role, issue 8 §3): the school leader invites colleagues who
//! then fill in the school's zelfevaluatie with them. An existing account gets the role on this
//! school; a new one is made with the initial password the leader chose (and passes on). The
//! leader can take the role away again.

use crate::accounts::NewUserInput;
use crate::error::{Error, Result};
use crate::store::{Actor, GrantRecord, Store, StoreError, StoreRead, User};
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::ids::{SchoolId, UserId};

/// A colleague to invite.
#[derive(Debug, Clone, Default)]
pub struct Invitation {
    pub email: String,
    pub name: String,
    /// Only for a new account.
    pub password: String,
}

fn leads(who: &Principal, school_id: SchoolId) -> bool {
    who.is_beheerder() || who.schools().any(|s| s == school_id)
}

/// The team of `school_id`: its accounts with the `schoolteam` role there, by name.
pub async fn members(read: &dyn StoreRead, who: &Principal, school_id: SchoolId) -> Result<Vec<(User, GrantRecord)>> {
    if !leads(who, school_id) {
        return Err(Error::Forbidden);
    }
    let wanted = Grant { role: RoleKind::Schoolteam, scope: Scope::School(school_id) };
    let mut out = Vec::new();
    for u in read.list_users().await? {
        if let Some(g) = read.grants_of_user(u.id).await?.into_iter().find(|g| g.grant == wanted) {
            out.push((u, g));
        }
    }
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    Ok(out)
}

/// Invite a colleague to the team of `school_id` (the school's leader or a beheerder).
pub async fn invite(
    store: &dyn Store,
    who: &Principal,
    school_id: SchoolId,
    inv: &Invitation,
    actor: &Actor,
    now: i64,
) -> Result<User> {
    if !leads(who, school_id) {
        return Err(Error::Forbidden);
    }
    store.school(school_id).await?;
    let grant =
        Grant::new(RoleKind::Schoolteam, Scope::School(school_id)).map_err(|e| Error::field("rol", e.to_string()))?;
    let email = inv.email.trim().to_lowercase();
    if !koers_core::email::Email::is_valid(&email) {
        return Err(Error::field("email", "vul een geldig e-mailadres in, zoals naam@school.nl"));
    }
    match store.user_by_email(&email).await {
        Ok(user) => {
            match store.add_grant(user.id, &grant, actor, now).await {
                Ok(_) | Err(StoreError::Duplicate(_)) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(user)
        }
        Err(StoreError::NotFound) => {
            let input = NewUserInput {
                email,
                name: inv.name.trim().to_owned(),
                password: inv.password.clone(),
                locale: "nl".into(),
                grants: vec![grant],
            };
            crate::accounts::create_user(store, &input, actor, now).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Take the `schoolteam` role on `school_id` away from `user_id`.
pub async fn remove(
    store: &dyn Store,
    who: &Principal,
    school_id: SchoolId,
    user_id: UserId,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    if !leads(who, school_id) {
        return Err(Error::Forbidden);
    }
    let wanted = Grant { role: RoleKind::Schoolteam, scope: Scope::School(school_id) };
    let g = store.grants_of_user(user_id).await?.into_iter().find(|g| g.grant == wanted).ok_or(Error::NotFound)?;
    Ok(store.remove_grant(g.id, actor, now).await?)
}
