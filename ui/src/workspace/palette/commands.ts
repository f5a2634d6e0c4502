/** What the command palette offers. Each command is also reachable by its shortcut. */
import { app, MODE_LABEL } from '../../app/state.svelte';
import { SHORTCUTS, type ShortcutName } from '../../lib/shortcuts';
import { toasts } from '../../lib/toast.svelte';
import { showSearch } from '../../discovery';
import { chooseNewWorkspace, chooseWorkspaceToOpen, openDefaultWorkspace, openSampleWorkspace } from '../state';
import { canReturn, cycleFlow, nextMode, type CycleAction } from '../cycles/flow.svelte';
import { sharing } from '../sharing/sharing.svelte';

export interface Command {
  id: string;
  title: string;
  hint?: string;
  shortcut?: ShortcutName;
  /** Shown only when this holds. */
  when?: () => boolean;
  run: () => void | Promise<void>;
}

const hasWorkspace = () => app.phase === 'open';

/** Opens the Cycles view on the current cycle and asks it for `action` (the review, the question, the field its buttons open). */
function onCurrentCycle(action: CycleAction) {
  const c = app.currentCycle;
  if (!c) return;
  app.go('cycles');
  cycleFlow.request = { action, id: c.id };
}
const current = () => (hasWorkspace() ? app.currentCycle : null);
const next = () => {
  const c = current();
  return c ? nextMode(c.mode) : null;
};

/** Every action on a cycle, as the Cycles view offers them. */
const CYCLE_COMMANDS: Command[] = [
  {
    id: 'cycle-advance',
    get title() {
      return next() === 'closed' ? 'Close the current cycle…' : `Advance the cycle to ${MODE_LABEL[next() ?? 'prioritization'].toLowerCase()}…`;
    },
    get hint() {
      const c = current();
      return c ? `Move “${c.name}” to its next mode: ${MODE_LABEL[c.mode]} → ${MODE_LABEL[next() ?? c.mode]}` : undefined;
    },
    when: () => !!next(),
    run: () => onCurrentCycle('advance'),
  },
  {
    id: 'cycle-return',
    title: 'Return the cycle to discovery…',
    get hint() {
      return `Take “${current()?.name}” back a mode, with a reason kept in its history`;
    },
    when: () => !!current() && canReturn(current()!.mode),
    run: () => onCurrentCycle('return'),
  },
  {
    id: 'cycle-rename',
    title: 'Rename the cycle…',
    get hint() {
      return `“${current()?.name}”`;
    },
    when: () => !!current() && current()!.mode !== 'closed',
    run: () => onCurrentCycle('rename'),
  },
  {
    id: 'cycle-history',
    title: 'Show the cycle’s history',
    hint: 'Each change of mode, with its reason',
    when: () => !!current(),
    run: () => onCurrentCycle('history'),
  },
];

