//! The support queue brought in as evidence: a CSV export of Jira, ServiceNow or
//! Zendesk, or GitHub issues as `gh issue list --json` writes them. Each ticket
//! becomes an observation of one support-ticket-review session per import (a pain or a
//! request, guessed and editable; a question is tagged so), said by its reporter (and
//! their team, when the queue names it), its component and labels as tags, its times
//! kept for the support response time ([`crate::discovery::ticket`]). Reporters are
//! not the session's participants: filing a ticket is not being asked, so a queue adds
//! nothing to anyone's ask-load or last contact (and a queue of thousands of reporters
//! imports).
//!
//! Columns are found by the names each tool gives them; the queue is told by which
//! columns are there. A row that cannot be read (no key, no title, an opening time
//! that is no time) is left out and named with its line; the rest import.

use crate::discovery::observation::ObservationRow;
use crate::discovery::person::PeopleQuery;
use crate::discovery::session::NewSession;
use crate::discovery::tag::TagInput;
use crate::discovery::ticket::TicketFacts;
use crate::imports::vault_import::cleaned;
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::kind::{ObservationKind, SourceKind};
use crate::store::limits;
use crate::store::policy::Act;
use crate::store::text_file;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;
use uuid::Uuid;

/// The tool a queue was exported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TicketQueue {
    Jira,
    ServiceNow,
    Zendesk,
    GitHub,
    /// A CSV of another tool, with a key, a title and an opening time.
    Csv,
}

impl TicketQueue {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jira => "jira",
            Self::ServiceNow => "servicenow",
            Self::Zendesk => "zendesk",
            Self::GitHub => "github",
            Self::Csv => "csv",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Jira => "Jira (CSV)",
            Self::ServiceNow => "ServiceNow (CSV)",
            Self::Zendesk => "Zendesk (CSV)",
            Self::GitHub => "GitHub issues (JSON)",
            Self::Csv => "A CSV of tickets",
        }
    }

    /// The queue a name stands for (`--from jira`).
    pub fn named(name: &str) -> Option<Self> {
        [
            Self::Jira,
            Self::ServiceNow,
            Self::Zendesk,
            Self::GitHub,
            Self::Csv,
        ]
        .into_iter()
        .find(|q| q.as_str() == name.trim().to_lowercase())
    }
}

/// One ticket as read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketRow {
    pub line: u32,
    pub key: String,
    pub title: String,
    pub body: String,
    /// The reporter's name (or login, or email when that is all there is).
    pub reporter: String,
    /// The reporter's team as the queue names it ("" when it does not).
    pub team: String,
    pub components: Vec<String>,
    pub labels: Vec<String>,
    /// The queue's type of ticket ("Bug", "Service Request"), when it has one.
    pub issue_type: String,
    pub status: String,
    pub url: String,
    #[ts(type = "string")]
    pub opened_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub first_response_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub resolved_at: Option<DateTime<Utc>>,
    pub kind: ObservationKind,
    /// It reads as a question (asked how, not told what is wrong).
    pub question: bool,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketSkipped {
    pub line: u32,
    pub why: String,
}

/// A queue's export, read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketFile {
    pub queue: TicketQueue,
    pub tickets: Vec<TicketRow>,
    pub skipped: Vec<TicketSkipped>,
    /// Which column each field was read from ("first response" → "Date of First Response").
    pub columns: BTreeMap<String, String>,
}

