//! The table itself: one line an operation.

use crate::error::{ErrorKind, IpcError};
use groundwork_core::store::{limits, render};
use groundwork_core::*;
use serde::Serialize;
use serde_json::Value;
use ts_rs::{Config, TS};
use uuid::Uuid;

/// Whether an operation only reads, or writes (in one unit of work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    Write,
}

/// A list the UI shows, made stale by a write: after the write, the UI refreshes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stale {
    Cycles,
    Sessions,
    Observations,
    People,
    Teams,
    Tags,
    Ideas,
    Pains,
    Trash,
    Templates,
    Coverage,
    Settings,
    Documents,
    Surveys,
    /// Check-ins, SLAs, adoption, kudos and answers: closing the loop.
    Loop,
}

impl Stale {
    /// Every list, for "refresh everything" (another process changed the file).
    pub const ALL: [Stale; 15] = [
        Stale::Cycles,
        Stale::Sessions,
        Stale::Observations,
        Stale::People,
        Stale::Teams,
        Stale::Tags,
        Stale::Ideas,
        Stale::Pains,
        Stale::Trash,
        Stale::Templates,
        Stale::Coverage,
        Stale::Settings,
        Stale::Documents,
        Stale::Surveys,
        Stale::Loop,
    ];

    /// The name the UI uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Stale::Cycles => "cycles",
            Stale::Sessions => "sessions",
            Stale::Observations => "observations",
            Stale::People => "people",
            Stale::Teams => "teams",
            Stale::Tags => "tags",
            Stale::Ideas => "ideas",
            Stale::Pains => "pains",
            Stale::Trash => "trash",
            Stale::Templates => "templates",
            Stale::Coverage => "coverage",
            Stale::Settings => "settings",
            Stale::Documents => "documents",
            Stale::Surveys => "surveys",
            Stale::Loop => "loop",
        }
    }
}

/// One operation as the table declares it.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    /// The operation's name: `create_session`.
    pub name: &'static str,
    /// Its one-line description.
    pub doc: &'static str,
    pub access: Access,
    /// Its input fields in order, as `(name, TypeScript type)`; names are camelCase in JSON.
    pub input: fn(&Config) -> Vec<(&'static str, String)>,
    /// Its output's TypeScript type.
    pub output: fn(&Config) -> String,
    /// Writes the TypeScript of every type its input and output name, with theirs.
    pub export_types: fn(&Config) -> Result<(), ts_rs::ExportError>,
    /// The lists it makes stale.
    pub stale: &'static [Stale],
}

/// Writes the TypeScript of the types a type names: itself when it has a file of its
/// own (a struct or enum of ours), else what it wraps (`Vec<Cycle>` → `Cycle`).
struct TypeExport<'a> {
    cfg: &'a Config,
    error: Option<ts_rs::ExportError>,
}

impl<'a> TypeExport<'a> {
    fn new(cfg: &'a Config) -> Self {
        Self { cfg, error: None }
    }

    fn named_by<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            ts_rs::TypeVisitor::visit::<T>(self);
        } else {
            T::visit_generics(self);
            T::visit_dependencies(self);
        }
    }

    fn done(self) -> Result<(), ts_rs::ExportError> {
        self.error.map_or(Ok(()), Err)
    }
}

impl ts_rs::TypeVisitor for TypeExport<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_none() && T::output_path().is_some() {
            self.error = T::export_all(self.cfg).err();
        }
    }
}

/// Reads an operation's input; a field missing or of the wrong shape is a readable refusal.
fn input<T: serde::de::DeserializeOwned>(op: &str, value: Value) -> Result<T, IpcError> {
    let value = if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    };
    serde_json::from_value(value).map_err(|e| {
        IpcError::new(
            ErrorKind::InvalidInput,
            format!("The input of {op} is not right: {e}"),
        )
    })
}

fn output<T: Serialize>(value: T) -> Result<Value, IpcError> {
    serde_json::to_value(value).map_err(IpcError::internal)
}

