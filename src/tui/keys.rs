//! The key map: every key the reader knows, with what it does and the line the help
//! shows. Help is built from this table, so the two cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for, apart from which key it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    FocusNext,
    PrevIssue,
    NextIssue,
    PrevArticle,
    NextArticle,
    JumpToDate,
    Search,
    NextMatch,
    PrevMatch,
    ToggleRaw,
    Bookmark,
    Bookmarks,
    HistoryBack,
    HistoryForward,
    Copy,
    Help,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(c: char) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

/// One row of the key map: the keys, the action, the help text.
pub struct Entry {
    pub keys: &'static [Binding],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

pub const KEYMAP: &[Entry] = &[
    Entry {
        keys: &[key('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::Down,
        help: "move down / scroll",
    },
    Entry {
        keys: &[key('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::Up,
        help: "move up / scroll",
    },
    Entry {
        keys: &[code(KeyCode::PageDown), key(' '), ctrl('f'), ctrl('d')],
        label: "PgDn space",
        action: Action::PageDown,
        help: "page down",
    },
    Entry {
        keys: &[code(KeyCode::PageUp), key('b'), ctrl('b'), ctrl('u')],
        label: "PgUp b",
        action: Action::PageUp,
        help: "page up",
    },
    Entry {
        keys: &[key('g'), code(KeyCode::Home)],
        label: "g",
        action: Action::Top,
        help: "top",
    },
    Entry {
        keys: &[key('G'), code(KeyCode::End)],
        label: "G",
        action: Action::Bottom,
        help: "bottom",
    },
    Entry {
        keys: &[code(KeyCode::Enter), key('l'), code(KeyCode::Right)],
        label: "Enter l",
        action: Action::Open,
        help: "open",
    },
    Entry {
        keys: &[code(KeyCode::Esc), key('h'), code(KeyCode::Left)],
        label: "Esc h",
        action: Action::Back,
        help: "back",
    },
    Entry {
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        action: Action::FocusNext,
        help: "next pane",
    },
    Entry {
        keys: &[key('[')],
        label: "[",
        action: Action::PrevIssue,
        help: "previous issue (by date)",
    },
    Entry {
        keys: &[key(']')],
        label: "]",
        action: Action::NextIssue,
        help: "next issue (by date)",
    },
    Entry {
        keys: &[key('{')],
        label: "{",
        action: Action::PrevArticle,
        help: "previous article",
    },
    Entry {
        keys: &[key('}')],
        label: "}",
        action: Action::NextArticle,
        help: "next article",
    },
    Entry {
        keys: &[key(':')],
        label: ":",
        action: Action::JumpToDate,
        help: "jump to a date (:2023-11-20, :2023-11)",
    },
    Entry {
        keys: &[key('/')],
        label: "/",
        action: Action::Search,
        help: "search as you type",
    },
    Entry {
        keys: &[key('n')],
        label: "n",
        action: Action::NextMatch,
        help: "next match in the article",
    },
    Entry {
        keys: &[key('N')],
        label: "N",
        action: Action::PrevMatch,
        help: "previous match in the article",
    },
    Entry {
        keys: &[key('o')],
        label: "o",
        action: Action::ToggleRaw,
        help: "original raw text here, and back",
    },
    Entry {
        keys: &[key('m')],
        label: "m",
        action: Action::Bookmark,
        help: "bookmark this article (again: remove)",
    },
    Entry {
        keys: &[key('\'')],
        label: "'",
        action: Action::Bookmarks,
        help: "list bookmarks",
    },
    Entry {
        keys: &[ctrl('o'), alt(KeyCode::Left)],
        label: "Ctrl-o Alt-←",
        action: Action::HistoryBack,
        help: "back in history",
    },
    Entry {
        keys: &[ctrl('i'), alt(KeyCode::Right)],
        label: "Ctrl-i Alt-→",
        action: Action::HistoryForward,
        help: "forward in history",
    },
    Entry {
        keys: &[key('y')],
        label: "y",
        action: Action::Copy,
        help: "copy the article (OSC 52, works over SSH)",
    },
    Entry {
        keys: &[key('?'), code(KeyCode::F(1))],
        label: "?",
        action: Action::Help,
        help: "this help",
    },
    Entry {
        keys: &[key('q'), ctrl('c')],
        label: "q",
        action: Action::Quit,
        help: "quit",
    },
];

/// Shift is ignored for characters: a terminal reports `G` as shift+G or as plain `G`.
fn normalise(event: &KeyEvent) -> Binding {
    let modifiers = if matches!(event.code, KeyCode::Char(_)) {
        event.modifiers - KeyModifiers::SHIFT
    } else {
        event.modifiers
    };
    Binding {
        code: event.code,
        modifiers,
    }
}

/// The key map in use: the defaults with the config's `[keys]` overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    pub entries: Vec<KeyEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub keys: Vec<Binding>,
    pub label: String,
    pub action: Action,
    pub help: &'static str,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            entries: KEYMAP
                .iter()
                .map(|e| KeyEntry {
                    keys: e.keys.to_vec(),
                    label: e.label.to_owned(),
                    action: e.action,
                    help: e.help,
                })
                .collect(),
        }
    }
}

impl KeyMap {
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        let pressed = normalise(event);
        self.entries
            .iter()
            .find(|e| e.keys.contains(&pressed))
            .map(|e| e.action)
    }

    /// Binds `keys` to `action` instead of its defaults; a key taken from another action
    /// is no longer that action's.
    pub fn rebind(&mut self, action: Action, keys: Vec<Binding>) {
        for e in &mut self.entries {
            e.keys.retain(|k| !keys.contains(k));
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.action == action) {
            e.label = keys
                .iter()
                .map(|k| label_of(*k))
                .collect::<Vec<_>>()
                .join(" ");
            e.keys = keys;
        }
    }
}

/// The name of an action in the config file's `[keys]` table.
pub fn action_named(name: &str) -> Option<Action> {
    const NAMES: [(&str, Action); 25] = [
        ("down", Action::Down),
        ("up", Action::Up),
        ("page_down", Action::PageDown),
        ("page_up", Action::PageUp),
        ("top", Action::Top),
        ("bottom", Action::Bottom),
        ("open", Action::Open),
        ("back", Action::Back),
        ("focus_next", Action::FocusNext),
        ("prev_issue", Action::PrevIssue),
        ("next_issue", Action::NextIssue),
        ("prev_article", Action::PrevArticle),
        ("next_article", Action::NextArticle),
        ("jump_to_date", Action::JumpToDate),
        ("search", Action::Search),
        ("next_match", Action::NextMatch),
        ("prev_match", Action::PrevMatch),
        ("toggle_raw", Action::ToggleRaw),
        ("bookmark", Action::Bookmark),
        ("bookmarks", Action::Bookmarks),
        ("history_back", Action::HistoryBack),
        ("history_forward", Action::HistoryForward),
        ("copy", Action::Copy),
        ("help", Action::Help),
        ("quit", Action::Quit),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// "q", "G", "ctrl-o", "alt-left", "enter", "esc", "tab", "space", "pgdn", "f1"…
pub fn parse_binding(text: &str) -> Option<Binding> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "c-", "alt-", "m-"]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
        match prefix {
            Some(p) => {
                modifiers |= if p.starts_with('c') {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::ALT
                };
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if modifiers.is_empty() => KeyCode::Char(c),
        (Some(c), None) => KeyCode::Char(c.to_ascii_lowercase()),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            f => {
                let n: u8 = f.strip_prefix('f')?.parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
        },
    };
    Some(Binding { code, modifiers })
}

fn label_of(b: Binding) -> String {
    let key = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other}"),
    };
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn each_key_has_one_action() {
        let mut seen = HashSet::new();
        for e in KEYMAP {
            for b in e.keys {
                assert!(
                    seen.insert((b.code, b.modifiers)),
                    "{:?} bound twice",
                    b.code
                );
            }
        }
    }