/// Why a queue's export could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("{0}")]
    File(#[from] text_file::FileError),
    #[error("this is not GitHub's issues JSON ({0}); write it with `gh issue list --json number,title,body,author,createdAt,closedAt,labels,url,state,comments`")]
    Json(String),
    #[error("no column holds the ticket's {what} (looked for {looked}); export the queue with it, or name the tool with --from")]
    NoColumn { what: &'static str, looked: String },
    #[error("the file holds no tickets")]
    Empty,
}

/// A ticket export the user chose: its bytes, refused past the size limit before a
/// byte is read.
pub fn read_ticket_file(path: &std::path::Path) -> Result<Vec<u8>, DomainError> {
    let max = text_file::MAX_FILE_BYTES;
    let (_, bytes) = crate::store::chosen_file::read_chosen(
        path,
        "a ticket export",
        max,
        crate::store::chosen_file::too_large("ticket exports", max),
    )?;
    Ok(bytes)
}

impl From<TicketError> for DomainError {
    fn from(e: TicketError) -> Self {
        DomainError::invalid("file", e.to_string())
    }
}

/// Column names each field goes by, in the tools' own words, lower case.
const KEY: &[&str] = &[
    "issue key",
    "key",
    "number",
    "id",
    "ticket id",
    "ticket number",
];
const TITLE: &[&str] = &[
    "summary",
    "short description",
    "short_description",
    "subject",
    "title",
];
const BODY: &[&str] = &["description", "details", "body"];
const REPORTER: &[&str] = &[
    "reporter",
    "caller",
    "caller_id",
    "requester",
    "opened by",
    "opened_by",
    "author",
    "requester email",
    "reporter email",
];
const TEAM: &[&str] = &[
    "team",
    "custom field (team)",
    "organization",
    "department",
    "caller department",
    "caller_id.department",
    "company",
];
const COMPONENT: &[&str] = &[
    "component/s",
    "components",
    "component",
    "category",
    "subcategory",
];
const LABELS: &[&str] = &["labels", "label", "tags"];
const TYPE: &[&str] = &["issue type", "ticket type", "type"];
const STATUS: &[&str] = &["status", "state"];
const URL: &[&str] = &["url", "link", "html_url"];
const OPENED: &[&str] = &[
    "created",
    "created at",
    "created_at",
    "opened",
    "opened_at",
    "sys_created_on",
    "date created",
];
const FIRST_RESPONSE: &[&str] = &[
    "custom field ([chart] date of first response)",
    "date of first response",
    "first response",
    "first responded",
    "responded",
    "first_response_at",
    "first response time",
];
/// Zendesk gives the first reply as minutes after opening, not as a time.
const FIRST_REPLY_MINUTES: &[&str] = &["first reply time in minutes", "first reply time (min)"];
const RESOLVED: &[&str] = &[
    "resolved",
    "resolved_at",
    "resolution date",
    "solved at",
    "closed",
    "closed_at",
];

/// A time as queues write it: RFC 3339, `2026-11-04 10:15:00` (with an offset or
/// `UTC`, or none: read as UTC), Jira's `04/Nov/26 10:15 AM`, or a date alone.
pub fn instant(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, f) {
            return Some(d.with_timezone(&Utc));
        }
    }
    let bare = t.trim_end_matches(" UTC").trim_end_matches('Z');
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(bare, f) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%d/%b/%y", "%d/%b/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(bare, f) {
            return d.and_hms_opt(0, 0, 0).map(|d| Utc.from_utc_datetime(&d));
        }
    }
    None
}

/// A pain or a request, and whether it asks a question, from the queue's type and the
/// ticket's words: a guess the user can edit.
pub fn guess_kind(issue_type: &str, title: &str, body: &str) -> (ObservationKind, bool) {
    let t = issue_type.to_lowercase();
    let words = format!("{} {}", title, body.chars().take(400).collect::<String>()).to_lowercase();
    let question = title.trim_end().ends_with('?')
        || t.contains("question")
        || [
            "how do i",
            "how can i",
            "how to ",
            "is there a way",
            "where can i",
            "what is the",
        ]
        .iter()
        .any(|w| words.contains(w));
    let request = [
        "feature",
        "request",
        "story",
        "improvement",
        "enhancement",
        "task",
    ]
    .iter()
    .any(|w| t.contains(w))
        || [
            "please add",
            "can we get",
            "could we get",
            "would like",
            "we need a",
            "support for",
            "feature request",
            "it would be great",
        ]
        .iter()
        .any(|w| words.contains(w));
    let broken = ["bug", "incident", "problem", "defect", "outage"]
        .iter()
        .any(|w| t.contains(w));
    let kind = if request && !broken {
        ObservationKind::Request
    } else {
        ObservationKind::Pain
    };
    (kind, question)
}

