/**
 * What the rest of the app may use of discovery: the one search, which the command
 * palette and the sidebar drive as well as the Search view, and "said at 12:41" for
 * evidence taken from a transcript.
 */
export { countOf, ENTITY_LABEL, openHit, SCOPES, search, searchedVersion, showSearch } from './search/search.svelte';
export { default as UnderstoodChips } from './search/Understood.svelte';
export { default as SaidAt } from './transcripts/SaidAt.svelte';
