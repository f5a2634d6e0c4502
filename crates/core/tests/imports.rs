//! Reading what already exists elsewhere: a folder of Markdown notes and an Obsidian
//! vault, written here as the app writes them (front matter, inline tags, wikilinks
//! with aliases and headings, embedded attachments, nested folders, empty notes, the
//! `.obsidian` settings folder), and hostile folders (links out, binaries renamed).

use groundwork_core::imports::joplin::{read_jex, read_joplin_raw, JoplinError};
use groundwork_core::imports::vault::{
    preview, read_folder, read_vault, Resolution, VaultError, VaultFile,
};
use std::path::Path;

mod common;

use common::*;
use groundwork_core::imports::vault_import::{kind_named, VaultImport};
use groundwork_core::*;

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("folders");
    std::fs::write(file, text).expect("write");
}

/// A vault as Obsidian keeps one.
fn vault(root: &Path) {
    write(
        root,
        "Chats/Coffee with Priya.md",
        "---\n\
         date: 2026-11-03\n\
         type: coffee chat\n\
         people: [\"[[Priya Raman]]\", Tom Berg]\n\
         tags: [ci, flaky-tests]\n\
         aliases: [Priya chat]\n\
         mood: tired\n\
         rating: 4\n\
         ---\n\
         # Coffee with Priya\n\n\
         CI takes forty minutes #ci #payments/ledger. See [[Flaky tests|the flaky list]] and [[Runbook#Retries]].\n\n\
         ![[whiteboard.png]] and [[Missing note]] and [[Standup]].\n\n\
         ```\n#not-a-tag [[not a link]]\n```\n\
         Issue #42 is not a tag.\n",
    );
    write(root, "Flaky tests.md", "#flaky-tests\nTests that fail.\n");
    write(
        root,
        "Runbook.md",
        "---\ntitle: The runbook\n---\n## Retries\nRetry once.\n",
    );
    write(root, "Standups/2026/Standup.md", "Monday standup.\n");
    write(root, "Standups/2025/Standup.md", "Last year's standup.\n");
    write(root, "Empty.md", "");
    write(
        root,
        "Broken front matter.md",
        "---\ntitle: [unclosed\n---\nStill read.\n",
    );
    write(root, "attachments/whiteboard.png", "\u{89}PNG");
    write(root, ".obsidian/app.json", "{}");
    write(root, ".obsidian/plugins/x.md", "not a note of the vault");
}

#[test]
fn an_obsidian_vault_is_read_with_its_front_matter_tags_links_and_attachments() {
    let dir = tempfile::tempdir().expect("dir");
    vault(dir.path());
    let v = read_folder(dir.path()).expect("reads");
    let paths: Vec<&str> = v.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Broken front matter.md",
            "Chats/Coffee with Priya.md",
            "Empty.md",
            "Flaky tests.md",
            "Runbook.md",
            "Standups/2025/Standup.md",
            "Standups/2026/Standup.md",
        ],
        "notes in nested folders, none from .obsidian"
    );
    let chat = &v.notes[1];
    assert_eq!(chat.title, "Coffee with Priya");
    assert_eq!(
        chat.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-03")
    );
    assert_eq!(chat.kind.as_deref(), Some("coffee chat"));
    assert_eq!(
        chat.people,
        ["Priya Raman", "Tom Berg"],
        "link brackets taken off"
    );
    assert_eq!(chat.aliases, ["Priya chat"]);
    assert_eq!(
        chat.tags,
        ["ci", "flaky-tests", "payments/ledger"],
        "front matter and inline tags once each; not in code, not #42"
    );
    assert_eq!(
        chat.fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [("mood", "tired"), ("rating", "4")],
        "other keys are kept"
    );
    assert!(
        chat.body.starts_with("# Coffee with Priya"),
        "the front matter is not in the notes"
    );
    assert_eq!(chat.attachments, ["whiteboard.png"]);
    let links: Vec<(&str, Option<&str>, &Resolution)> = chat
        .links
        .iter()
        .map(|l| (l.target.as_str(), l.alias.as_deref(), &l.resolution))
        .collect();
    assert_eq!(
        links,
        [
            (
                "Flaky tests",
                Some("the flaky list"),
                &Resolution::Note {
                    path: "Flaky tests.md".into()
                }
            ),
            (
                "Runbook",
                None,
                &Resolution::Note {
                    path: "Runbook.md".into()
                }
            ),
            ("Missing note", None, &Resolution::Missing),
            (
                "Standup",
                None,
                &Resolution::Ambiguous {
                    paths: vec![
                        "Standups/2025/Standup.md".into(),
                        "Standups/2026/Standup.md".into()
                    ]
                }
            ),
        ],
        "a name two notes share is left for the user to pick"
    );
    assert_eq!(v.notes[3].tags, ["flaky-tests"], "a tag may start a line");
    assert_eq!(v.notes[4].title, "The runbook");
    assert!(v.notes[4].tags.is_empty(), "a heading is not a tag");
    assert!(v.notes[2].empty, "an empty note is kept, and said so");
    let broken = &v.notes[0];
    assert!(
        broken.problems[0].contains("not YAML"),
        "{:?}",
        broken.problems
    );
    assert!(broken.body.contains("title: [unclosed"), "kept as text");
    assert!(v.files.contains(&"attachments/whiteboard.png".to_owned()));
    assert!(v
        .skipped
        .iter()
        .any(|s| s.path == ".obsidian" && s.why.contains("hidden folder")));

    let p = preview(&v);
    assert_eq!(
        (p.notes, p.empty_notes, p.dated, p.attachments),
        (7, 1, 1, 1)
    );
    assert_eq!(p.links_resolved, 2);
    assert_eq!(
        p.links_broken,
        [("Chats/Coffee with Priya.md".into(), "Missing note".into())]
    );
    assert_eq!(p.links_ambiguous.len(), 1);
    assert_eq!(p.tags[0], ("flaky-tests".into(), 2), "most used first");
    assert_eq!(p.people, ["Priya Raman", "Tom Berg"]);
    assert_eq!(
        p.fields_not_mapped,
        [("mood".into(), 1), ("rating".into(), 1)]
    );
    assert_eq!(p.problems.len(), 1);
}

#[test]
fn a_link_out_of_the_folder_is_not_followed_and_a_binary_note_is_skipped_with_why() {
    let dir = tempfile::tempdir().expect("dir");
    let outside = tempfile::tempdir().expect("outside");
    write(outside.path(), "secret.md", "secret words");
    write(dir.path(), "Note.md", "Kept.");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), dir.path().join("elsewhere")).expect("link");
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            dir.path().join("linked.md"),
        )
        .expect("link");
    }
    std::fs::write(
        dir.path().join("picture.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("write");
    let v = read_folder(dir.path()).expect("reads");
    assert_eq!(v.notes.len(), 1);
    assert!(
        v.notes.iter().all(|n| !n.body.contains("secret")),
        "nothing outside is read"
    );
    let why = |path: &str| {
        v.skipped
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.why.clone())
    };
    #[cfg(unix)]
    {
        assert!(why("elsewhere").expect("said").contains("link"));
        assert!(why("linked.md").expect("said").contains("link"));
    }
    assert!(why("picture.md").expect("said").contains("not a text note"));
}

