//! Groundwork's core: the domain of a platform team's discovery work, the SQLite
//! store that holds it, and the one Markdown renderer every view and export uses.
//!
//! Nothing here knows about Tauri or any UI; the desktop shell is a thin caller.
//!
//! The crate is cut by the product's own areas, each a folder that owns its tables.
//! An area uses only the areas below it (a tidy test checks the `use` lines):
//!
//! ```text
//! store (the kernel)
//!   <- discovery
//!        <- prioritization <- closing_the_loop <- documents <- sample
//!        <- surveys                                  (documents may use every area)
//!        <- imports (readers of other tools' exports)
//!   <- sharing (a workspace through git: above every area, it merges any table)
//! ```
//! `docs/architecture.md` is the map.

pub mod store;

pub mod discovery;

pub mod imports;
pub mod prioritization;
pub mod surveys;

pub mod closing_the_loop;

pub mod documents;

pub mod sample;

pub mod sharing;

// The types the operation table, the command line and the tests name, at the root.
pub use closing_the_loop::adoption::{
    Adoption, AdoptionInput, AdoptionKind, AdoptionState, Milestone, MilestoneInput,
};
pub use closing_the_loop::answer::{
    Answer, AnswerInput, AnswerLink, AnswerTarget, DigestItem, TeamDigest,
};
pub use closing_the_loop::kudos::{Kudos, KudosDirection, KudosInput};
pub use closing_the_loop::sla::{Better, LevelKind, Sla, SlaInput, SlaLevel, SlaLevelInput};
pub use discovery::coverage::{ChannelUse, Coverage, SegmentHeard, TeamHeard};
pub use discovery::filter::ObservationFilter;
pub use discovery::idea::{Assessment, Evidence, Idea, IdeaInput};
pub use discovery::observation::{
    NewObservation, Observation, ObservationList, ObservationQuery, ObservationUpdate,
};
pub use discovery::passage::PassageState;
pub use discovery::person::checkin::{Checkin, CheckinDue, CheckinInput, DueState};
pub use discovery::person::{
    PeopleQuery, Person, PersonInput, PersonRef, PersonSession, PersonSummary, Relation, Team,
    TeamInput,
};
pub use discovery::query::QueryField;
pub use discovery::review::CycleReview;
pub use discovery::search::{
    QueryChip, SearchCounts, SearchEntity, SearchHit, SearchOrder, SearchQuery, SearchResults,
    Understood,
};
pub use discovery::session::{
    KindCount, NewSession, NotesChoice, NotesSaved, NotesVersion, Session, SessionLink,
    SessionList, SessionQuery, SessionSort, SessionSummary, SessionUpdate,
};
pub use discovery::similar::SimilarObservation;
pub use discovery::tag::{Tag, TagGroup, TagInput, TagRef};
pub use discovery::template::SessionTemplate;
pub use discovery::ticket::{ComponentMonths, SupportQueue, TeamResponse};
pub use discovery::transcript::import::{
    TranscriptImport, TranscriptImportPreview, TranscriptImported, TranscriptTarget,
};
pub use discovery::transcript::speaker::{
    SpeakerChoice, SpeakerPerson, SpeakerRole, SpeakerSuggestion, SuggestedBy,
};
pub use discovery::transcript::view::{SessionTranscript, TranscriptSpeaker, TurnView};
pub use discovery::transcript::{
    LeftOut, SpeakerShare, Transcript, TranscriptError, TranscriptFormat, TranscriptPreview, Turn,
};
pub use documents::citation::{Citation, CitationState, CitedKind, CitedText, Live};
pub use documents::document::{
    DiffKind, DiffPiece, Document, DocumentDiff, DocumentKind, DocumentSaved, DocumentVersion,
    DocumentVersionView, FrozenLive, SectionGuide,
};
pub use documents::export::ExportDoc;
pub use documents::lint::{DocumentLint, LintFinding, LintKind};
pub use imports::links::{FollowedLink, LinkedNote};
pub use imports::tickets::{
    TicketFile, TicketImport, TicketPreview, TicketQueue, TicketRow, TicketSkipped, TicketsImported,
};
pub use prioritization::bucket::{Bucket, BucketInput, BucketKind, BucketRef};
pub use prioritization::criterion::{Criterion, CriterionInput};
pub use prioritization::pain::{
    EvidenceLink, Importance, LoudVoice, Pain, PainCited, PainEvidence, PainInput, PainUpdate,
    Reach, ReachWeight, Severity, VoiceKind,
};
pub use prioritization::rank::{
    Explanation, Framework, OverrideEvent, RankedPain, Ranking, ScoreInputs, Term,
};
pub use prioritization::roadmap::{
    Confidence, ItemStatus, Lane, Roadmap, RoadmapHint, RoadmapItem, RoadmapItemInput, Span, Work,
};
pub use prioritization::solution::{
    Experiment, ExperimentInput, Horizon, Outcome, PlanBalance, Solution, SolutionInput,
    SolutionStatus, VendorCitation,
};
pub use prioritization::tradeoff::{
    AxisInput, ServeChoice, ServeInput, Stance, TradeoffAxis, Tradeoffs,
};
pub use store::clock::{Clock, FixedClock, SystemClock};
pub use store::cycle::{Cycle, CycleEvent};
pub use store::db::{Db, Tx};
pub use store::error::DomainError;
pub use store::exported::{ExportFormat, Exported};
pub use store::kind::{source_kinds, ObservationKind, SourceKind, SourceKindInfo};
pub use store::merge::{MergeDone, MergeEntity};
pub use store::policy::{Act, CycleAllows, CycleMode};
pub use store::recent::{RecentList, RecentWorkspace};
pub use store::text_file::{Delimiter, FileError, TextEncoding};
pub use store::trash::{TrashEntity, TrashItem};
pub use store::workspace::{
    backup_file, check_whole_file, OpenError, OpenMode, OpenOutcome, Store, WorkspaceInfo,
};
pub use surveys::chart::{
    AnswerRef, ChartWave, Count, QuestionChart, Score, Series, Split, SurveyCharts, TextAnswer,
    WaveFigures,
};
pub use surveys::survey::{
    BadRows, ColumnKind, ColumnMapping, ColumnPreview, PreviewCell, PreviewRow, RegisterPreview,
    Respondents, RowProblem, Scale, Survey, SurveyMapping, SurveyPreview, SurveyQuestion,
    SurveyWave, WaveImport, WaveImported, WaveRef,
};
