//! Session templates: each source kind starts its notes from a few prompts, so a
//! session logged in a hurry still asks the right questions. A workspace can rewrite
//! any kind's template; the built-in one comes back when its own is reset.

use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::kind::SourceKind;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest template, in characters.
pub const MAX_TEMPLATE: usize = crate::store::limits::TEMPLATE;

/// A source kind's template as the workspace uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionTemplate {
    pub kind: SourceKind,
    /// Markdown the notes start from.
    pub body: String,
    /// Whether the workspace changed it from the built-in one.
    pub customized: bool,
}

/// The template Groundwork ships for a kind.
pub fn builtin_template(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::SlaConversation => "## Service\n\n\n## Level expected\n\n\n## Level delivered today\n\n\n## Gap and impact\n\n",
        SourceKind::UserSurvey => "## Wave and audience\n\n\n## Response rate\n\n\n## Numbers that stand out\n\n\n## Free-text themes\n\n",
        SourceKind::CoffeeChat => "## What they are working on\n\n\n## What slows them down\n\n\n## Can we help with anything?\n\n",
        SourceKind::DiscussionGroup => "## Topic\n\n\n## Who spoke\n\n\n## What we heard\n\n\n## Open questions\n\n",
        SourceKind::CustomerAdvisoryGroup => "## Proposal shown\n\n\n## Reactions\n\n\n## What they could use on its own\n\n\n## Concerns\n\n",
        SourceKind::PeerCompanyChat => "## Company\n\n\n## How they solve it\n\n\n## What they would do differently\n\n\n## What not to copy\n\n",
        SourceKind::AcademicResearch => "## Paper\n\n\n## Claim\n\n\n## Evidence\n\n\n## Relevance to us\n\n",
        SourceKind::IndustryResearch => "## Source\n\n\n## Finding\n\n\n## Relevance to us\n\n",
        SourceKind::OpenSourceScan => "## Project\n\n\n## Maturity and community\n\n\n## What it could replace\n\n\n## Risks\n\n",
        SourceKind::CloudVendorScan => "## Vendor\n\n\n## Offering\n\n\n## Maturity\n\n\n## What it could replace\n\n",
        SourceKind::TeamBrainstorm => "## Prompt\n\n\n## Ideas (no judging yet)\n\n",
        SourceKind::StakeholderFeedback => "## Your goals\n\n\n## How can the platform team support you?\n\n\n## How do you prefer to interact with us?\n\n",
        SourceKind::SupportTicketReview => "## Period and queue\n\n\n## Patterns\n\n\n## Tickets worth a closer look\n\n",
        SourceKind::MetricsReview => "## Metrics and alerts looked at\n\n\n## What changed\n\n\n## Questions to ask users\n\n",
    }
}

impl Db<'_> {
    /// Every kind's template, in the brief's order.
    pub fn list_templates(&self) -> Result<Vec<SessionTemplate>, DomainError> {
        SourceKind::ALL
            .into_iter()
            .map(|k| self.template(k))
            .collect()
    }

    /// The template a new session of `kind` starts from.
    pub fn template(&self, kind: SourceKind) -> Result<SessionTemplate, DomainError> {
        let own: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM session_template WHERE kind = ?1")?
            .query_row([kind.as_str()], |r| r.get("body"))
            .optional()?;
        Ok(match own {
            Some(body) => SessionTemplate {
                kind,
                body,
                customized: true,
            },
            None => SessionTemplate {
                kind,
                body: builtin_template(kind).to_owned(),
                customized: false,
            },
        })
    }
}

impl Tx<'_> {
    /// Replaces a kind's template for this workspace.
    pub fn set_template(
        &self,
        kind: SourceKind,
        body: &str,
    ) -> Result<SessionTemplate, DomainError> {
        let count = body.chars().count();
        if count > MAX_TEMPLATE {
            return Err(DomainError::invalid(
                "template",
                crate::store::wording::too_long(count, MAX_TEMPLATE),
            ));
        }
        self.conn.execute(
            "INSERT INTO session_template (kind, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![kind.as_str(), body, self.now_text()],
        )?;
        self.template(kind)
    }

    /// Goes back to the built-in template for a kind.
    pub fn reset_template(&self, kind: SourceKind) -> Result<SessionTemplate, DomainError> {
        self.conn.execute(
            "DELETE FROM session_template WHERE kind = ?1",
            [kind.as_str()],
        )?;
        self.template(kind)
    }
}