#[test]
fn a_folder_without_notes_is_refused_in_words() {
    let dir = tempfile::tempdir().expect("dir");
    write(dir.path(), "photo.jpg", "x");
    let err = read_folder(dir.path()).expect_err("refused");
    assert!(matches!(err, VaultError::NoNotes { .. }));
    assert!(err.to_string().contains("no Markdown notes"), "{err}");
    let err = read_folder(&dir.path().join("nope")).expect_err("refused");
    assert!(
        err.to_string().contains("not a folder that can be read"),
        "{err}"
    );
}

#[test]
fn notes_in_any_encoding_and_line_ending_read_the_same() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "---\r\ntags: a b\r\n---\r\nWindows #notes\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let v = read_vault(vec![
        VaultFile {
            path: "win.md".into(),
            bytes: utf16,
        },
        VaultFile {
            path: "latin.md".into(),
            bytes: b"Caf\xe9 #caf\xe9".to_vec(),
        },
    ]);
    let latin = &v.notes[0];
    assert_eq!(latin.body, "Café #café");
    assert_eq!(latin.tags, ["café"]);
    let win = &v.notes[1];
    assert_eq!(
        win.tags,
        ["a", "b", "notes"],
        "space-separated tags and inline ones"
    );
    assert_eq!(win.body, "Windows #notes\n");
}

fn import(
    w: &World,
    v: &groundwork_core::imports::vault::Vault,
    add_people: bool,
) -> groundwork_core::imports::vault_import::VaultImported {
    w.store
        .write(|tx| {
            tx.import_vault(
                v,
                &VaultImport {
                    origin: "/home/pm/Vault".into(),
                    cycle_id: None,
                    kind: SourceKind::StakeholderFeedback,
                    add_people,
                    quotes: false,
                },
            )
        })
        .expect("import")
}

#[test]
fn a_vault_imports_as_sessions_with_their_kind_date_people_and_tags_and_again_adds_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    vault(dir.path());
    let v = read_folder(dir.path()).expect("reads");
    let w = world();
    w.person("Priya Raman", None, Relation::InternalUser);
    let done = import(&w, &v, true);
    assert_eq!(
        (
            done.sessions,
            done.empty,
            done.people_matched,
            done.people_added,
            done.already_imported
        ),
        (6, 1, 1, 1, 0),
        "every written note a session; Priya matched, Tom added; the empty note left out"
    );
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions");
    let chat = sessions
        .sessions
        .iter()
        .find(|s| s.title == "Coffee with Priya")
        .expect("the chat");
    assert_eq!(chat.kind, SourceKind::CoffeeChat, "from its front matter");
    assert_eq!(chat.held_on.to_string(), "2026-11-03");
    let full = w.store.read(|db| db.session(chat.id)).expect("session");
    assert_eq!(
        full.people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Priya Raman", "Tom Berg"]
    );
    let mut tags: Vec<&str> = full.tags.iter().map(|t| t.name.as_str()).collect();
    tags.sort();
    assert_eq!(tags, ["ci", "flaky-tests", "payments/ledger"]);
    assert!(
        full.notes.starts_with("# Coffee with Priya"),
        "{}",
        full.notes
    );
    let runbook = sessions
        .sessions
        .iter()
        .find(|s| s.title == "The runbook")
        .expect("runbook");
    assert_eq!(
        runbook.kind,
        SourceKind::StakeholderFeedback,
        "the kind chosen for the rest"
    );

    // The same folder again: nothing new, nothing copied.
    let again = import(&w, &v, true);
    assert_eq!((again.sessions, again.already_imported), (0, 6));
    assert_eq!(
        w.store
            .read(|db| db.list_sessions(&SessionQuery::default()))
            .expect("sessions")
            .total,
        6
    );
}

#[test]
fn people_a_vault_names_are_only_matched_when_the_user_says_not_to_add_them() {
    let dir = tempfile::tempdir().expect("dir");
    vault(dir.path());
    let v = read_folder(dir.path()).expect("reads");
    let w = world();
    let done = import(&w, &v, false);
    assert_eq!((done.people_added, done.people_left_out), (0, 2));
    assert!(w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people")
        .is_empty());
}

#[test]
fn a_kind_is_named_loosely_by_front_matter_or_folder() {
    assert_eq!(kind_named("coffee chat"), Some(SourceKind::CoffeeChat));
    assert_eq!(kind_named("Coffee chats"), Some(SourceKind::CoffeeChat));
    assert_eq!(
        kind_named("sla_conversation"),
        Some(SourceKind::SlaConversation)
    );
    assert_eq!(kind_named("Standups"), None);
    assert_eq!(kind_named(""), None);
}

#[test]
fn a_front_matter_that_expands_without_end_is_refused_in_that_note_and_the_rest_reads() {
    // "Billion laughs": each alias nine times the one before.
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        yaml.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let v = read_vault(vec![
        VaultFile {
            path: "bomb.md".into(),
            bytes: format!("---\n{yaml}---\nStill a note.\n").into_bytes(),
        },
        VaultFile {
            path: "fine.md".into(),
            bytes: b"Fine.".to_vec(),
        },
    ]);
    assert_eq!(v.notes.len(), 2);
    let bomb = &v.notes[0];
    assert!(!bomb.problems.is_empty(), "the front matter is refused");
    assert!(bomb.body.contains("Still a note."));
    assert!(bomb.fields.is_empty());
}

#[test]
fn names_and_tags_with_hidden_characters_import_cleaned_instead_of_failing_the_import() {
    let v = read_vault(vec![VaultFile {
        path: "odd.md".into(),
        bytes: "---\ntitle: \"Chat\\u202Ewith\\u0007 Priya\"\npeople: [\"Tom\\u202E Berg\", \"  \"]\ntags: [\"bad\\u0000tag\", \"\"]\n---\nNotes.\n"
            .as_bytes()
            .to_vec(),
    }]);
    let w = world();
    let done = import(&w, &v, true);
    assert_eq!(
        (done.sessions, done.people_added, done.tags_added),
        (1, 1, 1)
    );
    let s = &w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions")
        .sessions[0];
    assert_eq!(
        s.title, "Chatwith Priya",
        "no bidirectional override, no bell"
    );
    let people = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    assert_eq!(people[0].name, "Tom Berg");
}

// A Joplin export, as Joplin writes one: each item its title, a blank line, its body,
// a blank line, then `key: value` metadata ending with `type_:`.

const COFFEE: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";
const YEAR: &str = "2026aaaa2026aaaa2026aaaa2026aaaa";
const PRIYA: &str = "11111111111111111111111111111111";
const TODO: &str = "22222222222222222222222222222222";
const EMPTY: &str = "33333333333333333333333333333333";
const ORPHAN: &str = "44444444444444444444444444444444";
const PICTURE: &str = "abcdef0123456789abcdef0123456789";
const CI: &str = "55555555555555555555555555555555";
const PAYMENTS: &str = "66666666666666666666666666666666";

