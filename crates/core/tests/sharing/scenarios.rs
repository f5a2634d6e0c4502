//! Scripted scenarios, one per merge rule: two or three replicas, one bare repository.

use super::*;
use groundwork_core::sharing::conflict::Settle;
use groundwork_core::sharing::sync::{self, ShareError};
use tempfile::tempdir;

/// A shared workspace and a teammate's copy of it, both in step.
fn two(dir: &Path) -> (String, common::World, common::World) {
    let repo = bare(dir);
    let a = first_replica(dir, "a");
    let team = a.team("Payments", "product");
    let aisha = a.person("Aisha", Some(team), Relation::InternalUser);
    a.heard(
        SourceKind::CoffeeChat,
        "Deploys wait an hour for a runner",
        &[aisha],
    );
    let report = sync::share(&a.store, &repo).expect("shares");
    assert!(report.pushed, "{report:?}");
    let b = joined(dir, "b", &repo, &a);
    (repo, a, b)
}

fn observation(world: &common::World) -> String {
    world.store.with_connection(|c| {
        c.query_row("SELECT id FROM observation ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("an observation")
    })
}

fn person(world: &common::World, name: &str) -> String {
    text(&world.store, "SELECT id FROM person WHERE name = ?1", name).expect("the person")
}

#[test]
fn a_teammate_who_joins_gets_a_workspace_equal_on_every_table() {
    let dir = tempdir().expect("dir");
    let (repo, a, b) = two(dir.path());
    assert_eq!(tables(&a.store), tables(&b.store));
    assert_eq!(log(&repo).len(), 1, "{:?}", log(&repo));
    assert!(log(&repo)[0].contains("1 observation"), "{:?}", log(&repo));
    // Searching the joined copy finds what was said: the index was rebuilt.
    let hits = b
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "runner".into(),
                ..Default::default()
            })
        })
        .expect("search");
    assert_eq!(hits.total, 2, "the session's notes and the observation");
}

#[test]
fn edits_of_different_records_and_of_different_fields_of_one_record_all_survive() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let obs = observation(&a);
    let aisha = person(&a, "Aisha");
    set(
        &a.store,
        "UPDATE observation SET text = 'Deploys wait two hours' WHERE id = ?1",
        &[&obs],
    );
    set(
        &b.store,
        "UPDATE observation SET kind = 'request' WHERE id = ?1",
        &[&obs],
    );
    set(
        &b.store,
        "UPDATE person SET role = 'Tech lead' WHERE id = ?1",
        &[&aisha],
    );
    b.heard(
        SourceKind::SlaConversation,
        "Runners are slow on Mondays",
        &[],
    );
    synced(&a);
    let report = synced(&b);
    assert_eq!(report.conflicts, 0, "{report:?}");
    assert!(report.received >= 1);
    synced(&a);
    assert_eq!(tables(&a.store), tables(&b.store));
    let sql = "SELECT text || '/' || kind FROM observation WHERE id = ?1";
    assert_eq!(
        text(&a.store, sql, &obs).as_deref(),
        Some("Deploys wait two hours/request")
    );
    assert_eq!(
        text(&a.store, "SELECT role FROM person WHERE id = ?1", &aisha).as_deref(),
        Some("Tech lead")
    );
    assert_eq!(
        a.store
            .read(|db| db.sync_conflicts())
            .expect("conflicts")
            .len(),
        0
    );
}

#[test]
fn one_field_changed_on_both_sides_is_a_conflict_keeping_both_values_until_settled() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let aisha = person(&a, "Aisha");
    set(
        &a.store,
        "UPDATE person SET role = 'Engineering manager' WHERE id = ?1",
        &[&aisha],
    );
    set(
        &b.store,
        "UPDATE person SET role = 'Tech lead' WHERE id = ?1",
        &[&aisha],
    );
    synced(&a);
    let report = synced(&b);
    assert_eq!(report.conflicts, 1, "{report:?}");
    let found = b.store.read(|db| db.sync_conflicts()).expect("conflicts");
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(
        (c.kind.as_str(), c.field.as_str(), c.label.as_str()),
        ("person", "role", "Aisha")
    );
    assert_eq!(
        (c.kept.as_str(), c.other.as_str()),
        ("Tech lead", "Engineering manager")
    );
    // Until settled, the record keeps one value and the conflict the other, everywhere.
    synced(&a);
    assert_eq!(tables(&a.store), tables(&b.store));
    assert_eq!(
        a.store
            .read(|db| db.sync_conflicts())
            .expect("conflicts")
            .len(),
        1
    );
    // Settled on A, it is settled on B at the next sync.
    let id = a.store.read(|db| db.sync_conflicts()).expect("conflicts")[0]
        .id
        .clone();
    a.store
        .write(|tx| tx.settle_conflict(&id, &Settle::Other))
        .expect("settles");
    synced(&a);
    synced(&b);
    assert_eq!(tables(&a.store), tables(&b.store));
    assert!(b
        .store
        .read(|db| db.sync_conflicts())
        .expect("conflicts")
        .is_empty());
    assert_eq!(
        text(&b.store, "SELECT role FROM person WHERE id = ?1", &aisha).as_deref(),
        Some("Engineering manager")
    );
}

