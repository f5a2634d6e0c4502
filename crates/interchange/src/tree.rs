//! Markdown as a tree of plain data, for the PDF template to walk. Nothing in it is
//! ever Typst markup: every piece of text is a string the template shows as text, so
//! a quote holding `#import` or `$x$` reads as those characters.
//!
//! It reads Markdown as the HTML renderer does (tables, strikethrough, task lists,
//! footnotes; raw HTML as the text it is; images as links), and keeps only the links
//! the renderer keeps (http, https, mailto).

use pulldown_cmark::{Event, Tag};
use serde::Serialize;
use std::collections::HashMap;

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        c: Vec<Inline>,
    },
    Para {
        c: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote {
        c: Vec<Block>,
    },
    Code {
        s: String,
    },
    Rule,
    /// Each row has as many cells as the widest row; `widths` are 0 for "as wide as
    /// its text" or a share of the rest.
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        widths: Vec<u8>,
    },
}

/// A run of text within a block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Inline {
    Text {
        s: String,
    },
    Em {
        c: Vec<Inline>,
    },
    Strong {
        c: Vec<Inline>,
    },
    Del {
        c: Vec<Inline>,
    },
    Code {
        s: String,
    },
    Link {
        url: String,
        c: Vec<Inline>,
    },
    Break,
    /// A footnote, at its first reference: its text goes to the foot of the page.
    Note {
        n: u32,
        c: Vec<Inline>,
    },
    /// A later reference to footnote number `n`, with its text: on a later page the
    /// note is printed again there, so a mark never points to another page.
    NoteAgain {
        n: u32,
        c: Vec<Inline>,
    },
}

/// Whether a link may stay a link: the schemes the HTML renderer keeps.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

struct Builder<'a> {
    /// Footnote definitions by label, as inline runs (paragraphs joined by breaks).
    notes: &'a HashMap<String, Vec<Inline>>,
    numbers: HashMap<String, u32>,
    next: u32,
}

/// Reads `markdown` into blocks.
pub fn parse(markdown: &str) -> Vec<Block> {
    // First the footnote definitions, wherever they are, so each reference can carry
    // its text.
    let mut notes = HashMap::new();
    // Read as the HTML renderer reads it: a row's cells beyond its header are kept.
    let events: Vec<Event<'_>> = groundwork_core::store::render::events(markdown).collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
            let label = label.to_string();
            let end = matching_end(&events, i);
            let empty = HashMap::new();
            let mut b = Builder {
                notes: &empty,
                numbers: HashMap::new(),
                next: 1,
            };
            let blocks = b.blocks(&events[i + 1..end]);
            notes.insert(label, flatten(blocks));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    let mut b = Builder {
        notes: &notes,
        numbers: HashMap::new(),
        next: 1,
    };
    b.blocks(&events)
}

/// The index of the event that closes the one opened at `start`.
fn matching_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// A footnote's blocks as one run of text: paragraphs joined by line breaks.
fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::Break);
        }
        match block {
            Block::Para { c } | Block::Heading { c, .. } => out.extend(c),
            Block::Code { s } => out.push(Inline::Code { s }),
            Block::List { items, .. } => {
                for item in items {
                    out.push(Inline::Text { s: "• ".into() });
                    out.extend(flatten(item));
                }
            }
            Block::Quote { c } => out.extend(flatten(c)),
            Block::Rule | Block::Table { .. } => {}
        }
    }
    out
}

fn text_of(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { s } | Inline::Code { s } => s.chars().count(),
            Inline::Em { c }
            | Inline::Strong { c }
            | Inline::Del { c }
            | Inline::Link { c, .. } => text_of(c),
            _ => 0,
        })
        .sum()
}

