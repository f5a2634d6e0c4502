//! The roadmap on a real store: items drafted from solutions, placed in Now / Next /
//! Later, each stating the value it delivers on its own before it leaves draft,
//! dependencies without loops, the method's hints, the 70/30 split of the items'
//! effort, the 12-month view's honest ranges, the trash, and the export as a table.

use crate::common;

use common::*;
use groundwork_core::*;
use uuid::Uuid;

struct Plan {
    w: World,
    solutions: Vec<Uuid>,
}

fn plan() -> Plan {
    let w = world();
    w.prioritize();
    let bucket = w
        .store
        .write(|tx| {
            tx.create_bucket(
                w.cycle.id,
                &BucketInput {
                    name: "Slow CI feedback".into(),
                    kind: BucketKind::Eliminate,
                },
            )
        })
        .expect("bucket");
    let solutions = [
        ("Managed macOS runners", Horizon::Immediate),
        ("Warm caches", Horizon::Immediate),
        ("Build graph service", Horizon::Vision),
    ]
    .into_iter()
    .map(|(title, horizon)| {
        w.store
            .write(|tx| {
                tx.create_solution(
                    bucket.id,
                    &SolutionInput {
                        title: title.into(),
                        notes: String::new(),
                        horizon,
                        status: SolutionStatus::Unvalidated,
                        effort: None,
                        capability: String::new(),
                        capability_outcome: String::new(),
                        vendor_absorb: false,
                        vendor_evidence: vec![],
                    },
                )
            })
            .expect("solution")
            .id
    })
    .collect();
    Plan { w, solutions }
}

fn input(title: &str) -> RoadmapItemInput {
    RoadmapItemInput {
        title: title.into(),
        value: format!("{title} helps on its own"),
        quarter: None,
        confidence: Confidence::Medium,
        status: ItemStatus::Draft,
        work: Work::Capability,
        effort: None,
        depends_on: vec![],
    }
}

impl Plan {
    fn item(&self, solution: usize, lane: Lane, input: RoadmapItemInput) -> RoadmapItem {
        self.w
            .store
            .write(|tx| tx.create_roadmap_item(self.solutions[solution], lane, &input))
            .expect("item")
    }

    fn roadmap(&self) -> Roadmap {
        self.w
            .store
            .read(|db| db.roadmap(self.w.cycle.id))
            .expect("roadmap")
    }

    fn titles(&self) -> Vec<(Lane, u32, String)> {
        self.roadmap()
            .items
            .into_iter()
            .map(|i| (i.lane, i.position, i.title))
            .collect()
    }
}

fn edited(item: &RoadmapItem) -> RoadmapItemInput {
    RoadmapItemInput {
        title: item.title.clone(),
        value: item.value.clone(),
        quarter: item.quarter.clone(),
        confidence: item.confidence,
        status: item.status,
        work: item.work,
        effort: item.effort,
        depends_on: item.depends_on.clone(),
    }
}

#[test]
fn an_item_is_drafted_in_prioritization_and_leaves_draft_only_in_the_roadmap_mode_with_its_value_stated(
) {
    let p = plan();
    let mut silent = input("Phase 1: warm caches for three teams");
    silent.value = String::new();
    let item = p.item(1, Lane::Now, silent.clone());
    assert_eq!(
        (item.status, item.solution_title.as_str(), item.order),
        (ItemStatus::Draft, "Warm caches", 1)
    );
    assert!(
        item.warnings[0].contains("delivers on its own"),
        "{:?}",
        item.warnings
    );
    let roadmap = p.roadmap();
    assert!(roadmap.editable && !roadmap.committable);

    let mut planned = silent.clone();
    planned.status = ItemStatus::Planned;
    let err =
        p.w.store
            .write(|tx| tx.update_roadmap_item(item.id, &planned))
            .expect_err("no value stated");
    assert!(err.to_string().contains("delivers on its own"), "{err}");
    planned.value = "Three teams get builds twice as fast, whatever ships next".into();
    let err =
        p.w.store
            .write(|tx| tx.update_roadmap_item(item.id, &planned))
            .expect_err("prioritization commits nothing");
    assert!(
        err.to_string()
            .contains("committing roadmap items waits until it is in roadmap"),
        "{err}"
    );

    p.w.store
        .write(|tx| tx.advance_cycle(p.w.cycle.id))
        .expect("to roadmap");
    assert!(p.roadmap().committable);
    let done =
        p.w.store
            .write(|tx| tx.update_roadmap_item(item.id, &planned))
            .expect("planned");
    assert_eq!(done.status, ItemStatus::Planned);
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);

    p.w.store
        .write(|tx| tx.advance_cycle(p.w.cycle.id))
        .expect("closed");
    assert!(!p.roadmap().editable);
    assert!(p
        .w
        .store
        .write(|tx| tx.update_roadmap_item(item.id, &planned))
        .is_err());
}