fn joplin_item(title: &str, body: &str, props: &[(&str, &str)]) -> String {
    let props: Vec<String> = props.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let mut parts = vec![title.to_owned()];
    if !body.is_empty() {
        parts.push(body.to_owned());
    }
    parts.push(props.join("\n"));
    parts.join("\n\n")
}

fn joplin_note(id: &str, parent: &str, title: &str, body: &str, more: &[(&str, &str)]) -> String {
    let mut props = vec![
        ("id", id),
        ("parent_id", parent),
        ("created_time", "2026-11-05T08:00:00.000Z"),
        ("updated_time", "2026-11-06T08:00:00.000Z"),
        ("is_conflict", "0"),
        ("author", ""),
        ("source_url", ""),
        ("is_todo", "0"),
    ];
    props.retain(|(k, _)| more.iter().all(|(m, _)| m != k));
    props.extend_from_slice(more);
    props.push(("type_", "1"));
    joplin_item(title, body, &props)
}

/// Every file of the export: items at the top, attachments in `resources/`.
fn joplin_export() -> Vec<(String, Vec<u8>)> {
    let md = |id: &str| format!("{id}.md");
    let tag_link = |id: &str, note: &str, tag: &str| {
        joplin_item(
            "",
            "",
            &[
                ("id", id),
                ("note_id", note),
                ("tag_id", tag),
                ("type_", "6"),
            ],
        )
    };
    let items = vec![
        (
            md(COFFEE),
            joplin_item(
                "Coffee chats",
                "",
                &[("id", COFFEE), ("parent_id", ""), ("type_", "2")],
            ),
        ),
        (
            md(YEAR),
            joplin_item(
                "2026",
                "",
                &[("id", YEAR), ("parent_id", COFFEE), ("type_", "2")],
            ),
        ),
        (
            md(PRIYA),
            joplin_note(
                PRIYA,
                YEAR,
                "Coffee with Priya",
                &format!(
                    "CI takes forty minutes.\n\n![whiteboard.png](:/{PICTURE})\n\nSee [the runbook](:/{ORPHAN})."
                ),
                &[
                    ("user_created_time", "2026-11-03T09:30:00.000Z"),
                    ("source_url", "https://wiki.example/priya"),
                    ("author", "Sam PM"),
                ],
            ),
        ),
        (
            md(TODO),
            joplin_note(
                TODO,
                COFFEE,
                "Follow up with Priya",
                "Send the CI numbers.",
                &[("is_todo", "1"), ("todo_completed", "0")],
            ),
        ),
        (md(EMPTY), joplin_note(EMPTY, COFFEE, "Nothing yet", "", &[])),
        (
            md(ORPHAN),
            joplin_note(
                ORPHAN,
                "99999999999999999999999999999999",
                "Runbook",
                "Retry once.\r\nThen page.",
                &[],
            ),
        ),
        (
            md(PICTURE),
            joplin_item(
                "whiteboard.png",
                "",
                &[
                    ("id", PICTURE),
                    ("mime", "image/png"),
                    ("file_extension", "png"),
                    ("type_", "4"),
                ],
            ),
        ),
        (
            md(CI),
            joplin_item("ci", "", &[("id", CI), ("type_", "5")]),
        ),
        (
            md(PAYMENTS),
            joplin_item("payments", "", &[("id", PAYMENTS), ("type_", "5")]),
        ),
        (md("77777777777777777777777777777771"), tag_link("77777777777777777777777777777771", PRIYA, CI)),
        (md("77777777777777777777777777777772"), tag_link("77777777777777777777777777777772", ORPHAN, CI)),
        (md("77777777777777777777777777777773"), tag_link("77777777777777777777777777777773", PRIYA, PAYMENTS)),
        (
            "88888888888888888888888888888888.md".to_owned(),
            "Just some words\n\nwith no metadata at all".to_owned(),
        ),
        (
            "99999999999999999999999999999990.md".to_owned(),
            joplin_item("An old version", "", &[("id", "9"), ("type_", "13")]),
        ),
    ];
    let mut files: Vec<(String, Vec<u8>)> = items
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    files.push((
        format!("resources/{PICTURE}.png"),
        b"\x89PNG\r\n\x1a\n".to_vec(),
    ));
    files
}

fn assert_joplin_notes(v: &groundwork_core::imports::vault::Vault) {
    let seen: Vec<(&str, &str)> = v
        .notes
        .iter()
        .map(|n| (n.path.as_str(), n.source_id.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("Coffee chats/2026/Coffee with Priya", PRIYA),
            ("Coffee chats/Follow up with Priya", TODO),
            ("Coffee chats/Nothing yet", EMPTY),
            ("Runbook", ORPHAN),
        ],
        "notes at their notebooks' path, known by their Joplin id; notebooks, tags and \
         resources are not notes"
    );
    let priya = &v.notes[0];
    assert_eq!(priya.title, "Coffee with Priya");
    assert_eq!(
        priya.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-03"),
        "the day the user created it"
    );
    assert_eq!(priya.kind, None);
    assert_eq!(priya.tags, ["ci", "payments"]);
    assert_eq!(
        priya
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [
            ("author", "Sam PM"),
            ("source_url", "https://wiki.example/priya")
        ]
    );
    assert!(
        priya.body.starts_with("CI takes forty minutes."),
        "{}",
        priya.body
    );
    assert!(
        priya.body.contains(&format!("](:/{PICTURE})")),
        "resource links kept as written"
    );
    assert_eq!(
        priya.attachments,
        [format!("resources/{PICTURE}.png")],
        "the resource's file; a link to a note is not an attachment"
    );
    assert!(priya.links.is_empty());
    assert!(!priya.empty);

    let todo = &v.notes[1];
    assert_eq!(todo.fields.get("is_todo").map(String::as_str), Some("1"));
    assert_eq!(
        todo.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-05"),
        "created_time when the user's is absent"
    );
    assert!(todo.tags.is_empty());
    assert!(
        !todo.fields.contains_key("author"),
        "blank keys are not kept"
    );

    assert!(v.notes[2].empty, "an empty note is kept, and said so");

    let orphan = &v.notes[3];
    assert_eq!(orphan.tags, ["ci"], "the tag is on two notes");
    assert_eq!(orphan.body, "Retry once.\nThen page.");
    assert!(
        orphan.problems[0].contains("not in the export"),
        "{:?}",
        orphan.problems
    );

    assert!(v.files.contains(&format!("resources/{PICTURE}.png")));
    let why = |path: &str| {
        v.skipped
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.why.clone())
            .unwrap_or_else(|| panic!("{path} skipped: {:?}", v.skipped))
    };
    assert!(why("88888888888888888888888888888888.md").contains("no `type_:`"));
    assert!(why("99999999999999999999999999999990.md").contains("type 13"));
}

