// At ~400 lines: one use case (a board request for several schools) with its validation, the
// per-school decision and the staff decision; the parts share the request type and its checks.
//! One request of a board for several of its schools (issue 10 §4), for a programme that allows
//! it (`board_request = true`, Leren Verbeteren NPO): the board lists its schools, each with what
//! shows the risk; every school is decided by the programme's entry rule (the same
//! [`crate::applications::entry_rule`] as the aanmeld form) and becomes a line with its own
//! decision by programme staff. An approved line becomes that school's application, definitief
//! (the board applied itself, so no board approval): staff assign an expert and it becomes its
//! own trajectory. A declined line keeps its reason. Both are mailed to the contact person.
//!
//! Refused with a Dutch message naming the field: no school chosen, a school that is not in the
//! register or not of this board, a school listed twice, a school of a sector the programme is
//! not for, a school the entry rule does not admit, a missing risk description.

use crate::applications::{ApplicationInput, entry_rule};
use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{
    Actor, ApplicationRecord, BoardRequestRecord, LineStatus, LineVerdict, NewApplication, NewBoardRequest,
    NewBoardRequestLine, NewMail, School, Store, StoreError, StoreRead,
};
use koers_core::NormLibrary;
use koers_core::access::{Action, Principal, Resource, may, may_see_case};
use koers_core::eligibility::{RiskKind, VoFacts, VoRisk};
use koers_core::ids::{BoardNumber, BoardRequestId, SchoolId};
use koers_core::programme::{Audience, ProgrammeRules, RuleSettings};
use koers_core::workflow::{Application, Status};

/// One school as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    /// The school's id as posted.
    pub school: String,
    /// A [`RiskKind`] code (`falling_results`, `leadership_signals`, `team_signals`).
    pub risk_kind: String,
    /// What shows the risk at this school.
    pub evidence: String,
}

/// The request as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardRequestInput {
    pub programme_id: String,
    pub board_number: BoardNumber,
    pub lines: Vec<LineInput>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub help_question: String,
}

/// Staff's decision on a line as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineDecisionInput {
    /// `goedkeuren` or `afwijzen`.
    pub decision: String,
    pub reason: String,
    pub version: i64,
}

/// A request with the schools of its lines, as its page shows it.
#[derive(Debug, Clone)]
pub struct BoardRequestCase {
    pub request: BoardRequestRecord,
    pub programme_name: String,
    pub board_name: String,
    /// The school of each line, in line order.
    pub schools: Vec<School>,
    /// Staff of the programme (or a beheerder): may decide the open lines.
    pub may_decide: bool,
}

/// The shortest reason a declined line needs (characters).
pub const MIN_REASON: usize = 10;

/// The programmes a board may send one request for several schools for.
pub fn multi_school_programmes(programmes: &Programmes) -> Vec<ProgrammeRules> {
    programmes.active().iter().filter(|p| p.board_request && p.audience == Audience::School).cloned().collect()
}

fn risk_kind(code: &str) -> Option<RiskKind> {
    RiskKind::ALL
        .into_iter()
        .find(|k| serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).as_deref() == Some(code))
}

fn push(errors: &mut Vec<FieldError>, field: &str, detail: String) {
    if !errors.iter().any(|e| e.field == field) {
        errors.push(FieldError { field: field.into(), detail });
    }
}

fn contact_errors(input: &BoardRequestInput, errors: &mut Vec<FieldError>) {
    use crate::applications::{MAX_CONTACT_NAME, MAX_CONTACT_PHONE};
    let n = input.contact_name.trim().chars().count();
    if n == 0 || n > MAX_CONTACT_NAME {
        push(
            errors,
            "contact_name",
            format!("vul de naam van de contactpersoon in (hoogstens {MAX_CONTACT_NAME} tekens)"),
        );
    }
    if !koers_core::email::Email::is_valid(input.contact_email.trim()) {
        push(errors, "contact_email", "vul een geldig e-mailadres in, zoals naam@bestuur.nl".into());
    }
    if input.contact_phone.trim().chars().count() > MAX_CONTACT_PHONE {
        push(errors, "contact_phone", format!("een telefoonnummer is hoogstens {MAX_CONTACT_PHONE} tekens lang"));
    }
    let q = input.help_question.trim().chars().count();
    if q == 0 || q > 4000 {
        push(errors, "help_question", "beschrijf de hulpvraag van het bestuur (hoogstens 4000 tekens)".into());
    }
}

/// The programme a board may use for a multi-school request, or `NotFound`.
fn programme<'a>(programmes: &'a Programmes, id: &str) -> Result<&'a ProgrammeRules> {
    programmes.get(id).filter(|p| p.board_request && p.audience == Audience::School).ok_or(Error::NotFound)
}

