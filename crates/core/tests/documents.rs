//! Documents on a real store: the charter and vision with the method's sections,
//! citations that keep what was said when the evidence changes, versions that freeze
//! what was sent, and exports to Markdown and HTML in which untrusted text stays text.

mod common;

use chrono::NaiveDate;
use common::*;
use groundwork_core::documents::export::{check_file_name, write_export, WriteError};
use groundwork_core::store::render::markdown_to_html;
use groundwork_core::*;
use uuid::Uuid;

fn cite(id: Uuid) -> String {
    CitedKind::Observation.token(id)
}

fn edit(w: &World, id: Uuid, text: &str) {
    let o = w.store.read(|db| db.observation(id)).expect("observation");
    w.store
        .write(|tx| {
            tx.update_observation(
                id,
                &ObservationUpdate {
                    kind: o.kind,
                    text: text.into(),
                    people: o.people.iter().map(|p| p.id).collect(),
                    tags: vec![],
                    observed_on: o.observed_on,
                },
            )
        })
        .expect("edit");
}

fn charter(w: &World) -> Document {
    w.store
        .read(|db| db.document(w.cycle.id, DocumentKind::Charter))
        .expect("charter")
}

fn save(w: &World, body: &str) -> DocumentSaved {
    let rev = charter(w).rev;
    w.store
        .write(|tx| tx.save_document(w.cycle.id, DocumentKind::Charter, body, Some(rev)))
        .expect("save")
}

fn export(w: &World, doc: ExportDoc, format: ExportFormat) -> Exported {
    w.store
        .read(|db| db.export(w.cycle.id, doc, format))
        .expect("export")
}

#[test]
fn a_new_charter_opens_with_the_method_sections_and_the_trade_off_map_kept_in_step() {
    let w = world();
    let doc = charter(&w);
    assert_eq!(doc.id, None, "nothing is written until the first save");
    assert_eq!(doc.rev, 0);
    assert!(!doc.editable, "discovery drafts no charter");
    for heading in [
        "## Unique value",
        "## Competitive advantages",
        "## Strategy",
        "## Whom we serve excellently, and whom less well",
        "## What we will not do",
    ] {
        assert!(doc.body.contains(heading), "{heading} in {}", doc.body);
    }
    assert!(doc.body.contains("[@live:tradeoffs]"), "{}", doc.body);
    assert_eq!(doc.sections.len(), 5);
    assert!(doc
        .sections
        .iter()
        .all(|s| !s.written && !s.prompt.is_empty()));
    let vision = w
        .store
        .read(|db| db.document(w.cycle.id, DocumentKind::Vision))
        .expect("vision");
    assert!(vision
        .body
        .contains("## Where could we be if everything went perfectly for three years?"));
    let err = w
        .store
        .write(|tx| tx.save_document(w.cycle.id, DocumentKind::Charter, "# Charter", None))
        .expect_err("discovery");
    assert!(err.to_string().contains("drafting the charter"), "{err}");

    w.prioritize();
    let payments = w.team("Payments", "Fintech");
    w.store
        .write(|tx| {
            tx.set_serve(
                w.cycle.id,
                &ServeInput {
                    team_id: Some(payments),
                    stance: Some(Stance::Excellent),
                    ..Default::default()
                },
            )
        })
        .expect("stance");
    let doc = charter(&w);
    assert!(doc.editable);
    let body = doc.body.replace(
        "## Unique value\n",
        "## Unique value\n\nOne place to build and ship.\n",
    );
    let saved = save(&w, &body);
    assert_eq!(saved.rev, 1);
    assert!(saved.sections[0].written, "unique value is written");
    assert!(
        !saved.sections[3].written,
        "a live section alone is not the author's words"
    );
    let md = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    assert!(
        md.contains("- **We serve excellently:** Payments (team)"),
        "the trade-off map shows in the charter: {md}"
    );
    assert!(!md.contains("[@live"), "{md}");
}

