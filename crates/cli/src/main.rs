//! `groundwork-cli`: Groundwork on the command line, over the same operation table as
//! the app. Scripts rely on its subcommands, its `--json` output and its exit codes:
//!
//! - 0: done
//! - 1: the operation was refused (the message on stderr; with `--json`, `{kind, message}`)
//! - 2: the command line was wrong (usage)
//! - 3: the workspace could not be opened (newer, damaged, not a workspace, missing);
//!   the file is left untouched

use clap::{Parser, Subcommand};
use groundwork_api::{ops, Access, ErrorKind, IpcError};
use groundwork_core::sharing::{conflict, sync};
use groundwork_core::{
    discovery::search::{MARK_END, MARK_START},
    BadRows, ExportDoc, OpenMode, Respondents, SearchOrder, SearchQuery, SessionQuery, SourceKind,
    Store, SurveyMapping, SurveyPreview, SystemClock, WaveImport,
};
use groundwork_interchange::{ExportError, ExportOf, Format};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "groundwork-cli",
    version,
    about = "Groundwork on the command line: the app's operations, listings, search, checks and backups.",
    after_help = "Exit codes: 0 done, 1 refused, 2 usage error, 3 the workspace could not be opened.\n\
                  The workspace is --workspace FILE, else $GROUNDWORK_WORKSPACE, else the app's default workspace."
)]
struct Cli {
    /// The workspace file [default: $GROUNDWORK_WORKSPACE, else the app's default workspace]
    #[arg(long, global = true, value_name = "FILE")]
    workspace: Option<PathBuf>,
    /// Print JSON for scripts; a refusal is {"kind", "message"} on stderr
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every operation: its name, whether it reads or writes, and its input
    Ops,
    /// Run one operation with its JSON input (an object; "-" reads it from stdin) and print its JSON result
    Call {
        /// The operation, e.g. list_cycles (see `ops`)
        op: String,
        /// Its input as a JSON object, e.g. '{"name": "2027 H1 planning"}'; "-" reads stdin [default: {}]
        input: Option<String>,
    },
    /// Create a new, empty workspace file
    New {
        /// Where to create it (it must not exist)
        file: PathBuf,
    },
    /// Check the workspace file for damage
    Check {
        /// Check every page, however long it takes (opening checks for at most 150 ms)
        #[arg(long)]
        whole: bool,
    },
    /// Copy the workspace into a new file with SQLite's online backup (safe while the app has it open)
    Backup {
        /// The new file to write (it must not exist)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the workspace as a folder of records (one file a row, Markdown for notes and documents), for git and review
    ExportFolder {
        /// The folder to write (new, or empty)
        dir: PathBuf,
    },
    /// Make a new workspace from a folder written by export-folder, equal on every table
    ImportFolder {
        /// The folder to read
        dir: PathBuf,
        /// The new workspace file (it must not exist) [default: the workspace]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Share the workspace through a git repository your git reaches (a path or URL; your own credentials serve). A workspace file that does not exist yet is made from the repository
    Share {
        /// The repository, e.g. git@github.example:platform/discovery.git or /srv/git/discovery.git
        #[arg(long, value_name = "PATH_OR_URL")]
        repo: String,
    },
    /// Sync the shared workspace: commit what changed here, merge what others pushed (field by field), push. Exit 4 when the repository cannot be reached: the work is committed here and waits
    Sync,
    /// List the conflicts syncs kept aside: one field two people changed to different values
    Conflicts,
    /// Settle a conflict: keep the value the record holds, take the other, or write a new one
    Settle {
        /// The conflict's id (see `conflicts`)
        id: String,
        /// kept (the value the record holds) or other (the value kept aside)
        #[arg(long, value_name = "WHICH", value_parser = ["kept", "other"], conflicts_with = "value")]
        take: Option<String>,
        /// A new value for the field instead
        #[arg(long, value_name = "TEXT")]
        value: Option<String>,
    },
    /// Write the sample workspace (a fictional platform team's discovery) to a new file
    Sample {
        /// The new file to write (it must not exist)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List sessions, newest first, as the app's session list does
    Sessions {
        /// Only this cycle (its name, in any case)
        #[arg(long, value_name = "NAME")]
        cycle: Option<String>,
        /// Only this source kind, e.g. coffee_chat
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: Option<SourceKind>,
    },
    /// Group a cycle's pain and request observations that are no pain's evidence yet into candidate pains, each explained (refused while the cycle is in discovery); changes nothing
    Candidates {
        /// The cycle (its name, in any case) [default: the current cycle]
        #[arg(long, value_name = "NAME")]
        cycle: Option<String>,
    },
    /// Print the prioritized list of user pain (refused while the cycle is in discovery)
    Rank {
        /// The cycle (its name, in any case) [default: the current cycle]
        #[arg(long, value_name = "NAME")]
        cycle: Option<String>,
        /// Explain the pain at this position instead: the formula, each term and where it came from
        #[arg(long, value_name = "N")]
        explain: Option<u32>,
    },
    /// Export a cycle's charter, vision, ranked pain, roadmap or all four as a planning pack, citations as footnotes
    Export {
        /// The cycle (its name, in any case) [default: the current cycle]
        #[arg(long, value_name = "NAME")]
        cycle: Option<String>,
        /// charter, vision, pains, roadmap or pack
        #[arg(long, value_name = "DOC", default_value = "pack", value_parser = parse_doc)]
        doc: ExportDoc,
        /// md (CommonMark with footnotes), html (one self-contained file) or pdf
        #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
        format: Format,
        /// The file to write (it must not exist unless --force); "-" writes to stdout
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Export a team's "you said, we did" digest: what its people told us and what was
    /// done about it, ready to send back
    Digest {
        /// The team (its name, in any case)
        #[arg(long, value_name = "NAME")]
        team: String,
        /// Only this cycle (its name, in any case) [default: every cycle]
        #[arg(long, value_name = "NAME")]
        cycle: Option<String>,
        /// md, html or pdf
        #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
        format: Format,
        /// The file to write (it must not exist unless --force); "-" writes to stdout
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Import one wave of a survey export (CSV from Google Forms, Typeform, SurveyMonkey,
    /// Microsoft Forms or a spreadsheet), all or nothing; --dry-run reads and checks it only
    ImportSurvey(ImportSurveyArgs),
    /// Import a recorded talk's transcript (Zoom, Teams, Meet, Otter, SRT, VTT or lines of
    /// "Name: text", told by what it holds) into a session, each speaker tied to a person;
    /// --dry-run reads it and says what an import would do, writing nothing
    ImportTranscript(ImportTranscriptArgs),
    /// Import a folder of Markdown notes or an Obsidian vault as sessions of a cycle, all
    /// or nothing; --dry-run reads it and says what an import would bring, writing nothing
    ImportNotes(ImportNotesArgs),
    /// Import a support queue's export (Jira, ServiceNow or Zendesk CSV, or GitHub issues
    /// JSON) as observations of one support-ticket-review session, said by their
    /// reporters, all or nothing; --dry-run reads it and says what an import would bring
    ImportTickets(ImportTicketsArgs),
    /// Search sessions, notes, observations, people, ideas and tags, as the app's search does
    Search {
        /// What to look for: words (prefixes), "a phrase", a OR b, -left-out, and
        /// kind:, tag:, person:, team:, source:, before:YYYY-MM-DD, after:YYYY-MM-DD
        query: String,
        /// Most hits to print (at most 200)
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Hits to skip, to read the next page
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// relevance or newest; when absent, relevance unless the search is broad
        #[arg(long, value_parser = parse_order)]
        order: Option<SearchOrder>,
    },
    /// List the observations most like one (any cycle), best first, with the words they share; changes nothing
    Similar {
        /// The observation's id
        id: uuid::Uuid,
        /// Most to list (at most 50)
        #[arg(long, default_value_t = 5)]
        limit: u32,
    },
}

#[derive(clap::Args)]
struct ImportSurveyArgs {
    /// The export file
    file: PathBuf,
    /// The survey it is a wave of, made if there is none of that name [default: the file's name]
    #[arg(long, value_name = "NAME")]
    survey: Option<String>,
    /// The columns' mapping as JSON (the "mapping" that --dry-run --json prints, edited)
    /// [default: the survey's remembered mapping]
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Read and check the file and say what an import would do: encoding, delimiter,
    /// header rows, columns with their types, rows and every bad row. Writes nothing
    #[arg(long)]
    dry_run: bool,
    /// The cycle the wave goes in (its name, in any case) [default: the current cycle]
    #[arg(long, value_name = "NAME")]
    cycle: Option<String>,
    /// The wave's name [default: "Wave N"]
    #[arg(long, value_name = "NAME")]
    label: Option<String>,
    /// Import the rows that read and leave out the bad ones (otherwise nothing is imported)
    #[arg(long)]
    skip_bad_rows: bool,
    /// Import even though these same responses were imported before
    #[arg(long)]
    again: bool,
    /// What to do with respondents not in People: `add` them, `match` (link those in
    /// People, count the rest in the survey only) or keep them all `anonymous`
    #[arg(long, value_name = "CHOICE", default_value = "add", value_parser = parse_respondents)]
    respondents: Respondents,
    /// Do not add teams People does not know (their answers are kept without a team)
    #[arg(long)]
    no_new_teams: bool,
}

#[derive(clap::Args)]
struct ImportTranscriptArgs {
    /// The transcript file (.vtt, .srt, .txt or .docx)
    file: PathBuf,
    /// Read the file and say what an import would do: its format, duration, turns, each
    /// speaker's share of the words and who they would be, and what was left out as not
    /// speech. Writes nothing; needs no workspace (with one, speakers are suggested from
    /// People and from labels mapped before)
    #[arg(long)]
    dry_run: bool,
    /// Import into this session (its id), beside its notes
    #[arg(long, value_name = "ID", conflicts_with = "new")]
    session: Option<uuid::Uuid>,
    /// Import as a new session of the talk (needs --kind)
    #[arg(long, requires = "kind")]
    new: bool,
    /// The new session's source kind, e.g. coffee_chat
    #[arg(long, value_name = "KIND", value_parser = parse_kind, requires = "new")]
    kind: Option<SourceKind>,
    /// The new session's title [default: the file's name]
    #[arg(long, value_name = "TITLE", requires = "new")]
    title: Option<String>,
    /// The new session's date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "new")]
    date: Option<chrono::NaiveDate>,
    /// The new session's cycle (its name, in any case) [default: the current cycle]
    #[arg(long, value_name = "NAME", requires = "new")]
    cycle: Option<String>,
    /// Who a speaker is: "Label=Person Name", a person of People by name (in any case),
    /// added when there is none; "Label=" leaves the speaker unnamed. Repeatable
    #[arg(long = "map", value_name = "LABEL=PERSON")]
    map: Vec<String>,
    /// A speaker who is one of us (the interviewer): never a participant nor a user's
    /// voice. Repeatable
    #[arg(long = "us", value_name = "LABEL")]
    us: Vec<String>,
}

#[derive(clap::Args)]
struct ImportNotesArgs {
    /// The folder of notes (an Obsidian vault is one), a Joplin RAW export folder, or a
    /// Joplin JEX file
    path: PathBuf,
    /// What wrote it: markdown (a folder of .md files, an Obsidian vault), joplin
    /// (RAW folder or JEX file), notion (HTML or Markdown & CSV export, folder or zip)
    /// or csv (notes as rows: Productboard, Dovetail) [default: told by what PATH holds]
    #[arg(long, value_name = "TOOL", value_parser = ["markdown", "obsidian", "joplin", "notion", "csv"])]
    from: Option<String>,
    /// For a CSV of notes: a JSON file naming its columns, e.g. {"title": "Heading",
    /// "content": "Words", "date": "When", "person": "Who", "tags": "Tags"} [default:
    /// the names Productboard and Dovetail give them]
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Read the folder and say what an import would bring: notes, tags, people, links
    /// resolved, shared or broken, fields not mapped, files skipped and why. Writes nothing
    #[arg(long)]
    dry_run: bool,
    /// The kind of a note whose front matter (type:) and top folder name none, e.g.
    /// coffee_chat; needed when some note has none
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    kind: Option<SourceKind>,
    /// The cycle the sessions go in (its name, in any case) [default: the current cycle]
    #[arg(long, value_name = "NAME")]
    cycle: Option<String>,
    /// Do not add the people notes name that People lacks (they are left out)
    #[arg(long)]
    no_new_people: bool,
    /// Make each passage quoted as `> "…" said Name` (or `> “…” — Name`) a quote
    /// observation of its session, attributed to Name
    #[arg(long)]
    quotes: bool,
}

#[derive(clap::Args)]
struct ImportTicketsArgs {
    /// The export: a CSV of Jira, ServiceNow or Zendesk, or the JSON of
    /// `gh issue list --json number,title,body,author,createdAt,closedAt,labels,url,state,comments`
    file: PathBuf,
    /// The tool that wrote it [default: told by its columns]
    #[arg(long, value_name = "TOOL", value_parser = ["jira", "servicenow", "zendesk", "github", "csv"])]
    from: Option<String>,
    /// Read the export and say what an import would bring: tickets, pains and requests,
    /// reporters new and in People, teams, components, rows left out and why. Writes nothing
    #[arg(long)]
    dry_run: bool,
    /// The cycle the session goes in (its name, in any case) [default: the current cycle]
    #[arg(long, value_name = "NAME")]
    cycle: Option<String>,
    /// The session's title [default: "Ticket queue (TOOL), FIRST to LAST"]
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// Do not add reporters People lacks (their tickets are kept, said by no one)
    #[arg(long)]
    no_new_people: bool,
}

fn parse_respondents(text: &str) -> Result<Respondents, String> {
    Respondents::parse(text)
        .ok_or_else(|| "unknown choice; one of: add, match, anonymous".to_owned())
}

fn parse_order(text: &str) -> Result<SearchOrder, String> {
    match text {
        "relevance" => Ok(SearchOrder::Relevance),
        "newest" => Ok(SearchOrder::Newest),
        _ => Err("unknown order; one of: relevance, newest".to_owned()),
    }
}

fn parse_doc(text: &str) -> Result<ExportDoc, String> {
    ExportDoc::parse(text)
        .ok_or_else(|| "unknown document; one of: charter, vision, pains, roadmap, pack".to_owned())
}

fn parse_format(text: &str) -> Result<Format, String> {
    Format::parse(text).ok_or_else(|| "unknown format; one of: md, html, pdf".to_owned())
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "not a date; write it YYYY-MM-DD, e.g. 2026-11-20".to_owned())
}

fn parse_kind(text: &str) -> Result<SourceKind, String> {
    SourceKind::parse(text).ok_or_else(|| {
        let kinds: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown source kind; one of: {}", kinds.join(", "))
    })
}

/// Why a command did not finish.
enum Failure {
    /// The operation was refused (exit 1).
    Refused(IpcError),
    /// The command line was wrong (exit 2).
    Usage(String),
    /// The workspace could not be opened (exit 3).
    Open(IpcError),
    /// The shared repository could not be reached; the work waits (exit 4).
    Offline(IpcError),
}

impl From<IpcError> for Failure {
    fn from(e: IpcError) -> Self {
        Failure::Refused(e)
    }
}

impl From<groundwork_core::DomainError> for Failure {
    fn from(e: groundwork_core::DomainError) -> Self {
        Failure::Refused(e.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let (code, error) = match failure {
                Failure::Refused(e) => (1, e),
                Failure::Usage(message) => (2, IpcError::new(ErrorKind::InvalidInput, message)),
                Failure::Open(e) => (3, e),
                Failure::Offline(e) => (4, e),
            };
            if json {
                eprintln!("{}", serde_json::to_string(&error).unwrap_or_default());
            } else {
                eprintln!("groundwork-cli: {}", error.message);
            }
            ExitCode::from(code)
        }
    }
}

fn share_failed(e: sync::ShareError) -> Failure {
    let error = IpcError::from(e);
    if error.kind == ErrorKind::RepositoryUnreachable {
        Failure::Offline(error)
    } else {
        Failure::Refused(error)
    }
}

fn sync_done(out: &mut impl Write, json: bool, report: &sync::SyncReport) -> Result<(), Failure> {
    if json {
        let value =
            serde_json::to_value(report).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        return print_json(out, &value, true);
    }
    let mut lines = Vec::new();
    match &report.message {
        Some(message) => lines.push(format!("Committed: {message}")),
        None => lines.push("Nothing changed here since the last sync.".to_owned()),
    }
    if report.received > 0 {
        lines.push(format!("Received {} records from others.", report.received));
    }
    if report.conflicts > 0 {
        lines.push(format!(
            "{} fields were changed on both sides: both values are kept; `conflicts` lists them.",
            report.conflicts
        ));
    }
    if report.pushed {
        lines.push("The repository is up to date.".to_owned());
    }
    print(out, &lines.join("\n"))
}

/// The workspace a command works on.
fn workspace_path(cli_path: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(path) = cli_path {
        return Ok(path);
    }
    if let Some(path) =
        std::env::var_os(groundwork_api::paths::WORKSPACE_ENV).filter(|v| !v.is_empty())
    {
        return Ok(PathBuf::from(path));
    }
    groundwork_api::paths::default_workspace().ok_or_else(|| {
        Failure::Usage(
            "this system has no data folder; name a workspace with --workspace FILE".into(),
        )
    })
}

fn open(path: &Path) -> Result<Store, Failure> {
    Store::open(path, OpenMode::MustExist, Arc::new(SystemClock))
        .map_err(|e| Failure::Open(e.into()))
}

fn print(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    // A closed pipe (`| head`) is not a failure of the command.
    let _ = writeln!(out, "{text}");
    Ok(())
}

fn print_json(out: &mut impl Write, value: &Value, compact: bool) -> Result<(), Failure> {
    let text = if compact {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    }
    .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
    print(out, &text)
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), Failure> {
    let json = cli.json;
    match cli.command {
        Command::Ops => list_ops(out, json),
        Command::Call { op, input } => {
            let text = match input.as_deref() {
                None => "{}".to_owned(),
                Some("-") => {
                    let mut text = String::new();
                    std::io::stdin().read_to_string(&mut text).map_err(|e| {
                        Failure::Usage(format!("could not read the input from stdin: {e}"))
                    })?;
                    text
                }
                Some(text) => text.to_owned(),
            };
            let input: Value = serde_json::from_str(&text)
                .map_err(|e| Failure::Usage(format!("the input is not JSON: {e}")))?;
            if !ops().iter().any(|o| o.name == op) {
                return Err(Failure::Usage(format!(
                    "there is no operation \"{op}\"; `groundwork-cli ops` lists them"
                )));
            }
            let store = open(&workspace_path(cli.workspace)?)?;
            let result = groundwork_api::call(&store, &op, input)?;
            print_json(out, &result, json)
        }
        Command::New { file } => {
            Store::open(&file, OpenMode::CreateNew, Arc::new(SystemClock))
                .map_err(|e| Failure::Open(e.into()))?;
            if json {
                print_json(out, &json!({ "path": file }), true)
            } else {
                print(out, &format!("Created the workspace {}", file.display()))
            }
        }
        Command::Check { whole } => {
            let path = workspace_path(cli.workspace)?;
            let store = open(&path)?;
            let dangling = store
                .with_connection(|conn| groundwork_core::sharing::check::dangling(conn))
                .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            let checked_whole = if whole && !store.checked_whole() {
                drop(store);
                groundwork_core::check_whole_file(&path).map_err(|e| Failure::Open(e.into()))?;
                true
            } else {
                store.checked_whole()
            };
            if !dangling.is_empty() {
                if json {
                    print_json(
                        out,
                        &json!({ "path": path, "sound": false, "checkedWhole": checked_whole,
                                 "dangling": dangling }),
                        true,
                    )?;
                }
                let named: Vec<String> = dangling
                    .iter()
                    .map(|d| format!("{} {} name a {} that does not exist", d.count, d.from, d.to))
                    .collect();
                return Err(Failure::Refused(IpcError::new(
                    ErrorKind::WorkspaceDamaged,
                    format!("{} opens, but {}", path.display(), named.join("; ")),
                )));
            }
            if json {
                print_json(
                    out,
                    &json!({ "path": path, "sound": true, "checkedWhole": checked_whole,
                             "dangling": [] }),
                    true,
                )
            } else if checked_whole {
                print(
                    out,
                    &format!("{} is sound: every page was checked.", path.display()),
                )
            } else {
                print(
                    out,
                    &format!(
                        "{} opens, and its first part is sound; run `check --whole` to check every page.",
                        path.display()
                    ),
                )
            }
        }
        Command::Backup { out: dest } => {
            let path = workspace_path(cli.workspace)?;
            groundwork_core::backup_file(&path, &dest).map_err(writing_failed)?;
            if json {
                print_json(out, &json!({ "path": path, "backup": dest }), true)
            } else {
                print(
                    out,
                    &format!("Backed up {} to {}", path.display(), dest.display()),
                )
            }
        }
        Command::ExportFolder { dir } => {
            let path = workspace_path(cli.workspace)?;
            let store = open(&path)?;
            let written = store
                .write_folder(&dir)
                .map_err(|e| Failure::Refused(e.into()))?;
            if json {
                print_json(
                    out,
                    &json!({ "workspace": path, "folder": dir, "schema": written.schema,
                             "records": written.records, "files": written.files }),
                    true,
                )
            } else {
                print(
                    out,
                    &format!(
                        "Wrote {} records of {} tables to {} ({} files, schema {})",
                        written.records.values().sum::<u64>(),
                        written.records.len(),
                        dir.display(),
                        written.files,
                        written.schema
                    ),
                )
            }
        }
        Command::ImportFolder { dir, out: dest } => {
            let dest = match dest {
                Some(d) => d,
                None => workspace_path(cli.workspace)?,
            };
            let read =
                groundwork_core::store::folder::read_folder(&dir, &dest, Arc::new(SystemClock))
                    .map_err(|e| match e {
                        groundwork_core::store::folder::FolderError::Open(open) => {
                            writing_failed(open)
                        }
                        other => Failure::Refused(other.into()),
                    })?;
            if json {
                print_json(
                    out,
                    &json!({ "workspace": dest, "folder": dir, "schema": read.schema,
                             "records": read.records, "files": read.files }),
                    true,
                )
            } else {
                print(
                    out,
                    &format!(
                        "Made {} from {}: {} records of {} tables",
                        dest.display(),
                        dir.display(),
                        read.records.values().sum::<u64>(),
                        read.records.len()
                    ),
                )
            }
        }
        Command::Sample { out: dest } => {
            groundwork_core::sample::write_sample(&dest, Arc::new(SystemClock))
                .map_err(writing_failed)?;
            if json {
                print_json(out, &json!({ "path": dest }), true)
            } else {
                print(
                    out,
                    &format!("Wrote the sample workspace to {}", dest.display()),
                )
            }
        }
        Command::Candidates { cycle } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let cycle = cycle_or_current(&store, cycle)?;
            let candidates = store.read(|db| db.candidate_pains(cycle))?;
            if json {
                let value = serde_json::to_value(&candidates)
                    .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
                return print_json(out, &value, true);
            }
            if candidates.is_empty() {
                return print(
                    out,
                    "No candidate pains: no two pain or request observations outside a pain say alike enough.",
                );
            }
            for (n, c) in candidates.iter().enumerate() {
                let words: Vec<String> = c
                    .words
                    .iter()
                    .map(|w| format!("{} ({:.1}, {}×)", w.word, w.weight, w.said))
                    .collect();
                print(
                    out,
                    &format!(
                        "{}. {}\n   {} observations · {} people · {} teams · {} channels · alike {:.2} · key {}\n   tied by: {}",
                        n + 1,
                        c.statement,
                        c.observations.len(),
                        c.people,
                        c.teams,
                        c.channels,
                        c.cohesion,
                        c.key,
                        words.join(", ")
                    ),
                )?;
                for o in &c.observations {
                    let who = o.said_by.as_deref().unwrap_or("no one named");
                    print(
                        out,
                        &format!("   - {:.2}  {} ({who})  {}", o.alike, o.text, o.id),
                    )?;
                }
            }
            Ok(())
        }
        Command::Rank { cycle, explain } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            rank(&store, out, json, cycle, explain)
        }
        Command::Export {
            cycle,
            doc,
            format,
            out: dest,
            force,
        } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let of = ExportOf::Cycle {
                cycle_id: cycle_or_current(&store, cycle)?,
                doc,
            };
            export(&store, out, json, of, doc.name(), format, &dest, force)
        }
        Command::Digest {
            team,
            cycle,
            format,
            out: dest,
            force,
        } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let of = ExportOf::Digest {
                team_id: team_named(&store, &team)?,
                cycle_id: cycle.map(|c| cycle_named(&store, &c)).transpose()?,
            };
            export(&store, out, json, of, "digest", format, &dest, force)
        }
        Command::Sessions { cycle, kind } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            list_sessions(&store, out, json, cycle, kind)
        }
        Command::ImportSurvey(args) => {
            let store = open(&workspace_path(cli.workspace)?)?;
            import_survey(&store, out, json, args)
        }
        Command::ImportTranscript(args) => import_transcript(out, json, cli.workspace, &args),
        Command::ImportNotes(args) => {
            let vault = read_notes(&args)?;
            if args.dry_run {
                return print_vault_preview(out, json, &vault);
            }
            let store = open(&workspace_path(cli.workspace)?)?;
            import_notes(&store, out, json, &args, &vault)
        }
        Command::ImportTickets(args) => import_tickets(out, json, cli.workspace, &args),
        Command::Search {
            query,
            limit,
            offset,
            order,
        } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let query = SearchQuery {
                text: query,
                limit: Some(limit),
                offset,
                order,
                ..Default::default()
            };
            search(&store, out, json, &query)
        }
        Command::Share { repo } => {
            let path = workspace_path(cli.workspace)?;
            if !path.exists() {
                sync::join(&repo, &path, Arc::new(SystemClock)).map_err(share_failed)?;
                return if json {
                    print_json(
                        out,
                        &json!({ "workspace": path, "repo": repo, "joined": true }),
                        true,
                    )
                } else {
                    print(
                        out,
                        &format!(
                            "Made {} from {repo}; `sync` keeps it in step.",
                            path.display()
                        ),
                    )
                };
            }
            let store = open(&path)?;
            let report = sync::share(&store, &repo).map_err(share_failed)?;
            sync_done(out, json, &report)
        }
        Command::Sync => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let report = sync::sync(&store).map_err(share_failed)?;
            sync_done(out, json, &report)?;
            match report.offline {
                Some(detail) => Err(Failure::Offline(IpcError::new(
                    ErrorKind::RepositoryUnreachable,
                    format!("Could not reach the repository, so nothing was pushed; the work is committed here and waits for the next sync ({detail})"),
                ))),
                None => Ok(()),
            }
        }
        Command::Conflicts => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let found = store.read(|db| db.sync_conflicts())?;
            if json {
                let value = serde_json::to_value(&found)
                    .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
                return print_json(out, &value, true);
            }
            if found.is_empty() {
                return print(out, "No conflicts: every field agrees.");
            }
            for c in &found {
                print(
                    out,
                    &format!(
                        "{}  {} \"{}\", {}\n  kept:  {} ({}, {})\n  other: {} ({}, {})",
                        c.id,
                        c.kind,
                        c.label,
                        c.field,
                        c.kept,
                        c.kept_by,
                        c.kept_at,
                        c.other,
                        c.other_by,
                        c.other_at
                    ),
                )?;
            }
            Ok(())
        }
        Command::Settle { id, take, value } => {
            let choice = match (take.as_deref(), value) {
                (_, Some(text)) => conflict::Settle::Written(text),
                (Some("kept"), None) => conflict::Settle::Kept,
                (Some("other"), None) => conflict::Settle::Other,
                _ => {
                    return Err(Failure::Usage(
                        "say which value to keep: --take kept, --take other, or --value TEXT"
                            .into(),
                    ))
                }
            };
            let store = open(&workspace_path(cli.workspace)?)?;
            store.write(|tx| tx.settle_conflict(&id, &choice))?;
            if json {
                print_json(out, &json!({ "settled": id }), true)
            } else {
                print(out, "Settled; the next sync shares it.")
            }
        }
        Command::Similar { id, limit } => {
            let store = open(&workspace_path(cli.workspace)?)?;
            let similar = store.read(|db| db.similar_observations(id, limit))?;
            if json {
                let value = serde_json::to_value(&similar)
                    .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
                return print_json(out, &value, true);
            }
            if similar.is_empty() {
                return print(out, "No observation shares a telling word with this one.");
            }
            for s in &similar {
                let who = s.said_by.as_deref().unwrap_or("no one named");
                print(
                    out,
                    &format!(
                        "{:>6.2}  {} · {who} · {}  {}\n        {}\n        shares: {}",
                        s.score,
                        s.kind.label(),
                        s.observed_on,
                        s.id,
                        s.text,
                        s.shared.join(", ")
                    ),
                )?;
            }
            Ok(())
        }
    }
}

