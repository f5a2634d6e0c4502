//! Discovery sessions and their notes.

use super::{parse_id, CmdResult};
use crate::state::AppState;
use groundwork_core::{
    NewSession, NotesSaved, Session, SessionList, SessionQuery, SessionUpdate, SourceKindInfo,
};
use tauri::State;

/// Every source kind with its label.
#[tauri::command]
pub async fn list_source_kinds() -> CmdResult<Vec<SourceKindInfo>> {
    Ok(groundwork_core::source_kinds())
}

/// Sessions matching the query, with counts per kind.
#[tauri::command]
pub async fn list_sessions(
    state: State<'_, AppState>,
    query: SessionQuery,
) -> CmdResult<SessionList> {
    state.with_store(move |s| s.list_sessions(&query)).await
}

/// One session with notes and links.
#[tauri::command]
pub async fn get_session(state: State<'_, AppState>, id: String) -> CmdResult<Session> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.session(id)).await
}

/// Logs a new session.
#[tauri::command]
pub async fn create_session(state: State<'_, AppState>, session: NewSession) -> CmdResult<Session> {
    state.with_store(move |s| s.create_session(&session)).await
}

/// Replaces a session's details.
#[tauri::command]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    update: SessionUpdate,
) -> CmdResult<Session> {
    let id = parse_id(&id)?;
    state
        .with_store(move |s| s.update_session(id, &update))
        .await
}

/// Saves a session's notes (autosave).
#[tauri::command]
pub async fn save_notes(
    state: State<'_, AppState>,
    id: String,
    notes: String,
) -> CmdResult<NotesSaved> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.save_notes(id, &notes)).await
}

/// Moves a session to the trash.
#[tauri::command]
pub async fn delete_session(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_session(id)).await
}
