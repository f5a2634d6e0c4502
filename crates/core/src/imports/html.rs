//! HTML from other tools (Notion's HTML export, later the HTML bodies of Productboard
//! and Dovetail notes) turned into Markdown. Safe by construction: only the text and
//! the structure of known tags come through (paragraphs, headings, lists, quotes, code,
//! emphasis, links, tables); a link keeps its target only when it is `http`, `https`,
//! `mailto` or a file of the export, an image only when it is a file of the export
//! (kept as a link to it, never loaded), and scripts, styles, frames, handlers and
//! every other attribute are dropped. The Markdown is then shown by the one renderer,
//! whose sanitizer is the second wall.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// A page read from HTML: its title, its properties (Notion's table of a database
/// row's columns) and its body as Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlPage {
    pub title: String,
    pub properties: Vec<(String, String)>,
    pub markdown: String,
    /// The page is a database's table of rows (its rows are pages of their own).
    pub is_table_of_rows: bool,
}

/// Elements whose content is never text of the page.
const DROPPED: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "svg",
    "math", "canvas", "audio", "video", "select", "textarea", "button", "form",
];

#[derive(Default)]
struct State {
    out: String,
    /// Depth inside dropped elements.
    dropped: u32,
    /// Open lists: ordered?, and the number of the next item.
    lists: Vec<(bool, u32)>,
    quote: u32,
    pre: bool,
    /// Inside `<h1 class="page-title">`.
    in_title: bool,
    title: String,
    /// Inside Notion's `<table class="properties">`: the row being read.
    in_properties: bool,
    cell: Option<String>,
    key: String,
    values: Vec<String>,
    in_value: bool,
    properties: Vec<(String, String)>,
    /// A link being written: where its text starts in `out`, and its target.
    links: Vec<(usize, Option<String>)>,
    /// Inside a table of the body: cells of the row being read.
    row: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
    table_of_rows: bool,
}

impl State {
    /// Ends the current line and leaves one blank line (a block's end), inside quotes.
    fn block(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&self.quote_prefix());
        self.out.push('\n');
    }

    fn quote_prefix(&self) -> String {
        "> ".repeat(self.quote as usize).trim_end().to_owned()
    }

    /// Starts a line inside the current quotes and lists.
    fn line_start(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&"> ".repeat(self.quote as usize));
    }

    fn text(&mut self, text: &str) {
        if let Some(cell) = self.cell.as_mut() {
            cell.push_str(text);
            return;
        }
        if self.in_properties {
            return;
        }
        if self.in_title {
            self.title.push_str(text);
            return;
        }
        if self.pre {
            self.out.push_str(text);
            return;
        }
        // Whitespace in HTML is one space; Markdown's own marks are escaped as text.
        let mut last_space = self.out.is_empty() || self.out.ends_with([' ', '\n']);
        for c in text.chars() {
            if c.is_whitespace() {
                if !last_space {
                    self.out.push(' ');
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
            ) {
                self.out.push('\\');
            }
            self.out.push(c);
        }
    }
}

struct Sink(RefCell<State>);