/// A new file that could not be written: naming one that exists is the script's
/// mistake (refused); anything else is the file system's (could not open).
fn writing_failed(e: impl Into<IpcError>) -> Failure {
    let error: IpcError = e.into();
    if error.kind == ErrorKind::WorkspaceExists {
        Failure::Refused(error)
    } else {
        Failure::Open(error)
    }
}

fn list_ops(out: &mut impl Write, json: bool) -> Result<(), Failure> {
    let cfg = ts_config();
    if json {
        let list: Vec<Value> = ops()
            .iter()
            .map(|op| {
                json!({
                    "name": op.name,
                    "access": op.access,
                    "input": (op.input)(&cfg)
                        .into_iter()
                        .map(|(name, ty)| json!({ "name": groundwork_api::typescript::camel(name), "type": ty }))
                        .collect::<Vec<_>>(),
                    "output": (op.output)(&cfg),
                    "stale": op.stale.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "shows": op.shows.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "doc": op.doc.trim(),
                })
            })
            .collect();
        return print_json(out, &Value::Array(list), true);
    }
    for op in ops() {
        let access = match op.access {
            Access::Read => "read ",
            Access::Write => "write",
        };
        let input: Vec<String> = (op.input)(&cfg)
            .into_iter()
            .map(|(name, ty)| format!("{}: {ty}", groundwork_api::typescript::camel(name)))
            .collect();
        print(
            out,
            &format!(
                "{:<24} {access}  {{{}}}\n{:<24}        {}",
                op.name,
                input.join(", "),
                "",
                op.doc.trim()
            ),
        )?;
    }
    Ok(())
}

