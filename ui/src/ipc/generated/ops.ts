// Generated from crates/api/src/table.rs (the operation table). Do not edit.
import type { Adoption, AdoptionInput, Answer, AnswerInput, AnswerRef, AnswerTarget, Assessment, AxisInput, Bucket, BucketInput, CandidatePain, Checkin, CheckinDue, CheckinInput, Conflict, Coverage, Criterion, CriterionInput, Cycle, CycleEvent, CycleReview, Document, DocumentDiff, DocumentKind, DocumentLint, DocumentSaved, DocumentVersion, DocumentVersionView, EvidenceLink, Experiment, ExperimentInput, Explanation, ExportDoc, ExportFormat, Exported, FollowedLink, Framework, Idea, IdeaInput, Kudos, KudosInput, Lane, MergeDone, MilestoneInput, NewObservation, NewSession, NotesChoice, NotesSaved, NotesVersion, Observation, ObservationKind, ObservationList, ObservationQuery, ObservationUpdate, Pain, PainCited, PainInput, PainLike, PainUpdate, PeopleQuery, Person, PersonInput, PersonSummary, PlanBalance, Ranking, Roadmap, RoadmapItem, RoadmapItemInput, ScoreInputs, SearchQuery, SearchResults, ServeInput, Session, SessionList, SessionQuery, SessionTemplate, SessionTranscript, SessionUpdate, Settle, ShareStatus, SimilarObservation, Sla, SlaInput, SlaLevelInput, Solution, SolutionInput, SourceKind, SourceKindInfo, SpeakerChoice, Split, SupportQueue, Survey, SurveyCharts, SurveyMapping, SurveyPreview, Tag, TagInput, Team, TeamDigest, TeamInput, TextAnswer, TicketImport, TicketPreview, TicketQueue, TicketsImported, TradeoffAxis, Tradeoffs, TranscriptImport, TranscriptImportPreview, TranscriptImported, TranscriptPreview, TrashEntity, TrashItem, WaveImport, WaveImported } from './index';

/** A list the UI shows; a write names the lists it makes stale. */
export type Stale = 'cycles' | 'sessions' | 'observations' | 'people' | 'teams' | 'tags' | 'ideas' | 'pains' | 'criteria' | 'tradeoffs' | 'solutions' | 'roadmap' | 'trash' | 'templates' | 'coverage' | 'settings' | 'documents' | 'surveys' | 'checkins' | 'slas' | 'adoption' | 'kudos' | 'answers' | 'sharing';
/** Every list, for when another process changed the workspace. */
export const ALL_STALE: readonly Stale[] = ['cycles', 'sessions', 'observations', 'people', 'teams', 'tags', 'ideas', 'pains', 'criteria', 'tradeoffs', 'solutions', 'roadmap', 'trash', 'templates', 'coverage', 'settings', 'documents', 'surveys', 'checkins', 'slas', 'adoption', 'kudos', 'answers', 'sharing'];

/** Every operation's name. */
export type OpName =
  | 'list_cycles'
  | 'create_cycle'
  | 'rename_cycle'
  | 'set_current_cycle'
  | 'advance_cycle'
  | 'return_to_discovery'
  | 'cycle_history'
  | 'cycle_review'
  | 'list_source_kinds'
  | 'list_sessions'
  | 'get_session'
  | 'create_session'
  | 'update_session'
  | 'save_notes'
  | 'resolve_notes'
  | 'notes_versions'
  | 'delete_session'
  | 'list_people'
  | 'people_by_id'
  | 'get_person'
  | 'create_person'
  | 'update_person'
  | 'delete_person'
  | 'list_teams'
  | 'create_team'
  | 'update_team'
  | 'delete_team'
  | 'ask_load_threshold'
  | 'set_ask_load_threshold'
  | 'merge_people'
  | 'undo_merge'
  | 'list_observations'
  | 'get_observation'
  | 'create_observation'
  | 'update_observation'
  | 'delete_observation'
  | 'merge_observations'
  | 'list_tags'
  | 'create_tag'
  | 'update_tag'
  | 'merge_tags'
  | 'tag_observations'
  | 'tag_sessions'
  | 'tag_ideas'
  | 'delete_tag'
  | 'list_ideas'
  | 'create_idea'
  | 'update_idea'
  | 'assess_idea'
  | 'delete_idea'
  | 'list_pains'
  | 'pain_rows'
  | 'get_pain'
  | 'pains_citing'
  | 'create_pain'
  | 'candidate_pains'
  | 'pains_like'
  | 'dismiss_candidate'
  | 'pain_from_observation'
  | 'update_pain'
  | 'link_evidence'
  | 'unlink_evidence'
  | 'move_pain'
  | 'delete_pain'
  | 'scoring_framework'
  | 'set_scoring_framework'
  | 'score_pain'
  | 'override_rank'
  | 'rank'
  | 'explain_rank'
  | 'list_buckets'
  | 'create_bucket'
  | 'update_bucket'
  | 'delete_bucket'
  | 'list_criteria'
  | 'create_criterion'
  | 'update_criterion'
  | 'delete_criterion'
  | 'tradeoffs'
  | 'set_serve'
  | 'create_axis'
  | 'update_axis'
  | 'delete_axis'
  | 'list_solutions'
  | 'create_solution'
  | 'update_solution'
  | 'delete_solution'
  | 'create_experiment'
  | 'update_experiment'
  | 'delete_experiment'
  | 'plan_balance'
  | 'set_plan_target'
  | 'get_roadmap'
  | 'create_roadmap_item'
  | 'update_roadmap_item'
  | 'move_roadmap_item'
  | 'delete_roadmap_item'
  | 'get_document'
  | 'save_document'
  | 'snapshot_document'
  | 'get_document_version'
  | 'diff_document_versions'
  | 'lint_document'
  | 'evidence_max_age'
  | 'set_evidence_max_age'
  | 'export_document'
  | 'preview_transcript'
  | 'preview_transcript_import'
  | 'import_transcript'
  | 'get_session_transcripts'
  | 'map_transcript_speaker'
  | 'set_turn_speaker'
  | 'preview_survey_import'
  | 'import_survey_wave'
  | 'list_surveys'
  | 'get_survey'
  | 'survey_charts'
  | 'survey_text_answers'
  | 'answers_to_observations'
  | 'checkins_due'
  | 'set_checkin_rhythm'
  | 'record_checkin'
  | 'delete_checkin'
  | 'list_slas'
  | 'create_sla'
  | 'update_sla'
  | 'delete_sla'
  | 'add_sla_level'
  | 'delete_sla_level'
  | 'list_adoptions'
  | 'create_adoption'
  | 'update_adoption'
  | 'delete_adoption'
  | 'add_milestone'
  | 'update_milestone'
  | 'delete_milestone'
  | 'list_kudos'
  | 'create_kudos'
  | 'update_kudos'
  | 'delete_kudos'
  | 'list_answers'
  | 'answer_of'
  | 'mark_answered'
  | 'unmark_answered'
  | 'team_digest'
  | 'export_digest'
  | 'search'
  | 'similar_observations'
  | 'likely_duplicates'
  | 'coverage'
  | 'support_queue'
  | 'preview_tickets'
  | 'import_tickets'
  | 'follow_note_link'
  | 'list_templates'
  | 'set_template'
  | 'reset_template'
  | 'list_trash'
  | 'restore_from_trash'
  | 'share_status'
  | 'set_auto_sync'
  | 'list_conflicts'
  | 'settle_conflict'
  | 'render_markdown';