#[test]
fn a_citation_keeps_what_was_said_when_the_evidence_is_edited_merged_or_trashed() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds take 40 minutes", &[priya]);
    let flaky = w.heard(SourceKind::CoffeeChat, "Tests fail at random", &[priya]);
    let twin = w.heard(SourceKind::CoffeeChat, "Tests are flaky", &[priya]);
    let gone = w.heard(SourceKind::CoffeeChat, "Nobody reads the runbook", &[priya]);
    w.prioritize();
    let body = format!(
        "# Charter\n\n## Unique value\n\nCI is the pain {} {} {} {}.\n",
        cite(slow),
        cite(flaky),
        cite(twin),
        cite(gone)
    );
    let saved = save(&w, &body);
    assert_eq!(saved.citations.len(), 4);
    assert!(saved
        .citations
        .iter()
        .all(|c| c.state == CitationState::Current));
    assert_eq!(saved.citations[0].kept.who, "Priya Raman");
    assert_eq!(saved.citations[0].kept.teams, "Payments");
    assert_eq!(
        saved.citations[0].kept.session_date,
        NaiveDate::from_ymd_opt(2026, 11, 20)
    );

    edit(&w, slow, "Builds take 25 minutes now");
    w.store
        .write(|tx| tx.merge_observations(flaky, twin))
        .expect("merge");
    w.store
        .write(|tx| tx.delete_observation(gone))
        .expect("trash");

    let doc = charter(&w);
    let by = |id: Uuid| {
        doc.citations
            .iter()
            .find(|c| c.target_id == id)
            .expect("cited")
    };
    assert_eq!(by(slow).state, CitationState::Edited);
    assert_eq!(by(slow).kept.text, "Builds take 40 minutes");
    assert_eq!(
        by(slow).now_text.as_deref(),
        Some("Builds take 25 minutes now")
    );
    assert_eq!(by(twin).state, CitationState::Merged);
    assert_eq!(by(twin).merged_into, Some(flaky));
    assert_eq!(by(twin).kept.text, "Tests are flaky");
    assert_eq!(by(gone).state, CitationState::Trashed);
    assert_eq!(by(flaky).state, CitationState::Current);

    let md = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    assert!(
        md.contains("CI is the pain[^cite-1][^cite-2][^cite-3][^cite-4]."),
        "{md}"
    );
    assert!(md.contains("[^cite-1]: “Builds take 40 minutes” — Priya Raman (Payments); Coffee chat about Builds take 40 minutes, 2026-11-20. *The observation has been edited since it was cited.*"), "{md}");
    assert!(md.contains("[^cite-3]: “Tests are flaky”"), "{md}");
    assert!(
        md.contains("*The observation has since been merged into another.*"),
        "{md}"
    );
    assert!(md.contains("[^cite-4]: “Nobody reads the runbook”"), "{md}");
    assert!(
        md.contains("*The observation has since been moved to the trash.*"),
        "{md}"
    );
}

