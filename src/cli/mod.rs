//! Command line: clap types and dispatch, a file per command. Logic lives in the library
//! modules; these files only turn arguments into calls and results into stdout (data) and
//! stderr (warnings).

mod check;
mod export;
pub mod first_run;
mod import;
mod json;
mod kwic;
mod list;
mod parse;
mod search;
mod timeline;

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
  dubao check                                read the whole archive, report damage
  dubao import --rebuild                     make a damaged archive again from its files
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
        #[arg(required_unless_present = "rebuild", value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Issues per commit: fewer lose less work if the import is killed. Without it,
        /// a commit every 200 issues and at most one every 5 seconds.
        #[arg(long, value_name = "N")]
        commit_every: Option<usize>,
        /// Make the archive again from the source files it records, in a new folder
        /// swapped in when done; the old one is kept beside it as DIR.damaged-TIME.
        #[arg(long, conflicts_with = "paths")]
        rebuild: bool,
        /// The paper of files whose front matter, folders and text name none.
        #[arg(long, value_name = "NAME")]
        paper: Option<String>,
    },
    /// Read the whole archive (every file, every document) and report what is damaged;
    /// exits 1 when something is.
    ///
    /// Example: dubao --archive ~/papers check
    Check,
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
        /// The order of the hits.
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
        /// Instead of hits: matching articles per year or month over the archive's span
        /// (or the query's date: range), zeros included, beside all articles of each.
        #[arg(long, value_enum, value_name = "PERIOD")]
        by: Option<ByArg>,
    },
    /// Every occurrence in its context, one a line, the matches lined up (a concordance).
    ///
    /// Example: dubao kwic 改革开放 --sort left --context 12
    Kwic {
        /// The query, as for search; each of its terms' occurrences is a line.
        query: String,
        /// One JSON object per occurrence per line.
        #[arg(long)]
        json: bool,
        /// Most lines; 0 prints every occurrence.
        #[arg(long, default_value_t = 0)]
        limit: usize,
        /// By date, by the context before the match read backwards, or after it.
        #[arg(long, value_enum, default_value_t = KwicSortArg::Date)]
        sort: KwicSortArg,
        /// Characters of context on each side.
        #[arg(long, value_name = "N", default_value_t = archive::concordance::CONTEXT_CHARS)]
        context: usize,
    },
    /// The matching articles (or the bookmarked ones) with their citations, as Markdown,
    /// CSV or JSON lines.
    ///
    /// Example: dubao export 改革开放 --format csv -o 改革开放.csv
    Export {
        /// The query, as for search (or --bookmarks).
        #[arg(required_unless_present = "bookmarks", conflicts_with = "bookmarks")]
        query: Option<String>,
        /// The reader's bookmarks of this archive instead of a query's hits.
        #[arg(long)]
        bookmarks: bool,
        #[arg(long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// Write to this file (replaced whole) instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
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
        /// One JSON object per issue (or missing day) per line.
        #[arg(long)]
        json: bool,
        /// The days each paper has no issue, between its first and last.
        #[arg(long)]
        gaps: bool,
        /// With --gaps: only papers whose name contains this.
        #[arg(long, value_name = "NAME", requires = "gaps")]
        paper: Option<String>,
    },
    /// Segment issue files without an archive: one issue object a line with --json.
    ///
    /// Example: dubao parse assets/sample --json
    Parse(parse::Args),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for archive::Sort {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Relevance => archive::Sort::Relevance,
            SortArg::Newest => archive::Sort::Newest,
            SortArg::Oldest => archive::Sort::Oldest,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KwicSortArg {
    Date,
    Left,
    Right,
}

impl From<KwicSortArg> for archive::concordance::KwicSort {
    fn from(s: KwicSortArg) -> Self {
        match s {
            KwicSortArg::Date => archive::concordance::KwicSort::Date,
            KwicSortArg::Left => archive::concordance::KwicSort::Left,
            KwicSortArg::Right => archive::concordance::KwicSort::Right,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Md,
    Csv,
    Jsonl,
}

impl From<FormatArg> for archive::export::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Md => archive::export::Format::Markdown,
            FormatArg::Csv => archive::export::Format::Csv,
            FormatArg::Jsonl => archive::export::Format::Jsonl,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    Year,
    Month,
}

impl From<ByArg> for archive::timeline::Period {
    fn from(b: ByArg) -> Self {
        match b {
            ByArg::Year => archive::timeline::Period::Year,
            ByArg::Month => archive::timeline::Period::Month,
        }
    }
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let (config, config_path, problems) = crate::config::settings::load();
    // Colour and key names are the reader's to check; every command reports them, so a
    // typo shows the first time the file is used at all.
    let (resolved, more) = crate::tui::settings::resolve(&config.theme, &config.keys);
    let place = config_path
        .as_ref()
        .map_or_else(|| "config".to_owned(), |p| p.display().to_string());
    let warnings: Vec<String> = problems
        .iter()
        .chain(&more)
        .map(|w| match w.line {
            0 => format!("{place}: {}", w.what),
            n => format!("{place}:{n}: {}", w.what),
        })
        .collect();
    let tui = cli.command.is_none();
    if !tui {
        for w in &warnings {
            eprintln!("warning: {}", safe(&w.to_string()));
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
            rebuild: true,
            commit_every,
            ..
        }) => import::rebuild(&archive_dir(cli.archive)?, commit_every),
        Some(Command::Import {
            paths,
            commit_every,
            paper,
            ..
        }) => import::run(&archive_dir(cli.archive)?, &paths, commit_every, paper),
        Some(Command::Check) => check::run(&archive_dir(cli.archive)?),
        Some(Command::Search {
            query,
            queries_file,
            limit,
            json,
            sort,
            by,
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
            let args = search::Args {
                limit,
                json,
                sort: sort.into(),
                by: by.map(Into::into),
            };
            search::run(&archive, &queries, args)
        }
        Some(Command::Kwic {
            query,
            json,
            limit,
            sort,
            context,
        }) => {
            let parsed = archive::query::parse(&query)
                .with_context(|| format!("{}: cannot search this", safe(&query)))?;
            let library = archive::library::LocalLibrary::open(&archive_dir(cli.archive)?)?;
            let args = kwic::Args {
                limit,
                json,
                sort: sort.into(),
                context,
                ambiguous_wide: cli.ambiguous_wide || config.ambiguous_wide,
            };
            kwic::run(&library, &query, &parsed, args)
        }
        Some(Command::Export {
            query,
            bookmarks,
            format,
            output,
        }) => {
            let dir = archive_dir(cli.archive)?;
            let library = archive::library::LocalLibrary::open(&dir)?;
            let what = match (&query, bookmarks) {
                (Some(text), false) => export::What::Query { text },
                _ => export::What::Bookmarks {
                    state_file: crate::config::state::path_for(&dir),
                    archive_dir: &dir,
                },
            };
            export::run(&library, what, format.into(), output.as_deref())
        }
        Some(Command::List { json, gaps, paper }) => {
            let archive = Archive::open(&archive_dir(cli.archive)?)?;
            if gaps {
                list::run_gaps(&archive, paper.as_deref(), json)
            } else {
                list::run(&archive, json)
            }
        }
        Some(Command::Config { path, default }) => {
            if default {
                print!(
                    "{}\n{}",
                    crate::config::DEFAULT_CONFIG,
                    crate::tui::keys::default_config_section()
                );
            } else {
                let p =
                    crate::config::config_path().context("no home directory for a config file")?;
                let note = if path || p.exists() {
                    ""
                } else {
                    " (not created yet)"
                };
                println!("{}{note}", safe_path(&p));
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
            // Refuse a missing or foreign archive before taking over the screen, with the
            // reason; the index itself opens on the reader's loader thread.
            archive::check_dir(&archive_dir)?;
            let state_path = crate::config::state::path_for(&archive_dir);
            let dir = archive_dir.clone();
            crate::tui::runtime::run(crate::tui::runtime::Options {
                open: Box::new(move || archive::library::open_local(dir)),
                export_dir: crate::config::data_dir().map(|d| d.join("exports")),
                archive_dir,
                resolved,
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
    eprintln!("warning: {}: {}", safe(source), safe(what));
}

/// Text from an issue, an archive or a file name, as it is safe to print: escape
/// sequences and control characters become pictures (`␛`, `␇`, `␦`), as in the reader,
/// so a hostile file cannot set the clipboard or the window title of whoever searches it.
/// Applied on a pipe too: a pipe often ends in a terminal (`dubao search … | head`).
/// `--json` output needs none of this: serde_json escapes every control character.
pub(crate) fn safe(text: &str) -> String {
    crate::text::sanitize(text)
}

pub(crate) fn safe_path(path: &std::path::Path) -> String {
    safe(&path.to_string_lossy())
}

/// The error that ends a command, for stderr: one line per cause, each cause said once
/// (an error that quotes its source, as tantivy's and ours often do, is not followed by
/// the same text again), every line safe to print.
/// Whether the error is stdout's reader having gone (a pipe closed by `head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn error_report(err: &anyhow::Error) -> String {
    let mut lines: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if lines.iter().any(|l| l.contains(&text)) {
            continue;
        }
        lines.push(text);
    }
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let prefix = if i == 0 { "error: " } else { "\n  because: " };
        out.push_str(prefix);
        // A cause may span lines of its own (clap's, a parser's); each stays one.
        let line: Vec<String> = line.lines().map(safe).collect();
        out.push_str(&line.join("\n  "));
    }
    out
}
