//! The table itself: one line an operation.

use crate::error::{ErrorKind, IpcError};
use groundwork_core::prioritization::candidate::{CandidatePain, PainLike};
use groundwork_core::sharing::conflict::{Conflict, Settle};
use groundwork_core::sharing::sync::ShareStatus;
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

/// A list the UI shows. A read says which lists it shows; a write says which it changes,
/// and after it the UI refreshes the views that show them.
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
    /// Pains, their evidence and reach, buckets, scores and the ranking.
    Pains,
    /// The criteria a weighted ranking rates by.
    Criteria,
    /// Whom the cycle serves excellently and less well: stances and axes.
    Tradeoffs,
    /// Solutions, their experiments, and the plan's 70/30 balance.
    Solutions,
    /// Roadmap items, their lanes, order and dependencies.
    Roadmap,
    Trash,
    Templates,
    Coverage,
    Settings,
    /// The charter, the vision and their kept versions.
    Documents,
    Surveys,
    /// Check-in rhythms and the check-ins recorded.
    Checkins,
    /// SLAs and their levels expected and delivered.
    Slas,
    /// Adoptions, migrations and their milestones.
    Adoption,
    /// Kudos received and given.
    Kudos,
    /// "You said, we did" answers.
    Answers,
    /// How the workspace shares through git, and the conflicts syncs kept aside.
    Sharing,
}

