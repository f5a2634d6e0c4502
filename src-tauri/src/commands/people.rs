//! People, teams, ask-load and merging duplicate people.

use super::{parse_id, parse_ids, CmdResult};
use crate::state::AppState;
use groundwork_core::{
    MergeDone, PeopleQuery, Person, PersonInput, PersonSummary, Team, TeamInput,
};
use tauri::State;

/// People matching the query, by name.
#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> CmdResult<Vec<PersonSummary>> {
    state.with_store(move |s| s.list_people(&query)).await
}

/// Summaries of the given people (for ask-load warnings).
#[tauri::command]
pub async fn people_by_id(
    state: State<'_, AppState>,
    ids: Vec<String>,
) -> CmdResult<Vec<PersonSummary>> {
    let ids = parse_ids(&ids)?;
    state.with_store(move |s| s.people_by_id(&ids)).await
}

/// One person's profile.
#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: String) -> CmdResult<Person> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.person(id)).await
}

/// Adds a person.
#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, person: PersonInput) -> CmdResult<Person> {
    state.with_store(move |s| s.create_person(&person)).await
}

/// Replaces a person's fields.
#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    person: PersonInput,
) -> CmdResult<Person> {
    let id = parse_id(&id)?;
    state
        .with_store(move |s| s.update_person(id, &person))
        .await
}

/// Moves a person to the trash.
#[tauri::command]
pub async fn delete_person(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_person(id)).await
}

/// Every team.
#[tauri::command]
pub async fn list_teams(state: State<'_, AppState>) -> CmdResult<Vec<Team>> {
    state.with_store(|s| s.list_teams()).await
}

/// Adds a team.
#[tauri::command]
pub async fn create_team(state: State<'_, AppState>, team: TeamInput) -> CmdResult<Team> {
    state.with_store(move |s| s.create_team(&team)).await
}

/// Replaces a team's fields.
#[tauri::command]
pub async fn update_team(
    state: State<'_, AppState>,
    id: String,
    team: TeamInput,
) -> CmdResult<Team> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.update_team(id, &team)).await
}

/// Moves a team to the trash.
#[tauri::command]
pub async fn delete_team(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_team(id)).await
}

/// The ask-load warning threshold (sessions in 90 days).
#[tauri::command]
pub async fn ask_load_threshold(state: State<'_, AppState>) -> CmdResult<u32> {
    state.with_store(|s| s.ask_load_threshold()).await
}

/// Sets the ask-load warning threshold.
#[tauri::command]
pub async fn set_ask_load_threshold(state: State<'_, AppState>, threshold: u32) -> CmdResult<u32> {
    state
        .with_store(move |s| s.set_ask_load_threshold(threshold))
        .await
}

/// Merges person `merged` into `kept`.
#[tauri::command]
pub async fn merge_people(
    state: State<'_, AppState>,
    kept: String,
    merged: String,
) -> CmdResult<MergeDone> {
    let (kept, merged) = (parse_id(&kept)?, parse_id(&merged)?);
    state
        .with_store(move |s| s.merge_people(kept, merged))
        .await
}

/// Undoes a merge of people or observations.
#[tauri::command]
pub async fn undo_merge(state: State<'_, AppState>, merge_id: String) -> CmdResult<()> {
    let id = parse_id(&merge_id)?;
    state.with_store(move |s| s.undo_merge(id)).await
}