/// Reads a queue's export: GitHub's JSON, or a CSV whose columns tell the tool.
pub fn read_tickets(bytes: &[u8], from: Option<TicketQueue>) -> Result<TicketFile, TicketError> {
    let first = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    let json = first.is_some_and(|i| bytes[i] == b'[' || bytes[i] == b'{');
    if from == Some(TicketQueue::GitHub) || (from.is_none() && json) {
        return read_github(bytes);
    }
    let sheet = text_file::read(bytes)?;
    let mut records = sheet.records.into_iter().filter(|r| !r.is_blank());
    let header = records.next().ok_or(TicketError::Empty)?;
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    let queue = from.unwrap_or(if has("issue key") || (has("summary") && has("reporter")) {
        TicketQueue::Jira
    } else if has("requester") || has("solved at") || has("first reply time in minutes") {
        TicketQueue::Zendesk
    } else if has("short_description")
        || has("short description")
        || has("caller")
        || has("caller_id")
    {
        TicketQueue::ServiceNow
    } else {
        TicketQueue::Csv
    });
    // Every column of a name (Jira repeats `Labels` and `Component/s`), first choice first.
    let find = |choices: &[&str]| -> Vec<usize> {
        for c in choices {
            let at: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, h)| h.as_str() == *c)
                .map(|(i, _)| i)
                .collect();
            if !at.is_empty() {
                return at;
            }
        }
        Vec::new()
    };
    let required = |what: &'static str, choices: &[&str]| -> Result<Vec<usize>, TicketError> {
        let at = find(choices);
        if at.is_empty() {
            Err(TicketError::NoColumn {
                what,
                looked: choices
                    .iter()
                    .map(|c| format!("“{c}”"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        } else {
            Ok(at)
        }
    };
    let key = required("key", KEY)?;
    let title = required("title", TITLE)?;
    let opened = required("opening time", OPENED)?;
    let cols = Columns {
        body: find(BODY),
        reporter: find(REPORTER),
        team: find(TEAM),
        component: find(COMPONENT),
        labels: find(LABELS),
        issue_type: find(TYPE),
        status: find(STATUS),
        url: find(URL),
        first: find(FIRST_RESPONSE),
        first_minutes: find(FIRST_REPLY_MINUTES),
        resolved: find(RESOLVED),
    };
    let mut columns = BTreeMap::new();
    for (field, at) in [
        ("key", &key),
        ("title", &title),
        ("opened", &opened),
        ("body", &cols.body),
        ("reporter", &cols.reporter),
        ("team", &cols.team),
        ("component", &cols.component),
        ("labels", &cols.labels),
        ("type", &cols.issue_type),
        ("status", &cols.status),
        ("url", &cols.url),
        ("first response", &cols.first),
        ("first reply (minutes)", &cols.first_minutes),
        ("resolved", &cols.resolved),
    ] {
        if let Some(i) = at.first() {
            columns.insert(field.to_owned(), header.fields[*i].trim().to_owned());
        }
    }
    let mut tickets = Vec::new();
    let mut skipped = Vec::new();
    for r in records {
        let get = |at: &[usize]| -> String {
            at.iter()
                .filter_map(|i| r.fields.get(*i))
                .map(|v| v.trim())
                .find(|v| !v.is_empty())
                .unwrap_or("")
                .to_owned()
        };
        let all = |at: &[usize], split: bool| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for v in at.iter().filter_map(|i| r.fields.get(*i)) {
                let parts: Vec<&str> = if split {
                    v.split([',', ';']).collect()
                } else {
                    vec![v.as_str()]
                };
                for p in parts {
                    let p = p.trim();
                    if !p.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(p)) {
                        out.push(p.to_owned());
                    }
                }
            }
            out
        };
        let (k, t, o) = (get(&key), get(&title), get(&opened));
        if k.is_empty() || t.is_empty() {
            skipped.push(TicketSkipped {
                line: r.line,
                why: "it has no key or no title".into(),
            });
            continue;
        }
        let Some(opened_at) = instant(&o) else {
            skipped.push(TicketSkipped {
                line: r.line,
                why: format!("its opening time “{o}” is not a time"),
            });
            continue;
        };
        let first_response_at = instant(&get(&cols.first)).or_else(|| {
            get(&cols.first_minutes)
                .parse::<f64>()
                .ok()
                .filter(|m| m.is_finite() && *m >= 0.0)
                .map(|m| opened_at + chrono::Duration::seconds((m * 60.0) as i64))
        });
        let body = get(&cols.body);
        let issue_type = get(&cols.issue_type);
        let (kind, question) = guess_kind(&issue_type, &t, &body);
        // Zendesk writes tags space-separated; the others, comma-separated or repeated.
        let mut labels = all(&cols.labels, true);
        if queue == TicketQueue::Zendesk {
            labels = labels
                .iter()
                .flat_map(|l| l.split_whitespace())
                .map(str::to_owned)
                .collect();
        }
        tickets.push(TicketRow {
            line: r.line,
            key: k,
            title: t,
            body,
            reporter: get(&cols.reporter),
            team: get(&cols.team),
            components: all(&cols.component, queue == TicketQueue::Jira),
            labels,
            issue_type,
            status: get(&cols.status),
            url: get(&cols.url),
            opened_at,
            first_response_at: first_response_at.filter(|f| *f >= opened_at),
            resolved_at: instant(&get(&cols.resolved)),
            kind,
            question,
        });
    }
    if tickets.is_empty() && skipped.is_empty() {
        return Err(TicketError::Empty);
    }
    Ok(TicketFile {
        queue,
        tickets,
        skipped,
        columns,
    })
}