/// Declares the operations: for each, a module with its input, a line in [`ops`] and
/// an arm in [`call`].
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident : $access:ident { $($field:ident : $ty:ty),* $(,)? } -> $out:ty
            [$($stale:ident),* $(,)?]
            => |$store:ident, $i:ident| $body:expr;
    )*) => {
        mod inputs {
            #![allow(non_camel_case_types, unused_imports)]
            use super::*;
            $(
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "camelCase", deny_unknown_fields)]
                pub struct $name { $(pub $field: $ty),* }
            )*
        }

        /// Every operation, in the table's order.
        pub fn ops() -> &'static [OpInfo] {
            const OPS: &[OpInfo] = &[$(
                OpInfo {
                    name: stringify!($name),
                    doc: concat!($($doc),+),
                    access: operations!(@access $access),
                    input: |_cfg| vec![$((stringify!($field), <$ty as TS>::name(_cfg))),*],
                    output: |cfg| <$out as TS>::name(cfg),
                    export_types: |cfg| {
                        let mut types = TypeExport::new(cfg);
                        $(types.named_by::<$ty>();)*
                        types.named_by::<$out>();
                        types.done()
                    },
                    stale: &[$(Stale::$stale),*],
                },
            )*];
            OPS
        }

        /// Runs operation `op` with its JSON `input` on `store` and returns its JSON
        /// output. A panic inside becomes an internal error, never a crash.
        pub fn call(store: &Store, op: &str, input_json: Value) -> Result<Value, IpcError> {
            let run = || -> Result<Value, IpcError> {
                match op {
                    $(
                        stringify!($name) => {
                            #[allow(unused_variables)]
                            let $i: inputs::$name = input(op, input_json)?;
                            #[allow(unused_variables)]
                            let $store = store;
                            let result: Result<$out, DomainError> = $body;
                            output(result?)
                        }
                    )*
                    _ => Err(IpcError::new(
                        ErrorKind::InvalidInput,
                        format!("There is no operation \"{op}\"; `groundwork-cli ops` lists them"),
                    )),
                }
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
                .unwrap_or_else(|panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "a panic".to_owned());
                    Err(IpcError::internal(what))
                })
        }
    };
    (@access read) => { Access::Read };
    (@access write) => { Access::Write };
}

