//! The reader on an archive of papers and pages: `P` chooses a paper, `]` `[` stay in
//! it, `<` `>` go by page, `c` follows a continuation and `Ctrl-o` comes back, the
//! calendar moves and opens, `t` converts a traditional article and back with its matches
//! where they were. Driven by messages, the loads answered from a real archive.

mod common;

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dubao::archive::library::LocalLibrary;
use dubao::archive::{Archive, ImportOptions, Library};
use dubao::tui::app::{Overlay, Pane};
use dubao::tui::{App, Effect, Msg, update};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

const PAGE_ONE: &str = "改革开放再出发\n\n本报讯 今年以来，全市上下坚持改革开放，经济持续向好。\n\n记者深入一线采访，看到各行各业热气腾腾。(下转第2版)\n\n第二篇报道\n\n本报讯 另一篇报道的正文，写得比较短。\n";
const PAGE_TWO: &str =
    "(上接第1版)改革开放再出发\n\n企业负责人说，今年订单比去年多了三成。\n\n本版责编：张三\n";

/// Two papers, each day a folder, each page a file; 山西日报 has two days, 太原日报 one.
fn archive() -> (tempfile::TempDir, LocalLibrary) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let sample = common::sample_dir();
    for (at, text) in [
        ("山西日报/2023-11-19/01.txt", PAGE_ONE.to_owned()),
        ("山西日报/2023-11-19/02.txt", PAGE_TWO.to_owned()),
        (
            "山西日报/2023-11-22/01.txt",
            std::fs::read_to_string(sample.join("000_f8e1adb28c4d49b6.txt")).unwrap(),
        ),
        (
            "太原日报/2023-11-20/01.txt",
            std::fs::read_to_string(sample.join("003_f253e97590e3b591.txt")).unwrap(),
        ),
        (
            "人民日报/2020-12-18/01.txt",
            std::fs::read_to_string(sample.join("001_475ea9df0610e73c.txt")).unwrap(),
        ),
    ] {
        let path = src.join(at);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let a = Archive::open_or_create(&dir.path().join("a")).unwrap();
    a.import(&[src], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    drop(a);
    let lib = LocalLibrary::open(&dir.path().join("a")).unwrap();
    (dir, lib)
}

/// `update`, and the loads it asks for answered from `lib` (searches and conversions too).
fn drive(app: &mut App, lib: &dyn Library, msg: Msg) -> Vec<Effect> {
    let mut seen = Vec::new();
    let mut queue = update(app, msg);
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            let reply = match &effect {
                Effect::LoadArticles(id) => Some(Msg::ArticlesLoaded {
                    issue: id.clone(),
                    articles: lib.articles(id).map_err(Arc::new),
                }),
                Effect::LoadRaw { issue, source } => Some(Msg::RawLoaded {
                    issue: issue.clone(),
                    source: source.clone(),
                    text: lib.raw(issue, source).map_err(Arc::new),
                }),
                Effect::LoadIssues => Some(Msg::IssuesLoaded(lib.issues().map_err(Arc::new))),
                Effect::Simplify { article, texts } => {
                    let cc = opencc_fmmseg::OpenCC::new();
                    Some(Msg::Simplified {
                        article: article.clone(),
                        texts: texts.iter().map(|t| cc.t2s(t, false)).collect(),
                    })
                }
                _ => None,
            };
            seen.push(effect);
            if let Some(m) = reply {
                next.extend(update(app, m));
            }
        }
        queue = next;
    }
    seen
}

fn start(lib: &dyn Library, w: u16, h: u16) -> App {
    let mut app = App::new(w, h);
    drive(
        &mut app,
        lib,
        Msg::IssuesLoaded(lib.issues().map_err(Arc::new)),
    );
    app
}

