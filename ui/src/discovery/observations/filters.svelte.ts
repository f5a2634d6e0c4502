/**
 * The observation filters a person sets (kind, tag, person, team, source kind, dates),
 * held with the chips' labels so a screen can show them again. The Observations view
 * and Search each keep one; both turn it into the same `ObservationFilter` for core.
 */
import type { ObservationFilter, ObservationKind, SourceKind } from '../../ipc/client';
import type { Chip } from '../../lib/ChipPicker.svelte';

export class ObservationFilters {
  kinds = $state<ObservationKind[]>([]);
  tags = $state<Chip[]>([]);
  people = $state<Chip[]>([]);
  teams = $state<Chip[]>([]);
  sourceKind = $state<SourceKind | ''>('');
  from = $state('');
  to = $state('');

  /** How many filters sit behind the "Filters" button (everything but the kinds). */
  readonly hidden = $derived(this.tags.length + this.people.length + this.teams.length + (this.sourceKind ? 1 : 0) + (this.from ? 1 : 0) + (this.to ? 1 : 0));
  /** How many filters are set in all. */
  readonly count = $derived(this.kinds.length + this.hidden);
  /** Kinds describe observations only: a search with them finds nothing else. */
  readonly observationOnly = $derived(this.kinds.length > 0);
  /** Tags describe observations, sessions and ideas, never people or tags. */
  readonly tagged = $derived(this.tags.length > 0);
  /** People, teams, source kinds and dates describe sessions and observations only. */
  readonly sessionLevel = $derived(this.people.length + this.teams.length > 0 || !!this.sourceKind || !!this.from || !!this.to);

  toggleKind(kind: ObservationKind): void {
    this.kinds = this.kinds.includes(kind) ? this.kinds.filter((k) => k !== kind) : [...this.kinds, kind];
  }

  clear(): void {
    this.kinds = [];
    this.tags = [];
    this.people = [];
    this.teams = [];
    this.sourceKind = '';
    this.from = this.to = '';
  }

  /** The filter core reads, limited to one cycle when `cycleId` is given. */
  toFilter(cycleId?: string | null): ObservationFilter {
    return {
      cycleId: cycleId ?? undefined,
      kinds: this.kinds,
      tagIds: this.tags.map((t) => t.id),
      personIds: this.people.map((p) => p.id),
      teamIds: this.teams.map((t) => t.id),
      sourceKinds: this.sourceKind ? [this.sourceKind] : [],
      from: this.from || undefined,
      to: this.to || undefined,
    };
  }
}

/** A filter that lets everything through. */
export const NO_FILTER: ObservationFilter = { kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] };
