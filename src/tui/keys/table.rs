//! The table itself: a row per action, in the order the help lists them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Binding, KeyScope};

pub(super) const fn key(c: char) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

pub(super) const fn code(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub(super) const fn ctrl(c: char) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

pub(super) const fn ctrl_code(code: KeyCode) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::CONTROL,
    }
}

pub(super) const fn alt(code: KeyCode) -> Binding {
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
