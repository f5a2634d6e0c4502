//! Three-way merge of records, field by field, against the state both sides last
//! shared (the base). A field one side changed takes that side; fields each side
//! changed both survive; one field both changed to different values is a conflict:
//! the record keeps this side's value and the other is returned, to be kept until a
//! person settles it. Prose (notes, documents) merges by paragraph where the edits do
//! not touch the same paragraphs, and is otherwise a conflict: never markers in text.

use crate::store::folder::{Record, Table};
use serde_json::Value;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::ops::Range;

/// One field both sides changed to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    pub base: Value,
    /// The value the record keeps meanwhile (this side's).
    pub kept: Value,
    /// The other side's value, kept aside.
    pub other: Value,
}

/// A record merged: what it becomes (`None`: gone), and the fields in conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub record: Option<Record>,
    pub conflicts: Vec<FieldConflict>,
}

/// Merges one record of `table` as it was at the base, as it is here (`ours`) and as
/// it is in the repository (`theirs`); `now` marks a record one side removed and the
/// other edited, which comes back in the trash with the edit.
pub fn merge_record(
    table: &Table,
    base: Option<&Record>,
    ours: Option<&Record>,
    theirs: Option<&Record>,
    now: &str,
) -> Merged {
    let clean = |record: Option<&Record>| Merged {
        record: record.cloned(),
        conflicts: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return clean(ours);
    }
    if base == ours {
        return clean(theirs);
    }
    match (ours, theirs) {
        // Removed on one side (the trash emptied), edited on the other: the edit wins a
        // place in the trash, so neither the edit nor the removal is silently undone.
        (None, Some(kept)) | (Some(kept), None) => {
            let mut record = kept.clone();
            if table.columns.iter().any(|c| c == "deleted_at")
                && record.get("deleted_at").is_none_or(Value::is_null)
            {
                record.insert("deleted_at".into(), Value::String(now.into()));
            }
            Merged {
                record: Some(record),
                conflicts: Vec::new(),
            }
        }
        (Some(ours), Some(theirs)) => merge_fields(table, base, ours, theirs),
        (None, None) => clean(None),
    }
}

fn merge_fields(table: &Table, base: Option<&Record>, ours: &Record, theirs: &Record) -> Merged {
    let mut record = Record::new();
    let mut conflicts = Vec::new();
    let mut fields: Vec<&String> = ours.keys().chain(theirs.keys()).collect();
    fields.sort();
    fields.dedup();
    for field in fields {
        let get = |r: Option<&Record>| r.and_then(|r| r.get(field)).cloned();
        let (b, o, t) = (get(base), get(Some(ours)), get(Some(theirs)));
        let value = if o == t || b == t {
            o
        } else if b == o {
            t
        } else if let Some(v) = bookkeeping(field, o.as_ref(), t.as_ref()) {
            Some(v)
        } else if let (Some(true), Some(Value::String(o)), Some(Value::String(t))) = (
            Some(table.prose == Some(field.as_str())),
            o.as_ref(),
            t.as_ref(),
        ) {
            let b = match &b {
                Some(Value::String(b)) => b.as_str(),
                _ => "",
            };
            match merge_paragraphs(b, o, t) {
                Some(text) => Some(Value::String(text)),
                None => {
                    conflicts.push(conflict(field, &b.into(), o.clone(), t.clone()));
                    Some(Value::String(o.clone()))
                }
            }
        } else {
            conflicts.push(FieldConflict {
                field: field.clone(),
                base: b.unwrap_or(Value::Null),
                kept: o.clone().unwrap_or(Value::Null),
                other: t.unwrap_or(Value::Null),
            });
            o
        };
        if let Some(value) = value {
            record.insert(field.clone(), value);
        }
    }
    Merged {
        record: Some(record),
        conflicts,
    }
}

/// Fields that say when or how often, not what: both sides changing them is no
/// disagreement. The later change and the higher revision win; a record trashed on
/// both sides was trashed first when the first did it.
fn bookkeeping(field: &str, ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    let (Some(o), Some(t)) = (ours, theirs) else {
        return None;
    };
    let order = match (o, t) {
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?)?,
        _ => return None,
    };
    let later = if order.is_ge() { o } else { t };
    let earlier = if order.is_le() { o } else { t };
    match field {
        "updated_at" | "rev" => Some(later.clone()),
        "deleted_at" => Some(earlier.clone()),
        _ => None,
    }
}

fn conflict(field: &str, base: &Value, kept: String, other: String) -> FieldConflict {
    FieldConflict {
        field: field.into(),
        base: base.clone(),
        kept: Value::String(kept),
        other: Value::String(other),
    }
}

/// A text's paragraphs: the pieces between blank lines.
fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// One side's change to the base's paragraphs: which it replaces, and with what.
#[derive(Debug, PartialEq)]
struct Hunk<'a> {
    base: Range<usize>,
    with: Vec<&'a str>,
}

fn hunks<'a>(base: &[&str], side: &[&'a str]) -> Vec<Hunk<'a>> {
    let mut out: Vec<Hunk<'a>> = Vec::new();
    let mut side_end = usize::MAX;
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // A delete next to an insert is one replacement.
        if let Some(last) = out.last_mut() {
            if last.base.end == old.start && side_end == new.start {
                last.base.end = old.end;
                side_end = new.end;
                last.with.extend_from_slice(&side[new]);
                continue;
            }
        }
        side_end = new.end;
        out.push(Hunk {
            base: old,
            with: side[new].to_vec(),
        });
    }
    out
}

