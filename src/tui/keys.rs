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

/// The action bound to a key press, if any. Shift is ignored for characters (a terminal
/// reports `G` as shift+G or as plain `G`).
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    let mods = if matches!(event.code, KeyCode::Char(_)) {
        event.modifiers - KeyModifiers::SHIFT
    } else {
        event.modifiers
    };
    KEYMAP
        .iter()
        .find(|e| {
            e.keys
                .iter()
                .any(|b| b.code == event.code && b.modifiers == mods)
        })
        .map(|e| e.action)
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
    fn lookups() {
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
