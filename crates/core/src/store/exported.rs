//! A rendered file ready to be saved where the user chooses: its format, the name to
//! offer, and the escaping that keeps untrusted text text in its Markdown. Every area
//! that exports (documents, the "you said, we did" digest) makes its files with these.

use crate::store::row::{stored, Stored};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// CommonMark with footnotes.
    Md,
    /// One self-contained HTML file: styles inline, no script, nothing external.
    Html,
}

stored!(ExportFormat, "export format", { Md => "md", Html => "html" });

impl ExportFormat {
    pub fn parse(text: &str) -> Option<Self> {
        Self::from_stored(text)
    }

    /// The file extension, without its dot.
    pub fn extension(self) -> &'static str {
        self.as_stored()
    }
}

/// An export, ready to be written where the user chooses.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub title: String,
    /// A file name to offer: "Charter - 2027 H1 prioritization.md".
    pub file_name: String,
    pub format: ExportFormat,
    pub content: String,
    /// How many footnotes cite evidence.
    pub citations: u32,
}

/// Escapes text for Markdown so that it stays text: every character Markdown could
/// read as markup is backslash-escaped, and line breaks become spaces (a quote must
/// not end its footnote and start a block of its own).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        // Parentheses and `!` only mean something after a `]`, which is escaped; `&`
        // only before what could be an entity.
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        if entity
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '$' | '{' | '}'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A file name made of `title`: characters no file system takes become spaces.
pub(crate) fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c == ' ')
        .to_owned();
    let short: String = cleaned.chars().take(120).collect();
    if short.is_empty() {
        "Groundwork export".to_owned()
    } else {
        short
    }
}