/// The board's form: the board, the programme and the schools of the board the programme is for.
pub async fn form(
    store: &dyn StoreRead,
    programmes: &Programmes,
    who: &Principal,
    board_number: BoardNumber,
    programme_id: &str,
) -> Result<(crate::store::Board, ProgrammeRules, Vec<School>)> {
    let board = store.board(board_number).await?;
    if !may(Some(who), Action::Change, Resource::Board(board_number)) {
        return Err(Error::Forbidden);
    }
    let p = programme(programmes, programme_id)?.clone();
    let schools =
        store.schools_of_board(board_number).await?.into_iter().filter(|s| p.sectors.contains(&s.sector)).collect();
    Ok((board, p, schools))
}

/// Check and store a board's request (see the module doc).
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    store: &dyn Store,
    programmes: &Programmes,
    norms: &NormLibrary,
    who: &Principal,
    input: &BoardRequestInput,
    actor: &Actor,
    now: i64,
) -> Result<BoardRequestRecord> {
    let (board, p, _) = form(store, programmes, who, input.board_number, &input.programme_id).await?;
    let mut errors = Vec::new();
    contact_errors(input, &mut errors);
    if input.lines.is_empty() {
        push(&mut errors, "scholen", "scholen: kies ten minste één school van het bestuur".into());
    }
    let mut lines: Vec<NewBoardRequestLine> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for line in &input.lines {
        let raw = line.school.trim();
        let school = match raw.parse::<SchoolId>() {
            Ok(id) => match store.school(id).await {
                Ok(s) => s,
                Err(StoreError::NotFound) => {
                    push(&mut errors, "scholen", format!("scholen: '{raw}' is geen school uit het register"));
                    continue;
                }
                Err(e) => return Err(e.into()),
            },
            Err(_) => {
                push(&mut errors, "scholen", format!("scholen: '{raw}' is geen school uit het register"));
                continue;
            }
        };
        if school.board_number != Some(board.number) {
            push(
                &mut errors,
                "scholen",
                format!("scholen: {} ({}) hoort niet bij bestuur {}", school.name, school.ovt, board.number),
            );
            continue;
        }
        if lines.iter().any(|l| l.school_id == school.id) {
            push(
                &mut errors,
                "scholen",
                format!("scholen: {} staat er twee keer in; noem elke school één keer", school.name),
            );
            continue;
        }
        if !p.sectors.contains(&school.sector) {
            push(
                &mut errors,
                "scholen",
                format!("scholen: {} is geen school waarvoor {} bedoeld is", school.name, p.name),
            );
            continue;
        }
        let facts = match &p.rule {
            RuleSettings::VerdictOrRisk(_) => {
                let evidence = line.evidence.trim();
                let kind = risk_kind(line.risk_kind.trim());
                let field = format!("onderbouwing_{}", school.id);
                if evidence.is_empty() || evidence.chars().count() > 2000 {
                    push(
                        &mut errors,
                        &field,
                        format!(
                            "onderbouwing bij {}: beschrijf wat het risico laat zien (hoogstens 2000 tekens)",
                            school.name
                        ),
                    );
                    continue;
                }
                let Some(kind) = kind else {
                    push(
                        &mut errors,
                        &format!("risico_{}", school.id),
                        format!("risico bij {}: kies het soort risico uit de lijst", school.name),
                    );
                    continue;
                };
                let f = VoFacts {
                    oordeel: None,
                    department: None,
                    risks: vec![VoRisk { kind, evidence: evidence.to_owned() }],
                };
                Some(serde_json::to_string(&f)?)
            }
            _ => None,
        };
        let as_application = ApplicationInput {
            programme_id: p.id.clone(),
            school_id: Some(school.id),
            board_number: Some(board.number),
            entry_facts_json: facts.clone(),
            ..ApplicationInput::default()
        };
        let eligibility = entry_rule(store, &p, norms, &as_application, now, true).await?;
        if !crate::applications::own::admits(eligibility.verdict, None) {
            push(
                &mut errors,
                &format!("onderbouwing_{}", school.id),
                format!("{} komt niet in aanmerking: {}", school.name, eligibility.summary_nl()),
            );
            continue;
        }
        names.push(school.name.clone());
        lines.push(NewBoardRequestLine {
            school_id: school.id,
            entry_facts_json: facts,
            eligibility_json: Some(serde_json::to_string(&eligibility)?),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let phone = input.contact_phone.trim();
    let new = NewBoardRequest {
        programme_id: p.id.clone(),
        board_number: board.number,
        contact_name: input.contact_name.trim().to_owned(),
        contact_email: input.contact_email.trim().to_lowercase(),
        contact_phone: (!phone.is_empty()).then(|| phone.to_owned()),
        help_question: input.help_question.trim().to_owned(),
        submitted_by: Some(who.user_id),
        lines,
    };
    let mail = NewMail {
        to_address: new.contact_email.clone(),
        subject: format!("Ontvangstbevestiging aanvraag {} voor {} scholen", p.name, names.len()),
        body_text: format!(
            "Bedankt voor de aanvraag van {} voor {}.\n\nScholen:\n- {}\n\nDe programmamedewerkers besluiten per school; u krijgt van elk besluit bericht en vindt de stand op uw startpagina in Koers.\n\nHulpvraag:\n{}",
            board.name,
            p.name,
            names.join("\n- "),
            new.help_question
        ),
    };
    Ok(store.create_board_request(&new, &mail, actor, now).await?)
}

/// A request as `who` may see it: the board, staff of the programme and beheerders.
pub async fn case(
    store: &dyn StoreRead,
    programmes: &Programmes,
    who: &Principal,
    id: BoardRequestId,
) -> Result<BoardRequestCase> {
    let request = store.board_request(id).await?;
    if !may_see_case(who, &request.programme_id, None, Some(request.board_number)) {
        return Err(Error::NotFound);
    }
    let mut schools = Vec::with_capacity(request.lines.len());
    for l in &request.lines {
        schools.push(store.school(l.school_id).await?);
    }
    let board_name = match store.board(request.board_number).await {
        Ok(b) => b.name,
        Err(StoreError::NotFound) => format!("bestuur {}", request.board_number),
        Err(e) => return Err(e.into()),
    };
    Ok(BoardRequestCase {
        programme_name: programmes.name(&request.programme_id),
        may_decide: who.may_see_programme(&request.programme_id),
        board_name,
        schools,
        request,
    })
}

/// Staff decide one line: approve (the school's application, definitief) or decline with a
/// reason of at least [`MIN_REASON`] characters. A stale or already decided line is a conflict.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    store: &dyn Store,
    programmes: &Programmes,
    who: &Principal,
    request_id: BoardRequestId,
    line_id: i64,
    input: &LineDecisionInput,
    actor: &Actor,
    now: i64,
) -> Result<(BoardRequestRecord, Option<ApplicationRecord>)> {
    let c = case(store, programmes, who, request_id).await?;
    if !c.may_decide {
        return Err(Error::Forbidden);
    }
    let r = &c.request;
    let Some((line, school)) = r.lines.iter().zip(&c.schools).find(|(l, _)| l.id == line_id) else {
        return Err(Error::NotFound);
    };
    if line.status != LineStatus::Open {
        return Err(Error::Conflict { current: None });
    }
    let (verdict, subject, body) = match input.decision.trim() {
        "goedkeuren" => {
            let mut state = Application::submitted(false);
            state.status = Status::Definitief;
            let application = NewApplication {
                programme_id: r.programme_id.clone(),
                school_id: Some(school.id),
                board_number: Some(r.board_number),
                contact_name: r.contact_name.clone(),
                contact_email: r.contact_email.clone(),
                contact_phone: r.contact_phone.clone(),
                help_question: r.help_question.clone(),
                eligibility_json: line.eligibility_json.clone(),
                entry_facts_json: line.entry_facts_json.clone(),
                state_json: serde_json::to_string(&state)?,
                status: Status::Definitief,
                submitted_by: r.submitted_by,
            };
            (
                LineVerdict::Approve { application: Box::new(application) },
                format!("{}: {} goedgekeurd", c.programme_name, school.name),
                format!(
                    "De aanvraag van {} voor {} is voor {} goedgekeurd. De school krijgt een eigen aanmelding; de programmamedewerkers zoeken een expert en dan begint het traject.",
                    c.board_name, c.programme_name, school.name
                ),
            )
        }
        "afwijzen" => {
            let reason = input.reason.trim();
            let n = reason.chars().count();
            if !(MIN_REASON..=2000).contains(&n) {
                return Err(Error::field(
                    "reden",
                    format!("reden: leg uit waarom {} niet meedoet (minstens {MIN_REASON} tekens)", school.name),
                ));
            }
            (
                LineVerdict::Decline { reason: reason.to_owned() },
                format!("{}: {} afgewezen", c.programme_name, school.name),
                format!(
                    "De aanvraag van {} voor {} is voor {} afgewezen.\nReden: {reason}",
                    c.board_name, c.programme_name, school.name
                ),
            )
        }
        _ => return Err(Error::field("besluit", "besluit: kies goedkeuren of afwijzen")),
    };
    let mail = NewMail { to_address: r.contact_email.clone(), subject, body_text: body };
    let out = store.decide_board_request_line(request_id, line_id, input.version, &verdict, &mail, actor, now).await?;
    Ok(out)
}

/// The board's requests (newest first), for its home page.
pub async fn of_board(
    store: &dyn StoreRead,
    who: &Principal,
    board_number: BoardNumber,
) -> Result<Vec<BoardRequestRecord>> {
    if !may(Some(who), Action::View, Resource::Board(board_number)) {
        return Err(Error::Forbidden);
    }
    Ok(store.board_requests_of_board(board_number).await?)
}

/// Requests with open lines of the programmes `who` works for, for staff's home page.
pub async fn open_for_staff(store: &dyn StoreRead, who: &Principal) -> Result<Vec<BoardRequestRecord>> {
    match who.visible_programmes() {
        None => Ok(store.open_board_requests(None).await?),
        Some(p) if p.is_empty() => Ok(Vec::new()),
        Some(p) => Ok(store.open_board_requests(Some(&p)).await?),
    }
}
