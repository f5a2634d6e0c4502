//! Markdown → safe HTML. The one renderer: the notes preview and every export use
//! it, so there is one sanitizer to trust. Untrusted text stays text: raw HTML in
//! notes is shown as the text it is (escaped), never interpreted, so a stray
//! `<style>`, `<script>` or `<textarea>` can neither run nor hide what follows it.
//! What Markdown itself makes then passes ammonia's small allow-list (no scripts,
//! no event handlers, no frames, no `javascript:` or `data:` URLs) as a second wall.

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What every id the renderer keeps starts with, so no text can name an id the
/// page around it uses.
const ID_PREFIX: &str = "fn-";

/// A link within the page (a footnote's, `#cite-1`) is kept, pointed at the prefixed
/// id; every other relative URL would point into the app's own assets, and goes.
fn fragment_only(url: &str) -> Option<Cow<'_, str>> {
    let fragment = url.strip_prefix('#')?;
    fragment
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .then(|| Cow::Owned(format!("#{ID_PREFIX}{fragment}")))
}

fn sanitizer() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::Custom(Box::new(fragment_only)))
            .rm_tags(["img"])
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"])
            .add_generic_attributes(["align"])
            // Footnotes: the definition's id, which its references link to.
            .add_tag_attributes("div", ["id"])
            .id_prefix(Some(ID_PREFIX));
        b
    })
}

/// The styles of an exported HTML file: a document a person would send, light or
/// dark as the reader's system is, printable.
const DOCUMENT_CSS: &str = "
:root { color-scheme: light dark; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --paper: #ffffff; --tint: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6edf3; --muted: #9198a1; --rule: #3d444d; --paper: #0d1117; --tint: #151b23; --link: #4493f8; } }
html { background: var(--paper); color: var(--ink); }
body { font: 16px/1.6 Georgia, 'Iowan Old Style', 'Palatino Linotype', serif; max-width: 46rem; margin: 3rem auto; padding: 0 1.5rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin: 3rem 0 1rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h1:first-child { margin-top: 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; }
a { color: var(--link); }
blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: .25rem solid var(--rule); }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: .9em; background: var(--tint); border-radius: 4px; }
code { padding: .1em .3em; } pre { padding: .8rem; overflow: auto; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; }
th, td { border: 1px solid var(--rule); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--tint); }
sup a { text-decoration: none; }
div[id^='fn-'] { font-size: .85rem; color: var(--muted); display: flex; gap: .4rem; }
div[id^='fn-'] p { margin: .15rem 0; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
@media print { body { margin: 0 auto; } a { color: inherit; } }
";

/// Escapes text for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `markdown` with its raw HTML made text, as the app shows it: each `<` of an HTML
/// tag, comment or block becomes `&lt;`, so a wiki or viewer that renders HTML in
/// Markdown shows the words typed, never live markup. Code spans and blocks, where
/// `<` is already text, are left as they are. Rendered by this module, the result
/// reads exactly as `markdown` does.
pub fn html_as_markdown_text(markdown: &str) -> String {
    if !markdown.contains('<') {
        return markdown.to_owned();
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut at = 0;
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) || range.start < at {
            continue;
        }
        out.push_str(&markdown[at..range.start]);
        out.push_str(&markdown[range.clone()].replace('<', "&lt;"));
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// One self-contained HTML file of `markdown`: rendered and sanitized as notes are,
/// styles inline, no script, nothing loaded from anywhere (its own policy says so
/// to the browser that opens it).
pub fn html_document(title: &str, markdown: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Groundwork\">\n\
         <title>{}</title>\n<style>{DOCUMENT_CSS}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        escape_html(title),
        document_html(markdown)
    )
}

/// How the app reads Markdown: CommonMark with tables, strikethrough, task lists and
/// footnotes.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES);

/// The events of `markdown` as every reader of it takes them (this renderer and the
/// PDF's): a table row with more cells than its header loses the rest (as GFM says);
/// they are put back, so no word of the text goes missing.
pub fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    events_with(markdown, OPTIONS)
}