#[test]
fn the_same_evidence_cited_twice_is_one_footnote_and_a_token_in_code_stays_text() {
    let w = world();
    let priya = w.person("Priya", None, Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    w.prioritize();
    save(&w, &format!("A {0}, again {0}.\n\n`{0}`\n", cite(slow)));
    let md = export(&w, ExportDoc::Charter, ExportFormat::Md);
    assert_eq!(md.citations, 1);
    assert!(
        md.content.contains("A[^cite-1], again[^cite-1]."),
        "{}",
        md.content
    );
    assert!(
        md.content.contains(&format!("`{}`", cite(slow))),
        "{}",
        md.content
    );
}

#[test]
fn a_save_typed_over_an_older_revision_overwrites_nothing_and_keeps_what_was_typed() {
    let w = world();
    w.prioritize();
    let first = save(&w, "# Charter\n\nFirst words.\n");
    let elsewhere = w
        .store
        .write(|tx| {
            tx.save_document(
                w.cycle.id,
                DocumentKind::Charter,
                "# Charter\n\nFrom the other window.\n",
                Some(first.rev),
            )
        })
        .expect("other window");
    assert_eq!(elsewhere.rev, 2);
    let here = w
        .store
        .write(|tx| {
            tx.save_document(
                w.cycle.id,
                DocumentKind::Charter,
                "# Charter\n\nTyped here.\n",
                Some(first.rev),
            )
        })
        .expect("not an error: kept");
    let version = here.kept_as_version.expect("kept as a version");
    assert_eq!(here.rev, 2);
    let doc = charter(&w);
    assert!(doc.body.contains("From the other window."), "{}", doc.body);
    let kept = w
        .store
        .read(|db| db.document_version(version))
        .expect("version");
    assert!(kept.body.contains("Typed here."));
    assert_eq!(doc.versions.len(), 1);
    // The same text again is no conflict, whoever saved it.
    let same = w
        .store
        .write(|tx| tx.save_document(w.cycle.id, DocumentKind::Charter, &doc.body, Some(1)))
        .expect("same text");
    assert!(same.kept_as_version.is_none());
}

#[test]
fn a_version_freezes_the_body_citations_and_live_sections_and_says_what_changed_since() {
    let w = world();
    let priya = w.person("Priya", None, Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    let lost = w.heard(SourceKind::CoffeeChat, "Logs are lost", &[priya]);
    w.prioritize();
    let builds = w.pain("Builds are slow", &[slow]);
    let logs = w.pain("Logs are lost", &[lost]);
    w.store
        .write(|tx| tx.score_pain(builds.id, &rice(3.0, 100.0, 1.0)))
        .expect("score");
    w.store
        .write(|tx| tx.score_pain(logs.id, &rice(1.0, 100.0, 1.0)))
        .expect("score");
    let saved = save(
        &w,
        &format!("# Charter\n\nSlow {}.\n\n[@live:pains:2]\n", cite(slow)),
    );
    let err = w
        .store
        .write(|tx| tx.snapshot_document(saved.document_id, "  "))
        .expect_err("a version says what it is");
    assert!(err.to_string().contains("sent to leadership"), "{err}");
    let v = w
        .store
        .write(|tx| tx.snapshot_document(saved.document_id, "Sent to leadership 2027-01-10"))
        .expect("snapshot");

    // Afterwards the ranking turns round and the quote is edited.
    w.store
        .write(|tx| tx.score_pain(logs.id, &rice(3.0, 100.0, 0.5)))
        .expect("rescore");
    edit(&w, slow, "Builds are slow on Mondays");

    let view = w
        .store
        .read(|db| db.document_version(v.id))
        .expect("version");
    assert_eq!(view.version.note, "Sent to leadership 2027-01-10");
    assert_eq!(view.live.len(), 1);
    let frozen = &view.live[0].markdown;
    let first = frozen.find("Builds are slow").expect("builds");
    let second = frozen.find("Logs are lost").expect("logs");
    assert!(
        first < second,
        "the version shows the order as sent: {frozen}"
    );
    let quote = view
        .citations
        .iter()
        .find(|c| c.target_id == slow)
        .expect("the quote");
    assert_eq!(quote.kept.text, "Builds are slow");
    assert_eq!(
        quote.state,
        CitationState::Edited,
        "changed since it was sent"
    );
    assert!(view
        .citations
        .iter()
        .any(|c| c.kind == CitedKind::Pain && c.target_id == builds.id));

    let live = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    let first = live.find("| 1 | Logs are lost").expect("logs first now");
    assert!(
        first < live.find("| 2 | Builds are slow").expect("builds"),
        "{live}"
    );
}

#[test]
fn the_pack_holds_charter_vision_and_ranked_pain_with_one_set_of_footnotes() {
    let w = world();
    let payments = w.team("Payments", "Fintech");
    let priya = w.person("Priya", Some(payments), Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    w.prioritize();
    let builds = w.pain("Builds are slow", &[slow]);
    save(
        &w,
        &format!("# Charter: H1\n\nWe make CI fast {}.\n", cite(slow)),
    );
    w.store
        .write(|tx| {
            tx.save_document(
                w.cycle.id,
                DocumentKind::Vision,
                &format!("# Vision\n\nNo one waits {}.\n", cite(slow)),
                None,
            )
        })
        .expect("vision");
    let pack = export(&w, ExportDoc::Pack, ExportFormat::Md);
    let md = &pack.content;
    assert_eq!(pack.file_name, "Planning pack - 2027 H1 planning.md");
    let charter = md.find("# Charter: H1").expect("charter");
    let vision = md.find("# Vision").expect("vision");
    let pains = md
        .find("# Ranked user pain: 2027 H1 planning")
        .expect("pains");
    assert!(charter < vision && vision < pains, "{md}");
    assert!(md.contains("We make CI fast[^cite-1]."), "{md}");
    assert!(md.contains("No one waits[^cite-1]."), "{md}");
    assert!(
        md.contains("| 1 | Builds are slow[^cite-2] |  | 1 person, 1 team | 1 | unscored |"),
        "{md}"
    );
    assert!(
        md.contains("[^cite-2]: Pain: Builds are slow (1 person in 1 team)."),
        "{md}"
    );
    assert_eq!(pack.citations, 2);
    let _ = builds;
}

#[test]
fn the_ranked_pain_of_a_cycle_in_discovery_says_nothing_is_ranked_yet() {
    let w = world();
    let md = export(&w, ExportDoc::Pains, ExportFormat::Md).content;
    assert!(md.contains("nothing is ranked yet"), "{md}");
}

#[test]
fn the_html_export_is_one_file_with_its_styles_inline_working_footnotes_and_no_script() {
    let w = world();
    let priya = w.person("Priya", None, Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    w.prioritize();
    save(&w, &format!("# Charter\n\nSlow {}.\n", cite(slow)));
    let html = export(&w, ExportDoc::Charter, ExportFormat::Html);
    assert_eq!(html.file_name, "Charter - 2027 H1 planning.html");
    let page = &html.content;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Charter - 2027 H1 planning</title>"));
    assert!(
        page.contains("default-src 'none'"),
        "its own policy loads nothing"
    );
    assert!(page.contains("<style>"));
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("src="), "nothing external: {page}");
    assert!(!page.contains("<link"), "{page}");
    assert!(page.contains(r##"<a href="#fn-cite-1""##), "{page}");
    assert!(page.contains(r#"id="fn-cite-1""#), "{page}");
    assert!(page.contains("“Builds are slow” — Priya"), "{page}");
}

#[test]
fn raw_html_typed_into_a_charter_is_text_in_the_markdown_export_as_the_app_shows_it() {
    let w = world();
    let body = "# Charter\n\nWe <b>own</b> builds <img src=x onerror=alert(1)> and CI.\n\n\
                <script>alert(1)</script>\n\n<!-- a comment -->\n\nIn code it stays: `<b>` and\n\n\
                ```\n<div>kept</div>\n```\n";
    w.prioritize();
    save(&w, body);
    let md = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    // No tag a Markdown viewer that renders HTML would make live.
    let outside_code: String = md.split("```").step_by(2).collect::<Vec<_>>().join("");
    for tag in ["<b>", "<img", "<script", "<!--"] {
        assert!(
            !outside_code.replace("`<b>`", "").contains(tag),
            "{tag} in {md}"
        );
    }
    assert!(
        md.contains("We &lt;b>own&lt;/b> builds &lt;img src=x onerror=alert(1)>"),
        "{md}"
    );
    assert!(
        md.contains("`<b>`") && md.contains("<div>kept</div>"),
        "code is left as written: {md}"
    );
    // Rendered, the export reads as the charter does in the app, word for word.
    let words = |md: &str| {
        unescape(&markdown_to_html(md))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(words(&md), words(body));
}

#[test]
fn the_lint_names_each_empty_section_before_it_is_exported_as_a_bare_heading() {
    let w = world();
    w.prioritize();
    let body = "# Charter\n\n## Unique value\n\nFaster feedback than anyone else.\n\n\
                ## Competitive advantages\n\n## Strategy\n\n### Year one\n\nCaches first.\n\n\
                ## Whom we serve excellently, and whom less well\n\n[@live:tradeoffs]\n\n\
                ## What we will not do\n\n```\n## not a heading\n```\n";
    save(&w, body);
    let lint = w
        .store
        .read(|db| db.lint_document(w.cycle.id, DocumentKind::Charter))
        .expect("lint");
    let empty: Vec<(Option<u32>, &str)> = lint
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::EmptySection)
        .map(|f| (f.line, f.excerpt.as_str()))
        .collect();
    assert_eq!(
        empty,
        vec![(Some(7), "Competitive advantages")],
        "a sub-section's words and a live section count as written; a code block is words"
    );
    assert!(lint
        .findings
        .iter()
        .any(|f| f.message.contains("bare heading")));
}

/// Untrusted text as people type it: quotes, names and titles.
const HOSTILE: &[&str] = &[
    "<script>window.__gw_pwned=1</script>",
    "<img src=x onerror=\"window.__gw_pwned=1\">",
    "[click](javascript:window.__gw_pwned=1)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "*not bold* _nor this_ `nor code` ~~nor struck~~",
    "line one\n\n# not a heading\n[^cite-9]: a forged footnote",
    "| a | table | row |",
    "#set page(fill: red) #import \"/etc/passwd\" $x^2$ #{ panic() }",
    "\\input{/etc/passwd} \\begin{document} \\write18{rm -rf /}",
    "&lt;script&gt; &amp; &#60;b&#62;",
    "<https://evil.example> ![x](https://evil.example/p.png)",
];

#[test]
fn hostile_text_in_quotes_names_and_titles_stays_text_in_markdown_and_html() {
    let w = world();
    let team = w.team("Team <b onmouseover=alert(1)>", "Seg");
    let mut cited = Vec::new();
    for (i, payload) in HOSTILE.iter().enumerate() {
        let person = w.person(
            &format!("{} {i}", payload.replace('\n', " ")),
            Some(team),
            Relation::InternalUser,
        );
        cited.push(w.heard(SourceKind::CoffeeChat, payload, &[person]));
    }
    w.prioritize();
    let body: String = cited
        .iter()
        .map(|id| format!("Claim {}.\n\n", cite(*id)))
        .collect();
    save(&w, &format!("# Charter\n\n{body}"));
    let md = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    // Each footnote is one line: no quote can start a block or a footnote of its own.
    let notes: Vec<&str> = md.lines().filter(|l| l.starts_with("[^cite-")).collect();
    assert_eq!(notes.len(), HOSTILE.len(), "{md}");
    assert!(!md.contains("\n# not a heading"), "{md}");
    assert!(!md.contains("\n[^cite-9]: a forged"), "{md}");

    // Rendered, every payload reads as the text it is.
    let html = markdown_to_html(&md);
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        "<img",
        "<a href=\"javascript",
        "<em>not",
        "<strong",
        "<code>nor",
        "<del>",
        "<h1>not",
        "<b ",
    ] {
        assert!(!lower.contains(bad), "{bad} in {html}");
    }
    for tag in tags(&lower) {
        for bad in ["onerror", "onmouseover", "javascript:", "evil.example"] {
            assert!(!tag.contains(bad), "{bad} in the tag <{tag}> of {html}");
        }
    }
    let text = unescape(&html);
    for payload in HOSTILE {
        let flat = payload.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&flat),
            "{flat:?} is not shown as text in {text}"
        );
    }
    assert!(text.contains("Team <b onmouseover=alert(1)>"), "{text}");

    let page = export(&w, ExportDoc::Charter, ExportFormat::Html)
        .content
        .to_lowercase();
    for tag in tags(&page) {
        for bad in [
            "script",
            "img",
            "iframe",
            "javascript:",
            "onerror",
            "onmouseover",
            "evil.example",
        ] {
            assert!(!tag.contains(bad), "{bad} in the tag <{tag}> of {page}");
        }
    }
}

/// The tags of HTML (escaped text holds no `<`, so every `<` opens a tag).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .collect()
}

/// The text of rendered HTML: tags dropped, entities read.
fn unescape(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn unsafe_or_reserved_file_names_are_refused_and_nothing_is_overwritten_unless_asked() {
    for bad in [
        "",
        ".",
        "..",
        "CON",
        "nul.md",
        "Com1.html",
        "lpt9",
        "a:b.md",
        "x?.md",
        "pack.md.",
        "pack ",
        "bell\u{7}.md",
        "evil\u{202E}dm.exe",
        &"x".repeat(256),
    ] {
        assert!(
            matches!(check_file_name(bad), Err(WriteError::UnsafeName { .. })),
            "{bad:?}"
        );
    }
    for good in [
        "Charter - 2027 H1.md",
        "pack.html",
        "console.md",
        "Übersicht.md",
    ] {
        assert!(check_file_name(good).is_ok(), "{good:?}");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("pack.md");
    write_export(&path, b"first", false).expect("new file");
    let err = write_export(&path, b"second", false).expect_err("exists");
    assert!(matches!(err, WriteError::Exists { .. }), "{err}");
    assert!(err.to_string().contains("left as it is"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), b"first");
    write_export(&path, b"second", true).expect("replace when asked");
    assert_eq!(std::fs::read(&path).expect("read"), b"second");
    let err = write_export(dir.path(), b"x", true).expect_err("a folder");
    assert!(!matches!(err, WriteError::Exists { .. }), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".groundwork-export")
        })
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn an_exported_file_is_made_with_the_users_umask_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    // What any program's new file gets here: 0666 less the umask.
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, b"x").expect("write");
    let path = dir.path().join("Charter.md");
    write_export(&path, b"first", false).expect("new file");
    assert_eq!(
        mode(&path),
        mode(&plain),
        "not the temporary file's private 0600"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    write_export(&path, b"second", true).expect("replace");
    assert_eq!(mode(&path), 0o640, "a replaced file keeps its mode");
}

/// The sample on a fixed clock, so its dates (and so its exports) are the same each run.
fn sample_store(dir: &std::path::Path) -> (Store, Uuid) {
    let path = dir.join("Sample.groundwork");
    let clock = common::clock_on(2026, 11, 21);
    sample::write_sample(&path, clock.clone()).expect("sample");
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");
    let plan = store
        .read(|db| db.list_cycles())
        .expect("cycles")
        .into_iter()
        .find(|c| c.mode == CycleMode::Prioritization)
        .expect("a cycle in prioritization")
        .id;
    (store, plan)
}

#[test]
fn the_sample_has_a_charter_citing_its_evidence_an_earlier_version_and_a_vision() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, plan) = sample_store(dir.path());
    let charter = store
        .read(|db| db.document(plan, DocumentKind::Charter))
        .expect("charter");
    assert!(charter.citations.len() >= 12, "{}", charter.citations.len());
    assert!(charter
        .citations
        .iter()
        .all(|c| c.state == CitationState::Current && !c.kept.text.is_empty()));
    assert!(charter
        .citations
        .iter()
        .any(|c| c.kind == CitedKind::Bucket));
    assert!(
        charter.sections.iter().all(|s| s.written),
        "{:?}",
        charter.sections
    );
    assert_eq!(charter.versions.len(), 1);
    let earlier = store
        .read(|db| db.document_version(charter.versions[0].id))
        .expect("earlier version");
    assert!(earlier.body.contains("First draft") || earlier.version.note.contains("First draft"));
    assert!(earlier.body.len() < charter.body.len());
    let vision = store
        .read(|db| db.document(plan, DocumentKind::Vision))
        .expect("vision");
    assert!(vision.citations.len() >= 3, "{}", vision.citations.len());
    assert!(vision.body.contains("[@live:pains:5]"));
}

/// Compares an export with its snapshot in `tests/snapshots`; with
/// GROUNDWORK_UPDATE_SNAPSHOTS=1 it writes the snapshot instead.
fn matches_snapshot(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("GROUNDWORK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}); run with GROUNDWORK_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its snapshot from line {}:\n  expected: {:?}\n  actual:   {:?}\n(GROUNDWORK_UPDATE_SNAPSHOTS=1 rewrites it once the change is meant)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn the_sample_planning_pack_exports_as_its_markdown_and_html_snapshots() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, plan) = sample_store(dir.path());
    let md = store
        .read(|db| db.export(plan, ExportDoc::Pack, ExportFormat::Md))
        .expect("md");
    let html = store
        .read(|db| db.export(plan, ExportDoc::Pack, ExportFormat::Html))
        .expect("html");
    assert_eq!(md.file_name, "Planning pack - 2027 H1 prioritization.md");
    matches_snapshot("sample-pack.md", &md.content);
    matches_snapshot("sample-pack.html", &html.content);
}

#[test]
fn the_lint_marks_uncited_claims_old_evidence_and_top_pains_the_documents_never_mention() {
    let w = world();
    let priya = w.person("Priya", None, Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds are slow", &[priya]);
    let lost = w.heard(SourceKind::CoffeeChat, "Logs are lost", &[priya]);
    w.prioritize();
    let builds = w.pain("Builds are slow", &[slow]);
    let logs = w.pain("Logs are lost", &[lost]);
    for p in [&builds, &logs] {
        w.store
            .write(|tx| tx.score_pain(p.id, &rice(2.0, 100.0, 1.0)))
            .expect("score");
    }
    let body = format!(
        "# Charter\n\n## Unique value\n\nEngineers on every team lose an hour a day to slow builds.\n\nEngineers on every team lose an hour a day to slow builds {}.\n\n- We will not build a portal.\n",
        cite(slow)
    );
    save(&w, &body);
    let lint = w
        .store
        .read(|db| db.lint_document(w.cycle.id, DocumentKind::Charter))
        .expect("lint");
    let uncited: Vec<_> = lint
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::UncitedClaim)
        .collect();
    assert_eq!(uncited.len(), 1, "{:?}", lint.findings);
    assert_eq!(uncited[0].line, Some(5));
    let unmentioned: Vec<_> = lint
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::UnmentionedPain)
        .collect();
    assert_eq!(unmentioned.len(), 1, "builds is cited through its evidence");
    assert_eq!(unmentioned[0].target_id, Some(logs.id));
    assert!(lint
        .findings
        .iter()
        .all(|f| f.kind != LintKind::OldEvidence));

    // A year and a half later the quote is old.
    w.clock.advance(chrono::Duration::days(540));
    let lint = w
        .store
        .read(|db| db.lint_document(w.cycle.id, DocumentKind::Charter))
        .expect("lint");
    let old: Vec<_> = lint
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::OldEvidence)
        .collect();
    assert_eq!(old.len(), 1, "{:?}", lint.findings);
    assert_eq!(old[0].line, Some(7));
    assert!(old[0].message.contains("2026-11-20"), "{}", old[0].message);
    // The team decides what old is.
    assert!(w.store.write(|tx| tx.set_evidence_max_age(10)).is_err());
    w.store
        .write(|tx| tx.set_evidence_max_age(3650))
        .expect("ten years");
    let lint = w
        .store
        .read(|db| db.lint_document(w.cycle.id, DocumentKind::Charter))
        .expect("lint");
    assert!(lint
        .findings
        .iter()
        .all(|f| f.kind != LintKind::OldEvidence));
    assert_eq!(lint.max_age_days, 3650);
}

