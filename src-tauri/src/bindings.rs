//! The TypeScript types the UI uses are generated from these Rust types into
//! `ui/src/ipc/generated/`. The test below fails when the committed files are stale;
//! run it with `GROUNDWORK_UPDATE_BINDINGS=1` to rewrite them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir);
    crate::state::WorkspaceStatus::export_all(&cfg)?;
    crate::error::IpcError::export_all(&cfg)?;
    groundwork_core::RecentWorkspace::export_all(&cfg)?;
    groundwork_core::Cycle::export_all(&cfg)?;
    groundwork_core::CycleEvent::export_all(&cfg)?;
    groundwork_core::CycleReview::export_all(&cfg)?;
    groundwork_core::SourceKindInfo::export_all(&cfg)?;
    groundwork_core::Session::export_all(&cfg)?;
    groundwork_core::SessionList::export_all(&cfg)?;
    groundwork_core::SessionQuery::export_all(&cfg)?;
    groundwork_core::NewSession::export_all(&cfg)?;
    groundwork_core::SessionUpdate::export_all(&cfg)?;
    groundwork_core::NotesSaved::export_all(&cfg)?;
    groundwork_core::NotesChoice::export_all(&cfg)?;
    groundwork_core::NotesVersion::export_all(&cfg)?;
    groundwork_core::TrashItem::export_all(&cfg)?;
    groundwork_core::PeopleQuery::export_all(&cfg)?;
    groundwork_core::Person::export_all(&cfg)?;
    groundwork_core::PersonInput::export_all(&cfg)?;
    groundwork_core::Team::export_all(&cfg)?;
    groundwork_core::TeamInput::export_all(&cfg)?;
    groundwork_core::MergeDone::export_all(&cfg)?;
    groundwork_core::Observation::export_all(&cfg)?;
    groundwork_core::ObservationList::export_all(&cfg)?;
    groundwork_core::ObservationQuery::export_all(&cfg)?;
    groundwork_core::NewObservation::export_all(&cfg)?;
    groundwork_core::ObservationUpdate::export_all(&cfg)?;
    groundwork_core::Tag::export_all(&cfg)?;
    groundwork_core::TagInput::export_all(&cfg)?;
    groundwork_core::Idea::export_all(&cfg)?;
    groundwork_core::IdeaInput::export_all(&cfg)?;
    groundwork_core::Pain::export_all(&cfg)?;
    groundwork_core::PainInput::export_all(&cfg)?;
    groundwork_core::PainUpdate::export_all(&cfg)?;
    groundwork_core::EvidenceLink::export_all(&cfg)?;
    groundwork_core::Bucket::export_all(&cfg)?;
    groundwork_core::Framework::export_all(&cfg)?;
    groundwork_core::ScoreInputs::export_all(&cfg)?;
    groundwork_core::Ranking::export_all(&cfg)?;
    groundwork_core::Explanation::export_all(&cfg)?;
    groundwork_core::BucketInput::export_all(&cfg)?;
    groundwork_core::PainCited::export_all(&cfg)?;
    groundwork_core::Criterion::export_all(&cfg)?;
    groundwork_core::CriterionInput::export_all(&cfg)?;
    groundwork_core::Tradeoffs::export_all(&cfg)?;
    groundwork_core::ServeInput::export_all(&cfg)?;
    groundwork_core::AxisInput::export_all(&cfg)?;
    groundwork_core::Solution::export_all(&cfg)?;
    groundwork_core::SolutionInput::export_all(&cfg)?;
    groundwork_core::ExperimentInput::export_all(&cfg)?;
    groundwork_core::Document::export_all(&cfg)?;
    groundwork_core::DocumentKind::export_all(&cfg)?;
    groundwork_core::DocumentSaved::export_all(&cfg)?;
    groundwork_core::DocumentVersion::export_all(&cfg)?;
    groundwork_core::DocumentVersionView::export_all(&cfg)?;
    groundwork_core::ExportDoc::export_all(&cfg)?;
    groundwork_core::ExportFormat::export_all(&cfg)?;
    groundwork_core::Exported::export_all(&cfg)?;
    groundwork_core::DocumentLint::export_all(&cfg)?;
    groundwork_core::DocumentDiff::export_all(&cfg)?;
    groundwork_interchange::Format::export_all(&cfg)?;
    groundwork_interchange::ExportOf::export_all(&cfg)?;
    crate::commands::export::SavedExport::export_all(&cfg)?;
    crate::commands::chart::ChartFormat::export_all(&cfg)?;
    crate::commands::survey::ChosenFile::export_all(&cfg)?;
    crate::commands::survey::ImportProgress::export_all(&cfg)?;
    groundwork_core::SurveyPreview::export_all(&cfg)?;
    groundwork_core::SurveyMapping::export_all(&cfg)?;
    groundwork_core::WaveImport::export_all(&cfg)?;
    groundwork_core::WaveImported::export_all(&cfg)?;
    groundwork_core::Survey::export_all(&cfg)?;
    groundwork_core::SurveyCharts::export_all(&cfg)?;
    groundwork_core::Split::export_all(&cfg)?;
    groundwork_core::TextAnswer::export_all(&cfg)?;
    groundwork_core::AnswerRef::export_all(&cfg)?;
    groundwork_core::PlanBalance::export_all(&cfg)?;
    groundwork_core::Roadmap::export_all(&cfg)?;
    groundwork_core::RoadmapItemInput::export_all(&cfg)?;
    groundwork_core::SearchQuery::export_all(&cfg)?;
    groundwork_core::SearchResults::export_all(&cfg)?;
    groundwork_core::Coverage::export_all(&cfg)?;
    groundwork_core::SessionTemplate::export_all(&cfg)?;
    groundwork_core::CheckinDue::export_all(&cfg)?;
    groundwork_core::CheckinInput::export_all(&cfg)?;
    groundwork_core::Sla::export_all(&cfg)?;
    groundwork_core::SlaInput::export_all(&cfg)?;
    groundwork_core::SlaLevelInput::export_all(&cfg)?;
    groundwork_core::Adoption::export_all(&cfg)?;
    groundwork_core::AdoptionInput::export_all(&cfg)?;
    groundwork_core::MilestoneInput::export_all(&cfg)?;
    groundwork_core::Kudos::export_all(&cfg)?;
    groundwork_core::KudosInput::export_all(&cfg)?;
    groundwork_core::Answer::export_all(&cfg)?;
    groundwork_core::AnswerInput::export_all(&cfg)?;
    groundwork_core::AnswerTarget::export_all(&cfg)?;
    groundwork_core::TeamDigest::export_all(&cfg)?;
    Ok(())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The limits module is a value, not a type: the client imports it by name.