operations! {
    /// Every cycle, newest first.
    list_cycles: read {} -> Vec<Cycle> [] => |s, i| s.list_cycles();
    /// Creates a cycle in discovery mode; the first becomes the current one.
    create_cycle: write { name: String } -> Cycle [Cycles] => |s, i| s.create_cycle(&i.name);
    /// Renames a cycle that is not closed.
    rename_cycle: write { id: Uuid, name: String } -> Cycle [Cycles] => |s, i| s.rename_cycle(i.id, &i.name);
    /// Makes a cycle the current one.
    set_current_cycle: write { id: Uuid } -> Cycle [Cycles, Sessions, Observations, Ideas, Coverage]
        => |s, i| s.set_current_cycle(i.id);
    /// Moves a cycle to its next mode (kept in its history).
    advance_cycle: write { id: Uuid } -> Cycle [Cycles, Sessions, Observations, Ideas, Pains, Coverage]
        => |s, i| s.advance_cycle(i.id);
    /// Takes a cycle back to discovery, for a reason kept in its history.
    return_to_discovery: write { id: Uuid, reason: String } -> Cycle [Cycles, Sessions, Observations, Ideas, Pains, Coverage]
        => |s, i| s.return_to_discovery(i.id, &i.reason);
    /// A cycle's changes of mode, oldest first.
    cycle_history: read { id: Uuid } -> Vec<CycleEvent> [] => |s, i| s.cycle_history(i.id);
    /// What discovery gathered in a cycle, to review before it moves on.
    cycle_review: read { id: Uuid } -> CycleReview [] => |s, i| s.cycle_review(i.id);

    /// Every source kind with its label.
    list_source_kinds: read {} -> Vec<SourceKindInfo> [] => |s, i| Ok(source_kinds());
    /// Sessions matching the query, with counts per kind.
    list_sessions: read { query: SessionQuery } -> SessionList [] => |s, i| s.list_sessions(&i.query);
    /// One session with notes and links.
    get_session: read { id: Uuid } -> Session [] => |s, i| s.session(i.id);
    /// Logs a new session.
    create_session: write { session: NewSession } -> Session [Sessions, Cycles, People, Tags, Coverage]
        => |s, i| s.create_session(&i.session);
    /// Replaces a session's details (kind, title, date, people, links and, when given, tags).
    update_session: write { id: Uuid, update: SessionUpdate } -> Session [Sessions, Observations, People, Tags, Coverage]
        => |s, i| s.update_session(i.id, &i.update);
    /// Saves a session's notes typed over revision `baseRev` (a conflict when they changed
    /// since; absent: save whatever is there). The list row's new excerpt comes back.
    save_notes: write { id: Uuid, notes: String, base_rev: Option<u32> } -> NotesSaved [Observations]
        => |s, i| s.save_notes_over(i.id, &i.notes, i.base_rev);
    /// Settles a notes conflict: `keep` says which text stays; the other is kept as a version.
    resolve_notes: write { id: Uuid, mine: String, keep: NotesChoice } -> Session [Sessions, Observations]
        => |s, i| s.resolve_notes(i.id, &i.mine, i.keep);
    /// The texts of a session's notes kept when conflicts were settled, newest first.
    notes_versions: read { id: Uuid } -> Vec<NotesVersion> [] => |s, i| s.notes_versions(i.id);
    /// Moves a session to the trash.
    delete_session: write { id: Uuid } -> () [Sessions, Cycles, Observations, People, Tags, Coverage, Trash]
        => |s, i| s.delete_session(i.id);

    /// People matching the query, by name.
    list_people: read { query: PeopleQuery } -> Vec<PersonSummary> [] => |s, i| s.list_people(&i.query);
    /// Summaries of the given people (for ask-load warnings).
    people_by_id: read { ids: Vec<Uuid> } -> Vec<PersonSummary> [] => |s, i| s.people_by_id(&i.ids);
    /// One person's profile.
    get_person: read { id: Uuid } -> Person [] => |s, i| s.person(i.id);
    /// Adds a person.
    create_person: write { person: PersonInput } -> Person [People, Teams] => |s, i| s.create_person(&i.person);
    /// Replaces a person's fields.
    update_person: write { id: Uuid, person: PersonInput } -> Person [People, Teams, Sessions, Observations, Pains, Coverage]
        => |s, i| s.update_person(i.id, &i.person);
    /// Moves a person to the trash.
    delete_person: write { id: Uuid } -> () [People, Teams, Sessions, Observations, Pains, Coverage, Trash]
        => |s, i| s.delete_person(i.id);
    /// Every team.
    list_teams: read {} -> Vec<Team> [] => |s, i| s.list_teams();
    /// Adds a team.
    create_team: write { team: TeamInput } -> Team [Teams, Coverage] => |s, i| s.create_team(&i.team);
    /// Replaces a team's fields.
    update_team: write { id: Uuid, team: TeamInput } -> Team [Teams, People, Pains, Coverage] => |s, i| s.update_team(i.id, &i.team);
    /// Moves a team to the trash.
    delete_team: write { id: Uuid } -> () [Teams, People, Pains, Coverage, Trash] => |s, i| s.delete_team(i.id);
    /// The ask-load warning threshold (sessions in 90 days).
    ask_load_threshold: read {} -> u32 [] => |s, i| s.ask_load_threshold();
    /// Sets the ask-load warning threshold.
    set_ask_load_threshold: write { threshold: u32 } -> u32 [Settings, Coverage] => |s, i| s.set_ask_load_threshold(i.threshold);
    /// Merges person `merged` into `kept`.
    merge_people: write { kept: Uuid, merged: Uuid } -> MergeDone [People, Teams, Sessions, Observations, Pains, Coverage]
        => |s, i| s.merge_people(i.kept, i.merged);
    /// Undoes a merge of people, observations or tags.
    undo_merge: write { merge_id: Uuid } -> () [People, Teams, Sessions, Observations, Tags, Ideas, Pains, Coverage]
        => |s, i| s.undo_merge(i.merge_id);

    /// A page of observations matching the query.
    list_observations: read { query: ObservationQuery } -> ObservationList [] => |s, i| s.list_observations(&i.query);
    /// One observation.
    get_observation: read { id: Uuid } -> Observation [] => |s, i| s.observation(i.id);
    /// Records an observation (from a passage, or typed).
    create_observation: write { observation: NewObservation } -> Observation [Observations, Tags, People, Coverage]
        => |s, i| s.create_observation(&i.observation);
    /// Replaces an observation's fields.
    update_observation: write { id: Uuid, update: ObservationUpdate } -> Observation [Observations, Tags, People, Ideas, Pains, Coverage]
        => |s, i| s.update_observation(i.id, &i.update);
    /// Moves an observation to the trash.
    delete_observation: write { id: Uuid } -> () [Observations, Tags, People, Ideas, Pains, Coverage, Trash]
        => |s, i| s.delete_observation(i.id);
    /// Merges observation `merged` into `kept`.
    merge_observations: write { kept: Uuid, merged: Uuid } -> MergeDone [Observations, Tags, People, Ideas, Pains, Coverage]
        => |s, i| s.merge_observations(i.kept, i.merged);

    /// Every tag with its counts of observations, sessions and ideas.
    list_tags: read {} -> Vec<Tag> [] => |s, i| s.list_tags();
    /// Creates a tag.
    create_tag: write { tag: TagInput } -> Tag [Tags] => |s, i| s.create_tag(&i.tag);
    /// Renames, recolours or regroups a tag.
    update_tag: write { id: Uuid, tag: TagInput } -> Tag [Tags, Observations, Sessions, Ideas] => |s, i| s.update_tag(i.id, &i.tag);
    /// Merges tag `merged` into `kept`.
    merge_tags: write { kept: Uuid, merged: Uuid } -> MergeDone [Tags, Observations, Sessions, Ideas] => |s, i| s.merge_tags(i.kept, i.merged);
    /// Adds or removes a tag on many observations, all or nothing; returns how many changed.
    tag_observations: write { tag_id: Uuid, observation_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Observations]
        => |s, i| s.tag_observations(i.tag_id, &i.observation_ids, i.add);
    /// Adds or removes a tag on many sessions, all or nothing; returns how many changed.
    tag_sessions: write { tag_id: Uuid, session_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Sessions]
        => |s, i| s.tag_sessions(i.tag_id, &i.session_ids, i.add);
    /// Adds or removes a tag on many ideas, all or nothing; returns how many changed.
    tag_ideas: write { tag_id: Uuid, idea_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Ideas]
        => |s, i| s.tag_ideas(i.tag_id, &i.idea_ids, i.add);
    /// Moves a tag to the trash.
    delete_tag: write { id: Uuid } -> () [Tags, Observations, Sessions, Ideas, Trash] => |s, i| s.delete_tag(i.id);

    /// The ideas of a cycle.
    list_ideas: read { cycle_id: Uuid } -> Vec<Idea> [] => |s, i| s.list_ideas(i.cycle_id);
    /// Captures an idea.
    create_idea: write { cycle_id: Uuid, idea: IdeaInput } -> Idea [Ideas, Tags] => |s, i| s.create_idea(i.cycle_id, &i.idea);
    /// Replaces an idea's title, description, evidence and (when given) tags.
    update_idea: write { id: Uuid, idea: IdeaInput } -> Idea [Ideas, Tags] => |s, i| s.update_idea(i.id, &i.idea);
    /// Scores or sizes an idea (refused in discovery).
    assess_idea: write { id: Uuid, assessment: Assessment } -> Idea [Ideas] => |s, i| s.assess_idea(i.id, &i.assessment);
    /// Moves an idea to the trash.
    delete_idea: write { id: Uuid } -> () [Ideas, Tags, Trash] => |s, i| s.delete_idea(i.id);

    /// The pains of a cycle, with evidence, reach and flags.
    list_pains: read { cycle_id: Uuid } -> Vec<Pain> [] => |s, i| s.list_pains(i.cycle_id);
    /// The pains of a cycle weighed, without their evidence (quick at thousands).
    pain_rows: read { cycle_id: Uuid } -> Vec<Pain> [] => |s, i| s.pain_rows(i.cycle_id);
    /// One pain.
    get_pain: read { id: Uuid } -> Pain [] => |s, i| s.pain(i.id);
    /// The pains an observation backs, in any cycle: the way back from evidence.
    pains_citing: read { observation_id: Uuid } -> Vec<PainCited> [] => |s, i| s.pains_citing(i.observation_id);
    /// Makes a pain from evidence (prioritization).
    create_pain: write { cycle_id: Uuid, pain: PainInput } -> Pain [Pains] => |s, i| s.create_pain(i.cycle_id, &i.pain);
    /// Makes a pain from one observation, in one step.
    pain_from_observation: write { observation_id: Uuid } -> Pain [Pains] => |s, i| s.pain_from_observation(i.observation_id);
    /// Replaces a pain's statement and severity.
    update_pain: write { id: Uuid, update: PainUpdate } -> Pain [Pains] => |s, i| s.update_pain(i.id, &i.update);
    /// Links observations to a pain (or changes a link's importance and reason).
    link_evidence: write { pain_id: Uuid, links: Vec<EvidenceLink> } -> Pain [Pains] => |s, i| s.link_evidence(i.pain_id, &i.links);
    /// Unlinks an observation from a pain.
    unlink_evidence: write { pain_id: Uuid, observation_id: Uuid } -> Pain [Pains] => |s, i| s.unlink_evidence(i.pain_id, i.observation_id);
    /// Puts a pain in a bucket, or (with none) in none.
    move_pain: write { id: Uuid, bucket_id: Option<Uuid> } -> Pain [Pains] => |s, i| s.move_pain(i.id, i.bucket_id);
    /// Moves a pain to the trash.
    delete_pain: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_pain(i.id);
    /// The workspace's scoring framework (RICE unless chosen).
    scoring_framework: read {} -> Framework [] => |s, i| s.framework();
    /// Chooses the scoring framework; every score follows from the stored inputs.
    set_scoring_framework: write { framework: Framework } -> Framework [Pains, Settings] => |s, i| s.set_framework(i.framework);
    /// Stores a pain's raw scoring inputs (refused in discovery).
    score_pain: write { id: Uuid, inputs: ScoreInputs } -> ScoreInputs [Pains] => |s, i| s.score_pain(i.id, &i.inputs);
    /// Puts a pain at a position by hand for a written reason, or (no position) gives it back to its score.
    override_rank: write { id: Uuid, position: Option<u32>, reason: String } -> () [Pains] => |s, i| s.override_rank(i.id, i.position, &i.reason);
    /// The prioritized list of user pain of a cycle (refused in discovery).
    rank: read { cycle_id: Uuid } -> Ranking [] => |s, i| s.rank(i.cycle_id);
    /// Why the pain at a position (1 is the top) sits there.
    explain_rank: read { cycle_id: Uuid, position: u32 } -> Explanation [] => |s, i| s.explain_rank(i.cycle_id, i.position);
    /// The buckets of a cycle, each with its pains' combined reach.
    list_buckets: read { cycle_id: Uuid } -> Vec<Bucket> [] => |s, i| s.list_buckets(i.cycle_id);
    /// Makes a bucket (address, eliminate or empower).
    create_bucket: write { cycle_id: Uuid, bucket: BucketInput } -> Bucket [Pains] => |s, i| s.create_bucket(i.cycle_id, &i.bucket);
    /// Renames a bucket or changes its kind.
    update_bucket: write { id: Uuid, bucket: BucketInput } -> Bucket [Pains] => |s, i| s.update_bucket(i.id, &i.bucket);
    /// Moves a bucket to the trash; its pains stay.
    delete_bucket: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_bucket(i.id);
    /// The criteria of the weighted-criteria framework.
    list_criteria: read {} -> Vec<Criterion> [] => |s, i| s.criteria();
    /// Adds a criterion with its weight.
    create_criterion: write { criterion: CriterionInput } -> Criterion [Pains] => |s, i| s.create_criterion(&i.criterion);
    /// Renames a criterion or changes its weight; every score follows.
    update_criterion: write { id: Uuid, criterion: CriterionInput } -> Criterion [Pains] => |s, i| s.update_criterion(i.id, &i.criterion);
    /// Moves a criterion to the trash; ratings on it are kept.
    delete_criterion: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_criterion(i.id);
    /// A cycle's trade-offs: whom it serves excellently and less well, and its axes.
    tradeoffs: read { cycle_id: Uuid } -> Tradeoffs [] => |s, i| s.tradeoffs(i.cycle_id);
    /// Takes (or, without a stance, drops) a stance on a team or segment; reach follows.
    set_serve: write { cycle_id: Uuid, choice: ServeInput } -> Tradeoffs [Pains] => |s, i| s.set_serve(i.cycle_id, &i.choice);
    /// Adds a trade-off between two goods.
    create_axis: write { cycle_id: Uuid, axis: AxisInput } -> TradeoffAxis [Pains] => |s, i| s.create_axis(i.cycle_id, &i.axis);
    /// Replaces a trade-off's poles, lean and note.
    update_axis: write { id: Uuid, axis: AxisInput } -> TradeoffAxis [Pains] => |s, i| s.update_axis(i.id, &i.axis);
    /// Moves a trade-off to the trash.
    delete_axis: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_axis(i.id);
    /// The solutions of a cycle's buckets, with experiments and citations.
    list_solutions: read { cycle_id: Uuid } -> Vec<Solution> [] => |s, i| s.list_solutions(i.cycle_id);
    /// Proposes a solution to a bucket's problem.
    create_solution: write { bucket_id: Uuid, solution: SolutionInput } -> Solution [Pains] => |s, i| s.create_solution(i.bucket_id, &i.solution);
    /// Replaces a solution's fields and cloud-vendor citations.
    update_solution: write { id: Uuid, solution: SolutionInput } -> Solution [Pains] => |s, i| s.update_solution(i.id, &i.solution);
    /// Moves a solution to the trash.
    delete_solution: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_solution(i.id);
    /// Records an experiment on a solution.
    create_experiment: write { solution_id: Uuid, experiment: ExperimentInput } -> Experiment [Pains] => |s, i| s.create_experiment(i.solution_id, &i.experiment);
    /// Replaces an experiment.
    update_experiment: write { id: Uuid, experiment: ExperimentInput } -> Experiment [Pains] => |s, i| s.update_experiment(i.id, &i.experiment);
    /// Moves an experiment to the trash.
    delete_experiment: write { id: Uuid } -> () [Pains, Trash] => |s, i| s.delete_experiment(i.id);
    /// How a cycle's planned effort splits between immediate needs and the vision.
    plan_balance: read { cycle_id: Uuid } -> PlanBalance [] => |s, i| s.plan_balance(i.cycle_id);
    /// Sets the share of effort meant for immediate needs (70 unless set).
    set_plan_target: write { cycle_id: Uuid, immediate: u8 } -> PlanBalance [Pains] => |s, i| s.set_plan_target(i.cycle_id, i.immediate);
    /// A cycle's roadmap in plan order: its items with their 12-month view, the 70/30 split of their effort and the method's hints.
    get_roadmap: read { cycle_id: Uuid } -> Roadmap [] => |s, i| s.roadmap(i.cycle_id);
    /// Drafts a roadmap item of a solution at the end of a lane.
    create_roadmap_item: write { solution_id: Uuid, lane: Lane, item: RoadmapItemInput } -> RoadmapItem [Documents] => |s, i| s.create_roadmap_item(i.solution_id, i.lane, &i.item);
    /// Replaces a roadmap item's fields and dependencies; leaving draft needs the roadmap mode and the value it delivers on its own.
    update_roadmap_item: write { id: Uuid, item: RoadmapItemInput } -> RoadmapItem [Documents] => |s, i| s.update_roadmap_item(i.id, &i.item);
    /// Moves a roadmap item to a lane, at a place in it (0 is the top).
    move_roadmap_item: write { id: Uuid, lane: Lane, index: u32 } -> Roadmap [Documents] => |s, i| s.move_roadmap_item(i.id, i.lane, i.index);
    /// Moves a roadmap item to the trash.
    delete_roadmap_item: write { id: Uuid } -> () [Documents, Trash] => |s, i| s.delete_roadmap_item(i.id);

    /// A cycle's charter or vision (its template before the first save), with its citations and versions.
    get_document: read { cycle_id: Uuid, kind: DocumentKind } -> Document [] => |s, i| s.document(i.cycle_id, i.kind);
    /// Saves a document typed over revision `base`; changed elsewhere since, what was typed is kept as a version.
    save_document: write { cycle_id: Uuid, kind: DocumentKind, body: String, base: Option<u32> } -> DocumentSaved [Documents] => |s, i| s.save_document(i.cycle_id, i.kind, &i.body, i.base);
    /// Snapshots a document with a note, freezing its citations and live sections.
    snapshot_document: write { document_id: Uuid, note: String } -> DocumentVersion [Documents] => |s, i| s.snapshot_document(i.document_id, &i.note);
    /// One version of a document: what was sent, and which cited evidence changed since.
    get_document_version: read { id: Uuid } -> DocumentVersionView [] => |s, i| s.document_version(i.id);
    /// Compares a version of a document word by word with another version, or (no `to`) with the document now.
    diff_document_versions: read { from: Uuid, to: Option<Uuid> } -> DocumentDiff [] => |s, i| s.diff_document_versions(i.from, i.to);
    /// What in a charter or vision is not backed by evidence: uncited claims, old evidence, top pains never mentioned.
    lint_document: read { cycle_id: Uuid, kind: DocumentKind } -> DocumentLint [] => |s, i| s.lint_document(i.cycle_id, i.kind);
    /// How old (in days) cited evidence may be before the lint says so (365 unless set).
    evidence_max_age: read {} -> u32 [] => |s, i| s.evidence_max_age();
    /// Sets how old cited evidence may be (30 to 3,650 days).
    set_evidence_max_age: write { days: u32 } -> u32 [Settings, Documents] => |s, i| s.set_evidence_max_age(i.days);
    /// A cycle's charter, vision, ranked pain or planning pack as Markdown or HTML, citations as footnotes.
    export_document: read { cycle_id: Uuid, doc: ExportDoc, format: ExportFormat } -> Exported [] => |s, i| s.export(i.cycle_id, i.doc, i.format);

    /// Reads a survey export (`content`: the file's bytes in base64, as the shell read the file the user picked) and maps its columns — the survey's remembered mapping, `mapping`, or a guess — without writing anything.
    preview_survey_import: read { file_name: String, content: String, survey: Option<String>, mapping: Option<SurveyMapping> } -> SurveyPreview []
        => |s, i| s.preview_survey_import(&i.file_name, &file_bytes(&i.content)?, i.survey.as_deref(), i.mapping.as_ref());
    /// Imports a survey export (its bytes in base64) as a wave, a survey session, all or nothing; without a mapping, the survey's remembered one.
    import_survey_wave: write { file_name: String, content: String, wave: WaveImport } -> WaveImported [Surveys, Sessions, Cycles, People, Teams, Coverage]
        => |s, i| s.import_survey_wave(&i.file_name, &file_bytes(&i.content)?, &i.wave, &mut |_, _| true);
    /// Every survey with its questions and waves.
    list_surveys: read {} -> Vec<Survey> [] => |s, i| s.list_surveys();
    /// One survey with its questions and waves.
    get_survey: read { id: Uuid } -> Survey [] => |s, i| s.survey(i.id);

    /// A survey's figures per question and wave (distribution, mean, NPS, CSAT, n and margin of error), split by team or segment if asked.
    survey_charts: read { survey_id: Uuid, split: Split } -> SurveyCharts [] => |s, i| s.survey_charts(i.survey_id, i.split);
    /// The free-text answers to a question of a survey (of one wave, if given), with who gave them and the observation each became.
    survey_text_answers: read { survey_id: Uuid, question: u32, wave_id: Option<Uuid> } -> Vec<TextAnswer> [] => |s, i| s.survey_text_answers(i.survey_id, i.question, i.wave_id);
    /// Turns free-text answers into observations of their wave's session, attributed to the respondents; all or nothing.
    answers_to_observations: write { answers: Vec<AnswerRef>, kind: ObservationKind } -> Vec<Observation> [Observations, Surveys, Tags, People, Coverage]
        => |s, i| s.answers_to_observations(&i.answers, i.kind);

    /// Everyone with a check-in rhythm and when their next check-in falls, the most overdue first.
    checkins_due: read {} -> Vec<CheckinDue> [] => |s, i| s.checkins_due();
    /// Sets how often to check in with a person, in weeks (null: no rhythm).
    set_checkin_rhythm: write { person_id: Uuid, weeks: Option<u32> } -> () [Loop, People]
        => |s, i| s.set_checkin_rhythm(i.person_id, i.weeks);
    /// Keeps a stakeholder's answers to the three questions as given on a day; the newest become their profile's.
    record_checkin: write { person_id: Uuid, checkin: CheckinInput } -> Checkin [Loop, People]
        => |s, i| s.record_checkin(i.person_id, &i.checkin);
    /// Moves a check-in to the trash.
    delete_checkin: write { id: Uuid } -> () [Loop, People, Trash] => |s, i| s.delete_checkin(i.id);
    /// Every SLA (service, team, measure) with its expected and delivered levels over time, the widest shortfall first.
    list_slas: read {} -> Vec<Sla> [] => |s, i| s.list_slas();
    /// Adds an SLA: what a team expects of a platform service, on one measure.
    create_sla: write { sla: SlaInput } -> Sla [Loop] => |s, i| s.create_sla(&i.sla);
    /// Changes an SLA's service, team, measure, unit or direction.
    update_sla: write { id: Uuid, sla: SlaInput } -> Sla [Loop] => |s, i| s.update_sla(i.id, &i.sla);
    /// Moves an SLA and its history to the trash.
    delete_sla: write { id: Uuid } -> () [Loop, Trash] => |s, i| s.delete_sla(i.id);
    /// Keeps an expected or delivered level of an SLA on a day.
    add_sla_level: write { sla_id: Uuid, level: SlaLevelInput } -> Sla [Loop] => |s, i| s.add_sla_level(i.sla_id, &i.level);
    /// Moves one level of an SLA's history to the trash.
    delete_sla_level: write { id: Uuid } -> () [Loop, Trash] => |s, i| s.delete_sla_level(i.id);
    /// Every adoption and migration by team, with milestones planned and done and the share moved.
    list_adoptions: read {} -> Vec<Adoption> [] => |s, i| s.list_adoptions();
    /// Starts tracking a team's adoption of a capability, or its migration.
    create_adoption: write { adoption: AdoptionInput } -> Adoption [Loop] => |s, i| s.create_adoption(&i.adoption);
    /// Changes an adoption's team, capability or kind.
    update_adoption: write { id: Uuid, adoption: AdoptionInput } -> Adoption [Loop] => |s, i| s.update_adoption(i.id, &i.adoption);
    /// Moves an adoption and its milestones to the trash.
    delete_adoption: write { id: Uuid } -> () [Loop, Trash] => |s, i| s.delete_adoption(i.id);
    /// Adds a milestone (planned, done, share migrated) to an adoption.
    add_milestone: write { adoption_id: Uuid, milestone: MilestoneInput } -> Adoption [Loop]
        => |s, i| s.add_milestone(i.adoption_id, &i.milestone);
    /// Changes a milestone: done, re-planned, share migrated.
    update_milestone: write { id: Uuid, milestone: MilestoneInput } -> Adoption [Loop]
        => |s, i| s.update_milestone(i.id, &i.milestone);
    /// Moves a milestone to the trash.
    delete_milestone: write { id: Uuid } -> Adoption [Loop, Trash] => |s, i| s.delete_milestone(i.id);
    /// Every kudos, received and given, newest first.
    list_kudos: read {} -> Vec<Kudos> [] => |s, i| s.list_kudos();
    /// Keeps a kudos: the day, the people and what for.
    create_kudos: write { kudos: KudosInput } -> Kudos [Loop] => |s, i| s.create_kudos(&i.kudos);
    /// Replaces a kudos's fields and people.
    update_kudos: write { id: Uuid, kudos: KudosInput } -> Kudos [Loop, Documents] => |s, i| s.update_kudos(i.id, &i.kudos);
    /// Moves a kudos to the trash; documents citing it keep what it said.
    delete_kudos: write { id: Uuid } -> () [Loop, Documents, Trash] => |s, i| s.delete_kudos(i.id);
    /// Every answer ("you said, we did"), most recently done first.
    list_answers: read {} -> Vec<Answer> [] => |s, i| s.list_answers();
    /// What was done about an observation or pain, if it was answered.
    answer_of: read { target: AnswerTarget } -> Option<Answer> [] => |s, i| s.answer_of(i.target);
    /// Marks an observation or pain answered with what was done (and the solution or roadmap item), or changes its answer.
    mark_answered: write { target: AnswerTarget, answer: AnswerInput } -> Answer [Loop, Observations, Pains]
        => |s, i| s.mark_answered(i.target, &i.answer);
    /// Takes an answer back, to the trash.
    unmark_answered: write { target: AnswerTarget } -> () [Loop, Observations, Pains, Trash]
        => |s, i| s.unmark_answered(i.target);
    /// What a team told us (in a cycle, or ever) and what was done about it.
    team_digest: read { team_id: Uuid, cycle_id: Option<Uuid> } -> TeamDigest [] => |s, i| s.team_digest(i.team_id, i.cycle_id);
    /// A team's "you said, we did" digest as Markdown or HTML, ready to send back.
    export_digest: read { team_id: Uuid, cycle_id: Option<Uuid>, format: ExportFormat } -> Exported []
        => |s, i| s.export_digest(i.team_id, i.cycle_id, i.format);

    /// Searches sessions, notes, observations, people, ideas and tags.
    search: read { query: SearchQuery } -> SearchResults [] => |s, i| s.search(&i.query);
    /// Coverage of a cycle: channels, teams and segments heard, ask-load.
    coverage: read { cycle_id: Uuid } -> Coverage [] => |s, i| s.coverage(i.cycle_id);
    /// Every kind's session template.
    list_templates: read {} -> Vec<SessionTemplate> [] => |s, i| s.list_templates();
    /// Rewrites a kind's template for this workspace.
    set_template: write { kind: SourceKind, body: String } -> SessionTemplate [Templates] => |s, i| s.set_template(i.kind, &i.body);
    /// Goes back to the built-in template of a kind.
    reset_template: write { kind: SourceKind } -> SessionTemplate [Templates] => |s, i| s.reset_template(i.kind);

    /// Everything in the trash.
    list_trash: read {} -> Vec<TrashItem> [] => |s, i| s.list_trash();
    /// Restores a deleted thing, with every link it had.
    restore_from_trash: write { entity: TrashEntity, id: Uuid } -> ()
        [Trash, Sessions, Cycles, Observations, People, Teams, Tags, Ideas, Pains, Coverage, Documents, Loop]
        => |s, i| s.restore(i.entity, i.id);

    /// Markdown to sanitized HTML, by the one renderer in core.
    render_markdown: read { markdown: String } -> String [] => |s, i| render(&i.markdown);
}

