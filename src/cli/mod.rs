//! Command line: clap types and dispatch, a file per command. Logic lives in the library
//! modules; these files only turn arguments into calls and results into stdout (data) and
//! stderr (warnings).

pub mod first_run;
mod import;
mod list;
mod parse;
mod search;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::archive::{self, Archive};

const EXAMPLES: &str = "\
Examples:
  dubao                                      open the reader (first run: the sample archive)
  dubao --archive ~/papers import ~/scans    add or refresh issues
  dubao search '脱贫 date:2020' --limit 5     search from a script (--json for JSON lines)
  dubao list --json                          the issues in the archive
  dubao parse assets/sample --json           segment files without an archive
  dubao config --default > config.toml       a commented config file
  dubao completions bash > dubao.bash        shell completions";

#[derive(Debug, Parser)]
#[command(
    name = "dubao",
    version,
    about = "读报 — read archives of Chinese newspapers in a terminal",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// The archive folder (default: the data directory; a first run builds the sample).
    #[arg(long, global = true, env = "DUBAO_ARCHIVE", value_name = "DIR")]
    pub archive: Option<PathBuf>,

    /// Count East Asian ambiguous characters (“ ” … ·) as two columns, as CJK terminals
    /// draw them.
    #[arg(long, global = true)]
    pub ambiguous_wide: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or refresh issues (files, or folders of .txt/.md files) in the archive.
    ///
    /// Example: dubao --archive ~/papers import ~/scans/山西日报
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Issues per commit: fewer lose less work if the import is killed.
        #[arg(long, value_name = "N", default_value_t = archive::import::ISSUES_PER_COMMIT)]
        commit_every: usize,
    },
    /// Search the archive (see the query syntax in the README).
    ///
    /// Example: dubao search '脱贫 date:2020' --limit 5
    Search {
        /// The query: terms that must all occur, "…", -term, date:2023-11, paper:NAME.
        #[arg(
            required_unless_present = "queries_file",
            conflicts_with = "queries_file"
        )]
        query: Option<String>,
        /// Run one query a line from this file, in one process.
        #[arg(long, value_name = "FILE")]
        queries_file: Option<PathBuf>,
        /// Most hits per query; 0 prints every hit.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per hit per line.
        #[arg(long)]
        json: bool,
    },
    /// Where the config file is (--path) or a commented default one (--default).
    ///
    /// Example: dubao config --default > "$(dubao config --path)"
    Config {
        /// Print the config file's path.
        #[arg(long, conflicts_with = "default")]
        path: bool,
        /// Print a config file with every setting commented out at its default.
        #[arg(long)]
        default: bool,
    },
    /// Shell completions for bash, zsh, fish, elvish or powershell.
    ///
    /// Example: dubao completions zsh > ~/.zfunc/_dubao
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// List the issues in the archive.
    ///
    /// Example: dubao list --json
    List {
        /// One JSON object per issue per line.
        #[arg(long)]
        json: bool,
    },
    /// Segment issue files without an archive: one issue object a line with --json.
    ///
    /// Example: dubao parse assets/sample --json
    Parse(parse::Args),
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let (config, warnings) = crate::config::settings::load();
    let tui = cli.command.is_none();
    if !tui {
        for w in &warnings {
            eprintln!("warning: {w}");
        }
    }
    let archive_dir = |given: Option<PathBuf>| -> Result<PathBuf> {
        match given.or_else(|| config.archive.clone()) {
            Some(dir) => Ok(dir),
            None => crate::config::default_archive_dir()
                .context("no home directory to keep the archive in; pass --archive DIR"),
        }
    };
    match cli.command {
        Some(Command::Parse(args)) => parse::run(&args),
        Some(Command::Import {
            paths,
            commit_every,
        }) => import::run(&archive_dir(cli.archive)?, &paths, commit_every),
        Some(Command::Search {
            query,
            queries_file,
            limit,
            json,
        }) => {
            let archive = Archive::open(&archive_dir(cli.archive)?)?;
            let queries = match (query, queries_file) {
                (Some(q), _) => vec![q],
                (None, Some(file)) => std::fs::read_to_string(&file)
                    .with_context(|| format!("{}: cannot read the queries file", file.display()))?
                    .lines()
                    .map(str::to_owned)
                    .filter(|l| !l.trim().is_empty())
                    .collect(),
                (None, None) => Vec::new(),
            };
            search::run(&archive, &queries, limit, json)
        }
        Some(Command::List { json }) => {
            list::run(&Archive::open(&archive_dir(cli.archive)?)?, json)
        }
        Some(Command::Config { path, default }) => {
            if default {
                print!("{}", crate::config::DEFAULT_CONFIG);
            } else {
                let p =
                    crate::config::config_path().context("no home directory for a config file")?;
                let note = if path || p.exists() {
                    ""
                } else {
                    " (not created yet)"
                };
                println!("{}{note}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "dubao", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let given = cli.archive.or_else(|| config.archive.clone());
            let (archive_dir, mut greeting) = match given {
                Some(dir) => (dir, None),
                None => first_run::default_archive()?,
            };
            // A config problem is worth more than a greeting: it explains odd behaviour.
            if let Some(w) = warnings.first() {
                let more = if warnings.len() > 1 {
                    format!(" (+{} more)", warnings.len() - 1)
                } else {
                    String::new()
                };
                greeting = Some(format!("config: {w}{more}"));
            }
            let state_path = crate::config::state::path_for(&archive_dir);
            crate::tui::runtime::run(crate::tui::runtime::Options {
                archive_dir,
                greeting,
                ambiguous_wide: cli.ambiguous_wide,
                config,
                state_path,
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn warn(source: &str, what: &str) {
    eprintln!("warning: {source}: {what}");
}