/// Whether two changes touch the same paragraphs, so their order or their sum cannot be
/// told: they overlap, or one inserts where the other replaces.
fn collide(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        let (point, other) = if a.is_empty() {
            (a.start, b)
        } else {
            (b.start, a)
        };
        return other.start <= point && point <= other.end;
    }
    a.start < b.end && b.start < a.end
}

/// Merges two edits of one text by paragraph: `None` when they touch the same ones.
pub fn merge_paragraphs(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let b = paragraphs(base);
    let (o, t) = (paragraphs(ours), paragraphs(theirs));
    let (ho, ht) = (hunks(&b, &o), hunks(&b, &t));
    let mut all: Vec<&Hunk> = Vec::with_capacity(ho.len() + ht.len());
    for h in &ho {
        for other in &ht {
            if collide(&h.base, &other.base) && h != other {
                return None;
            }
        }
        all.push(h);
    }
    // The same change made on both sides counts once.
    all.extend(ht.iter().filter(|h| !ho.contains(h)));
    all.sort_by_key(|h| (h.base.start, h.base.end));
    let mut out: Vec<&str> = Vec::new();
    let mut at = 0;
    for h in all {
        out.extend_from_slice(&b[at..h.base.start]);
        out.extend_from_slice(&h.with);
        at = h.base.end;
    }
    out.extend_from_slice(&b[at..]);
    Some(out.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARTER: &str = "# Charter\n\nWe run the build platform.\n\nWe serve every product team.\n\nWe do not run production databases.";

    fn table() -> Table {
        Table {
            name: "person".into(),
            columns: ["id", "role", "updated_at", "deleted_at"]
                .map(String::from)
                .to_vec(),
            key: vec!["id".into()],
            prose: None,
        }
    }

    fn record(role: &str, updated: &str, deleted: Option<&str>) -> Record {
        serde_json::json!({ "id": "p1", "role": role, "updated_at": updated, "deleted_at": deleted })
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn when_a_record_changed_is_no_conflict_the_later_time_wins() {
        let base = record("EM", "2026-12-01", None);
        let ours = record("TL", "2026-12-03", None);
        let theirs = record("EM", "2026-12-02", Some("2026-12-02"));
        let merged = merge_record(&table(), Some(&base), Some(&ours), Some(&theirs), "now");
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.record,
            Some(record("TL", "2026-12-03", Some("2026-12-02")))
        );
    }

    #[test]
    fn one_field_changed_on_both_sides_keeps_ours_and_gives_theirs_aside() {
        let base = record("EM", "2026-12-01", None);
        let ours = record("TL", "2026-12-02", None);
        let theirs = record("Staff", "2026-12-03", None);
        let merged = merge_record(&table(), Some(&base), Some(&ours), Some(&theirs), "now");
        assert_eq!(merged.record, Some(record("TL", "2026-12-03", None)));
        assert_eq!(
            merged.conflicts,
            vec![FieldConflict {
                field: "role".into(),
                base: "EM".into(),
                kept: "TL".into(),
                other: "Staff".into()
            }]
        );
    }

    #[test]
    fn a_record_gone_on_one_side_and_edited_on_the_other_stays_in_the_trash() {
        let base = record("EM", "2026-12-01", None);
        let theirs = record("TL", "2026-12-03", None);
        let merged = merge_record(&table(), Some(&base), None, Some(&theirs), "now");
        assert_eq!(merged.record, Some(record("TL", "2026-12-03", Some("now"))));
        let gone = merge_record(&table(), Some(&base), None, Some(&base), "now");
        assert_eq!(gone.record, None, "removed and not edited: removed");
    }

    #[test]
    fn edits_of_different_paragraphs_both_survive() {
        let ours = CHARTER.replace("build platform", "build and deploy platform");
        let theirs = CHARTER.replace("production databases", "production databases or queues");
        let merged = merge_paragraphs(CHARTER, &ours, &theirs).expect("merges");
        assert!(merged.contains("build and deploy platform"));
        assert!(merged.contains("databases or queues"));
    }

    #[test]
    fn edits_of_adjacent_paragraphs_both_survive() {
        let ours = CHARTER.replace("build platform", "CI platform");
        let theirs = CHARTER.replace("every product team", "every team");
        let merged = merge_paragraphs(CHARTER, &ours, &theirs).expect("merges");
        assert!(merged.contains("CI platform") && merged.contains("every team."));
    }

    #[test]
    fn edits_of_one_paragraph_do_not_merge() {
        let ours = CHARTER.replace("build platform", "CI platform");
        let theirs = CHARTER.replace("build platform", "build farm");
        assert_eq!(merge_paragraphs(CHARTER, &ours, &theirs), None);
    }

    #[test]
    fn the_same_edit_on_both_sides_counts_once() {
        let both = CHARTER.replace("build platform", "CI platform");
        assert_eq!(
            merge_paragraphs(CHARTER, &both, &both).as_deref(),
            Some(both.as_str())
        );
    }

    #[test]
    fn a_paragraph_added_on_each_side_at_different_places_both_land() {
        let ours = format!("{CHARTER}\n\nA closing line.");
        let theirs = CHARTER.replace("# Charter\n\n", "# Charter\n\nAn opening line.\n\n");
        let merged = merge_paragraphs(CHARTER, &ours, &theirs).expect("merges");
        assert!(merged.starts_with("# Charter\n\nAn opening line.\n\nWe run"));
        assert!(merged.ends_with("databases.\n\nA closing line."));
    }

    #[test]
    fn paragraphs_added_at_the_same_place_do_not_merge() {
        let ours = format!("{CHARTER}\n\nOne ending.");
        let theirs = format!("{CHARTER}\n\nAnother ending.");
        assert_eq!(merge_paragraphs(CHARTER, &ours, &theirs), None);
    }
}