fn ts_config() -> groundwork_api::typescript::Config {
    groundwork_api::typescript::Config::new()
}

/// The one of `items` named `name` (in any case), or a refusal naming those there are.
fn named(
    items: &[(uuid::Uuid, &str)],
    name: &str,
    one: &str,
    many: &str,
) -> Result<uuid::Uuid, Failure> {
    if let Some((id, _)) = items
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
    {
        return Ok(*id);
    }
    let names: Vec<&str> = items.iter().map(|(_, n)| *n).collect();
    Err(Failure::Refused(IpcError::new(
        ErrorKind::NotFound,
        format!(
            "No {one} is named \"{name}\"; the {many} are: {}",
            if names.is_empty() {
                "none yet".to_owned()
            } else {
                names.join(", ")
            }
        ),
    )))
}

/// The cycle with this name (in any case), or a refusal naming the cycles there are.
fn cycle_named(store: &Store, name: &str) -> Result<uuid::Uuid, Failure> {
    let cycles = store.read(|db| db.list_cycles())?;
    let items: Vec<_> = cycles.iter().map(|c| (c.id, c.name.as_str())).collect();
    named(&items, name, "cycle", "cycles")
}

/// The cycle named (in any case), or the current one.
fn cycle_or_current(store: &Store, cycle: Option<String>) -> Result<uuid::Uuid, Failure> {
    match cycle {
        Some(name) => cycle_named(store, &name),
        None => Ok(store
            .read(|db| db.current_cycle())?
            .ok_or(groundwork_core::DomainError::NoCycle)?
            .id),
    }
}