    #[test]
    fn every_action_has_a_key_and_help() {
        for e in KEYMAP {
            assert!(!e.keys.is_empty() && !e.help.is_empty() && !e.label.is_empty());
        }
    }

    #[test]
    fn bindings_parse_from_config_names() {
        assert_eq!(parse_binding("q"), Some(key('q')));
        assert_eq!(parse_binding("ctrl-o"), Some(ctrl('o')));
        assert_eq!(parse_binding("Ctrl-O"), Some(ctrl('o')));
        assert_eq!(parse_binding("alt-left"), Some(alt(KeyCode::Left)));
        assert_eq!(parse_binding("pgdn"), Some(code(KeyCode::PageDown)));
        assert_eq!(parse_binding("f2"), Some(code(KeyCode::F(2))));
        assert_eq!(parse_binding("G"), Some(key('G')));
        assert_eq!(parse_binding("-"), Some(key('-')));
        assert_eq!(parse_binding("nonsense"), None);
        assert_eq!(parse_binding("ctrl-"), None);
        assert_eq!(parse_binding("f99"), None);
        assert_eq!(parse_binding(""), None);
    }

    #[test]
    fn rebinding_moves_a_key_and_relabels_the_help() {
        let mut map = KeyMap::default();
        map.rebind(Action::Quit, vec![key('x')]);
        map.rebind(Action::Down, vec![key('k')]);
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action_for(&press('x')), Some(Action::Quit));
        assert_eq!(map.action_for(&press('q')), None);
        assert_eq!(map.action_for(&press('k')), Some(Action::Down));
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(map.action_for(&up), Some(Action::Up));
        let quit = map
            .entries
            .iter()
            .find(|e| e.action == Action::Quit)
            .unwrap();
        assert_eq!(quit.label, "x");
        assert_eq!(action_named("next_issue"), Some(Action::NextIssue));
        assert_eq!(action_named("explode"), None);
    }

    #[test]
    fn lookups() {
        let action_for = |e: &KeyEvent| KeyMap::default().action_for(e);
        assert_eq!(
            action_for(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('o'), KeyModifiers::CONTROL)),
            Some(Action::HistoryBack)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('o'), KeyModifiers::NONE)),
            Some(Action::ToggleRaw)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('x'), KeyModifiers::NONE)),
            None
        );
    }
}