/** What each operation makes stale (a write's changes; none for a read). */
export const STALE: Record<OpName, readonly Stale[]> = {
  list_cycles: [],
  create_cycle: ['cycles'],
  rename_cycle: ['cycles'],
  set_current_cycle: ['cycles', 'sessions', 'observations', 'ideas', 'coverage'],
  advance_cycle: ['cycles', 'sessions', 'observations', 'ideas', 'pains', 'criteria', 'tradeoffs', 'solutions', 'roadmap', 'coverage'],
  return_to_discovery: ['cycles', 'sessions', 'observations', 'ideas', 'pains', 'criteria', 'tradeoffs', 'solutions', 'roadmap', 'coverage'],
  cycle_history: [],
  cycle_review: [],
  list_source_kinds: [],
  list_sessions: [],
  get_session: [],
  create_session: ['sessions', 'cycles', 'people', 'tags', 'coverage'],
  update_session: ['sessions', 'observations', 'people', 'tags', 'coverage'],
  save_notes: ['observations'],
  resolve_notes: ['sessions', 'observations'],
  notes_versions: [],
  delete_session: ['sessions', 'cycles', 'observations', 'people', 'tags', 'coverage', 'trash'],
  list_people: [],
  people_by_id: [],
  get_person: [],
  create_person: ['people', 'teams'],
  update_person: ['people', 'teams', 'sessions', 'observations', 'pains', 'coverage'],
  delete_person: ['people', 'teams', 'sessions', 'observations', 'pains', 'coverage', 'trash'],
  list_teams: [],
  create_team: ['teams', 'coverage'],
  update_team: ['teams', 'people', 'pains', 'coverage'],
  delete_team: ['teams', 'people', 'pains', 'coverage', 'trash'],
  ask_load_threshold: [],
  set_ask_load_threshold: ['settings', 'coverage'],
  merge_people: ['people', 'teams', 'sessions', 'observations', 'pains', 'coverage'],
  undo_merge: ['people', 'teams', 'sessions', 'observations', 'tags', 'ideas', 'pains', 'coverage'],
  list_observations: [],
  get_observation: [],
  create_observation: ['observations', 'tags', 'people', 'coverage'],
  update_observation: ['observations', 'tags', 'people', 'ideas', 'pains', 'coverage'],
  delete_observation: ['observations', 'tags', 'people', 'ideas', 'pains', 'coverage', 'trash'],
  merge_observations: ['observations', 'tags', 'people', 'ideas', 'pains', 'coverage'],
  list_tags: [],
  create_tag: ['tags'],
  update_tag: ['tags', 'observations', 'sessions', 'ideas'],
  merge_tags: ['tags', 'observations', 'sessions', 'ideas'],
  tag_observations: ['tags', 'observations'],
  tag_sessions: ['tags', 'sessions'],
  tag_ideas: ['tags', 'ideas'],
  delete_tag: ['tags', 'observations', 'sessions', 'ideas', 'trash'],
  list_ideas: [],
  create_idea: ['ideas', 'tags'],
  update_idea: ['ideas', 'tags'],
  assess_idea: ['ideas'],
  delete_idea: ['ideas', 'tags', 'trash'],
  list_pains: [],
  pain_rows: [],
  get_pain: [],
  pains_citing: [],
  create_pain: ['pains'],
  candidate_pains: [],
  pains_like: [],
  dismiss_candidate: ['pains'],
  pain_from_observation: ['pains'],
  update_pain: ['pains'],
  link_evidence: ['pains'],
  unlink_evidence: ['pains'],
  move_pain: ['pains'],
  delete_pain: ['pains', 'trash'],
  scoring_framework: [],
  set_scoring_framework: ['pains', 'settings'],
  score_pain: ['pains'],
  override_rank: ['pains'],
  rank: [],
  explain_rank: [],
  list_buckets: [],
  create_bucket: ['pains'],
  update_bucket: ['pains'],
  delete_bucket: ['pains', 'trash'],
  list_criteria: [],
  create_criterion: ['criteria', 'pains'],
  update_criterion: ['criteria', 'pains'],
  delete_criterion: ['criteria', 'pains', 'trash'],
  tradeoffs: [],
  set_serve: ['tradeoffs', 'pains'],
  create_axis: ['tradeoffs'],
  update_axis: ['tradeoffs'],
  delete_axis: ['tradeoffs', 'trash'],
  list_solutions: [],
  create_solution: ['solutions'],
  update_solution: ['solutions'],
  delete_solution: ['solutions', 'roadmap', 'trash'],
  create_experiment: ['solutions'],
  update_experiment: ['solutions'],
  delete_experiment: ['solutions', 'trash'],
  plan_balance: [],
  set_plan_target: ['solutions'],
  get_roadmap: [],
  create_roadmap_item: ['roadmap'],
  update_roadmap_item: ['roadmap'],
  move_roadmap_item: ['roadmap'],
  delete_roadmap_item: ['roadmap', 'trash'],
  get_document: [],
  save_document: ['documents'],
  snapshot_document: ['documents'],
  get_document_version: [],
  diff_document_versions: [],
  lint_document: [],
  evidence_max_age: [],
  set_evidence_max_age: ['settings', 'documents'],
  export_document: [],
  preview_transcript: [],
  preview_transcript_import: [],
  import_transcript: ['sessions', 'cycles', 'people', 'teams', 'coverage'],
  get_session_transcripts: [],
  map_transcript_speaker: ['sessions', 'observations', 'people', 'teams', 'coverage'],
  set_turn_speaker: ['sessions', 'observations', 'people', 'coverage'],
  preview_survey_import: [],
  import_survey_wave: ['surveys', 'sessions', 'cycles', 'people', 'teams', 'coverage'],
  list_surveys: [],
  get_survey: [],
  survey_charts: [],
  survey_text_answers: [],
  answers_to_observations: ['observations', 'surveys', 'tags', 'people', 'coverage'],
  checkins_due: [],
  set_checkin_rhythm: ['checkins', 'people'],
  record_checkin: ['checkins', 'people'],
  delete_checkin: ['checkins', 'people', 'trash'],
  list_slas: [],
  create_sla: ['slas'],
  update_sla: ['slas'],
  delete_sla: ['slas', 'trash'],
  add_sla_level: ['slas'],
  delete_sla_level: ['slas', 'trash'],
  list_adoptions: [],
  create_adoption: ['adoption'],
  update_adoption: ['adoption'],
  delete_adoption: ['adoption', 'trash'],
  add_milestone: ['adoption'],
  update_milestone: ['adoption'],
  delete_milestone: ['adoption', 'trash'],
  list_kudos: [],
  create_kudos: ['kudos'],
  update_kudos: ['kudos'],
  delete_kudos: ['kudos', 'trash'],
  list_answers: [],
  answer_of: [],
  mark_answered: ['answers', 'observations', 'pains'],
  unmark_answered: ['answers', 'observations', 'pains', 'trash'],
  team_digest: [],
  export_digest: [],
  search: [],
  similar_observations: [],
  likely_duplicates: [],
  coverage: [],
  support_queue: [],
  preview_tickets: [],
  import_tickets: ['sessions', 'observations', 'people', 'teams', 'tags', 'coverage', 'cycles'],
  follow_note_link: [],
  list_templates: [],
  set_template: ['templates'],
  reset_template: ['templates'],
  list_trash: [],
  restore_from_trash: ['trash', 'sessions', 'cycles', 'observations', 'people', 'teams', 'tags', 'ideas', 'pains', 'criteria', 'tradeoffs', 'solutions', 'roadmap', 'coverage', 'documents', 'checkins', 'slas', 'adoption', 'kudos', 'answers'],
  share_status: [],
  set_auto_sync: ['sharing'],
  list_conflicts: [],
  settle_conflict: ['sharing', 'sessions', 'cycles', 'observations', 'people', 'teams', 'tags', 'ideas', 'pains', 'criteria', 'tradeoffs', 'solutions', 'roadmap', 'coverage', 'documents', 'surveys', 'checkins', 'slas', 'adoption', 'kudos', 'answers', 'templates', 'settings'],
  render_markdown: [],
};