struct Columns {
    body: Vec<usize>,
    reporter: Vec<usize>,
    team: Vec<usize>,
    component: Vec<usize>,
    labels: Vec<usize>,
    issue_type: Vec<usize>,
    status: Vec<usize>,
    url: Vec<usize>,
    first: Vec<usize>,
    first_minutes: Vec<usize>,
    resolved: Vec<usize>,
}

/// GitHub issues as `gh issue list --json …` writes them; the first response is the
/// first comment by someone other than the author.
fn read_github(bytes: &[u8]) -> Result<TicketFile, TicketError> {
    let (text, _) = text_file::decode(bytes)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TicketError::Json(e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| TicketError::Json("it is not a list of issues".into()))?;
    let s =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    let mut tickets = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let number = item.get("number").and_then(|n| n.as_u64());
        let title = s(item, "title");
        let Some(number) = number.filter(|_| !title.trim().is_empty()) else {
            skipped.push(TicketSkipped {
                line,
                why: "it has no number or no title".into(),
            });
            continue;
        };
        let Some(opened_at) = instant(&s(item, "createdAt")) else {
            skipped.push(TicketSkipped {
                line,
                why: format!("its createdAt “{}” is not a time", s(item, "createdAt")),
            });
            continue;
        };
        let author = item.get("author").cloned().unwrap_or_default();
        let login = s(&author, "login");
        let name = s(&author, "name");
        let first_response_at = item
            .get("comments")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
            .filter(|c| {
                let by = c.get("author").map(|a| s(a, "login")).unwrap_or_default();
                !by.is_empty() && by != login
            })
            .filter_map(|c| instant(&s(c, "createdAt")))
            .filter(|t| *t >= opened_at)
            .min();
        let labels: Vec<String> = item
            .get("labels")
            .and_then(|l| l.as_array())
            .into_iter()
            .flatten()
            .map(|l| s(l, "name"))
            .filter(|l| !l.is_empty())
            .collect();
        let body = s(item, "body");
        let issue_type = labels
            .iter()
            .find(|l| {
                let l = l.to_lowercase();
                ["bug", "feature", "enhancement", "question"]
                    .iter()
                    .any(|w| l.contains(w))
            })
            .cloned()
            .unwrap_or_default();
        let (kind, question) = guess_kind(&issue_type, &title, &body);
        tickets.push(TicketRow {
            line,
            key: format!("#{number}"),
            title,
            body,
            reporter: if name.trim().is_empty() { login } else { name },
            team: String::new(),
            components: Vec::new(),
            labels,
            issue_type,
            status: s(item, "state"),
            url: s(item, "url"),
            opened_at,
            first_response_at,
            resolved_at: instant(&s(item, "closedAt")),
            kind,
            question,
        });
    }
    if tickets.is_empty() && skipped.is_empty() {
        return Err(TicketError::Empty);
    }
    let columns = [
        ("key", "number"),
        ("title", "title"),
        ("opened", "createdAt"),
        ("reporter", "author"),
        ("first response", "the first comment by another"),
        ("resolved", "closedAt"),
        ("labels", "labels"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    Ok(TicketFile {
        queue: TicketQueue::GitHub,
        tickets,
        skipped,
        columns,
    })
}

/// What an import of a queue would bring, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketPreview {
    pub queue: TicketQueue,
    pub queue_label: String,
    pub tickets: u32,
    pub pains: u32,
    pub requests: u32,
    pub questions: u32,
    pub answered: u32,
    pub resolved: u32,
    #[ts(type = "string | null")]
    pub first: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub last: Option<NaiveDate>,
    /// Reporters already in People, and those who would be added.
    pub reporters_matched: u32,
    pub reporters_new: u32,
    pub teams: Vec<String>,
    pub components: Vec<String>,
    /// Tickets imported before from this queue (left as they are, their times brought up to date).
    pub already_imported: u32,
    pub skipped: Vec<TicketSkipped>,
    pub columns: BTreeMap<String, String>,
}

