//! The one key table: every key the reader knows, in every scope (the panes, the search
//! pane, the text inputs, the date jump, the bookmarks list, the help), with its action,
//! its default keys, its name in the config file's `[keys]` table and its help line.
//! The help overlay, the config file's `[keys]` validation and `dubao config --default`
//! all read [`TABLE`], so none of them can disagree with what a key does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for, apart from which key it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Action {
    // The panes.
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
    Papers,
    PrevPage,
    NextPage,
    FollowContinuation,
    Calendar,
    ToggleScript,
    // The search pane.
    SearchClose,
    SearchOpenHit,
    SearchToggleScope,
    SearchOlderQuery,
    SearchNewerQuery,
    SearchNextHit,
    SearchPrevHit,
    SearchPageDown,
    SearchPageUp,
    SearchSort,
    SearchPaper,
    SearchChartShare,
    SearchConcordance,
    SearchExport,
    // Editing a text input (the search pane's and the date jump's).
    InputLeft,
    InputRight,
    InputWordLeft,
    InputWordRight,
    InputStart,
    InputEnd,
    InputBackspace,
    InputDelete,
    InputDeleteWord,
    InputDeleteNextWord,
    InputClear,
    // The date jump.
    DateGo,
    DateCancel,
    // The bookmarks list.
    BookmarksDown,
    BookmarksUp,
    BookmarksOpen,
    BookmarksDelete,
    BookmarksClose,
    BookmarksExport,
    // The papers list.
    PapersDown,
    PapersUp,
    PapersOpen,
    PapersClose,
    // The calendar.
    CalendarLeft,
    CalendarRight,
    CalendarUp,
    CalendarDown,
    CalendarPrevMonth,
    CalendarNextMonth,
    CalendarOpen,
    CalendarClose,
    // The help.
    HelpDown,
    HelpUp,
    HelpPageDown,
    HelpPageUp,
}

/// Where a key applies. The search pane and the date jump also take the input's keys;
/// a key their own scope binds wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum KeyScope {
    Panes,
    Search,
    Input,
    DateJump,
    Bookmarks,
    Papers,
    Calendar,
    Help,
}

impl KeyScope {
    /// The heading the help shows above the scope's keys.
    pub fn title(self) -> &'static str {
        match self {
            KeyScope::Panes => "Reading",
            KeyScope::Search => "Search pane",
            KeyScope::Input => "Editing a query or date",
            KeyScope::DateJump => "Date jump (:)",
            KeyScope::Bookmarks => "Bookmarks list (')",
            KeyScope::Papers => "Papers list (P)",
            KeyScope::Calendar => "Calendar (C)",
            KeyScope::Help => "This help",
        }
    }

    /// The scopes a key is looked up in, first match wins.
    pub fn layers(self) -> &'static [KeyScope] {
        match self {
            KeyScope::Panes => &[KeyScope::Panes],
            KeyScope::Search => &[KeyScope::Search, KeyScope::Input],
            KeyScope::Input => &[KeyScope::Input],
            KeyScope::DateJump => &[KeyScope::DateJump, KeyScope::Input],
            KeyScope::Bookmarks => &[KeyScope::Bookmarks],
            KeyScope::Papers => &[KeyScope::Papers],
            KeyScope::Calendar => &[KeyScope::Calendar],
            KeyScope::Help => &[KeyScope::Help],
        }
    }

    /// Whether one key can mean something in both scopes at once: then it may be bound
    /// in only one of them.
    fn overlaps(self, other: KeyScope) -> bool {
        self.layers().contains(&other) || other.layers().contains(&self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

mod names;
mod table;

pub use names::{
    action_named, config_name_of, default_config_section, label_of, markdown_table, parse_binding,
};
pub use table::{Entry, TABLE};

/// The table's entry for an action.
pub fn entry_of(action: Action) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.action == action)
}

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

/// The key table in use: the defaults with the config's `[keys]` overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    pub entries: Vec<KeyEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub action: Action,
    pub scope: KeyScope,
    pub keys: Vec<Binding>,
    pub help: &'static str,
}

impl KeyEntry {
    /// How the keys are written in the help: the first three.
    pub fn label(&self) -> String {
        self.keys
            .iter()
            .take(3)
            .map(|k| label_of(*k))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            entries: TABLE
                .iter()
                .map(|e| KeyEntry {
                    action: e.action,
                    scope: e.scope,
                    keys: e.keys.to_vec(),
                    help: e.help,
                })
                .collect(),
        }
    }
}

impl KeyMap {
    /// The action of a key in a scope (and the scopes it layers over).
    pub fn action_in(&self, scope: KeyScope, event: &KeyEvent) -> Option<Action> {
        let pressed = normalise(event);
        scope.layers().iter().find_map(|layer| {
            self.entries
                .iter()
                .find(|e| e.scope == *layer && e.keys.contains(&pressed))
                .map(|e| e.action)
        })
    }