#[test]
fn discovery_drafts_no_roadmap_and_a_disproven_solution_gets_no_item() {
    let w = world();
    let roadmap = w.store.read(|db| db.roadmap(w.cycle.id)).expect("roadmap");
    assert!(roadmap.items.is_empty() && !roadmap.editable);

    let p = plan();
    let mut disproven =
        p.w.store
            .read(|db| db.solution(p.solutions[2]))
            .expect("solution");
    disproven.status = SolutionStatus::Disproven;
    p.w.store
        .write(|tx| {
            tx.update_solution(
                disproven.id,
                &SolutionInput {
                    title: disproven.title.clone(),
                    notes: String::new(),
                    horizon: disproven.horizon,
                    status: SolutionStatus::Disproven,
                    effort: None,
                    capability: String::new(),
                    capability_outcome: String::new(),
                    vendor_absorb: false,
                    vendor_evidence: vec![],
                },
            )
        })
        .expect("disproven");
    let err =
        p.w.store
            .write(|tx| tx.create_roadmap_item(p.solutions[2], Lane::Later, &input("Graph")))
            .expect_err("disproven");
    assert!(err.to_string().contains("disproven"), "{err}");
}

#[test]
fn items_move_within_and_between_lanes_and_the_plan_order_follows() {
    let p = plan();
    let a = p.item(0, Lane::Now, input("A"));
    let b = p.item(1, Lane::Now, input("B"));
    let c = p.item(1, Lane::Now, input("C"));
    let d = p.item(2, Lane::Later, input("D"));
    assert_eq!(
        p.titles(),
        vec![
            (Lane::Now, 1, "A".into()),
            (Lane::Now, 2, "B".into()),
            (Lane::Now, 3, "C".into()),
            (Lane::Later, 1, "D".into()),
        ]
    );
    // C to the top of Now; A down into Next; D above everything in Now's end.
    p.w.store
        .write(|tx| tx.move_roadmap_item(c.id, Lane::Now, 0))
        .expect("move");
    let moved =
        p.w.store
            .write(|tx| tx.move_roadmap_item(a.id, Lane::Next, 0))
            .expect("move");
    assert_eq!(
        moved.items.iter().map(|i| i.order).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    p.w.store
        .write(|tx| tx.move_roadmap_item(d.id, Lane::Now, 99))
        .expect("past the end is the end");
    assert_eq!(
        p.titles(),
        vec![
            (Lane::Now, 1, "C".into()),
            (Lane::Now, 2, "B".into()),
            (Lane::Now, 3, "D".into()),
            (Lane::Next, 1, "A".into()),
        ]
    );
    let _ = b;
}

#[test]
fn dependencies_refuse_loops_and_an_item_placed_before_what_it_waits_on_is_flagged() {
    let p = plan();
    let first = p.item(0, Lane::Now, input("Runners"));
    let mut waits = input("Runner images");
    waits.depends_on = vec![first.id];
    let second = p.item(1, Lane::Next, waits);
    assert_eq!(second.depends_on, vec![first.id]);
    assert!(second.warnings.is_empty(), "{:?}", second.warnings);

    let mut back = edited(&first);
    back.depends_on = vec![second.id];
    let err =
        p.w.store
            .write(|tx| tx.update_roadmap_item(first.id, &back))
            .expect_err("a loop");
    assert!(
        err.to_string().contains("cannot wait on each other"),
        "{err}"
    );
    let mut itself = edited(&first);
    itself.depends_on = vec![first.id];
    assert!(p
        .w
        .store
        .write(|tx| tx.update_roadmap_item(first.id, &itself))
        .is_err());
    let mut stranger = edited(&first);
    stranger.depends_on = vec![Uuid::from_u128(42)];
    assert!(p
        .w
        .store
        .write(|tx| tx.update_roadmap_item(first.id, &stranger))
        .is_err());

    // Planned before what it waits on.
    p.w.store
        .write(|tx| tx.move_roadmap_item(second.id, Lane::Now, 0))
        .expect("move");
    let flagged = p
        .roadmap()
        .items
        .into_iter()
        .find(|i| i.id == second.id)
        .expect("item");
    assert!(
        flagged.warnings[0].contains("depends on “Runners”, which comes later"),
        "{:?}",
        flagged.warnings
    );
}

#[test]
fn the_method_hints_plan_the_hardest_migration_first_then_a_burst_of_easy_integrations() {
    let p = plan();
    let with = |title: &str, work: Work, effort: f64| RoadmapItemInput {
        work,
        effort: Some(effort),
        ..input(title)
    };
    p.item(
        1,
        Lane::Now,
        with("Plug in the cache", Work::Integration, 1.0),
    );
    p.item(1, Lane::Now, with("Move logs", Work::Migration, 2.0));
    let hardest = p.item(0, Lane::Next, with("Move iOS builds", Work::Migration, 6.0));
    let hints = p.roadmap().hints;
    assert_eq!(hints.len(), 2, "{hints:?}");
    assert_eq!(hints[0].item_id, Some(hardest.id));
    assert!(
        hints[0].text.contains("“Move iOS builds” is the hardest migration (6 person-months), but “Move logs” comes before it"),
        "{}",
        hints[0].text
    );
    assert!(
        hints[1]
            .text
            .contains("“Plug in the cache”, an integration, comes before the hardest migration"),
        "{}",
        hints[1].text
    );
    p.w.store
        .write(|tx| tx.move_roadmap_item(hardest.id, Lane::Now, 0))
        .expect("hardest first");
    assert!(p.roadmap().hints.is_empty(), "{:?}", p.roadmap().hints);
}

#[test]
fn the_roadmap_splits_its_items_effort_by_their_solutions_horizon_against_the_target() {
    let p = plan();
    let effort = |title: &str, e: Option<f64>| RoadmapItemInput {
        effort: e,
        ..input(title)
    };
    p.item(0, Lane::Now, effort("Runners", Some(6.0)));
    p.item(1, Lane::Now, effort("Caches", Some(2.0)));
    p.item(2, Lane::Later, effort("Graph", Some(2.0)));
    p.item(2, Lane::Later, effort("Graph, phase 2", None));
    let b = p.roadmap().balance;
    assert_eq!(
        (b.immediate_effort, b.vision_effort, b.unestimated),
        (8.0, 2.0, 1)
    );
    assert_eq!(b.immediate_share, Some(80.0));
    assert_eq!(b.target_immediate, 70);
    assert!(b.warning.is_none(), "80 is within 10 points of 70");
    p.w.store
        .write(|tx| tx.set_plan_target(p.w.cycle.id, 50))
        .expect("target");
    let b = p.roadmap().balance;
    assert!(
        b.warning.as_deref().is_some_and(|w| w.contains("80%")),
        "{b:?}"
    );
}

#[test]
fn the_twelve_month_view_shows_a_given_quarter_as_given_and_a_lane_as_a_range_that_low_confidence_widens(
) {
    // The clock reads 2026-12-01: the window starts at 2026-Q4.
    let p = plan();
    let at = |title: &str, quarter: Option<&str>, confidence: Confidence| RoadmapItemInput {
        quarter: quarter.map(Into::into),
        confidence,
        ..input(title)
    };
    let given = p.item(0, Lane::Now, at("Given", Some("2027 q2"), Confidence::High));
    assert_eq!(
        given.quarter.as_deref(),
        Some("2027-Q2"),
        "stored as written canonically"
    );
    p.item(1, Lane::Now, at("Now, unsure", None, Confidence::Low));
    p.item(1, Lane::Next, at("Next", None, Confidence::Medium));
    p.item(2, Lane::Later, at("Later, unsure", None, Confidence::Low));
    p.item(
        2,
        Lane::Later,
        at("Far", Some("2028-Q3"), Confidence::Medium),
    );
    p.item(
        2,
        Lane::Later,
        at("Late", Some("2026-Q3"), Confidence::Medium),
    );
    let roadmap = p.roadmap();
    assert_eq!(roadmap.window, ["2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"]);
    let spans: Vec<(String, u8, u8, bool, bool, bool)> = roadmap
        .items
        .iter()
        .map(|i| {
            (
                i.title.clone(),
                i.span.from,
                i.span.to,
                i.span.exact,
                i.span.open_ended,
                i.span.overdue,
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            ("Given".into(), 2, 2, true, false, false),
            ("Now, unsure".into(), 0, 2, false, false, false),
            ("Next".into(), 1, 2, false, false, false),
            ("Later, unsure".into(), 2, 3, false, true, false),
            ("Far".into(), 3, 3, true, true, false),
            ("Late".into(), 0, 0, true, false, true),
        ]
    );
    let late = roadmap.items.last().expect("late");
    assert!(
        late.warnings
            .iter()
            .any(|w| w.contains("2026-Q3, has passed")),
        "{:?}",
        late.warnings
    );
    let err =
        p.w.store
            .write(|tx| {
                tx.create_roadmap_item(
                    p.solutions[0],
                    Lane::Now,
                    &at("Bad", Some("Q1 2027"), Confidence::Low),
                )
            })
            .expect_err("not a quarter");
    assert!(err.to_string().contains("write it as 2027-Q1"), "{err}");
}

#[test]
fn a_trashed_item_leaves_the_roadmap_and_comes_back_with_the_links_that_waited_on_it() {
    let p = plan();
    let first = p.item(0, Lane::Now, input("Runners"));
    let mut waits = input("Images");
    waits.depends_on = vec![first.id];
    let second = p.item(1, Lane::Next, waits);
    p.w.store
        .write(|tx| tx.delete_roadmap_item(first.id))
        .expect("trash");
    let roadmap = p.roadmap();
    assert_eq!(roadmap.items.len(), 1);
    assert!(roadmap.items[0].depends_on.is_empty());
    let trash = p.w.store.read(|db| db.list_trash()).expect("trash");
    assert!(trash
        .iter()
        .any(|t| t.entity == TrashEntity::RoadmapItem && t.id == first.id));
    // An edit while it is in the trash keeps the link for the restore.
    let edit = edited(&p.roadmap().items[0]);
    p.w.store
        .write(|tx| tx.update_roadmap_item(second.id, &edit))
        .expect("edit");
    p.w.store
        .write(|tx| tx.restore(TrashEntity::RoadmapItem, first.id))
        .expect("restore");
    let back = p.roadmap();
    assert_eq!(back.items.len(), 2);
    assert_eq!(back.items[1].depends_on, vec![first.id]);
}

#[test]
fn the_roadmap_exports_as_one_table_in_plan_order_and_hostile_text_stays_text() {
    let p = plan();
    let first = p.item(
        0,
        Lane::Now,
        RoadmapItemInput {
            quarter: Some("2027-Q1".into()),
            work: Work::Migration,
            effort: Some(6.0),
            confidence: Confidence::High,
            ..input("<script>alert(1)</script> | #set page(width: 1pt)")
        },
    );
    p.item(
        1,
        Lane::Next,
        RoadmapItemInput {
            value: "<img src=x onerror=alert(1)> [x](javascript:alert(1)) $x^2$ \\textbf{x}".into(),
            depends_on: vec![first.id],
            ..input("Caches")
        },
    );
    let md =
        p.w.store
            .read(|db| db.export(p.w.cycle.id, ExportDoc::Roadmap, ExportFormat::Md))
            .expect("md");
    let content = &md.content;
    assert!(
        content.starts_with("# Roadmap: 2027 H1 planning"),
        "{content}"
    );
    assert!(
        content.contains(
            "| # | When | Item | Delivers on its own | Work | Confidence | Depends on | Status |"
        ),
        "{content}"
    );
    assert!(
        content.contains("| 1 | Now, 2027-Q1 | \\<script\\>alert(1)\\</script\\> \\| \\#set page(width: 1pt)[^cite-1] |"),
        "{content}"
    );
    assert!(
        content.contains("| migration, 6.0 person-months | High | — | Draft |"),
        "{content}"
    );
    assert!(content.contains("| #1 | Draft |"), "{content}");
    assert!(
        content.contains("[^cite-1]: Solution: Managed macOS runners."),
        "{content}"
    );
    assert!(
        content.contains("Effort: 100% immediate needs"),
        "{content}"
    );

    let html =
        p.w.store
            .read(|db| db.export(p.w.cycle.id, ExportDoc::Roadmap, ExportFormat::Html))
            .expect("html")
            .content;
    for forbidden in ["<script", "<img", "href=\"javascript"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "shown as the text it is: {html}"
    );
    assert!(html.contains("<table"), "the roadmap is a table");

    let pack =
        p.w.store
            .read(|db| db.export(p.w.cycle.id, ExportDoc::Pack, ExportFormat::Md))
            .expect("pack")
            .content;
    assert!(pack.contains("# Roadmap: 2027 H1 planning"), "{pack}");
}

#[test]
fn a_live_roadmap_in_a_document_is_frozen_by_a_version_and_the_version_exports_as_it_was_sent() {
    let p = plan();
    let item = p.item(0, Lane::Now, input("Runners"));
    let saved =
        p.w.store
            .write(|tx| {
                tx.save_document(
                    p.w.cycle.id,
                    DocumentKind::Charter,
                    "# Charter\n\n## Strategy\n\nWe move builds first.\n\n[@live:roadmap]\n",
                    None,
                )
            })
            .expect("save");
    let version =
        p.w.store
            .write(|tx| tx.snapshot_document(saved.document_id, "Sent to leadership 2027-01-10"))
            .expect("version");
    let mut renamed = edited(&item);
    renamed.title = "Runners, renamed after".into();
    p.w.store
        .write(|tx| tx.update_roadmap_item(item.id, &renamed))
        .expect("rename");

    let now =
        p.w.store
            .read(|db| db.export(p.w.cycle.id, ExportDoc::Charter, ExportFormat::Md))
            .expect("now")
            .content;
    assert!(now.contains("Runners, renamed after"), "{now}");
    let sent =
        p.w.store
            .read(|db| db.export_version(version.id, ExportFormat::Md))
            .expect("as sent");
    assert!(
        sent.content.contains("| 1 | Now | Runners[^cite-1] |"),
        "{}",
        sent.content
    );
    assert!(!sent.content.contains("renamed after"), "{}", sent.content);
    assert!(
        sent.content.contains(
            "*The version “Sent to leadership 2027-01-10”, kept on 2026-12-01, as it was sent.*"
        ),
        "{}",
        sent.content
    );
    assert!(
        sent.title.ends_with("Sent to leadership 2027-01-10"),
        "{}",
        sent.title
    );
    let html =
        p.w.store
            .read(|db| db.export_version(version.id, ExportFormat::Html))
            .expect("html");
    assert!(html.content.contains("<table"), "{}", html.content);
    assert!(p
        .w
        .store
        .read(|db| db.export_version(Uuid::from_u128(42), ExportFormat::Md))
        .is_err());
}

#[test]
fn the_sample_cycle_has_a_drafted_roadmap_that_keeps_the_hardest_migration_first() {
    let store = Store::open_in_memory(std::sync::Arc::new(SystemClock)).expect("store");
    store
        .write(|tx| tx.load_sample(groundwork_core::sample::SAMPLE_JSON))
        .expect("sample");
    let cycle = store
        .read(|db| db.list_cycles())
        .expect("cycles")
        .into_iter()
        .find(|c| c.mode == CycleMode::Prioritization)
        .expect("prioritization cycle");
    let roadmap = store.read(|db| db.roadmap(cycle.id)).expect("roadmap");
    assert_eq!(roadmap.items.len(), 6);
    assert!(roadmap
        .items
        .iter()
        .all(|i| i.status == ItemStatus::Draft && !i.value.is_empty()));
    assert_eq!(roadmap.items[0].work, Work::Migration);
    assert!(roadmap.hints.is_empty(), "{:?}", roadmap.hints);
    assert!(roadmap.items.iter().any(|i| !i.depends_on.is_empty()));
    assert!(roadmap.balance.warning.is_none(), "{:?}", roadmap.balance);
}
