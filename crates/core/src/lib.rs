//! Groundwork's core: the domain of a platform team's discovery work, the SQLite
//! store that holds it, and the one Markdown renderer every view and export uses.
//!
//! Nothing here knows about Tauri or any UI; the desktop shell is a thin caller.

// The vocabulary, at the bottom: nothing here depends on an area.
pub mod clock;
pub mod error;
pub mod filter;
pub mod id;
mod input;
pub mod kind;
pub mod limits;
pub mod passage;
pub mod query;
pub mod row;
mod sql;

// The store and its unit of work, and the mode policy every write consults.
pub mod db;
pub mod policy;
pub mod schema;
pub mod store;

// The areas, each above the vocabulary and the areas it names.
pub mod adoption;
pub mod answer;
pub mod bucket;
pub mod cadence;
pub mod citation;
pub mod coverage;
pub mod criterion;
pub mod cycle;
pub mod document;
pub mod export;
pub mod idea;
pub mod kudos;
pub mod lint;
pub mod merge;
pub mod observation;
pub mod pain;
pub mod person;
pub mod rank;
pub mod recent;
pub mod render;
pub mod review;
pub mod roadmap;
pub mod sample;
pub mod search;
pub mod search_index;
pub mod session;
pub mod sla;
pub mod solution;
pub mod survey;
pub mod survey_chart;
pub mod survey_file;
pub mod tag;
pub mod template;
pub mod tradeoff;
pub mod trash;

pub use adoption::{
    Adoption, AdoptionInput, AdoptionKind, AdoptionState, Milestone, MilestoneInput,
};
pub use answer::{Answer, AnswerInput, AnswerLink, AnswerTarget, DigestItem, TeamDigest};
pub use bucket::{Bucket, BucketInput, BucketKind, BucketRef};
pub use cadence::{Checkin, CheckinDue, CheckinInput, DueState};
pub use citation::{Citation, CitationState, CitedKind, CitedText, Live};
pub use clock::{Clock, FixedClock, SystemClock};
pub use coverage::{ChannelUse, Coverage, SegmentHeard, TeamHeard};
pub use criterion::{Criterion, CriterionInput};
pub use cycle::{Cycle, CycleEvent, CycleMode};
pub use db::{Db, Tx};
pub use document::{
    DiffKind, DiffPiece, Document, DocumentDiff, DocumentKind, DocumentSaved, DocumentVersion,
    DocumentVersionView, FrozenLive, SectionGuide,
};
pub use error::DomainError;
pub use export::{ExportDoc, ExportFormat, Exported};
pub use filter::ObservationFilter;
pub use idea::{Assessment, Evidence, Idea, IdeaInput};
pub use kind::{source_kinds, ObservationKind, SourceKind, SourceKindInfo};
pub use kudos::{Kudos, KudosDirection, KudosInput};
pub use lint::{DocumentLint, LintFinding, LintKind};
pub use merge::{MergeDone, MergeEntity};
pub use observation::{
    NewObservation, Observation, ObservationList, ObservationQuery, ObservationUpdate,
};
pub use pain::{
    EvidenceLink, Importance, LoudVoice, Pain, PainCited, PainEvidence, PainInput, PainUpdate,
    Reach, ReachWeight, Severity, VoiceKind,
};
pub use passage::PassageState;
pub use person::{
    PeopleQuery, Person, PersonInput, PersonRef, PersonSession, PersonSummary, Relation, Team,
    TeamInput,
};
pub use policy::{Act, CycleAllows};
pub use query::QueryField;
pub use rank::{Explanation, Framework, OverrideEvent, RankedPain, Ranking, ScoreInputs, Term};
pub use recent::{RecentList, RecentWorkspace};
pub use review::CycleReview;
pub use roadmap::{
    Confidence, ItemStatus, Lane, Roadmap, RoadmapHint, RoadmapItem, RoadmapItemInput, Span, Work,
};
pub use search::{
    QueryChip, SearchCounts, SearchEntity, SearchHit, SearchOrder, SearchQuery, SearchResults,
    Understood,
};
pub use session::{
    KindCount, NewSession, NotesChoice, NotesSaved, NotesVersion, Session, SessionLink,
    SessionList, SessionQuery, SessionSort, SessionSummary, SessionUpdate,
};
pub use sla::{Better, LevelKind, Sla, SlaInput, SlaLevel, SlaLevelInput};
pub use solution::{
    Experiment, ExperimentInput, Horizon, Outcome, PlanBalance, Solution, SolutionInput,
    SolutionStatus, VendorCitation,
};
pub use store::{
    backup_file, check_whole_file, OpenError, OpenMode, OpenOutcome, Store, WorkspaceInfo,
};
pub use survey::{
    BadRows, ColumnKind, ColumnMapping, ColumnPreview, PreviewCell, PreviewRow, RowProblem, Scale,
    Survey, SurveyMapping, SurveyPreview, SurveyQuestion, SurveyWave, WaveImport, WaveImported,
    WaveRef,
};
pub use survey_chart::{
    AnswerRef, ChartWave, Count, QuestionChart, Score, Series, Split, SurveyCharts, TextAnswer,
    WaveFigures,
};
pub use survey_file::{Delimiter, FileError, TextEncoding};
pub use tag::{Tag, TagGroup, TagInput, TagRef};
pub use template::SessionTemplate;
pub use tradeoff::{AxisInput, ServeChoice, ServeInput, Stance, TradeoffAxis, Tradeoffs};
pub use trash::{TrashEntity, TrashItem};