/// The bytes of a file the shell read for the page, sent as base64. The page never
/// names a path: core reads no file on its behalf.
pub fn file_bytes(content: &str) -> Result<Vec<u8>, DomainError> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(content.trim())
        .map_err(|e| DomainError::InvalidInput {
            field: "content",
            reason: format!("the file's content did not arrive whole ({e}); choose the file again"),
        })
}

/// Renders notes, refusing what no session could hold.
fn render(markdown: &str) -> Result<String, DomainError> {
    if markdown.len() > limits::NOTES_BYTES * 2 {
        return Err(DomainError::InvalidInput {
            field: "markdown",
            reason: "this is more than any notes can hold; nothing was rendered".into(),
        });
    }
    Ok(render::markdown_to_html(markdown))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn store() -> Store {
        Store::open_in_memory(Arc::new(SystemClock)).expect("store")
    }

    #[test]
    fn every_operation_has_a_unique_name_and_every_write_makes_something_stale() {
        let mut names: Vec<&str> = ops().iter().map(|o| o.name).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "operation names are unique");
        for op in ops() {
            match op.access {
                Access::Write => assert!(!op.stale.is_empty(), "{} refreshes nothing", op.name),
                Access::Read => assert!(op.stale.is_empty(), "{} reads only", op.name),
            }
            assert!(!op.doc.trim().is_empty(), "{} has a description", op.name);
        }
    }

    #[test]
    fn a_call_runs_the_operation_on_real_core_and_returns_its_json() {
        let store = store();
        let cycle = call(
            &store,
            "create_cycle",
            serde_json::json!({ "name": "2027 H1" }),
        )
        .expect("create");
        assert_eq!(cycle["name"], "2027 H1");
        assert_eq!(cycle["allows"]["capture"], true);
        let cycles = call(&store, "list_cycles", Value::Null).expect("list");
        assert_eq!(cycles.as_array().map(Vec::len), Some(1));
        let renamed = call(
            &store,
            "rename_cycle",
            serde_json::json!({ "id": cycle["id"], "name": "2027 H1 planning" }),
        )
        .expect("rename");
        assert_eq!(renamed["name"], "2027 H1 planning");
    }

    #[test]
    fn a_refusal_comes_back_as_kind_and_message() {
        let store = store();
        let err =
            call(&store, "create_cycle", serde_json::json!({ "name": "  " })).expect_err("no name");
        assert_eq!(
            serde_json::to_value(&err).expect("json"),
            serde_json::json!({"kind": "invalid_input", "message": "Name: a cycle needs a name, e.g. \"2027 H1 planning\""})
        );
    }

    #[test]
    fn a_wrong_input_or_an_unknown_operation_is_refused_in_words() {
        let store = store();
        let err = call(&store, "get_session", serde_json::json!({ "id": "nope" })).expect_err("id");
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(
            err.message
                .starts_with("The input of get_session is not right"),
            "{}",
            err.message
        );
        let err = call(
            &store,
            "create_cycle",
            serde_json::json!({ "name": "x", "colour": 1 }),
        )
        .expect_err("unknown field");
        assert!(err.message.contains("unknown field"), "{}", err.message);
        let err = call(&store, "drop_everything", Value::Null).expect_err("unknown");
        assert!(
            err.message.contains("no operation \"drop_everything\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_survey_export_arrives_as_base64_and_garbled_content_is_refused_in_words() {
        use base64::Engine;
        let store = store();
        let csv = "Email,How likely are you to recommend us?\na@corp.example,9\n";
        let content = base64::engine::general_purpose::STANDARD.encode(csv);
        let preview = call(
            &store,
            "preview_survey_import",
            serde_json::json!({ "fileName": "a.csv", "content": content, "survey": "NPS" }),
        )
        .expect("preview");
        assert_eq!(preview["columns"][1]["mapping"]["kind"], "nps");
        let err = call(
            &store,
            "preview_survey_import",
            serde_json::json!({ "fileName": "a.csv", "content": "not base64!" }),
        )
        .expect_err("garbled");
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(
            err.message.contains("did not arrive whole"),
            "{}",
            err.message
        );
    }
}