/** What each read shows (none for a write): a view showing it reloads when they change. */
export const SHOWS: Record<OpName, readonly Stale[]> = {
  list_cycles: ['cycles'],
  create_cycle: [],
  rename_cycle: [],
  set_current_cycle: [],
  advance_cycle: [],
  return_to_discovery: [],
  cycle_history: ['cycles'],
  cycle_review: ['sessions', 'observations', 'ideas', 'coverage'],
  list_source_kinds: [],
  list_sessions: ['sessions'],
  get_session: ['sessions'],
  create_session: [],
  update_session: [],
  save_notes: [],
  resolve_notes: [],
  notes_versions: ['sessions'],
  delete_session: [],
  list_people: ['people'],
  people_by_id: ['people'],
  get_person: ['people', 'checkins'],
  create_person: [],
  update_person: [],
  delete_person: [],
  list_teams: ['teams'],
  create_team: [],
  update_team: [],
  delete_team: [],
  ask_load_threshold: ['settings'],
  set_ask_load_threshold: [],
  merge_people: [],
  undo_merge: [],
  list_observations: ['observations'],
  get_observation: ['observations', 'answers'],
  create_observation: [],
  update_observation: [],
  delete_observation: [],
  merge_observations: [],
  list_tags: ['tags'],
  create_tag: [],
  update_tag: [],
  merge_tags: [],
  tag_observations: [],
  tag_sessions: [],
  tag_ideas: [],
  delete_tag: [],
  list_ideas: ['ideas'],
  create_idea: [],
  update_idea: [],
  assess_idea: [],
  delete_idea: [],
  list_pains: ['pains'],
  pain_rows: ['pains'],
  get_pain: ['pains', 'answers'],
  pains_citing: ['pains'],
  create_pain: [],
  candidate_pains: ['pains', 'observations', 'people'],
  pains_like: ['pains', 'observations'],
  dismiss_candidate: [],
  pain_from_observation: [],
  update_pain: [],
  link_evidence: [],
  unlink_evidence: [],
  move_pain: [],
  delete_pain: [],
  scoring_framework: ['settings'],
  set_scoring_framework: [],
  score_pain: [],
  override_rank: [],
  rank: ['pains', 'criteria', 'tradeoffs'],
  explain_rank: ['pains', 'criteria', 'tradeoffs'],
  list_buckets: ['pains'],
  create_bucket: [],
  update_bucket: [],
  delete_bucket: [],
  list_criteria: ['criteria'],
  create_criterion: [],
  update_criterion: [],
  delete_criterion: [],
  tradeoffs: ['tradeoffs', 'teams'],
  set_serve: [],
  create_axis: [],
  update_axis: [],
  delete_axis: [],
  list_solutions: ['solutions', 'pains'],
  create_solution: [],
  update_solution: [],
  delete_solution: [],
  create_experiment: [],
  update_experiment: [],
  delete_experiment: [],
  plan_balance: ['solutions'],
  set_plan_target: [],
  get_roadmap: ['roadmap', 'solutions'],
  create_roadmap_item: [],
  update_roadmap_item: [],
  move_roadmap_item: [],
  delete_roadmap_item: [],
  get_document: ['documents', 'pains', 'tradeoffs', 'solutions', 'roadmap', 'kudos'],
  save_document: [],
  snapshot_document: [],
  get_document_version: ['documents'],
  diff_document_versions: ['documents'],
  lint_document: ['documents', 'observations', 'settings'],
  evidence_max_age: ['settings'],
  set_evidence_max_age: [],
  export_document: ['documents', 'pains', 'tradeoffs', 'solutions', 'roadmap', 'kudos'],
  preview_transcript: [],
  preview_transcript_import: ['people'],
  import_transcript: [],
  get_session_transcripts: ['sessions', 'people', 'observations'],
  map_transcript_speaker: [],
  set_turn_speaker: [],
  preview_survey_import: ['surveys'],
  import_survey_wave: [],
  list_surveys: ['surveys'],
  get_survey: ['surveys'],
  survey_charts: ['surveys'],
  survey_text_answers: ['surveys', 'observations'],
  answers_to_observations: [],
  checkins_due: ['checkins', 'people', 'sessions'],
  set_checkin_rhythm: [],
  record_checkin: [],
  delete_checkin: [],
  list_slas: ['slas', 'teams'],
  create_sla: [],
  update_sla: [],
  delete_sla: [],
  add_sla_level: [],
  delete_sla_level: [],
  list_adoptions: ['adoption', 'teams'],
  create_adoption: [],
  update_adoption: [],
  delete_adoption: [],
  add_milestone: [],
  update_milestone: [],
  delete_milestone: [],
  list_kudos: ['kudos', 'people'],
  create_kudos: [],
  update_kudos: [],
  delete_kudos: [],
  list_answers: ['answers'],
  answer_of: ['answers'],
  mark_answered: [],
  unmark_answered: [],
  team_digest: ['answers', 'pains', 'observations'],
  export_digest: ['answers', 'pains', 'observations'],
  search: ['sessions', 'observations', 'people', 'ideas', 'tags'],
  similar_observations: ['observations', 'people'],
  likely_duplicates: ['observations', 'people'],
  coverage: ['coverage'],
  support_queue: ['coverage', 'observations', 'teams'],
  preview_tickets: ['people', 'observations'],
  import_tickets: [],
  follow_note_link: ['sessions'],
  list_templates: ['templates'],
  set_template: [],
  reset_template: [],
  list_trash: ['trash'],
  restore_from_trash: [],
  share_status: ['sharing'],
  set_auto_sync: [],
  list_conflicts: ['sharing'],
  settle_conflict: [],
  render_markdown: [],
};

