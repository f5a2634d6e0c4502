//! Similar observations: found by the words they share, rare words first, explained by
//! those words, the same every time, and nothing changed.

use crate::common::*;
use groundwork_core::*;

#[test]
fn an_observation_finds_the_ones_that_say_nearly_the_same_with_the_words_they_share() {
    let w = world();
    let priya = w.person("Priya Raman", None, Relation::InternalUser);
    let first = w.heard(
        SourceKind::CoffeeChat,
        "The deploy queue blocks every release for forty minutes",
        &[priya],
    );
    let near = w.heard(
        SourceKind::SupportTicketReview,
        "Releases wait forty minutes in the deploy queue",
        &[],
    );
    let some = w.heard(
        SourceKind::TeamBrainstorm,
        "Our deploy dashboards are hard to read",
        &[],
    );
    let none = w.heard(
        SourceKind::SlaConversation,
        "The lunch menu changed on Monday",
        &[],
    );
    let found = w
        .store
        .read(|db| db.similar_observations(first, 5))
        .expect("similar");
    let ids: Vec<_> = found.iter().map(|s| s.id).collect();
    assert_eq!(ids.first(), Some(&near), "{found:#?}");
    assert!(ids.contains(&some));
    assert!(!ids.contains(&none), "nothing shared, nothing found");
    assert!(!ids.contains(&first), "not itself");
    // "release" and "Releases" are one word bent: they are shared too.
    assert_eq!(
        found[0].shared,
        vec!["deploy", "queue", "release", "forty", "minutes"]
    );
    assert_eq!(
        found
            .iter()
            .find(|s| s.id == some)
            .map(|s| s.shared.clone()),
        Some(vec!["deploy".to_owned()])
    );
    assert!(found[0].score > found[1].score);
    // The same workspace, the same list; and asking changed nothing.
    let again = w
        .store
        .read(|db| db.similar_observations(first, 5))
        .expect("similar");
    assert_eq!(again, found);
    // Who said it comes along; a trashed one is not offered; an unknown id is refused.
    let from_near = w
        .store
        .read(|db| db.similar_observations(near, 5))
        .expect("similar");
    assert_eq!(from_near[0].said_by.as_deref(), Some("Priya Raman"));
    w.store
        .write(|tx| tx.delete_observation(near))
        .expect("trash");
    let after = w
        .store
        .read(|db| db.similar_observations(first, 5))
        .expect("similar");
    assert!(!after.iter().any(|s| s.id == near));
    assert!(w
        .store
        .read(|db| db.similar_observations(uuid::Uuid::nil(), 5))
        .is_err());
}

#[test]
fn what_is_being_written_shows_the_observation_it_nearly_repeats_and_not_one_that_shares_a_word() {
    let w = world();
    let said = w.heard(
        SourceKind::CoffeeChat,
        "The deploy queue blocks every release for forty minutes",
        &[],
    );
    w.heard(
        SourceKind::TeamBrainstorm,
        "Our deploy dashboards are hard to read",
        &[],
    );
    let like = |text: &str| {
        w.store
            .read(|db| db.likely_duplicates(text, 3))
            .expect("likely")
            .into_iter()
            .map(|s| s.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        like("Every release waits forty minutes in the deploy queue"),
        vec![said]
    );
    assert!(
        like("The deploy button is blue").is_empty(),
        "one shared word is no duplicate"
    );
    assert!(like("Slow").is_empty(), "too little to tell");
}