const LIMITS_FILE: &str = "limits.ts";
/// The operation table's client (functions, not only types): imported by name too.
const OPS_FILE: &str = "ops.ts";

fn with_index(mut files: BTreeMap<String, String>) -> BTreeMap<String, String> {
    files.remove("index.ts");
    let limits = files.remove(LIMITS_FILE);
    let ops = files.remove(OPS_FILE);
    let mut index = String::from(
        "// Generated by src-tauri/src/bindings.rs from the Rust types. Do not edit.\n",
    );
    for name in files.keys() {
        index.push_str(&format!(
            "export type * from \"./{}\";\n",
            name.trim_end_matches(".ts")
        ));
    }
    files.insert("index.ts".into(), index);
    if let Some(limits) = limits {
        files.insert(LIMITS_FILE.into(), limits);
    }
    if let Some(ops) = ops {
        files.insert(OPS_FILE.into(), ops);
    }
    files
}

#[test]
fn generated_typescript_types_match_the_rust_types() {
    let fresh_dir = tempfile::tempdir().expect("tmp");
    export_all(fresh_dir.path()).expect("export");
    std::fs::write(
        fresh_dir.path().join(LIMITS_FILE),
        groundwork_core::store::limits::typescript(),
    )
    .expect("limits");
    std::fs::write(
        fresh_dir.path().join(OPS_FILE),
        groundwork_api::typescript::client(),
    )
    .expect("ops");
    let fresh = with_index(read_dir(fresh_dir.path()));
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/generated");
    if std::env::var_os("GROUNDWORK_UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).expect("mkdir");
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).expect("write");
        }
    }
    let committed = read_dir(&committed_dir);
    assert!(
        fresh == committed,
        "ui/src/ipc/generated is stale. Regenerate it with:\n  GROUNDWORK_UPDATE_BINDINGS=1 cargo test -p groundwork bindings\nstale or missing: {:?}",
        fresh.iter().filter(|(k, v)| committed.get(*k) != Some(v)).map(|(k, _)| k).collect::<Vec<_>>()
    );
}
