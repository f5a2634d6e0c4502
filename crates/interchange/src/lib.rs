//! Groundwork's heavy formats, kept out of the core so that only what writes them
//! pays for them: PDF typeset in-process by Typst, with its fonts built in.
//!
//! Every export starts as the core's Markdown ([`groundwork_core::Store::export`]);
//! Markdown and HTML come from the core as they are, PDF is that Markdown typeset.

pub mod pdf;
pub mod tree;

use groundwork_core::{DomainError, ExportDoc, ExportFormat, Store};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Every format a document can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Md,
    Html,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == text)
    }

    /// The file extension, without its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// An export as bytes, ready to be written where the user chose.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub citations: u32,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

/// What is exported: a cycle's document as it is now, or a kept version of a charter
/// or vision as it was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "of", rename_all = "snake_case", rename_all_fields = "camelCase")]
#[ts(tag = "of", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ExportOf {
    Cycle {
        cycle_id: Uuid,
        doc: ExportDoc,
    },
    Version {
        version_id: Uuid,
    },
    /// A team's "you said, we did" digest, of one cycle or of every cycle.
    Digest {
        team_id: Uuid,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cycle_id: Option<Uuid>,
    },
}

/// A cycle's charter, vision, ranked pain, roadmap or planning pack in `format`.
pub fn export(
    store: &Store,
    cycle: Uuid,
    doc: ExportDoc,
    format: Format,
) -> Result<ExportFile, ExportError> {
    export_of(
        store,
        ExportOf::Cycle {
            cycle_id: cycle,
            doc,
        },
        format,
    )
}

/// What `of` names, in `format`.
pub fn export_of(store: &Store, of: ExportOf, format: Format) -> Result<ExportFile, ExportError> {
    let core = match format {
        Format::Md | Format::Pdf => ExportFormat::Md,
        Format::Html => ExportFormat::Html,
    };
    let opening = match of {
        ExportOf::Digest { .. } => pdf::Opening::Heading,
        _ => pdf::Opening::TitlePage,
    };
    let exported = match of {
        ExportOf::Cycle { cycle_id, doc } => store.read(|db| db.export(cycle_id, doc, core))?,
        ExportOf::Version { version_id } => store.read(|db| db.export_version(version_id, core))?,
        ExportOf::Digest { team_id, cycle_id } => {
            store.read(|db| db.export_digest(team_id, cycle_id, core))?
        }
    };
    let stem = exported
        .file_name
        .rsplit_once('.')
        .map_or(exported.file_name.as_str(), |(s, _)| s)
        .to_owned();
    let bytes = match format {
        Format::Md | Format::Html => exported.content.into_bytes(),
        Format::Pdf => pdf::markdown_to_pdf(
            &exported.title,
            &format!(
                "Made with Groundwork on {}, from the evidence of this cycle.",
                chrono::Local::now().format("%Y-%m-%d")
            ),
            &exported.content,
            opening,
        )?,
    };
    Ok(ExportFile {
        title: exported.title,
        file_name: format!("{stem}.{}", format.extension()),
        bytes,
        citations: exported.citations,
    })
}
