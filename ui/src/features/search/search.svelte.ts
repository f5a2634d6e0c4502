/**
 * The one search: its words, what it looks in, its filters and its hits. The Search
 * view and the palette's search mode show the same search, so words typed in the
 * palette are there in the Search view, filters and all.
 */
import { app } from '../../app/state.svelte';
import { backend, type SearchEntity, type SearchHit, type SearchQuery } from '../../ipc/client';
import { stale } from '../../lib/stale.svelte';
import { toasts } from '../../lib/toast.svelte';
import { ObservationFilters } from '../observations/filters.svelte';

export const ENTITY_LABEL: Record<SearchEntity, string> = { session: 'Session', observation: 'Observation', person: 'Person', idea: 'Idea', tag: 'Tag' };

/** The scopes offered, in order; `null` is everything. */
export const SCOPES: { entity: SearchEntity | null; label: string }[] = [
  { entity: null, label: 'All' },
  { entity: 'session', label: 'Sessions' },
  { entity: 'observation', label: 'Observations' },
  { entity: 'person', label: 'People' },
  { entity: 'idea', label: 'Ideas' },
  { entity: 'tag', label: 'Tags' },
];

/** Most hits one search shows (core's MAX_HITS). */
export const SEARCH_LIMIT = 200;
const DEBOUNCE_MS = 90;

class Search {
  text = $state('');
  /** Only this kind of thing; everything when null. */
  scope = $state<SearchEntity | null>(null);
  thisCycle = $state(false);
  readonly filters = new ObservationFilters();

  hits = $state.raw<SearchHit[]>([]);
  notice = $state('');
  searching = $state(false);
  /** The words the shown hits are for. */
  searched = $state('');
  /** Bumped to put the cursor in the Search view's words. */
  focusRequests = $state(0);
  /** The hit shown in the Search view's preview, as "entity:id". */
  selected = $state<string | null>(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #lastKey = '';

  /** Core's search for these words, scope and filters. */
  query(): SearchQuery {
    return {
      text: this.text,
      entities: this.scope ? [this.scope] : [],
      filter: this.filters.toFilter(this.thisCycle ? app.currentCycle?.id : null),
      limit: SEARCH_LIMIT,
    };
  }

  /** Whether a scope can find anything under the current filters (as core reads them). */
  allows(entity: SearchEntity): boolean {
    if (this.filters.observationOnly) return entity === 'observation';
    if (this.filters.sessionLevel) return entity === 'session' || entity === 'observation';
    if (this.thisCycle) return entity !== 'person' && entity !== 'tag';
    return true;
  }

  /**
   * Searches again after a short pause when the words, scope or filters changed (or
   * the data did: `version`). Screens call it from an effect; a repeat call for the same
   * search does nothing, and a stale answer never replaces a newer one.
   */
  schedule(version: number): void {
    const query = this.query();
    const key = JSON.stringify([query, version]);
    if (key === this.#lastKey) return;
    this.#lastKey = key;
    clearTimeout(this.#timer);
    const mine = ++this.#seq;
    if (!query.text.trim()) {
      this.hits = [];
      this.notice = '';
      this.searched = '';
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#timer = setTimeout(async () => {
      try {
        const results = await backend.search(query);
        if (mine !== this.#seq) return;
        this.hits = results.hits;
        this.notice = results.notice ?? '';
        this.searched = query.text;
      } catch (e) {
        if (mine === this.#seq) toasts.error(e);
      } finally {
        if (mine === this.#seq) this.searching = false;
      }
    }, DEBOUNCE_MS);
  }

  /** Clears the scope and every filter, keeping the words. */
  clearFilters(): void {
    this.scope = null;
    this.thisCycle = false;
    this.filters.clear();
  }
}

export const search = new Search();

/**
 * The version of what search looks in (sessions and their notes, observations, people,
 * ideas, tags), for `search.schedule`: read in an effect, it searches again when any changed.
 */
export function searchedVersion(): number {
  const v = stale.versions;
  return v.sessions + v.observations + v.people + v.ideas + v.tags;
}

export const hitKey = (h: SearchHit) => `${h.entity}:${h.id}`;

/** Shows the Search view with the cursor in its words. */
export function showSearch(): void {
  app.paletteOpen = false;
  app.go('search');
  search.focusRequests++;
}

/** Opens a hit in its own screen. */
export function openHit(h: SearchHit): void {
  if (h.entity === 'session') app.openSession(h.id);
  else if (h.entity === 'observation') {
    app.selectedObservationId = h.id;
    app.go('observations');
  } else if (h.entity === 'person') app.openPerson(h.id);
  else if (h.entity === 'idea') app.openIdea(h.id);
  else app.go('tags');
}

/** What "Open" says for a hit: the screen it opens in. */
export function opensIn(h: SearchHit): string {
  return { session: 'Sessions', observation: 'Observations', person: 'People', idea: 'Ideas', tag: 'Tags' }[h.entity];
}
