//! Imports: reading what product managers already have in other tools (a folder of
//! Markdown notes, an Obsidian vault, Notion and Joplin exports, HTML made Markdown
//! safely, and the support-ticket queue of Jira, ServiceNow, Zendesk or GitHub) into
//! what discovery keeps. Readers here are pure: they take files
//! and say what they found, and nothing is written until the user has seen a preview.
//!
//! Builds on discovery and the kernel.

pub mod csv_notes;
pub mod html;
pub mod joplin;
pub mod links;
pub mod notes;
pub mod notion;
pub mod tickets;
pub mod vault;
pub mod vault_import;

/// Imports own the record of where imported sessions came from; what they bring in
/// is kept by discovery, through its functions.
pub const TABLES: &[&str] = &["import_source"];

/// Imports expose no view.
pub const VIEWS: &[&str] = &[];
