//! The config file's reader settings made real: colour names become colours, `[keys]`
//! names are checked against the key table. `config` only keeps what was written (it knows
//! nothing of the reader); what a name means is decided here, where it is used.

use ratatui::style::Color;

use super::keys::{self, KeyMap};
use super::view::theme::Palette;
use crate::config::settings::{ConfigWarning, KeySetting, ThemeConfig, Written};

/// What the config asks of the reader, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub palette: Palette,
    pub keymap: KeyMap,
}

/// Applies the config's `[theme]` and `[keys]` to the defaults. Every name that means
/// nothing is a warning naming its line; the rest applies.
pub fn resolve(theme: &ThemeConfig, key_settings: &[KeySetting]) -> (Resolved, Vec<ConfigWarning>) {
    let mut warnings = Vec::new();
    let mut palette = Palette::default();
    for (name, slot, written) in [
        ("accent", &mut palette.accent, &theme.accent),
        ("highlight", &mut palette.highlight, &theme.highlight),
        ("heading", &mut palette.heading, &theme.heading),
        ("kicker", &mut palette.kicker, &theme.kicker),
        ("caption", &mut palette.caption, &theme.caption),
        ("status", &mut palette.status, &theme.status),
    ] {
        let Some(Written { value, line }) = written else {
            continue;
        };
        match colour(value) {
            Some(c) => *slot = c,
            None => warnings.push(ConfigWarning {
                line: *line,
                what: format!(
                    "theme.{name} = {value:?} is not a colour name (the default is used)"
                ),
            }),
        }
    }
    let mut keymap = KeyMap::default();
    for setting in key_settings {
        let Some(action) = keys::action_named(&setting.action) else {
            warnings.push(ConfigWarning {
                line: setting.line,
                what: format!(
                    "unknown action {:?} in [keys] (ignored; `dubao config --default` lists them)",
                    setting.action
                ),
            });
            continue;
        };
        let bindings: Option<Vec<keys::Binding>> = setting
            .keys
            .iter()
            .map(|k| keys::parse_binding(k))
            .collect();
        match bindings {
            Some(b) if !b.is_empty() => keymap.rebind(action, b),
            _ => warnings.push(ConfigWarning {
                line: setting.line,
                what: format!(
                    "{} = {:?} is not a key or list of keys (the default is kept)",
                    setting.action, setting.keys
                ),
            }),
        }
    }
    (Resolved { palette, keymap }, warnings)
}

/// The 16 colours every terminal has, by name.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::parse;
    use crate::tui::keys::{Action, KeyScope};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn names_become_colours_and_keys() {
        let (config, w) = parse(
            "[theme]\nhighlight = \"light-red\"\n[keys]\nquit = [\"x\", \"ctrl-q\"]\nbookmarks_delete = \"x\"\n",
        );
        assert!(w.is_empty());
        let (r, w) = resolve(&config.theme, &config.keys);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.palette.highlight, Color::LightRed);
        assert_eq!(r.palette.accent, Palette::default().accent);
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            r.keymap.action_in(KeyScope::Panes, &press('x')),
            Some(Action::Quit)
        );
        assert_eq!(
            r.keymap.action_in(KeyScope::Bookmarks, &press('x')),
            Some(Action::BookmarksDelete),
            "an overlay key is rebound like any other"
        );
        assert_eq!(r.keymap.action_in(KeyScope::Bookmarks, &press('d')), None);
    }

    #[test]
    fn names_that_mean_nothing_are_warnings_on_their_lines() {
        let (config, _) = parse(
            "[theme]\naccent = \"chartreuse\"\n[keys]\nexplode = \"x\"\nquit = \"ctrl-\"\nnext_issue = \"n\"\n",
        );
        let (r, w) = resolve(&config.theme, &config.keys);
        let lines: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with("line 2:") && lines[0].contains("chartreuse"));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("line 4:") && l.contains("explode"))
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("line 5:") && l.contains("quit"))
        );
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            r.keymap.action_in(KeyScope::Panes, &press('n')),
            Some(Action::NextIssue),
            "the good line applies"
        );
        assert_eq!(
            r.keymap.action_in(KeyScope::Panes, &press('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn the_default_config_file_resolves_without_warnings() {
        let text = format!(
            "{}\n{}",
            crate::config::DEFAULT_CONFIG,
            keys::default_config_section()
        );
        let (config, w) = parse(&text);
        assert!(w.is_empty(), "{w:?}");
        let (r, w) = resolve(&config.theme, &config.keys);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.keymap, KeyMap::default());
    }
}