fn events_with(markdown: &str, options: Options) -> impl Iterator<Item = Event<'_>> {
    let mut header_cells = 0;
    let mut row_cells = 0;
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .flat_map(move |(event, range)| {
            let mut extra: Vec<Event<'_>> = Vec::new();
            match &event {
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row_cells = 0,
                Event::End(TagEnd::TableCell) => row_cells += 1,
                Event::End(TagEnd::TableHead) => header_cells = row_cells,
                Event::End(TagEnd::TableRow) if row_cells >= header_cells => {
                    for cell in table_cells(&markdown[range]).into_iter().skip(header_cells) {
                        extra.push(Event::Start(Tag::TableCell));
                        extra.push(Event::Text(cell.replace("\\|", "|").into()));
                        extra.push(Event::End(TagEnd::TableCell));
                    }
                }
                _ => {}
            }
            // `extra` is empty (and allocates nothing) but at the end of a long row.
            extra.into_iter().chain(std::iter::once(event))
        })
}

/// Renders Markdown notes to sanitized HTML, as the app shows them: links between
/// notes (`[[Note]]`, `[[Note|words]]`, and Joplin's `[words](:/id)`) become links
/// within the page, `#fn-wikilink-…` and `#fn-joplin-…` (see [`note_link`]), which the
/// app follows to the notes they name. (A link typed as `#wikilink-…` reads the same:
/// all any of them can do is look notes up.)
pub fn markdown_to_html(markdown: &str) -> String {
    render_html(markdown, true)
}

/// Renders Markdown to sanitized HTML for a file that leaves the app: links between
/// notes stay the text they are.
fn document_html(markdown: &str) -> String {
    render_html(markdown, false)
}

fn render_html(markdown: &str, in_app: bool) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    if in_app {
        let options = OPTIONS.union(Options::ENABLE_WIKILINKS);
        html::push_html(
            &mut raw,
            events_with(markdown, options)
                .flat_map(html_as_text)
                // Before images become links: an embed (`![[picture.png]]`) is a file,
                // not a note.
                .flat_map(named_wikilinks())
                .map(link_between_notes)
                .map(image_as_link),
        );
    } else {
        html::push_html(
            &mut raw,
            events(markdown).flat_map(html_as_text).map(image_as_link),
        );
    }
    sanitizer().clean(&raw).to_string()
}

/// A link the app follows to other notes: by name (a wikilink) or by the id an
/// imported note had in Joplin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteLink {
    Name(String),
    JoplinId(String),
}

/// The link within the page that stands for `link`. Only letters, digits and `-` are
/// kept by the sanitizer in such a link, so a name rides as the hex of its bytes.
fn note_fragment(link: &NoteLink) -> String {
    match link {
        NoteLink::Name(name) => {
            let hex: String = name.bytes().map(|b| format!("{b:02x}")).collect();
            format!("#wikilink-{hex}")
        }
        NoteLink::JoplinId(id) => format!("#joplin-{id}"),
    }
}

/// The link between notes a rendered link's `href` stands for, if it is one.
pub fn note_link(href: &str) -> Option<NoteLink> {
    let fragment = href.strip_prefix('#')?;
    let fragment = fragment.strip_prefix(ID_PREFIX).unwrap_or(fragment);
    if let Some(hex) = fragment.strip_prefix("wikilink-") {
        if hex.len() % 2 != 0 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        return String::from_utf8(bytes?).ok().map(NoteLink::Name);
    }
    let id = fragment.strip_prefix("joplin-")?;
    joplin_id(id).map(|id| NoteLink::JoplinId(id.to_owned()))
}

/// A Joplin item id: 32 lower-case hex digits.
fn joplin_id(id: &str) -> Option<&str> {
    (id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some(id)
}

/// No word of the notes goes missing from a wikilink either: one whose words are empty
/// (`[[Note|]]`) shows the name it links to, and one with other words
/// (`[[Note|the runbook]]`) shows them, then the name in brackets.
fn named_wikilinks<'a>() -> impl FnMut(Event<'a>) -> Vec<Event<'a>> {
    let mut open: Option<(pulldown_cmark::CowStr<'a>, String)> = None;
    move |event| match event {
        Event::Start(Tag::Link {
            link_type: link_type @ LinkType::WikiLink { .. },
            dest_url,
            title,
            id,
        }) => {
            open = Some((dest_url.clone(), String::new()));
            vec![Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })]
        }
        Event::End(TagEnd::Link) => match open.take() {
            Some((name, shown)) if shown.trim().is_empty() => {
                vec![Event::Text(name), Event::End(TagEnd::Link)]
            }
            Some((name, shown)) if shown.trim() != name.trim() => vec![
                Event::End(TagEnd::Link),
                Event::Text(format!(" ({})", name.trim()).into()),
            ],
            _ => vec![Event::End(TagEnd::Link)],
        },
        other => {
            if let Some((_, shown)) = open.as_mut() {
                match &other {
                    Event::Text(t) | Event::Code(t) => shown.push_str(t),
                    _ => shown.push('\u{1}'),
                }
            }
            vec![other]
        }
    }
}

