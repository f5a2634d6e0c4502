//! The vocabulary every area shares: the discovery channels a session comes from
//! (source kinds) and what an observation is. Nothing here depends on an area.

use crate::store::row::Stored;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The discovery channel a session came from. Each is a first-class source kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    SlaConversation,
    UserSurvey,
    CoffeeChat,
    DiscussionGroup,
    CustomerAdvisoryGroup,
    PeerCompanyChat,
    AcademicResearch,
    IndustryResearch,
    OpenSourceScan,
    CloudVendorScan,
    TeamBrainstorm,
    StakeholderFeedback,
    SupportTicketReview,
    MetricsReview,
}

impl SourceKind {
    /// Every source kind, in the order the brief lists the channels.
    pub const ALL: [SourceKind; 14] = [
        Self::SlaConversation,
        Self::UserSurvey,
        Self::CoffeeChat,
        Self::DiscussionGroup,
        Self::CustomerAdvisoryGroup,
        Self::PeerCompanyChat,
        Self::AcademicResearch,
        Self::IndustryResearch,
        Self::OpenSourceScan,
        Self::CloudVendorScan,
        Self::TeamBrainstorm,
        Self::StakeholderFeedback,
        Self::SupportTicketReview,
        Self::MetricsReview,
    ];

    /// The stored name (the same as the serialized one).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SlaConversation => "sla_conversation",
            Self::UserSurvey => "user_survey",
            Self::CoffeeChat => "coffee_chat",
            Self::DiscussionGroup => "discussion_group",
            Self::CustomerAdvisoryGroup => "customer_advisory_group",
            Self::PeerCompanyChat => "peer_company_chat",
            Self::AcademicResearch => "academic_research",
            Self::IndustryResearch => "industry_research",
            Self::OpenSourceScan => "open_source_scan",
            Self::CloudVendorScan => "cloud_vendor_scan",
            Self::TeamBrainstorm => "team_brainstorm",
            Self::StakeholderFeedback => "stakeholder_feedback",
            Self::SupportTicketReview => "support_ticket_review",
            Self::MetricsReview => "metrics_review",
        }
    }

    /// The name people use for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::SlaConversation => "SLA conversation",
            Self::UserSurvey => "User survey",
            Self::CoffeeChat => "Coffee chat",
            Self::DiscussionGroup => "Discussion group",
            Self::CustomerAdvisoryGroup => "Customer advisory group",
            Self::PeerCompanyChat => "Peer-company chat",
            Self::AcademicResearch => "Academic research",
            Self::IndustryResearch => "Industry research",
            Self::OpenSourceScan => "Open-source scan",
            Self::CloudVendorScan => "Cloud-vendor scan",
            Self::TeamBrainstorm => "Team brainstorm",
            Self::StakeholderFeedback => "Stakeholder feedback",
            Self::SupportTicketReview => "Support-ticket review",
            Self::MetricsReview => "Metrics review",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether it hears our users. Peer companies, research, open-source and vendor
    /// scans tell what others do, and a brainstorm what the team thinks: neither is
    /// what our users need.
    pub fn hears_users(self) -> bool {
        !matches!(
            self,
            Self::PeerCompanyChat
                | Self::AcademicResearch
                | Self::IndustryResearch
                | Self::OpenSourceScan
                | Self::CloudVendorScan
                | Self::TeamBrainstorm
        )
    }
}

/// A source kind with the name people use for it, for pickers and filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceKindInfo {
    pub kind: SourceKind,
    pub label: String,
}

/// Every source kind with its label, in the brief's order.
pub fn source_kinds() -> Vec<SourceKindInfo> {
    SourceKind::ALL
        .into_iter()
        .map(|kind| SourceKindInfo {
            kind,
            label: kind.label().to_owned(),
        })
        .collect()
}

/// What an observation is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObservationKind {
    Quote,
    #[default]
    Pain,
    Request,
    Idea,
    Fact,
}

impl ObservationKind {
    pub const ALL: [ObservationKind; 5] = [
        Self::Quote,
        Self::Pain,
        Self::Request,
        Self::Idea,
        Self::Fact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Pain => "pain",
            Self::Request => "request",
            Self::Idea => "idea",
            Self::Fact => "fact",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name people use for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quote => "Quote",
            Self::Pain => "Pain",
            Self::Request => "Request",
            Self::Idea => "Idea",
            Self::Fact => "Fact",
        }
    }
}

impl Stored for SourceKind {
    const WHAT: &'static str = "source kind";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &Self::ALL
    }
}

impl Stored for ObservationKind {
    const WHAT: &'static str = "observation kind";
    fn as_stored(self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        &Self::ALL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_stored_name() {
        for kind in SourceKind::ALL {
            assert_eq!(SourceKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        for kind in ObservationKind::ALL {
            assert_eq!(ObservationKind::parse(kind.as_str()), Some(kind));
        }
    }
}