/// The team named `name` (in any case), or a refusal naming the teams there are.
fn team_named(store: &Store, name: &str) -> Result<uuid::Uuid, Failure> {
    let teams = store.read(|db| db.list_teams())?;
    let items: Vec<_> = teams.iter().map(|t| (t.id, t.name.as_str())).collect();
    named(&items, name, "team", "teams")
}

/// Writes a cycle's document, ranked pain, roadmap or pack, or a team's digest, to
/// `dest` ("-": stdout); `doc` names it in the --json report.
#[allow(clippy::too_many_arguments)] // one per flag of the subcommand
fn export(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    of: ExportOf,
    doc: &str,
    format: Format,
    dest: &Path,
    force: bool,
) -> Result<(), Failure> {
    let exported = groundwork_interchange::export_of(store, of, format).map_err(|e| match e {
        ExportError::Domain(e) => Failure::Refused(e.into()),
        ExportError::Pdf(e) => Failure::Refused(IpcError::internal(e)),
    })?;
    if dest.as_os_str() == "-" {
        let _ = out.write_all(&exported.bytes);
        return Ok(());
    }
    groundwork_core::documents::export::write_export(dest, &exported.bytes, force)
        .map_err(|e| Failure::Refused(e.into()))?;
    if json {
        print_json(
            out,
            &json!({
                "path": dest,
                "doc": doc,
                "format": format.extension(),
                "bytes": exported.bytes.len(),
                "citations": exported.citations,
            }),
            true,
        )
    } else {
        print(
            out,
            &format!(
                "Wrote {} ({} citations) to {}",
                exported.title,
                exported.citations,
                dest.display()
            ),
        )
    }
}

