//! Transcripts kept as a session's source: imported with each speaker tied to a person
//! (suggested, remembered), the file kept byte for byte, observations taken from turns
//! and attributed to who said them, corrections that carry attribution along, and
//! merges, the trash and the discovery lock behaving as for notes.

use crate::common::*;
use chrono::NaiveDate;
use groundwork_core::*;
use uuid::Uuid;

const TEAMS: &str = "WEBVTT

a1/1-0
00:00:01.000 --> 00:00:04.000
<v Alex Kim>What slows your team down most?</v>

a1/2-0
00:00:04.000 --> 00:00:10.000
<v Raman, Priya>The deploy queue. We wait forty minutes for every release.</v>

a1/3-0
00:00:10.000 --> 00:00:12.000
<v Speaker 3>Same for us.</v>
";

fn choice(label: &str, role: SpeakerRole, person: SpeakerPerson) -> SpeakerChoice {
    SpeakerChoice {
        label: label.into(),
        role,
        person,
    }
}

fn new_session(w: &World, title: &str) -> TranscriptTarget {
    TranscriptTarget::New {
        cycle_id: w.cycle.id,
        source_kind: SourceKind::CoffeeChat,
        title: title.into(),
        held_on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
    }
}

/// A world with Priya Raman (Payments) in the register, and the Teams talk imported:
/// Alex is us, Priya matched, "Speaker 3" left unnamed.
fn imported() -> (World, Uuid, TranscriptImported) {
    let w = world();
    let payments = w.team("Payments", "");
    let priya = w.person("Priya Raman", Some(payments), Relation::InternalUser);
    let done = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "Coffee with Priya.vtt",
                TEAMS.as_bytes(),
                &TranscriptImport {
                    target: new_session(&w, "Coffee with Priya"),
                    speakers: vec![
                        choice("Alex Kim", SpeakerRole::Us, SpeakerPerson::Nobody),
                        choice(
                            "Raman, Priya",
                            SpeakerRole::Participant,
                            SpeakerPerson::Existing { id: priya },
                        ),
                    ],
                },
            )
        })
        .expect("imports");
    (w, priya, done)
}

fn transcript(w: &World, session: Uuid) -> SessionTranscript {
    let mut all = w
        .store
        .read(|db| db.session_transcripts(session))
        .expect("transcripts");
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn a_speaker_is_suggested_by_name_turned_from_last_first_and_by_email() {
    let w = world();
    let priya = w.person("Priya Raman", None, Relation::InternalUser);
    let sam = w.person("Sam Lee", None, Relation::InternalUser);
    let labels = [
        "Raman, Priya (Guest)".to_owned(),
        "sam.lee@corp.example".to_owned(),
        "Speaker 2".to_owned(),
        "Dana Osei".to_owned(),
    ];
    let s = w
        .store
        .read(|db| db.suggest_speakers(&labels))
        .expect("suggests");
    assert_eq!(s[0].person.as_ref().map(|p| p.id), Some(priya));
    assert_eq!(s[0].suggested_by, SuggestedBy::Name);
    assert_eq!(s[1].person.as_ref().map(|p| p.id), Some(sam));
    assert_eq!(s[1].suggested_by, SuggestedBy::Email);
    assert_eq!((s[2].person.clone(), s[2].new_name.as_str()), (None, ""));
    assert_eq!(
        (s[3].person.clone(), s[3].new_name.as_str()),
        (None, "Dana Osei")
    );
}

#[test]
fn an_imported_transcript_keeps_the_file_byte_for_byte_and_its_turns_with_their_speakers() {
    let (w, priya, done) = imported();
    assert_eq!(done.turns, 3);
    let t = transcript(&w, done.session_id);
    assert_eq!(t.format, TranscriptFormat::TeamsVtt);
    let (name, original) = w
        .store
        .read(|db| db.transcript_original(t.id))
        .expect("original");
    assert_eq!(
        (name.as_str(), original.as_slice()),
        ("Coffee with Priya.vtt", TEAMS.as_bytes())
    );
    assert_eq!(t.turns[1].person.as_ref().map(|p| p.id), Some(priya));
    assert_eq!(t.turns[0].role, SpeakerRole::Us);
    assert_eq!(t.turns[2].person, None);
    assert_eq!(
        (t.turns[1].start_ms, t.turns[1].end_ms),
        (Some(4000), Some(10_000))
    );
    // Only the participant named takes part: not us, not the unnamed voice.
    assert_eq!(
        done.participants.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![priya]
    );
    let person = w.store.read(|db| db.person(priya)).expect("person");
    assert_eq!(person.summary.ask_load, 1);
    assert_eq!(
        person.summary.last_contact,
        NaiveDate::from_ymd_opt(2026, 11, 20)
    );
}

#[test]
fn the_next_transcript_of_a_series_maps_in_one_step_from_what_was_remembered() {
    let (w, priya, _) = imported();
    let again = w
        .store
        .read(|db| db.preview_transcript_import("next.vtt", TEAMS.as_bytes()))
        .expect("preview");
    let by_label = |l: &str| {
        again
            .speakers
            .iter()
            .find(|s| s.label == l)
            .cloned()
            .expect("label")
    };
    let p = by_label("Raman, Priya");
    assert_eq!(
        (p.person.map(|p| p.id), p.suggested_by),
        (Some(priya), SuggestedBy::Memory)
    );
    let us = by_label("Alex Kim");
    assert_eq!(
        (us.role, us.suggested_by),
        (SpeakerRole::Us, SuggestedBy::Memory)
    );
}

#[test]
fn a_new_speaker_becomes_a_person_with_their_team() {
    let w = world();
    let done = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "t.vtt",
                TEAMS.as_bytes(),
                &TranscriptImport {
                    target: new_session(&w, "Talk"),
                    speakers: vec![choice(
                        "Speaker 3",
                        SpeakerRole::Participant,
                        SpeakerPerson::New {
                            name: "Dana Osei".into(),
                            team: "Data Platform".into(),
                            relation: Relation::InternalUser,
                        },
                    )],
                },
            )
        })
        .expect("imports");
    assert_eq!(done.people_added, 1);
    let dana = &done.participants[0];
    let person = w.store.read(|db| db.person(dana.id)).expect("person");
    assert_eq!(person.summary.team_name, "Data Platform");
}

