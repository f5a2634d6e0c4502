//! A sync's commit message, in the product's words: what kinds of record changed and
//! how many ("Groundwork: 3 observations, the charter, 1 pain rescored").

use super::sync::DERIVED_TABLES;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Nouns for the kinds of record a commit message names, singular and plural.
const NOUNS: &[(&str, &str, &str)] = &[
    ("session", "session", "sessions"),
    ("observation", "observation", "observations"),
    ("person", "person", "people"),
    ("team", "team", "teams"),
    ("tag", "tag", "tags"),
    ("idea", "idea", "ideas"),
    ("pain", "pain", "pains"),
    ("pain_evidence", "piece of evidence", "pieces of evidence"),
    ("pain_score", "pain rescored", "pains rescored"),
    ("solution", "solution", "solutions"),
    ("experiment", "experiment", "experiments"),
    ("roadmap_item", "roadmap item", "roadmap items"),
    ("survey_response", "survey response", "survey responses"),
    ("checkin", "check-in", "check-ins"),
    ("kudos", "kudos", "kudos"),
    ("transcript", "transcript", "transcripts"),
    ("ticket", "ticket", "tickets"),
    ("sync_conflict", "conflict", "conflicts"),
];

/// What changed, in the product's words: "3 observations, the charter, 1 pain rescored".
pub(crate) fn describe(changes: &[(char, String)], dir: &Path) -> String {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut documents: BTreeSet<String> = BTreeSet::new();
    let mut other = 0u64;
    for (_, path) in changes {
        let Some((folder, file)) = path.split_once('/') else {
            continue;
        };
        if file.ends_with(".bin") || DERIVED_TABLES.contains(&folder) {
            continue;
        }
        if folder == "document" {
            let kind = std::fs::read_to_string(dir.join(path))
                .ok()
                .and_then(|text| {
                    let json = text
                        .strip_prefix("---\n")?
                        .split("\n---\n")
                        .next()?
                        .to_owned();
                    serde_json::from_str::<serde_json::Value>(&json).ok()
                })
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
                .unwrap_or_else(|| "a document".into());
            documents.insert(format!("the {kind}"));
            continue;
        }
        match NOUNS.iter().find(|(t, _, _)| *t == folder) {
            Some((t, _, _)) => *counts.entry(t).or_default() += 1,
            None => other += 1,
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for (table, singular, plural) in NOUNS {
        if let Some(n) = counts.get(table) {
            parts.push(format!("{n} {}", if *n == 1 { singular } else { plural }));
        }
        if *table == "observation" {
            parts.extend(documents.iter().cloned());
        }
    }
    if other > 0 {
        parts.push(format!(
            "{other} other record{}",
            if other == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        "Groundwork: merged".into()
    } else {
        format!("Groundwork: {}", parts.join(", "))
    }
}
