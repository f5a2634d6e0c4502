//! Observations: listing with filters, capture from passages, edits, merges.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::{
    MergeDone, NewObservation, Observation, ObservationList, ObservationQuery, ObservationUpdate,
};
use tauri::State;

/// A page of observations matching the query.
#[tauri::command]
pub async fn list_observations(
    state: State<'_, AppState>,
    query: ObservationQuery,
) -> CmdResult<ObservationList> {
    state.with_store(move |s| s.list_observations(&query)).await
}

/// One observation.
#[tauri::command]
pub async fn get_observation(state: State<'_, AppState>, id: String) -> CmdResult<Observation> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.observation(id)).await
}

/// Records an observation (from a passage, or typed).
#[tauri::command]
pub async fn create_observation(
    state: State<'_, AppState>,
    observation: NewObservation,
) -> CmdResult<Observation> {
    state
        .with_store(move |s| s.create_observation(&observation))
        .await
}

/// Replaces an observation's fields.
#[tauri::command]
pub async fn update_observation(
    state: State<'_, AppState>,
    id: String,
    update: ObservationUpdate,
) -> CmdResult<Observation> {
    let id = parse_id(&id)?;
    state
        .with_store(move |s| s.update_observation(id, &update))
        .await
}

/// Moves an observation to the trash.
#[tauri::command]
pub async fn delete_observation(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_observation(id)).await
}

/// Merges observation `merged` into `kept`.
#[tauri::command]
pub async fn merge_observations(
    state: State<'_, AppState>,
    kept: String,
    merged: String,
) -> CmdResult<MergeDone> {
    let (kept, merged) = (parse_id(&kept)?, parse_id(&merged)?);
    state
        .with_store(move |s| s.merge_observations(kept, merged))
        .await
}