#[test]
fn a_conflict_settled_with_a_value_written_anew_takes_it() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let aisha = person(&a, "Aisha");
    set(
        &a.store,
        "UPDATE person SET role = 'EM' WHERE id = ?1",
        &[&aisha],
    );
    set(
        &b.store,
        "UPDATE person SET role = 'TL' WHERE id = ?1",
        &[&aisha],
    );
    synced(&a);
    synced(&b);
    let id = b.store.read(|db| db.sync_conflicts()).expect("conflicts")[0]
        .id
        .clone();
    b.store
        .write(|tx| tx.settle_conflict(&id, &Settle::Written("EM and TL".into())))
        .expect("settles");
    synced(&b);
    synced(&a);
    assert_eq!(
        text(&a.store, "SELECT role FROM person WHERE id = ?1", &aisha).as_deref(),
        Some("EM and TL")
    );
}

fn charter(world: &common::World, body: &str) {
    world
        .store
        .write(|tx| tx.save_document(world.cycle.id, DocumentKind::Charter, body, None))
        .expect("saves the charter");
}

fn charter_body(world: &common::World) -> String {
    text(
        &world.store,
        "SELECT body FROM document WHERE kind = 'charter' AND cycle_id = ?1",
        world.cycle.id,
    )
    .expect("a charter")
}

const CHARTER: &str = "# Charter\n\nWe run the build platform.\n\nWe serve every product team.\n\nWe do not run production databases.";

#[test]
fn the_charter_edited_by_two_people_in_different_paragraphs_keeps_both_edits() {
    let dir = tempdir().expect("dir");
    let (repo, a, b) = two(dir.path());
    a.prioritize();
    charter(&a, CHARTER);
    synced(&a);
    synced(&b);
    charter(
        &a,
        &CHARTER.replace("build platform", "build and deploy platform"),
    );
    charter(
        &b,
        &CHARTER.replace("production databases", "production queues"),
    );
    synced(&a);
    let report = synced(&b);
    assert_eq!(report.conflicts, 0, "{report:?}");
    synced(&a);
    let body = charter_body(&a);
    assert!(
        body.contains("build and deploy platform") && body.contains("production queues"),
        "{body}"
    );
    assert_eq!(body, charter_body(&b));
    assert!(
        log(&repo).iter().any(|s| s.contains("the charter")),
        "{:?}",
        log(&repo)
    );
}

#[test]
fn the_charter_edited_by_two_people_in_one_paragraph_is_a_conflict_not_markers() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    a.prioritize();
    charter(&a, CHARTER);
    synced(&a);
    synced(&b);
    let ours = CHARTER.replace("build platform", "CI platform");
    let theirs = CHARTER.replace("build platform", "build farm");
    charter(&a, &theirs);
    charter(&b, &ours);
    synced(&a);
    let report = synced(&b);
    assert_eq!(report.conflicts, 1, "{report:?}");
    let body = charter_body(&b);
    assert_eq!(body, ours, "the record keeps one whole text, no markers");
    let c = &b.store.read(|db| db.sync_conflicts()).expect("conflicts")[0];
    assert_eq!(
        (c.field.as_str(), c.other.as_str()),
        ("body", theirs.as_str())
    );
}

#[test]
fn an_edit_against_a_deletion_keeps_the_record_in_the_trash_with_the_edit() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let obs = observation(&a);
    let id = uuid::Uuid::parse_str(&obs).expect("uuid");
    a.store
        .write(|tx| tx.delete_observation(id))
        .expect("trashed");
    set(
        &b.store,
        "UPDATE observation SET text = 'Deploys wait for runners, every morning' WHERE id = ?1",
        &[&obs],
    );
    synced(&a);
    synced(&b);
    synced(&a);
    for world in [&a, &b] {
        let row = text(
            &world.store,
            "SELECT text || ' | ' || (deleted_at IS NOT NULL) FROM observation WHERE id = ?1",
            &obs,
        );
        assert_eq!(
            row.as_deref(),
            Some("Deploys wait for runners, every morning | 1")
        );
    }
    assert_eq!(tables(&a.store), tables(&b.store));
}

