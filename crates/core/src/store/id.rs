//! Public ids are UUIDv7: time-ordered, and never renumbered when workspaces are merged.

use uuid::Uuid;

/// A new public id.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
