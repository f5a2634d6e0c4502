//! PDF, typeset in-process by Typst: the document's Markdown becomes a tree of plain
//! data ([`crate::tree`]) that a fixed template (`typst/document.typ`) walks. The
//! template is the only Typst source; what people wrote is only ever data, so no
//! quote can change the layout or read a file.

use crate::tree::{self, Block, Inline};
use serde::Serialize;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("../typst/document.typ");

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The typesetter refused: a fault of Groundwork's template, never of the text.
    #[error("the PDF could not be typeset ({0}); the Markdown and HTML exports still work")]
    Typeset(String),
}

/// What the template is given.
#[derive(Serialize)]
struct Data<'a> {
    title: String,
    subtitle: String,
    colophon: &'a str,
    /// Whether the title has a page of its own (a document of several parts).
    title_page: bool,
    blocks: Vec<Block>,
}

/// How a PDF opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// A title page, then the document: charters, visions, the planning pack.
    TitlePage,
    /// The title at the top of the first page, the document under it: a one-page
    /// letter such as the "you said, we did" digest.
    Heading,
}

/// The fonts the template names, built in: Libertinus Serif for the text (regular,
/// bold, italic, bold italic) and DejaVu Sans Mono for code. Only these are
/// embedded, not all of `typst_assets::fonts()` (whose math and New Computer Modern
/// fonts the template never uses), which keeps ~8 MB out of the binaries.
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

/// The fonts built in, read once.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(name: &str) -> FileId {
    let path = VirtualPath::new(name).unwrap_or_else(|_| unreachable!("a fixed, valid path"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// The world one PDF is typeset in: the template, its data, the built-in fonts, and
/// nothing else (no file system, no network, no packages).
struct Job {
    main: FileId,
    data_id: FileId,
    source: Source,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A PDF of `markdown`: a title page (the Markdown's first heading and the paragraph
/// under it, else `title`) or, for `Opening::Heading`, that title atop the first page;
/// then the document, its footnotes at the foot of each page and page numbers below.
pub fn markdown_to_pdf(
    title: &str,
    colophon: &str,
    markdown: &str,
    opening: Opening,
) -> Result<Vec<u8>, PdfError> {
    let mut blocks = tree::parse(markdown);
    let (mut cover, mut subtitle) = (title.to_owned(), String::new());
    // The first heading is the title page's; a pack (which has more than one) opens
    // with a line about itself, which goes there too.
    if let Some(Block::Heading { level: 1, c }) = blocks.first() {
        cover = plain(c);
        blocks.remove(0);
        let more = blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 1, .. }));
        if more && matches!(blocks.first(), Some(Block::Para { .. })) {
            if let Block::Para { c } = blocks.remove(0) {
                subtitle = plain(&c);
            }
        }
    }
    let data = Data {
        title: cover,
        subtitle,
        colophon,
        title_page: opening == Opening::TitlePage,
        blocks,
    };
    let json = serde_json::to_vec(&data).map_err(|e| PdfError::Typeset(e.to_string()))?;
    let main = file_id("/document.typ");
    let now = chrono::Local::now().date_naive();
    let job = Job {
        main,
        data_id: file_id("/data.json"),
        source: Source::new(main, TEMPLATE.to_owned()),
        data: Bytes::new(json),
        today: {
            use chrono::Datelike;
            Datetime::from_ymd(now.year(), now.month() as u8, now.day() as u8)
        },
    };
    let document: PagedDocument = typst::compile(&job)
        .output
        .map_err(|errors| PdfError::Typeset(messages(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| PdfError::Typeset(messages(&errors)))
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The words of inline runs, without their marks.
fn plain(nodes: &[Inline]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Inline::Text { s } | Inline::Code { s } => out.push_str(s),
            Inline::Em { c }
            | Inline::Strong { c }
            | Inline::Del { c }
            | Inline::Link { c, .. } => out.push_str(&plain(c)),
            Inline::Break => out.push(' '),
            Inline::Note { .. } | Inline::NoteAgain { .. } => {}
        }
    }
    out
}