/// How to import a queue.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketImport {
    /// The cycle; the current one when absent.
    #[serde(default)]
    #[ts(optional)]
    pub cycle_id: Option<Uuid>,
    /// The session's title; "Ticket queue (Jira), <first> to <last>" when empty.
    #[serde(default)]
    pub title: String,
    /// Add reporters who are not in People (with their team, when the queue names it).
    pub add_people: bool,
}

/// What an import of a queue did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketsImported {
    /// The support-ticket-review session the tickets went into (none when all were imported before).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<Uuid>,
    pub tickets: u32,
    pub already_imported: u32,
    /// Tickets imported before whose times or status changed in the queue since.
    pub times_updated: u32,
    pub people_matched: u32,
    pub people_added: u32,
    pub teams_added: u32,
    pub tags_added: u32,
}

fn live_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Db<'_> {
    /// What importing `file` would bring.
    pub fn preview_tickets(&self, file: &TicketFile) -> Result<TicketPreview, DomainError> {
        let people: std::collections::HashSet<String> = self
            .list_people(&PeopleQuery::default())?
            .into_iter()
            .map(|p| live_key(&p.name))
            .collect();
        let mut reporters: BTreeMap<String, bool> = BTreeMap::new();
        let mut teams: Vec<String> = Vec::new();
        let mut components: Vec<String> = Vec::new();
        let mut already = 0;
        for t in &file.tickets {
            let name = reporter_name(&t.reporter);
            if !name.is_empty() {
                reporters.insert(live_key(&name), people.contains(&live_key(&name)));
            }
            if !t.team.is_empty() && !teams.iter().any(|x| x.eq_ignore_ascii_case(&t.team)) {
                teams.push(t.team.clone());
            }
            for c in &t.components {
                if !components.iter().any(|x| x.eq_ignore_ascii_case(c)) {
                    components.push(c.clone());
                }
            }
            if self.ticket_known(file.queue.as_str(), &t.key)? {
                already += 1;
            }
        }
        let count =
            |f: &dyn Fn(&TicketRow) -> bool| file.tickets.iter().filter(|t| f(t)).count() as u32;
        Ok(TicketPreview {
            queue: file.queue,
            queue_label: file.queue.label().to_owned(),
            tickets: file.tickets.len() as u32,
            pains: count(&|t| t.kind == ObservationKind::Pain),
            requests: count(&|t| t.kind == ObservationKind::Request),
            questions: count(&|t| t.question),
            answered: count(&|t| t.first_response_at.is_some()),
            resolved: count(&|t| t.resolved_at.is_some()),
            first: file.tickets.iter().map(|t| t.opened_at.date_naive()).min(),
            last: file.tickets.iter().map(|t| t.opened_at.date_naive()).max(),
            reporters_matched: reporters.values().filter(|m| **m).count() as u32,
            reporters_new: reporters.values().filter(|m| !**m).count() as u32,
            teams,
            components,
            already_imported: already,
            skipped: file.skipped.clone(),
            columns: file.columns.clone(),
        })
    }
}

