//! Groundwork's core: the domain of a platform team's discovery work, the SQLite
//! store that holds it, and the one Markdown renderer every view and export uses.
//!
//! Nothing here knows about Tauri or any UI; the desktop shell is a thin caller.

pub mod clock;
pub mod coverage;
pub mod cycle;
pub mod error;
pub mod id;
pub mod idea;
mod input;
pub mod limits;
pub mod merge;
pub mod observation;
pub mod person;
pub mod recent;
pub mod render;
pub mod sample;
pub mod schema;
pub mod search;
pub mod session;
pub mod store;
pub mod tag;
pub mod template;
pub mod trash;

pub use clock::{Clock, FixedClock, SystemClock};
pub use coverage::{ChannelUse, Coverage, SegmentHeard, TeamHeard};
pub use cycle::{Cycle, CycleMode};
pub use error::DomainError;
pub use idea::{Assessment, Evidence, Idea, IdeaInput};
pub use merge::{MergeDone, MergeEntity};
pub use observation::{
    NewObservation, Observation, ObservationFilter, ObservationKind, ObservationList,
    ObservationQuery, ObservationUpdate, PassageState,
};
pub use person::{
    PeopleQuery, Person, PersonInput, PersonRef, PersonSession, PersonSummary, Relation, Team,
    TeamInput,
};
pub use recent::{RecentList, RecentWorkspace};
pub use search::{SearchEntity, SearchHit, SearchQuery, SearchResults};
pub use session::{
    source_kinds, KindCount, NewSession, NotesSaved, Session, SessionLink, SessionList,
    SessionQuery, SessionSort, SessionSummary, SessionUpdate, SourceKind, SourceKindInfo,
};
pub use store::{check_whole_file, OpenError, OpenMode, OpenOutcome, Store, WorkspaceInfo};
pub use tag::{Tag, TagGroup, TagInput, TagRef};
pub use template::SessionTemplate;
pub use trash::{TrashEntity, TrashItem};
