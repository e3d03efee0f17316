//! The reader's behaviour, driven by messages: keys in, effects out, loads answered by
//! hand from the sample archive. No terminal, no threads, no sleeps. The lists, issues by
//! date, articles, the date prompt, history, bookmarks, help and quitting; the article
//! pane itself is in `tui_update_reader.rs`.

mod common;

use common::tui::{
    self, app, code, ctrl, drive, drive_all, is_error, key, line_text, open_ref, reading, sample,
    status, typed,
};
use std::sync::Arc;

use crossterm::event::KeyCode;
use dubao::archive::ArchiveError;
use dubao::tui::app::{Overlay, Pane};
use dubao::tui::{Effect, Msg, update};

#[test]
fn the_reader_starts_at_the_latest_issue_and_asks_for_its_articles() {
    let s = sample();
    let mut app = dubao::tui::App::new(100, 30);
    let fx = update(&mut app, Msg::IssuesLoaded(Ok(s.issues.clone())));
    let latest = s.issue("002_");
    assert_eq!(app.issue_sel, s.issues.len() - 1);
    assert_eq!(fx, [Effect::LoadArticles(latest.id.clone())]);
    assert!(app.current.loading);
    update(
        &mut app,
        Msg::ArticlesLoaded {
            issue: latest.id.clone(),
            articles: Ok(s.articles_of("002_").to_vec()),
        },
    );
    assert!(!app.current.loading);
    assert_eq!(app.current.articles.len(), 5);
}

#[test]
fn j_and_k_move_through_issues_and_load_each() {
    let s = sample();
    let mut app = app(100, 30);
    let fx = update(&mut app, key('k'));
    assert_eq!(app.issue_sel, s.index("000_"));
    assert_eq!(fx, [Effect::LoadArticles(s.issue("000_").id.clone())]);
    // Moving on before the articles arrive: the late answer is for an issue no longer
    // selected and must not land in the articles pane.
    let fx = update(&mut app, key('k'));
    assert_eq!(fx, [Effect::LoadArticles(s.issue("003_").id.clone())]);
    update(
        &mut app,
        Msg::ArticlesLoaded {
            issue: s.issue("000_").id.clone(),
            articles: Ok(s.articles_of("000_").to_vec()),
        },
    );
    assert!(app.current.loading, "still waiting for 003");
    assert!(app.current.articles.is_empty());
    tui::serve(&mut app, fx);
    assert_eq!(app.current.articles.len(), 8);
    // j past the end stays on the last issue.
    drive_all(&mut app, std::iter::repeat_n(key('j'), 10));
    assert_eq!(app.issue_sel, s.issues.len() - 1);
    drive(&mut app, key('g'));
    assert_eq!(app.issue_sel, 0);
    drive(&mut app, key('G'));
    assert_eq!(app.issue_sel, s.issues.len() - 1);
}

#[test]
fn a_damaged_archive_and_a_missing_issue_are_shown_differently() {
    let s = sample();
    let id = s.issue("000_").id.clone();
    let mut app = app(100, 30);
    update(&mut app, key('k'));
    let damaged = Arc::new(ArchiveError::Damaged {
        dir: "/srv/papers".into(),
        what: "article text",
    });
    let fx = update(
        &mut app,
        Msg::ArticlesLoaded {
            issue: id.clone(),
            articles: Err(damaged),
        },
    );
    assert!(is_error(&app));
    assert!(status(&app).contains("dubao check"), "{}", status(&app));
    assert!(
        fx.is_empty(),
        "nothing to retry on a damaged archive: {fx:?}"
    );

    // A missing issue: the archive changed since it was listed. Not an error of the
    // reader's: it says so and lists the issues again.
    let mut app = tui::app(100, 30);
    update(&mut app, key('k'));
    let fx = update(
        &mut app,
        Msg::ArticlesLoaded {
            issue: id.clone(),
            articles: Err(Arc::new(ArchiveError::NoSuchIssue { id })),
        },
    );
    assert!(!is_error(&app), "{:?}", app.status);
    assert!(
        status(&app).contains("listing it again"),
        "{}",
        status(&app)
    );
    assert_eq!(fx, [Effect::LoadIssues]);
}