#[test]
fn two_versions_compare_word_by_word_with_citations_as_their_words() {
    let w = world();
    let priya = w.person("Priya", None, Relation::InternalUser);
    let slow = w.heard(SourceKind::CoffeeChat, "Builds take 40 minutes", &[priya]);
    w.prioritize();
    let first = save(
        &w,
        &format!("# Charter\n\nWe make CI fast {}.\n", cite(slow)),
    );
    let sent = w
        .store
        .write(|tx| tx.snapshot_document(first.document_id, "Sent to leadership"))
        .expect("v1");
    save(
        &w,
        &format!(
            "# Charter\n\nWe make CI fast and predictable {}.\n",
            cite(slow)
        ),
    );
    let diff = w
        .store
        .read(|db| db.diff_document_versions(sent.id, None))
        .expect("diff with now");
    assert_eq!(
        (diff.from.as_str(), diff.to.as_str()),
        ("Sent to leadership", "Now")
    );
    assert_eq!(
        (diff.added_words, diff.removed_words),
        (2, 0),
        "{:?}",
        diff.pieces
    );
    let added: String = diff
        .pieces
        .iter()
        .filter(|p| p.kind == DiffKind::Added)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(added.trim(), "and predictable");
    let all: String = diff.pieces.iter().map(|p| p.text.as_str()).collect();
    assert!(all.contains("[“Builds take 40 minutes”]"), "{all}");
    assert!(!all.contains("[@obs:"), "{all}");

    let second = w
        .store
        .write(|tx| tx.snapshot_document(first.document_id, "After review"))
        .expect("v2");
    let between = w
        .store
        .read(|db| db.diff_document_versions(sent.id, Some(second.id)))
        .expect("diff");
    assert_eq!(between.to, "After review");
    assert_eq!(between.added_words, 2);
}

