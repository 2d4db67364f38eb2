//! `impl AccessRead` / `impl AccessWrite` (getting in, issue 10 §5): each method delegates to
//! [`super::access`].

use async_trait::async_trait;
use koers_app::store::{
    AccessRead, AccessWrite, AccountLink, AccountRequestId, AccountRequestRecord, Actor, NewAccountRequest, NewMail,
    RequestDecision, RequestStatus, StoreResult, User,
};
use koers_core::ids::UserId;

use super::access;
use crate::backend::Backend;

#[async_trait]
impl AccessRead for Backend {
    async fn account_request(&self, id: AccountRequestId) -> StoreResult<AccountRequestRecord> {
        access::request(self.pool(), id).await
    }
    async fn account_request_by_token(&self, token_hash: &str) -> StoreResult<AccountRequestRecord> {
        access::request_by_token(self.pool(), token_hash).await
    }
    async fn account_requests(&self, status: Option<RequestStatus>) -> StoreResult<Vec<AccountRequestRecord>> {
        access::requests(self.pool(), status).await
    }
    async fn account_request_by_identity(
        &self,
        provider: &str,
        subject: &str,
    ) -> StoreResult<Option<AccountRequestRecord>> {
        access::request_by_identity(self.pool(), provider, subject).await
    }
    async fn account_link(&self, token_hash: &str) -> StoreResult<AccountLink> {
        access::link(self.pool(), token_hash).await
    }
}

#[async_trait]
impl AccessWrite for Backend {
    async fn create_account_request(
        &self,
        r: &NewAccountRequest,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<AccountRequestRecord> {
        access::create_request(self.pool(), r, mail, actor, now).await
    }
    async fn confirm_account_request(
        &self,
        id: AccountRequestId,
        now: i64,
        actor: &Actor,
    ) -> StoreResult<AccountRequestRecord> {
        access::confirm_request(self.pool(), id, now, actor).await
    }
    async fn decide_account_request(
        &self,
        id: AccountRequestId,
        expected_version: i64,
        decision: &RequestDecision,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(AccountRequestRecord, Option<User>)> {
        access::decide_request(self.pool(), id, expected_version, decision, mail, actor, now).await
    }
    async fn create_account_link(
        &self,
        user_id: UserId,
        purpose: &str,
        token_hash: &str,
        expires_at: i64,
        mail: &NewMail,
        now: i64,
    ) -> StoreResult<AccountLink> {
        access::create_link(self.pool(), user_id, purpose, token_hash, expires_at, mail, now).await
    }
    async fn reset_password(&self, token_hash: &str, password_hash: &str, now: i64) -> StoreResult<User> {
        access::reset_password(self.pool(), token_hash, password_hash, now).await
    }
}
