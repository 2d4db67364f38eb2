//! One request of a board for several of its schools (issue 10 §4: "one NPO request for several
//! schools; per-school lines, each with its own decision"), as the store keeps it. Each line is
//! decided by programme staff on its own: approved, it becomes an application of that school
//! (definitief, so staff assign an expert and it becomes its own trajectory); declined, it keeps
//! the reason. The port is split off the big traits as [`BoardRequestRead`] /
//! [`BoardRequestWrite`] (supertraits of [`super::StoreRead`] / [`super::Store`]).

use super::{Actor, ApplicationRecord, NewApplication, NewMail, StoreResult};
use async_trait::async_trait;
use koers_core::ids::{ApplicationId, BoardNumber, BoardRequestId, SchoolId, UserId};
use serde::{Deserialize, Serialize};

/// A line's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// Waiting for staff.
    Open,
    /// Approved: the school's application exists (`application_id`).
    Goedgekeurd,
    /// Declined, with a reason.
    Afgewezen,
}

impl LineStatus {
    pub fn code(self) -> &'static str {
        match self {
            LineStatus::Open => "open",
            LineStatus::Goedgekeurd => "goedgekeurd",
            LineStatus::Afgewezen => "afgewezen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [LineStatus::Open, LineStatus::Goedgekeurd, LineStatus::Afgewezen].into_iter().find(|s| s.code() == code)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            LineStatus::Open => "wacht op een besluit",
            LineStatus::Goedgekeurd => "goedgekeurd",
            LineStatus::Afgewezen => "afgewezen",
        }
    }
}

/// A school in a new request, with what the entry rule decided for it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBoardRequestLine {
    pub school_id: SchoolId,
    /// The programme's entry facts for this school (JSON, e.g. `VoFacts`).
    pub entry_facts_json: Option<String>,
    /// The entry rule's outcome for this school (JSON `Eligibility`).
    pub eligibility_json: Option<String>,
}

/// A new request (checked by the app).
#[derive(Debug, Clone, PartialEq)]
pub struct NewBoardRequest {
    pub programme_id: String,
    pub board_number: BoardNumber,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    pub submitted_by: Option<UserId>,
    pub lines: Vec<NewBoardRequestLine>,
}

/// One school of a request with its own decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRequestLine {
    pub id: i64,
    pub request_id: BoardRequestId,
    pub school_id: SchoolId,
    pub entry_facts_json: Option<String>,
    pub eligibility_json: Option<String>,
    pub status: LineStatus,
    pub reason: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<i64>,
    /// The school's application once the line is approved.
    pub application_id: Option<ApplicationId>,
    /// Optimistic lock of the line: two staff members deciding at once, one wins.
    pub version: i64,
}

/// A board's request with its lines (in the order the board listed the schools).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRequestRecord {
    pub id: BoardRequestId,
    pub programme_id: String,
    pub board_number: BoardNumber,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    pub submitted_by: Option<UserId>,
    pub created_at: i64,
    pub lines: Vec<BoardRequestLine>,
}

impl BoardRequestRecord {
    /// The lines still waiting for staff.
    pub fn open_lines(&self) -> usize {
        self.lines.iter().filter(|l| l.status == LineStatus::Open).count()
    }
}

/// Staff's decision on one line.
#[derive(Debug, Clone, PartialEq)]
pub enum LineVerdict {
    /// Approve: the school's application is created (its reference number assigned) in the
    /// same transaction.
    Approve {
        application: Box<NewApplication>,
    },
    Decline {
        reason: String,
    },
}

#[async_trait]
pub trait BoardRequestRead: Send + Sync {
    /// A request with its lines; `NotFound` when unknown.
    async fn board_request(&self, id: BoardRequestId) -> StoreResult<BoardRequestRecord>;
    /// The board's requests, newest first.
    async fn board_requests_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<BoardRequestRecord>>;
    /// Requests with at least one open line (of these programmes, or of all with `None`),
    /// oldest first (a queue).
    async fn open_board_requests(&self, programmes: Option<&[String]>) -> StoreResult<Vec<BoardRequestRecord>>;
}

#[async_trait]
pub trait BoardRequestWrite: BoardRequestRead {
    /// The request, its lines and the receipt mail in one transaction, audited as `submit` on
    /// `board_request`. A school twice in the lines is `Duplicate("school")`, nothing written.
    async fn create_board_request(
        &self,
        r: &NewBoardRequest,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<BoardRequestRecord>;
    /// Decide line `line_id` of request `request_id` as last seen at `expected_version`
    /// (`Conflict` when stale or decided meanwhile; `NotFound` for a line of another request),
    /// in one transaction with the mail: approving inserts the school's application (audited as
    /// its `create`) and links it; declining keeps the reason. Audited as `line_approve` /
    /// `line_decline` on `board_request` with the line before and after.
    #[allow(clippy::too_many_arguments)] // one atomic store method per use case (issue 7): the line, its version, the verdict, both mails, actor, time
    async fn decide_board_request_line(
        &self,
        request_id: BoardRequestId,
        line_id: i64,
        expected_version: i64,
        verdict: &LineVerdict,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(BoardRequestRecord, Option<ApplicationRecord>)>;
}