/// The prioritized list of user pain of a cycle (the current one by default), or one
/// position's explanation.
fn rank(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    cycle: Option<String>,
    explain: Option<u32>,
) -> Result<(), Failure> {
    let cycle_id = cycle_or_current(store, cycle)?;
    if let Some(position) = explain {
        let e = store.read(|db| db.explain_rank(cycle_id, position))?;
        if json {
            let value =
                serde_json::to_value(&e).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            return print_json(out, &value, true);
        }
        print(out, &format!("#{} {}", e.item.position, e.item.statement))?;
        print(out, &e.formula)?;
        for t in &e.terms {
            let value = t.value.map_or("—".to_owned(), |v| {
                format!("{}", (v * 100.0).round() / 100.0)
            });
            print(out, &format!("  {:<10} {:>6}  {}", t.name, value, t.source))?;
        }
        for w in &e.why {
            print(out, w)?;
        }
        if let Some(p) = &e.to_pass {
            print(out, p)?;
        }
        for h in &e.history {
            let at = h.at.format("%Y-%m-%d");
            match h.position {
                Some(p) => print(out, &format!("{at}: placed #{p} by hand: {}", h.reason))?,
                None => print(out, &format!("{at}: given back to its score: {}", h.reason))?,
            }
        }
        return Ok(());
    }
    let ranking = store.read(|db| db.rank(cycle_id))?;
    let bucket_of = |id: Option<uuid::Uuid>| ranking.buckets.iter().find(|b| Some(b.id) == id);
    if json {
        let items: Vec<Value> = ranking
            .items
            .iter()
            .map(|i| {
                let b = bucket_of(i.bucket_id);
                let mut flags: Vec<String> = Vec::new();
                if !i.user_evidence {
                    flags.push("no user evidence yet".into());
                }
                flags.extend(i.loud_voices.iter().cloned());
                json!({
                    "position": i.position,
                    "painId": i.pain_id,
                    "pain": i.statement,
                    "bucket": b.map(|b| json!({ "id": b.id, "name": b.name, "kind": b.kind })),
                    "score": i.score,
                    "framework": ranking.framework,
                    "reach": i.reach,
                    "evidence": i.reach.evidence,
                    "flags": flags,
                    "overrideReason": i.override_reason,
                })
            })
            .collect();
        return print_json(
            out,
            &json!({ "cycleId": cycle_id, "framework": ranking.framework, "formula": ranking.formula, "items": items }),
            true,
        );
    }
    print(out, &ranking.formula)?;
    if ranking.items.is_empty() {
        return print(out, "No pains yet: make them from observations in the app.");
    }
    for i in &ranking.items {
        let score = i
            .score
            .map_or("unscored".to_owned(), |s| format!("{:.2}", s));
        let bucket = bucket_of(i.bucket_id)
            .map(|b| format!(" [{} · {}]", b.kind.label(), b.name))
            .unwrap_or_default();
        let mut line = format!(
            "{:>3}. {:>8}  {}{bucket}  ({} people, {} observations)",
            i.position, score, i.statement, i.reach.people, i.reach.evidence
        );
        if !i.user_evidence {
            line.push_str(" · no user evidence yet");
        }
        for v in &i.loud_voices {
            line.push_str(&format!(" · {v}"));
        }
        if let Some(r) = &i.override_reason {
            line.push_str(&format!(" · placed by hand: {r}"));
        }
        print(out, &line)?;
    }
    Ok(())
}

fn list_sessions(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    cycle: Option<String>,
    kind: Option<SourceKind>,
) -> Result<(), Failure> {
    let cycle_id = match cycle {
        None => None,
        Some(name) => Some(cycle_named(store, &name)?),
    };
    let mut query = SessionQuery {
        cycle_id,
        kinds: kind.into_iter().collect(),
        limit: Some(groundwork_core::store::limits::PAGE),
        ..Default::default()
    };
    let mut rows = Vec::new();
    loop {
        let page = store.read(|db| db.list_sessions(&query))?;
        let got = page.sessions.len() as u32;
        rows.extend(page.sessions);
        if got == 0 || rows.len() as u32 >= page.matching {
            break;
        }
        query.offset += got;
    }
    if json {
        let value =
            serde_json::to_value(&rows).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        return print_json(out, &value, true);
    }
    if rows.is_empty() {
        return print(out, "No sessions.");
    }
    for s in &rows {
        let people = if s.participants.is_empty() {
            String::new()
        } else {
            format!(" — {}", s.participants)
        };
        print(
            out,
            &format!("{}  {:<24} {}{people}", s.held_on, s.kind.label(), s.title),
        )?;
    }
    Ok(())
}

fn search(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    query: &SearchQuery,
) -> Result<(), Failure> {
    let results = store.read(|db| db.search(query))?;
    if json {
        let value =
            serde_json::to_value(&results).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        return print_json(out, &value, true);
    }
    let marked = |s: &str| s.replace(MARK_START, "«").replace(MARK_END, "»");
    for hit in &results.hits {
        let context = if hit.context.is_empty() {
            String::new()
        } else {
            format!(" · {}", hit.context)
        };
        print(
            out,
            &format!(
                "{:<12} {}{context}\n             {}",
                format!("{:?}", hit.entity).to_lowercase(),
                marked(&hit.title),
                marked(&hit.snippet)
            ),
        )?;
    }
    for chip in &results.understood.filters {
        let mark = if chip.found { "" } else { " (matches nothing)" };
        print(out, &format!("filter: {}{mark}", chip.label))?;
    }
    for word in &results.understood.left_out {
        print(out, &format!("without: {word}"))?;
    }
    if results.hits.is_empty() {
        print(
            out,
            if results.total > 0 {
                "No hits on this page."
            } else {
                "Nothing found."
            },
        )?;
    }
    if results.total > 0 {
        let first = results.offset + 1;
        let last = results.offset + results.hits.len() as u32;
        let shown = if results.hits.is_empty() {
            format!("{} matches", results.total)
        } else {
            format!("{first}–{last} of {}", results.total)
        };
        print(out, &format!("{shown}. {}", results.order_reason))?;
    }
    if let Some(notice) = &results.notice {
        print(out, notice)?;
    }
    Ok(())
}

/// Reads a mapping file: a mapping (`{"columns": [...]}`), or the JSON `import-survey
/// --dry-run --json` printed, whose `mapping` it takes.
fn read_mapping(path: &Path) -> Result<SurveyMapping, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Usage(format!(
            "could not read the mapping {}: {e}",
            path.display()
        ))
    })?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("the mapping {} is not JSON: {e}", path.display())))?;
    let value = match value.get("mapping") {
        Some(inner) => inner.clone(),
        None => value,
    };
    serde_json::from_value(value).map_err(|e| {
        Failure::Usage(format!(
            "the mapping {} is not a column mapping ({e}); `import-survey FILE --dry-run --json` prints one to start from",
            path.display()
        ))
    })
}

/// Reads a transcript and prints what an import would take from it: nothing is written
/// (and no workspace is opened), as the import itself comes later.
/// The notes at `args.path`, read as the tool that wrote them (told by `--from`, else by
/// what the path holds).
fn read_notes(args: &ImportNotesArgs) -> Result<groundwork_core::imports::vault::Vault, Failure> {
    use groundwork_core::imports::csv_notes::NotesMapping;
    use groundwork_core::imports::notes::{read_notes_mapped, NotesFrom};
    let from = match args.from.as_deref() {
        Some("joplin") => Some(NotesFrom::Joplin),
        Some("notion") => Some(NotesFrom::Notion),
        Some("csv") => Some(NotesFrom::Csv),
        Some(_) => Some(NotesFrom::Markdown),
        None => None,
    };
    let mapping = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Usage(format!(
                    "could not read the mapping {}: {e}",
                    path.display()
                ))
            })?;
            serde_json::from_str::<NotesMapping>(&text).map_err(|e| {
                Failure::Usage(format!(
                    "the mapping {} is not a notes mapping ({e}); it names columns like {{\"title\": \"Heading\", \"content\": \"Words\", \"date\": \"When\", \"person\": \"Who\", \"tags\": \"Tags\", \"kind\": \"Type\", \"id\": \"Id\"}}",
                    path.display()
                ))
            })?
        }
        None => NotesMapping::default(),
    };
    read_notes_mapped(&args.path, from, &mapping)
        .map_err(|e| Failure::Refused(IpcError::new(ErrorKind::InvalidInput, e.to_string())))
}