fn attr(tag: &html5ever::tokenizer::Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// A link's target when it is one to keep: a web or mail address, or a file of the
/// export (a relative path, never leading out with `..` nor a scheme of its own).
fn kept_target(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Some(href.replace(' ', "%20").replace(')', "%29"));
    }
    let relative = !href.is_empty()
        && !lower.contains(':')
        && !href.starts_with('/')
        && !href.starts_with('#')
        && !href.split('/').any(|p| p == ".." || p == "%2E%2E");
    relative.then(|| href.replace(' ', "%20").replace(')', "%29"))
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                let start = tag.kind == TagKind::StartTag;
                if DROPPED.contains(&name.as_str()) {
                    if start && !tag.self_closing {
                        s.dropped += 1;
                        // Their content is text to the end tag, as a browser reads it,
                        // so markup inside a script is never taken for the page's.
                        use html5ever::tokenizer::states::RawKind;
                        let raw = match name.as_str() {
                            "script" => Some(RawKind::ScriptData),
                            "style" | "iframe" | "noscript" | "noembed" => Some(RawKind::Rawtext),
                            "title" | "textarea" => Some(RawKind::Rcdata),
                            _ => None,
                        };
                        if let Some(raw) = raw {
                            return TokenSinkResult::RawData(raw);
                        }
                    } else if !start {
                        s.dropped = s.dropped.saturating_sub(1);
                    }
                    return TokenSinkResult::Continue;
                }
                if s.dropped > 0 {
                    return TokenSinkResult::Continue;
                }
                let class = attr(&tag, "class").unwrap_or_default();
                match (name.as_str(), start) {
                    ("h1", true) if class.contains("page-title") => s.in_title = true,
                    ("h1", false) if s.in_title => s.in_title = false,
                    ("table", true) if class.contains("properties") => s.in_properties = true,
                    ("table", false) if s.in_properties => s.in_properties = false,
                    ("th", true) if s.in_properties => s.cell = Some(String::new()),
                    ("th", false) if s.in_properties => {
                        s.key = s.cell.take().unwrap_or_default().trim().to_owned();
                        s.values.clear();
                    }
                    ("td", true) if s.in_properties => s.cell = Some(String::new()),
                    ("td", false) if s.in_properties => {
                        let rest = s.cell.take().unwrap_or_default();
                        let value = if s.values.is_empty() {
                            rest.split_whitespace().collect::<Vec<_>>().join(" ")
                        } else {
                            s.values.join(", ")
                        };
                        let key = std::mem::take(&mut s.key);
                        if !key.is_empty() {
                            s.properties.push((key, value));
                        }
                    }
                    // Notion writes each chosen option and each person as a span.
                    ("span", true)
                        if s.in_properties
                            && (class.contains("selected-value") || class.contains("user")) =>
                    {
                        s.in_value = true;
                        s.cell = Some(String::new());
                    }
                    ("span", false) if s.in_properties && s.in_value => {
                        s.in_value = false;
                        let v = s.cell.take().unwrap_or_default().trim().to_owned();
                        if !v.is_empty() {
                            s.values.push(v);
                        }
                        s.cell = Some(String::new());
                    }
                    _ if s.in_properties || s.in_title => {}
                    ("table", true) => {
                        if class.contains("collection-content") {
                            s.table_of_rows = true;
                        }
                        s.block();
                        s.rows.clear();
                    }
                    ("tr", true) => s.row = Some(Vec::new()),
                    ("td" | "th", true) if s.row.is_some() => s.cell = Some(String::new()),
                    ("td" | "th", false) if s.row.is_some() => {
                        let cell = s.cell.take().unwrap_or_default();
                        let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                        if let Some(row) = s.row.as_mut() {
                            row.push(cell.replace('|', "\\|"));
                        }
                    }
                    ("tr", false) => {
                        if let Some(row) = s.row.take() {
                            s.rows.push(row);
                        }
                    }
                    ("table", false) => {
                        let rows = std::mem::take(&mut s.rows);
                        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                        for (i, row) in rows.iter().enumerate() {
                            s.line_start();
                            let mut cells = row.clone();
                            cells.resize(width, String::new());
                            s.out.push_str(&format!("| {} |", cells.join(" | ")));
                            if i == 0 {
                                s.line_start();
                                s.out.push_str(&format!("|{}", " --- |".repeat(width)));
                            }
                        }
                        s.block();
                    }
                    ("p" | "div" | "section" | "article" | "header" | "figure", _) => s.block(),
                    ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                        s.block();
                        s.line_start();
                        let level = name[1..].parse::<usize>().unwrap_or(1);
                        s.out.push_str(&"#".repeat(level));
                        s.out.push(' ');
                    }
                    ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => s.block(),
                    ("ul", true) => {
                        s.block();
                        s.lists.push((false, 1));
                    }
                    ("ol", true) => {
                        s.block();
                        let first = attr(&tag, "start")
                            .and_then(|n| n.parse().ok())
                            .unwrap_or(1);
                        s.lists.push((true, first));
                    }
                    ("ul" | "ol", false) => {
                        s.lists.pop();
                        s.block();
                    }
                    ("li", true) => {
                        let depth = s.lists.len().saturating_sub(1);
                        s.line_start();
                        s.out.push_str(&"   ".repeat(depth));
                        let mark = match s.lists.last_mut() {
                            Some((true, n)) => {
                                *n += 1;
                                format!("{}. ", *n - 1)
                            }
                            _ => "- ".to_owned(),
                        };
                        s.out.push_str(&mark);
                    }
                    ("blockquote", true) => {
                        s.block();
                        s.quote += 1;
                        s.line_start();
                    }
                    ("blockquote", false) => {
                        s.quote = s.quote.saturating_sub(1);
                        s.block();
                    }
                    ("pre", true) => {
                        s.block();
                        s.line_start();
                        s.out.push_str("```\n");
                        s.pre = true;
                    }
                    ("pre", false) => {
                        s.pre = false;
                        if !s.out.ends_with('\n') {
                            s.out.push('\n');
                        }
                        s.out.push_str("```");
                        s.block();
                    }
                    ("code", _) if !s.pre => s.out.push('`'),
                    ("strong" | "b", _) => s.out.push_str("**"),
                    ("em" | "i", _) => s.out.push('*'),
                    ("del" | "s", _) => s.out.push_str("~~"),
                    ("br", _) => {
                        s.out.push_str("  ");
                        s.line_start();
                    }
                    ("hr", _) => {
                        s.block();
                        s.out.push_str("---");
                        s.block();
                    }
                    ("a", true) => {
                        let at = s.out.len();
                        let target = attr(&tag, "href").and_then(|h| kept_target(&h));
                        s.links.push((at, target));
                    }
                    ("a", false) => {
                        if let Some((at, Some(target))) = s.links.pop() {
                            let text = s.out[at..].trim().to_owned();
                            s.out.truncate(at);
                            let text = if text.is_empty() {
                                target.clone()
                            } else {
                                text
                            };
                            s.out.push_str(&format!("[{text}]({target})"));
                        }
                    }
                    ("img", _) => {
                        // A file of the export stays a link to it; nothing is loaded.
                        if let Some(src) = attr(&tag, "src").and_then(|h| kept_target(&h)) {
                            if !src.to_lowercase().starts_with("http") {
                                let alt = attr(&tag, "alt").unwrap_or_default();
                                let alt = if alt.trim().is_empty() {
                                    src.clone()
                                } else {
                                    alt
                                };
                                s.text(" ");
                                s.out
                                    .push_str(&format!("[{}]({src})", alt.replace(['[', ']'], "")));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Token::CharacterTokens(text) if s.dropped == 0 => s.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Reads an HTML page into its title, properties and Markdown body.
pub fn read_html(html: &str) -> HtmlPage {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(State::default())),
        TokenizerOpts::default(),
    );
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    let mut markdown = String::new();
    for line in state.out.lines() {
        markdown.push_str(line.trim_end());
        markdown.push('\n');
    }
    // Blocks leave blank lines; more than one in a row says nothing more.
    while markdown.contains("\n\n\n") {
        markdown = markdown.replace("\n\n\n", "\n\n");
    }
    HtmlPage {
        title: state.title.split_whitespace().collect::<Vec<_>>().join(" "),
        properties: state.properties,
        markdown: markdown.trim().to_owned(),
        is_table_of_rows: state.table_of_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_frames_and_remote_loads_never_come_through() {
        let page = read_html(
            r#"<p onclick="steal()">Hi <script>if (a<b) { document.write("<p>x</p>") }</script><img src="https://evil.example/x.png" onerror="x()"><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">click</a></p><style>p{}</style>"#,
        );
        assert_eq!(page.markdown, "Hi click");
    }

    #[test]
    fn structure_becomes_markdown_and_text_stays_text() {
        let page = read_html(
            "<h2>Talk</h2><p>We <strong>wait</strong> 40 min *always*.</p><ul><li>one</li><li>two <a href=\"https://ci.example/x y\">CI</a></li></ul><blockquote>quoted</blockquote><pre>let a = 1;</pre><p>&lt;b&gt;not bold&lt;/b&gt;</p>",
        );
        assert_eq!(
            page.markdown,
            "## Talk\n\nWe **wait** 40 min \\*always\\*.\n\n- one\n- two [CI](https://ci.example/x%20y)\n\n> quoted\n\n```\nlet a = 1;\n```\n\n\\<b\\>not bold\\</b\\>"
        );
    }
}
