//! The kernel: opening, creating and checking a workspace file, its schema and the
//! migrations runner, the unit of work ([`db::Db`] and [`db::Tx`]), rows, ids, the
//! clock, errors, limits, the cycle and its mode policy, the trash primitive, the
//! product's vocabulary of kinds, untrusted text files, and the one Markdown renderer.
//!
//! Nothing here uses an area: every area builds on it.

pub(crate) mod cache;
pub mod chosen_file;
pub mod clock;
pub mod cycle;
pub mod db;
pub mod error;
pub mod exported;
pub mod folder;
pub mod id;
pub(crate) mod input;
pub mod kind;
pub mod limits;
pub mod merge;
pub mod policy;
pub mod recent;
pub mod render;
pub mod row;
pub mod schema;
pub(crate) mod sql;
pub mod text_file;
pub mod trash;
pub(crate) mod wording;
pub mod workspace;

/// The kernel's tables: the workspace's metadata, its migrations, cycles and their history, and the record of merges.
pub const TABLES: &[&str] = &[
    "meta",
    "schema_migration",
    "cycle",
    "cycle_event",
    "merge_record",
];

/// What the kernel lets the areas read of its tables: views in `migrations/0014_area_reads.sql`.
pub const VIEWS: &[&str] = &["cycle_view"];
