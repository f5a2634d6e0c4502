//! Planning cycles.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::Cycle;
use tauri::State;

/// Every cycle, newest first.
#[tauri::command]
pub async fn list_cycles(state: State<'_, AppState>) -> CmdResult<Vec<Cycle>> {
    state.with_store(|s| s.list_cycles()).await
}

/// Creates a cycle in discovery mode.
#[tauri::command]
pub async fn create_cycle(state: State<'_, AppState>, name: String) -> CmdResult<Cycle> {
    state.with_store(move |s| s.create_cycle(&name)).await
}

/// Renames a cycle that is not closed.
#[tauri::command]
pub async fn rename_cycle(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> CmdResult<Cycle> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.rename_cycle(id, &name)).await
}

/// Makes a cycle the current one.
#[tauri::command]
pub async fn set_current_cycle(state: State<'_, AppState>, id: String) -> CmdResult<Cycle> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.set_current_cycle(id)).await
}

/// Moves a cycle to its next mode.
#[tauri::command]
pub async fn advance_cycle(state: State<'_, AppState>, id: String) -> CmdResult<Cycle> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.advance_cycle(id)).await
}
