//! The article pane's behaviour, driven by messages: the raw view, copying, scrolling and
//! paging, the wheel, and the reading position kept through resizes. No terminal, no
//! threads, no sleeps.

mod common;

use common::tui::{
    self, app, code, drive, drive_all, is_error, key, line_text, open_ref, reading, sample,
    shown_lines, status,
};
use crossterm::event::KeyCode;
use dubao::tui::app::Pane;
use dubao::tui::reader::{LineKind, Origin};
use dubao::tui::{Effect, Msg, update};

#[test]
fn o_shows_the_raw_text_at_the_article_and_toggles_back() {
    let s = sample();
    let mut app = reading(100, 30, "000_", 2);
    drive(&mut app, key('j'));
    let scroll = app.reader.scroll;
    let fx = update(&mut app, key('o'));
    let issue = s.issue("000_");
    let file = (issue.id.clone(), issue.source.clone());
    assert_eq!(
        fx,
        [Effect::LoadRaw {
            issue: file.0.clone(),
            source: file.1.clone()
        }]
    );
    assert!(app.reader.raw.as_ref().is_some_and(|r| r.text.is_none()));
    tui::serve(&mut app, fx);
    let raw = app.reader.raw.as_ref().expect("raw view");
    assert_eq!(raw.text.as_deref(), Some(s.raw[&file].as_str()));
    // The raw view opens at the article's first raw line.
    let [first, _] = s.articles_of("000_")[2].raw_lines.expect("raw lines");
    let top = &raw.lines[raw.scroll];
    assert_eq!(top.origin, Origin::RawLine(first - 1));
    assert_eq!(top.kind, LineKind::Raw);
    assert!(line_text(top).contains("一周两例"), "{:?}", line_text(top));
    // A late raw text of another issue is ignored.
    let other = s.issue("001_").id.clone();
    update(
        &mut app,
        Msg::RawLoaded {
            issue: other,
            source: file.1.clone(),
            text: Ok("别的".into()),
        },
    );
    assert_eq!(
        app.reader.raw.as_ref().unwrap().text.as_deref(),
        Some(s.raw[&file].as_str())
    );
    // Keys scroll the raw text, not the article under it.
    let raw_scroll = app.reader.raw.as_ref().unwrap().scroll;
    drive(&mut app, key('j'));
    assert_eq!(app.reader.raw.as_ref().unwrap().scroll, raw_scroll + 1);
    assert_eq!(app.reader.scroll, scroll);
    drive(&mut app, key('o'));
    assert!(app.reader.raw.is_none());
    assert_eq!(app.reader.scroll, scroll, "the article where it was");
    // Esc also leaves the raw view, and stays in the reader.
    drive(&mut app, key('o'));
    drive(&mut app, code(KeyCode::Esc));
    assert!(app.reader.raw.is_none());
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn a_raw_text_that_fails_to_load_closes_the_raw_view() {
    let s = sample();
    let mut app = reading(100, 30, "000_", 2);
    update(&mut app, key('o'));
    update(
        &mut app,
        Msg::RawLoaded {
            issue: s.issue("000_").id.clone(),
            source: s.issue("000_").source.clone(),
            text: Err(std::sync::Arc::new(dubao::archive::ArchiveError::Damaged {
                dir: "/srv/papers".into(),
                what: "raw text",
            })),
        },
    );
    assert!(app.reader.raw.is_none());
    assert!(is_error(&app));
}

#[test]
fn y_copies_the_article_text() {
    let s = sample();
    let mut app = app(100, 30);
    let fx = drive(&mut app, key('y'));
    assert!(fx.is_empty(), "nothing open, nothing copied");
    let mut app = reading(100, 30, "000_", 2);
    let fx = update(&mut app, key('y'));
    let [Effect::Copy(text)] = fx.as_slice() else {
        panic!("one copy: {fx:?}");
    };
    let article = &s.articles_of("000_")[2];
    let expected: Vec<&str> = article.texts().iter().map(|(_, t)| t.trim()).collect();
    // The citation first (paper, date, title), then the text.
    let citation = "山西日报 2023-11-19 · 太原志愿者再捐造血干细胞";
    assert_eq!(*text, format!("{citation}\n\n{}", expected.join("\n\n")));
    assert!(text.contains("\n\n一周两例\n\n太原志愿者再捐造血干细胞\n\n本报讯"));
    assert!(status(&app).contains(&format!("copied {} characters", text.chars().count())));
}

/// The first text line on screen, by where its text comes from.
fn top_text_position(app: &dubao::tui::App) -> (Origin, usize) {
    let line = app.reader.lines[app.reader.scroll..]
        .iter()
        .find(|l| l.origin != Origin::None)
        .expect("a text line on screen");
    (line.origin, line.char_range.start)
}

#[test]
fn resizing_keeps_the_selection_and_the_reading_position() {
    let mut app = reading(160, 40, "003_", 0);
    drive_all(&mut app, std::iter::repeat_n(key('j'), 9));
    let selection = (app.issue_sel, app.article_sel, app.reader.open.clone());
    for (w, h) in [
        (100, 30),
        (60, 20),
        (61, 25),
        (1, 1),
        (0, 0),
        (7, 3),
        (119, 30),
        (120, 30),
        (160, 40),
    ] {
        let (origin, at) = top_text_position(&app);
        let first_shown = shown_lines(&app, 1);
        update(
            &mut app,
            Msg::Resized {
                width: w,
                height: h,
            },
        );
        assert_eq!(
            (app.issue_sel, app.article_sel, app.reader.open.clone()),
            selection
        );
        assert_eq!(app.focus, Pane::Reader);
        // The text that was at the top is on the first line now.
        let top = app.reader.lines[app.reader.scroll..]
            .iter()
            .find(|l| l.origin != Origin::None)
            .unwrap();
        assert_eq!(top.origin, origin, "{w}x{h}: was {first_shown:?}");
        assert!(
            top.char_range.contains(&at),
            "{w}x{h}: character {at} should be on the top line {:?}",
            top.char_range
        );
        // (A column too narrow for one wide character still holds one.)
        assert!(
            app.reader.laid_out_cols < 2
                || app.reader.lines.iter().all(|l| l
                    .pieces
                    .iter()
                    .map(|p| unicode_width::UnicodeWidthStr::width(p.text.as_str()))
                    .sum::<usize>()
                    <= app.reader.laid_out_cols),
            "{w}x{h}: laid out again for the new width"
        );
    }
}

#[test]
fn resizing_with_a_blank_line_on_top_keeps_the_place() {
    let mut app = reading(100, 30, "003_", 0);
    let blank = app
        .reader
        .lines
        .iter()
        .enumerate()
        .skip(10)
        .find(|(_, l)| l.kind == LineKind::Blank)
        .map(|(i, _)| i)
        .expect("a blank line between paragraphs");
    drive_all(&mut app, std::iter::repeat_n(key('j'), blank));
    assert_eq!(app.reader.scroll, blank);
    let (origin, at) = top_text_position(&app);
    update(
        &mut app,
        Msg::Resized {
            width: 160,
            height: 40,
        },
    );
    assert!(app.reader.scroll > 0, "not back at the top");
    assert_eq!(top_text_position(&app), (origin, at));
    assert_eq!(app.reader.lines[app.reader.scroll].kind, LineKind::Blank);
}

#[test]
fn resizing_the_raw_view_keeps_its_place() {
    let mut app = reading(100, 30, "003_", 3);
    drive(&mut app, key('o'));
    drive_all(&mut app, std::iter::repeat_n(key('j'), 3));
    let raw = app.reader.raw.as_ref().unwrap();
    let top = raw.lines[raw.scroll].clone();
    update(
        &mut app,
        Msg::Resized {
            width: 60,
            height: 20,
        },
    );
    let raw = app.reader.raw.as_ref().unwrap();
    let now = &raw.lines[raw.scroll];
    assert_eq!(now.origin, top.origin);
    assert!(now.char_range.contains(&top.char_range.start) || top.char_range.is_empty());
}

#[test]
fn paging_and_the_ends_of_an_article() {
    let mut app = reading(100, 30, "003_", 0);
    let rows = 30 - 1 - 2; // the status line, the reader's borders
    drive(&mut app, key(' '));
    assert_eq!(
        app.reader.scroll,
        rows - 2,
        "a page keeps two lines of context"
    );
    drive(&mut app, key('b'));
    assert_eq!(app.reader.scroll, 0);
    drive(&mut app, key('G'));
    assert_eq!(app.reader.scroll, app.reader.lines.len() - rows);
    drive(&mut app, key('j'));
    assert_eq!(
        app.reader.scroll,
        app.reader.lines.len() - rows,
        "no scrolling past the end"
    );
    drive(&mut app, key('g'));
    assert_eq!(app.reader.scroll, 0);
    drive(&mut app, key('k'));
    assert_eq!(app.reader.scroll, 0);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    use crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let wheel = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let s = sample();
    let mut app = reading(160, 40, "003_", 0);
    // Over the reader: three lines a notch.
    drive(&mut app, wheel(MouseEventKind::ScrollDown, 100, 10));
    assert_eq!(app.reader.scroll, 3);
    drive(&mut app, wheel(MouseEventKind::ScrollUp, 100, 10));
    assert_eq!(app.reader.scroll, 0);
    // Over the issue list: one issue a notch, and the keyboard stays in the reader.
    let fx = drive(&mut app, wheel(MouseEventKind::ScrollUp, 5, 5));
    assert_eq!(s.issues[app.issue_sel].id, s.issue("004_").id);
    assert_eq!(fx, [Effect::LoadArticles(s.issue("004_").id.clone())]);
    assert_eq!(app.focus, Pane::Reader);
    // Over the status line: nothing.
    let before = (app.issue_sel, app.reader.scroll);
    drive(&mut app, wheel(MouseEventKind::ScrollDown, 5, 39));
    assert_eq!((app.issue_sel, app.reader.scroll), before);
}

#[test]
fn browsing_other_issues_leaves_the_article_keys_on_the_article_read() {
    // Reading 003's first article, the issue list moves on to another issue (Tab and k, or
    // the wheel); back in the reader, { } and [ ] still count from the article on screen.
    let mut app = reading(160, 40, "003_", 0);
    drive_all(&mut app, [code(KeyCode::Tab), key('k'), key('k')]);
    assert_eq!(app.focus, Pane::Issues);
    assert_eq!(app.issue_sel, sample().index("001_"));
    drive_all(&mut app, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(open_ref(&app), ("003_".into(), 0));
    drive(&mut app, key('}'));
    assert_eq!(open_ref(&app), ("003_".into(), 1));
    assert_eq!(
        app.reader.article.as_ref(),
        Some(&sample().articles_of("003_")[1])
    );

    drive_all(&mut app, [code(KeyCode::Tab), key('g'), code(KeyCode::Tab)]);
    drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Reader);
    drive(&mut app, key(']'));
    assert_eq!(
        open_ref(&app),
        ("002_".into(), 0),
        "the issue of 003's paper after it by date (000_ is another paper's)"
    );
}
