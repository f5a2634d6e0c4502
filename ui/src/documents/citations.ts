/**
 * Citation tokens in a document's Markdown (`[@obs:UUID]`, `[@live:pains:5]`) and the
 * chips the editor shows for them: a short label, the quote on hover, the state of
 * the cited evidence as a colour. A chip is built from text nodes only: a quote that
 * holds markup stays text.
 */
import { Decoration, EditorView, MatchDecorator, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import type { Citation, CitedKind, CitedText } from '../ipc/client';

/** Evidence chosen in the picker. */
export interface Cited {
  kind: CitedKind;
  id: string;
  /** What the chip shows until the document is saved. */
  kept: CitedText;
}

/** Every token, as core reads them. */
export const TOKEN = /\[@(obs|pain|bucket|solution|session|kudos):([0-9a-fA-F-]{36})\]|\[@live:(pains(?::\d+)?|tradeoffs)\]/g;

export const WORD: Record<CitedKind, string> = { observation: 'obs', pain: 'pain', bucket: 'bucket', solution: 'solution', session: 'session', kudos: 'kudos' };
const KIND_OF: Record<string, CitedKind> = { obs: 'observation', pain: 'pain', bucket: 'bucket', solution: 'solution', session: 'session', kudos: 'kudos' };

/** The token that cites `id`. */
export function token(kind: CitedKind, id: string): string {
  return `[@${WORD[kind]}:${id}]`;
}

export interface Chip {
  label: string;
  /** The hover text: the quote, who said it and where. */
  title: string;
  /** current, edited, merged, trashed, missing, new (cited, not saved yet) or live. */
  state: string;
}

const STATE_NOTE: Record<string, string> = {
  edited: 'Edited since it was cited; the document keeps the text it had.',
  merged: 'Merged into another since it was cited; the document keeps the text it had.',
  trashed: 'In the trash since it was cited; the document keeps the text it had.',
  missing: 'Not in this workspace.',
};

function short(text: string, max = 42): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** How the citations list and a kept version name a citation's state. */
export const STATE_LABEL: Record<string, string> = { current: 'as cited', edited: 'edited since', merged: 'merged since', trashed: 'in the trash', missing: 'not found' };

/** What a citation's chip says. */
export function chipOf(c: Pick<Citation, 'kind' | 'kept' | 'state'>): Chip {
  const k = c.kept;
  const prefix = c.kind === 'observation' ? '' : `${c.kind[0].toUpperCase()}${c.kind.slice(1)}: `;
  const label = c.kind === 'observation' ? `“${short(k.text)}”` : `${prefix}${short(k.text, 34)}`;
  const who = [k.who && (k.teams ? `${k.who} (${k.teams})` : k.who), k.sessionTitle, k.sessionDate].filter(Boolean).join(' · ');
  const title = [c.kind === 'observation' ? `“${k.text}”` : `${prefix}${k.text}`, who, STATE_NOTE[c.state] ?? ''].filter(Boolean).join('\n');
  return { label: label || 'Citation', title, state: c.state };
}

/** The chip of a live section. */
export function liveChip(what: string): Chip {
  if (what === 'tradeoffs') return { label: 'Live: the trade-off map', title: 'Shows whom the cycle serves excellently and less well, and its trade-offs, as they are now. A version freezes it.', state: 'live' };
  const top = what.split(':')[1] ?? '10';
  return { label: `Live: ranked pains, top ${top}`, title: `Shows the top ${top} of the ranked list of user pain as it is now. A version freezes it.`, state: 'live' };
}

/** Finds a citation's chip by its kind and id. */
export type ChipLookup = (kind: CitedKind, id: string) => Chip;

class ChipWidget extends WidgetType {
  constructor(
    readonly chip: Chip,
    readonly source: string,
  ) {
    super();
  }
  eq(other: ChipWidget): boolean {
    return other.source === this.source && other.chip.label === this.chip.label && other.chip.state === this.chip.state && other.chip.title === this.chip.title;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `cm-cite cm-cite-${this.chip.state}`;
    span.textContent = this.chip.label;
    span.title = this.chip.title;
    span.dataset.testid = 'cite-chip';
    span.dataset.state = this.chip.state;
    return span;
  }
  ignoreEvent(): boolean {
    return false;
  }
}

/** Shows every token as a chip; `lookup` is asked again whenever the editor redraws. */
export function citationChips(lookup: () => ChipLookup): Extension {
  const decorator = new MatchDecorator({
    regexp: TOKEN,
    decoration: (m) => {
      const chip = m[3] ? liveChip(m[3]) : lookup()(KIND_OF[m[1]], m[2].toLowerCase());
      return Decoration.replace({ widget: new ChipWidget(chip, m[0]) });
    },
  });
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(u: ViewUpdate) {
        // An empty transaction (a redraw) means what the chips show changed.
        const redraw = u.transactions.some((t) => !t.docChanged && !t.selection);
        this.decorations = redraw ? decorator.createDeco(u.view) : decorator.updateDeco(u, this.decorations);
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [
    plugin,
    // The cursor steps over a chip as one character, and Backspace removes it whole.
    EditorView.atomicRanges.of((view) => view.plugin(plugin)?.decorations ?? Decoration.none),
    EditorView.baseTheme({
      '.cm-cite': { display: 'inline-block', padding: '0 7px', margin: '0 1px', borderRadius: '999px', fontSize: '0.86em', lineHeight: '1.5', background: 'var(--accent-soft)', color: 'var(--accent-strong)', border: '1px solid transparent', cursor: 'help', whiteSpace: 'nowrap', maxWidth: '28em', overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'baseline' },
      '.cm-cite-edited, .cm-cite-merged': { background: 'var(--warning-soft)', color: 'var(--warning)', borderColor: 'var(--warning)' },
      '.cm-cite-trashed, .cm-cite-missing': { background: 'var(--danger-soft)', color: 'var(--danger)', borderColor: 'var(--danger)' },
      '.cm-cite-live': { background: 'var(--surface-3)', color: 'var(--text-2)', borderStyle: 'dashed', borderColor: 'var(--border-strong)' },
      '.cm-cite-new': { background: 'var(--surface-2)', color: 'var(--text-2)' },
    }),
  ];
}

/** Marks the lines the evidence lint points at (claims citing nothing); asked again on each redraw. */
export function lintMarks(lines: () => number[]): Extension {
  const mark = Decoration.line({ class: 'cm-uncited', attributes: { title: 'A claim with no citation: who said so?' } });
  const build = (view: EditorView): DecorationSet => {
    const b = new RangeSetBuilder<Decoration>();
    const doc = view.state.doc;
    for (const n of [...new Set(lines())].sort((x, y) => x - y)) {
      if (n >= 1 && n <= doc.lines) b.add(doc.line(n).from, doc.line(n).from, mark);
    }
    return b.finish();
  };
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(u: ViewUpdate) {
        if (u.transactions.some((t) => !t.docChanged && !t.selection)) this.decorations = build(u.view);
        else if (u.docChanged) this.decorations = this.decorations.map(u.changes);
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [plugin, EditorView.baseTheme({ '.cm-uncited': { textDecoration: 'underline wavy var(--warning)', textDecorationSkipInk: 'none', textUnderlineOffset: '4px' } })];
}