#[test]
fn a_joplin_raw_export_reads_as_notes_with_notebooks_dates_tags_fields_and_attachments() {
    let dir = tempfile::tempdir().expect("dir");
    let outside = tempfile::tempdir().expect("outside");
    for (path, bytes) in joplin_export() {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("folders");
        std::fs::write(file, bytes).expect("write");
    }
    #[cfg(unix)]
    {
        let secret = outside.path().join("secret.md");
        std::fs::write(
            &secret,
            joplin_note(
                "dddddddddddddddddddddddddddddddd",
                "",
                "Secret",
                "secret words",
                &[],
            ),
        )
        .expect("write");
        std::os::unix::fs::symlink(
            &secret,
            dir.path().join("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.md"),
        )
        .expect("link");
    }
    let v = read_joplin_raw(dir.path()).expect("reads");
    assert_joplin_notes(&v);
    assert!(
        v.notes.iter().all(|n| !n.body.contains("secret")),
        "nothing outside is read"
    );
    #[cfg(unix)]
    assert!(v
        .skipped
        .iter()
        .any(|s| s.path == "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.md" && s.why.contains("link")));
}

fn tar_header(path: &str, kind: tar::EntryType, len: usize, link: Option<&str>) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    // Written as bytes: the builder would refuse the hostile paths the tests need.
    let gnu = h.as_gnu_mut().expect("gnu");
    gnu.name[..path.len()].copy_from_slice(path.as_bytes());
    if let Some(link) = link {
        gnu.linkname[..link.len()].copy_from_slice(link.as_bytes());
    }
    h.set_entry_type(kind);
    h.set_size(len as u64);
    h.set_mode(0o644);
    h.set_cksum();
    h
}

fn jex(extra: bool) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let evil = joplin_note("ffffffffffffffffffffffffffffffff", "", "Evil", "pwned", &[]);
    for (path, bytes) in joplin_export() {
        let h = tar_header(&path, tar::EntryType::Regular, bytes.len(), None);
        b.append(&h, bytes.as_slice()).expect("append");
    }
    if extra {
        for path in ["../evil.md", "/etc/evil.md"] {
            let h = tar_header(path, tar::EntryType::Regular, evil.len(), None);
            b.append(&h, evil.as_bytes()).expect("append");
        }
        let h = tar_header(
            "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.md",
            tar::EntryType::Symlink,
            0,
            Some("/etc/passwd"),
        );
        b.append(&h, std::io::empty()).expect("append");
        let h = tar_header("dev.md", tar::EntryType::Char, 0, None);
        b.append(&h, std::io::empty()).expect("append");
    }
    b.into_inner().expect("tar")
}

#[test]
fn a_jex_export_reads_the_same_notes_and_skips_paths_out_links_and_devices() {
    let v = read_jex(&jex(true)).expect("reads");
    assert_joplin_notes(&v);
    assert!(
        v.notes.iter().all(|n| n.title != "Evil"),
        "nothing from outside paths"
    );
    let why = |path: &str| {
        v.skipped
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.why.clone())
            .unwrap_or_else(|| panic!("{path} skipped: {:?}", v.skipped))
    };
    assert!(why("../evil.md").contains("leads out of the export"));
    assert!(why("/etc/evil.md").contains("leads out of the export"));
    assert!(why("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.md").contains("link"));
    assert!(why("dev.md").contains("not a regular file"));
}

#[test]
fn a_file_that_is_not_a_jex_is_refused_in_words() {
    for (bytes, said) in [
        (b"PK\x03\x04 a zip".to_vec(), "zip"),
        (b"just some notes".to_vec(), "not a Joplin export"),
        (vec![b'x'; 2048], "not a Joplin export"),
        (Vec::new(), "empty"),
    ] {
        let err = read_jex(&bytes).expect_err("refused");
        assert!(matches!(err, JoplinError::NotTar(_)), "{err}");
        assert!(err.to_string().contains(said), "{err}");
    }
    let err = read_jex(&tar::Builder::new(Vec::new()).into_inner().expect("tar"))
        .expect_err("an empty tar is refused");
    assert!(err.to_string().contains("no Joplin items"), "{err}");
}

#[test]
fn a_joplin_export_imports_as_sessions_by_top_notebook_and_again_adds_nothing_even_renamed() {
    let mut v = read_jex(&jex(false)).expect("reads");
    let w = world();
    let done = import(&w, &v, true);
    assert_eq!(
        (done.sessions, done.empty, done.already_imported),
        (3, 1, 0),
        "every written note a session; the empty one left out"
    );
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions");
    let chat = sessions
        .sessions
        .iter()
        .find(|s| s.title == "Coffee with Priya")
        .expect("the chat");
    assert_eq!(chat.kind, SourceKind::CoffeeChat, "from its top notebook");
    assert_eq!(chat.held_on.to_string(), "2026-11-03");
    let full = w.store.read(|db| db.session(chat.id)).expect("session");
    let mut tags: Vec<&str> = full.tags.iter().map(|t| t.name.as_str()).collect();
    tags.sort();
    assert_eq!(tags, ["ci", "payments"]);
    let todo = sessions
        .sessions
        .iter()
        .find(|s| s.title == "Follow up with Priya")
        .expect("the todo");
    assert_eq!(todo.kind, SourceKind::CoffeeChat);
    let runbook = sessions
        .sessions
        .iter()
        .find(|s| s.title == "Runbook")
        .expect("runbook");
    assert_eq!(
        runbook.kind,
        SourceKind::StakeholderFeedback,
        "at the top: the kind chosen"
    );

    // Renamed in Joplin since: still the same note, by its id.
    v.notes[0].title = "Coffee with Priya (renamed)".into();
    v.notes[0].path = "Coffee chats/2026/Coffee with Priya (renamed)".into();
    let again = import(&w, &v, true);
    assert_eq!((again.sessions, again.already_imported), (0, 3));
    assert_eq!(
        w.store
            .read(|db| db.list_sessions(&SessionQuery::default()))
            .expect("sessions")
            .total,
        3
    );
}

#[test]
fn a_jex_past_its_size_limit_is_refused_before_it_is_read() {
    use groundwork_core::imports::joplin::MAX_JEX_BYTES;
    use groundwork_core::imports::notes::{read_notes, NotesFrom};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("huge.jex");
    // Sparse: as large as it says, without the disk space.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(MAX_JEX_BYTES + 1))
        .expect("a large file");
    let err = read_notes(&path, Some(NotesFrom::Joplin)).expect_err("refused");
    assert!(err.to_string().contains("1024 MiB"), "{err}");
}

#[test]
fn a_person_named_twice_in_a_note_takes_part_once() {
    let v = read_vault(vec![VaultFile {
        path: "twice.md".into(),
        bytes: b"---\npeople: [Priya Raman, Tom Berg, priya raman]\n---\nNotes.\n".to_vec(),
    }]);
    let w = world();
    let done = import(&w, &v, true);
    assert_eq!(done.sessions, 1);
    let s = &w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions")
        .sessions[0];
    let full = w.store.read(|db| db.session(s.id)).expect("session");
    assert_eq!(full.people.len(), 2, "{:?}", full.people);
}

// A Notion workspace exported as "Markdown & CSV": Notion zips it in parts inside an
// outer zip once it is large, and names every page and folder by its 32-hex id.
const N_HOME: &str = "0123456789abcdef0123456789abcdef";
const N_TALKS: &str = "fedcba9876543210fedcba9876543210";
const N_PRIYA: &str = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb";
const N_SAM: &str = "ccccccccccccccccdddddddddddddddd";