/** Runs one operation with its named input. */
export type Call = <T>(op: OpName, input: Record<string, unknown>) => Promise<T>;

/** One typed function per operation, its arguments in the table's order. */
export function operations(call: Call) {
  return {
    /** Every cycle, newest first. (reads) */
    listCycles: () => call<Array<Cycle>>('list_cycles', {  }),
    /** Creates a cycle in discovery mode; the first becomes the current one. (writes) */
    createCycle: (name: string) => call<Cycle>('create_cycle', { name }),
    /** Renames a cycle that is not closed. (writes) */
    renameCycle: (id: string, name: string) => call<Cycle>('rename_cycle', { id, name }),
    /** Makes a cycle the current one. (writes) */
    setCurrentCycle: (id: string) => call<Cycle>('set_current_cycle', { id }),
    /** Moves a cycle to its next mode (kept in its history). (writes) */
    advanceCycle: (id: string) => call<Cycle>('advance_cycle', { id }),
    /** Takes a cycle back to discovery, for a reason kept in its history. (writes) */
    returnToDiscovery: (id: string, reason: string) => call<Cycle>('return_to_discovery', { id, reason }),
    /** A cycle's changes of mode, oldest first. (reads) */
    cycleHistory: (id: string) => call<Array<CycleEvent>>('cycle_history', { id }),
    /** What discovery gathered in a cycle, to review before it moves on. (reads) */
    cycleReview: (id: string) => call<CycleReview>('cycle_review', { id }),
    /** Every source kind with its label. (reads) */
    listSourceKinds: () => call<Array<SourceKindInfo>>('list_source_kinds', {  }),
    /** Sessions matching the query, with counts per kind. (reads) */
    listSessions: (query: SessionQuery) => call<SessionList>('list_sessions', { query }),
    /** One session with notes and links. (reads) */
    getSession: (id: string) => call<Session>('get_session', { id }),
    /** Logs a new session. (writes) */
    createSession: (session: NewSession) => call<Session>('create_session', { session }),
    /** Replaces a session's details (kind, title, date, people, links and, when given, tags). (writes) */
    updateSession: (id: string, update: SessionUpdate) => call<Session>('update_session', { id, update }),
    /** Saves a session's notes typed over revision `baseRev` (a conflict when they changed since; absent: save whatever is there). The list row's new excerpt comes back. (writes) */
    saveNotes: (id: string, notes: string, baseRev: number | null) => call<NotesSaved>('save_notes', { id, notes, baseRev }),
    /** Settles a notes conflict: `keep` says which text stays; the other is kept as a version. (writes) */
    resolveNotes: (id: string, mine: string, keep: NotesChoice) => call<Session>('resolve_notes', { id, mine, keep }),
    /** The texts of a session's notes kept when conflicts were settled, newest first. (reads) */
    notesVersions: (id: string) => call<Array<NotesVersion>>('notes_versions', { id }),
    /** Moves a session to the trash. (writes) */
    deleteSession: (id: string) => call<null>('delete_session', { id }),
    /** People matching the query, by name. (reads) */
    listPeople: (query: PeopleQuery) => call<Array<PersonSummary>>('list_people', { query }),
    /** Summaries of the given people (for ask-load warnings). (reads) */
    peopleById: (ids: Array<string>) => call<Array<PersonSummary>>('people_by_id', { ids }),
    /** One person's profile. (reads) */
    getPerson: (id: string) => call<Person>('get_person', { id }),
    /** Adds a person. (writes) */
    createPerson: (person: PersonInput) => call<Person>('create_person', { person }),
    /** Replaces a person's fields. (writes) */
    updatePerson: (id: string, person: PersonInput) => call<Person>('update_person', { id, person }),
    /** Moves a person to the trash. (writes) */
    deletePerson: (id: string) => call<null>('delete_person', { id }),
    /** Every team. (reads) */
    listTeams: () => call<Array<Team>>('list_teams', {  }),
    /** Adds a team. (writes) */
    createTeam: (team: TeamInput) => call<Team>('create_team', { team }),
    /** Replaces a team's fields. (writes) */
    updateTeam: (id: string, team: TeamInput) => call<Team>('update_team', { id, team }),
    /** Moves a team to the trash. (writes) */
    deleteTeam: (id: string) => call<null>('delete_team', { id }),
    /** The ask-load warning threshold (sessions in 90 days). (reads) */
    askLoadThreshold: () => call<number>('ask_load_threshold', {  }),
    /** Sets the ask-load warning threshold. (writes) */
    setAskLoadThreshold: (threshold: number) => call<number>('set_ask_load_threshold', { threshold }),
    /** Merges person `merged` into `kept`. (writes) */
    mergePeople: (kept: string, merged: string) => call<MergeDone>('merge_people', { kept, merged }),
    /** Undoes a merge of people, observations or tags. (writes) */
    undoMerge: (mergeId: string) => call<null>('undo_merge', { mergeId }),
    /** A page of observations matching the query. (reads) */
    listObservations: (query: ObservationQuery) => call<ObservationList>('list_observations', { query }),
    /** One observation. (reads) */
    getObservation: (id: string) => call<Observation>('get_observation', { id }),
    /** Records an observation (from a passage, or typed). (writes) */
    createObservation: (observation: NewObservation) => call<Observation>('create_observation', { observation }),
    /** Replaces an observation's fields. (writes) */
    updateObservation: (id: string, update: ObservationUpdate) => call<Observation>('update_observation', { id, update }),
    /** Moves an observation to the trash. (writes) */
    deleteObservation: (id: string) => call<null>('delete_observation', { id }),
    /** Merges observation `merged` into `kept`. (writes) */
    mergeObservations: (kept: string, merged: string) => call<MergeDone>('merge_observations', { kept, merged }),
    /** Every tag with its counts of observations, sessions and ideas. (reads) */
    listTags: () => call<Array<Tag>>('list_tags', {  }),
    /** Creates a tag. (writes) */
    createTag: (tag: TagInput) => call<Tag>('create_tag', { tag }),
    /** Renames, recolours or regroups a tag. (writes) */
    updateTag: (id: string, tag: TagInput) => call<Tag>('update_tag', { id, tag }),
    /** Merges tag `merged` into `kept`. (writes) */
    mergeTags: (kept: string, merged: string) => call<MergeDone>('merge_tags', { kept, merged }),
    /** Adds or removes a tag on many observations, all or nothing; returns how many changed. (writes) */
    tagObservations: (tagId: string, observationIds: Array<string>, add: boolean) => call<number>('tag_observations', { tagId, observationIds, add }),
    /** Adds or removes a tag on many sessions, all or nothing; returns how many changed. (writes) */
    tagSessions: (tagId: string, sessionIds: Array<string>, add: boolean) => call<number>('tag_sessions', { tagId, sessionIds, add }),
    /** Adds or removes a tag on many ideas, all or nothing; returns how many changed. (writes) */
    tagIdeas: (tagId: string, ideaIds: Array<string>, add: boolean) => call<number>('tag_ideas', { tagId, ideaIds, add }),
    /** Moves a tag to the trash. (writes) */
    deleteTag: (id: string) => call<null>('delete_tag', { id }),
    /** The ideas of a cycle. (reads) */
    listIdeas: (cycleId: string) => call<Array<Idea>>('list_ideas', { cycleId }),
    /** Captures an idea. (writes) */
    createIdea: (cycleId: string, idea: IdeaInput) => call<Idea>('create_idea', { cycleId, idea }),
    /** Replaces an idea's title, description, evidence and (when given) tags. (writes) */
    updateIdea: (id: string, idea: IdeaInput) => call<Idea>('update_idea', { id, idea }),
    /** Scores or sizes an idea (refused in discovery). (writes) */
    assessIdea: (id: string, assessment: Assessment) => call<Idea>('assess_idea', { id, assessment }),
    /** Moves an idea to the trash. (writes) */
    deleteIdea: (id: string) => call<null>('delete_idea', { id }),
    /** The pains of a cycle, with evidence, reach and flags. (reads) */
    listPains: (cycleId: string) => call<Array<Pain>>('list_pains', { cycleId }),
    /** The pains of a cycle weighed, without their evidence (quick at thousands). (reads) */
    painRows: (cycleId: string) => call<Array<Pain>>('pain_rows', { cycleId }),
    /** One pain. (reads) */
    getPain: (id: string) => call<Pain>('get_pain', { id }),
    /** The pains an observation backs, in any cycle: the way back from evidence. (reads) */
    painsCiting: (observationId: string) => call<Array<PainCited>>('pains_citing', { observationId }),
    /** Makes a pain from evidence (prioritization). (writes) */
    createPain: (cycleId: string, pain: PainInput) => call<Pain>('create_pain', { cycleId, pain }),
    /** The cycle's pain and request observations that are no pain's evidence yet, grouped by the words they share into candidate pains, each explained (its words and their weight, how alike its members are, who stands behind it); changes nothing. Refused in discovery. (reads) */
    candidatePains: (cycleId: string) => call<Array<CandidatePain>>('candidate_pains', { cycleId }),
    /** The pains of a cycle that observations about to become a pain may belong to (their words alike), most alike first, at most three, each with the words both say; changes nothing. (reads) */
    painsLike: (cycleId: string, observationIds: Array<string>) => call<Array<PainLike>>('pains_like', { cycleId, observationIds }),
    /** Dismisses a candidate pain: the same group is not offered again in the cycle. (writes) */
    dismissCandidate: (cycleId: string, key: string) => call<null>('dismiss_candidate', { cycleId, key }),
    /** Makes a pain from one observation, in one step. (writes) */
    painFromObservation: (observationId: string) => call<Pain>('pain_from_observation', { observationId }),
    /** Replaces a pain's statement and severity. (writes) */
    updatePain: (id: string, update: PainUpdate) => call<Pain>('update_pain', { id, update }),
    /** Links observations to a pain (or changes a link's importance and reason). (writes) */
    linkEvidence: (painId: string, links: Array<EvidenceLink>) => call<Pain>('link_evidence', { painId, links }),
    /** Unlinks an observation from a pain. (writes) */
    unlinkEvidence: (painId: string, observationId: string) => call<Pain>('unlink_evidence', { painId, observationId }),
    /** Puts a pain in a bucket, or (with none) in none. (writes) */
    movePain: (id: string, bucketId: string | null) => call<Pain>('move_pain', { id, bucketId }),
    /** Moves a pain to the trash. (writes) */
    deletePain: (id: string) => call<null>('delete_pain', { id }),
    /** The workspace's scoring framework (RICE unless chosen). (reads) */
    scoringFramework: () => call<Framework>('scoring_framework', {  }),
    /** Chooses the scoring framework; every score follows from the stored inputs. (writes) */
    setScoringFramework: (framework: Framework) => call<Framework>('set_scoring_framework', { framework }),
    /** Stores a pain's raw scoring inputs (refused in discovery). (writes) */
    scorePain: (id: string, inputs: ScoreInputs) => call<ScoreInputs>('score_pain', { id, inputs }),
    /** Puts a pain at a position by hand for a written reason, or (no position) gives it back to its score. (writes) */
    overrideRank: (id: string, position: number | null, reason: string) => call<null>('override_rank', { id, position, reason }),
    /** The prioritized list of user pain of a cycle (refused in discovery). (reads) */
    rank: (cycleId: string) => call<Ranking>('rank', { cycleId }),
    /** Why the pain at a position (1 is the top) sits there. (reads) */
    explainRank: (cycleId: string, position: number) => call<Explanation>('explain_rank', { cycleId, position }),
    /** The buckets of a cycle, each with its pains' combined reach. (reads) */
    listBuckets: (cycleId: string) => call<Array<Bucket>>('list_buckets', { cycleId }),
    /** Makes a bucket (address, eliminate or empower). (writes) */
    createBucket: (cycleId: string, bucket: BucketInput) => call<Bucket>('create_bucket', { cycleId, bucket }),
    /** Renames a bucket or changes its kind. (writes) */
    updateBucket: (id: string, bucket: BucketInput) => call<Bucket>('update_bucket', { id, bucket }),
    /** Moves a bucket to the trash; its pains stay. (writes) */
    deleteBucket: (id: string) => call<null>('delete_bucket', { id }),
    /** The criteria of the weighted-criteria framework. (reads) */
    listCriteria: () => call<Array<Criterion>>('list_criteria', {  }),
    /** Adds a criterion with its weight. (writes) */
    createCriterion: (criterion: CriterionInput) => call<Criterion>('create_criterion', { criterion }),
    /** Renames a criterion or changes its weight; every score follows. (writes) */
    updateCriterion: (id: string, criterion: CriterionInput) => call<Criterion>('update_criterion', { id, criterion }),
    /** Moves a criterion to the trash; ratings on it are kept. (writes) */
    deleteCriterion: (id: string) => call<null>('delete_criterion', { id }),
    /** A cycle's trade-offs: whom it serves excellently and less well, and its axes. (reads) */
    tradeoffs: (cycleId: string) => call<Tradeoffs>('tradeoffs', { cycleId }),
    /** Takes (or, without a stance, drops) a stance on a team or segment; reach follows. (writes) */
    setServe: (cycleId: string, choice: ServeInput) => call<Tradeoffs>('set_serve', { cycleId, choice }),
    /** Adds a trade-off between two goods. (writes) */
    createAxis: (cycleId: string, axis: AxisInput) => call<TradeoffAxis>('create_axis', { cycleId, axis }),
    /** Replaces a trade-off's poles, lean and note. (writes) */
    updateAxis: (id: string, axis: AxisInput) => call<TradeoffAxis>('update_axis', { id, axis }),
    /** Moves a trade-off to the trash. (writes) */
    deleteAxis: (id: string) => call<null>('delete_axis', { id }),
    /** The solutions of a cycle's buckets, with experiments and citations. (reads) */
    listSolutions: (cycleId: string) => call<Array<Solution>>('list_solutions', { cycleId }),
    /** Proposes a solution to a bucket's problem. (writes) */
    createSolution: (bucketId: string, solution: SolutionInput) => call<Solution>('create_solution', { bucketId, solution }),
    /** Replaces a solution's fields and cloud-vendor citations. (writes) */
    updateSolution: (id: string, solution: SolutionInput) => call<Solution>('update_solution', { id, solution }),
    /** Moves a solution to the trash. (writes) */
    deleteSolution: (id: string) => call<null>('delete_solution', { id }),
    /** Records an experiment on a solution. (writes) */
    createExperiment: (solutionId: string, experiment: ExperimentInput) => call<Experiment>('create_experiment', { solutionId, experiment }),
    /** Replaces an experiment. (writes) */
    updateExperiment: (id: string, experiment: ExperimentInput) => call<Experiment>('update_experiment', { id, experiment }),
    /** Moves an experiment to the trash. (writes) */
    deleteExperiment: (id: string) => call<null>('delete_experiment', { id }),
    /** How a cycle's planned effort splits between immediate needs and the vision. (reads) */
    planBalance: (cycleId: string) => call<PlanBalance>('plan_balance', { cycleId }),
    /** Sets the share of effort meant for immediate needs (70 unless set). (writes) */
    setPlanTarget: (cycleId: string, immediate: number) => call<PlanBalance>('set_plan_target', { cycleId, immediate }),
    /** A cycle's roadmap in plan order: its items with their 12-month view, the 70/30 split of their effort and the method's hints. (reads) */
    getRoadmap: (cycleId: string) => call<Roadmap>('get_roadmap', { cycleId }),
    /** Drafts a roadmap item of a solution at the end of a lane. (writes) */
    createRoadmapItem: (solutionId: string, lane: Lane, item: RoadmapItemInput) => call<RoadmapItem>('create_roadmap_item', { solutionId, lane, item }),
    /** Replaces a roadmap item's fields and dependencies; leaving draft needs the roadmap mode and the value it delivers on its own. (writes) */
    updateRoadmapItem: (id: string, item: RoadmapItemInput) => call<RoadmapItem>('update_roadmap_item', { id, item }),
    /** Moves a roadmap item to a lane, at a place in it (0 is the top). (writes) */
    moveRoadmapItem: (id: string, lane: Lane, index: number) => call<Roadmap>('move_roadmap_item', { id, lane, index }),
    /** Moves a roadmap item to the trash. (writes) */
    deleteRoadmapItem: (id: string) => call<null>('delete_roadmap_item', { id }),
    /** A cycle's charter or vision (its template before the first save), with its citations and versions. (reads) */
    getDocument: (cycleId: string, kind: DocumentKind) => call<Document>('get_document', { cycleId, kind }),
    /** Saves a document typed over revision `base`; changed elsewhere since, what was typed is kept as a version. (writes) */
    saveDocument: (cycleId: string, kind: DocumentKind, body: string, base: number | null) => call<DocumentSaved>('save_document', { cycleId, kind, body, base }),
    /** Snapshots a document with a note, freezing its citations and live sections. (writes) */
    snapshotDocument: (documentId: string, note: string) => call<DocumentVersion>('snapshot_document', { documentId, note }),
    /** One version of a document: what was sent, and which cited evidence changed since. (reads) */
    getDocumentVersion: (id: string) => call<DocumentVersionView>('get_document_version', { id }),
    /** Compares a version of a document word by word with another version, or (no `to`) with the document now. (reads) */
    diffDocumentVersions: (from: string, to: string | null) => call<DocumentDiff>('diff_document_versions', { from, to }),
    /** What in a charter or vision is not backed by evidence: uncited claims, old evidence, top pains never mentioned. (reads) */
    lintDocument: (cycleId: string, kind: DocumentKind) => call<DocumentLint>('lint_document', { cycleId, kind }),
    /** How old (in days) cited evidence may be before the lint says so (365 unless set). (reads) */
    evidenceMaxAge: () => call<number>('evidence_max_age', {  }),
    /** Sets how old cited evidence may be (30 to 3,650 days). (writes) */
    setEvidenceMaxAge: (days: number) => call<number>('set_evidence_max_age', { days }),
    /** A cycle's charter, vision, ranked pain or planning pack as Markdown or HTML, citations as footnotes. (reads) */
    exportDocument: (cycleId: string, doc: ExportDoc, format: ExportFormat) => call<Exported>('export_document', { cycleId, doc, format }),
    /** Reads a transcript (`content`: the file's bytes in base64, as for a survey export) — Zoom, Teams, Meet, Otter, SubRip, WebVTT or `Name: text` lines, told by what it holds — and says what it holds: the format, duration, turns, each speaker's share of the words and what was left out as not speech. Writes nothing. (reads) */
    previewTranscript: (fileName: string, content: string) => call<TranscriptPreview>('preview_transcript', { fileName, content }),
    /** Reads a transcript (its bytes in base64) and suggests a person for each speaker label: remembered from an earlier transcript, or a person of that name or email. Writes nothing. (reads) */
    previewTranscriptImport: (fileName: string, content: string) => call<TranscriptImportPreview>('preview_transcript_import', { fileName, content }),
    /** Imports a transcript (its bytes in base64) into a session (or a new one), each speaker tied to the person chosen and remembered; the file is kept byte for byte. All or nothing. (writes) */
    importTranscript: (fileName: string, content: string, request: TranscriptImport) => call<TranscriptImported>('import_transcript', { fileName, content, request }),
    /** A session's transcripts: every turn with its speaker, person and times, and the observations taken from it. (reads) */
    getSessionTranscripts: (sessionId: string) => call<Array<SessionTranscript>>('get_session_transcripts', { sessionId }),
    /** Ties every turn of a speaker label to a person (or nobody) as a participant or us, and remembers it; what was attributed follows. (writes) */
    mapTranscriptSpeaker: (transcriptId: string, choice: SpeakerChoice) => call<SessionTranscript>('map_transcript_speaker', { transcriptId, choice }),
    /** Says a turn was spoken by another label of its transcript; its observations follow the speaker. (writes) */
    setTurnSpeaker: (turnId: string, label: string) => call<SessionTranscript>('set_turn_speaker', { turnId, label }),
    /** Reads a survey export (`content`: the file's bytes in base64, as the shell read the file the user picked) and maps its columns — the survey's remembered mapping, `mapping`, or a guess — without writing anything. (reads) */
    previewSurveyImport: (fileName: string, content: string, survey: string | null, mapping: SurveyMapping | null) => call<SurveyPreview>('preview_survey_import', { fileName, content, survey, mapping }),
    /** Imports a survey export (its bytes in base64) as a wave, a survey session, all or nothing; without a mapping, the survey's remembered one. (writes) */
    importSurveyWave: (fileName: string, content: string, wave: WaveImport) => call<WaveImported>('import_survey_wave', { fileName, content, wave }),
    /** Every survey with its questions and waves. (reads) */
    listSurveys: () => call<Array<Survey>>('list_surveys', {  }),
    /** One survey with its questions and waves. (reads) */
    getSurvey: (id: string) => call<Survey>('get_survey', { id }),
    /** A survey's figures per question and wave (distribution, mean, NPS, CSAT, n and margin of error), split by team or segment if asked. (reads) */
    surveyCharts: (surveyId: string, split: Split) => call<SurveyCharts>('survey_charts', { surveyId, split }),
    /** The free-text answers to a question of a survey (of one wave, if given), with who gave them and the observation each became. (reads) */
    surveyTextAnswers: (surveyId: string, question: number, waveId: string | null) => call<Array<TextAnswer>>('survey_text_answers', { surveyId, question, waveId }),
    /** Turns free-text answers into observations of their wave's session, attributed to the respondents; all or nothing. (writes) */
    answersToObservations: (answers: Array<AnswerRef>, kind: ObservationKind) => call<Array<Observation>>('answers_to_observations', { answers, kind }),
    /** Everyone with a check-in rhythm and when their next check-in falls, the most overdue first. (reads) */
    checkinsDue: () => call<Array<CheckinDue>>('checkins_due', {  }),
    /** Sets how often to check in with a person, in weeks (null: no rhythm). (writes) */
    setCheckinRhythm: (personId: string, weeks: number | null) => call<null>('set_checkin_rhythm', { personId, weeks }),
    /** Keeps a stakeholder's answers to the three questions as given on a day; the newest become their profile's. (writes) */
    recordCheckin: (personId: string, checkin: CheckinInput) => call<Checkin>('record_checkin', { personId, checkin }),
    /** Moves a check-in to the trash. (writes) */
    deleteCheckin: (id: string) => call<null>('delete_checkin', { id }),
    /** Every SLA (service, team, measure) with its expected and delivered levels over time, the widest shortfall first. (reads) */
    listSlas: () => call<Array<Sla>>('list_slas', {  }),
    /** Adds an SLA: what a team expects of a platform service, on one measure. (writes) */
    createSla: (sla: SlaInput) => call<Sla>('create_sla', { sla }),
    /** Changes an SLA's service, team, measure, unit or direction. (writes) */
    updateSla: (id: string, sla: SlaInput) => call<Sla>('update_sla', { id, sla }),
    /** Moves an SLA and its history to the trash. (writes) */
    deleteSla: (id: string) => call<null>('delete_sla', { id }),
    /** Keeps an expected or delivered level of an SLA on a day. (writes) */
    addSlaLevel: (slaId: string, level: SlaLevelInput) => call<Sla>('add_sla_level', { slaId, level }),
    /** Moves one level of an SLA's history to the trash. (writes) */
    deleteSlaLevel: (id: string) => call<null>('delete_sla_level', { id }),
    /** Every adoption and migration by team, with milestones planned and done and the share moved. (reads) */
    listAdoptions: () => call<Array<Adoption>>('list_adoptions', {  }),
    /** Starts tracking a team's adoption of a capability, or its migration. (writes) */
    createAdoption: (adoption: AdoptionInput) => call<Adoption>('create_adoption', { adoption }),
    /** Changes an adoption's team, capability or kind. (writes) */
    updateAdoption: (id: string, adoption: AdoptionInput) => call<Adoption>('update_adoption', { id, adoption }),
    /** Moves an adoption and its milestones to the trash. (writes) */
    deleteAdoption: (id: string) => call<null>('delete_adoption', { id }),
    /** Adds a milestone (planned, done, share migrated) to an adoption. (writes) */
    addMilestone: (adoptionId: string, milestone: MilestoneInput) => call<Adoption>('add_milestone', { adoptionId, milestone }),
    /** Changes a milestone: done, re-planned, share migrated. (writes) */
    updateMilestone: (id: string, milestone: MilestoneInput) => call<Adoption>('update_milestone', { id, milestone }),
    /** Moves a milestone to the trash. (writes) */
    deleteMilestone: (id: string) => call<Adoption>('delete_milestone', { id }),
    /** Every kudos, received and given, newest first. (reads) */
    listKudos: () => call<Array<Kudos>>('list_kudos', {  }),
    /** Keeps a kudos: the day, the people and what for. (writes) */
    createKudos: (kudos: KudosInput) => call<Kudos>('create_kudos', { kudos }),
    /** Replaces a kudos's fields and people. (writes) */
    updateKudos: (id: string, kudos: KudosInput) => call<Kudos>('update_kudos', { id, kudos }),
    /** Moves a kudos to the trash; documents citing it keep what it said. (writes) */
    deleteKudos: (id: string) => call<null>('delete_kudos', { id }),
    /** Every answer ("you said, we did"), most recently done first. (reads) */
    listAnswers: () => call<Array<Answer>>('list_answers', {  }),
    /** What was done about an observation or pain, if it was answered. (reads) */
    answerOf: (target: AnswerTarget) => call<Answer | null>('answer_of', { target }),
    /** Marks an observation or pain answered with what was done (and the solution or roadmap item), or changes its answer. (writes) */
    markAnswered: (target: AnswerTarget, answer: AnswerInput) => call<Answer>('mark_answered', { target, answer }),
    /** Takes an answer back, to the trash. (writes) */
    unmarkAnswered: (target: AnswerTarget) => call<null>('unmark_answered', { target }),
    /** What a team told us (in a cycle, or ever) and what was done about it. (reads) */
    teamDigest: (teamId: string, cycleId: string | null) => call<TeamDigest>('team_digest', { teamId, cycleId }),
    /** A team's "you said, we did" digest as Markdown or HTML, ready to send back. (reads) */
    exportDigest: (teamId: string, cycleId: string | null, format: ExportFormat) => call<Exported>('export_digest', { teamId, cycleId, format }),
    /** Searches sessions, notes, observations, people, ideas and tags. (reads) */
    search: (query: SearchQuery) => call<SearchResults>('search', { query }),
    /** The observations most like one, in any cycle, best first, each with the words it shares (bm25 over the search index); changes nothing. (reads) */
    similarObservations: (id: string, limit: number | null) => call<Array<SimilarObservation>>('similar_observations', { id, limit }),
    /** What an observation being written already looks like: existing ones sharing most of its telling words, best first; changes nothing. (reads) */
    likelyDuplicates: (text: string, limit: number | null) => call<Array<SimilarObservation>>('likely_duplicates', { text, limit }),
    /** Coverage of a cycle: channels, teams and segments heard, ask-load. (reads) */
    coverage: (cycleId: string) => call<Coverage>('coverage', { cycleId }),
    /** The support queue's patterns (tickets per component and month, median and p90 hours to the first response per team) over a cycle's tickets, or all, or one team's. (reads) */
    supportQueue: (cycleId: string | null, teamId: string | null) => call<SupportQueue>('support_queue', { cycleId, teamId }),
    /** Reads a ticket queue's export (its bytes in base64): Jira, ServiceNow or Zendesk CSV, or GitHub issues JSON, told by its columns unless `from` names the tool; says what an import would bring. Writes nothing. (reads) */
    previewTickets: (content: string, from: TicketQueue | null) => call<TicketPreview>('preview_tickets', { content, from }),
    /** Imports a ticket queue's export as one support-ticket-review session of observations said by their reporters, all or nothing; tickets imported before are not copied, their times brought up to date. (writes) */
    importTickets: (content: string, from: TicketQueue | null, request: TicketImport) => call<TicketsImported>('import_tickets', { content, from, request }),
    /** Where a link between notes in rendered notes leads (a `[[wikilink]]` by name, a Joplin link by the id it was imported with): the sessions it names, for the person to pick when several share the name. (reads) */
    followNoteLink: (href: string) => call<FollowedLink>('follow_note_link', { href }),
    /** Every kind's session template. (reads) */
    listTemplates: () => call<Array<SessionTemplate>>('list_templates', {  }),
    /** Rewrites a kind's template for this workspace. (writes) */
    setTemplate: (kind: SourceKind, body: string) => call<SessionTemplate>('set_template', { kind, body }),
    /** Goes back to the built-in template of a kind. (writes) */
    resetTemplate: (kind: SourceKind) => call<SessionTemplate>('reset_template', { kind }),
    /** Everything in the trash. (reads) */
    listTrash: () => call<Array<TrashItem>>('list_trash', {  }),
    /** Restores a deleted thing, with every link it had. (writes) */
    restoreFromTrash: (entity: TrashEntity, id: string) => call<null>('restore_from_trash', { entity, id }),
    /** How this workspace shares through git: its repository, when it last synced, how that went, the conflicts waiting. (reads) */
    shareStatus: () => call<ShareStatus>('share_status', {  }),
    /** Sets how often the app syncs while it is open: every N minutes (1 to 1440), or only when asked (null). (writes) */
    setAutoSync: (minutes: number | null) => call<ShareStatus>('set_auto_sync', { minutes }),
    /** The conflicts syncs kept aside, oldest first: one field two people changed, both values, who and when. (reads) */
    listConflicts: () => call<Array<Conflict>>('list_conflicts', {  }),
    /** Settles a conflict: the field takes the value kept, the other, or one written anew; the next sync shares it. (writes) */
    settleConflict: (id: string, choice: Settle) => call<null>('settle_conflict', { id, choice }),
    /** Markdown to sanitized HTML, by the one renderer in core. (reads) */
    renderMarkdown: (markdown: string) => call<string>('render_markdown', { markdown }),
  };
}