fn selected(app: &App) -> (String, String) {
    let i = app.selected_issue().expect("an issue");
    (
        i.paper.clone().unwrap_or_default(),
        i.date.map(|d| d.to_string()).unwrap_or_default(),
    )
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn brackets_stay_in_the_paper_and_p_chooses_one() {
    let (_dir, lib) = archive();
    let mut app = start(&lib, 100, 30);
    // The latest issue first: 山西日报 2023-11-22.
    assert_eq!(selected(&app), ("山西日报".into(), "2023-11-22".into()));
    assert_eq!(app.visible.len(), 4, "every paper");
    // `[`: the 山西日报 issue before, past 太原日报's of 11-20.
    drive(&mut app, &lib, key('['));
    assert_eq!(selected(&app), ("山西日报".into(), "2023-11-19".into()));
    drive(&mut app, &lib, key('['));
    assert!(
        status(&app).contains("first issue of 山西日报"),
        "{}",
        status(&app)
    );
    // `j` in the list still walks every paper's issues by date.
    drive(&mut app, &lib, key('j'));
    assert_eq!(selected(&app), ("太原日报".into(), "2023-11-20".into()));

    // P: the papers, all first; choose 山西日报.
    drive(&mut app, &lib, key('P'));
    let Overlay::Papers { rows, .. } = &app.overlay else {
        panic!("the papers list")
    };
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            r.paper
                .as_ref()
                .map_or("all".into(), |p| p.name().to_owned())
        })
        .collect();
    assert_eq!(names, ["all", "人民日报", "太原日报", "山西日报"]);
    assert_eq!(rows[3].issues, 2);
    let to = names.iter().position(|n| n == "山西日报").unwrap();
    for _ in 0..to {
        drive(&mut app, &lib, key('j'));
    }
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.visible.len(), 2);
    assert!(
        app.visible
            .iter()
            .all(|&i| app.issues[i].paper.as_deref() == Some("山西日报"))
    );
    drive(&mut app, &lib, key('g'));
    assert_eq!(selected(&app), ("山西日报".into(), "2023-11-19".into()));
    // All again (the list opens on the paper shown: all is at its top).
    drive(&mut app, &lib, key('P'));
    for _ in 0..4 {
        drive(&mut app, &lib, key('k'));
    }
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert_eq!(app.visible.len(), 4);
}