fn zipped(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
    out.into_inner()
}

fn notion_export() -> Vec<u8> {
    let talks = format!("Discovery {N_HOME}/Talks {N_TALKS}");
    let part1 = zipped(&[
        (
            format!("Discovery {N_HOME}.md"),
            b"# Discovery\n\nOur talks with product teams: see [Talks](Discovery%200123/Talks.csv).\n".to_vec(),
        ),
        (
            format!("{talks}.csv"),
            "\u{feff}Name,Date,Type,People,Tags,Team\nCoffee with Priya,\"November 4, 2026\",Coffee chat,\"Priya Raman, Sam Lee\",\"deploys, ci\",Payments\n".as_bytes().to_vec(),
        ),
        (
            format!("{talks}/Coffee with Priya {N_PRIYA}.md"),
            b"# Coffee with Priya\n\nDate: November 4, 2026\nType: Coffee chat\nPeople: Priya Raman, Sam Lee\nTags: deploys, ci\nTeam: Payments\n\nThe deploy queue: slow. <script>alert(1)</script>\n".to_vec(),
        ),
        ("../../escape.md".to_owned(), b"# Out\n".to_vec()),
    ]);
    let part2 = zipped(&[(
        format!("{talks}/SLA talk with Sam {N_SAM}.md"),
        b"# SLA talk with Sam\n\nDate: November 6, 2026 3:00 PM\nType: SLA conversation\nPeople: Sam Lee\n\nBuild minutes p90 is 14.\n".to_vec(),
    )]);
    zipped(&[
        ("Export-1a2b-Part-1.zip".to_owned(), part1),
        ("Export-1a2b-Part-2.zip".to_owned(), part2),
    ])
}

#[test]
fn a_notion_export_in_parts_reads_its_database_rows_with_their_columns() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Export-1a2b.zip");
    std::fs::write(&path, notion_export()).expect("write");
    let v = groundwork_core::imports::notes::read_notes(&path, None).expect("reads");
    let titles: Vec<&str> = v.notes.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Discovery", "Coffee with Priya", "SLA talk with Sam"]
    );
    let priya = &v.notes[1];
    assert_eq!(priya.source_id, N_PRIYA);
    assert_eq!(priya.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 4));
    assert_eq!(priya.kind.as_deref(), Some("Coffee chat"));
    assert_eq!(priya.people, vec!["Priya Raman", "Sam Lee"]);
    assert_eq!(priya.tags, vec!["deploys", "ci"]);
    assert_eq!(
        priya.fields.get("Team").map(String::as_str),
        Some("Payments")
    );
    assert!(
        priya.body.starts_with("The deploy queue: slow."),
        "{}",
        priya.body
    );
    assert_eq!(
        v.notes[2].date,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 6)
    );
    // A page that is not a row keeps its words, even a line like "Key: value".
    assert!(v.notes[0]
        .body
        .contains("Our talks with product teams: see"));
    assert!(
        v.skipped.iter().any(|s| s.path.contains("escape")),
        "{:?}",
        v.skipped
    );
}

#[test]
fn a_notion_export_imports_as_sessions_once_however_often_it_is_imported() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Export-1a2b.zip");
    std::fs::write(&path, notion_export()).expect("write");
    let v = groundwork_core::imports::notes::read_notes(&path, None).expect("reads");
    let w = world();
    let run = || {
        w.store
            .write(|tx| {
                tx.import_vault(
                    &v,
                    &VaultImport {
                        origin: "notion:Export-1a2b.zip".into(),
                        cycle_id: None,
                        kind: SourceKind::StakeholderFeedback,
                        add_people: true,
                        quotes: false,
                    },
                )
            })
            .expect("import")
    };
    let first = run();
    assert_eq!(first.sessions, 3, "{first:?}");
    let again = run();
    assert_eq!(
        (again.sessions, again.already_imported),
        (0, 3),
        "{again:?}"
    );
    let list = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("list");
    let sla = list
        .sessions
        .iter()
        .find(|s| s.title == "SLA talk with Sam")
        .expect("sla");
    assert_eq!(sla.kind, SourceKind::SlaConversation);
}

#[test]
fn notions_html_export_reads_its_rows_properties_and_a_safe_body() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path().join("Export-html");
    let talks = root.join(format!("Talks {N_TALKS}"));
    std::fs::create_dir_all(&talks).expect("dir");
    std::fs::write(
        root.join(format!("Talks {N_TALKS}.html")),
        format!(
            r#"<html><head><title>Talks</title></head><body><article class="page sans"><header><h1 class="page-title">Talks</h1></header><div class="page-body"><table class="collection-content"><thead><tr><th>Name</th></tr></thead><tbody><tr><td><a href="Talks%20{N_TALKS}/Coffee%20with%20Priya%20{N_PRIYA}.html">Coffee with Priya</a></td></tr></tbody></table></div></article></body></html>"#
        ),
    )
    .expect("write");
    std::fs::write(
        talks.join(format!("Coffee with Priya {N_PRIYA}.html")),
        r#"<html><head><meta charset="utf-8"/><title>Coffee with Priya</title><style>body{}</style></head><body><article class="page sans"><header><h1 class="page-title">Coffee with Priya</h1><table class="properties"><tbody><tr class="property-row property-row-date"><th><span class="icon property-icon"></span>Date</th><td><time>@November 4, 2026</time></td></tr><tr class="property-row property-row-select"><th>Type</th><td><span class="selected-value select-value-color-blue">Coffee chat</span></td></tr><tr class="property-row property-row-person"><th>People</th><td><span class="user"><img src="https://s3.example/avatar.png" class="icon user-icon"/>Priya Raman</span><span class="user">Sam Lee</span></td></tr><tr class="property-row property-row-multi_select"><th>Tags</th><td><span class="selected-value">deploys</span><span class="selected-value">ci</span></td></tr><tr class="property-row property-row-text"><th>Team</th><td>Payments</td></tr></tbody></table></header><div class="page-body"><p id="1">The deploy queue is <strong>slow</strong>.<script>alert(1)</script></p><ul class="bulleted-list"><li>40 minutes a release</li></ul><figure class="image"><a href="Coffee%20with%20Priya/board.png"><img src="Coffee%20with%20Priya/board.png" onerror="x()"/></a></figure></div></article></body></html>"#,
    )
    .expect("write");
    let v = groundwork_core::imports::notes::read_notes(&root, None).expect("reads");
    assert_eq!(
        v.notes.len(),
        1,
        "the table of rows is not a note: {:?}",
        v.notes
    );
    let n = &v.notes[0];
    assert_eq!(
        (n.title.as_str(), n.source_id.as_str()),
        ("Coffee with Priya", N_PRIYA)
    );
    assert_eq!(n.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 4));
    assert_eq!(n.kind.as_deref(), Some("Coffee chat"));
    assert_eq!(n.people, vec!["Priya Raman", "Sam Lee"]);
    assert_eq!(n.tags, vec!["deploys", "ci"]);
    assert_eq!(n.fields.get("Team").map(String::as_str), Some("Payments"));
    assert!(
        n.body
            .starts_with("The deploy queue is **slow**.\n\n- 40 minutes a release"),
        "{}",
        n.body
    );
    assert!(
        !n.body.contains("script") && !n.body.contains("onerror") && !n.body.contains("s3.example"),
        "{}",
        n.body
    );
    assert!(
        n.body.contains("(Coffee%20with%20Priya/board.png)"),
        "{}",
        n.body
    );
}

