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

const fn ctrl_code(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Entry {
    pub action: Action,
    pub scope: KeyScope,
    /// The action's name in the config file's `[keys]` table.
    pub name: &'static str,
    pub keys: &'static [Binding],
    pub help: &'static str,
}

const fn entry(
    scope: KeyScope,
    action: Action,
    name: &'static str,
    keys: &'static [Binding],
    help: &'static str,
) -> Entry {
    Entry {
        action,
        scope,
        name,
        keys,
        help,
    }
}

use Action as A;
use KeyCode as K;
use KeyScope as S;

pub const TABLE: &[Entry] = &[
    entry(
        S::Panes,
        A::Down,
        "down",
        &[key('j'), code(K::Down)],
        "move down / scroll",
    ),
    entry(
        S::Panes,
        A::Up,
        "up",
        &[key('k'), code(K::Up)],
        "move up / scroll",
    ),
    entry(
        S::Panes,
        A::PageDown,
        "page_down",
        &[code(K::PageDown), key(' '), ctrl('f'), ctrl('d')],
        "page down",
    ),
    entry(
        S::Panes,
        A::PageUp,
        "page_up",
        &[code(K::PageUp), key('b'), ctrl('b'), ctrl('u')],
        "page up",
    ),
    entry(S::Panes, A::Top, "top", &[key('g'), code(K::Home)], "top"),
    entry(
        S::Panes,
        A::Bottom,
        "bottom",
        &[key('G'), code(K::End)],
        "bottom",
    ),
    entry(
        S::Panes,
        A::Open,
        "open",
        &[code(K::Enter), key('l'), code(K::Right)],
        "open",
    ),
    entry(
        S::Panes,
        A::Back,
        "back",
        &[code(K::Esc), key('h'), code(K::Left)],
        "back",
    ),
    entry(
        S::Panes,
        A::FocusNext,
        "focus_next",
        &[code(K::Tab)],
        "next pane",
    ),
    entry(
        S::Panes,
        A::PrevIssue,
        "prev_issue",
        &[key('[')],
        "previous issue (by date)",
    ),
    entry(
        S::Panes,
        A::NextIssue,
        "next_issue",
        &[key(']')],
        "next issue (by date)",
    ),
    entry(
        S::Panes,
        A::PrevArticle,
        "prev_article",
        &[key('{')],
        "previous article",
    ),
    entry(
        S::Panes,
        A::NextArticle,
        "next_article",
        &[key('}')],
        "next article",
    ),
    entry(
        S::Panes,
        A::JumpToDate,
        "jump_to_date",
        &[key(':')],
        "jump to a date (:2023-11-20, :2023-11)",
    ),
    entry(
        S::Panes,
        A::Search,
        "search",
        &[key('/')],
        "search as you type",
    ),
    entry(
        S::Panes,
        A::NextMatch,
        "next_match",
        &[key('n')],
        "next match in the article",
    ),
    entry(
        S::Panes,
        A::PrevMatch,
        "prev_match",
        &[key('N')],
        "previous match in the article",
    ),
    entry(
        S::Panes,
        A::ToggleRaw,
        "toggle_raw",
        &[key('o')],
        "original raw text here, and back",
    ),
    entry(
        S::Panes,
        A::Bookmark,
        "bookmark",
        &[key('m')],
        "bookmark this article (again: remove)",
    ),
    entry(
        S::Panes,
        A::Bookmarks,
        "bookmarks",
        &[key('\'')],
        "list bookmarks",
    ),
    entry(
        S::Panes,
        A::HistoryBack,
        "history_back",
        &[ctrl('o'), alt(K::Left)],
        "back in history",
    ),
    // Ctrl-i is Tab to most terminals, so Alt-→ is the key that works everywhere.
    entry(
        S::Panes,
        A::HistoryForward,
        "history_forward",
        &[alt(K::Right), ctrl('i')],
        "forward in history",
    ),
    entry(
        S::Panes,
        A::Copy,
        "copy",
        &[key('y')],
        "copy the article (OSC 52, works over SSH)",
    ),
    entry(
        S::Panes,
        A::Help,
        "help",
        &[key('?'), code(K::F(1))],
        "this help",
    ),
    entry(S::Panes, A::Quit, "quit", &[key('q'), ctrl('c')], "quit"),
    entry(
        S::Panes,
        A::Papers,
        "papers",
        &[key('P')],
        "papers: one, or all (the issue list shows it)",
    ),
    entry(
        S::Panes,
        A::PrevPage,
        "prev_page",
        &[key('<')],
        "previous page (版)",
    ),
    entry(
        S::Panes,
        A::NextPage,
        "next_page",
        &[key('>')],
        "next page (版)",
    ),
    entry(
        S::Panes,
        A::FollowContinuation,
        "follow_continuation",
        &[key('c')],
        "follow 下转/上接 to the story's other half (Ctrl-o back)",
    ),
    entry(
        S::Panes,
        A::Calendar,
        "calendar",
        &[key('C')],
        "calendar of this paper's issues",
    ),
    entry(
        S::Panes,
        A::ToggleScript,
        "toggle_script",
        &[key('t')],
        "traditional text in simplified characters, and back",
    ),
    entry(
        S::Search,
        A::SearchClose,
        "search_close",
        &[code(K::Esc)],
        "close the pane (the query stays)",
    ),
    entry(
        S::Search,
        A::SearchOpenHit,
        "search_open",
        &[code(K::Enter)],
        "open the hit at its first match",
    ),
    entry(
        S::Search,
        A::SearchToggleScope,
        "search_scope",
        &[code(K::Tab)],
        "this issue only / the whole archive",
    ),
    entry(
        S::Search,
        A::SearchOlderQuery,
        "search_older_query",
        &[code(K::Up)],
        "earlier query",
    ),
    entry(
        S::Search,
        A::SearchNewerQuery,
        "search_newer_query",
        &[code(K::Down)],
        "later query",
    ),
    entry(
        S::Search,
        A::SearchNextHit,
        "search_next_hit",
        &[ctrl('n'), ctrl('j')],
        "next hit",
    ),
    entry(
        S::Search,
        A::SearchPrevHit,
        "search_prev_hit",
        &[ctrl('p'), ctrl('k')],
        "previous hit",
    ),
    entry(
        S::Search,
        A::SearchPageDown,
        "search_page_down",
        &[code(K::PageDown)],
        "ten hits down",
    ),
    entry(
        S::Search,
        A::SearchPageUp,
        "search_page_up",
        &[code(K::PageUp)],
        "ten hits up",
    ),
    entry(
        S::Search,
        A::SearchSort,
        "search_sort",
        &[alt(K::Char('s'))],
        "sort: relevance, newest, oldest",
    ),
    entry(
        S::Search,
        A::SearchPaper,
        "search_paper",
        &[alt(K::Char('p'))],
        "only the selected hit's paper, and back",
    ),
    entry(
        S::Search,
        A::SearchChartShare,
        "search_chart_share",
        &[alt(K::Char('r'))],
        "chart: hits, or share of all articles",
    ),
    entry(
        S::Search,
        A::SearchConcordance,
        "search_concordance",
        &[alt(K::Char('c'))],
        "a line per occurrence (concordance), and back",
    ),
    entry(
        S::Search,
        A::SearchExport,
        "search_export",
        &[alt(K::Char('e'))],
        "export every hit with citations (Markdown, in the data folder)",
    ),
    entry(
        S::Input,
        A::InputLeft,
        "input_left",
        &[code(K::Left), ctrl('b')],
        "cursor left",
    ),
    entry(
        S::Input,
        A::InputRight,
        "input_right",
        &[code(K::Right), ctrl('f')],
        "cursor right",
    ),
    entry(
        S::Input,
        A::InputWordLeft,
        "input_word_left",
        &[ctrl_code(K::Left), alt(K::Char('b'))],
        "word left",
    ),
    entry(
        S::Input,
        A::InputWordRight,
        "input_word_right",
        &[ctrl_code(K::Right), alt(K::Char('f'))],
        "word right",
    ),
    entry(
        S::Input,
        A::InputStart,
        "input_start",
        &[code(K::Home), ctrl('a')],
        "to the start",
    ),
    entry(
        S::Input,
        A::InputEnd,
        "input_end",
        &[code(K::End), ctrl('e')],
        "to the end",
    ),
    entry(
        S::Input,
        A::InputBackspace,
        "input_backspace",
        &[code(K::Backspace), ctrl('h')],
        "delete the character before",
    ),
    entry(
        S::Input,
        A::InputDelete,
        "input_delete",
        &[code(K::Delete)],
        "delete the character under",
    ),
    entry(
        S::Input,
        A::InputDeleteWord,
        "input_delete_word",
        &[ctrl('w'), alt(K::Backspace)],
        "delete the word before",
    ),
    entry(
        S::Input,
        A::InputDeleteNextWord,
        "input_delete_next_word",
        &[ctrl_code(K::Delete), alt(K::Char('d'))],
        "delete the word after",
    ),
    entry(
        S::Input,
        A::InputClear,
        "input_clear",
        &[ctrl('u')],
        "clear",
    ),
    entry(
        S::DateJump,
        A::DateGo,
        "date_go",
        &[code(K::Enter)],
        "go to the first issue on or after the date",
    ),
    entry(
        S::DateJump,
        A::DateCancel,
        "date_cancel",
        &[code(K::Esc)],
        "cancel",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksDown,
        "bookmarks_down",
        &[key('j'), code(K::Down)],
        "next bookmark",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksUp,
        "bookmarks_up",
        &[key('k'), code(K::Up)],
        "previous bookmark",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksOpen,
        "bookmarks_open",
        &[code(K::Enter), key('l')],
        "open the bookmark",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksDelete,
        "bookmarks_delete",
        &[key('d'), code(K::Delete)],
        "delete the bookmark",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksClose,
        "bookmarks_close",
        &[code(K::Esc), key('q'), key('\''), key('h')],
        "close the list",
    ),
    entry(
        S::Bookmarks,
        A::BookmarksExport,
        "bookmarks_export",
        &[key('e')],
        "export the bookmarks with citations (Markdown, in the data folder)",
    ),
    entry(
        S::Papers,
        A::PapersDown,
        "papers_down",
        &[key('j'), code(K::Down)],
        "next paper",
    ),
    entry(
        S::Papers,
        A::PapersUp,
        "papers_up",
        &[key('k'), code(K::Up)],
        "previous paper",
    ),
    entry(
        S::Papers,
        A::PapersOpen,
        "papers_open",
        &[code(K::Enter), key('l')],
        "show this paper's issues (or all)",
    ),
    entry(
        S::Papers,
        A::PapersClose,
        "papers_close",
        &[code(K::Esc), key('q'), key('P'), key('h')],
        "close the list",
    ),
    entry(
        S::Calendar,
        A::CalendarLeft,
        "calendar_left",
        &[key('h'), code(K::Left)],
        "the day before",
    ),
    entry(
        S::Calendar,
        A::CalendarRight,
        "calendar_right",
        &[key('l'), code(K::Right)],
        "the day after",
    ),
    entry(
        S::Calendar,
        A::CalendarUp,
        "calendar_up",
        &[key('k'), code(K::Up)],
        "a week before",
    ),
    entry(
        S::Calendar,
        A::CalendarDown,
        "calendar_down",
        &[key('j'), code(K::Down)],
        "a week after",
    ),
    entry(
        S::Calendar,
        A::CalendarPrevMonth,
        "calendar_prev_month",
        &[key('['), code(K::PageUp)],
        "the month before",
    ),
    entry(
        S::Calendar,
        A::CalendarNextMonth,
        "calendar_next_month",
        &[key(']'), code(K::PageDown)],
        "the month after",
    ),
    entry(
        S::Calendar,
        A::CalendarOpen,
        "calendar_open",
        &[code(K::Enter)],
        "open the issue of that day",
    ),
    entry(
        S::Calendar,
        A::CalendarClose,
        "calendar_close",
        &[code(K::Esc), key('q'), key('C')],
        "close the calendar",
    ),
    entry(
        S::Help,
        A::HelpDown,
        "help_down",
        &[key('j'), code(K::Down)],
        "scroll down (any other key closes)",
    ),
    entry(
        S::Help,
        A::HelpUp,
        "help_up",
        &[key('k'), code(K::Up)],
        "scroll up",
    ),
    entry(
        S::Help,
        A::HelpPageDown,
        "help_page_down",
        &[code(K::PageDown), key(' ')],
        "page down",
    ),
    entry(
        S::Help,
        A::HelpPageUp,
        "help_page_up",
        &[code(K::PageUp), key('b')],
        "page up",
    ),
];

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

/// The action named so in the config file's `[keys]` table.
pub fn action_named(name: &str) -> Option<Action> {
    TABLE.iter().find(|e| e.name == name).map(|e| e.action)
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

/// How the help writes a key.
pub fn label_of(b: Binding) -> String {
    let key = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
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

/// How the config file writes a key (what [`parse_binding`] reads back).
pub fn config_name_of(b: Binding) -> String {
    let key = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::Enter => "enter".to_owned(),
        KeyCode::Esc => "esc".to_owned(),
        KeyCode::Tab => "tab".to_owned(),
        KeyCode::Backspace => "backspace".to_owned(),
        KeyCode::Up => "up".to_owned(),
        KeyCode::Down => "down".to_owned(),
        KeyCode::Left => "left".to_owned(),
        KeyCode::Right => "right".to_owned(),
        KeyCode::Home => "home".to_owned(),
        KeyCode::End => "end".to_owned(),
        KeyCode::PageUp => "pgup".to_owned(),
        KeyCode::PageDown => "pgdn".to_owned(),
        KeyCode::Delete => "delete".to_owned(),
        other => format!("{other}").to_ascii_lowercase(),
    };
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out.push_str(&key);
    out
}

/// The `[keys]` part of `dubao config --default`: every action by scope, commented out at
/// its default keys.
pub fn default_config_section() -> String {
    let mut out = String::from(
        "[keys]\n# Rebind an action to one key or a list of keys: a character, or ctrl-X, alt-X, enter,\n# esc, tab, space, up, down, left, right, home, end, pgup, pgdn, backspace, delete, f1…f12.\n# A key given to one action is taken from any other that could see it.\n",
    );
    let mut scope = None;
    for e in TABLE {
        if scope != Some(e.scope) {
            scope = Some(e.scope);
            out.push_str(&format!("\n# {}\n", e.scope.title()));
        }
        let keys: Vec<String> = e
            .keys
            .iter()
            .map(|k| format!("{:?}", config_name_of(*k)))
            .collect();
        let value = if keys.len() == 1 {
            keys[0].clone()
        } else {
            format!("[{}]", keys.join(", "))
        };
        out.push_str(&format!("# {} = {value}    # {}\n", e.name, e.help));
    }
    out
}

/// The key table as Markdown, scope by scope, for docs/architecture.md (a test keeps the
/// two the same).
pub fn markdown_table() -> String {
    let mut out = String::new();
    let mut scope = None;
    for e in TABLE {
        if scope != Some(e.scope) {
            scope = Some(e.scope);
            out.push_str(&format!(
                "\n**{}**\n\n| keys | config name | does |\n|---|---|---|\n",
                e.scope.title()
            ));
        }
        let keys: Vec<String> = e
            .keys
            .iter()
            .map(|k| format!("`{}`", label_of(*k).replace('|', "\\|")))
            .collect();
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            keys.join(" "),
            e.name,
            e.help
        ));
    }
    out
}

#[cfg(test)]
mod tests {
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