#[test]
fn a_record_removed_for_good_on_one_side_and_edited_on_the_other_comes_back_in_the_trash() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let lead = a.person("Ravi", None, Relation::InternalUser);
    synced(&a);
    synced(&b);
    let lead = lead.to_string();
    set(&a.store, "DELETE FROM person WHERE id = ?1", &[&lead]);
    set(
        &b.store,
        "UPDATE person SET role = 'Staff engineer' WHERE id = ?1",
        &[&lead],
    );
    synced(&a);
    synced(&b);
    synced(&a);
    for world in [&a, &b] {
        let row = text(
            &world.store,
            "SELECT role || ' | ' || (deleted_at IS NOT NULL) FROM person WHERE id = ?1",
            &lead,
        );
        assert_eq!(row.as_deref(), Some("Staff engineer | 1"));
    }
}

#[test]
fn people_merged_on_one_side_while_the_other_attributes_to_one_of_them_keep_every_attribution() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let aisha = uuid::Uuid::parse_str(&person(&a, "Aisha")).expect("uuid");
    let twin = a.person("Aisha K.", None, Relation::InternalUser);
    synced(&a);
    synced(&b);
    a.store
        .write(|tx| tx.merge_people(aisha, twin))
        .expect("merged");
    let late = b.heard(SourceKind::CoffeeChat, "Flaky tests block merges", &[twin]);
    synced(&a);
    synced(&b);
    synced(&a);
    assert_eq!(tables(&a.store), tables(&b.store));
    let who = text(
        &a.store,
        "SELECT group_concat(person_id) FROM observation_person WHERE observation_id = ?1",
        late,
    );
    assert_eq!(
        who,
        Some(aisha.to_string()),
        "the late observation follows the merge"
    );
}

#[test]
fn a_cycle_moved_to_prioritization_on_one_side_keeps_late_input_from_the_other() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    a.prioritize();
    let late = b.heard(
        SourceKind::UserSurvey,
        "Build caches miss after every release",
        &[],
    );
    synced(&a);
    let report = synced(&b);
    assert_eq!(report.conflicts, 0, "{report:?}");
    synced(&a);
    assert_eq!(tables(&a.store), tables(&b.store));
    assert_eq!(
        text(&a.store, "SELECT mode FROM cycle WHERE id = ?1", a.cycle.id).as_deref(),
        Some("prioritization")
    );
    assert!(text(&a.store, "SELECT text FROM observation WHERE id = ?1", late).is_some());
}

#[test]
fn three_replicas_syncing_in_turn_end_equal() {
    let dir = tempdir().expect("dir");
    let (repo, a, b) = two(dir.path());
    let c = joined(dir.path(), "c", &repo, &a);
    a.heard(SourceKind::CoffeeChat, "Secrets rotation is manual", &[]);
    b.heard(SourceKind::SlaConversation, "Builds break on Fridays", &[]);
    c.heard(
        SourceKind::PeerCompanyChat,
        "Their platform team owns the runners",
        &[],
    );
    for world in [&a, &b, &c, &a, &b] {
        synced(world);
    }
    assert_eq!(tables(&a.store), tables(&b.store));
    assert_eq!(tables(&b.store), tables(&c.store));
    let count = text(
        &c.store,
        "SELECT CAST(count(*) AS TEXT) FROM observation WHERE ?1 = ?1",
        1,
    );
    assert_eq!(count.as_deref(), Some("4"));
}

#[test]
fn offline_the_sync_says_so_and_the_changes_wait_for_the_next() {
    let dir = tempdir().expect("dir");
    let (repo, a, b) = two(dir.path());
    let away = dir.path().join("away.git");
    std::fs::rename(&repo, &away).expect("the repository goes away");
    let late = a.heard(SourceKind::CoffeeChat, "Nobody owns the base images", &[]);
    let report = synced(&a);
    assert!(report.offline.is_some(), "{report:?}");
    assert!(!report.pushed && report.commit.is_some());
    let status = a.store.read(|db| db.share_status()).expect("status");
    assert!(status.last_error.is_some());
    std::fs::rename(&away, &repo).expect("back");
    assert!(synced(&a).pushed);
    assert_eq!(
        a.store
            .read(|db| db.share_status())
            .expect("status")
            .last_error,
        None
    );
    synced(&b);
    assert!(text(&b.store, "SELECT text FROM observation WHERE id = ?1", late).is_some());
}