export const COMMANDS: Command[] = [
  { id: 'new-session', title: 'New session', hint: 'Log a coffee chat, survey, scan…', shortcut: 'newSession', when: hasWorkspace, run: () => app.requestNewSession() },
  { id: 'import-notes', title: 'Import notes…', hint: 'An Obsidian vault, a folder of Markdown, a Joplin or Notion export, a CSV of notes (Productboard, Dovetail)', when: () => hasWorkspace() && !!app.currentCycle, run: () => { app.importNotesOpen = true; } },
  { id: 'import-transcript', title: 'Import transcript…', hint: 'Zoom, Teams, Meet, Otter, SubRip or WebVTT: each speaker tied to a person', when: () => hasWorkspace() && !!app.currentCycle, run: () => { app.importTranscript = { sessionId: app.view === 'sessions' ? app.selectedSessionId : null }; } },
  { id: 'import-tickets', title: 'Import tickets…', hint: 'A support queue: Jira, ServiceNow or Zendesk CSV, GitHub issues JSON', when: () => hasWorkspace() && !!app.currentCycle, run: () => { app.importTicketsOpen = true; } },
  { id: 'switch-cycle', title: 'Switch cycle…', shortcut: 'switchCycle', when: () => hasWorkspace() && app.cycles.length > 0, run: () => app.openPalette('cycles') },
  { id: 'new-cycle', title: 'New cycle', hint: 'Start a planning round', when: hasWorkspace, run: () => { app.newCycleOpen = true; } },
  ...CYCLE_COMMANDS,
  { id: 'go-sessions', title: 'Go to Sessions', shortcut: 'goSessions', when: hasWorkspace, run: () => app.go('sessions') },
  { id: 'search', title: 'Search', hint: 'Sessions, notes, observations, people, ideas, tags — with filters', shortcut: 'search', when: hasWorkspace, run: showSearch },
  { id: 'go-observations', title: 'Go to Observations', shortcut: 'goObservations', when: hasWorkspace, run: () => app.go('observations') },
  { id: 'go-people', title: 'Go to People', shortcut: 'goPeople', when: hasWorkspace, run: () => app.go('people') },
  { id: 'go-ideas', title: 'Go to Ideas', shortcut: 'goIdeas', when: hasWorkspace, run: () => app.go('ideas') },
  { id: 'go-pains', title: 'Go to Pains', hint: 'User pain made from the evidence, with reach', shortcut: 'goPains', when: hasWorkspace, run: () => app.go('pains') },
  { id: 'go-solutions', title: 'Go to Solutions', hint: 'Solutions per bucket, experiments, the 70/30 guard', shortcut: 'goSolutions', when: hasWorkspace, run: () => app.go('solutions') },
  { id: 'go-documents', title: 'Go to Charter & vision', hint: 'Draft the charter and the three-year vision, cite evidence, export', shortcut: 'goDocuments', when: hasWorkspace, run: () => app.go('documents') },
  { id: 'go-roadmap', title: 'Go to Roadmap', hint: 'Now / Next / Later from the solutions, the 12-month view, the 70/30 split', shortcut: 'goRoadmap', when: hasWorkspace, run: () => app.go('roadmap') },
  { id: 'go-tradeoffs', title: 'Go to Trade-offs', hint: 'Whom we serve excellently and less well; where we stand', shortcut: 'goTradeoffs', when: hasWorkspace, run: () => app.go('tradeoffs') },
  { id: 'go-surveys', title: 'Go to Surveys', hint: 'Import a wave, chart it across waves, turn answers into evidence', shortcut: 'goSurveys', when: hasWorkspace, run: () => app.go('surveys') },
  { id: 'go-loop', title: 'Go to Close the loop', hint: 'Check-ins due, SLAs, adoption, kudos, and “you said, we did” for each team', shortcut: 'goLoop', when: hasWorkspace, run: () => app.go('loop') },
  { id: 'go-tags', title: 'Go to Tags', shortcut: 'goTags', when: hasWorkspace, run: () => app.go('tags') },
  { id: 'go-coverage', title: 'Go to Coverage', hint: 'Channels used, teams not heard, ask-load', shortcut: 'goCoverage', when: hasWorkspace, run: () => app.go('coverage') },
  { id: 'go-templates', title: 'Edit session templates', when: hasWorkspace, run: () => app.go('templates') },
  { id: 'go-cycles', title: 'Go to Cycles', shortcut: 'goCycles', when: hasWorkspace, run: () => app.go('cycles') },
  { id: 'go-trash', title: 'Go to Trash', shortcut: 'goTrash', when: hasWorkspace, run: () => app.go('trash') },
  { id: 'share', title: 'Share with git…', hint: 'Share this workspace with your team through a git repository', when: () => hasWorkspace() && sharing.status !== null && !sharing.shared, run: () => { app.shareOpen = 'share'; } },
  { id: 'sync', title: 'Sync now', hint: 'Commit what changed here, merge what others pushed, push', when: () => hasWorkspace() && sharing.shared && !sharing.running, run: () => sharing.sync() },
  { id: 'join-shared', title: 'Open a shared workspace…', hint: 'Make your copy of the workspace your team shares in a git repository', run: () => { app.shareOpen = 'join'; } },
  { id: 'go-sharing', title: 'Go to Sharing', hint: 'The repository, the last sync, conflicts to settle', when: hasWorkspace, run: () => app.go('sharing') },
  { id: 'open-workspace', title: 'Open workspace…', hint: 'Open a .groundwork file', shortcut: 'openWorkspace', run: () => app.openWorkspace(chooseWorkspaceToOpen) },
  { id: 'new-workspace', title: 'New workspace…', hint: 'Create a new .groundwork file', shortcut: 'newWorkspace', run: () => app.openWorkspace(chooseNewWorkspace) },
  { id: 'open-default', title: 'Open default workspace', run: () => app.openWorkspace(openDefaultWorkspace) },
  { id: 'open-sample', title: 'Open the sample workspace', hint: 'A fictional platform team’s discovery cycle', run: () => app.openWorkspace(openSampleWorkspace) },
];

/**
 * Runs the command a menu item names, as the palette would; one that cannot run now
 * says why instead of doing nothing.
 */
export function runMenuCommand(id: string): void {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) return;
  if (command.when && !command.when()) {
    toasts.show(
      app.phase !== 'open'
        ? `Open or create a workspace first: “${command.title}” works in one.`
        : !app.currentCycle
          ? `Start a cycle first: “${command.title}” works in the current cycle.`
          : `“${command.title}” cannot be done here.`,
    );
    return;
  }
  void command.run();
}

export function shortcutOf(c: Command) {
  return c.shortcut ? SHORTCUTS[c.shortcut] : undefined;
}