/// Imports a ticket queue's export, or (`--dry-run`) says what an import would bring.
fn import_tickets(
    out: &mut impl Write,
    json: bool,
    cli_path: Option<PathBuf>,
    args: &ImportTicketsArgs,
) -> Result<(), Failure> {
    use groundwork_core::imports::tickets::{
        read_ticket_file, read_tickets, TicketImport, TicketQueue,
    };
    let bytes = read_ticket_file(&args.file)?;
    let from = args.from.as_deref().and_then(TicketQueue::named);
    let file = read_tickets(&bytes, from).map_err(groundwork_core::DomainError::from)?;
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if args.dry_run {
        // Without a workspace, every reporter is new and nothing was imported before.
        let store = match dry_run_store(cli_path)? {
            Some(store) => store,
            None => Store::open_in_memory(std::sync::Arc::new(groundwork_core::SystemClock))
                .map_err(|e| Failure::Open(e.into()))?,
        };
        let p = store.read(|db| db.preview_tickets(&file))?;
        if json {
            let value =
                serde_json::to_value(&p).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            return print_json(out, &value, true);
        }
        let list = |items: &[String]| {
            if items.is_empty() {
                "none".to_owned()
            } else {
                items.join(", ")
            }
        };
        print(
            out,
            &format!(
                "{}: {} opened {} to {} ({}, {}; {}); {} answered, {} resolved.",
                p.queue_label,
                plural(p.tickets, "ticket", "tickets"),
                p.first.map(|d| d.to_string()).unwrap_or_default(),
                p.last.map(|d| d.to_string()).unwrap_or_default(),
                plural(p.pains, "pain", "pains"),
                plural(p.requests, "request", "requests"),
                plural(p.questions, "question", "questions"),
                p.answered,
                p.resolved
            ),
        )?;
        print(
            out,
            &format!(
                "Reporters: {} in People, {} new. Teams: {}. Components: {}.",
                p.reporters_matched,
                p.reporters_new,
                list(&p.teams),
                list(&p.components)
            ),
        )?;
        print(
            out,
            &format!(
                "Imported before: {} (not copied again; their times are brought up to date).",
                p.already_imported
            ),
        )?;
        let columns: Vec<String> = p
            .columns
            .iter()
            .map(|(f, c)| format!("{f} ← {c}"))
            .collect();
        print(out, &format!("Columns: {}.", columns.join("; ")))?;
        for s in &p.skipped {
            print(out, &format!("Left out line {}: {}", s.line, s.why))?;
        }
        return print(out, "Nothing was written (dry run).");
    }
    let store = open(&workspace_path(cli_path)?)?;
    let cycle_id = match &args.cycle {
        Some(name) => Some(cycle_named(&store, name)?),
        None => None,
    };
    let done = store.write(|tx| {
        tx.import_tickets(
            &file,
            &TicketImport {
                cycle_id,
                title: args.title.clone().unwrap_or_default(),
                add_people: !args.no_new_people,
            },
        )
    })?;
    if json {
        let mut value =
            serde_json::to_value(&done).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        value["skipped"] = json!(file.skipped);
        return print_json(out, &value, true);
    }
    print(
        out,
        &format!(
            "Imported {} as observations of a support-ticket-review session{} ({} imported before, not copied; {} with times brought up to date).",
            plural(done.tickets, "ticket", "tickets"),
            done.session_id.map(|s| format!(" ({s})")).unwrap_or_default(),
            done.already_imported,
            done.times_updated
        ),
    )?;
    print(
        out,
        &format!(
            "Reporters: {} matched, {} added ({} added); {} added.",
            done.people_matched,
            done.people_added,
            plural(done.teams_added, "team", "teams"),
            plural(done.tags_added, "tag", "tags")
        ),
    )?;
    for s in &file.skipped {
        print(out, &format!("Left out line {}: {}", s.line, s.why))?;
    }
    Ok(())
}

/// What importing a folder would bring, in words or JSON.
fn print_vault_preview(
    out: &mut impl Write,
    json: bool,
    vault: &groundwork_core::imports::vault::Vault,
) -> Result<(), Failure> {
    let p = groundwork_core::imports::vault::preview(vault);
    let without_kind = groundwork_core::imports::notes::without_kind(vault);
    if json {
        let mut value =
            serde_json::to_value(&p).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        value["withoutKind"] = json!(without_kind);
        return print_json(out, &value, true);
    }
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(", ")
        }
    };
    print(
        out,
        &format!(
            "{} note{} ({} empty, left out; {} dated; {} without a kind, which --kind names).",
            p.notes,
            if p.notes == 1 { "" } else { "s" },
            p.empty_notes,
            p.dated,
            without_kind
        ),
    )?;
    print(
        out,
        &format!(
            "Tags: {}.",
            list(p.tags.iter().map(|(t, n)| format!("{t} ({n})")).collect())
        ),
    )?;
    print(out, &format!("People named: {}.", list(p.people.clone())))?;
    print(
        out,
        &format!(
            "Links: {} resolved, {} to a name several notes share, {} to no note; {} attachment{}.",
            p.links_resolved,
            p.links_ambiguous.len(),
            p.links_broken.len(),
            p.attachments,
            if p.attachments == 1 { "" } else { "s" }
        ),
    )?;
    for (note, name, paths) in &p.links_ambiguous {
        print(
            out,
            &format!("  {note}: [[{name}]] could be {}", paths.join(" or ")),
        )?;
    }
    for (note, name) in &p.links_broken {
        print(out, &format!("  {note}: [[{name}]] names no note"))?;
    }
    if !p.fields_not_mapped.is_empty() {
        print(
            out,
            &format!(
                "Front matter kept as fields: {}.",
                list(
                    p.fields_not_mapped
                        .iter()
                        .map(|(k, n)| format!("{k} ({n})"))
                        .collect()
                )
            ),
        )?;
    }
    for (note, problem) in &p.problems {
        print(out, &format!("  {note}: {problem}"))?;
    }
    for s in &p.skipped {
        print(out, &format!("Skipped {}: {}", s.path, s.why))?;
    }
    print(out, "Nothing was written (dry run).")
}

/// Imports a folder's notes as sessions, all or nothing.
fn import_notes(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    args: &ImportNotesArgs,
    vault: &groundwork_core::imports::vault::Vault,
) -> Result<(), Failure> {
    use groundwork_core::imports::vault_import::VaultImport;
    let without_kind = groundwork_core::imports::notes::without_kind(vault);
    let kind = match (args.kind, without_kind) {
        (Some(k), _) => k,
        // Every note names its kind: the fallback is never used.
        (None, 0) => SourceKind::StakeholderFeedback,
        (None, n) => {
            return Err(Failure::Refused(IpcError::new(
                ErrorKind::InvalidInput,
                format!(
                    "{n} note{} name{} no kind (no type: in the front matter, no folder named after one); say which kind they are with --kind, e.g. --kind coffee_chat. Nothing was imported",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                ),
            )))
        }
    };
    let cycle_id = match &args.cycle {
        Some(name) => Some(cycle_named(store, name)?),
        None => None,
    };
    let origin = std::fs::canonicalize(&args.path)
        .unwrap_or_else(|_| args.path.clone())
        .display()
        .to_string();
    let done = store.write(|tx| {
        tx.import_vault(
            vault,
            &VaultImport {
                origin,
                cycle_id,
                kind,
                add_people: !args.no_new_people,
                quotes: args.quotes,
            },
        )
    })?;
    if json {
        let value =
            serde_json::to_value(&done).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        return print_json(out, &value, true);
    }
    print(
        out,
        &format!(
            "Imported {} note{} as sessions ({} imported before, left as they are; {} empty, left out).",
            done.sessions,
            if done.sessions == 1 { "" } else { "s" },
            done.already_imported - done.updated,
            done.empty
        ),
    )?;
    if done.updated > 0 {
        print(
            out,
            &format!(
                "{} imported before changed in the source and were not edited here: brought up to date.",
                done.updated
            ),
        )?;
    }
    if done.kept_edited > 0 {
        print(
            out,
            &format!(
                "{} imported before changed in the source but were edited here: left as you edited them.",
                done.kept_edited
            ),
        )?;
    }
    print(
        out,
        &format!(
            "People: {} matched, {} added, {} left out; {} tag{} added.",
            done.people_matched,
            done.people_added,
            done.people_left_out,
            done.tags_added,
            if done.tags_added == 1 { "" } else { "s" }
        ),
    )?;
    if args.quotes {
        print(
            out,
            &format!(
                "{} quoted passage{} made quote observations.",
                done.quotes,
                if done.quotes == 1 { "" } else { "s" }
            ),
        )?;
    }
    Ok(())
}

/// Who a speaker will be: as `--map`/`--us` say, else as suggested (remembered, or a
/// person of the label's name), else nobody.
struct PlannedSpeaker {
    label: String,
    role: groundwork_core::SpeakerRole,
    /// A person of People.
    person: Option<groundwork_core::PersonRef>,
    /// A person to add to People, by name (a `--map` name People lacks).
    new_person: Option<String>,
    /// What chose it: map, us, memory, name, email or nothing.
    by: &'static str,
}

impl PlannedSpeaker {
    fn json(&self) -> Value {
        json!({
            "role": self.role,
            "person": self.person,
            "newPerson": self.new_person,
            "suggestedBy": self.by,
        })
    }

    /// "→ Priya Raman (same name)", "→ us", "→ nobody".
    fn words(&self) -> String {
        let who = match (&self.person, &self.new_person) {
            (Some(p), _) => p.name.clone(),
            (None, Some(name)) => format!("{name}, new to People"),
            (None, None) if self.role == groundwork_core::SpeakerRole::Us => String::new(),
            (None, None) => "nobody".to_owned(),
        };
        let role = if self.role == groundwork_core::SpeakerRole::Us {
            if who.is_empty() {
                "us".to_owned()
            } else {
                format!("us, {who}")
            }
        } else {
            who
        };
        let why = match self.by {
            "map" => " (--map)",
            "us" => " (--us)",
            "memory" => " (mapped before)",
            "name" => " (same name)",
            "email" => " (same email)",
            _ => "",
        };
        format!("→ {role}{why}")
    }

