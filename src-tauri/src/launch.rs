//! How the app was started: which workspace to open, from the command line or the
//! environment. Tests and people who keep workspaces in a synced folder use these.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Instant, SystemTime};

/// The environment variable naming a workspace file to open.
pub use groundwork_api::paths::WORKSPACE_ENV;

/// Printed for `--help`.
pub const USAGE: &str = "Groundwork — discovery to roadmap for platform teams

Usage: groundwork [--workspace <file>]

  --workspace <file>   open this workspace file (created if it does not exist)
                       instead of the default one in the app-data folder.
                       The environment variable GROUNDWORK_WORKSPACE does the same;
                       the flag wins when both are given.
  --help               print this help";

/// Start-up settings.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The workspace to open instead of the default.
    pub workspace: Option<PathBuf>,
    pub help: bool,
    /// When the process started, for the start-up figure.
    pub started: Instant,
    pub started_wall: SystemTime,
}

impl Launch {
    /// Reads the flags, then the environment.
    pub fn from_env(args: impl IntoIterator<Item = OsString>) -> Result<Self, String> {
        let env = std::env::var_os(WORKSPACE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        Self::parse(args, env)
    }

    fn parse(
        args: impl IntoIterator<Item = OsString>,
        env: Option<PathBuf>,
    ) -> Result<Self, String> {
        let mut launch = Launch {
            workspace: None,
            help: false,
            started: Instant::now(),
            started_wall: SystemTime::now(),
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if text == "--workspace" {
                let path = args
                    .next()
                    .ok_or("--workspace needs a file path after it")?;
                launch.workspace = Some(PathBuf::from(path));
            } else if let Some(path) = text.strip_prefix("--workspace=") {
                launch.workspace = Some(PathBuf::from(path));
            } else if text == "--help" || text == "-h" {
                launch.help = true;
            } else if text.starts_with("-psn_") {
                // macOS adds a process serial number when launched from Finder.
            } else {
                return Err(format!("unknown argument {text:?}\n\n{USAGE}"));
            }
        }
        if launch.workspace.is_none() {
            launch.workspace = env;
        }
        Ok(launch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: Option<&str>) -> Result<Launch, String> {
        Launch::parse(args.iter().map(OsString::from), env.map(PathBuf::from))
    }

    #[test]
    fn the_workspace_flag_names_the_file_to_open() {
        assert_eq!(
            parse(&["--workspace", "/tmp/a.groundwork"], None)
                .expect("ok")
                .workspace,
            Some("/tmp/a.groundwork".into())
        );
        assert_eq!(
            parse(&["--workspace=/tmp/b.groundwork"], None)
                .expect("ok")
                .workspace,
            Some("/tmp/b.groundwork".into())
        );
    }

    #[test]
    fn the_environment_names_the_workspace_when_no_flag_does() {
        assert_eq!(
            parse(&[], Some("/env.groundwork")).expect("ok").workspace,
            Some("/env.groundwork".into())
        );
        assert_eq!(
            parse(
                &["--workspace", "/flag.groundwork"],
                Some("/env.groundwork")
            )
            .expect("ok")
            .workspace,
            Some("/flag.groundwork".into())
        );
    }

    #[test]
    fn a_flag_without_its_path_or_an_unknown_flag_is_an_error() {
        assert!(parse(&["--workspace"], None).is_err());
        assert!(parse(&["--frobnicate"], None)
            .expect_err("unknown")
            .contains("unknown argument"));
    }
}
