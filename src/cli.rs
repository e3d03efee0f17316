//! Command line: clap types and dispatch. Logic lives in the library modules; this file
//! only turns arguments into calls and results into stdout (data) and stderr (warnings).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::archive::{self, Archive, ImportEvent, SearchOptions, import::Outcome};
use crate::config::first_run;
use crate::ingest::{self, Issue};
use crate::tui::view::plural;

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
    Parse {
        /// Files, or folders walked for .txt and .md files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// One JSON object per issue per line (see DESIGN.md).
        #[arg(long)]
        json: bool,
    },
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
        Some(Command::Parse { paths, json }) => parse(&paths, json),
        Some(Command::Import {
            paths,
            commit_every,
        }) => import(&archive_dir(cli.archive)?, &paths, commit_every),
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
            search(&archive, &queries, limit, json)
        }
        Some(Command::List { json }) => list(&Archive::open(&archive_dir(cli.archive)?)?, json),
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

fn import(dir: &std::path::Path, paths: &[PathBuf], commit_every: usize) -> Result<ExitCode> {
    let archive = Archive::open_or_create(dir)?;
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} issues {msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let opts = archive::ImportOptions {
        issues_per_commit: commit_every,
    };
    let report = archive.import(paths, &opts, &mut |event| match event {
        ImportEvent::Started { files } => bar.set_length(files as u64),
        ImportEvent::Issue {
            path,
            outcome,
            warnings,
        } => {
            if outcome != Outcome::Unchanged {
                bar.suspend(|| {
                    for w in warnings {
                        warn(&path.display().to_string(), w);
                    }
                });
            }
            bar.inc(1);
        }
        ImportEvent::Failed(e) => {
            bar.suspend(|| eprintln!("warning: {e}"));
            bar.inc(1);
        }
        ImportEvent::Committed { .. } => {}
    })?;
    bar.finish_and_clear();
    eprintln!("imported into {}: {report}", dir.display());
    let nothing = report.added + report.replaced + report.unchanged == 0;
    Ok(if nothing && report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn search(archive: &Archive, queries: &[String], limit: usize, json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let bold = !json && io::stdout().is_terminal();
    let mut failed = 0;
    for text in queries {
        let query = match archive::query::parse(text) {
            Ok(q) => q,
            Err(e) => {
                eprintln!("error: {text}: {e}");
                failed += 1;
                continue;
            }
        };
        let opts = SearchOptions {
            limit,
            ..SearchOptions::default()
        };
        let results = archive.search(&query, &opts)?;
        if !json {
            writeln!(out, "{} for {text}", plural(results.total, "hit"))?;
        }
        for hit in &results.hits {
            if json {
                let line = serde_json::json!({
                    "query": text,
                    "source": hit.source,
                    "issue": hit.issue,
                    "article": hit.article,
                    "date": hit.date,
                    "paper": hit.paper,
                    "title": hit.title,
                    "snippet": hit.snippet.text,
                    "highlights": hit.snippet.highlights,
                });
                serde_json::to_writer(&mut out, &line)?;
                writeln!(out)?;
            } else {
                let date = hit
                    .date
                    .map_or_else(|| "????-??-??".to_owned(), |d| d.to_string());
                let mark = if hit.title_derived { "~" } else { "" };
                writeln!(
                    out,
                    "{date}  {}  {mark}{}",
                    hit.paper.as_deref().unwrap_or("-"),
                    hit.title
                )?;
                writeln!(out, "    {}", emphasise(&hit.snippet, bold))?;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 && failed == queries.len() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The snippet with its matches in bold (or in 【】 when stdout is not a terminal).
fn emphasise(snippet: &archive::snippet::Snippet, terminal: bool) -> String {
    let (on, off) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let chars: Vec<char> = snippet.text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for [from, to] in &snippet.highlights {
        for m in marked.iter_mut().take(*to).skip(*from) {
            *m = true;
        }
    }
    let mut out = String::new();
    let mut inside = false;
    for (c, m) in chars.iter().zip(&marked) {
        if *m != inside {
            out.push_str(if *m { on } else { off });
            inside = *m;
        }
        out.push(*c);
    }
    if inside {
        out.push_str(off);
    }
    out
}

fn list(archive: &Archive, json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for issue in archive.issues()? {
        if json {
            let line = serde_json::json!({
                "issue": issue.id,
                "source": issue.source,
                "date": issue.date,
                "date_inferred": issue.date_inferred,
                "paper": issue.paper,
                "script": issue.script,
                "articles": issue.articles,
            });
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            let date = issue
                .date
                .map_or_else(|| "no date   ".to_owned(), |d| d.to_string());
            let inferred = if issue.date_inferred { "~" } else { " " };
            writeln!(
                out,
                "{date}{inferred} {:<10} {:>3} articles  {}",
                issue.paper.as_deref().unwrap_or("-"),
                issue.articles,
                issue.source
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn warn(source: &str, what: &str) {
    eprintln!("warning: {source}: {what}");
}

fn parse(paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut parsed, mut failed) = (0usize, 0usize);
    for input in ingest::collect_inputs(paths) {
        let issue = input.and_then(|path| ingest::parse_file(&path));
        match issue {
            Ok(issue) => {
                for w in &issue.warnings {
                    warn(&issue.source, w);
                }
                if json {
                    serde_json::to_writer(&mut out, &issue)?;
                    writeln!(out)?;
                } else {
                    write_outline(&mut out, &issue)?;
                }
                parsed += 1;
            }
            Err(e) => {
                eprintln!("warning: {e}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    if parsed == 0 {
        eprintln!("error: nothing could be parsed ({failed} file(s) failed)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn write_outline(out: &mut impl Write, issue: &Issue) -> io::Result<()> {
    let date = issue
        .date
        .map(|d| {
            format!(
                "{d}{}",
                if issue.date_inferred {
                    " (inferred)"
                } else {
                    ""
                }
            )
        })
        .unwrap_or_else(|| "no date".into());
    let bold = io::stdout().is_terminal();
    let (b, r) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    writeln!(
        out,
        "{b}{}{r}  {}  {}  {}  {} articles",
        issue.source,
        issue.paper.as_deref().unwrap_or("paper unknown"),
        date,
        issue.script.as_str(),
        issue.articles.len()
    )?;
    for (i, a) in issue.articles.iter().enumerate() {
        let t = a.display_title();
        let mark = if t.derived { "~" } else { "" };
        let paragraphs = a.paragraphs().count();
        let sections = a.sections.iter().filter(|s| s.heading.is_some()).count();
        let mut counts = vec![plural(paragraphs, "paragraph")];
        if sections > 0 {
            counts.push(plural(sections, "section"));
        }
        if !a.captions.is_empty() {
            counts.push(plural(a.captions.len(), "caption"));
        }
        writeln!(
            out,
            "  {:>3}. {mark}{}  ({})",
            i + 1,
            t.text,
            counts.join(", ")
        )?;
    }
    for w in &issue.warnings {
        writeln!(out, "  warning: {w}")?;
    }
    Ok(())
}
