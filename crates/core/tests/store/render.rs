//! Property tests of the renderer: whatever notes hold, built from the pieces that
//! attacks are made of, the HTML that comes out has no way to run script, and
//! nothing written in the notes is hidden from the preview.

use groundwork_core::store::render::markdown_to_html;
use proptest::prelude::*;

/// Pieces of hostile and ordinary notes, to be shuffled together.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>".to_owned()),
        Just("</script>".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("<svg onload=alert(1)>".to_owned()),
        Just("<iframe src=javascript:alert(1)>".to_owned()),
        Just("<a href=\"javascript:alert(1)\">".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("![y](javascript:alert(1))".to_owned()),
        Just("<a href=\"JaVaScRiPt:alert(1)\">".to_owned()),
        Just("<a href=\"java&#x09;script:alert(1)\">".to_owned()),
        Just("<style>".to_owned()),
        Just("<textarea>".to_owned()),
        Just("<xmp>".to_owned()),
        Just("<title>".to_owned()),
        Just("<noscript>".to_owned()),
        Just("</textarea>".to_owned()),
        Just("</pre>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("```".to_owned()),
        Just("`".to_owned()),
        Just("<".to_owned()),
        Just(">".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("# ".to_owned()),
        Just("> ".to_owned()),
        Just("- ".to_owned()),
        Just("| a | b |\n|---|---|\n".to_owned()),
        Just(" onmouseover=alert(1) ".to_owned()),
        Just("<div style=\"x:expression(alert(1))\">".to_owned()),
        Just("<form action=javascript:alert(1)>".to_owned()),
        Just("<object data=x>".to_owned()),
        Just("<base href=//evil>".to_owned()),
        Just("<meta http-equiv=refresh content=0>".to_owned()),
        "[a-zA-Z0-9 ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn notes() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// The tags of an HTML string (text between `<` and `>`), lower-cased.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .map(str::to_lowercase)
        .collect()
}

/// Attribute names of a tag, skipping quoted values (which may hold spaces and "on…").
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            break;
        }
        names.push(name);
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    while chars.next().is_some_and(|c| c != q) {}
                }
                _ => while chars.next_if(|c| !c.is_whitespace()).is_some() {},
            }
        }
    }
    names
}

/// Pieces that hide text when HTML is interpreted (raw-text and escapable elements,
/// comments, processing instructions), Markdown markers, and plain words.
#[derive(Debug, Clone)]
enum Piece {
    Word(String),
    Markup(&'static str),
}

fn text_piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => "[a-z]{2,8}|[A-Z][a-z]{1,6}|zoë|日本語|naïve".prop_map(Piece::Word),
        2 => prop::sample::select(vec![
            "<style>", "</style>", "<script>", "</script>", "<textarea>", "</textarea>",
            "<xmp>", "</xmp>", "<title>", "</title>", "<noscript>", "</noscript>",
            "<iframe>", "</iframe>", "<plaintext>", "<noembed>", "<noframes>",
            "<template>", "<svg>", "<math>", "<!--", "-->", "<![CDATA[", "]]>", "<?php",
            "?>", "<!DOCTYPE html>", "<div>", "</div>", "<pre>", "<p", "<a href=\"x\">",
            "<img src=x onerror=alert(1)>", "<", ">", "\"", "'", "`", "```", "*", "_",
            "**", "~~", "#", "# ", "> ", "- ", "1. ", "|", "| a | b |\n|---|---|\n",
            "---", "===", "[", "]", "\n", "\n\n", "    ", "\t",
        ])
        .prop_map(Piece::Markup),
    ]
}

/// The visible text of sanitized HTML: tags removed (quoted values skipped),
/// entities decoded.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    for c in html.chars() {
        match (in_tag, quote, c) {
            (true, Some(q), c) if c == q => quote = None,
            (true, Some(_), _) => {}
            (true, None, '"' | '\'') => quote = Some(c),
            (true, None, '>') => {
                in_tag = false;
                text.push(' ');
            }
            (true, None, _) => {}
            (false, _, '<') => in_tag = true,
            (false, _, c) => text.push(c),
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn every_word_of_the_notes_shows_in_the_rendered_text(pieces in prop::collection::vec(text_piece(), 0..60)) {
        // Words stand apart from the markup, as a person writes them.
        let mut notes = String::new();
        let mut placed: Vec<(usize, String)> = Vec::new();
        for piece in &pieces {
            match piece {
                Piece::Word(w) => {
                    notes.push(' ');
                    placed.push((notes.len(), w.clone()));
                    notes.push_str(w);
                    notes.push(' ');
                }
                Piece::Markup(m) => notes.push_str(m),
            }
        }
        // A word on a code fence's opening line is its info string (a language name):
        // markup, not text. (Container markers — quotes, list bullets — may come first.)
        let expected: Vec<String> = placed
            .into_iter()
            .filter(|(at, _)| {
                let line = notes[..*at].rsplit('\n').next().unwrap_or("");
                let line = line.trim_start_matches(|c: char| {
                    matches!(c, ' ' | '\t' | '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
                });
                !(line.starts_with("```") || line.starts_with("~~~"))
            })
            .map(|(_, w)| w)
            .collect();
        let html = markdown_to_html(&notes);
        let mut shown = words(&visible_text(&html));
        for word in expected {
            let at = shown.iter().position(|w| *w == word);
            prop_assert!(at.is_some(), "{:?} is hidden in {:?} rendered from {:?}", word, html, notes);
            if let Some(at) = at {
                shown.swap_remove(at);
            }
        }
    }

    #[test]
    fn rendered_notes_never_carry_script(input in notes()) {
        let html = markdown_to_html(&input);
        for tag in tags(&html) {
            let name = tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
            prop_assert!(
                !["script", "iframe", "object", "embed", "style", "form", "base", "meta", "svg", "img", "link"].contains(&name),
                "forbidden tag <{}> in {:?} from {:?}", tag, html, input
            );
            prop_assert!(!tag.contains("javascript:"), "javascript: URL in <{}> from {:?}", tag, input);
            for attribute in attribute_names(&tag) {
                prop_assert!(!attribute.starts_with("on"), "event handler {} in <{}> from {:?}", attribute, tag, input);
                prop_assert!(!attribute.starts_with("style"), "inline style in <{}> from {:?}", tag, input);
            }
        }
    }

    #[test]
    fn attribute_names_skip_quoted_values(value in "[a-z =]{0,20}") {
        let tag = format!("a href=\"{value}\" title='x y' rel=noopener");
        prop_assert_eq!(attribute_names(&tag), vec!["href", "title", "rel"]);
    }

    #[test]
    fn any_text_renders_without_panicking(input in any::<String>()) {
        let _ = markdown_to_html(&input);
    }
}
