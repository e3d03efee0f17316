//! `config.toml`: the archive's place, colours, ambiguous width, key overrides, the default
//! search scope. Each unknown key or bad value is a warning naming its line; the rest of
//! the file still applies.

use std::path::PathBuf;

use ratatui::style::Color;

use crate::tui::keys::{self, Action, Binding};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub archive: Option<PathBuf>,
    pub ambiguous_wide: bool,
    /// Indent paragraphs by two characters where the source has no indent.
    pub indent: bool,
    /// Search "this issue" rather than the whole archive when `/` is pressed in an issue.
    pub search_this_issue: bool,
    pub theme: ThemeConfig,
    pub keys: Vec<(Action, Vec<Binding>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            archive: None,
            ambiguous_wide: false,
            indent: true,
            search_this_issue: false,
            theme: ThemeConfig::default(),
            keys: Vec::new(),
        }
    }
}

/// Named styles; `None` keeps the built-in colour.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeConfig {
    pub monochrome: bool,
    pub accent: Option<Color>,
    pub highlight: Option<Color>,
    pub heading: Option<Color>,
    pub kicker: Option<Color>,
    pub caption: Option<Color>,
    pub status: Option<Color>,
}

/// What `dubao config --default` prints: every setting, commented out at its default.
pub const DEFAULT_CONFIG: &str = r#"# dubao configuration. Lines starting with # are comments; uncomment to change.
# The file lives where `dubao config --path` says (DUBAO_CONFIG_DIR overrides).

# The archive opened by `dubao` and used by import/search/list when --archive and
# DUBAO_ARCHIVE are not given. Default: the data directory's "archive".
# archive = "/srv/papers/archive"

# Count East Asian ambiguous characters (“ ” … ·) as two columns, as CJK terminals and
# fonts draw them. Same as --ambiguous-wide.
# ambiguous_wide = false

# Indent paragraphs by two characters where the source has no indent.
# indent = true

# What `/` searches when pressed inside an issue: "archive" or "issue" (Tab toggles).
# search_scope = "archive"

[theme]
# No colours at all (like NO_COLOR): bold, reverse and underline instead.
# monochrome = false
# Colours by name: black red green yellow blue magenta cyan gray darkgray lightred
# lightgreen lightyellow lightblue lightmagenta lightcyan white.
# accent = "cyan"        # focused borders, headings
# highlight = "yellow"   # search matches
# heading = "cyan"
# kicker = "yellow"
# caption = "green"
# status = "blue"        # status line background

[keys]
# Rebind an action to one key or a list of keys: a character, or ctrl-X, alt-X, enter,
# esc, tab, space, up, down, left, right, home, end, pgup, pgdn, delete, f1…f12.
# quit = ["q", "ctrl-c"]
# next_issue = "]"
# prev_issue = "["
# history_back = ["ctrl-o", "alt-left"]
# Actions: down up page_down page_up top bottom open back focus_next prev_issue
# next_issue prev_article next_article jump_to_date search next_match prev_match
# toggle_raw bookmark bookmarks history_back history_forward copy help quit
"#;

fn colour(name: &str) -> Option<Color> {
    Some(
        match name
            .to_ascii_lowercase()
            .replace(['_', '-', ' '], "")
            .as_str()
        {
            "black" => Color::Black,
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" | "grey" => Color::Gray,
            "darkgray" | "darkgrey" => Color::DarkGray,
            "lightred" => Color::LightRed,
            "lightgreen" => Color::LightGreen,
            "lightyellow" => Color::LightYellow,
            "lightblue" => Color::LightBlue,
            "lightmagenta" => Color::LightMagenta,
            "lightcyan" => Color::LightCyan,
            "white" => Color::White,
            _ => return None,
        },
    )
}

/// The 1-based line of `key` inside `[section]` (or at the top when `section` is empty),
/// for warnings; 0 when it cannot be found.
fn line_of(text: &str, section: &str, key: &str) -> usize {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.trim().to_owned();
            continue;
        }
        let Some((k, _)) = t.split_once('=') else {
            continue;
        };
        if current == section && k.trim().trim_matches('"') == key {
            return i + 1;
        }
    }
    0
}

/// Parses config text; never fails: what cannot be used is a warning, the rest applies.
pub fn parse(text: &str) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            });
            warnings.push(format!(
                "line {line}: {} (the whole file is ignored)",
                e.message()
            ));
            return (config, warnings);
        }
    };
    let mut warn = |section: &str, key: &str, what: String| {
        warnings.push(format!("line {}: {what}", line_of(text, section, key)));
    };
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("archive", toml::Value::String(s)) => config.archive = Some(expand_home(s)),
            ("ambiguous_wide", toml::Value::Boolean(b)) => config.ambiguous_wide = *b,
            ("indent", toml::Value::Boolean(b)) => config.indent = *b,
            ("search_scope", toml::Value::String(s)) if s == "archive" || s == "issue" => {
                config.search_this_issue = s == "issue";
            }
            ("theme", toml::Value::Table(t)) => {
                theme(t, &mut config.theme, &mut |k, w| warn("theme", k, w))
            }
            ("keys", toml::Value::Table(t)) => {
                key_overrides(t, &mut config.keys, &mut |k, w| warn("keys", k, w))
            }
            ("archive" | "ambiguous_wide" | "indent" | "search_scope" | "theme" | "keys", v) => {
                warn(
                    "",
                    key,
                    format!("{key} = {v} is not a valid value (the default is used)"),
                );
            }
            _ => warn("", key, format!("unknown setting {key:?} (ignored)")),
        }
    }
    (config, warnings)
}

