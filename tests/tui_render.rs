//! The reader drawn into a `TestBackend` from the sample archive: whole screens as
//! snapshots at three sizes, the search pane with CJK queries and its highlights at 60
//! and 120 columns, the input cursor, and on every screen the geometry a terminal needs
//! (rows as wide as the terminal, no cell lost under a wide character, borders in line).

mod common;

use common::screen::{self, assert_box, assert_panes, assert_well_formed, find_box, redact};
use common::tui::{self, alt, app, code, drive, key, searched, type_query};
use crossterm::event::KeyCode;
use dubao::tui::App;
use dubao::tui::app::Pane;
use insta::assert_snapshot;
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;

const SIZES: [(u16, u16); 3] = [(60, 20), (100, 30), (160, 40)];

/// Draws, checks the geometry of the panes (and of the overlay titled `overlay`, if any)
/// and snapshots the screen as `name_WxH`.
fn check(name: &str, app: &App, width: u16, height: u16, overlay: Option<&str>) {
    let drawn = screen::draw(app, width, height);
    assert_well_formed(&drawn.frame);
    let buffer = drawn.shown();
    let covered = overlay.map(|title| find_box(buffer, title));
    if let Some(rect) = covered {
        assert_box(buffer, rect, None);
    }
    assert_panes(buffer, app, covered);
    assert_snapshot!(
        format!("{name}_{width}x{height}"),
        redact(&screen::text(buffer))
    );
}

/// 太原志愿者再捐造血干细胞: a kicker, a title, paragraphs, a caption.
fn article_app(width: u16, height: u16) -> App {
    tui::reading(width, height, "000_", 2)
}

#[test]
fn issue_list() {
    for (w, h) in SIZES {
        let app = tui::app(w, h);
        check("issues", &app, w, h, None);
    }
}

#[test]
fn article_view() {
    for (w, h) in SIZES {
        let app = article_app(w, h);
        assert_eq!(app.focus, Pane::Reader);
        check("article", &app, w, h, None);
    }
}

#[test]
fn help_over_the_article() {
    for (w, h) in SIZES {
        let mut app = article_app(w, h);
        drive(&mut app, key('?'));
        check("help", &app, w, h, Some(" Keys "));
    }
}

#[test]
fn raw_view() {
    for (w, h) in SIZES {
        let mut app = article_app(w, h);
        drive(&mut app, key('o'));
        assert!(
            screen::draw(&app, w, h)
                .text()
                .contains("000_f8e1adb28c4d49b6.txt"),
            "the raw view names its file"
        );
        check("raw", &app, w, h, None);
    }
}

#[test]
fn the_traditional_issue_in_three_panes() {
    let mut app = tui::reading(160, 40, "001_", 9);
    app.focus = Pane::Articles;
    check("traditional_articles", &app, 160, 40, None);
}

#[test]
fn tiny_and_empty_terminals_do_not_panic() {
    let mut app = article_app(100, 30);
    for (w, h) in [(0, 0), (1, 1), (0, 10), (10, 0), (2, 2), (3, 5), (5, 3)] {
        screen::draw(&app, w, h);
    }
    drive(&mut app, key('?'));
    for (w, h) in [(0, 0), (1, 1), (2, 2), (7, 4)] {
        screen::draw(&app, w, h);
    }
    drive(&mut app, key('?'));
    drive(&mut app, key('/'));
    for (w, h) in [(0, 0), (1, 1), (2, 2), (7, 4)] {
        screen::draw(&app, w, h);
    }
}

#[test]
fn every_small_size_keeps_rows_whole_and_borders_in_line() {
    // Every width from 1 to 130 at a few heights, through each screen: any size a window
    // is dragged to. Overlays are found by the start of their title.
    let with = |keys: &[char]| {
        let mut app = article_app(100, 30);
        for k in keys {
            drive(&mut app, key(*k));
        }
        app
    };
    let mut screens: Vec<(App, Option<&str>)> = vec![
        (tui::app(100, 30), None),
        (article_app(100, 30), None),
        (with(&['?']), Some(" Keys")),
        (with(&['o']), None),
        (with(&['m', '\'']), Some(" Bookmarks")),
        (with(&[':', '2', '0']), None),
    ];
    let mut search = with(&['/']);
    common::tui::drive_all(&mut search, common::tui::typed("造血干细胞"));
    let hits = common::tui::sample().search("造血干细胞", 0, 50);
    let generation = search.search.generation;
    drive(
        &mut search,
        dubao::tui::Msg::SearchDone {
            generation,
            offset: 0,
            results: hits,
        },
    );
    screens.push((search, Some(" Search")));
    for (app, overlay) in &mut screens {
        for width in 1..=130u16 {
            for height in [3u16, 8, 24] {
                app.width = width;
                app.height = height;
                dubao::tui::update::relayout(app);
                let drawn = screen::draw(app, width, height);
                assert_well_formed(&drawn.frame);
                let buffer = drawn.shown();
                if width < 20 || height < 6 {
                    continue;
                }
                let covered = overlay.map(|title| find_box(buffer, title));
                if let Some(rect) = covered {
                    assert_box(buffer, rect, None);
                }
                assert_panes(buffer, app, covered);
            }
        }
    }
}

