//! PDF exports read back as a person would: the text `pdftotext` finds in them, page
//! by page, on the sample's planning pack and on hostile text.

use groundwork_core::*;
use groundwork_interchange::{export, Format};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use uuid::Uuid;

/// The text of a PDF, pages separated by form feeds (`pdftotext -layout`).
fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("out.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 text")
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sample(dir: &Path) -> (Store, Uuid) {
    use chrono::TimeZone;
    let path = dir.join("Sample.groundwork");
    let clock = Arc::new(FixedClock::new(
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
            .single()
            .expect("t"),
    ));
    sample::write_sample(&path, clock.clone()).expect("sample");
    let store = Store::open(&path, OpenMode::MustExist, clock).expect("opens");
    let plan = store
        .read(|db| db.list_cycles())
        .expect("cycles")
        .into_iter()
        .find(|c| c.mode == CycleMode::Prioritization)
        .expect("prioritization")
        .id;
    (store, plan)
}

#[test]
fn the_sample_pack_as_pdf_has_a_title_page_sections_on_their_pages_footnotes_and_page_numbers() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, plan) = sample(dir.path());
    let pdf = export(&store, plan, ExportDoc::Pack, Format::Pdf).expect("pdf");
    assert_eq!(pdf.file_name, "Planning pack - 2027 H1 prioritization.pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    if let Some(keep) = std::env::var_os("GROUNDWORK_KEEP_PDF") {
        std::fs::write(keep, &pdf.bytes).expect("keep the PDF to look at");
    }
    let text = pdf_text(&pdf.bytes, dir.path());
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let cover = flat(pages[0]);
    assert!(
        cover.contains("Planning pack: 2027 H1 prioritization"),
        "{cover}"
    );
    assert!(
        cover.contains("Every footnote is what a real person said"),
        "{cover}"
    );
    assert!(
        !cover.contains(&format!("1 of {}", pages.len())),
        "no page number on the title page: {cover}"
    );

    let charter = flat(pages[1]);
    assert!(
        charter.starts_with("Charter: 2027 H1 prioritization"),
        "{charter}"
    );
    assert!(charter.contains("Unique value"));
    // The first footnote sits at the foot of the page that cites it.
    assert!(
        charter.contains("1“I don't trust a red build anymore."),
        "{charter}"
    );
    assert!(
        charter.contains("Priya Raman (Payments & Billing)"),
        "{charter}"
    );
    let total = pages.len();
    assert!(
        charter.contains(&format!("2 of {total}")),
        "page number: {charter}"
    );

    let all = flat(&text);
    let vision = all
        .find("Three-year vision: 2027 H1 prioritization")
        .expect("vision");
    let ranked = all
        .find("Ranked user pain: 2027 H1 prioritization")
        .expect("ranked");
    assert!(vision < ranked);
    assert!(
        all.contains("Removed Kubernetes APIs break teams in production"),
        "the table"
    );
    assert!(all.contains("unscored"));
    assert!(
        all.contains("We serve excellently:"),
        "the live trade-off map"
    );
}

#[test]
fn hostile_text_in_a_quote_is_printed_as_the_characters_it_is() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    let cycle = store.write(|tx| tx.create_cycle("H1")).expect("cycle").id;
    let payloads = [
        "#set page(fill: red) #read(\"/etc/passwd\")",
        "$x^2$ and #{ panic(\"boom\") } and #import \"@preview/x:1.0.0\"",
        "\\input{/etc/passwd} \\write18{rm -rf /}",
        "<script>alert(1)</script> [x](javascript:alert(1))",
        "*not bold* `not code` // not a comment",
    ];
    let mut tokens = String::new();
    for p in payloads {
        let o = store
            .write(|tx| {
                tx.create_observation(&NewObservation {
                    cycle_id: Some(cycle),
                    kind: ObservationKind::Quote,
                    text: p.into(),
                    ..Default::default()
                })
            })
            .expect("observation");
        tokens.push_str(&format!(
            "Claim {}.\n\n",
            CitedKind::Observation.token(o.id)
        ));
    }
    store
        .write(|tx| tx.advance_cycle(cycle))
        .expect("prioritize");
    store
        .write(|tx| {
            tx.save_document(
                cycle,
                DocumentKind::Charter,
                &format!("# Charter\n\n{tokens}A body with #strong[markup] and $math$.\n"),
                None,
            )
        })
        .expect("save");
    let pdf = export(&store, cycle, ExportDoc::Charter, Format::Pdf).expect("pdf");
    let text = flat(&pdf_text(&pdf.bytes, dir.path()));
    for p in payloads {
        assert!(
            text.contains(&flat(p)),
            "{p:?} is not printed as text in {text}"
        );
    }
    assert!(text.contains("#strong[markup] and $math$"), "{text}");
    assert!(!text.contains("root:"), "no file was read");
}

/// The pages of a PDF's text that hold anything.
fn pages_of(text: &str) -> Vec<String> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(flat)
        .collect()
}

#[test]
fn a_note_cited_again_on_a_later_page_is_printed_at_the_foot_of_that_page_too() {
    let dir = tempfile::tempdir().expect("dir");
    let md = "# Pack\n\n# Part one\n\nBuilds are slow[^a] and flaky[^b], slow[^a] again.\n\n\
              # Part two\n\nThe same claim on another page[^a].\n\n\
              [^a]: “Builds take forty minutes” — Priya Raman.\n\
              [^b]: “Red builds are ignored” — Tom Berg.\n";
    let pdf = groundwork_interchange::pdf::markdown_to_pdf(
        "Pack",
        "Made in a test.",
        md,
        groundwork_interchange::pdf::Opening::TitlePage,
    )
    .expect("pdf");
    let pages = pages_of(&pdf_text(&pdf, dir.path()));
    assert_eq!(pages.len(), 3, "{pages:?}");
    let (one, two) = (&pages[1], &pages[2]);
    assert!(
        one.contains("slow1 and flaky2, slow1 again"),
        "on one page a note cited again keeps its number: {one}"
    );
    assert_eq!(one.matches("Builds take forty minutes").count(), 1, "{one}");
    assert!(
        two.contains("another page3. 3“Builds take forty minutes” — Priya Raman"),
        "the mark on page 3 has its note on page 3: {two}"
    );
    assert!(!two.contains("Red builds"), "{two}");
}

#[test]
fn a_digest_pdf_opens_with_its_title_and_what_we_did_on_the_first_page() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _) = sample(dir.path());
    let payments = store
        .read(|db| db.list_teams())
        .expect("teams")
        .into_iter()
        .find(|t| t.name.starts_with("Payments"))
        .expect("Payments")
        .id;
    let pdf = groundwork_interchange::export_of(
        &store,
        groundwork_interchange::ExportOf::Digest {
            team_id: payments,
            cycle_id: None,
        },
        Format::Pdf,
    )
    .expect("pdf");
    let pages = pages_of(&pdf_text(&pdf.bytes, dir.path()));
    let first = &pages[0];
    assert!(
        first.contains("You said, we did: Payments & Billing"),
        "{first}"
    );
    assert!(
        first.contains("What we did"),
        "no page for the title alone: {first}"
    );
    assert!(first.contains(&format!("1 of {}", pages.len())), "{first}");
}