    /// Binds `keys` to `action` instead of its defaults; a key taken from another action
    /// that could see it (same scope, or a scope layered under it) is no longer that
    /// action's.
    pub fn rebind(&mut self, action: Action, keys: Vec<Binding>) {
        let Some(scope) = entry_of(action).map(|e| e.scope) else {
            return;
        };
        for e in &mut self.entries {
            if e.scope.overlaps(scope) {
                e.keys.retain(|k| !keys.contains(k));
            }
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.action == action) {
            e.keys = keys;
        }
    }

    /// The entries of one scope, in table order.
    pub fn in_scope(&self, scope: KeyScope) -> impl Iterator<Item = &KeyEntry> {
        self.entries.iter().filter(move |e| e.scope == scope)
    }

    /// The first key of an action, as the help writes it (for hints in the panes).
    pub fn first_key(&self, action: Action) -> String {
        self.entries
            .iter()
            .find(|e| e.action == action)
            .and_then(|e| e.keys.first())
            .map_or_else(|| "(unbound)".to_owned(), |k| label_of(*k))
    }
}

#[cfg(test)]
mod tests {
    use super::table::{alt, code, ctrl, key};
    use super::*;
    use std::collections::HashSet;
    use strum::IntoEnumIterator;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_action_has_exactly_one_entry_with_keys_and_help() {
        for action in Action::iter() {
            let n = TABLE.iter().filter(|e| e.action == action).count();
            assert_eq!(n, 1, "{action:?} has {n} entries in the key table");
        }
        for e in TABLE {
            assert!(!e.keys.is_empty() && !e.help.is_empty(), "{:?}", e.action);
        }
    }

    #[test]
    fn names_are_unique_and_read_back() {
        let mut names = HashSet::new();
        for e in TABLE {
            assert!(names.insert(e.name), "{} named twice", e.name);
            assert_eq!(action_named(e.name), Some(e.action));
        }
        assert_eq!(action_named("explode"), None);
    }

    #[test]
    fn no_key_means_two_things_where_both_could_be_seen() {
        for scope in KeyScope::iter() {
            let mut seen = HashSet::new();
            for e in TABLE.iter().filter(|e| scope.layers().contains(&e.scope)) {
                for b in e.keys {
                    assert!(seen.insert(*b), "{} bound twice in {scope:?}", label_of(*b));
                }
            }
        }
    }

    #[test]
    fn every_default_key_survives_the_config_round_trip() {
        for e in TABLE {
            for b in e.keys {
                assert_eq!(parse_binding(&config_name_of(*b)), Some(*b), "{b:?}");
            }
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
    fn rebinding_moves_a_key_within_what_can_see_it() {
        let mut map = KeyMap::default();
        map.rebind(Action::Quit, vec![key('x')]);
        map.rebind(Action::Down, vec![key('k')]);
        let char_key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            map.action_in(KeyScope::Panes, &char_key('x')),
            Some(Action::Quit)
        );
        assert_eq!(map.action_in(KeyScope::Panes, &char_key('q')), None);
        assert_eq!(
            map.action_in(KeyScope::Panes, &char_key('k')),
            Some(Action::Down)
        );
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(map.action_in(KeyScope::Panes, &up), Some(Action::Up));
        // The bookmarks list's k is another scope's: untouched.
        assert_eq!(
            map.action_in(KeyScope::Bookmarks, &char_key('k')),
            Some(Action::BookmarksUp)
        );
        let quit = map
            .entries
            .iter()
            .find(|e| e.action == Action::Quit)
            .unwrap();
        assert_eq!(quit.label(), "x");
    }

    #[test]
    fn an_input_key_taken_by_the_search_pane_leaves_the_input() {
        let mut map = KeyMap::default();
        map.rebind(Action::SearchClose, vec![ctrl('u')]);
        let ctrl_u = press(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(
            map.action_in(KeyScope::Search, &ctrl_u),
            Some(Action::SearchClose)
        );
        assert_eq!(map.action_in(KeyScope::DateJump, &ctrl_u), None);
    }

    #[test]
    fn lookups() {
        let map = KeyMap::default();
        let action = |scope, c, m| map.action_in(scope, &press(c, m));
        assert_eq!(
            action(KeyScope::Panes, KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            action(KeyScope::Panes, KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(KeyScope::Panes, KeyCode::Char('o'), KeyModifiers::CONTROL),
            Some(Action::HistoryBack)
        );
        assert_eq!(
            action(KeyScope::Panes, KeyCode::Char('x'), KeyModifiers::NONE),
            None
        );
        // The search pane's own keys win over the input's; plain letters are neither.
        assert_eq!(
            action(KeyScope::Search, KeyCode::Char('k'), KeyModifiers::CONTROL),
            Some(Action::SearchPrevHit)
        );
        assert_eq!(
            action(KeyScope::Search, KeyCode::Char('w'), KeyModifiers::CONTROL),
            Some(Action::InputDeleteWord)
        );
        assert_eq!(
            action(KeyScope::Search, KeyCode::Char('j'), KeyModifiers::NONE),
            None
        );
    }

    #[test]
    fn the_default_config_section_lists_every_action() {
        let section = default_config_section();
        for e in TABLE {
            assert!(
                section.contains(&format!("# {} = ", e.name)),
                "{} missing",
                e.name
            );
        }
    }
}
