//! `config.toml`: the archive's place, colours, ambiguous width, key overrides, the default
//! search scope. Each unknown key or bad value is a warning naming its line; the rest of
//! the file still applies.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub archive: Option<PathBuf>,
    pub ambiguous_wide: bool,
    /// Indent paragraphs by two characters where the source has no indent.
    pub indent: bool,
    /// Search "this issue" rather than the whole archive when `/` is pressed in an issue.
    pub search_this_issue: bool,
    pub theme: ThemeConfig,
    /// `[keys]` overrides as written; the reader resolves the names against its key table.
    pub keys: Vec<KeySetting>,
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

/// A value as written in the file, with its line for warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<T> {
    pub value: T,
    pub line: usize,
}

/// Named styles as written (colour names); `None` keeps the built-in colour. The reader
/// turns the names into colours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeConfig {
    pub monochrome: bool,
    pub accent: Option<Written<String>>,
    pub highlight: Option<Written<String>>,
    pub heading: Option<Written<String>>,
    pub kicker: Option<Written<String>>,
    pub caption: Option<Written<String>>,
    pub status: Option<Written<String>>,
}

/// One line of `[keys]`: an action's name and the keys it should have, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// Something in the config file that could not be used; the rest still applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// 1-based; 0 when the problem is the file as a whole.
    pub line: usize,
    pub what: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.what)
        } else {
            write!(f, "line {}: {}", self.line, self.what)
        }
    }
}

/// What `dubao config --default` prints before the reader's `[keys]` part (which the
/// key table writes): every setting, commented out at its default.
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
"#;

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
/// Colour names and key names are checked by the reader, which owns what they mean.
pub fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].lines().count().max(1)
            });
            warnings.push(ConfigWarning {
                line,
                what: format!("{} (the whole file is ignored)", e.message()),
            });
            return (config, warnings);
        }
    };
    let mut warn = |section: &str, key: &str, what: String| {
        warnings.push(ConfigWarning {
            line: line_of(text, section, key),
            what,
        });
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
                theme(text, t, &mut config.theme, &mut |k, w| warn("theme", k, w))
            }
            ("keys", toml::Value::Table(t)) => {
                config.keys = key_overrides(text, t, &mut |k, w| warn("keys", k, w));
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

fn theme(text: &str, t: &toml::Table, out: &mut ThemeConfig, warn: &mut dyn FnMut(&str, String)) {
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
        match value.as_str() {
            Some(name) => {
                *slot = Some(Written {
                    value: name.to_owned(),
                    line: line_of(text, "theme", key),
                })
            }
            None => warn(
                key,
                format!("theme.{key} = {value} is not a colour name (the default is used)"),
            ),
        }
    }
}

fn key_overrides(
    text: &str,
    t: &toml::Table,
    warn: &mut dyn FnMut(&str, String),
) -> Vec<KeySetting> {
    let mut out = Vec::new();
    for (name, value) in t {
        let keys: Option<Vec<String>> = match value {
            toml::Value::String(s) => Some(vec![s.clone()]),
            toml::Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => None,
        };
        match keys {
            Some(keys) if !keys.is_empty() => out.push(KeySetting {
                action: name.clone(),
                keys,
                line: line_of(text, "keys", name),
            }),
            _ => warn(
                name,
                format!("{name} = {value} is not a key or list of keys (the default is kept)"),
            ),
        }
    }
    out
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The config file's settings, where it is, and the warnings its lines gave.
pub fn load() -> (Config, Option<PathBuf>, Vec<ConfigWarning>) {
    let Some(path) = super::config_path() else {
        return (Config::default(), None, Vec::new());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (config, warnings) = parse(&text);
            (config, Some(path), warnings)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (Config::default(), Some(path), Vec::new())
        }
        Err(e) => (
            Config::default(),
            Some(path),
            vec![ConfigWarning {
                line: 0,
                what: format!("cannot read ({e}); defaults used"),
            }],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            c.theme.highlight,
            Some(Written {
                value: "light-red".into(),
                line: 5
            })
        );
        assert_eq!(
            c.keys,
            [KeySetting {
                action: "quit".into(),
                keys: vec!["x".into(), "ctrl-q".into()],
                line: 8
            }]
        );
    }

    #[test]
    fn a_bad_value_is_a_warning_naming_its_line_and_the_rest_applies() {
        let text = "ambiguous_wide = true\nsearch_scope = \"everywhere\"\ncolour = 3\n[theme]\naccent = 7\n[keys]\nquit = 3\nnext_issue = \"n\"\n";
        let (c, w) = parse(text);
        assert!(c.ambiguous_wide, "the good line still applies");
        assert_eq!(
            c.keys.len(),
            1,
            "next_issue is kept for the reader to check"
        );
        let lines: Vec<String> = w.iter().map(ToString::to_string).collect();
        for (line, word) in [
            (2, "search_scope"),
            (3, "colour"),
            (5, "accent"),
            (7, "quit"),
        ] {
            assert!(
                lines
                    .iter()
                    .any(|w| w.starts_with(&format!("line {line}:")) && w.contains(word)),
                "{lines:?}"
            );
        }
        assert_eq!(w.len(), 4);
    }

    #[test]
    fn broken_toml_is_one_warning_and_defaults() {
        let (c, w) = parse("ambiguous_wide = true\n[theme\n");
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 2, "{w:?}");
    }
}