    fn choice(&self) -> groundwork_core::SpeakerChoice {
        use groundwork_core::SpeakerPerson;
        groundwork_core::SpeakerChoice {
            label: self.label.clone(),
            role: self.role,
            person: match (&self.person, &self.new_person) {
                (Some(p), _) => SpeakerPerson::Existing { id: p.id },
                (None, Some(name)) => SpeakerPerson::New {
                    name: name.clone(),
                    team: String::new(),
                    relation: Default::default(),
                },
                (None, None) => SpeakerPerson::Nobody,
            },
        }
    }
}

/// A label as speakers are matched: trimmed, inner spaces collapsed, in lower case.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The `--map "Label=Person"` pairs and the `--us` labels, as the file writes them.
type SpeakerFlags = (Vec<(String, String)>, Vec<String>);

/// The `--map "Label=Person"` pairs and `--us` labels, each label one of the file's
/// speakers (matched in any case).
fn speaker_flags(args: &ImportTranscriptArgs, labels: &[String]) -> Result<SpeakerFlags, Failure> {
    let known = |label: &str| -> Result<String, Failure> {
        labels
            .iter()
            .find(|l| label_key(l) == label_key(label))
            .cloned()
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "no speaker of the transcript is labelled \"{}\"; its speakers are: {}",
                    label.trim(),
                    labels
                        .iter()
                        .map(|l| format!("\"{l}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    };
    let mut maps = Vec::new();
    for pair in &args.map {
        let Some((label, person)) = pair.split_once('=') else {
            return Err(Failure::Usage(format!(
                "--map \"{pair}\" names no person; write it \"Label=Person Name\""
            )));
        };
        maps.push((
            known(label)?,
            person.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    let us = args
        .us
        .iter()
        .map(|l| known(l))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((maps, us))
}

/// Who each speaker of `labels` will be, from the flags and (with a workspace) the
/// suggestions and People.
fn plan_speakers(
    db: Option<&groundwork_core::Db>,
    labels: &[String],
    maps: &[(String, String)],
    us: &[String],
) -> Result<Vec<PlannedSpeaker>, groundwork_core::DomainError> {
    use groundwork_core::{SpeakerRole, SuggestedBy};
    let (suggestions, people) = match db {
        Some(db) => (
            db.suggest_speakers(labels)?,
            db.list_people(&Default::default())?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut plan = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let mapped = maps.iter().rev().find(|(l, _)| l == label);
        let is_us = us.contains(label);
        let suggested = suggestions.get(i).filter(|s| &s.label == label);
        let mut speaker = PlannedSpeaker {
            label: label.clone(),
            role: SpeakerRole::Participant,
            person: None,
            new_person: None,
            by: "nothing",
        };
        if let Some((_, name)) = mapped {
            speaker.by = "map";
            if !name.is_empty() {
                match people
                    .iter()
                    .find(|p| label_key(&p.name) == label_key(name))
                {
                    Some(p) => {
                        speaker.person = Some(groundwork_core::PersonRef {
                            id: p.id,
                            name: p.name.clone(),
                        })
                    }
                    None => speaker.new_person = Some(name.clone()),
                }
            }
        } else if let Some(s) = suggested {
            speaker.person = s.person.clone();
            speaker.role = s.role;
            speaker.by = match s.suggested_by {
                SuggestedBy::Memory => "memory",
                SuggestedBy::Name => "name",
                SuggestedBy::Email => "email",
                SuggestedBy::Nothing => "nothing",
            };
        }
        if is_us {
            speaker.role = SpeakerRole::Us;
            if mapped.is_none() {
                // One of us is nobody to the register unless --map names them too.
                speaker.person = None;
                speaker.by = "us";
            }
        }
        plan.push(speaker);
    }
    Ok(plan)
}

/// The workspace a dry run suggests speakers from: the one named, else the default one
/// when it exists; none otherwise (a dry run needs no workspace).
fn dry_run_store(cli_path: Option<PathBuf>) -> Result<Option<Store>, Failure> {
    let named = cli_path.is_some()
        || std::env::var_os(groundwork_api::paths::WORKSPACE_ENV).is_some_and(|v| !v.is_empty());
    if named {
        return Ok(Some(open(&workspace_path(cli_path)?)?));
    }
    match groundwork_api::paths::default_workspace() {
        Some(path) if path.exists() => Ok(Some(open(&path)?)),
        _ => Ok(None),
    }
}

/// Imports a transcript into a session, or (`--dry-run`) reads it and prints what an
/// import would take from it and who each speaker would be, writing nothing.
fn import_transcript(
    out: &mut impl Write,
    json: bool,
    cli_path: Option<PathBuf>,
    args: &ImportTranscriptArgs,
) -> Result<(), Failure> {
    use groundwork_core::discovery::transcript::{preview, read_transcript, read_transcript_file};
    use groundwork_core::{TranscriptImport, TranscriptTarget};
    let (name, bytes) = read_transcript_file(&args.file)?;
    let transcript = read_transcript(&name, &bytes).map_err(groundwork_core::DomainError::from)?;
    let preview = preview(&transcript);
    let labels: Vec<String> = preview.speakers.iter().map(|s| s.label.clone()).collect();
    let (maps, us) = speaker_flags(args, &labels)?;

    if args.dry_run {
        let store = dry_run_store(cli_path)?;
        let plan = match &store {
            Some(store) => store.read(|db| plan_speakers(Some(db), &labels, &maps, &us))?,
            None => plan_speakers(None, &labels, &maps, &us)?,
        };
        if json {
            let mut value = serde_json::to_value(&preview)
                .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            if let Some(speakers) = value["speakers"].as_array_mut() {
                for (speaker, planned) in speakers.iter_mut().zip(&plan) {
                    if let (Some(fields), Value::Object(more)) =
                        (speaker.as_object_mut(), planned.json())
                    {
                        fields.extend(more);
                    }
                }
            }
            return print_json(out, &value, true);
        }
        return print_transcript_preview(out, &preview, &plan, store.is_some());
    }

    // Where it goes, told before the workspace is opened: a session, or a new one's kind.
    let into = match (args.session, args.new, args.kind) {
        (Some(id), _, _) => Ok(id),
        (None, true, Some(kind)) => Err(kind),
        (None, true, None) => {
            return Err(Failure::Usage(
                "--new needs --kind, e.g. --kind coffee_chat".into(),
            ))
        }
        (None, false, _) => {
            return Err(Failure::Usage(
                "say where the transcript goes: --session ID (a session logged already) or --new --kind KIND (a new one); --dry-run only reads it".into(),
            ))
        }
    };
    let store = open(&workspace_path(cli_path)?)?;
    let target = match into {
        Ok(id) => TranscriptTarget::Session { id },
        Err(source_kind) => TranscriptTarget::New {
            cycle_id: cycle_or_current(&store, args.cycle.clone())?,
            source_kind,
            title: match &args.title {
                Some(title) => title.clone(),
                None => groundwork_core::discovery::transcript::import::title_of_file(&name),
            },
            held_on: args
                .date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        },
    };
    let (plan, done) = store.write(|tx| {
        let plan = plan_speakers(Some(tx), &labels, &maps, &us)?;
        let request = TranscriptImport {
            target: target.clone(),
            speakers: plan.iter().map(PlannedSpeaker::choice).collect(),
        };
        let done = tx.write_transcript(&name, &bytes, &transcript, &request)?;
        Ok::<_, groundwork_core::DomainError>((plan, done))
    })?;
    let session = store.read(|db| db.session(done.session_id))?;
    if json {
        let mut value =
            serde_json::to_value(&done).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        value["newSession"] = json!(args.session.is_none());
        value["title"] = json!(session.title);
        value["heldOn"] = json!(session.held_on);
        value["speakers"] = plan
            .iter()
            .map(|p| {
                let mut v = p.json();
                v["label"] = json!(p.label);
                v
            })
            .collect();
        return print_json(out, &value, true);
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    print(
        out,
        &format!(
            "Imported {name} ({}) into {} session “{}” of {} ({}): {}.",
            preview.format_label,
            if args.session.is_some() {
                "the"
            } else {
                "a new"
            },
            session.title,
            session.held_on,
            done.session_id,
            plural(done.turns as usize, "turn", "turns")
        ),
    )?;
    for p in &plan {
        let label = if p.label.is_empty() {
            "(no speaker named)"
        } else {
            p.label.as_str()
        };
        print(out, &format!("  {label} {}", p.words()))?;
    }
    let names: Vec<&str> = done.participants.iter().map(|p| p.name.as_str()).collect();
    print(
        out,
        &format!(
            "Participants: {}.",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        ),
    )?;
    let added: Vec<&str> = plan
        .iter()
        .filter_map(|p| p.new_person.as_deref())
        .collect();
    if done.people_added > 0 {
        print(
            out,
            &format!(
                "{} added to People: {}.",
                plural(done.people_added as usize, "person", "people"),
                added.join(", ")
            ),
        )?;
    }
    Ok(())
}

fn print_transcript_preview(
    out: &mut impl Write,
    p: &groundwork_core::TranscriptPreview,
    plan: &[PlannedSpeaker],
    workspace: bool,
) -> Result<(), Failure> {
    let duration = p.duration_ms.map_or("no times".to_owned(), clock);
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    print(out, &format!("{}, {}.", p.format_label, p.encoding_label))?;
    print(
        out,
        &format!(
            "Duration {duration}, {}, {}.",
            plural(p.turns as usize, "turn", "turns"),
            plural(p.speakers.len(), "speaker", "speakers")
        ),
    )?;
    print(out, "")?;
    let label = |l: &str| {
        if l.is_empty() {
            "(no speaker named)".to_owned()
        } else {
            l.to_owned()
        }
    };
    let width = p
        .speakers
        .iter()
        .map(|s| label(&s.label).chars().count())
        .max()
        .unwrap_or(0);
    for (i, s) in p.speakers.iter().enumerate() {
        let name = label(&s.label);
        let pad = " ".repeat(width - name.chars().count());
        let share = format!(
            "{:.0}% of the words, {}",
            s.share * 100.0,
            plural(s.turns as usize, "turn", "turns")
        );
        let who = plan.get(i).map(PlannedSpeaker::words).unwrap_or_default();
        print(out, format!("{name}{pad}  {share:<28}{who}").trim_end())?;
    }
    if !workspace {
        print(out, "")?;
        print(
            out,
            "No workspace: speakers are not matched to People (name one with --workspace).",
        )?;
    }
    if !p.left_out.is_empty() {
        print(out, "")?;
        print(out, "Left out as not speech:")?;
        for l in &p.left_out {
            print(out, &format!("  line {}: {} ({})", l.line, l.text, l.why))?;
        }
    }
    print(out, "")?;
    print(out, "Nothing was written (dry run).")
}

/// A duration as H:MM:SS.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Imports one wave of a survey export, or (`--dry-run`) reads and checks it and
/// says what an import would do, writing nothing.
fn import_survey(
    store: &Store,
    out: &mut impl Write,
    json: bool,
    args: ImportSurveyArgs,
) -> Result<(), Failure> {
    let (file_name, bytes) = groundwork_core::surveys::survey::read_export(&args.file)?;
    let survey = args.survey.clone().unwrap_or_else(|| {
        let stem = args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        stem.trim().to_owned()
    });
    let mapping = args.mapping.as_deref().map(read_mapping).transpose()?;
    if args.dry_run {
        let preview = store.read(|db| {
            db.preview_survey_import(&file_name, &bytes, Some(&survey), mapping.as_ref())
        })?;
        if json {
            let mut value = serde_json::to_value(&preview)
                .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            value["survey"] = json!(survey);
            value["mapping"] = serde_json::to_value(preview.mapping())
                .map_err(|e| Failure::Refused(IpcError::internal(e)))?;
            return print_json(out, &value, true);
        }
        return print_preview(out, &survey, &preview);
    }
    let cycle_id = match args.cycle {
        Some(name) => Some(cycle_named(store, &name)?),
        None => None,
    };
    let request = WaveImport {
        survey: survey.clone(),
        cycle_id,
        label: args.label,
        mapping,
        bad_rows: if args.skip_bad_rows {
            BadRows::Skip
        } else {
            BadRows::Stop
        },
        again: args.again,
        respondents: Some(args.respondents),
        add_teams: Some(!args.no_new_teams),
    };
    let done =
        store.write(|tx| tx.import_survey_wave(&file_name, &bytes, &request, &mut |_, _| true))?;
    if json {
        let value =
            serde_json::to_value(&done).map_err(|e| Failure::Refused(IpcError::internal(e)))?;
        return print_json(out, &value, true);
    }
    print(
        out,
        &format!(
            "Imported {} as {} of “{}” ({} response{}, dated {}).",
            file_name,
            done.wave.label,
            done.wave.survey,
            done.responses,
            if done.responses == 1 { "" } else { "s" },
            done.wave.held_on
        ),
    )?;
    if done.people_created + done.people_matched + done.teams_created > 0 {
        print(
            out,
            &format!(
                "People: {} new, {} matched by name; {} new team{}.",
                done.people_created,
                done.people_matched,
                done.teams_created,
                if done.teams_created == 1 { "" } else { "s" }
            ),
        )?;
    }
    if done.responses_without_person > 0 {
        print(
            out,
            &format!(
                "{} response{} not linked to anyone in People (counted in the survey only).",
                done.responses_without_person,
                if done.responses_without_person == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        )?;
    }
    for p in &done.skipped {
        print(out, &format!("Left out {p}"))?;
    }
    if !done.new_columns.is_empty() {
        print(
            out,
            &format!(
                "Not imported, as the survey's mapping does not know them yet: {}",
                done.new_columns.join(", ")
            ),
        )?;
    }
    Ok(())
}

fn print_preview(out: &mut impl Write, survey: &str, p: &SurveyPreview) -> Result<(), Failure> {
    print(
        out,
        &format!(
            "{}: {}, {} delimited, {} header row{}, {} response{}.",
            p.file_name,
            p.encoding_label,
            p.delimiter.label(),
            p.header_rows,
            if p.header_rows == 1 { "" } else { "s" },
            p.rows,
            if p.rows == 1 { "" } else { "s" }
        ),
    )?;
    print(
        out,
        &format!(
            "Dates read {}; {} is a decimal mark.",
            if p.day_first {
                "day first (03/04 is 3 April)"
            } else {
                "month first (03/04 is March 4)"
            },
            if p.decimal_comma {
                "the comma"
            } else {
                "the dot"
            }
        ),
    )?;
    print(
        out,
        &format!(
            "Columns ({}):",
            if p.survey_known {
                format!("as “{survey}” remembers them")
            } else {
                "guessed; pass --mapping FILE to say otherwise".to_owned()
            }
        ),
    )?;
    for (i, c) in p.columns.iter().enumerate() {
        let scale = match &c.mapping.scale {
            Some(s) => format!(" {}–{}", s.min, s.max),
            None => String::new(),
        };
        let question = if c.mapping.question.is_empty() {
            String::new()
        } else {
            format!(" of “{}”", c.mapping.question)
        };
        print(
            out,
            &format!(
                "  {:>2}. {:<44} {}{scale}{question}{}",
                i + 1,
                shorten(&c.header, 44),
                c.mapping.kind.as_str(),
                if c.samples.is_empty() {
                    String::new()
                } else {
                    format!("   e.g. {}", c.samples.join(" | "))
                }
            ),
        )?;
    }
    if !p.new_columns.is_empty() {
        print(
            out,
            &format!(
                "New columns (not imported until mapped): {}",
                p.new_columns.join(", ")
            ),
        )?;
    }
    if !p.missing_columns.is_empty() {
        print(
            out,
            &format!(
                "Missing columns (in the survey, not in this file): {}",
                p.missing_columns.join(", ")
            ),
        )?;
    }
    let r = &p.register;
    if r.respondents > 0 {
        print(
            out,
            &format!(
                "Respondents: {}, {} in People; --respondents add would add {}{}.",
                r.respondents,
                r.known,
                r.new_people_count,
                if r.new_people.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({}{})",
                        r.new_people.join(", "),
                        if r.new_people_count as usize > r.new_people.len() {
                            ", …"
                        } else {
                            ""
                        }
                    )
                }
            ),
        )?;
    }
    if r.new_teams_count > 0 {
        print(
            out,
            &format!(
                "Teams not in People (added unless --no-new-teams): {}{}.",
                r.new_teams.join(", "),
                if r.new_teams_count as usize > r.new_teams.len() {
                    ", …"
                } else {
                    ""
                }
            ),
        )?;
    }
    if let Some(d) = &p.duplicate_of {
        print(
            out,
            &format!(
                "These responses were imported already as {} of “{}” ({}).",
                d.label, d.survey, d.held_on
            ),
        )?;
    }
    if p.bad_rows == 0 {
        print(out, "Every row reads.")?;
    } else {
        print(
            out,
            &format!(
                "{} bad row{}:",
                p.bad_rows,
                if p.bad_rows == 1 { "" } else { "s" }
            ),
        )?;
        for problem in &p.problems {
            print(out, &format!("  {problem}"))?;
        }
    }
    for b in &p.blockers {
        print(out, &format!("Cannot import yet: {b}"))?;
    }
    print(out, "Nothing was written (dry run).")
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        text.chars().take(max - 1).collect::<String>() + "…"
    } else {
        text.to_owned()
    }
}
