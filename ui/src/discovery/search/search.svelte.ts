/**
 * The one search: its words, what it looks in, its filters and its hits. The Search
 * view and the palette's search mode show the same search, so words typed in the
 * palette are there in the Search view, filters and all.
 */
import { app } from '../../app/state.svelte';
import type { SearchCounts, SearchEntity, SearchHit, SearchOrder, SearchQuery, Understood } from '../../ipc/client';
import { stale } from '../../lib/stale.svelte';
import { toasts } from '../../lib/toast.svelte';
import { ObservationFilters } from '../observations/filters.svelte';
import { searchFor } from '../state';

export const ENTITY_LABEL: Record<SearchEntity, string> = { session: 'Session', observation: 'Observation', person: 'Person', idea: 'Idea', tag: 'Tag', turn: 'Said' };

/** The scopes offered, in order; `null` is everything. `noun` names them in a sentence. */
export const SCOPES: { entity: SearchEntity | null; label: string; noun?: string }[] = [
  { entity: null, label: 'All' },
  { entity: 'session', label: 'Sessions' },
  { entity: 'observation', label: 'Observations' },
  // What speakers said in transcripts: one per speaker per transcript.
  { entity: 'turn', label: 'Said', noun: 'what was said in transcripts' },
  { entity: 'person', label: 'People' },
  { entity: 'idea', label: 'Ideas' },
  { entity: 'tag', label: 'Tags' },
];

/** Hits asked for at a time; more come as the list scrolls. */
export const SEARCH_PAGE = 50;
/** Most hits one answer may hold (core's MAX_HITS). */
const MAX_PAGE = 200;
const DEBOUNCE_MS = 90;

/** How many of a scope's things match, from core's counts; null is everything. */
export function countOf(counts: SearchCounts, entity: SearchEntity | null): number {
  if (!entity) return counts.sessions + counts.observations + counts.people + counts.ideas + counts.tags + counts.turns;
  return { session: counts.sessions, observation: counts.observations, person: counts.people, idea: counts.ideas, tag: counts.tags, turn: counts.turns }[entity];
}

const NO_COUNTS: SearchCounts = { sessions: 0, observations: 0, people: 0, ideas: 0, tags: 0, turns: 0 };
const NOTHING_UNDERSTOOD: Understood = { allOf: [], leftOut: [], filters: [] };

class Search {
  text = $state('');
  /** Only this kind of thing; everything when null. */
  scope = $state<SearchEntity | null>(null);
  thisCycle = $state(false);
  readonly filters = new ObservationFilters();

  /** The order asked for; null lets core choose (relevance unless the search is broad). */
  order = $state<SearchOrder | null>(null);

  /** The hits loaded so far, in order: the first pages of `total`. */
  hits = $state.raw<SearchHit[]>([]);
  /** How many things match in all (in the scope). */
  total = $state(0);
  counts = $state.raw<SearchCounts>(NO_COUNTS);
  /** The order the hits are in, and why, as core says. */
  shownOrder = $state<SearchOrder>('relevance');
  orderReason = $state('');
  understood = $state.raw<Understood>(NOTHING_UNDERSTOOD);
  loadingMore = $state(false);
  /** Bumped when the hits of a different search replace the shown ones (the list scrolls back to its top). */
  fresh = $state(0);
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
  #lastQuery: SearchQuery | null = null;

  /** Core's search for these words, scope, filters and order (its first page). */
  query(): SearchQuery {
    return {
      text: this.text,
      entities: this.scope ? [this.scope] : [],
      filter: this.filters.toFilter(this.thisCycle ? app.currentCycle?.id : null),
      limit: SEARCH_PAGE,
      offset: 0,
      ...(this.order ? { order: this.order } : {}),
    };
  }

  /** Whether hits beyond the loaded ones match. */
  get more(): boolean {
    return this.hits.length < this.total;
  }