#[test]
fn enter_opens_the_articles_then_an_article() {
    let s = sample();
    let mut app = app(100, 30);
    assert_eq!(app.focus, Pane::Issues);
    drive(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus, Pane::Articles);
    drive(&mut app, key('j'));
    assert_eq!(app.article_sel, 1);
    let fx = drive(&mut app, code(KeyCode::Enter));
    assert!(fx.is_empty(), "the articles are at hand: {fx:?}");
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(open_ref(&app), ("002_".into(), 1));
    let article = &s.articles_of("002_")[1];
    assert_eq!(app.reader.article.as_ref(), Some(article));
    let first = line_text(&app.reader.lines[0]);
    assert_eq!(first, article.title.clone().unwrap());
    // Esc (and h) go back one pane at a time.
    drive(&mut app, code(KeyCode::Esc));
    assert_eq!(app.focus, Pane::Articles);
    drive(&mut app, key('h'));
    assert_eq!(app.focus, Pane::Issues);
}

#[test]
fn opening_an_article_of_another_issue_loads_it_first() {
    let s = sample();
    let mut app = reading(100, 30, "003_", 0);
    drive(&mut app, key('m'));
    // `]` stays in the paper: past 000_ (山西日报) to 002_, which names none like 003_.
    drive(&mut app, key(']'));
    assert_eq!(open_ref(&app), ("002_".into(), 0));
    // The bookmark is in 003; 002's articles are loaded now, so opening it needs a load.
    drive(&mut app, key('\''));
    let fx = update(&mut app, code(KeyCode::Enter));
    assert_eq!(fx, [Effect::LoadArticles(s.issue("003_").id.clone())]);
    assert!(app.reader.article.is_none(), "waits for the articles");
    assert_eq!(app.focus, Pane::Reader);
    tui::serve(&mut app, fx);
    assert_eq!(app.reader.article.as_ref(), Some(&s.articles_of("003_")[0]));
}