impl Stale {
    /// Every list, for "refresh everything" (another process changed the file).
    pub const ALL: [Stale; 24] = [
        Stale::Cycles,
        Stale::Sessions,
        Stale::Observations,
        Stale::People,
        Stale::Teams,
        Stale::Tags,
        Stale::Ideas,
        Stale::Pains,
        Stale::Criteria,
        Stale::Tradeoffs,
        Stale::Solutions,
        Stale::Roadmap,
        Stale::Trash,
        Stale::Templates,
        Stale::Coverage,
        Stale::Settings,
        Stale::Documents,
        Stale::Surveys,
        Stale::Checkins,
        Stale::Slas,
        Stale::Adoption,
        Stale::Kudos,
        Stale::Answers,
        Stale::Sharing,
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
            Stale::Criteria => "criteria",
            Stale::Tradeoffs => "tradeoffs",
            Stale::Solutions => "solutions",
            Stale::Roadmap => "roadmap",
            Stale::Trash => "trash",
            Stale::Templates => "templates",
            Stale::Coverage => "coverage",
            Stale::Settings => "settings",
            Stale::Documents => "documents",
            Stale::Surveys => "surveys",
            Stale::Checkins => "checkins",
            Stale::Slas => "slas",
            Stale::Sharing => "sharing",
            Stale::Adoption => "adoption",
            Stale::Kudos => "kudos",
            Stale::Answers => "answers",
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
    /// The lists a write changes (they are stale after it); none for a read.
    pub stale: &'static [Stale],
    /// The lists a read shows (a view showing it reloads when they change); none for a write.
    pub shows: &'static [Stale],
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
/// an arm in [`call`] that opens the unit of work its line declares (a read snapshot
/// through a `Db`, or one write transaction through a `Tx`) and runs the area's
/// function in it, so core needs no forwarding wrapper on `Store`.
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident : $access:ident { $($field:ident : $ty:ty),* $(,)? } -> $out:ty
            [$($stale:ident),* $(,)?]
            => |$uow:ident, $i:ident| $body:expr;
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
                    stale: operations!(@changes $access [$(Stale::$stale),*]),
                    shows: operations!(@shows $access [$(Stale::$stale),*]),
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
                            let result: Result<$out, DomainError> =
                                operations!(@unit $access store, |$uow| $body);
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
    // A read sees one snapshot through a `Db`; a write is one transaction through a `Tx`.
    (@unit read $store:ident, |$uow:ident| $body:expr) => { $store.read(|$uow| $body) };
    (@unit write $store:ident, |$uow:ident| $body:expr) => { $store.write(|$uow| $body) };
    (@changes read [$($list:expr),*]) => { &[] };
    (@changes write [$($list:expr),*]) => { &[$($list),*] };
    (@shows read [$($list:expr),*]) => { &[$($list),*] };
    (@shows write [$($list:expr),*]) => { &[] };
    (@access read) => { Access::Read };
    (@access write) => { Access::Write };
}

operations! {
    /// Every cycle, newest first.
    list_cycles: read {} -> Vec<Cycle> [Cycles] => |db, i| db.list_cycles().and_then(|c| db.with_session_counts(c));
    /// Creates a cycle in discovery mode; the first becomes the current one.
    create_cycle: write { name: String } -> Cycle [Cycles] => |tx, i| tx.create_cycle(&i.name).and_then(|c| tx.with_session_count(c));
    /// Renames a cycle that is not closed.
    rename_cycle: write { id: Uuid, name: String } -> Cycle [Cycles] => |tx, i| tx.rename_cycle(i.id, &i.name).and_then(|c| tx.with_session_count(c));
    /// Makes a cycle the current one.
    set_current_cycle: write { id: Uuid } -> Cycle [Cycles, Sessions, Observations, Ideas, Coverage]
        => |tx, i| tx.set_current_cycle(i.id).and_then(|c| tx.with_session_count(c));
    /// Moves a cycle to its next mode (kept in its history).
    advance_cycle: write { id: Uuid } -> Cycle [Cycles, Sessions, Observations, Ideas, Pains, Criteria, Tradeoffs, Solutions, Roadmap, Coverage]
        => |tx, i| tx.advance_cycle(i.id).and_then(|c| tx.with_session_count(c));
    /// Takes a cycle back to discovery, for a reason kept in its history.
    return_to_discovery: write { id: Uuid, reason: String } -> Cycle [Cycles, Sessions, Observations, Ideas, Pains, Criteria, Tradeoffs, Solutions, Roadmap, Coverage]
        => |tx, i| tx.return_to_discovery(i.id, &i.reason).and_then(|c| tx.with_session_count(c));
    /// A cycle's changes of mode, oldest first.
    cycle_history: read { id: Uuid } -> Vec<CycleEvent> [Cycles] => |db, i| db.cycle_history(i.id);
    /// What discovery gathered in a cycle, to review before it moves on.
    cycle_review: read { id: Uuid } -> CycleReview [Sessions, Observations, Ideas, Coverage] => |db, i| db.cycle_review(i.id);

    /// Every source kind with its label.
    list_source_kinds: read {} -> Vec<SourceKindInfo> [] => |_db, i| Ok(source_kinds());
    /// Sessions matching the query, with counts per kind.
    list_sessions: read { query: SessionQuery } -> SessionList [Sessions] => |db, i| db.list_sessions(&i.query);
    /// One session with notes and links.
    get_session: read { id: Uuid } -> Session [Sessions] => |db, i| db.session(i.id);
    /// Logs a new session.
    create_session: write { session: NewSession } -> Session [Sessions, Cycles, People, Tags, Coverage]
        => |tx, i| tx.create_session(&i.session);
    /// Replaces a session's details (kind, title, date, people, links and, when given, tags).
    update_session: write { id: Uuid, update: SessionUpdate } -> Session [Sessions, Observations, People, Tags, Coverage]
        => |tx, i| tx.update_session(i.id, &i.update);
    /// Saves a session's notes typed over revision `baseRev` (a conflict when they changed
    /// since; absent: save whatever is there). The list row's new excerpt comes back.
    save_notes: write { id: Uuid, notes: String, base_rev: Option<u32> } -> NotesSaved [Observations]
        => |tx, i| tx.save_notes_over(i.id, &i.notes, i.base_rev);
    /// Settles a notes conflict: `keep` says which text stays; the other is kept as a version.
    resolve_notes: write { id: Uuid, mine: String, keep: NotesChoice } -> Session [Sessions, Observations]
        => |tx, i| tx.resolve_notes(i.id, &i.mine, i.keep);
    /// The texts of a session's notes kept when conflicts were settled, newest first.
    notes_versions: read { id: Uuid } -> Vec<NotesVersion> [Sessions] => |db, i| db.notes_versions(i.id);
    /// Moves a session to the trash.
    delete_session: write { id: Uuid } -> () [Sessions, Cycles, Observations, People, Tags, Coverage, Trash]
        => |tx, i| tx.delete_session(i.id);

    /// People matching the query, by name.
    list_people: read { query: PeopleQuery } -> Vec<PersonSummary> [People] => |db, i| db.list_people(&i.query);
    /// Summaries of the given people (for ask-load warnings).
    people_by_id: read { ids: Vec<Uuid> } -> Vec<PersonSummary> [People] => |db, i| db.people_by_id(&i.ids);
    /// One person's profile.
    get_person: read { id: Uuid } -> Person [People, Checkins] => |db, i| db.person(i.id);
    /// Adds a person.
    create_person: write { person: PersonInput } -> Person [People, Teams] => |tx, i| tx.create_person(&i.person);
    /// Replaces a person's fields.
    update_person: write { id: Uuid, person: PersonInput } -> Person [People, Teams, Sessions, Observations, Pains, Coverage]
        => |tx, i| tx.update_person(i.id, &i.person);
    /// Moves a person to the trash.
    delete_person: write { id: Uuid } -> () [People, Teams, Sessions, Observations, Pains, Coverage, Trash]
        => |tx, i| tx.delete_person(i.id);
    /// Every team.
    list_teams: read {} -> Vec<Team> [Teams] => |db, i| db.list_teams();
    /// Adds a team.
    create_team: write { team: TeamInput } -> Team [Teams, Coverage] => |tx, i| tx.create_team(&i.team);
    /// Replaces a team's fields.
    update_team: write { id: Uuid, team: TeamInput } -> Team [Teams, People, Pains, Coverage] => |tx, i| tx.update_team(i.id, &i.team);
    /// Moves a team to the trash.
    delete_team: write { id: Uuid } -> () [Teams, People, Pains, Coverage, Trash] => |tx, i| tx.delete_team(i.id);
    /// The ask-load warning threshold (sessions in 90 days).
    ask_load_threshold: read {} -> u32 [Settings] => |db, i| db.ask_load_threshold();
    /// Sets the ask-load warning threshold.
    set_ask_load_threshold: write { threshold: u32 } -> u32 [Settings, Coverage] => |tx, i| tx.set_ask_load_threshold(i.threshold);
    /// Merges person `merged` into `kept`.
    merge_people: write { kept: Uuid, merged: Uuid } -> MergeDone [People, Teams, Sessions, Observations, Pains, Coverage]
        => |tx, i| tx.merge_people(i.kept, i.merged);
    /// Undoes a merge of people, observations or tags.
    undo_merge: write { merge_id: Uuid } -> () [People, Teams, Sessions, Observations, Tags, Ideas, Pains, Coverage]
        => |tx, i| tx.undo_merge(i.merge_id);

    /// A page of observations matching the query.
    list_observations: read { query: ObservationQuery } -> ObservationList [Observations] => |db, i| db.list_observations(&i.query);
    /// One observation.
    get_observation: read { id: Uuid } -> Observation [Observations, Answers] => |db, i| db.observation(i.id);
    /// Records an observation (from a passage, or typed).
    create_observation: write { observation: NewObservation } -> Observation [Observations, Tags, People, Coverage]
        => |tx, i| tx.create_observation(&i.observation);
    /// Replaces an observation's fields.
    update_observation: write { id: Uuid, update: ObservationUpdate } -> Observation [Observations, Tags, People, Ideas, Pains, Coverage]
        => |tx, i| tx.update_observation(i.id, &i.update);
    /// Moves an observation to the trash.
    delete_observation: write { id: Uuid } -> () [Observations, Tags, People, Ideas, Pains, Coverage, Trash]
        => |tx, i| tx.delete_observation(i.id);
    /// Merges observation `merged` into `kept`.
    merge_observations: write { kept: Uuid, merged: Uuid } -> MergeDone [Observations, Tags, People, Ideas, Pains, Coverage]
        => |tx, i| tx.merge_observations(i.kept, i.merged);

    /// Every tag with its counts of observations, sessions and ideas.
    list_tags: read {} -> Vec<Tag> [Tags] => |db, i| db.list_tags();
    /// Creates a tag.
    create_tag: write { tag: TagInput } -> Tag [Tags] => |tx, i| tx.create_tag(&i.tag);
    /// Renames, recolours or regroups a tag.
    update_tag: write { id: Uuid, tag: TagInput } -> Tag [Tags, Observations, Sessions, Ideas] => |tx, i| tx.update_tag(i.id, &i.tag);
    /// Merges tag `merged` into `kept`.
    merge_tags: write { kept: Uuid, merged: Uuid } -> MergeDone [Tags, Observations, Sessions, Ideas] => |tx, i| tx.merge_tags(i.kept, i.merged);
    /// Adds or removes a tag on many observations, all or nothing; returns how many changed.
    tag_observations: write { tag_id: Uuid, observation_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Observations]
        => |tx, i| tx.tag_observations(i.tag_id, &i.observation_ids, i.add);
    /// Adds or removes a tag on many sessions, all or nothing; returns how many changed.
    tag_sessions: write { tag_id: Uuid, session_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Sessions]
        => |tx, i| tx.tag_sessions(i.tag_id, &i.session_ids, i.add);
    /// Adds or removes a tag on many ideas, all or nothing; returns how many changed.
    tag_ideas: write { tag_id: Uuid, idea_ids: Vec<Uuid>, add: bool } -> u32 [Tags, Ideas]
        => |tx, i| tx.tag_ideas(i.tag_id, &i.idea_ids, i.add);
    /// Moves a tag to the trash.
    delete_tag: write { id: Uuid } -> () [Tags, Observations, Sessions, Ideas, Trash] => |tx, i| tx.delete_tag(i.id);

    /// The ideas of a cycle.
    list_ideas: read { cycle_id: Uuid } -> Vec<Idea> [Ideas] => |db, i| db.list_ideas(i.cycle_id);
    /// Captures an idea.
    create_idea: write { cycle_id: Uuid, idea: IdeaInput } -> Idea [Ideas, Tags] => |tx, i| tx.create_idea(i.cycle_id, &i.idea);
    /// Replaces an idea's title, description, evidence and (when given) tags.
    update_idea: write { id: Uuid, idea: IdeaInput } -> Idea [Ideas, Tags] => |tx, i| tx.update_idea(i.id, &i.idea);
    /// Scores or sizes an idea (refused in discovery).
    assess_idea: write { id: Uuid, assessment: Assessment } -> Idea [Ideas] => |tx, i| tx.assess_idea(i.id, &i.assessment);
    /// Moves an idea to the trash.
    delete_idea: write { id: Uuid } -> () [Ideas, Tags, Trash] => |tx, i| tx.delete_idea(i.id);

    /// The pains of a cycle, with evidence, reach and flags.
    list_pains: read { cycle_id: Uuid } -> Vec<Pain> [Pains] => |db, i| db.list_pains(i.cycle_id);
    /// The pains of a cycle weighed, without their evidence (quick at thousands).
    pain_rows: read { cycle_id: Uuid } -> Vec<Pain> [Pains] => |db, i| db.pain_rows(i.cycle_id);
    /// One pain.
    get_pain: read { id: Uuid } -> Pain [Pains, Answers] => |db, i| db.pain(i.id);
    /// The pains an observation backs, in any cycle: the way back from evidence.
    pains_citing: read { observation_id: Uuid } -> Vec<PainCited> [Pains] => |db, i| db.pains_citing(i.observation_id);
    /// Makes a pain from evidence (prioritization).
    create_pain: write { cycle_id: Uuid, pain: PainInput } -> Pain [Pains] => |tx, i| tx.create_pain(i.cycle_id, &i.pain);
    /// The cycle's pain and request observations that are no pain's evidence yet, grouped by the words they share into candidate pains, each explained (its words and their weight, how alike its members are, who stands behind it); changes nothing. Refused in discovery.
    candidate_pains: read { cycle_id: Uuid } -> Vec<CandidatePain> [Pains, Observations, People] => |db, i| db.candidate_pains(i.cycle_id);
    /// The pains of a cycle that observations about to become a pain may belong to (their words alike), most alike first, at most three, each with the words both say; changes nothing.
    pains_like: read { cycle_id: Uuid, observation_ids: Vec<Uuid> } -> Vec<PainLike> [Pains, Observations] => |db, i| db.pains_like(i.cycle_id, &i.observation_ids);
    /// Dismisses a candidate pain: the same group is not offered again in the cycle.
    dismiss_candidate: write { cycle_id: Uuid, key: String } -> () [Pains] => |tx, i| tx.dismiss_candidate(i.cycle_id, &i.key);
    /// Makes a pain from one observation, in one step.
    pain_from_observation: write { observation_id: Uuid } -> Pain [Pains] => |tx, i| tx.pain_from_observation(i.observation_id);
    /// Replaces a pain's statement and severity.
    update_pain: write { id: Uuid, update: PainUpdate } -> Pain [Pains] => |tx, i| tx.update_pain(i.id, &i.update);
    /// Links observations to a pain (or changes a link's importance and reason).
    link_evidence: write { pain_id: Uuid, links: Vec<EvidenceLink> } -> Pain [Pains] => |tx, i| tx.link_evidence(i.pain_id, &i.links);
    /// Unlinks an observation from a pain.
    unlink_evidence: write { pain_id: Uuid, observation_id: Uuid } -> Pain [Pains] => |tx, i| tx.unlink_evidence(i.pain_id, i.observation_id);
    /// Puts a pain in a bucket, or (with none) in none.
    move_pain: write { id: Uuid, bucket_id: Option<Uuid> } -> Pain [Pains] => |tx, i| tx.move_pain(i.id, i.bucket_id);
    /// Moves a pain to the trash.
    delete_pain: write { id: Uuid } -> () [Pains, Trash] => |tx, i| tx.delete_pain(i.id);
    /// The workspace's scoring framework (RICE unless chosen).
    scoring_framework: read {} -> Framework [Settings] => |db, i| db.framework();
    /// Chooses the scoring framework; every score follows from the stored inputs.
    set_scoring_framework: write { framework: Framework } -> Framework [Pains, Settings] => |tx, i| tx.set_framework(i.framework);
    /// Stores a pain's raw scoring inputs (refused in discovery).
    score_pain: write { id: Uuid, inputs: ScoreInputs } -> ScoreInputs [Pains] => |tx, i| tx.score_pain(i.id, &i.inputs);
    /// Puts a pain at a position by hand for a written reason, or (no position) gives it back to its score.
    override_rank: write { id: Uuid, position: Option<u32>, reason: String } -> () [Pains] => |tx, i| tx.override_rank(i.id, i.position, &i.reason);
    /// The prioritized list of user pain of a cycle (refused in discovery).
    rank: read { cycle_id: Uuid } -> Ranking [Pains, Criteria, Tradeoffs] => |db, i| db.rank(i.cycle_id);
    /// Why the pain at a position (1 is the top) sits there.
    explain_rank: read { cycle_id: Uuid, position: u32 } -> Explanation [Pains, Criteria, Tradeoffs] => |db, i| db.explain_rank(i.cycle_id, i.position);
    /// The buckets of a cycle, each with its pains' combined reach.
    list_buckets: read { cycle_id: Uuid } -> Vec<Bucket> [Pains] => |db, i| db.list_buckets(i.cycle_id);
    /// Makes a bucket (address, eliminate or empower).
    create_bucket: write { cycle_id: Uuid, bucket: BucketInput } -> Bucket [Pains] => |tx, i| tx.create_bucket(i.cycle_id, &i.bucket);
    /// Renames a bucket or changes its kind.
    update_bucket: write { id: Uuid, bucket: BucketInput } -> Bucket [Pains] => |tx, i| tx.update_bucket(i.id, &i.bucket);
    /// Moves a bucket to the trash; its pains stay.
    delete_bucket: write { id: Uuid } -> () [Pains, Trash] => |tx, i| tx.delete_bucket(i.id);
    /// The criteria of the weighted-criteria framework.
    list_criteria: read {} -> Vec<Criterion> [Criteria] => |db, i| db.criteria();
    /// Adds a criterion with its weight.
    create_criterion: write { criterion: CriterionInput } -> Criterion [Criteria, Pains] => |tx, i| tx.create_criterion(&i.criterion);
    /// Renames a criterion or changes its weight; every score follows.
    update_criterion: write { id: Uuid, criterion: CriterionInput } -> Criterion [Criteria, Pains] => |tx, i| tx.update_criterion(i.id, &i.criterion);
    /// Moves a criterion to the trash; ratings on it are kept.
    delete_criterion: write { id: Uuid } -> () [Criteria, Pains, Trash] => |tx, i| tx.delete_criterion(i.id);
    /// A cycle's trade-offs: whom it serves excellently and less well, and its axes.
    tradeoffs: read { cycle_id: Uuid } -> Tradeoffs [Tradeoffs, Teams] => |db, i| db.tradeoffs(i.cycle_id);
    /// Takes (or, without a stance, drops) a stance on a team or segment; reach follows.
    set_serve: write { cycle_id: Uuid, choice: ServeInput } -> Tradeoffs [Tradeoffs, Pains] => |tx, i| tx.set_serve(i.cycle_id, &i.choice);
    /// Adds a trade-off between two goods.
    create_axis: write { cycle_id: Uuid, axis: AxisInput } -> TradeoffAxis [Tradeoffs] => |tx, i| tx.create_axis(i.cycle_id, &i.axis);
    /// Replaces a trade-off's poles, lean and note.
    update_axis: write { id: Uuid, axis: AxisInput } -> TradeoffAxis [Tradeoffs] => |tx, i| tx.update_axis(i.id, &i.axis);
    /// Moves a trade-off to the trash.
    delete_axis: write { id: Uuid } -> () [Tradeoffs, Trash] => |tx, i| tx.delete_axis(i.id);
    /// The solutions of a cycle's buckets, with experiments and citations.
    list_solutions: read { cycle_id: Uuid } -> Vec<Solution> [Solutions, Pains] => |db, i| db.list_solutions(i.cycle_id);
    /// Proposes a solution to a bucket's problem.
    create_solution: write { bucket_id: Uuid, solution: SolutionInput } -> Solution [Solutions] => |tx, i| tx.create_solution(i.bucket_id, &i.solution);
    /// Replaces a solution's fields and cloud-vendor citations.
    update_solution: write { id: Uuid, solution: SolutionInput } -> Solution [Solutions] => |tx, i| tx.update_solution(i.id, &i.solution);
    /// Moves a solution to the trash.
    delete_solution: write { id: Uuid } -> () [Solutions, Roadmap, Trash] => |tx, i| tx.delete_solution(i.id);
    /// Records an experiment on a solution.
    create_experiment: write { solution_id: Uuid, experiment: ExperimentInput } -> Experiment [Solutions] => |tx, i| tx.create_experiment(i.solution_id, &i.experiment);
    /// Replaces an experiment.
    update_experiment: write { id: Uuid, experiment: ExperimentInput } -> Experiment [Solutions] => |tx, i| tx.update_experiment(i.id, &i.experiment);
    /// Moves an experiment to the trash.
    delete_experiment: write { id: Uuid } -> () [Solutions, Trash] => |tx, i| tx.delete_experiment(i.id);
    /// How a cycle's planned effort splits between immediate needs and the vision.
    plan_balance: read { cycle_id: Uuid } -> PlanBalance [Solutions] => |db, i| db.plan_balance(i.cycle_id);
    /// Sets the share of effort meant for immediate needs (70 unless set).
    set_plan_target: write { cycle_id: Uuid, immediate: u8 } -> PlanBalance [Solutions] => |tx, i| tx.set_plan_target(i.cycle_id, i.immediate);
    /// A cycle's roadmap in plan order: its items with their 12-month view, the 70/30 split of their effort and the method's hints.
    get_roadmap: read { cycle_id: Uuid } -> Roadmap [Roadmap, Solutions] => |db, i| db.roadmap(i.cycle_id);
    /// Drafts a roadmap item of a solution at the end of a lane.
    create_roadmap_item: write { solution_id: Uuid, lane: Lane, item: RoadmapItemInput } -> RoadmapItem [Roadmap] => |tx, i| tx.create_roadmap_item(i.solution_id, i.lane, &i.item);
    /// Replaces a roadmap item's fields and dependencies; leaving draft needs the roadmap mode and the value it delivers on its own.
    update_roadmap_item: write { id: Uuid, item: RoadmapItemInput } -> RoadmapItem [Roadmap] => |tx, i| tx.update_roadmap_item(i.id, &i.item);
    /// Moves a roadmap item to a lane, at a place in it (0 is the top).
    move_roadmap_item: write { id: Uuid, lane: Lane, index: u32 } -> Roadmap [Roadmap] => |tx, i| tx.move_roadmap_item(i.id, i.lane, i.index);
    /// Moves a roadmap item to the trash.
    delete_roadmap_item: write { id: Uuid } -> () [Roadmap, Trash] => |tx, i| tx.delete_roadmap_item(i.id);

    /// A cycle's charter or vision (its template before the first save), with its citations and versions.
    get_document: read { cycle_id: Uuid, kind: DocumentKind } -> Document [Documents, Pains, Tradeoffs, Solutions, Roadmap, Kudos] => |db, i| db.document(i.cycle_id, i.kind);
    /// Saves a document typed over revision `base`; changed elsewhere since, what was typed is kept as a version.
    save_document: write { cycle_id: Uuid, kind: DocumentKind, body: String, base: Option<u32> } -> DocumentSaved [Documents] => |tx, i| tx.save_document(i.cycle_id, i.kind, &i.body, i.base);
    /// Snapshots a document with a note, freezing its citations and live sections.
    snapshot_document: write { document_id: Uuid, note: String } -> DocumentVersion [Documents] => |tx, i| tx.snapshot_document(i.document_id, &i.note);
    /// One version of a document: what was sent, and which cited evidence changed since.
    get_document_version: read { id: Uuid } -> DocumentVersionView [Documents] => |db, i| db.document_version(i.id);
    /// Compares a version of a document word by word with another version, or (no `to`) with the document now.
    diff_document_versions: read { from: Uuid, to: Option<Uuid> } -> DocumentDiff [Documents] => |db, i| db.diff_document_versions(i.from, i.to);
    /// What in a charter or vision is not backed by evidence: uncited claims, old evidence, top pains never mentioned.
    lint_document: read { cycle_id: Uuid, kind: DocumentKind } -> DocumentLint [Documents, Observations, Settings] => |db, i| db.lint_document(i.cycle_id, i.kind);
    /// How old (in days) cited evidence may be before the lint says so (365 unless set).
    evidence_max_age: read {} -> u32 [Settings] => |db, i| db.evidence_max_age();
    /// Sets how old cited evidence may be (30 to 3,650 days).
    set_evidence_max_age: write { days: u32 } -> u32 [Settings, Documents] => |tx, i| tx.set_evidence_max_age(i.days);
    /// A cycle's charter, vision, ranked pain or planning pack as Markdown or HTML, citations as footnotes.
    export_document: read { cycle_id: Uuid, doc: ExportDoc, format: ExportFormat } -> Exported [Documents, Pains, Tradeoffs, Solutions, Roadmap, Kudos] => |db, i| db.export(i.cycle_id, i.doc, i.format);

    /// Reads a transcript (`content`: the file's bytes in base64, as for a survey export) — Zoom, Teams, Meet, Otter, SubRip, WebVTT or `Name: text` lines, told by what it holds — and says what it holds: the format, duration, turns, each speaker's share of the words and what was left out as not speech. Writes nothing.
    preview_transcript: read { file_name: String, content: String } -> TranscriptPreview []
        => |_db, i| Ok(groundwork_core::discovery::transcript::preview(&groundwork_core::discovery::transcript::read_transcript(&i.file_name, &file_bytes(&i.content)?)?));
    /// Reads a transcript (its bytes in base64) and suggests a person for each speaker label: remembered from an earlier transcript, or a person of that name or email. Writes nothing.
    preview_transcript_import: read { file_name: String, content: String } -> TranscriptImportPreview [People]
        => |db, i| db.preview_transcript_import(&i.file_name, &file_bytes(&i.content)?);
    /// Imports a transcript (its bytes in base64) into a session (or a new one), each speaker tied to the person chosen and remembered; the file is kept byte for byte. All or nothing.
    import_transcript: write { file_name: String, content: String, request: TranscriptImport } -> TranscriptImported [Sessions, Cycles, People, Teams, Coverage]
        => |tx, i| tx.import_transcript(&i.file_name, &file_bytes(&i.content)?, &i.request);
    /// A session's transcripts: every turn with its speaker, person and times, and the observations taken from it.
    get_session_transcripts: read { session_id: Uuid } -> Vec<SessionTranscript> [Sessions, People, Observations] => |db, i| db.session_transcripts(i.session_id);
    /// Ties every turn of a speaker label to a person (or nobody) as a participant or us, and remembers it; what was attributed follows.
    map_transcript_speaker: write { transcript_id: Uuid, choice: SpeakerChoice } -> SessionTranscript [Sessions, Observations, People, Teams, Coverage]
        => |tx, i| tx.map_transcript_speaker(i.transcript_id, &i.choice);
    /// Says a turn was spoken by another label of its transcript; its observations follow the speaker.
    set_turn_speaker: write { turn_id: Uuid, label: String } -> SessionTranscript [Sessions, Observations, People, Coverage]
        => |tx, i| tx.set_turn_speaker(i.turn_id, &i.label);
    /// Reads a survey export (`content`: the file's bytes in base64, as the shell read the file the user picked) and maps its columns — the survey's remembered mapping, `mapping`, or a guess — without writing anything.
    preview_survey_import: read { file_name: String, content: String, survey: Option<String>, mapping: Option<SurveyMapping> } -> SurveyPreview [Surveys]
        => |db, i| db.preview_survey_import(&i.file_name, &file_bytes(&i.content)?, i.survey.as_deref(), i.mapping.as_ref());
    /// Imports a survey export (its bytes in base64) as a wave, a survey session, all or nothing; without a mapping, the survey's remembered one.
    import_survey_wave: write { file_name: String, content: String, wave: WaveImport } -> WaveImported [Surveys, Sessions, Cycles, People, Teams, Coverage]
        => |tx, i| tx.import_survey_wave(&i.file_name, &file_bytes(&i.content)?, &i.wave, &mut |_, _| true);
    /// Every survey with its questions and waves.
    list_surveys: read {} -> Vec<Survey> [Surveys] => |db, i| db.list_surveys();
    /// One survey with its questions and waves.
    get_survey: read { id: Uuid } -> Survey [Surveys] => |db, i| db.survey(i.id);

    /// A survey's figures per question and wave (distribution, mean, NPS, CSAT, n and margin of error), split by team or segment if asked.
    survey_charts: read { survey_id: Uuid, split: Split } -> SurveyCharts [Surveys] => |db, i| db.survey_charts(i.survey_id, i.split);
    /// The free-text answers to a question of a survey (of one wave, if given), with who gave them and the observation each became.
    survey_text_answers: read { survey_id: Uuid, question: u32, wave_id: Option<Uuid> } -> Vec<TextAnswer> [Surveys, Observations] => |db, i| db.survey_text_answers(i.survey_id, i.question, i.wave_id);
    /// Turns free-text answers into observations of their wave's session, attributed to the respondents; all or nothing.
    answers_to_observations: write { answers: Vec<AnswerRef>, kind: ObservationKind } -> Vec<Observation> [Observations, Surveys, Tags, People, Coverage]
        => |tx, i| tx.answers_to_observations(&i.answers, i.kind);

    /// Everyone with a check-in rhythm and when their next check-in falls, the most overdue first.
    checkins_due: read {} -> Vec<CheckinDue> [Checkins, People, Sessions] => |db, i| db.checkins_due();
    /// Sets how often to check in with a person, in weeks (null: no rhythm).
    set_checkin_rhythm: write { person_id: Uuid, weeks: Option<u32> } -> () [Checkins, People]
        => |tx, i| tx.set_checkin_rhythm(i.person_id, i.weeks);
    /// Keeps a stakeholder's answers to the three questions as given on a day; the newest become their profile's.
    record_checkin: write { person_id: Uuid, checkin: CheckinInput } -> Checkin [Checkins, People]
        => |tx, i| tx.record_checkin(i.person_id, &i.checkin);
    /// Moves a check-in to the trash.
    delete_checkin: write { id: Uuid } -> () [Checkins, People, Trash] => |tx, i| tx.delete_checkin(i.id);
    /// Every SLA (service, team, measure) with its expected and delivered levels over time, the widest shortfall first.
    list_slas: read {} -> Vec<Sla> [Slas, Teams] => |db, i| db.list_slas();
    /// Adds an SLA: what a team expects of a platform service, on one measure.
    create_sla: write { sla: SlaInput } -> Sla [Slas] => |tx, i| tx.create_sla(&i.sla);
    /// Changes an SLA's service, team, measure, unit or direction.
    update_sla: write { id: Uuid, sla: SlaInput } -> Sla [Slas] => |tx, i| tx.update_sla(i.id, &i.sla);
    /// Moves an SLA and its history to the trash.
    delete_sla: write { id: Uuid } -> () [Slas, Trash] => |tx, i| tx.delete_sla(i.id);
    /// Keeps an expected or delivered level of an SLA on a day.
    add_sla_level: write { sla_id: Uuid, level: SlaLevelInput } -> Sla [Slas] => |tx, i| tx.add_sla_level(i.sla_id, &i.level);
    /// Moves one level of an SLA's history to the trash.
    delete_sla_level: write { id: Uuid } -> () [Slas, Trash] => |tx, i| tx.delete_sla_level(i.id);
    /// Every adoption and migration by team, with milestones planned and done and the share moved.
    list_adoptions: read {} -> Vec<Adoption> [Adoption, Teams] => |db, i| db.list_adoptions();
    /// Starts tracking a team's adoption of a capability, or its migration.
    create_adoption: write { adoption: AdoptionInput } -> Adoption [Adoption] => |tx, i| tx.create_adoption(&i.adoption);
    /// Changes an adoption's team, capability or kind.
    update_adoption: write { id: Uuid, adoption: AdoptionInput } -> Adoption [Adoption] => |tx, i| tx.update_adoption(i.id, &i.adoption);
    /// Moves an adoption and its milestones to the trash.
    delete_adoption: write { id: Uuid } -> () [Adoption, Trash] => |tx, i| tx.delete_adoption(i.id);
    /// Adds a milestone (planned, done, share migrated) to an adoption.
    add_milestone: write { adoption_id: Uuid, milestone: MilestoneInput } -> Adoption [Adoption]
        => |tx, i| tx.add_milestone(i.adoption_id, &i.milestone);
    /// Changes a milestone: done, re-planned, share migrated.
    update_milestone: write { id: Uuid, milestone: MilestoneInput } -> Adoption [Adoption]
        => |tx, i| tx.update_milestone(i.id, &i.milestone);
    /// Moves a milestone to the trash.
    delete_milestone: write { id: Uuid } -> Adoption [Adoption, Trash] => |tx, i| tx.delete_milestone(i.id);
    /// Every kudos, received and given, newest first.
    list_kudos: read {} -> Vec<Kudos> [Kudos, People] => |db, i| db.list_kudos();
    /// Keeps a kudos: the day, the people and what for.
    create_kudos: write { kudos: KudosInput } -> Kudos [Kudos] => |tx, i| tx.create_kudos(&i.kudos);
    /// Replaces a kudos's fields and people.
    update_kudos: write { id: Uuid, kudos: KudosInput } -> Kudos [Kudos] => |tx, i| tx.update_kudos(i.id, &i.kudos);
    /// Moves a kudos to the trash; documents citing it keep what it said.
    delete_kudos: write { id: Uuid } -> () [Kudos, Trash] => |tx, i| tx.delete_kudos(i.id);
    /// Every answer ("you said, we did"), most recently done first.
    list_answers: read {} -> Vec<Answer> [Answers] => |db, i| db.list_answers();
    /// What was done about an observation or pain, if it was answered.
    answer_of: read { target: AnswerTarget } -> Option<Answer> [Answers] => |db, i| db.answer_of(i.target);
    /// Marks an observation or pain answered with what was done (and the solution or roadmap item), or changes its answer.
    mark_answered: write { target: AnswerTarget, answer: AnswerInput } -> Answer [Answers, Observations, Pains]
        => |tx, i| tx.mark_answered(i.target, &i.answer);
    /// Takes an answer back, to the trash.
    unmark_answered: write { target: AnswerTarget } -> () [Answers, Observations, Pains, Trash]
        => |tx, i| tx.unmark_answered(i.target);
    /// What a team told us (in a cycle, or ever) and what was done about it.
    team_digest: read { team_id: Uuid, cycle_id: Option<Uuid> } -> TeamDigest [Answers, Pains, Observations] => |db, i| db.team_digest(i.team_id, i.cycle_id);
    /// A team's "you said, we did" digest as Markdown or HTML, ready to send back.
    export_digest: read { team_id: Uuid, cycle_id: Option<Uuid>, format: ExportFormat } -> Exported [Answers, Pains, Observations]
        => |db, i| db.export_digest(i.team_id, i.cycle_id, i.format);

    /// Searches sessions, notes, observations, people, ideas and tags.
    search: read { query: SearchQuery } -> SearchResults [Sessions, Observations, People, Ideas, Tags] => |db, i| db.search(&i.query);
    /// The observations most like one, in any cycle, best first, each with the words it shares (bm25 over the search index); changes nothing.
    similar_observations: read { id: Uuid, limit: Option<u32> } -> Vec<SimilarObservation> [Observations, People]
        => |db, i| db.similar_observations(i.id, i.limit.unwrap_or(5));
    /// What an observation being written already looks like: existing ones sharing most of its telling words, best first; changes nothing.
    likely_duplicates: read { text: String, limit: Option<u32> } -> Vec<SimilarObservation> [Observations, People]
        => |db, i| db.likely_duplicates(&i.text, i.limit.unwrap_or(3));
    /// Coverage of a cycle: channels, teams and segments heard, ask-load.
    coverage: read { cycle_id: Uuid } -> Coverage [Coverage] => |db, i| db.coverage(i.cycle_id);
    /// The support queue's patterns (tickets per component and month, median and p90 hours to the first response per team) over a cycle's tickets, or all, or one team's.
    support_queue: read { cycle_id: Option<Uuid>, team_id: Option<Uuid> } -> SupportQueue [Coverage, Observations, Teams] => |db, i| db.support_queue(i.cycle_id, i.team_id);
    /// Reads a ticket queue's export (its bytes in base64): Jira, ServiceNow or Zendesk CSV, or GitHub issues JSON, told by its columns unless `from` names the tool; says what an import would bring. Writes nothing.
    preview_tickets: read { content: String, from: Option<TicketQueue> } -> TicketPreview [People, Observations]
        => |db, i| db.preview_tickets(&ticket_file(&i.content, i.from)?);
    /// Imports a ticket queue's export as one support-ticket-review session of observations said by their reporters, all or nothing; tickets imported before are not copied, their times brought up to date.
    import_tickets: write { content: String, from: Option<TicketQueue>, request: TicketImport } -> TicketsImported [Sessions, Observations, People, Teams, Tags, Coverage, Cycles]
        => |tx, i| tx.import_tickets(&ticket_file(&i.content, i.from)?, &i.request);
    /// Where a link between notes in rendered notes leads (a `[[wikilink]]` by name, a Joplin link by the id it was imported with): the sessions it names, for the person to pick when several share the name.
    follow_note_link: read { href: String } -> FollowedLink [Sessions] => |db, i| db.follow_note_link(&i.href);
    /// Every kind's session template.
    list_templates: read {} -> Vec<SessionTemplate> [Templates] => |db, i| db.list_templates();
    /// Rewrites a kind's template for this workspace.
    set_template: write { kind: SourceKind, body: String } -> SessionTemplate [Templates] => |tx, i| tx.set_template(i.kind, &i.body);
    /// Goes back to the built-in template of a kind.
    reset_template: write { kind: SourceKind } -> SessionTemplate [Templates] => |tx, i| tx.reset_template(i.kind);

    /// Everything in the trash.
    list_trash: read {} -> Vec<TrashItem> [Trash] => |db, i| db.list_trash();
    /// Restores a deleted thing, with every link it had.
    restore_from_trash: write { entity: TrashEntity, id: Uuid } -> ()
        [Trash, Sessions, Cycles, Observations, People, Teams, Tags, Ideas, Pains, Criteria, Tradeoffs, Solutions, Roadmap, Coverage, Documents, Checkins, Slas, Adoption, Kudos, Answers]
        => |tx, i| tx.restore(i.entity, i.id);

    /// How this workspace shares through git: its repository, when it last synced, how that went, the conflicts waiting.
    share_status: read {} -> ShareStatus [Sharing] => |db, i| db.share_status();
    /// Sets how often the app syncs while it is open: every N minutes (1 to 1440), or only when asked (null).
    set_auto_sync: write { minutes: Option<u32> } -> ShareStatus [Sharing] => |tx, i| tx.set_auto_sync(i.minutes);
    /// The conflicts syncs kept aside, oldest first: one field two people changed, both values, who and when.
    list_conflicts: read {} -> Vec<Conflict> [Sharing] => |db, i| db.sync_conflicts();
    /// Settles a conflict: the field takes the value kept, the other, or one written anew; the next sync shares it.
    settle_conflict: write { id: String, choice: Settle } -> ()
        [Sharing, Sessions, Cycles, Observations, People, Teams, Tags, Ideas, Pains, Criteria, Tradeoffs, Solutions, Roadmap, Coverage, Documents, Surveys, Checkins, Slas, Adoption, Kudos, Answers, Templates, Settings]
        => |tx, i| tx.settle_conflict(&i.id, &i.choice);

    /// Markdown to sanitized HTML, by the one renderer in core.
    render_markdown: read { markdown: String } -> String [] => |_db, i| render(&i.markdown);
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

/// A ticket queue's export from its bytes in base64.
fn ticket_file(
    content: &str,
    from: Option<TicketQueue>,
) -> Result<groundwork_core::imports::tickets::TicketFile, DomainError> {
    Ok(groundwork_core::imports::tickets::read_tickets(
        &file_bytes(content)?,
        from,
    )?)
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
                Access::Write => {
                    assert!(!op.stale.is_empty(), "{} refreshes nothing", op.name);
                    assert!(
                        op.shows.is_empty(),
                        "{} is a write: it changes, it does not show",
                        op.name
                    );
                }
                Access::Read => {
                    assert!(op.stale.is_empty(), "{} reads only", op.name);
                    // Only reads that touch no data may show nothing.
                    let pure = ["list_source_kinds", "render_markdown", "preview_transcript"]
                        .contains(&op.name);
                    assert_eq!(op.shows.is_empty(), pure, "{} says what it shows", op.name);
                }
            }
            assert!(!op.doc.trim().is_empty(), "{} has a description", op.name);
        }
    }

    #[test]
    fn every_list_is_shown_by_some_read_and_changed_by_some_write() {
        for list in Stale::ALL {
            assert!(
                ops().iter().any(|o| o.shows.contains(&list)),
                "no read shows {}: a view could not ask for it",
                list.as_str()
            );
            assert!(
                ops().iter().any(|o| o.stale.contains(&list)),
                "no write changes {}: a view would never refresh it",
                list.as_str()
            );
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
    fn a_transcript_arrives_as_base64_and_one_that_is_not_is_refused_as_invalid_input() {
        use base64::Engine;
        let store = store();
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nPriya Raman: Hello.\n";
        let content = base64::engine::general_purpose::STANDARD.encode(vtt);
        let preview = call(
            &store,
            "preview_transcript",
            serde_json::json!({ "fileName": "a.transcript.vtt", "content": content }),
        )
        .expect("preview");
        assert_eq!(preview["format"], "zoom_vtt");
        assert_eq!(preview["speakers"][0]["label"], "Priya Raman");
        let png = base64::engine::general_purpose::STANDARD.encode(b"\x89PNG\r\n\x1a\n\0\0");
        let err = call(
            &store,
            "preview_transcript",
            serde_json::json!({ "fileName": "a.vtt", "content": png }),
        )
        .expect_err("an image");
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(err.message.contains("PNG image"), "{}", err.message);
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