  /** Loads the next page of the shown search (as the list scrolls to its end). */
  async loadMore(): Promise<void> {
    const query = this.#lastQuery;
    if (!query || this.loadingMore || !this.more) return;
    const mine = this.#seq;
    this.loadingMore = true;
    try {
      // The order core chose for the first page holds for every page.
      const results = await searchFor({ ...query, order: this.shownOrder, offset: this.hits.length, limit: SEARCH_PAGE });
      if (mine !== this.#seq) return;
      const seen = new Set(this.hits.map(hitKey));
      this.hits = [...this.hits, ...results.hits.filter((h) => !seen.has(hitKey(h)))];
      this.total = results.total;
      this.counts = results.counts;
    } catch (e) {
      if (mine === this.#seq) toasts.error(e);
    } finally {
      if (mine === this.#seq) this.loadingMore = false;
    }
  }

  /** Whether the filters, set in the bar or typed in the words, find observations only (kinds). */
  get observationOnly(): boolean {
    return this.filters.observationOnly || this.understood.filters.some((c) => c.field === 'kind');
  }

  /** Whether they find sessions and observations only (people, teams, sources, dates). */
  get sessionLevel(): boolean {
    return this.filters.sessionLevel || this.understood.filters.some((c) => c.field !== 'kind' && c.field !== 'tag');
  }

  /** Whether they name tags, which observations, sessions and ideas carry. */
  get tagged(): boolean {
    return this.filters.tagged || this.understood.filters.some((c) => c.field === 'tag');
  }

  /** Whether a scope can find anything under the current filters (as core reads them). */
  allows(entity: SearchEntity): boolean {
    if (this.observationOnly) return entity === 'observation';
    if (this.sessionLevel) return entity === 'session' || entity === 'observation' || entity === 'turn';
    if (this.tagged) return entity === 'session' || entity === 'observation' || entity === 'idea';
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
    // The same search again after a write keeps what was loaded (up to one answer's worth).
    const sameSearch = this.#lastQuery !== null && JSON.stringify(this.#lastQuery) === JSON.stringify(query);
    const mine = ++this.#seq;
    this.loadingMore = false;
    if (!query.text.trim()) {
      this.hits = [];
      this.total = 0;
      this.counts = NO_COUNTS;
      this.understood = NOTHING_UNDERSTOOD;
      this.orderReason = '';
      this.notice = '';
      this.searched = '';
      this.searching = false;
      this.#lastQuery = null;
      return;
    }
    this.searching = true;
    const asked = sameSearch ? { ...query, limit: Math.min(MAX_PAGE, Math.max(SEARCH_PAGE, this.hits.length)) } : query;
    this.#timer = setTimeout(async () => {
      try {
        const results = await searchFor(asked);
        if (mine !== this.#seq) return;
        if (!sameSearch) this.fresh++;
        this.#lastQuery = query;
        this.hits = results.hits;
        this.total = results.total;
        this.counts = results.counts;
        this.shownOrder = results.order;
        this.orderReason = results.orderReason;
        this.understood = results.understood;
        this.notice = results.notice ?? '';
        this.searched = query.text;
      } catch (e) {
        if (mine === this.#seq) toasts.error(e);
      } finally {
        if (mine === this.#seq) this.searching = false;
      }
    }, DEBOUNCE_MS);
  }

  /** The count shown above the hits: "50 of 512", or "12" when all are loaded. */
  get shownCount(): string {
    const total = this.total.toLocaleString();
    return this.more ? `${this.hits.length.toLocaleString()} of ${total}` : total;
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

/**
 * Shows in Search what carries a tag (in one scope, or everywhere), as `tag:"name"` so
 * the person sees how to ask for it themselves. A quote cannot sit inside a quoted
 * value: a name holding one is asked for by its words before the quote.
 */
export function showTagged(name: string, scope: SearchEntity | null): void {
  search.clearFilters();
  search.text = `tag:"${name.split('"')[0].trim()}"`;
  search.scope = scope;
  showSearch();
}

/** Opens a hit in its own screen. */
export function openHit(h: SearchHit): void {
  if (h.entity === 'session') app.openSession(h.id);
  else if (h.entity === 'turn' && h.sessionId) app.openTurn(h.sessionId, h.id);
  else if (h.entity === 'observation') {
    app.selectedObservationId = h.id;
    app.go('observations');
  } else if (h.entity === 'person') app.openPerson(h.id);
  else if (h.entity === 'idea') app.openIdea(h.id);
  else app.go('tags');
}

/** What "Open" says for a hit: the screen it opens in. */
export function opensIn(h: SearchHit): string {
  return { session: 'Sessions', observation: 'Observations', person: 'People', idea: 'Ideas', tag: 'Tags', turn: 'Sessions' }[h.entity];
}
