//! Search, coverage and session templates.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::{Coverage, SearchQuery, SearchResults, SessionTemplate, SourceKind};
use tauri::State;

/// Searches sessions, notes, observations, people, ideas and tags.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> CmdResult<SearchResults> {
    state.with_store(move |s| s.search(&query)).await
}

/// Coverage of a cycle: channels, teams and segments heard, ask-load.
#[tauri::command]
pub async fn coverage(state: State<'_, AppState>, cycle_id: String) -> CmdResult<Coverage> {
    let cycle = parse_id(&cycle_id)?;
    state.with_store(move |s| s.coverage(cycle)).await
}

/// Every kind's session template.
#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> CmdResult<Vec<SessionTemplate>> {
    state.with_store(|s| s.list_templates()).await
}

/// Rewrites a kind's template for this workspace.
#[tauri::command]
pub async fn set_template(
    state: State<'_, AppState>,
    kind: SourceKind,
    body: String,
) -> CmdResult<SessionTemplate> {
    state.with_store(move |s| s.set_template(kind, &body)).await
}

/// Goes back to the built-in template of a kind.
#[tauri::command]
pub async fn reset_template(
    state: State<'_, AppState>,
    kind: SourceKind,
) -> CmdResult<SessionTemplate> {
    state.with_store(move |s| s.reset_template(kind)).await
}