/// A reporter as a person's name: an email's local part made a name, else as written.
fn reporter_name(reporter: &str) -> String {
    let r = cleaned(reporter, limits::NAME);
    if r.contains('@') && !r.contains(' ') {
        return crate::discovery::transcript::speaker::name_of_label(&r);
    }
    r
}

impl Tx<'_> {
    /// Imports a queue's tickets as observations of one support-ticket-review session,
    /// all or nothing. Tickets imported before are not copied again; their times and
    /// status are brought up to date.
    pub fn import_tickets(
        &self,
        file: &TicketFile,
        request: &TicketImport,
    ) -> Result<TicketsImported, DomainError> {
        let cycle = match request.cycle_id {
            Some(c) => c,
            None => self.current_cycle()?.ok_or(DomainError::NoCycle)?.id,
        };
        self.require(cycle, Act::Capture)?;
        let queue = file.queue.as_str();
        let mut done = TicketsImported::default();
        let mut fresh: Vec<&TicketRow> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for t in &file.tickets {
            if !seen.insert(t.key.as_str()) {
                continue;
            }
            let facts = facts_of(t);
            if self.ticket_known(queue, &t.key)? {
                done.already_imported += 1;
                if self.refresh_ticket(queue, &facts)? {
                    done.times_updated += 1;
                }
            } else {
                fresh.push(t);
            }
        }
        if fresh.is_empty() {
            return Ok(done);
        }
        let mut people: HashMap<String, Uuid> = self
            .list_people(&PeopleQuery::default())?
            .into_iter()
            .map(|p| (live_key(&p.name), p.id))
            .collect();
        let mut teams: HashMap<String, Uuid> = self
            .list_teams()?
            .into_iter()
            .map(|t| (live_key(&t.name), t.id))
            .collect();
        let mut tags: HashMap<String, Uuid> = self
            .list_tags()?
            .into_iter()
            .map(|t| (live_key(&t.name), t.id))
            .collect();
        let first = fresh.iter().map(|t| t.opened_at.date_naive()).min();
        let last = fresh.iter().map(|t| t.opened_at.date_naive()).max();
        let title = match request.title.trim() {
            "" => format!(
                "Ticket queue ({}), {} to {}",
                file.queue.label().split(" (").next().unwrap_or("tickets"),
                first.map(|d| d.to_string()).unwrap_or_default(),
                last.map(|d| d.to_string()).unwrap_or_default()
            ),
            t => t.to_owned(),
        };
        let notes = format!(
            "{} tickets from {}, opened {} to {}. Each is an observation of this session, said by its reporter; its times are kept for the support response time.\n",
            fresh.len(),
            file.queue.label(),
            first.map(|d| d.to_string()).unwrap_or_default(),
            last.map(|d| d.to_string()).unwrap_or_default()
        );
        let session = self.create_session(&NewSession {
            cycle_id: cycle,
            kind: SourceKind::SupportTicketReview,
            title: cleaned(&title, limits::SESSION_TITLE),
            held_on: last.unwrap_or_else(|| self.now().date_naive()),
            people: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            notes: Some(notes),
        })?;
        let mut rows: Vec<ObservationRow> = Vec::with_capacity(fresh.len());
        let mut kept: Vec<&TicketRow> = Vec::with_capacity(fresh.len());
        for t in fresh {
            let mut who = Vec::new();
            let name = reporter_name(&t.reporter);
            if !name.is_empty() {
                match people.get(&live_key(&name)) {
                    Some(id) => {
                        done.people_matched += 1;
                        who.push(*id);
                    }
                    None if request.add_people => {
                        let team = cleaned(&t.team, limits::NAME);
                        let team_id = if team.is_empty() {
                            None
                        } else {
                            Some(match teams.get(&live_key(&team)) {
                                Some(id) => *id,
                                None => {
                                    let id = self.add_team_named(&team)?;
                                    teams.insert(live_key(&team), id);
                                    done.teams_added += 1;
                                    id
                                }
                            })
                        };
                        let id = self.add_person_named(&name, team_id)?;
                        people.insert(live_key(&name), id);
                        done.people_added += 1;
                        who.push(id);
                    }
                    None => {}
                }
            }
            let mut tag_names: Vec<String> = t.components.clone();
            tag_names.extend(t.labels.iter().cloned());
            if t.question {
                tag_names.push("question".into());
            }
            let mut tag_ids = Vec::new();
            for name in tag_names.iter().take(limits::TAGS) {
                let name = cleaned(name, limits::TAG_NAME);
                if name.is_empty() {
                    continue;
                }
                let id = match tags.get(&live_key(&name)) {
                    Some(id) => *id,
                    None => {
                        let tag = self.create_tag(&TagInput {
                            name: name.clone(),
                            colour: None,
                            group: None,
                        })?;
                        tags.insert(live_key(&name), tag.id);
                        done.tags_added += 1;
                        tag.id
                    }
                };
                if !tag_ids.contains(&id) {
                    tag_ids.push(id);
                }
            }
            let mut text = format!("{}: {}", t.key, cleaned(&t.title, limits::OBSERVATION_TEXT));
            let body = t.body.trim();
            if !body.is_empty() {
                text.push_str("\n\n");
                text.push_str(body);
            }
            let text: String = if text.chars().count() > limits::OBSERVATION_TEXT {
                let mut cut: String = text.chars().take(limits::OBSERVATION_TEXT - 1).collect();
                cut.push('…');
                cut
            } else {
                text
            };
            rows.push(ObservationRow {
                kind: t.kind,
                text,
                observed_on: t.opened_at.date_naive(),
                people: who,
                tags: tag_ids,
            });
            kept.push(t);
        }
        // Written in bulk: one prepared statement for all, nothing read back.
        let ids = self.add_observations(session.id, &rows)?;
        for (id, t) in ids.into_iter().zip(kept) {
            self.keep_ticket(id, queue, &facts_of(t))?;
            done.tickets += 1;
        }
        done.session_id = Some(session.id);
        Ok(done)
    }
}