#[test]
fn pages_are_walked_with_angle_brackets_and_cited() {
    let (_dir, lib) = archive();
    let mut app = start(&lib, 100, 30);
    drive(&mut app, &lib, key('['));
    assert_eq!(selected(&app), ("山西日报".into(), "2023-11-19".into()));
    drive(&mut app, &lib, code(KeyCode::Enter));
    let pages: Vec<Option<u32>> = app.current.articles.iter().map(|a| a.page).collect();
    assert_eq!(pages, [Some(1), Some(1), Some(2)]);
    drive(&mut app, &lib, key('>'));
    assert_eq!(app.article_sel, 2, "the first article of page 2");
    drive(&mut app, &lib, key('>'));
    assert!(status(&app).contains("last page"), "{}", status(&app));
    drive(&mut app, &lib, key('<'));
    assert_eq!(app.article_sel, 0);
    // In the reader too; the status line cites the page.
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert_eq!(app.focus, Pane::Reader);
    drive(&mut app, &lib, key('>'));
    assert_eq!(app.reader.open.as_ref().unwrap().article, 2);
    let at = dubao::tui::view::position(&app);
    assert!(at.starts_with("山西日报 2023-11-19 第2版"), "{at}");
    // y copies with the citation.
    let fx = drive(&mut app, &lib, key('y'));
    let [Effect::Copy(text)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(text.starts_with("山西日报 2023-11-19 第2版 · "), "{text}");
}

#[test]
fn c_follows_a_continuation_and_ctrl_o_comes_back() {
    let (_dir, lib) = archive();
    let mut app = start(&lib, 100, 30);
    drive(&mut app, &lib, key('['));
    drive(&mut app, &lib, code(KeyCode::Enter));
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert_eq!(app.reader.open.as_ref().unwrap().article, 0);
    // The article view says where the story goes on.
    let link = app
        .reader
        .lines
        .iter()
        .any(|l| l.kind == dubao::tui::reader::LineKind::Link);
    assert!(link, "the jump note is marked as a link");
    drive(&mut app, &lib, key('c'));
    let open = app.reader.open.clone().unwrap();
    assert_eq!(open.article, 2, "page 2's 上接 half");
    assert_eq!(app.current.articles[2].page, Some(2));
    // And back from there: c goes to page 1, Ctrl-o to where c was pressed.
    drive(&mut app, &lib, key('c'));
    assert_eq!(app.reader.open.as_ref().unwrap().article, 0);
    drive(&mut app, &lib, ctrl('o'));
    assert_eq!(app.reader.open.as_ref().unwrap().article, 2);
    // An article with no continuation says so.
    drive(&mut app, &lib, key('{'));
    drive(&mut app, &lib, key('c'));
    assert!(status(&app).contains("does not go on"), "{}", status(&app));
}

#[test]
fn a_continued_story_is_shown_whole_and_a_hit_in_its_second_half_opens_there() {
    let (_dir, lib) = archive();
    // Short enough that the story does not fit: where it opens shows.
    let mut app = start(&lib, 60, 12);
    drive(&mut app, &lib, key('['));
    drive(&mut app, &lib, code(KeyCode::Enter));
    drive(&mut app, &lib, code(KeyCode::Enter));
    let text: String = app
        .reader
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().map(|p| p.text.clone()))
        .collect();
    assert!(
        text.contains("热气腾腾") && text.contains("订单比去年多了三成"),
        "both halves: {text}"
    );
    assert!(text.contains("continued from page 2"), "the join is marked");
    // 订单 is only in page 2's half: its hit opens the whole story at the match.
    drive(&mut app, &lib, key('/'));
    for c in "订单".chars() {
        drive(&mut app, &lib, key(c));
    }
    let q = app.search.sent.clone().unwrap();
    let results = lib.search(&q, &Default::default()).unwrap();
    assert_eq!(results.total, 1);
    let generation = app.search.generation;
    drive(
        &mut app,
        &lib,
        Msg::SearchDone {
            generation,
            offset: 0,
            results: Ok(results),
        },
    );
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert_eq!(
        app.reader.open.as_ref().unwrap().article,
        2,
        "the half found"
    );
    assert!(app.reader.scroll > 0, "not at the story's top");
    // The match is on screen: the reader's rows from the scroll position.
    let rows = usize::from(app.height) - 3;
    let shown: String = app.reader.lines[app.reader.scroll..]
        .iter()
        .take(rows)
        .flat_map(|l| l.pieces.iter().map(|p| p.text.clone()))
        .collect();
    assert!(shown.contains("订单"), "scrolled to the match: {shown}");
    let m = &app.reader.matches[app.reader.current_match.expect("at a match")];
    let line = dubao::tui::reader::line_of(
        &app.reader.lines,
        dubao::tui::reader::Origin::Text(m.text),
        m.chars.start,
    )
    .unwrap();
    assert!(line >= app.reader.scroll && line < app.reader.scroll + rows);
    assert!(
        app.reader
            .lines
            .iter()
            .any(|l| l.pieces.iter().any(|p| p.text.contains("热气腾腾"))),
        "the first half is there, above"
    );
}

