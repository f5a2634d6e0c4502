//! The trash.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::{TrashEntity, TrashItem};
use tauri::State;

/// Everything in the trash.
#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>) -> CmdResult<Vec<TrashItem>> {
    state.with_store(|s| s.list_trash()).await
}

/// Restores a deleted thing.
#[tauri::command]
pub async fn restore_from_trash(
    state: State<'_, AppState>,
    entity: TrashEntity,
    id: String,
) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.restore(entity, id)).await
}