fn facts_of(t: &TicketRow) -> TicketFacts {
    TicketFacts {
        key: t.key.clone(),
        url: t.url.clone(),
        component: t.components.first().cloned().unwrap_or_default(),
        status: t.status.clone(),
        opened_at: t.opened_at,
        first_response_at: t.first_response_at,
        resolved_at: t.resolved_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_times_are_read_as_each_tool_writes_them() {
        let at = Utc.with_ymd_and_hms(2026, 11, 4, 10, 15, 0).single();
        assert_eq!(instant("2026-11-04T10:15:00Z"), at);
        assert_eq!(instant("2026-11-04T11:15:00+01:00"), at);
        assert_eq!(instant("2026-11-04 10:15:00"), at);
        assert_eq!(instant("2026-11-04 10:15:00 +0000"), at);
        assert_eq!(instant("04/Nov/26 10:15 AM"), at);
        assert_eq!(instant("soon"), None);
    }

    #[test]
    fn a_ticket_is_guessed_a_request_a_pain_or_a_question() {
        assert_eq!(
            guess_kind("Bug", "Deploys fail", "").0,
            ObservationKind::Pain
        );
        assert_eq!(
            guess_kind("Story", "Add ARM runners", "").0,
            ObservationKind::Request
        );
        assert_eq!(
            guess_kind("", "Please add a dry-run flag", "").0,
            ObservationKind::Request
        );
        assert!(guess_kind("", "How do I rotate the token?", "").1);
    }
}
