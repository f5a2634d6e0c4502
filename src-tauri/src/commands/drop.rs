//! A file or folder dropped on the window. The shell reads it, as its open dialogs
//! would have (the page never learns the path), tells what it is by what it holds,
//! and hands the page the import to open: a transcript, notes (kept here for
//! `import_chosen_notes`, as a chosen folder is), or a ticket queue's export.

use super::survey::ChosenFile;
use base64::Engine;
use groundwork_core::imports::notes::{chosen, read_notes, NotesChosen, NotesFrom};
use groundwork_core::imports::tickets::{read_ticket_file, read_tickets, TicketQueue};
use groundwork_core::imports::vault::Vault;
use std::path::{Path, PathBuf};

/// The event that hands the page what was dropped.
pub const DROPPED_EVENT: &str = "file-dropped";

/// What a file dropped on the window is, as the page is told.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dropped {
    /// A transcript, read: its bytes, as the open dialog gives them.
    Transcript { file: ChosenFile },
    /// Notes (a folder, a Notion zip, a Joplin JEX, a CSV of notes), read and kept by
    /// the shell for `import_chosen_notes`: what an import would bring.
    Notes { chosen: NotesChosen },
    /// A ticket queue's export, read.
    Tickets { file: ChosenFile },
    /// Not something Groundwork imports, and why.
    Refused { message: String },
}

fn encoded(file_name: String, bytes: &[u8]) -> ChosenFile {
    ChosenFile {
        file_name,
        bytes: bytes.len() as u32,
        content: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

fn has_extension(path: &Path, of: &[&str]) -> bool {
    path.extension()
        .is_some_and(|e| of.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Reads what was dropped at `path`; notes read are given to `keep` (the shell's
/// `ChosenNotes`), so that importing them needs no second read.
pub fn read_dropped(path: &Path, keep: impl FnOnce(PathBuf, Vault)) -> Dropped {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let notes = |from: Option<NotesFrom>, keep: Box<dyn FnOnce(PathBuf, Vault)>| {
        read_notes(path, from).map(|vault| {
            let shown = chosen(path, &vault);
            keep(path.to_path_buf(), vault);
            Dropped::Notes { chosen: shown }
        })
    };
    if path.is_dir() || has_extension(path, &["zip", "jex"]) {
        return notes(None, Box::new(keep)).unwrap_or_else(|e| Dropped::Refused {
            message: format!("“{name}” was dropped, but its notes cannot be read: {e}"),
        });
    }
    if has_extension(path, &["csv", "tsv", "json"]) {
        // A queue a tool wrote is told by its columns; else a CSV of notes; else a
        // CSV that only has a key, a title and an opening time is a queue after all.
        let tickets = read_ticket_file(path)
            .ok()
            .and_then(|bytes| read_tickets(&bytes, None).ok().map(|f| (bytes, f)));
        if let Some((bytes, file)) = &tickets {
            if file.queue != TicketQueue::Csv {
                return Dropped::Tickets {
                    file: encoded(name, bytes),
                };
            }
        }
        if !has_extension(path, &["json"]) {
            if let Ok(dropped) = notes(Some(NotesFrom::Csv), Box::new(keep)) {
                return dropped;
            }
        }
        if let Some((bytes, _)) = tickets {
            return Dropped::Tickets {
                file: encoded(name, &bytes),
            };
        }
        return Dropped::Refused {
            message: format!(
                "“{name}” was dropped, but it is neither a ticket queue nor a CSV of notes Groundwork reads; a survey export is imported from Surveys"
            ),
        };
    }
    let read = groundwork_core::discovery::transcript::read_transcript_file(path).and_then(
        |(file_name, bytes)| {
            groundwork_core::discovery::transcript::read_transcript(&file_name, &bytes)
                .map(|_| (file_name, bytes))
                .map_err(groundwork_core::DomainError::from)
        },
    );
    match read {
        Ok((file_name, bytes)) => Dropped::Transcript {
            file: encoded(file_name, &bytes),
        },
        Err(e) => Dropped::Refused {
            message: format!(
                "“{name}” was dropped, but it is not a transcript Groundwork reads: {e}"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn dropped(path: &Path) -> (Dropped, bool) {
        let kept = RefCell::new(false);
        let d = read_dropped(path, |_, _| *kept.borrow_mut() = true);
        (d, kept.into_inner())
    }

    #[test]
    fn what_is_dropped_is_told_by_what_it_holds_and_opens_its_import() {
        let dir = tempfile::tempdir().expect("dir");
        let vtt = dir.path().join("talk.vtt");
        std::fs::write(
            &vtt,
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Priya>Builds are slow.</v>\n",
        )
        .expect("write");
        assert!(
            matches!(dropped(&vtt).0, Dropped::Transcript { file } if file.file_name == "talk.vtt")
        );

        let png = dir.path().join("photo.vtt");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
        assert!(
            matches!(dropped(&png).0, Dropped::Refused { message } if message.contains("not a transcript"))
        );

        let vault = dir.path().join("Vault");
        std::fs::create_dir_all(&vault).expect("dir");
        std::fs::write(vault.join("Priya.md"), "CI is slow.\n").expect("write");
        let (d, kept) = dropped(&vault);
        assert!(matches!(d, Dropped::Notes { chosen } if chosen.preview.notes == 1));
        assert!(kept, "the notes are kept for the import");

        let jira = dir.path().join("queue.csv");
        std::fs::write(
            &jira,
            "Summary,Issue key,Reporter,Created\nSlow deploys,PLAT-1,Priya,2026-11-02\n",
        )
        .expect("write");
        assert!(
            matches!(dropped(&jira).0, Dropped::Tickets { file } if file.file_name == "queue.csv")
        );

        let notes = dir.path().join("notes.csv");
        std::fs::write(
            &notes,
            "note_id,title,content\npb-1,Slow,Deploys are slow.\n",
        )
        .expect("write");
        let (d, kept) = dropped(&notes);
        assert!(matches!(d, Dropped::Notes { .. }) && kept);

        let other = dir.path().join("other.csv");
        std::fs::write(&other, "a,b\n1,2\n").expect("write");
        assert!(matches!(dropped(&other).0, Dropped::Refused { .. }));
    }
}