#[test]
fn a_notion_zip_that_expands_past_its_limits_is_contained_and_says_what_it_left_out() {
    use std::io::Write;
    // 40 MiB of zeros compresses to kilobytes; a page may be 32 MiB.
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(format!("Bomb {N_SAM}.md"), deflated)
        .expect("entry");
    let zeros = vec![b'a'; 1024 * 1024];
    for _ in 0..40 {
        zip.write_all(&zeros).expect("write");
    }
    zip.start_file("Export-Part-2.zip", deflated)
        .expect("entry");
    for _ in 0..4 {
        zip.write_all(&zeros).expect("write");
    }
    zip.start_file(format!("Fine {N_PRIYA}.md"), deflated)
        .expect("entry");
    zip.write_all(b"# Fine\n\nStill read.\n").expect("write");
    zip.finish().expect("finish");
    let bytes = out.into_inner();
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Export.zip");
    std::fs::write(&path, bytes).expect("write");
    let v = groundwork_core::imports::notes::read_notes(&path, None).expect("reads");
    assert_eq!(v.notes.len(), 1);
    assert_eq!(v.notes[0].title, "Fine");
    let why: Vec<(&str, &str)> = v
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.why.as_str()))
        .collect();
    assert!(
        why.iter()
            .any(|(p, w)| p.starts_with("Bomb") && w.contains("32 MiB")),
        "{why:?}"
    );
    assert!(
        why.iter()
            .any(|(p, w)| p.starts_with("Export-Part-2") && w.contains("not a zip")),
        "{why:?}"
    );
}

// The support queue, as each tool exports it.
const JIRA: &str = "Summary,Issue key,Issue id,Issue Type,Status,Reporter,Created,Resolved,Component/s,Component/s,Labels,Labels,Description,\"Custom field ([CHART] Date of First Response)\",Custom field (Team)
Deploys fail on ARM runners,PLAT-101,10001,Bug,Done,Priya Raman,02/Nov/26 9:00 AM,03/Nov/26 5:00 PM,CI,Runners,arm,flaky,\"The deploy job dies, every time.\",02/Nov/26 11:00 AM,Payments
Please add a dry-run flag to deploy,PLAT-102,10002,Story,Open,Sam Lee,04/Nov/26 10:00 AM,,Deploy,,,,We would like to see the plan first.,05/Nov/26 10:00 AM,Search
How do I rotate the registry token?,PLAT-103,10003,Task,Open,Priya Raman,09/Nov/26 8:00 AM,,Registry,,,,,09/Nov/26 9:00 AM,Payments
Broken row,PLAT-104,10004,Bug,Open,Priya Raman,not a date,,CI,,,,,,Payments
";

const ZENDESK: &str = "Id,Requester,Requester email,Organization,Subject,Tags,Status,Created at,Solved at,First reply time in minutes,Group
4711,Dana Osei,dana@corp.example,Data Platform,Build cache misses,ci cache,solved,2026-11-02 09:00:00 +0000,2026-11-03 09:00:00 +0000,90,Platform Support
";

const SERVICENOW: &str = "number,short_description,caller_id,opened_at,resolved_at,category,state,company
INC0010001,VPN drops during deploys,Ken Ito,2026-11-05 14:00:00,2026-11-06 10:00:00,Network,Resolved,Logistics
";

const GITHUB: &str = r#"[{"number": 42, "title": "Support for private registries?", "body": "Is there a way to pull from ours?",
  "author": {"login": "mara", "name": "Mara Quist"}, "createdAt": "2026-11-07T10:00:00Z", "closedAt": null,
  "labels": [{"name": "question"}, {"name": "registry"}], "url": "https://github.com/acme/platform/issues/42", "state": "OPEN",
  "comments": [{"author": {"login": "mara"}, "createdAt": "2026-11-07T10:05:00Z"},
               {"author": {"login": "platform-bot"}, "createdAt": "2026-11-07T16:00:00Z"}]}]"#;

fn read_queue(text: &str) -> groundwork_core::imports::tickets::TicketFile {
    groundwork_core::imports::tickets::read_tickets(text.as_bytes(), None).expect("reads")
}

#[test]
fn each_queue_is_told_by_its_columns_and_read_with_its_times() {
    use groundwork_core::imports::tickets::TicketQueue;
    let jira = read_queue(JIRA);
    assert_eq!(jira.queue, TicketQueue::Jira);
    assert_eq!(jira.tickets.len(), 3);
    assert_eq!(jira.skipped.len(), 1);
    assert_eq!(jira.skipped[0].line, 5);
    assert!(
        jira.skipped[0].why.contains("not a date"),
        "{:?}",
        jira.skipped
    );
    let t = &jira.tickets[0];
    assert_eq!(
        (t.key.as_str(), t.kind),
        ("PLAT-101", ObservationKind::Pain)
    );
    assert_eq!(t.components, vec!["CI", "Runners"]);
    assert_eq!(t.labels, vec!["arm", "flaky"]);
    assert_eq!(t.team, "Payments");
    assert_eq!(
        t.first_response_at.map(|d| d.to_rfc3339()),
        Some("2026-11-02T11:00:00+00:00".into())
    );
    assert_eq!(jira.tickets[1].kind, ObservationKind::Request);
    assert!(jira.tickets[2].question);

    let zendesk = read_queue(ZENDESK);
    assert_eq!(zendesk.queue, TicketQueue::Zendesk);
    let z = &zendesk.tickets[0];
    assert_eq!(
        (z.reporter.as_str(), z.team.as_str()),
        ("Dana Osei", "Data Platform")
    );
    assert_eq!(z.labels, vec!["ci", "cache"]);
    assert_eq!(
        z.first_response_at.map(|d| d.to_rfc3339()),
        Some("2026-11-02T10:30:00+00:00".into())
    );

    let snow = read_queue(SERVICENOW);
    assert_eq!(snow.queue, TicketQueue::ServiceNow);
    assert_eq!(snow.tickets[0].components, vec!["Network"]);
    assert_eq!(snow.tickets[0].team, "Logistics");

    let gh = read_queue(GITHUB);
    assert_eq!(gh.queue, TicketQueue::GitHub);
    let g = &gh.tickets[0];
    assert_eq!((g.key.as_str(), g.reporter.as_str()), ("#42", "Mara Quist"));
    assert!(g.question);
    // The author's own comment is no response; the first by another is.
    assert_eq!(
        g.first_response_at.map(|d| d.to_rfc3339()),
        Some("2026-11-07T16:00:00+00:00".into())
    );
}

#[test]
fn a_csv_without_a_key_column_is_refused_naming_what_it_looked_for() {
    let err = groundwork_core::imports::tickets::read_tickets(b"Name,When\nx,2026-11-01\n", None)
        .expect_err("refused");
    assert!(err.to_string().contains("key"), "{err}");
}