#[test]
fn nothing_changed_makes_no_commit() {
    let dir = tempdir().expect("dir");
    let (repo, a, _b) = two(dir.path());
    let before = log(&repo).len();
    let report = synced(&a);
    assert_eq!((report.commit, report.pushed), (None, true));
    assert_eq!(log(&repo).len(), before);
}

/// Commits `files` (path, text) on top of the shared branch, as a hostile or newer
/// teammate could.
fn push_files(dir: &Path, repo: &str, files: &[(&str, &str)]) {
    let work = dir.join("intruder");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(&work)
            .args(args)
            .env("GIT_AUTHOR_NAME", "x")
            .env("GIT_AUTHOR_EMAIL", "x@x")
            .env("GIT_COMMITTER_NAME", "x")
            .env("GIT_COMMITTER_EMAIL", "x@x")
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let _ = std::fs::remove_dir_all(&work);
    let status = Command::new("git")
        .args(["clone", "--quiet", repo])
        .arg(&work)
        .status()
        .expect("clone");
    assert!(status.success());
    for (path, text) in files {
        let path = work.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    git(&["add", "-A"]);
    git(&["commit", "--quiet", "-m", "planted"]);
    git(&["push", "--quiet", "origin", "main"]);
}

#[test]
fn a_repository_written_by_a_newer_groundwork_is_refused_and_nothing_changes() {
    let dir = tempdir().expect("dir");
    let (repo, a, _b) = two(dir.path());
    push_files(
        dir.path(),
        &repo,
        &[("groundwork.json", "{\"format\": 1, \"schema\": 999}\n")],
    );
    let before = tables(&a.store);
    let error = sync::sync(&a.store).expect_err("refused");
    assert!(matches!(error, ShareError::Schema(_)), "{error}");
    assert!(error.to_string().contains("newer"), "{error}");
    assert_eq!(tables(&a.store), before);
    assert!(a
        .store
        .read(|db| db.share_status())
        .expect("status")
        .last_error
        .is_some());
}

#[test]
fn hostile_files_in_the_repository_are_refused_with_a_reason_and_nothing_changes() {
    let cases: &[(&str, &str, &str)] = &[
        ("no_such_kind/x.json", "{}", "no kind of record"),
        ("observation/x.json", "not json", "not a record"),
        ("observation/x.json", "{\"evil\": 1}", "no column"),
        (
            "observation/nested/x.json",
            "{}",
            "directly in their kind's folder",
        ),
        (
            "share_state/repo.json",
            "{\"key\": \"repo\", \"value\": \"/tmp\"}",
            "no kind of record",
        ),
        ("observation/x.exe", "MZ", "a record is a .json or .md file"),
    ];
    for (path, body, reason) in cases {
        let dir = tempdir().expect("dir");
        let (repo, a, _b) = two(dir.path());
        push_files(dir.path(), &repo, &[(path, body)]);
        let before = tables(&a.store);
        let error = sync::sync(&a.store).expect_err("refused");
        assert!(error.to_string().contains(reason), "{path}: {error}");
        assert!(error.to_string().contains("Nothing was changed"), "{error}");
        assert_eq!(tables(&a.store), before, "{path}");
    }
}

#[test]
fn script_in_a_shared_record_stays_text() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let obs = observation(&a);
    let payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    set(
        &a.store,
        "UPDATE observation SET text = ?2 WHERE id = ?1",
        &[&obs, &payload],
    );
    synced(&a);
    synced(&b);
    assert_eq!(
        text(&b.store, "SELECT text FROM observation WHERE id = ?1", &obs).as_deref(),
        Some(payload),
        "kept as the words typed; the one renderer escapes it wherever it shows"
    );
}

#[test]
fn sharing_twice_or_syncing_unshared_says_what_to_do() {
    let dir = tempdir().expect("dir");
    let (repo, a, _b) = two(dir.path());
    assert!(matches!(
        sync::share(&a.store, &repo),
        Err(ShareError::AlreadyShared { .. })
    ));
    let lone = first_replica(dir.path(), "lone");
    assert!(matches!(
        sync::sync(&lone.store),
        Err(ShareError::NotShared)
    ));
}

