//! Ideas. Core refuses any judgement while the cycle is in discovery.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::{Assessment, Idea, IdeaInput};
use tauri::State;

/// The ideas of a cycle.
#[tauri::command]
pub async fn list_ideas(state: State<'_, AppState>, cycle_id: String) -> CmdResult<Vec<Idea>> {
    let cycle = parse_id(&cycle_id)?;
    state.with_store(move |s| s.list_ideas(cycle)).await
}

/// Captures an idea.
#[tauri::command]
pub async fn create_idea(
    state: State<'_, AppState>,
    cycle_id: String,
    idea: IdeaInput,
) -> CmdResult<Idea> {
    let cycle = parse_id(&cycle_id)?;
    state.with_store(move |s| s.create_idea(cycle, &idea)).await
}

/// Replaces an idea's title, description and evidence.
#[tauri::command]
pub async fn update_idea(
    state: State<'_, AppState>,
    id: String,
    idea: IdeaInput,
) -> CmdResult<Idea> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.update_idea(id, &idea)).await
}

/// Scores or sizes an idea (refused in discovery).
#[tauri::command]
pub async fn assess_idea(
    state: State<'_, AppState>,
    id: String,
    assessment: Assessment,
) -> CmdResult<Idea> {
    let id = parse_id(&id)?;
    state
        .with_store(move |s| s.assess_idea(id, &assessment))
        .await
}

/// Moves an idea to the trash.
#[tauri::command]
pub async fn delete_idea(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_idea(id)).await
}