#[test]
fn a_queue_imports_as_one_review_session_and_shows_the_response_time_per_team() {
    use groundwork_core::imports::tickets::TicketImport;
    let w = world();
    let payments = w.team("Payments", "");
    w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let jira = read_queue(JIRA);
    let preview = w
        .store
        .read(|db| db.preview_tickets(&jira))
        .expect("preview");
    assert_eq!(
        (
            preview.tickets,
            preview.reporters_matched,
            preview.reporters_new
        ),
        (3, 1, 1)
    );
    let request = TicketImport {
        cycle_id: None,
        title: String::new(),
        add_people: true,
    };
    let done = w
        .store
        .write(|tx| tx.import_tickets(&jira, &request))
        .expect("import");
    assert_eq!(
        (done.tickets, done.people_added, done.teams_added),
        (3, 1, 1)
    );
    let session = w
        .store
        .read(|db| db.session(done.session_id.expect("session")))
        .expect("session");
    assert_eq!(session.kind, SourceKind::SupportTicketReview);
    // Filing a ticket is not being asked: reporters say the tickets, they do not take part.
    assert!(session.people.is_empty());
    let list = w
        .store
        .read(|db| {
            db.list_observations(&ObservationQuery {
                text: "dry-run".into(),
                ..Default::default()
            })
        })
        .expect("search");
    assert_eq!(list.observations.len(), 1);
    let o = &list.observations[0];
    assert_eq!(o.people[0].name, "Sam Lee");
    assert_eq!(o.kind, ObservationKind::Request);

    let queue = w
        .store
        .read(|db| db.support_queue(Some(w.cycle.id), None))
        .expect("queue");
    assert_eq!(queue.tickets, 3);
    let pay = queue
        .teams
        .iter()
        .find(|t| t.team == "Payments")
        .expect("payments");
    // PLAT-101 answered after 2 h, PLAT-103 after 1 h.
    assert_eq!((pay.tickets, pay.answered), (2, 2));
    assert_eq!(pay.median_hours, Some(1.5));
    assert_eq!(pay.p90_hours, Some(1.9));
    let search = queue
        .teams
        .iter()
        .find(|t| t.team == "Search")
        .expect("search");
    assert_eq!(search.median_hours, Some(24.0));
    assert_eq!(queue.months, vec!["2026-11"]);
    assert_eq!(queue.components[0].component, "CI");
    let only_payments = w
        .store
        .read(|db| db.support_queue(None, Some(payments)))
        .expect("team");
    assert_eq!(only_payments.tickets, 2);

    // Imported again, with one ticket answered since: nothing is copied, the time follows.
    let again_file = read_queue(&JIRA.replace("03/Nov/26 5:00 PM", "04/Nov/26 5:00 PM"));
    let again = w
        .store
        .write(|tx| tx.import_tickets(&again_file, &request))
        .expect("again");
    assert_eq!(
        (
            again.tickets,
            again.already_imported,
            again.times_updated,
            again.session_id
        ),
        (0, 3, 1, None)
    );
}

#[test]
fn github_issues_import_with_the_reporter_as_a_new_person() {
    use groundwork_core::imports::tickets::TicketImport;
    let w = world();
    let gh = read_queue(GITHUB);
    let done = w
        .store
        .write(|tx| {
            tx.import_tickets(
                &gh,
                &TicketImport {
                    cycle_id: Some(w.cycle.id),
                    title: "GitHub issues".into(),
                    add_people: true,
                },
            )
        })
        .expect("import");
    assert_eq!(done.tickets, 1);
    let queue = w
        .store
        .read(|db| db.support_queue(Some(w.cycle.id), None))
        .expect("queue");
    assert_eq!(queue.overall.median_hours, Some(6.0));
}

// Productboard's notes export: content as HTML, the user by name and email.
const PRODUCTBOARD: &str = "note_id,title,content,display_url,user_name,user_email,company_name,owner_email,tags,source_origin,created_at
pb-1,Slow deploys,\"<p>Deploys take <strong>40 min</strong>.</p><script>alert(1)</script>\",https://pb.example/n/1,Priya Raman,priya@corp.example,Payments,pm@corp.example,\"deploys, ci\",intercom,2026-11-03T10:00:00Z
pb-2,,Plain words: we need ARM runners.,https://pb.example/n/2,,sam.lee@corp.example,Search,pm@corp.example,runners,email,2026-11-05
";

#[test]
fn productboard_notes_in_a_csv_become_notes_with_html_made_markdown_and_other_columns_kept() {
    let v = groundwork_core::imports::csv_notes::read_csv_notes(
        PRODUCTBOARD.as_bytes(),
        &Default::default(),
    )
    .expect("reads");
    assert_eq!(v.notes.len(), 2);
    let a = &v.notes[0];
    assert_eq!(
        (a.title.as_str(), a.source_id.as_str()),
        ("Slow deploys", "pb-1")
    );
    assert_eq!(a.body, "Deploys take **40 min**.");
    assert_eq!(a.people, vec!["Priya Raman"]);
    assert_eq!(a.tags, vec!["deploys", "ci"]);
    assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 3));
    assert_eq!(
        a.fields.get("company_name").map(String::as_str),
        Some("Payments")
    );
    assert_eq!(
        a.fields.get("display_url").map(String::as_str),
        Some("https://pb.example/n/1")
    );
    let b = &v.notes[1];
    assert_eq!(b.title, "Plain words: we need ARM runners.");
    assert_eq!(b.people, vec!["Sam Lee"]);
}

#[test]
fn a_csv_of_another_tool_is_read_through_a_mapping_and_a_wrong_one_is_refused() {
    use groundwork_core::imports::csv_notes::{read_csv_notes, NotesMapping};
    let csv = "Heading,Words,When,Who\nTalk,Flaky tests again.,2026-11-02,Priya Raman\n";
    let err = read_csv_notes(csv.as_bytes(), &NotesMapping::default()).expect_err("no content");
    assert!(err.to_string().contains("content"), "{err}");
    let mapping = NotesMapping {
        title: Some("Heading".into()),
        content: Some("words".into()),
        date: Some("When".into()),
        person: Some("Who".into()),
        ..Default::default()
    };
    let v = read_csv_notes(csv.as_bytes(), &mapping).expect("reads");
    assert_eq!(v.notes[0].body, "Flaky tests again.");
    assert_eq!(v.notes[0].people, vec!["Priya Raman"]);
    let wrong = NotesMapping {
        content: Some("Nope".into()),
        ..Default::default()
    };
    let err = read_csv_notes(csv.as_bytes(), &wrong).expect_err("refused");
    assert!(err.to_string().contains("“Nope”"), "{err}");
}

