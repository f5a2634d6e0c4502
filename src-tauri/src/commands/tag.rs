//! Tags.

use super::{parse_id, parse_ids, CmdResult};
use crate::state::AppState;
use groundwork_core::{MergeDone, Tag, TagInput};
use tauri::State;

/// Every tag with its count.
#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> CmdResult<Vec<Tag>> {
    state.with_store(|s| s.list_tags()).await
}

/// Creates a tag.
#[tauri::command]
pub async fn create_tag(state: State<'_, AppState>, tag: TagInput) -> CmdResult<Tag> {
    state.with_store(move |s| s.create_tag(&tag)).await
}

/// Renames, recolours or regroups a tag.
#[tauri::command]
pub async fn update_tag(state: State<'_, AppState>, id: String, tag: TagInput) -> CmdResult<Tag> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.update_tag(id, &tag)).await
}

/// Merges tag `merged` into `kept`; `undo_merge` undoes it.
#[tauri::command]
pub async fn merge_tags(
    state: State<'_, AppState>,
    kept: String,
    merged: String,
) -> CmdResult<MergeDone> {
    let (kept, merged) = (parse_id(&kept)?, parse_id(&merged)?);
    state.with_store(move |s| s.merge_tags(kept, merged)).await
}

/// Adds or removes a tag on many observations; returns how many changed.
#[tauri::command]
pub async fn tag_observations(
    state: State<'_, AppState>,
    tag_id: String,
    observation_ids: Vec<String>,
    add: bool,
) -> CmdResult<u32> {
    let tag = parse_id(&tag_id)?;
    let ids = parse_ids(&observation_ids)?;
    state
        .with_store(move |s| s.tag_observations(tag, &ids, add))
        .await
}

/// Moves a tag to the trash.
#[tauri::command]
pub async fn delete_tag(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = parse_id(&id)?;
    state.with_store(move |s| s.delete_tag(id)).await
}