#[test]
fn help_shows_every_key_of_every_scope_at_common_sizes() {
    for (w, h) in [(60, 20), (80, 24), (100, 30), (120, 28), (160, 40)] {
        let mut app = article_app(w, h);
        drive(&mut app, key('?'));
        // Everything the help shows, page by page as j scrolls it.
        let mut text = String::new();
        loop {
            let drawn = screen::draw(&app, w, h);
            assert_well_formed(&drawn.frame);
            text.push_str(&drawn.text());
            let before = app.overlay.clone();
            drive(&mut app, key('j'));
            if format!("{before:?}") == format!("{:?}", app.overlay) {
                break;
            }
        }
        let rows: Vec<String> = text
            .lines()
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        for entry in &app.keymap.entries {
            let line = format!("{} {}", entry.label(), entry.help);
            // The help's columns may cut a long help text; its first words are enough.
            let start: String = line.chars().take(24).collect();
            let start = start.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                rows.iter().any(|r| r.contains(&start)),
                "{w}x{h}: {line:?} is not in the help:\n{text}"
            );
        }
        for scope in <dubao::tui::keys::KeyScope as strum::IntoEnumIterator>::iter() {
            assert!(
                text.contains(scope.title()),
                "{w}x{h}: no {:?}",
                scope.title()
            );
        }
        assert!(text.contains("any other key closes"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn the_reader_title_names_the_issue_of_the_article_shown() {
    // Reading 000 (山西日报, 2023-11-19) while the issue list moves to 2020-12-18.
    let mut app = article_app(160, 40);
    drive(&mut app, common::tui::code(crossterm::event::KeyCode::Tab));
    drive(&mut app, key('g'));
    assert_eq!(app.focus, Pane::Issues);
    assert_eq!(app.issue_sel, 0);
    let text = screen::draw(&app, 160, 40).text();
    let top = text.lines().next().unwrap();
    assert!(top.contains("┌ 山西日报 · 2023-11-19 "), "{top}");
    assert!(text.contains("太原志愿者再捐造血干细胞"), "{text}");
}

// ---- the search pane ----

fn inner_of_search(width: u16, height: u16) -> Rect {
    Rect::new(1, 1, width - 2, height - 3)
}

#[test]
fn the_cursor_sits_at_the_display_width_of_what_is_before_it() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    type_query(&mut app, "abc脱贫de");
    let inner = inner_of_search(100, 30);
    let prompt = 2;
    // a b c = 3, 脱贫 = 4, d e = 2.
    let cases = [
        (vec![], 9),
        (vec![KeyCode::Left, KeyCode::Left], 7),
        (vec![KeyCode::Left], 5),
        (vec![KeyCode::Left], 3),
        (vec![KeyCode::Home], 0),
        (vec![KeyCode::End], 9),
    ];
    for (keys, col) in cases {
        for k in keys {
            drive(&mut app, code(k));
        }
        assert_eq!(
            dubao::tui::view::search::input_cursor(&app, inner),
            Position::new(inner.x + prompt + col, inner.y)
        );
        let mut drawn = screen::draw(&app, 100, 30);
        drawn
            .term
            .backend_mut()
            .assert_cursor_position(Position::new(inner.x + prompt + col, inner.y));
    }
}

#[test]
fn a_long_input_keeps_the_cursor_after_the_last_character() {
    for width in [20u16, 21, 60, 61] {
        let mut app = app(width, 20);
        drive(&mut app, key('/'));
        let inner = inner_of_search(width, 20);
        let mut text = String::new();
        for (i, c) in "脱贫攻坚取得决定性胜利abc人民生活显著改善x"
            .chars()
            .cycle()
            .take(80)
            .enumerate()
        {
            drive(&mut app, key(c));
            text.push(c);
            let mut drawn = screen::draw(&app, width, 20);
            let cursor = drawn.term.get_cursor_position().unwrap();
            let rows = screen::rows(drawn.shown());
            let row = &rows[usize::from(inner.y)];
            assert!(
                cursor.x < inner.right(),
                "w={width} {i}: the cursor {cursor:?} is inside the pane"
            );
            // Right before the cursor: the character typed last.
            let before: String = row
                .cells
                .iter()
                .filter(|(x, _)| *x < cursor.x)
                .map(|(_, s)| s.as_str())
                .collect();
            assert!(
                before.ends_with(c),
                "w={width} after {i} characters the cursor {cursor:?} is not after {c:?}: {:?}",
                row.text
            );
            assert_eq!(
                row.at(cursor.x).unwrap_or(" "),
                " ",
                "w={width} {i}: {:?}",
                row.text
            );
        }
    }
}

/// Matched text (black on yellow) marked `^` under the screen rows.
fn highlighted(cell: &ratatui::buffer::Cell) -> bool {
    cell.bg == Color::Yellow
}

fn snapshot_search(name: &str, app: &App, width: u16, height: u16) {
    let drawn = screen::draw(app, width, height);
    assert_well_formed(&drawn.frame);
    let buffer = drawn.shown();
    let search = Rect::new(0, 0, width, height - 1);
    common::screen::assert_box(buffer, search, None);
    assert_snapshot!(
        format!("{name}_{width}x{height}"),
        redact(&screen::text_marking(buffer, highlighted))
    );
}

#[test]
fn search_pane_snapshots() {
    for width in [60u16, 120] {
        let mut app = app(width, 24);
        searched(&mut app, "造血干细胞");
        snapshot_search("search_simplified", &app, width, 24);
        searched(&mut app, "华北血管");
        snapshot_search("search_folded", &app, width, 24);
        searched(&mut app, "太原 date:2023");
        snapshot_search("search_filtered", &app, width, 24);
        type_query(&mut app, "-13");
        snapshot_search("search_error", &app, width, 24);
    }
}

#[test]
fn the_search_pane_charts_the_hits_over_time_when_it_has_the_rows() {
    for (w, h) in [(100u16, 30u16), (160, 40)] {
        let mut app = app(w, h);
        searched(&mut app, "山西");
        let drawn = screen::draw(&app, w, h);
        let text = drawn.text();
        assert!(text.contains("hits by year"), "{w}x{h}:\n{text}");
        snapshot_search("search_chart", &app, w, h);
        drive(&mut app, alt('r'));
        let text = screen::draw(&app, w, h).text();
        assert!(text.contains("share of all articles by year"), "{text}");
        snapshot_search("search_chart_share", &app, w, h);
    }
    // Too few rows: no chart, and the pane still holds together.
    for h in [10u16, 23] {
        let mut app = app(100, h);
        searched(&mut app, "山西");
        let text = screen::draw(&app, 100, h).text();
        assert!(!text.contains("hits by"), "100x{h}:\n{text}");
        let drawn = screen::draw(&app, 100, h);
        assert_well_formed(&drawn.frame);
        common::screen::assert_box(drawn.shown(), Rect::new(0, 0, 100, h - 1), None);
    }
}

#[test]
fn the_concordance_lines_the_matches_up_in_the_pane() {
    for (w, h) in [(100u16, 30u16), (160, 40)] {
        let mut app = app(w, h);
        searched(&mut app, "山西");
        let fx = drive(&mut app, alt('c'));
        drive(&mut app, common::tui::answer_concordance(&fx));
        let drawn = screen::draw(&app, w, h);
        assert_well_formed(&drawn.frame);
        let buffer = drawn.shown();
        // Every concordance row's match starts at the same column.
        let mut starts = Vec::new();
        for y in 0..buffer.area.height {
            let row: Vec<_> = (0..buffer.area.width).map(|x| &buffer[(x, y)]).collect();
            let is_line = row
                .iter()
                .skip(1)
                .take(4)
                .map(|c| c.symbol())
                .collect::<String>()
                .starts_with("20");
            let first_lit = row.iter().position(|c| highlighted(c));
            if let (true, Some(x)) = (is_line, first_lit) {
                starts.push(x);
            }
        }
        assert!(starts.len() > 5, "{w}x{h}: {starts:?}");
        assert!(
            starts.iter().all(|x| *x == starts[0]),
            "{w}x{h}: {starts:?}"
        );
        snapshot_search("search_concordance", &app, w, h);
    }
}

#[test]
fn sixty_years_of_hits_draw_as_a_sparkline() {
    use dubao::archive::timeline::{Period, PeriodCount, Timeline};
    let mut app = app(100, 30);
    searched(&mut app, "山西");
    app.search.timeline = Some(Timeline {
        by: Some(Period::Year),
        periods: (1960..2020)
            .map(|y| PeriodCount {
                period: y.to_string(),
                hits: ((y - 1960) * (2020 - y)) as u64,
                articles: 1000,
            })
            .collect(),
        papers: vec![("人民日报".into(), 53_900), ("山西日报".into(), 812)],
        total: 54_712,
        undated: 0,
    });
    let drawn = screen::draw(&app, 100, 30);
    let text = drawn.text();
    assert!(
        text.contains("1960–2019") && text.contains("peak 1990 (900)"),
        "{text}"
    );
    assert!(text.contains("人民日报 53,900 · 山西日报 812"), "{text}");
    assert!(text.contains('█'), "bars:\n{text}");
    snapshot_search("search_chart_sparkline", &app, 100, 30);
}

#[test]
fn an_article_opened_from_the_search_is_lit() {
    for width in [60u16, 120] {
        let mut app = app(width, 24);
        searched(&mut app, "造血干细胞");
        drive(&mut app, code(KeyCode::Enter));
        drive(&mut app, key('n'));
        let drawn = screen::draw(&app, width, 24);
        assert_well_formed(&drawn.frame);
        assert_panes(drawn.shown(), &app, None);
        assert_snapshot!(
            format!("search_opened_{width}x24"),
            redact(&screen::text_marking(drawn.shown(), highlighted))
        );
    }
}
