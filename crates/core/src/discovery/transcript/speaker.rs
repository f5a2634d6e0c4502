//! Speakers are people: a transcript's labels ("Priya Raman (Guest)", "raman, priya",
//! "priya.raman@corp.example", "Speaker 2") tied to the register, each marked a
//! participant or us (the interviewer, never a user's voice). A suggestion comes from
//! the label's remembered mapping first, then from a person of that name; what the user
//! chose is remembered, so the next transcript of a series maps in one step.

use crate::discovery::person::{PersonRef, Relation};
use crate::store::db::{Db, Tx};
use crate::store::error::DomainError;
use crate::store::row::{stored, RowExt, Stored};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// Whether a speaker is someone we listened to, or one of us asking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerRole {
    /// Someone we listened to: their words are evidence and they take part in the session.
    #[default]
    Participant,
    /// The interviewer: never counted as a user's voice nor as a participant.
    Us,
}

stored!(SpeakerRole, "speaker role", { Participant => "participant", Us => "us" });

/// Who a speaker is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpeakerPerson {
    /// Left unnamed ("Speaker 2" nobody recognised): their words are kept, attributed to no one.
    Nobody,
    /// A person of the register.
    Existing { id: Uuid },
    /// A person to add, with their team (found by name, or added) when given.
    New {
        name: String,
        #[serde(default)]
        team: String,
        #[serde(default)]
        relation: Relation,
    },
}

/// What the user chose for one speaker label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerChoice {
    /// The label as the file writes it.
    pub label: String,
    pub role: SpeakerRole,
    pub person: SpeakerPerson,
}

/// Why a person is suggested for a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SuggestedBy {
    /// The label was mapped to them before.
    Memory,
    /// Their name is the label's (cleaned of "(Guest)", turned from "Last, First").
    Name,
    /// Their name is the label's email address before the @.
    Email,
    /// Nothing: a new person, or nobody.
    Nothing,
}

/// A suggestion for one speaker label, for the mapping step.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerSuggestion {
    pub label: String,
    /// The person suggested, when one is.
    pub person: Option<PersonRef>,
    pub role: SpeakerRole,
    pub suggested_by: SuggestedBy,
    /// The name a new person would take ("Priya Raman" for "raman, priya (Guest)");
    /// empty for labels that name nobody ("Speaker 2", "Unknown Speaker").
    pub new_name: String,
}

/// The label as memory keys it: trimmed, in lower case, inner spaces collapsed.
pub(crate) fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a label names nobody: the placeholders tools write until someone is named.
fn is_placeholder(label: &str) -> bool {
    let key = label_key(label);
    key.is_empty()
        || key == "unknown speaker"
        || key == "unknown"
        || key
            .strip_prefix("speaker")
            .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
}

