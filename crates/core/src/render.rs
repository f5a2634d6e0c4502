//! Markdown → safe HTML. The one renderer: the notes preview and every export use
//! it, so there is one sanitizer to trust. Untrusted text stays text: raw HTML in
//! notes is shown as the text it is (escaped), never interpreted, so a stray
//! `<style>`, `<script>` or `<textarea>` can neither run nor hide what follows it.
//! What Markdown itself makes then passes ammonia's small allow-list (no scripts,
//! no event handlers, no frames, no `javascript:` or `data:` URLs) as a second wall.

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

fn sanitizer() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = Builder::default();
        // No relative URLs: they would point into the app's own assets.
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::Deny)
            .rm_tags(["img"])
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"])
            .add_generic_attributes(["align"]);
        b
    })
}

/// Renders Markdown notes to sanitized HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let mut header_cells = 0;
    let mut row_cells = 0;
    let events = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .flat_map(move |(event, range)| {
            // A table row with more cells than its header loses the rest (as GFM
            // says); they are put back, so no word of the notes goes missing.
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
            extra
                .into_iter()
                .chain(html_as_text(event).map(image_as_link))
        });
    html::push_html(&mut raw, events);
    sanitizer().clean(&raw).to_string()
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
