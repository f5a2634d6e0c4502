//! A workspace as a folder of records: written, read into a new workspace equal on
//! every table, written again byte for byte the same, and refused whole when it is
//! from a newer schema or holds what no table does.

use crate::common::tables;
use groundwork_core::store::folder::{read_folder, FolderError, MANIFEST};
use groundwork_core::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every file under `dir`, by its path below it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.insert(path.strip_prefix(dir).expect("below").to_path_buf(), bytes);
            }
        }
    }
    out
}

fn sample(dir: &Path) -> Store {
    let path = dir.join("sample.groundwork");
    groundwork_core::sample::write_sample(&path, Arc::new(SystemClock)).expect("sample");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open")
}

#[test]
fn a_workspace_written_as_a_folder_reads_back_equal_on_every_table_and_writes_again_the_same() {
    let dir = tempfile::tempdir().expect("dir");
    let original = sample(dir.path());
    let folder = dir.path().join("folder");
    let written = original.write_folder(&folder).expect("writes");
    assert!(written.records.values().sum::<u64>() > 100, "{written:?}");

    // Notes are Markdown after their front matter; a transcript's file sits as it was.
    let on_disk = files(&folder);
    let session_md = on_disk
        .iter()
        .find(|(p, b)| {
            p.starts_with("session") && String::from_utf8_lossy(b).contains("\"notes\": {")
        })
        .expect("a session with notes");
    let text = String::from_utf8_lossy(session_md.1);
    assert!(text.starts_with("---\n{\n"), "{text}");
    assert!(!text.contains('\r'));
    assert!(on_disk
        .keys()
        .any(|p| p.starts_with("transcript") && p.extension().is_some_and(|e| e == "bin")));
    assert!(on_disk.contains_key(Path::new(MANIFEST)));

    let copy_path = dir.path().join("copy.groundwork");
    let read = read_folder(&folder, &copy_path, Arc::new(SystemClock)).expect("reads");
    assert_eq!(read.records, written.records);
    let copy = Store::open(&copy_path, OpenMode::MustExist, Arc::new(SystemClock)).expect("open");
    let (a, b) = (tables(&original), tables(&copy));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, rows) in &a {
        assert_eq!(rows, &b[name], "table {name}");
    }
    // The search index is rebuilt: what was found is found.
    let find = |s: &Store| {
        s.read(|db| {
            db.search(&SearchQuery {
                text: "deploy".into(),
                ..Default::default()
            })
        })
        .expect("search")
        .counts
    };
    assert_eq!(find(&original), find(&copy));
    assert!(find(&copy).observations > 0);

    // Nothing changed, nothing differs: the copy writes the same files.
    let again = dir.path().join("again");
    copy.write_folder(&again).expect("writes");
    assert_eq!(files(&again), on_disk);
}

fn written_folder(dir: &Path) -> PathBuf {
    let store = sample(dir);
    let folder = dir.join("folder");
    store.write_folder(&folder).expect("writes");
    folder
}

#[test]
fn a_folder_from_a_newer_schema_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = written_folder(dir.path());
    let newer = groundwork_core::store::schema::latest_version() + 1;
    std::fs::write(
        folder.join(MANIFEST),
        format!("{{\"format\": 1, \"schema\": {newer}}}"),
    )
    .expect("manifest");
    let dest = dir.path().join("copy.groundwork");
    let err = read_folder(&folder, &dest, Arc::new(SystemClock)).expect_err("refused");
    assert!(matches!(err, FolderError::Newer { .. }), "{err}");
    assert!(err.to_string().contains("newer Groundwork"), "{err}");
    assert!(!dest.exists());
}

#[test]
fn a_record_no_table_can_hold_is_refused_whole_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("dir");
    for (name, text) in [
        (
            "person/zzz.json",
            "{\"id\": \"x\", \"favourite_colour\": \"teal\"}",
        ),
        ("nonsense/a.json", "{}"),
        ("person/zzz.json", "[1, 2]"),
        (
            "transcript/zzz.json",
            "{\"id\": \"x\", \"original\": {\"file\": \"../../etc/passwd\"}}",
        ),
    ] {
        let case = tempfile::tempdir_in(dir.path()).expect("case");
        let folder = written_folder(case.path());
        let path = folder.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, text).expect("record");
        let dest = case.path().join("copy.groundwork");
        let err = read_folder(&folder, &dest, Arc::new(SystemClock)).expect_err(name);
        assert!(
            matches!(err, FolderError::Unreadable { .. }),
            "{name}: {err}"
        );
        assert!(!dest.exists(), "{name}");
        assert!(!case.path().join("copy.groundwork-wal").exists(), "{name}");
    }
}

#[test]
fn a_folder_is_written_only_into_a_new_or_empty_one() {
    let dir = tempfile::tempdir().expect("dir");
    let store = sample(dir.path());
    let folder = dir.path().join("full");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("mine.txt"), "keep me").expect("file");
    let err = store.write_folder(&folder).expect_err("refused");
    assert!(matches!(err, FolderError::NotEmpty { .. }), "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("mine.txt")).expect("kept"),
        "keep me"
    );
}

#[test]
fn bytes_that_are_a_link_out_of_the_folder_are_not_read() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = written_folder(dir.path());
    let transcripts = folder.join("transcript");
    let record = std::fs::read_dir(&transcripts)
        .expect("transcripts")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a transcript");
    let text = std::fs::read_to_string(&record).expect("record");
    let mut row: serde_json::Value = serde_json::from_str(&text).expect("json");
    row["original"] = serde_json::json!({ "file": "outside.bin" });
    std::fs::write(&record, row.to_string()).expect("record");
    std::os::unix::fs::symlink("/etc/hostname", transcripts.join("outside.bin")).expect("link");
    let dest = dir.path().join("copy.groundwork");
    let err = read_folder(&folder, &dest, Arc::new(SystemClock)).expect_err("refused");
    assert!(err.to_string().contains("not a link"), "{err}");
    assert!(!dest.exists());
}

#[test]
fn a_record_larger_than_any_workspace_writes_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = written_folder(dir.path());
    // Sparse: as long as a planted file, without the disk it would take.
    let planted = std::fs::File::create(folder.join("person/planted.json")).expect("file");
    planted
        .set_len(groundwork_core::store::folder::MAX_RECORD_BYTES + 1)
        .expect("length");
    let dest = dir.path().join("copy.groundwork");
    let err = read_folder(&folder, &dest, Arc::new(SystemClock)).expect_err("refused");
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
    assert!(!dest.exists());
}