/// The person's name a label stands for: "Raman, Priya (Guest)" → "Priya Raman",
/// "priya.raman@corp.example" → "Priya Raman"; "" for a placeholder.
pub fn name_of_label(label: &str) -> String {
    if is_placeholder(label) {
        return String::new();
    }
    let mut name = label.trim().to_owned();
    // "(Guest)", "(External)", "(she/her)": what tools and people add after a name.
    while name.ends_with(')') {
        match name.rfind('(') {
            Some(open) if open > 0 => name = name[..open].trim_end().to_owned(),
            _ => break,
        }
    }
    if let Some((local, _domain)) = name.split_once('@') {
        if !local.contains(char::is_whitespace) {
            return local
                .split(['.', '_', '-'])
                .filter(|w| !w.is_empty())
                .map(capitalised)
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    // "Last, First" as directories write it; a comma among more parts is kept.
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    if parts.len() == 2 && !parts[0].is_empty() && !parts[1].is_empty() {
        return format!("{} {}", parts[1], parts[0]);
    }
    name
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Db<'_> {
    /// The person a remembered label was mapped to, following merges to the one kept;
    /// none when they are in the trash.
    fn remembered(
        &self,
        label: &str,
    ) -> Result<Option<(Option<PersonRef>, SpeakerRole)>, DomainError> {
        let row: Option<(Option<String>, SpeakerRole)> = self
            .conn
            .prepare_cached("SELECT person_id, role FROM speaker_memory WHERE label = ?1")?
            .query_row([label_key(label)], |r| {
                Ok((r.get("person_id")?, r.stored("role")?))
            })
            .optional()?;
        let Some((person, role)) = row else {
            return Ok(None);
        };
        let Some(mut id) = person else {
            return Ok(Some((None, role)));
        };
        let mut step = self.conn.prepare_cached(
            "SELECT name, merged_into, deleted_at IS NOT NULL AS trashed FROM person WHERE id = ?1",
        )?;
        // A merge chain is short; the bound only stops a damaged one that loops.
        for _ in 0..32 {
            let found: Option<(String, Option<String>, bool)> = step
                .query_row([&id], |r| {
                    Ok((r.get("name")?, r.get("merged_into")?, r.get("trashed")?))
                })
                .optional()?;
            match found {
                Some((_, Some(next), _)) => id = next,
                Some((name, None, false)) => {
                    let id = Uuid::parse_str(&id).map_err(|_| DomainError::NotFound {
                        entity: "person",
                        id: id.clone(),
                    })?;
                    return Ok(Some((Some(PersonRef { id, name }), role)));
                }
                _ => return Ok(None),
            }
        }
        Ok(None)
    }

    /// A suggestion for each label: remembered, else a person of the label's name (or
    /// of its email's local part), else a new person named after the label.
    pub fn suggest_speakers(
        &self,
        labels: &[String],
    ) -> Result<Vec<SpeakerSuggestion>, DomainError> {
        let mut by_name: HashMap<String, PersonRef> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name FROM person WHERE deleted_at IS NULL ORDER BY created_at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(PersonRef {
                    id: r.uuid("id")?,
                    name: r.get("name")?,
                })
            })?;
            for person in rows {
                let person = person?;
                by_name.entry(label_key(&person.name)).or_insert(person);
            }
        }
        let mut out = Vec::with_capacity(labels.len());
        for label in labels {
            let new_name = name_of_label(label);
            if let Some((person, role)) = self.remembered(label)? {
                out.push(SpeakerSuggestion {
                    label: label.clone(),
                    person,
                    role,
                    suggested_by: SuggestedBy::Memory,
                    new_name,
                });
                continue;
            }
            let found = [label.as_str(), new_name.as_str()]
                .into_iter()
                .filter(|n| !n.is_empty() && !is_placeholder(n))
                .find_map(|n| by_name.get(&label_key(n)));
            let suggested_by = match found {
                Some(_) if label.contains('@') => SuggestedBy::Email,
                Some(_) => SuggestedBy::Name,
                None => SuggestedBy::Nothing,
            };
            out.push(SpeakerSuggestion {
                label: label.clone(),
                person: found.cloned(),
                role: SpeakerRole::Participant,
                suggested_by,
                new_name,
            });
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// The person a choice names, adding them (and their team) when new.
    pub(crate) fn person_of_choice(
        &self,
        choice: &SpeakerChoice,
    ) -> Result<Option<Uuid>, DomainError> {
        match &choice.person {
            SpeakerPerson::Nobody => Ok(None),
            SpeakerPerson::Existing { id } => {
                self.live_person(*id)?;
                Ok(Some(*id))
            }
            SpeakerPerson::New {
                name,
                team,
                relation,
            } => {
                let team = team.trim();
                let team_id = if team.is_empty() {
                    None
                } else {
                    let known: Option<String> = self
                        .conn
                        .prepare_cached(
                            "SELECT id FROM team WHERE deleted_at IS NULL AND name = ?1 COLLATE NOCASE",
                        )?
                        .query_row([team], |r| r.get(0))
                        .optional()?;
                    match known {
                        Some(id) => Some(
                            Uuid::parse_str(&id)
                                .map_err(|_| DomainError::NotFound { entity: "team", id })?,
                        ),
                        None => Some(
                            self.create_team(&crate::discovery::person::TeamInput {
                                name: team.to_owned(),
                                ..Default::default()
                            })?
                            .id,
                        ),
                    }
                };
                let person = self.create_person(&crate::discovery::person::PersonInput {
                    name: name.clone(),
                    team_id,
                    relation: *relation,
                    ..Default::default()
                })?;
                Ok(Some(person.summary.id))
            }
        }
    }

    /// Remembers what a label was mapped to, for the next transcript of the series.
    pub(crate) fn remember_speaker(
        &self,
        label: &str,
        person: Option<Uuid>,
        role: SpeakerRole,
    ) -> Result<(), DomainError> {
        let key = label_key(label);
        if key.is_empty() || (person.is_none() && role == SpeakerRole::Participant) {
            // Nothing worth remembering: "nobody" is the default anyway.
            return Ok(());
        }
        self.conn
            .prepare_cached(
                "INSERT INTO speaker_memory (label, person_id, role, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (label) DO UPDATE SET person_id = excluded.person_id,
                     role = excluded.role, updated_at = excluded.updated_at",
            )?
            .execute(params![
                key,
                person.map(|p| p.to_string()),
                role.as_stored(),
                self.now_text()
            ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_turned_into_the_name_it_stands_for() {
        assert_eq!(name_of_label("Raman, Priya (Guest)"), "Priya Raman");
        assert_eq!(name_of_label("priya.raman@corp.example"), "Priya Raman");
        assert_eq!(name_of_label("Dana Kim (External) (she/her)"), "Dana Kim");
        assert_eq!(name_of_label("李明"), "李明");
        assert_eq!(name_of_label("Speaker 2"), "");
        assert_eq!(name_of_label("Unknown Speaker"), "");
        assert_eq!(
            name_of_label("Smith, Jones, and Co"),
            "Smith, Jones, and Co"
        );
    }
}