fn theme(t: &toml::Table, out: &mut ThemeConfig, warn: &mut dyn FnMut(&str, String)) {
    for (key, value) in t {
        if key == "monochrome" {
            match value {
                toml::Value::Boolean(b) => out.monochrome = *b,
                v => warn(
                    key,
                    format!("theme.monochrome = {v} is not true or false (ignored)"),
                ),
            }
            continue;
        }
        let slot = match key.as_str() {
            "accent" => &mut out.accent,
            "highlight" => &mut out.highlight,
            "heading" => &mut out.heading,
            "kicker" => &mut out.kicker,
            "caption" => &mut out.caption,
            "status" => &mut out.status,
            _ => {
                warn(key, format!("unknown theme style {key:?} (ignored)"));
                continue;
            }
        };
        match value.as_str().and_then(colour) {
            Some(c) => *slot = Some(c),
            None => warn(
                key,
                format!("theme.{key} = {value} is not a colour name (the default is used)"),
            ),
        }
    }
}

fn key_overrides(
    t: &toml::Table,
    out: &mut Vec<(Action, Vec<Binding>)>,
    warn: &mut dyn FnMut(&str, String),
) {
    for (name, value) in t {
        let Some(action) = keys::action_named(name) else {
            warn(name, format!("unknown action {name:?} in [keys] (ignored)"));
            continue;
        };
        let texts: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        let bindings: Option<Vec<Binding>> = texts.iter().map(|k| keys::parse_binding(k)).collect();
        match bindings {
            Some(b) if !b.is_empty() => out.push((action, b)),
            _ => warn(
                name,
                format!("{name} = {value} is not a key or list of keys (the default is kept)"),
            ),
        }
    }
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The config file's settings, and the warnings its lines gave ("FILE:LINE: what").
pub fn load() -> (Config, Vec<String>) {
    let Some(path) = super::config_path() else {
        return (Config::default(), Vec::new());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (config, warnings) = parse(&text);
            let named = warnings
                .into_iter()
                .map(|w| format!("{}:{}", path.display(), w.trim_start_matches("line ")))
                .collect();
            (config, named)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![format!(
                "{}: cannot read ({e}); defaults used",
                path.display()
            )],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let (config, warnings) = parse(DEFAULT_CONFIG);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn settings_apply() {
        let (c, w) = parse(
            "archive = \"/srv/a\"\nambiguous_wide = true\nsearch_scope = \"issue\"\n[theme]\nhighlight = \"light-red\"\nmonochrome = true\n[keys]\nquit = [\"x\", \"ctrl-q\"]\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.archive, Some(PathBuf::from("/srv/a")));
        assert!(c.ambiguous_wide && c.search_this_issue && c.theme.monochrome);
        assert_eq!(c.theme.highlight, Some(Color::LightRed));
        assert_eq!(c.keys[0].0, Action::Quit);
        assert_eq!(
            c.keys[0].1[1],
            Binding {
                code: KeyCode::Char('q'),
                modifiers: KeyModifiers::CONTROL
            }
        );
    }

    #[test]
    fn a_bad_value_is_a_warning_naming_its_line_and_the_rest_applies() {
        let text = "ambiguous_wide = true\nsearch_scope = \"everywhere\"\ncolour = 3\n[theme]\naccent = \"chartreuse\"\n[keys]\nexplode = \"x\"\nquit = \"ctrl-\"\nnext_issue = \"n\"\n";
        let (c, w) = parse(text);
        assert!(c.ambiguous_wide, "the good line still applies");
        assert_eq!(c.keys.len(), 1, "next_issue applies");
        assert!(
            w.iter()
                .any(|w| w.starts_with("line 2:") && w.contains("search_scope")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.starts_with("line 3:") && w.contains("colour")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.starts_with("line 5:") && w.contains("chartreuse")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.starts_with("line 7:") && w.contains("explode")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.starts_with("line 8:") && w.contains("quit")),
            "{w:?}"
        );
        assert_eq!(w.len(), 5);
    }

    #[test]
    fn broken_toml_is_one_warning_and_defaults() {
        let (c, w) = parse("ambiguous_wide = true\n[theme\n");
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("line 2:"), "{w:?}");
    }
}
