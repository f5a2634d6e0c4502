//! Markdown → safe HTML. The one renderer: the notes preview and every export use
//! it, so there is one sanitizer to trust. Untrusted text stays text: raw HTML in
//! notes is cleaned by ammonia to a small allow-list (no scripts, no event
//! handlers, no frames, no `javascript:` or `data:` URLs).

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
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, options).map(image_as_link),
    );
    sanitizer().clean(&raw).to_string()
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
    fn code_blocks_show_markup_as_text() {
        let html = markdown_to_html("```\n<script>x()</script>\n```");
        assert!(html.contains("&lt;script&gt;x()&lt;/script&gt;"), "{html}");
    }
}
