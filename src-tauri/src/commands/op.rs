//! The one command through which the UI runs every operation of the table
//! (`groundwork_api::ops`): its name and its JSON input, answered by real core.

use super::CmdResult;
use crate::state::AppState;
use serde_json::Value;
use tauri::State;

/// Runs operation `name` with `input` on the open workspace.
#[tauri::command]
pub async fn op(state: State<'_, AppState>, name: String, input: Value) -> CmdResult<Value> {
    state
        .with_store(move |store| groundwork_api::call(store, &name, input))
        .await
}