/// A wikilink, or a Joplin link to an item (`:/0123…`), as a link within the page.
fn link_between_notes(event: Event<'_>) -> Event<'_> {
    let Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    }) = event
    else {
        return event;
    };
    let link = match link_type {
        LinkType::WikiLink { .. } => Some(NoteLink::Name(dest_url.to_string())),
        _ => dest_url
            .strip_prefix(":/")
            .and_then(joplin_id)
            .map(|id| NoteLink::JoplinId(id.to_owned())),
    };
    match link {
        Some(link) => Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: note_fragment(&link).into(),
            title,
            id,
        }),
        None => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
    }
}

/// The cells of one table row's source line, split on unescaped pipes, trimmed.
fn table_cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = match line.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => line,
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                cells.push(line[start..i].trim());
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(line[start..].trim());
    cells
}

/// Raw HTML in the notes becomes text: a block of it a paragraph of its own lines.
fn html_as_text(event: Event<'_>) -> impl Iterator<Item = Event<'_>> {
    let (first, second) = match event {
        Event::InlineHtml(html) => (Event::Text(html), None),
        // A block comes line by line; each line keeps its break.
        Event::Html(line) => match line.strip_suffix('\n') {
            Some(text) => (Event::Text(text.to_owned().into()), Some(Event::HardBreak)),
            None => (Event::Text(line), None),
        },
        Event::Start(Tag::HtmlBlock) => (Event::Start(Tag::Paragraph), None),
        Event::End(TagEnd::HtmlBlock) => (Event::End(TagEnd::Paragraph), None),
        other => (other, None),
    };
    std::iter::once(first).chain(second)
}

/// The app is offline and its CSP loads no remote images, so an image becomes a
/// link to it (labelled with its alt text) rather than a broken picture.
fn image_as_link(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_headings_lists_tables_and_links() {
        let html = markdown_to_html("# Title\n\n- one\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com)");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("<table>"));
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">docs</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"type="checkbox""#));
    }

    /// Real payloads that must come out inert.
    const PAYLOADS: &[&str] = &[
        "<script>window.__gw_pwned = 1</script>",
        "<img src=x onerror=\"window.__gw_pwned = 1\">",
        "<svg onload=\"window.__gw_pwned = 1\"><circle r=4 /></svg>",
        "[click me](javascript:window.__gw_pwned=1)",
        "<a href=\"javascript:window.__gw_pwned=1\">x</a>",
        "<iframe src=\"javascript:window.__gw_pwned=1\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__gw_pwned=1</script>\"></iframe>",
        "</textarea><script>window.__gw_pwned = 1</script>",
        "</pre><img src=x onerror=window.__gw_pwned=1>",
        "```\n</code></pre><script>window.__gw_pwned=1</script>\n```",
        "<details open ontoggle=\"window.__gw_pwned=1\">x</details>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
        "<object data=\"javascript:window.__gw_pwned=1\"></object>",
        "<embed src=\"javascript:window.__gw_pwned=1\">",
        "<form action=\"javascript:window.__gw_pwned=1\"><button>go</button></form>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:window.__gw_pwned=1)\">s</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__gw_pwned=1>",
        "<base href=\"javascript:/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__gw_pwned=1\">",
    ];

    #[test]
    fn hostile_html_in_notes_renders_inert() {
        for payload in PAYLOADS {
            let html = markdown_to_html(payload).to_lowercase();
            // Escaped text (`&lt;img onerror…&gt;`) is harmless; only real tags matter.
            let tags: Vec<&str> = html
                .split('<')
                .skip(1)
                .filter_map(|t| t.split('>').next())
                .collect();
            for tag in &tags {
                for bad in [
                    "script",
                    "onerror",
                    "onload",
                    "ontoggle",
                    "javascript:",
                    "iframe",
                    "object",
                    "embed",
                    "form",
                    "style",
                    "base",
                    "meta",
                    "data:",
                ] {
                    assert!(
                        !tag.contains(bad),
                        "payload {payload:?} left {bad:?} in tag <{tag}> of {html:?}"
                    );
                }
            }
            for bad in [
                "<script", "<iframe", "<object", "<embed", "<form", "<style", "<base", "<meta",
            ] {
                assert!(
                    !html.contains(bad),
                    "payload {payload:?} left {bad:?} in {html:?}"
                );
            }
        }
    }

    #[test]
    fn links_between_notes_become_links_the_app_follows_and_files_stay_text() {
        let html = markdown_to_html(
            "See [[Priya Raman]], [[Coffee with Priya|the chat]], [Joplin](:/0123456789abcdef0123456789abcdef) and ![[diagram.png]].",
        );
        let hrefs: Vec<&str> = html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(hrefs.len(), 3, "{html}");
        assert_eq!(
            note_link(hrefs[0]),
            Some(NoteLink::Name("Priya Raman".into()))
        );
        assert_eq!(
            note_link(hrefs[1]),
            Some(NoteLink::Name("Coffee with Priya".into()))
        );
        assert_eq!(
            note_link(hrefs[2]),
            Some(NoteLink::JoplinId(
                "0123456789abcdef0123456789abcdef".into()
            ))
        );
        assert!(html.contains(">the chat</a>"), "{html}");
        assert!(html.contains("diagram.png"), "{html}");
        // In a file that leaves the app they are the text they were.
        let doc = html_document("Notes", "See [[Priya Raman]].");
        assert!(doc.contains("See [[Priya Raman]]."), "{doc}");
    }

    #[test]
    fn a_hostile_wikilink_is_a_name_to_look_up_and_nothing_more() {
        let html = markdown_to_html("[[<img src=x onerror=alert(1)>]] [[javascript:alert(1)]]");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        let first = html
            .split("href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a link");
        assert_eq!(
            note_link(first),
            Some(NoteLink::Name("<img src=x onerror=alert(1)>".into()))
        );
        assert_eq!(note_link("#fn-wikilink-zz"), None);
        assert_eq!(note_link("#fn-joplin-1234"), None);
        assert_eq!(note_link("https://example.com"), None);
    }

    #[test]
    fn images_become_links_labelled_with_their_alt_text() {
        let html = markdown_to_html("![CI wait times](https://wiki.example/ci.png)");
        assert!(html.contains(r#"<a href="https://wiki.example/ci.png" rel="noopener noreferrer">CI wait times</a>"#), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn relative_links_are_dropped_so_nothing_points_into_the_app() {
        let html = markdown_to_html("[x](../index.html) <img src=x>");
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_the_text_it_is_and_hides_nothing_after_it() {
        for tag in [
            "style", "script", "textarea", "xmp", "title", "noscript", "iframe",
        ] {
            let html = markdown_to_html(&format!(
                "We put a <{tag}> in the notes.\n\nAnd the rest stays **visible**."
            ));
            assert!(
                html.contains(&format!("We put a &lt;{tag}&gt; in the notes.")),
                "{tag}: {html}"
            );
            assert!(
                html.contains("And the rest stays <strong>visible</strong>."),
                "{tag}: {html}"
            );
        }
        let block = markdown_to_html("<div class=\"x\">\nhello\n</div>\n\nafter");
        assert!(block.contains("&lt;div class=\"x\"&gt;"), "{block}");
        assert!(
            block.contains("hello") && block.contains("<p>after</p>"),
            "{block}"
        );
    }

    #[test]
    fn table_cells_beyond_the_header_are_shown_not_dropped() {
        let html = markdown_to_html("| a | b |\n|---|---|\n| one | two | three \\| four | five |");
        for word in ["one", "two", "three | four", "five"] {
            assert!(html.contains(&format!("<td>{word}</td>")), "{word}: {html}");
        }
    }

    #[test]
    fn code_blocks_show_markup_as_text() {
        let html = markdown_to_html("```\n<script>x()</script>\n```");
        assert!(html.contains("&lt;script&gt;x()&lt;/script&gt;"), "{html}");
    }
}
