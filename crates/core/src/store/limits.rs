//! Every limit on what a person can type, in one place. Core enforces them with a
//! reason a person reads; the UI's `maxlength` attributes come from the same numbers
//! (`ui/src/ipc/generated/limits.ts`, generated from [`LIMITS`]).
//!
//! Text is counted in characters (Unicode scalar values), notes in bytes of UTF-8.
//! The UI counts UTF-16 units, which is never fewer, so a field the UI accepts is
//! never refused by core for its length.

use serde::Serialize;

/// Longest cycle name.
pub const CYCLE_NAME: usize = 120;
/// Longest session title.
pub const SESSION_TITLE: usize = 300;
/// Largest notes of one session, in bytes (UTF-8): enough for a long transcript.
pub const NOTES_BYTES: usize = 4 * 1024 * 1024;
/// Most links one session carries.
pub const SESSION_LINKS: usize = 100;
/// Longest link address.
pub const LINK_URL: usize = 4096;
/// Longest link label.
pub const LINK_LABEL: usize = 300;
/// Longest observation (its words, and the passage it was taken from).
pub const OBSERVATION_TEXT: usize = 20_000;
/// Most tags on one observation, session or idea.
pub const TAGS: usize = 50;
/// Longest name of a person or a team.
pub const NAME: usize = 200;
/// Longest short field: a person's role, a team's org area or segment.
pub const SHORT: usize = 200;
/// Longest answer to one of the three stakeholder questions.
pub const ANSWER: usize = 10_000;
/// Most people one session or observation names.
pub const PEOPLE_PER_ITEM: usize = 200;
/// Longest tag name.
pub const TAG_NAME: usize = 80;
/// Longest idea title.
pub const IDEA_TITLE: usize = 300;
/// Longest idea description.
pub const IDEA_DESCRIPTION: usize = 50_000;
/// Most observations one idea cites.
pub const IDEA_EVIDENCE: usize = 1000;
/// Longest pain statement.
pub const PAIN_STATEMENT: usize = 1000;
/// Longest reason given for linking evidence or for a change of mode.
pub const REASON: usize = 2000;
/// Most observations behind one pain.
pub const PAIN_EVIDENCE: usize = 5000;
/// Longest solution title, trade-off pole or criterion name.
pub const SOLUTION_TITLE: usize = 300;
/// Longest free text of a solution, an experiment or a trade-off: notes, a
/// hypothesis, a result.
pub const PLAN_TEXT: usize = 20_000;
/// Most cloud-vendor-scan observations one solution cites.
pub const VENDOR_EVIDENCE: usize = 200;
/// Most items one roadmap item depends on.
pub const ROADMAP_DEPENDENCIES: usize = 50;
/// Longest session template.
pub const TEMPLATE: usize = 20_000;
/// Longest search, in characters; the rest of a long paste is ignored (and said so).
pub const SEARCH_TEXT: usize = 1000;
/// Longest text the people list filters by.
pub const PEOPLE_QUERY: usize = 200;
/// Most observations one bulk change (tagging many) touches.
pub const BULK: usize = 100_000;
/// Most rows one page of a list holds.
pub const PAGE: u32 = 1000;

/// The limits as the UI reads them (camelCase names, generated into TypeScript).
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub cycle_name: usize,
    pub session_title: usize,
    pub notes_bytes: usize,
    pub session_links: usize,
    pub link_url: usize,
    pub link_label: usize,
    pub observation_text: usize,
    pub tags: usize,
    pub name: usize,
    pub short: usize,
    pub answer: usize,
    pub people_per_item: usize,
    pub tag_name: usize,
    pub idea_title: usize,
    pub idea_description: usize,
    pub idea_evidence: usize,
    pub pain_statement: usize,
    pub reason: usize,
    pub pain_evidence: usize,
    pub solution_title: usize,
    pub plan_text: usize,
    pub vendor_evidence: usize,
    pub template: usize,
    pub search_text: usize,
    pub people_query: usize,
    pub bulk: usize,
    pub page: u32,
}

/// Every limit, for the UI.
pub const LIMITS: Limits = Limits {
    cycle_name: CYCLE_NAME,
    session_title: SESSION_TITLE,
    notes_bytes: NOTES_BYTES,
    session_links: SESSION_LINKS,
    link_url: LINK_URL,
    link_label: LINK_LABEL,
    observation_text: OBSERVATION_TEXT,
    tags: TAGS,
    name: NAME,
    short: SHORT,
    answer: ANSWER,
    people_per_item: PEOPLE_PER_ITEM,
    tag_name: TAG_NAME,
    idea_title: IDEA_TITLE,
    idea_description: IDEA_DESCRIPTION,
    idea_evidence: IDEA_EVIDENCE,
    pain_statement: PAIN_STATEMENT,
    reason: REASON,
    pain_evidence: PAIN_EVIDENCE,
    solution_title: SOLUTION_TITLE,
    plan_text: PLAN_TEXT,
    vendor_evidence: VENDOR_EVIDENCE,
    template: TEMPLATE,
    search_text: SEARCH_TEXT,
    people_query: PEOPLE_QUERY,
    bulk: BULK,
    page: PAGE,
};

/// The TypeScript module the UI imports its `maxlength`s from.
pub fn typescript() -> String {
    let json = serde_json::to_string_pretty(&LIMITS).unwrap_or_else(|_| "{}".to_owned());
    format!(
        "// Generated from crates/core/src/limits.rs. Do not edit.\n\
         /** Every limit core enforces on typed text: characters, notes in UTF-8 bytes. */\n\
         export const LIMITS = {json} as const;\n"
    )
}