#[test]
fn an_observation_taken_from_a_turn_is_its_speakers_and_says_when_it_was_said() {
    let (w, priya, done) = imported();
    let t = transcript(&w, done.session_id);
    let turn = &t.turns[1];
    let passage = "We wait forty minutes for every release.";
    let start = turn.text.find(passage).expect("in turn") as u32;
    let o = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                turn_id: Some(turn.id),
                kind: ObservationKind::Pain,
                passage: Some(passage.into()),
                passage_start: Some(start),
                ..Default::default()
            })
        })
        .expect("observation");
    assert_eq!(o.session_id, Some(done.session_id));
    assert_eq!(
        o.people.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![priya]
    );
    assert_eq!(o.turn_id, Some(turn.id));
    assert_eq!(o.speaker, "Raman, Priya");
    // 18 of the turn's 58 UTF-16 units in: 4 s + 6 s × 18/58.
    let said = o.said_at_ms.expect("said at");
    assert_eq!(said, 5_862);
    assert_eq!(
        transcript(&w, done.session_id).turns[1].observations,
        vec![o.id]
    );

    // Editing the notes never marks a turn's passage lost.
    w.store
        .write(|tx| tx.save_notes(done.session_id, "Nothing of the talk here"))
        .expect("notes");
    let o = w.store.read(|db| db.observation(o.id)).expect("obs");
    assert_eq!(o.passage_state, PassageState::Found);
}

#[test]
fn a_passage_not_in_the_turn_is_refused() {
    let (w, _, done) = imported();
    let t = transcript(&w, done.session_id);
    let err = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                turn_id: Some(t.turns[1].id),
                passage: Some("words nobody said".into()),
                ..Default::default()
            })
        })
        .expect_err("refused");
    assert!(err.to_string().contains("turn"), "{err}");
}

#[test]
fn correcting_a_turns_speaker_carries_its_observations_and_the_participants_along() {
    let (w, priya, done) = imported();
    let sam = w.person("Sam Lee", None, Relation::InternalUser);
    let t = transcript(&w, done.session_id);
    // "Speaker 3" was Sam.
    w.store
        .write(|tx| {
            tx.map_transcript_speaker(
                t.id,
                &choice(
                    "Speaker 3",
                    SpeakerRole::Participant,
                    SpeakerPerson::Existing { id: sam },
                ),
            )
        })
        .expect("maps");
    let o = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                turn_id: Some(t.turns[1].id),
                passage: Some("The deploy queue.".into()),
                ..Default::default()
            })
        })
        .expect("observation");
    // The second turn was Sam's, not Priya's.
    let after = w
        .store
        .write(|tx| tx.set_turn_speaker(t.turns[1].id, "Speaker 3"))
        .expect("corrects");
    assert_eq!(after.turns[1].person.as_ref().map(|p| p.id), Some(sam));
    let o = w.store.read(|db| db.observation(o.id)).expect("obs");
    assert_eq!(o.people.iter().map(|p| p.id).collect::<Vec<_>>(), vec![sam]);
    assert_eq!(o.speaker, "Speaker 3");
    let session = w
        .store
        .read(|db| db.session(done.session_id))
        .expect("session");
    let ids: Vec<Uuid> = session.people.iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        vec![sam],
        "Priya said nothing left, so she no longer takes part"
    );
    assert!(!ids.contains(&priya));
}