#[test]
fn the_calendar_moves_by_day_week_and_month_and_opens() {
    let (_dir, lib) = archive();
    let mut app = start(&lib, 100, 30);
    drive(&mut app, &lib, key('C'));
    let cursor = |app: &App| match app.overlay {
        Overlay::Calendar { cursor } => cursor.to_string(),
        _ => panic!("the calendar"),
    };
    assert_eq!(cursor(&app), "2023-11-22");
    drive(&mut app, &lib, key('h'));
    drive(&mut app, &lib, key('h'));
    drive(&mut app, &lib, key('h'));
    assert_eq!(cursor(&app), "2023-11-19");
    drive(&mut app, &lib, key('j'));
    assert_eq!(cursor(&app), "2023-11-26");
    drive(&mut app, &lib, key('k'));
    drive(&mut app, &lib, key(']'));
    assert_eq!(cursor(&app), "2023-12-19");
    drive(&mut app, &lib, key('['));
    // A day with no issue of the paper: said, and the calendar stays.
    drive(&mut app, &lib, key('l'));
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert!(
        status(&app).contains("no issue on 2023-11-20"),
        "{}",
        status(&app)
    );
    assert!(matches!(app.overlay, Overlay::Calendar { .. }));
    drive(&mut app, &lib, key('h'));
    drive(&mut app, &lib, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(selected(&app), ("山西日报".into(), "2023-11-19".into()));
}

#[test]
fn t_shows_a_traditional_article_in_simplified_characters_with_its_matches() {
    let (_dir, lib) = archive();
    let mut app = start(&lib, 100, 30);
    // 人民日报 2020-12-18 is the traditional sample; search 脱贫 and open a hit.
    drive(&mut app, &lib, key('/'));
    for c in "脱贫".chars() {
        drive(&mut app, &lib, key(c));
    }
    let q = app.search.sent.clone().unwrap();
    let results = lib.search(&q, &Default::default()).unwrap();
    let generation = app.search.generation;
    drive(
        &mut app,
        &lib,
        Msg::SearchDone {
            generation,
            offset: 0,
            results: Ok(results),
        },
    );
    let hit = app
        .search
        .hits
        .iter()
        .position(|h| h.paper.as_deref() == Some("人民日报"))
        .expect("a hit in the traditional issue");
    app.search.selected = hit;
    drive(&mut app, &lib, code(KeyCode::Enter));
    let lit = |app: &App| -> Vec<String> {
        app.reader
            .lines
            .iter()
            .flat_map(|l| {
                l.pieces
                    .iter()
                    .filter(|p| p.highlighted)
                    .map(|p| p.text.clone())
            })
            .collect()
    };
    let before = lit(&app);
    assert!(before.iter().all(|t| t == "脫貧"), "{before:?}");
    let printed: String = app
        .reader
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().map(|p| p.text.clone()))
        .collect();
    drive(&mut app, &lib, key('t'));
    let after = lit(&app);
    assert_eq!(after.len(), before.len(), "every match still lit");
    assert!(after.iter().all(|t| t == "脱贫"), "{after:?}");
    let converted: String = app
        .reader
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().map(|p| p.text.clone()))
        .collect();
    assert_ne!(printed, converted);
    assert!(!converted.contains("脫貧"));
    // n still walks the matches; t again shows the text as printed.
    drive(&mut app, &lib, key('n'));
    drive(&mut app, &lib, key('t'));
    assert_eq!(lit(&app), before);
}

#[test]
fn render_page_rows_and_the_calendar_at_three_sizes() {
    let (_dir, lib) = archive();
    for (w, h) in [(60u16, 20u16), (100, 30), (160, 40)] {
        let mut app = start(&lib, w, h);
        drive(&mut app, &lib, key('['));
        drive(&mut app, &lib, code(KeyCode::Enter));
        let drawn = common::screen::draw(&app, w, h);
        common::screen::assert_well_formed(&drawn.frame);
        common::screen::assert_panes(drawn.shown(), &app, None);
        let text = drawn.text();
        assert!(
            text.contains("第1版") && text.contains("第2版"),
            "{w}x{h}:\n{text}"
        );
        insta::assert_snapshot!(format!("pages_{w}x{h}"), common::screen::redact(&text));
        drive(&mut app, &lib, key('C'));
        let drawn = common::screen::draw(&app, w, h);
        common::screen::assert_well_formed(&drawn.frame);
        let buffer = drawn.shown();
        let rect = common::screen::find_box(buffer, " 山西日报 ");
        common::screen::assert_box(buffer, rect, None);
        let text = drawn.text();
        assert!(
            text.contains("November 2023") && text.contains("19"),
            "{w}x{h}:\n{text}"
        );
        insta::assert_snapshot!(format!("calendar_{w}x{h}"), common::screen::redact(&text));
    }
}