#[test]
fn sharing_into_an_unreachable_repository_leaves_the_workspace_unshared() {
    let dir = tempdir().expect("dir");
    let a = first_replica(dir.path(), "a");
    let missing = dir
        .path()
        .join("nowhere.git")
        .to_string_lossy()
        .into_owned();
    let error = sync::share(&a.store, &missing).expect_err("unreachable");
    assert!(error.to_string().contains("could not reach"), "{error}");
    assert_eq!(
        a.store.read(|db| db.share_status()).expect("status").repo,
        None
    );
    assert!(!sync::clone_dir(a.store.path().expect("file")).exists());
}

#[test]
fn a_sync_commits_only_the_records_that_changed() {
    let dir = tempdir().expect("dir");
    let (repo, a, _b) = two(dir.path());
    let obs = observation(&a);
    set(
        &a.store,
        "UPDATE observation SET text = 'Runners wait an hour' WHERE id = ?1",
        &[&obs],
    );
    let report = synced(&a);
    let out = Command::new("git")
        .args(["--git-dir", &repo, "show", "--name-only", "--format=%s"])
        .arg(report.commit.expect("a commit"))
        .output()
        .expect("git show");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    let files: Vec<&str> = shown.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(
        files,
        vec![format!("observation/{obs}.json").as_str()],
        "{shown}"
    );
    assert!(shown.starts_with("Groundwork: 1 observation"), "{shown}");
}

#[test]
fn a_change_no_trigger_noted_still_reaches_the_repository() {
    let dir = tempdir().expect("dir");
    let (_repo, a, b) = two(dir.path());
    let obs = observation(&a);
    // A migration that rebuilds a table drops the triggers sharing put on it.
    set(&a.store, "DROP TRIGGER share_track_observation_update", &[]);
    set(
        &a.store,
        "UPDATE observation SET text = 'Changed unnoted' WHERE id = ?1",
        &[&obs],
    );
    synced(&a);
    synced(&b);
    assert_eq!(
        text(&b.store, "SELECT text FROM observation WHERE id = ?1", &obs).as_deref(),
        Some("Changed unnoted")
    );
    // The triggers are back: the next change is noted again.
    set(
        &a.store,
        "UPDATE observation SET text = 'Noted again' WHERE id = ?1",
        &[&obs],
    );
    synced(&a);
    synced(&b);
    assert_eq!(
        text(&b.store, "SELECT text FROM observation WHERE id = ?1", &obs).as_deref(),
        Some("Noted again")
    );
}

#[test]
fn the_changes_waiting_are_counted_until_a_sync_sends_them() {
    let dir = tempdir().expect("dir");
    let (_repo, a, _b) = two(dir.path());
    let waiting = |w: &common::World| {
        w.store
            .read(|db| db.share_status())
            .expect("status")
            .waiting
    };
    assert_eq!(waiting(&a), 0);
    let obs = observation(&a);
    set(
        &a.store,
        "UPDATE observation SET text = 'Runners wait' WHERE id = ?1",
        &[&obs],
    );
    set(
        &a.store,
        "UPDATE observation SET text = 'Runners wait long' WHERE id = ?1",
        &[&obs],
    );
    a.person("Noor", None, Relation::InternalUser);
    assert_eq!(
        waiting(&a),
        2,
        "one observation changed twice, one person added"
    );
    synced(&a);
    assert_eq!(waiting(&a), 0);
}

#[test]
fn a_link_planted_in_the_repository_is_never_followed() {
    let dir = tempdir().expect("dir");
    let (repo, a, _b) = two(dir.path());
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "{\"id\": \"stolen\"}").expect("a file outside");
    let work = dir.path().join("intruder");
    let status = Command::new("git")
        .args(["clone", "--quiet", &repo])
        .arg(&work)
        .status()
        .expect("clone");
    assert!(status.success());
    std::os::unix::fs::symlink(&secret, work.join("observation/planted.json")).expect("link");
    for args in [
        &["add", "-A"][..],
        &[
            "-c",
            "user.name=x",
            "-c",
            "user.email=x@x",
            "commit",
            "--quiet",
            "-m",
            "link",
        ],
        &["push", "--quiet", "origin", "main"],
    ] {
        let out = Command::new("git")
            .arg("-C")
            .arg(&work)
            .args(args)
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let before = tables(&a.store);
    let error = sync::sync(&a.store).expect_err("refused");
    // git stores a link as the path it names; read as a record, that is no record.
    assert!(
        error.to_string().contains("observation/planted.json"),
        "{error}"
    );
    assert_eq!(tables(&a.store), before);
    let stolen = text(
        &a.store,
        "SELECT CAST(count(*) AS TEXT) FROM observation WHERE id = ?1",
        "stolen",
    );
    assert_eq!(stolen.as_deref(), Some("0"));
}