#[test]
fn a_note_changed_in_the_source_is_brought_up_to_date_unless_it_was_edited_here() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    write(
        root,
        "Coffee chats/Priya.md",
        "---\ndate: 2026-11-03\n---\nCI is slow.\n",
    );
    write(
        root,
        "Coffee chats/Sam.md",
        "---\ndate: 2026-11-04\n---\nDeploys are slow.\n",
    );
    let w = world();
    let first = import(&w, &read_folder(root).expect("reads"), true);
    assert_eq!(first.sessions, 2);
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("list")
        .sessions;
    let sam = sessions.iter().find(|s| s.title == "Sam").expect("sam").id;
    w.store
        .write(|tx| tx.save_notes(sam, "Deploys are slow. (checked with Sam again)\n"))
        .expect("edit");
    // Both change in the source.
    write(
        root,
        "Coffee chats/Priya.md",
        "---\ndate: 2026-11-03\n---\nCI is slow, and flaky.\n",
    );
    write(
        root,
        "Coffee chats/Sam.md",
        "---\ndate: 2026-11-04\n---\nDeploys take an hour.\n",
    );
    let again = import(&w, &read_folder(root).expect("reads"), true);
    assert_eq!(
        (
            again.sessions,
            again.already_imported,
            again.updated,
            again.kept_edited
        ),
        (0, 2, 1, 1)
    );
    let notes_of = |title: &str| {
        let id = sessions
            .iter()
            .find(|s| s.title == title)
            .expect("session")
            .id;
        w.store.read(|db| db.session(id)).expect("session").notes
    };
    assert_eq!(notes_of("Priya"), "CI is slow, and flaky.\n");
    assert_eq!(
        notes_of("Sam"),
        "Deploys are slow. (checked with Sam again)\n"
    );
    // The third time, nothing changed: nothing moves.
    let third = import(&w, &read_folder(root).expect("reads"), true);
    assert_eq!((third.updated, third.kept_edited), (0, 1));
}

#[test]
fn quoted_passages_become_attributed_quote_observations_when_asked_for() {
    use groundwork_core::imports::vault_import::quotes_in;
    let body = "Notes.\n\n> \"We wait forty minutes for a deploy.\" said Priya Raman\n> “Flaky tests cost us a day a week” — Sam Lee.\n> A quote without a name.\n";
    let q = quotes_in(body);
    assert_eq!(q.len(), 2);
    assert_eq!(
        (q[0].text.as_str(), q[0].name.as_str()),
        ("We wait forty minutes for a deploy.", "Priya Raman")
    );
    assert_eq!(
        (q[1].text.as_str(), q[1].name.as_str()),
        ("Flaky tests cost us a day a week", "Sam Lee")
    );
    let at = body.find("Flaky").expect("in body");
    assert_eq!(q[1].start as usize, body[..at].encode_utf16().count());

    let dir = tempfile::tempdir().expect("dir");
    write(dir.path(), "Talk.md", body);
    let w = world();
    w.person("Priya Raman", None, Relation::InternalUser);
    let v = read_folder(dir.path()).expect("reads");
    let done = w
        .store
        .write(|tx| {
            tx.import_vault(
                &v,
                &VaultImport {
                    origin: "/q".into(),
                    cycle_id: None,
                    kind: SourceKind::CoffeeChat,
                    add_people: true,
                    quotes: true,
                },
            )
        })
        .expect("import");
    assert_eq!((done.quotes, done.people_added), (2, 1));
    let list = w
        .store
        .read(|db| db.list_observations(&ObservationQuery::default()))
        .expect("list");
    let flaky = list
        .observations
        .iter()
        .find(|o| o.text.starts_with("Flaky"))
        .expect("flaky");
    assert_eq!(flaky.kind, ObservationKind::Quote);
    assert_eq!(flaky.people[0].name, "Sam Lee");
    assert_eq!(flaky.passage_state, PassageState::Found);
}

#[test]
fn a_notes_import_stopped_halfway_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    for i in 0..4 {
        write(
            dir.path(),
            &format!("Coffee chats/Talk {i}.md"),
            "CI is slow.\n",
        );
    }
    let v = read_folder(dir.path()).expect("reads");
    let w = world();
    let mut seen = Vec::new();
    let err = w
        .store
        .write(|tx| {
            tx.import_vault_with(
                &v,
                &VaultImport {
                    origin: "/stop".into(),
                    cycle_id: None,
                    kind: SourceKind::CoffeeChat,
                    add_people: true,
                    quotes: false,
                },
                &mut |done, total| {
                    seen.push((done, total));
                    done < 2
                },
            )
        })
        .expect_err("stopped");
    assert!(matches!(err, DomainError::Cancelled), "{err}");
    assert_eq!(seen, vec![(0, 4), (1, 4), (2, 4)]);
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("list");
    assert!(sessions.sessions.is_empty(), "rolled back whole");
}

/// The `href`s of the links between notes in `markdown` as the app renders it.
fn note_hrefs(markdown: &str) -> Vec<String> {
    groundwork_core::store::render::markdown_to_html(markdown)
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("#fn-wikilink-") || h.starts_with("#fn-joplin-"))
        .map(str::to_owned)
        .collect()
}

fn titles_followed(w: &World, href: &str) -> Vec<String> {
    w.store
        .read(|db| db.follow_note_link(href))
        .expect("follows")
        .notes
        .into_iter()
        .map(|n| n.title)
        .collect()
}

#[test]
fn a_wikilink_in_imported_notes_leads_to_the_note_it_names_and_a_shared_name_offers_each() {
    let dir = tempfile::tempdir().expect("dir");
    vault(dir.path());
    let v = read_folder(dir.path()).expect("reads");
    let w = world();
    import(&w, &v, true);
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions");
    let chat = sessions
        .sessions
        .iter()
        .find(|s| s.title == "Coffee with Priya")
        .expect("the chat");
    let notes = w
        .store
        .read(|db| db.session(chat.id))
        .expect("session")
        .notes;
    let hrefs = note_hrefs(&notes);
    // [[Flaky tests|…]], [[Runbook#Retries]], [[Missing note]], [[Standup]]; the
    // embed is a file and the link in code is code.
    assert_eq!(hrefs.len(), 4, "{hrefs:?} in {notes}");
    assert_eq!(titles_followed(&w, &hrefs[0]), vec!["Flaky tests"]);
    // By its file's name, though its title is another; the heading set aside.
    assert_eq!(titles_followed(&w, &hrefs[1]), vec!["The runbook"]);
    assert!(titles_followed(&w, &hrefs[2]).is_empty());
    // Two notes are "Standup": both are offered, none guessed.
    assert_eq!(titles_followed(&w, &hrefs[3]).len(), 2);
    let err = w
        .store
        .read(|db| db.follow_note_link("https://example.com"));
    assert!(err.is_err(), "only links between notes are followed");
}

#[test]
fn a_joplin_link_leads_to_the_note_imported_with_that_id() {
    let v = read_jex(&jex(false)).expect("reads");
    let w = world();
    import(&w, &v, true);
    let hrefs = note_hrefs(&format!("See [the runbook](:/{ORPHAN})."));
    assert_eq!(hrefs.len(), 1, "{hrefs:?}");
    assert_eq!(titles_followed(&w, &hrefs[0]), vec!["Runbook"]);
    let missing = note_hrefs("[gone](:/99999999999999999999999999999999)");
    assert!(titles_followed(&w, &missing[0]).is_empty());
}
