//! Groundwork's core: the domain of a platform team's discovery work, the SQLite
//! store that holds it, and the one Markdown renderer every view and export uses.
//!
//! Nothing here knows about Tauri or any UI; the desktop shell is a thin caller.

pub mod clock;
pub mod cycle;
pub mod error;
pub mod id;
pub mod recent;
pub mod render;
pub mod schema;
pub mod session;
pub mod store;
pub mod trash;

pub use clock::{Clock, FixedClock, SystemClock};
pub use cycle::{Cycle, CycleMode};
pub use error::DomainError;
pub use recent::{RecentList, RecentWorkspace};
pub use session::{
    source_kinds, KindCount, NewSession, NotesSaved, Session, SessionLink, SessionList,
    SessionQuery, SessionSort, SessionSummary, SessionUpdate, SourceKind, SourceKindInfo,
};
pub use store::{OpenError, OpenMode, OpenOutcome, Store, WorkspaceInfo};
pub use trash::{TrashEntity, TrashItem};