impl Builder<'_> {
    /// Blocks from a run of events (a container's inside).
    fn blocks(&mut self, events: &[Event<'_>]) -> Vec<Block> {
        let mut out = Vec::new();
        let mut loose: Vec<Inline> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let event = &events[i];
            let end = match event {
                Event::Start(_) => matching_end(events, i),
                _ => i,
            };
            let inner = if end > i {
                &events[i + 1..end]
            } else {
                &[][..]
            };
            match event {
                Event::Start(Tag::Paragraph) | Event::Start(Tag::HtmlBlock) => {
                    flush(&mut loose, &mut out);
                    let c = self.inlines(inner);
                    if !c.is_empty() {
                        out.push(Block::Para { c });
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    flush(&mut loose, &mut out);
                    out.push(Block::Heading {
                        level: *level as u8,
                        c: self.inlines(inner),
                    });
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    flush(&mut loose, &mut out);
                    out.push(Block::Quote {
                        c: self.blocks(inner),
                    });
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    flush(&mut loose, &mut out);
                    let s: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) => Some(t.to_string()),
                            _ => None,
                        })
                        .collect();
                    out.push(Block::Code {
                        s: s.trim_end_matches('\n').to_owned(),
                    });
                }
                Event::Start(Tag::List(start)) => {
                    flush(&mut loose, &mut out);
                    let mut items = Vec::new();
                    let mut j = 0;
                    while j < inner.len() {
                        if let Event::Start(Tag::Item) = inner[j] {
                            let e = matching_end(inner, j);
                            items.push(self.blocks(&inner[j + 1..e]));
                            j = e + 1;
                        } else {
                            j += 1;
                        }
                    }
                    out.push(Block::List {
                        ordered: start.is_some(),
                        start: start.unwrap_or(1),
                        items,
                    });
                }
                Event::Start(Tag::Table(_)) => {
                    flush(&mut loose, &mut out);
                    out.push(self.table(inner));
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    // Shown at the foot of the page, where it is referenced.
                }
                Event::Rule => {
                    flush(&mut loose, &mut out);
                    out.push(Block::Rule);
                }
                // A tight list item's text comes without a paragraph.
                _ => {
                    let slice = &events[i..=end];
                    loose.extend(self.inlines(slice));
                }
            }
            i = end + 1;
        }
        flush(&mut loose, &mut out);
        out
    }

    fn table(&mut self, events: &[Event<'_>]) -> Block {
        let mut head = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let end = matching_end(events, i);
            match &events[i] {
                Event::Start(Tag::TableHead) => head = self.cells(&events[i + 1..end]),
                Event::Start(Tag::TableRow) => rows.push(self.cells(&events[i + 1..end])),
                _ => {}
            }
            i = end + 1;
        }
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([head.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        head.resize(columns, Vec::new());
        for row in &mut rows {
            row.resize(columns, Vec::new());
        }
        // Columns of long text share the width left; short ones are as wide as they are.
        let widths = (0..columns)
            .map(|c| {
                let longest = rows
                    .iter()
                    .map(|r| text_of(&r[c]))
                    .chain([text_of(&head[c])])
                    .max()
                    .unwrap_or(0);
                match longest {
                    0..=14 => 0,
                    15..=40 => 2,
                    _ => 4,
                }
            })
            .collect();
        Block::Table { head, rows, widths }
    }

    fn cells(&mut self, events: &[Event<'_>]) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let end = matching_end(events, i);
            if let Event::Start(Tag::TableCell) = events[i] {
                cells.push(self.inlines(&events[i + 1..end]));
            }
            i = end + 1;
        }
        cells
    }

    /// Inline runs from a run of events.
    fn inlines(&mut self, events: &[Event<'_>]) -> Vec<Inline> {
        let mut stack: Vec<(Option<Tag<'_>>, Vec<Inline>)> = vec![(None, Vec::new())];
        for event in events {
            match event {
                Event::Start(tag) => {
                    stack.push((Some(tag.clone()), Vec::new()));
                }
                Event::End(_) => {
                    let Some((Some(tag), c)) = stack.pop() else {
                        continue;
                    };
                    let node = match tag {
                        Tag::Emphasis => Some(Inline::Em { c }),
                        Tag::Strong => Some(Inline::Strong { c }),
                        Tag::Strikethrough => Some(Inline::Del { c }),
                        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                            if safe_url(&dest_url) {
                                Some(Inline::Link {
                                    url: dest_url.to_string(),
                                    c,
                                })
                            } else {
                                // The words stay; the link goes.
                                push_all(&mut stack, c);
                                None
                            }
                        }
                        _ => {
                            push_all(&mut stack, c);
                            None
                        }
                    };
                    if let Some(node) = node {
                        push(&mut stack, node);
                    }
                }
                Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) => {
                    push(&mut stack, Inline::Text { s: t.to_string() })
                }
                Event::Code(t) => push(&mut stack, Inline::Code { s: t.to_string() }),
                Event::SoftBreak => push(&mut stack, Inline::Text { s: " ".into() }),
                Event::HardBreak => push(&mut stack, Inline::Break),
                Event::TaskListMarker(done) => push(
                    &mut stack,
                    Inline::Text {
                        s: if *done { "☑ " } else { "☐ " }.into(),
                    },
                ),
                Event::FootnoteReference(label) => {
                    let label = label.to_string();
                    let c = self.notes.get(&label).cloned().unwrap_or_else(|| {
                        vec![Inline::Text {
                            s: format!("[^{label}]"),
                        }]
                    });
                    let node = match self.numbers.get(&label) {
                        Some(n) => Inline::NoteAgain { n: *n, c },
                        None => {
                            let n = self.next;
                            self.numbers.insert(label.clone(), n);
                            self.next += 1;
                            Inline::Note { n, c }
                        }
                    };
                    push(&mut stack, node);
                }
                Event::Rule => {}
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (_, c) in stack {
            out.extend(c);
        }
        merge_text(out)
    }
}

fn push(stack: &mut [(Option<Tag<'_>>, Vec<Inline>)], node: Inline) {
    if let Some((_, c)) = stack.last_mut() {
        c.push(node);
    }
}

fn push_all(stack: &mut [(Option<Tag<'_>>, Vec<Inline>)], nodes: Vec<Inline>) {
    for n in nodes {
        push(stack, n);
    }
}

/// Neighbouring texts as one.
fn merge_text(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(nodes.len());
    for n in nodes {
        match (out.last_mut(), n) {
            (Some(Inline::Text { s }), Inline::Text { s: more }) => s.push_str(&more),
            (_, n) => out.push(n),
        }
    }
    out
}

fn flush(loose: &mut Vec<Inline>, out: &mut Vec<Block>) {
    if !loose.is_empty() {
        out.push(Block::Para {
            c: merge_text(std::mem::take(loose)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { s: s.into() }
    }

    #[test]
    fn headings_paragraphs_and_emphasis_become_nodes() {
        let tree = parse("# Title\n\nSome *soft* and **strong** `code`.");
        assert_eq!(
            tree,
            vec![
                Block::Heading {
                    level: 1,
                    c: vec![text("Title")]
                },
                Block::Para {
                    c: vec![
                        text("Some "),
                        Inline::Em {
                            c: vec![text("soft")]
                        },
                        text(" and "),
                        Inline::Strong {
                            c: vec![text("strong")]
                        },
                        text(" "),
                        Inline::Code { s: "code".into() },
                        text(".")
                    ]
                }
            ]
        );
    }

    #[test]
    fn a_footnote_carries_its_text_at_its_first_reference_and_its_number_after() {
        let tree = parse("A[^a] b[^a] c[^b].\n\n[^a]: “Slow” — Priya.\n[^b]: Second.\n");
        let Block::Para { c } = &tree[0] else {
            panic!("{tree:?}")
        };
        assert_eq!(
            c[1],
            Inline::Note {
                n: 1,
                c: vec![text("“Slow” — Priya.")]
            }
        );
        assert_eq!(
            c[3],
            Inline::NoteAgain {
                n: 1,
                c: vec![text("“Slow” — Priya.")]
            }
        );
        assert_eq!(
            c[5],
            Inline::Note {
                n: 2,
                c: vec![text("Second.")]
            }
        );
        assert_eq!(tree.len(), 1, "definitions are not blocks of their own");
    }

    #[test]
    fn unsafe_links_keep_their_words_and_lose_the_link() {
        let tree = parse("[click](javascript:alert(1)) [ok](https://example.com) ![i](data:x)");
        let Block::Para { c } = &tree[0] else {
            panic!("{tree:?}")
        };
        assert_eq!(c[0], text("click "));
        assert_eq!(
            c[1],
            Inline::Link {
                url: "https://example.com".into(),
                c: vec![text("ok")]
            }
        );
        assert_eq!(c[2], text(" i"));
    }

    #[test]
    fn raw_html_is_text() {
        let tree = parse("<script>alert(1)</script>\n\nA <b>b</b>");
        let all = serde_json::to_string(&tree).expect("json");
        assert!(all.contains("<script>alert(1)</script>"), "{all}");
        assert!(all.contains("<b>"), "{all}");
    }

    #[test]
    fn table_rows_are_padded_to_the_widest_and_long_columns_share_the_width() {
        let tree = parse("| # | Pain | Reach |\n|---|---|---|\n| 1 | Builds are slow for every team we spoke with | 7 people |\n| 2 |");
        let Block::Table { head, rows, widths } = &tree[0] else {
            panic!("{tree:?}")
        };
        assert_eq!(head.len(), 3);
        assert_eq!(rows[1].len(), 3, "a short row is padded");
        assert_eq!(widths, &vec![0, 4, 0]);
        // A row wider than its header keeps its extra cells, and every row widens.
        let tree = parse("| a | b |\n|---|---|\n| one | two | three \\| four | five |");
        let Block::Table { head, rows, .. } = &tree[0] else {
            panic!("{tree:?}")
        };
        assert_eq!(head.len(), 4);
        assert_eq!(rows[0][2], vec![text("three | four")]);
        assert_eq!(rows[0][3], vec![text("five")]);
    }

    #[test]
    fn lists_keep_their_items_and_order() {
        let tree = parse("3. one\n4. two\n\n- [x] done\n- [ ] open");
        let Block::List {
            ordered,
            start,
            items,
        } = &tree[0]
        else {
            panic!("{tree:?}")
        };
        assert!(*ordered);
        assert_eq!(*start, 3);
        assert_eq!(items.len(), 2);
        let Block::List { items, .. } = &tree[1] else {
            panic!("{tree:?}")
        };
        assert_eq!(
            items[0],
            vec![Block::Para {
                c: vec![text("☑ done")]
            }]
        );
    }
}