#[test]
fn merging_people_moves_what_they_said_and_undo_moves_it_back() {
    let (w, priya, done) = imported();
    let dup = w.person("P. Raman", None, Relation::InternalUser);
    let done_merge = w
        .store
        .write(|tx| tx.merge_people(dup, priya))
        .expect("merge");
    let t = transcript(&w, done.session_id);
    assert_eq!(t.turns[1].person.as_ref().map(|p| p.id), Some(dup));
    // The remembered label follows the merge to the one kept.
    let s = w
        .store
        .read(|db| db.suggest_speakers(&["Raman, Priya".to_owned()]))
        .expect("suggest");
    assert_eq!(s[0].person.as_ref().map(|p| p.id), Some(dup));
    // Search finds what she said under the one kept.
    assert_eq!(said_by(&w, "forty", dup), 1);
    assert_eq!(said_by(&w, "forty", priya), 0);
    w.store
        .write(|tx| tx.undo_merge(done_merge.merge_id))
        .expect("undo");
    let t = transcript(&w, done.session_id);
    assert_eq!(t.turns[1].person.as_ref().map(|p| p.id), Some(priya));
    assert_eq!(said_by(&w, "forty", priya), 1);
    assert_eq!(said_by(&w, "forty", dup), 0);
}

/// How many speakers said `words` in transcripts, of those `person` was.
fn said_by(w: &World, words: &str, person: Uuid) -> u32 {
    w.store
        .read(|db| {
            db.search(&SearchQuery {
                text: words.into(),
                filter: ObservationFilter {
                    person_ids: vec![person],
                    ..Default::default()
                },
                ..Default::default()
            })
        })
        .expect("search")
        .counts
        .turns
}

fn turn_hits(w: &World, words: &str) -> usize {
    w.store
        .with_connection(|c| {
            c.query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?1 AND (rowid & 7) = 6",
                [words],
                |r| r.get::<_, i64>(0),
            )
        })
        .expect("count") as usize
}

#[test]
fn a_trashed_sessions_transcript_leaves_the_index_and_comes_back_on_restore() {
    let (w, _, done) = imported();
    assert_eq!(turn_hits(&w, "forty"), 1);
    w.store
        .write(|tx| tx.delete_session(done.session_id))
        .expect("trash");
    assert_eq!(turn_hits(&w, "forty"), 0);
    w.store
        .write(|tx| tx.restore(TrashEntity::Session, done.session_id))
        .expect("restore");
    assert_eq!(turn_hits(&w, "forty"), 1);
    assert_eq!(transcript(&w, done.session_id).turns.len(), 3);
    w.store.rebuild_search_index().expect("rebuild");
    assert_eq!(turn_hits(&w, "forty"), 1);
}

#[test]
fn a_file_that_is_not_a_transcript_writes_nothing() {
    let w = world();
    let err = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "photo.vtt",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                &TranscriptImport {
                    target: new_session(&w, "Talk"),
                    speakers: vec![],
                },
            )
        })
        .expect_err("refused");
    assert!(matches!(err, DomainError::TranscriptFile { .. }), "{err}");
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("list");
    assert_eq!(sessions.sessions.len(), 0);
}

#[test]
fn a_closed_cycle_takes_no_transcript() {
    let (w, _, done) = imported();
    for _ in 0..3 {
        w.store
            .write(|tx| tx.advance_cycle(w.cycle.id))
            .expect("advance");
    }
    let err = w
        .store
        .write(|tx| {
            tx.import_transcript(
                "t.vtt",
                TEAMS.as_bytes(),
                &TranscriptImport {
                    target: TranscriptTarget::Session {
                        id: done.session_id,
                    },
                    speakers: vec![],
                },
            )
        })
        .expect_err("refused");
    assert!(matches!(err, DomainError::CycleClosed { .. }), "{err}");
}

#[test]
fn a_pain_backed_by_words_of_a_turn_says_when_they_were_said() {
    let (w, _, done) = imported();
    let t = transcript(&w, done.session_id);
    let o = w
        .store
        .write(|tx| {
            tx.create_observation(&NewObservation {
                turn_id: Some(t.turns[1].id),
                kind: ObservationKind::Pain,
                passage: Some("We wait forty minutes for every release.".into()),
                passage_start: Some(18),
                ..Default::default()
            })
        })
        .expect("observation");
    w.prioritize();
    let pain = w.pain("Releases wait on the deploy queue", &[o.id]);
    let e = &pain.evidence[0];
    assert_eq!(
        (e.turn_id, e.said_at_ms, e.session_id),
        (Some(t.turns[1].id), Some(5_862), Some(done.session_id))
    );
}