/// A Teams talk: Priya speaks twelve minutes in, a voice no one was named for after.
const TALK: &str = "WEBVTT

c3/1-0
00:12:41.400 --> 00:12:50.000
<v Raman, Priya>Every release waits forty minutes in the deploy queue.</v>

c3/2-0
00:13:05.000 --> 00:13:09.000
<v Speaker 2>Rollbacks take a whole afternoon.</v>
";

#[test]
fn the_footnote_of_an_observation_taken_from_a_transcript_names_the_speaker_and_when_it_was_said() {
    let w = world();
    let payments = w.team("Payments", "");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let done = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "Coffee with Priya.vtt",
                TALK.as_bytes(),
                &TranscriptImport {
                    target: TranscriptTarget::New {
                        cycle_id: w.cycle.id,
                        source_kind: SourceKind::CoffeeChat,
                        title: "Coffee with Priya".into(),
                        held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                    },
                    speakers: vec![SpeakerChoice {
                        label: "Raman, Priya".into(),
                        role: SpeakerRole::Participant,
                        person: SpeakerPerson::Existing { id: priya },
                    }],
                },
            )
        })
        .expect("imports");
    let turns = w
        .store
        .read(|db| db.session_transcripts(done.session_id))
        .expect("transcript")
        .remove(0)
        .turns;
    let take = |turn: &TurnView| {
        w.store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    turn_id: Some(turn.id),
                    kind: ObservationKind::Pain,
                    passage: Some(turn.text.clone()),
                    passage_start: Some(0),
                    ..Default::default()
                })
            })
            .expect("observation")
            .id
    };
    let queue = take(&turns[0]);
    let rollbacks = take(&turns[1]);
    w.prioritize();
    let saved = save(
        &w,
        &format!(
            "# Charter\n\nReleases wait {}. Rollbacks are slow {}.\n",
            cite(queue),
            cite(rollbacks)
        ),
    );
    let expected = [
        "“Every release waits forty minutes in the deploy queue.” — Priya Raman (Payments); \
         Coffee with Priya, 2026-11-20, said at 12:41.",
        "“Rollbacks take a whole afternoon.” — Speaker 2; Coffee with Priya, 2026-11-20, \
         said at 13:05.",
    ];
    let md = export(&w, ExportDoc::Charter, ExportFormat::Md).content;
    let html = export(&w, ExportDoc::Charter, ExportFormat::Html).content;
    for line in expected {
        assert!(md.contains(line), "{md}");
        assert!(html.contains(line), "{html}");
    }
    // A version sent keeps who said it and when, as the document kept it.
    let v = w
        .store
        .write(|tx| tx.snapshot_document(saved.document_id, "Sent to leadership"))
        .expect("snapshot");
    let sent = w
        .store
        .read(|db| db.export_version(v.id, ExportFormat::Md))
        .expect("export")
        .content;
    for line in expected {
        assert!(sent.contains(line), "{sent}");
    }
}
