//! [`App`]'s use cases for a board's request for several schools (issue 10 §4), implemented in
//! [`crate::board_requests`].

use super::App;
use crate::board_requests::{self, BoardRequestCase, BoardRequestInput, LineDecisionInput};
use crate::error::Result;
use crate::store::{Actor, ApplicationRecord, Board, BoardRequestRecord, School};
use koers_core::access::Principal;
use koers_core::ids::{BoardNumber, BoardRequestId};
use koers_core::programme::ProgrammeRules;

impl App {
    /// The programmes a board may send one request for several schools for.
    pub async fn multi_school_programmes(&self) -> Result<Vec<ProgrammeRules>> {
        Ok(board_requests::multi_school_programmes(&*self.programmes_in_force().await?))
    }

    /// The board's multi-school form: the board, the programme and the board's schools it is for.
    pub async fn board_request_form(
        &self,
        who: &Principal,
        board_number: BoardNumber,
        programme_id: &str,
    ) -> Result<(Board, ProgrammeRules, Vec<School>)> {
        let programmes = self.programmes_in_force().await?;
        board_requests::form(self.read(), &programmes, who, board_number, programme_id).await
    }

    /// Check and store a board's request with its lines (mail and audit in one transaction).
    pub async fn submit_board_request(
        &self,
        who: &Principal,
        input: &BoardRequestInput,
        actor: &Actor,
        now: i64,
    ) -> Result<BoardRequestRecord> {
        let programmes = self.programmes_in_force().await?;
        board_requests::submit(self.store.as_ref(), &programmes, self.norms(), who, input, actor, now).await
    }

    /// A request with its schools, for the board, staff of its programme and beheerders.
    pub async fn board_request_case(&self, who: &Principal, id: BoardRequestId) -> Result<BoardRequestCase> {
        let programmes = self.programmes_in_force().await?;
        board_requests::case(self.read(), &programmes, who, id).await
    }

    /// Staff decide one line of a request (approve: the school's application; decline: a reason).
    pub async fn decide_board_request_line(
        &self,
        who: &Principal,
        request_id: BoardRequestId,
        line_id: i64,
        input: &LineDecisionInput,
        actor: &Actor,
        now: i64,
    ) -> Result<(BoardRequestRecord, Option<ApplicationRecord>)> {
        let programmes = self.programmes_in_force().await?;
        board_requests::decide(self.store.as_ref(), &programmes, who, request_id, line_id, input, actor, now).await
    }

    /// The board's requests, newest first.
    pub async fn board_requests_of_board(
        &self,
        who: &Principal,
        board_number: BoardNumber,
    ) -> Result<Vec<BoardRequestRecord>> {
        board_requests::of_board(self.read(), who, board_number).await
    }

    /// Requests with open lines of the programmes `who` works for.
    pub async fn open_board_requests(&self, who: &Principal) -> Result<Vec<BoardRequestRecord>> {
        board_requests::open_for_staff(self.read(), who).await
    }
}
