//! The user's own `git`, run as a program on the clone: their configuration and
//! credentials (ssh agent, credential helper) serve, so Groundwork stores no secret,
//! and it never waits at a prompt (there is no terminal to answer it).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use thiserror::Error;

/// Why git did not do what was asked.
#[derive(Debug, Error)]
pub enum GitError {
    #[error("git is not installed (or not on the PATH): sharing a workspace needs git")]
    Missing,
    #[error("could not reach the repository: {detail}")]
    Unreachable { detail: String },
    #[error("git {command} failed: {detail}")]
    Failed { command: String, detail: String },
}

/// A clone, worked on by the `git` program.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// Who commits, when git does not know the user.
    identity: Option<(String, String)>,
}

/// What git says when the repository cannot be reached (offline, wrong address, no
/// access): the work is kept and waits.
fn unreachable(stderr: &str) -> bool {
    const SIGNS: &[&str] = &[
        "Could not resolve host",
        "unable to access",
        "Could not read from remote repository",
        "does not appear to be a git repository",
        "Connection refused",
        "Connection timed out",
        "Network is unreachable",
        "not found",
        "Authentication failed",
        "Permission denied",
    ];
    SIGNS.iter().any(|s| stderr.contains(s))
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            identity: None,
        }
    }

    /// The same clone, committing as `name` and `email`.
    pub fn with_identity(&self, name: &str, email: &str) -> Self {
        Self {
            dir: self.dir.clone(),
            identity: Some((name.into(), email.into())),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.dir)
            // Records are written with LF and read back byte for byte.
            .args(["-c", "core.autocrlf=false", "-c", "core.quotepath=off"])
            .env("GIT_TERMINAL_PROMPT", "0")
            // Paths are record files, never patterns.
            .env("GIT_LITERAL_PATHSPECS", "1")
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((name, email)) = &self.identity {
            for who in ["AUTHOR", "COMMITTER"] {
                command
                    .env(format!("GIT_{who}_NAME"), name)
                    .env(format!("GIT_{who}_EMAIL"), email);
            }
        }
        command
    }

    /// Runs git with `args` and gives its output.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let output = self.command().args(args).output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                GitError::Missing
            } else {
                failed(args, e.to_string())
            }
        })?;
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        if !output.status.success() {
            let network = matches!(
                args.first(),
                Some(&"fetch" | &"push" | &"clone" | &"ls-remote")
            );
            return Err(if network && unreachable(&stderr) {
                GitError::Unreachable { detail: stderr }
            } else {
                failed(args, stderr)
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Stages exactly `paths` as the working tree has them: added, changed, or gone.
    pub fn stage(&self, paths: &[String]) -> Result<(), GitError> {
        if paths.is_empty() {
            return Ok(());
        }
        let input: Vec<u8> = paths
            .iter()
            .flat_map(|p| p.bytes().chain(std::iter::once(0)))
            .collect();
        self.batch_args(
            &["update-index", "--add", "--remove", "-z", "--stdin"],
            input,
        )?;
        Ok(())
    }

    /// A revision's commit id, or `None` when there is none (an empty repository).
    pub fn commit_of(&self, rev: &str) -> Result<Option<String>, GitError> {
        let spec = format!("{rev}^{{commit}}");
        match self.run(&["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(id) => Ok(Some(id.trim().to_owned())),
            Err(GitError::Failed { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether `ancestor` is `rev` or behind it.
    pub fn is_ancestor(&self, ancestor: &str, rev: &str) -> Result<bool, GitError> {
        match self.run(&["merge-base", "--is-ancestor", ancestor, rev]) {
            Ok(_) => Ok(true),
            Err(GitError::Failed { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The paths that differ between two trees (a commit, or the index with `--cached`),
    /// each with git's letter for what happened (A, M, D).
    pub fn changed(&self, args: &[&str]) -> Result<Vec<(char, String)>, GitError> {
        let mut all = vec!["diff", "--name-status", "-z", "--no-renames"];
        all.extend_from_slice(args);
        let out = self.run(&all)?;
        let mut parts = out.split('\0').filter(|p| !p.is_empty());
        let mut changes = Vec::new();
        while let (Some(status), Some(path)) = (parts.next(), parts.next()) {
            changes.push((status.chars().next().unwrap_or('M'), path.to_owned()));
        }
        Ok(changes)
    }

    /// Every file of a commit's tree.
    pub fn files(&self, rev: &str) -> Result<Vec<String>, GitError> {
        let out = self.run(&["ls-tree", "-r", "-z", "--name-only", rev])?;
        Ok(out
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// Feeds `specs` to `git cat-file` with `mode` and gives its whole answer.
    fn batch(&self, mode: &str, specs: &[String]) -> Result<Vec<u8>, GitError> {
        let input: String = specs.iter().map(|s| format!("{s}\n")).collect();
        self.batch_args(&["cat-file", mode], input.into_bytes())
    }

    /// Runs git with `args`, `input` on its stdin, and gives its whole output.
    fn batch_args(&self, args: &[&str], input: Vec<u8>) -> Result<Vec<u8>, GitError> {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| failed(args, e.to_string()))?;
        let mut stdin = child.stdin.take();
        // Written from its own thread: git answers while it reads, and a pipe is small.
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(&input);
            }
        });
        let mut out = Vec::new();
        if let Some(mut stdout) = child.stdout.take() {
            stdout
                .read_to_end(&mut out)
                .map_err(|e| failed(args, e.to_string()))?;
        }
        let _ = writer.join();
        let status = child.wait().map_err(|e| failed(args, e.to_string()))?;
        if !status.success() {
            let mut detail = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = stderr.read_to_string(&mut detail);
            }
            return Err(failed(args, detail.trim().to_owned()));
        }
        Ok(out)
    }

    /// The bytes of each `rev:path` asked (`None`: no such file there). A file larger
    /// than `max` is refused before it is read.
    pub fn contents(&self, specs: &[String], max: u64) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        let sizes = String::from_utf8_lossy(&self.batch("--batch-check", specs)?).into_owned();
        for (spec, line) in specs.iter().zip(sizes.lines()) {
            let size = line.rsplit(' ').next().and_then(|s| s.parse::<u64>().ok());
            if size.is_some_and(|s| s > max) && !line.ends_with("missing") {
                return Err(failed(
                    &["cat-file"],
                    format!("{spec} is larger than any record Groundwork writes"),
                ));
            }
        }
        let out = self.batch("--batch", specs)?;
        let mut at = 0;
        let mut found = Vec::with_capacity(specs.len());
        for spec in specs {
            let end = out[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map(|i| at + i)
                .ok_or_else(|| failed(&["cat-file"], format!("no answer for {spec}")))?;
            let header = String::from_utf8_lossy(&out[at..end]).into_owned();
            at = end + 1;
            if header.ends_with(" missing") || header.ends_with(" ambiguous") {
                found.push(None);
                continue;
            }
            let mut words = header.split(' ');
            let (_, kind, size) = (words.next(), words.next(), words.next());
            let size: usize = size
                .and_then(|s| s.parse().ok())
                .filter(|s| at + s <= out.len())
                .ok_or_else(|| failed(&["cat-file"], format!("unreadable answer {header}")))?;
            found.push((kind == Some("blob")).then(|| out[at..at + size].to_vec()));
            at += size + 1;
        }
        Ok(found)
    }
}

fn failed(args: &[&str], detail: String) -> GitError {
    GitError::Failed {
        command: args.first().copied().unwrap_or("").to_owned(),
        detail,
    }
}