#[test]
fn brackets_step_through_issues_by_date() {
    let s = sample();
    let mut app = app(100, 30);
    drive(&mut app, key('g'));
    assert_eq!(s.issues[app.issue_sel].id, s.issue("001_").id);
    let fx = drive(&mut app, key(']'));
    assert_eq!(s.issues[app.issue_sel].id, s.issue("004_").id);
    assert_eq!(fx, [Effect::LoadArticles(s.issue("004_").id.clone())]);
    assert_eq!(app.current.articles.len(), 10);
    drive(&mut app, key('['));
    drive(&mut app, key('['));
    assert_eq!(app.issue_sel, 0);
    assert!(status(&app).contains("first issue"), "{:?}", app.status);
    drive(&mut app, key('G'));
    drive(&mut app, key(']'));
    assert!(status(&app).contains("last issue"), "{:?}", app.status);
    // The dates go up with each step.
    let dates: Vec<_> = s.issues.iter().map(|i| i.date.unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
}

#[test]
fn brackets_in_the_reader_open_the_next_issues_first_article() {
    let mut app = reading(100, 30, "001_", 5);
    drive(&mut app, key(']'));
    assert_eq!(open_ref(&app), ("004_".into(), 0));
    assert_eq!(app.reader.scroll, 0);
    assert!(app.reader.article.is_some());
    drive(&mut app, key('['));
    assert_eq!(open_ref(&app), ("001_".into(), 0));
}

#[test]
fn braces_step_through_articles() {
    let s = sample();
    // In the list: the selection moves.
    let mut app = app(100, 30);
    drive(&mut app, code(KeyCode::Enter));
    drive(&mut app, key('}'));
    drive(&mut app, key('}'));
    assert_eq!(app.article_sel, 2);
    assert!(app.reader.open.is_none());
    // In the reader: the next article opens, from the top.
    let mut app = reading(100, 30, "000_", 0);
    drive(&mut app, key('j'));
    drive(&mut app, key('}'));
    assert_eq!(open_ref(&app), ("000_".into(), 1));
    assert_eq!(app.reader.scroll, 0);
    assert_eq!(app.article_sel, 1);
    assert_eq!(app.reader.article.as_ref(), Some(&s.articles_of("000_")[1]));
    drive_all(&mut app, [key('}'), key('}'), key('}')]);
    assert_eq!(open_ref(&app), ("000_".into(), 3));
    assert!(status(&app).contains("last article"), "{:?}", app.status);
    drive_all(&mut app, [key('{'), key('{'), key('{'), key('{')]);
    assert_eq!(open_ref(&app), ("000_".into(), 0));
    assert!(status(&app).contains("first article"), "{:?}", app.status);
}

#[test]
fn colon_jumps_to_the_first_issue_on_or_after_a_date() {
    let s = sample();
    let mut app = app(100, 30);
    let cases = [
        ("2022-07", "004_"),
        ("2022-07-31", "004_"),
        ("2022-08", "003_"),
        ("2021", "004_"),
        ("2020-12-18", "001_"),
        ("2023-11-19", "000_"),
    ];
    for (date, prefix) in cases {
        drive(&mut app, key(':'));
        assert!(matches!(app.overlay, Overlay::DateJump(_)));
        drive_all(&mut app, typed(date));
        drive(&mut app, code(KeyCode::Enter));
        assert!(matches!(app.overlay, Overlay::None));
        assert_eq!(
            s.issues[app.issue_sel].id,
            s.issue(prefix).id,
            ":{date} should select {prefix}"
        );
        assert_eq!(app.current.issue.as_ref(), Some(&s.issue(prefix).id));
    }
    let before = app.issue_sel;
    for (typed_text, says) in [("2030", "no issue on or after"), ("soon", "not a date")] {
        drive(&mut app, key(':'));
        drive_all(&mut app, typed(typed_text));
        drive(&mut app, code(KeyCode::Enter));
        assert!(is_error(&app), ":{typed_text}");
        assert!(status(&app).contains(says), "{:?}", app.status);
        assert_eq!(app.issue_sel, before);
    }
    // Esc leaves the prompt without jumping.
    drive(&mut app, key(':'));
    drive_all(&mut app, typed("2020"));
    drive(&mut app, code(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.issue_sel, before);
}

#[test]
fn history_goes_back_and_forward_with_the_reading_position() {
    let mut app = reading(100, 30, "003_", 0);
    drive_all(&mut app, std::iter::repeat_n(key('j'), 7));
    assert_eq!(app.reader.scroll, 7);
    drive(&mut app, key('}'));
    assert_eq!(open_ref(&app), ("003_".into(), 1));
    drive(&mut app, key('j'));
    let scroll_b = app.reader.scroll;
    drive(&mut app, key(']'));
    assert_eq!(open_ref(&app), ("002_".into(), 0));

    drive(&mut app, ctrl('o'));
    assert_eq!(open_ref(&app), ("003_".into(), 1));
    assert_eq!(app.reader.scroll, scroll_b);
    drive(&mut app, ctrl('o'));
    assert_eq!(open_ref(&app), ("003_".into(), 0));
    assert_eq!(app.reader.scroll, 7, "back where it was read");
    drive(&mut app, ctrl('o'));
    assert!(
        status(&app).contains("no earlier place"),
        "{:?}",
        app.status
    );
    assert_eq!(open_ref(&app), ("003_".into(), 0));

    drive(&mut app, ctrl('i'));
    assert_eq!(open_ref(&app), ("003_".into(), 1));
    drive(&mut app, ctrl('i'));
    assert_eq!(open_ref(&app), ("002_".into(), 0));
    drive(&mut app, ctrl('i'));
    assert!(status(&app).contains("no later place"), "{:?}", app.status);

    // Opening something new from the middle of the history drops what was ahead.
    drive(&mut app, ctrl('o'));
    drive(&mut app, key('}'));
    assert_eq!(open_ref(&app), ("003_".into(), 2));
    assert!(app.history.forward.is_empty());
}

#[test]
fn going_back_to_another_issue_loads_it_and_restores_the_scroll() {
    let s = sample();
    let mut app = reading(100, 30, "003_", 0);
    drive_all(&mut app, std::iter::repeat_n(key('j'), 4));
    drive(&mut app, key(']'));
    let fx = update(&mut app, ctrl('o'));
    assert_eq!(fx, [Effect::LoadArticles(s.issue("003_").id.clone())]);
    tui::serve(&mut app, fx);
    assert_eq!(open_ref(&app), ("003_".into(), 0));
    assert_eq!(app.reader.scroll, 4);
}

#[test]
fn bookmarks_remember_the_article_and_where_it_was_read() {
    let s = sample();
    let mut app = reading(100, 30, "003_", 3);
    drive_all(&mut app, std::iter::repeat_n(key('j'), 3));
    drive(&mut app, key('m'));
    assert_eq!(app.bookmarks.len(), 1);
    assert_eq!(app.bookmarks[0].title, "公交夫妻的别样除夕");
    assert_eq!(app.bookmarks[0].date, s.issue("003_").date);
    assert_eq!(app.bookmarks[0].place.scroll, 3);

    let mut second = reading(100, 30, "001_", 9);
    std::mem::swap(&mut second.bookmarks, &mut app.bookmarks);
    app = second;
    drive(&mut app, key('m'));
    assert_eq!(app.bookmarks.len(), 2);

    // ' lists them; j moves; Enter opens the one selected, at its place.
    drive(&mut app, key('g'));
    drive(&mut app, key('\''));
    assert!(matches!(app.overlay, Overlay::Bookmarks { selected: 0 }));
    drive(&mut app, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(open_ref(&app), ("003_".into(), 3));
    assert_eq!(app.reader.scroll, 3);

    // m on a bookmarked article removes it; d in the list deletes.
    drive(&mut app, key('m'));
    assert_eq!(app.bookmarks.len(), 1);
    assert!(status(&app).contains("removed"), "{:?}", app.status);
    drive(&mut app, key('\''));
    drive(&mut app, key('d'));
    assert!(app.bookmarks.is_empty());
    assert!(matches!(app.overlay, Overlay::None));
    drive(&mut app, key('\''));
    assert!(matches!(app.overlay, Overlay::None));
    assert!(status(&app).contains("no bookmarks"), "{:?}", app.status);
}

#[test]
fn help_opens_scrolls_and_any_other_key_closes_it() {
    let mut app = reading(60, 20, "000_", 0);
    drive(&mut app, key('?'));
    assert!(matches!(app.overlay, Overlay::Help { scroll: 0 }));
    // Every key of every scope does not fit 60×20: j scrolls, k comes back.
    drive(&mut app, key('j'));
    drive(&mut app, key('j'));
    assert!(
        matches!(app.overlay, Overlay::Help { scroll: 2 }),
        "{:?}",
        app.overlay
    );
    drive(&mut app, key('k'));
    assert!(matches!(app.overlay, Overlay::Help { scroll: 1 }));
    // Scrolling stops at the end.
    for _ in 0..500 {
        drive(&mut app, key('j'));
    }
    let Overlay::Help { scroll } = app.overlay else {
        panic!("still open")
    };
    assert!(scroll > 2 && scroll < 500, "{scroll}");
    let before = app.reader.scroll;
    drive(&mut app, key('x'));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(
        app.reader.scroll, before,
        "the key that closes the help does only that"
    );
    drive(&mut app, code(KeyCode::F(1)));
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    drive(&mut app, key('q'));
    assert!(app.quit, "q quits from the help too");
}

#[test]
fn q_and_signals_quit() {
    let mut app = app(100, 30);
    assert!(!app.quit);
    drive(&mut app, key('q'));
    assert!(app.quit);
    let mut app = reading(60, 20, "004_", 1);
    update(&mut app, Msg::Signalled);
    assert!(app.quit);
    let mut app = tui::app(60, 20);
    update(&mut app, ctrl('c'));
    assert!(app.quit);
}

#[test]
fn tab_moves_focus_and_only_to_an_open_reader() {
    let mut app = app(160, 40);
    drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Articles);
    drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Issues, "no article open yet");
    let mut app = reading(160, 40, "000_", 0);
    for expected in [Pane::Issues, Pane::Articles, Pane::Reader] {
        drive(&mut app, code(KeyCode::Tab));
        assert_eq!(app.focus, expected);
    }
}

#[test]
fn an_empty_archive_says_how_to_fill_it() {
    let mut app = dubao::tui::App::new(80, 24);
    let fx = update(&mut app, Msg::IssuesLoaded(Ok(Vec::new())));
    assert!(fx.is_empty());
    assert!(status(&app).contains("dubao import"));
    for k in [
        key('j'),
        code(KeyCode::Enter),
        key(']'),
        key('}'),
        key('o'),
        key('y'),
    ] {
        drive(&mut app, k);
    }
    assert!(app.reader.open.is_none());
}

#[test]
fn a_reload_keeps_the_selected_issue() {
    let s = sample();
    let mut app = app(100, 30);
    drive(&mut app, key('g'));
    drive(&mut app, key('j'));
    let selected = s.issues[app.issue_sel].id.clone();
    // A new import: an issue more, sorted in before the selected one.
    let mut issues = s.issues.clone();
    let mut extra = issues[0].clone();
    extra.id = dubao::archive::IssueId("new".into());
    issues.insert(0, extra);
    let fx = update(&mut app, Msg::IssuesLoaded(Ok(issues)));
    assert!(fx.is_empty());
    assert_eq!(app.issues[app.issue_sel].id, selected);
    assert_eq!(app.issue_sel, 2);
}

#[test]
fn overlay_keys_rebound_in_the_config_work_there() {
    let (config, warnings) = dubao::config::settings::parse(
        "[keys]\nbookmarks_delete = \"x\"\nsearch_close = \"ctrl-g\"\ndate_go = \"tab\"\n",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let (resolved, warnings) = dubao::tui::settings::resolve(&config.theme, &config.keys);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut app = reading(100, 30, "003_", 3);
    app.keymap = resolved.keymap;
    drive(&mut app, key('m'));
    drive(&mut app, key('\''));
    // d no longer deletes a bookmark; x does.
    drive(&mut app, key('d'));
    assert_eq!(app.bookmarks.len(), 1);
    drive(&mut app, key('x'));
    assert!(app.bookmarks.is_empty());
    // Ctrl-g closes the search pane; Esc is now just a key it ignores.
    drive(&mut app, key('/'));
    drive(&mut app, code(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::Search));
    drive(&mut app, ctrl('g'));
    assert!(matches!(app.overlay, Overlay::None));
    // Tab jumps to the date typed.
    drive(&mut app, key(':'));
    drive_all(&mut app, typed("2023-11"));
    drive(&mut app, code(KeyCode::Tab));
    assert!(matches!(app.overlay, Overlay::None));
    let date = app
        .selected_issue()
        .and_then(|i| i.date)
        .map(|d| d.to_string());
    assert!(
        date.is_some_and(|d| d.starts_with("2023-11")),
        "{:?}",
        app.issue_sel
    );
}
