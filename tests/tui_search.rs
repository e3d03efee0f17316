//! Live search, with the test as the search worker: it takes the `Effect::Search` that
//! `update` returns, runs it on the sample archive (or makes up an answer) and feeds
//! `Msg::SearchDone` back, in whatever order the test needs. The search pane drawn is in
//! `tui_render.rs`.

mod common;

use common::screen;
use common::tui::{
    self, answer, app, code, ctrl, drive, drive_all, key, q, reading, sample, search_of, searched,
    type_query, typed,
};
use crossterm::event::KeyCode;
use dubao::archive::{SearchResults, Sort};
use dubao::tui::app::{Overlay, Pane};
use dubao::tui::search::{PAGE_HITS, Scope};
use dubao::tui::{App, Effect, Msg, update};

fn titles(app: &App) -> Vec<String> {
    app.search.hits.iter().map(|h| h.title.clone()).collect()
}

#[test]
fn each_edit_is_a_new_generation_and_late_answers_are_dropped() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    assert!(matches!(app.overlay, Overlay::Search));
    let first = drive(&mut app, key('造'));
    let second = drive(&mut app, key('血'));
    let (g1, q1, _) = search_of(&first);
    let (g2, q2, _) = search_of(&second);
    assert_eq!((q1, q2), (q("造"), q("造血")));
    assert!(g2 > g1);

    // The older query answers after the newer one: it must not replace what is shown.
    drive(&mut app, answer(&second));
    let shown = titles(&app);
    assert!(!shown.is_empty());
    assert_eq!(app.search.shown_query, "造血");
    drive(&mut app, answer(&first));
    assert_eq!(titles(&app), shown);
    assert_eq!(app.search.shown_query, "造血");

    // The older query answers first, while the newer runs: still nothing of it shows.
    let third = drive(&mut app, key('干'));
    drive(&mut app, answer(&second));
    assert!(app.search.running, "造血干 is still running");
    assert_eq!(app.search.shown_query, "造血");
    drive(&mut app, answer(&third));
    assert!(!app.search.running);
    assert_eq!(app.search.shown_query, "造血干");
    assert!(
        app.search
            .hits
            .iter()
            .all(|h| h.snippet.text.contains("造血干")),
        "{:?}",
        titles(&app)
    );
}

#[test]
fn a_query_that_cannot_run_says_why_and_keeps_the_list() {
    let mut app = app(100, 30);
    searched(&mut app, "太原");
    let hits = titles(&app);
    assert!(hits.len() > 3);
    let before = app.search.generation;
    type_query(&mut app, " date:2023-1");
    let fx = drive(&mut app, key('3'));
    assert!(fx.is_empty(), "nothing to run: {fx:?}");
    let error = app.search.error.clone().expect("the error is shown");
    assert!(error.contains("date:2023-13"), "{error}");
    assert_eq!(titles(&app), hits, "not an empty list");
    assert!(!app.search.running);
    // Whatever was still running answers a query no longer typed.
    assert!(app.search.generation > before);
    drive(
        &mut app,
        Msg::SearchDone {
            generation: before,
            offset: 0,
            results: Ok(SearchResults::default()),
        },
    );
    assert_eq!(titles(&app), hits);
    // The screen says so.
    let drawn = screen::draw(&app, 100, 30);
    assert!(
        drawn.text().contains("date:2023-13 is not a date"),
        "{}",
        drawn.text()
    );
    // Mending the query clears the error and searches again.
    drive(&mut app, code(KeyCode::Backspace));
    let fx = type_query(&mut app, "2");
    assert_eq!(search_of(&fx).1, q("太原 date:2023-12"));
    assert!(app.search.error.is_none());
}

#[test]
fn a_failed_search_is_shown_as_an_error() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    let fx = type_query(&mut app, "太原");
    let (generation, _, _) = search_of(&fx);
    drive(
        &mut app,
        Msg::SearchDone {
            generation,
            offset: 0,
            results: Err(std::sync::Arc::new(dubao::archive::ArchiveError::Damaged {
                dir: "/srv/papers".into(),
                what: "article text",
            })),
        },
    );
    let error = app.search.error.clone().unwrap_or_default();
    assert!(
        error.contains("/srv/papers") && error.contains("dubao check"),
        "{error}"
    );
    assert!(!app.search.running);
}

#[test]
fn clearing_the_query_clears_the_list() {
    let mut app = app(100, 30);
    searched(&mut app, "太原");
    let fx = drive(&mut app, ctrl('u'));
    assert!(fx.is_empty());
    assert!(app.search.hits.is_empty());
    assert_eq!(app.search.total, 0);
}

#[test]
fn up_and_down_walk_the_queries_opened_before() {
    let mut app = app(100, 30);
    for q in ["造血干细胞", "华北血管", "太原"] {
        searched(&mut app, q);
        drive(&mut app, code(KeyCode::Enter));
        assert!(matches!(app.overlay, Overlay::None));
    }
    assert_eq!(app.search.history, ["造血干细胞", "华北血管", "太原"]);
    drive(&mut app, key('/'));
    drive(&mut app, ctrl('u'));
    type_query(&mut app, "脱");
    let mut walk = Vec::new();
    for k in [KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Up] {
        let fx = drive(&mut app, code(k));
        walk.push(app.search.input.value().to_owned());
        assert_eq!(
            search_of(&fx).1,
            q(app.search.input.value()),
            "each is searched"
        );
    }
    assert_eq!(walk, ["太原", "华北血管", "造血干细胞", "造血干细胞"]);
    let mut back = Vec::new();
    for _ in 0..3 {
        drive(&mut app, code(KeyCode::Down));
        back.push(app.search.input.value().to_owned());
    }
    assert_eq!(
        back,
        ["华北血管", "太原", "脱"],
        "past the newest: what was typed"
    );
    // Opening the same query again moves it to the newest, once.
    searched(&mut app, "华北血管");
    drive(&mut app, code(KeyCode::Enter));
    assert_eq!(app.search.history, ["造血干细胞", "太原", "华北血管"]);
}

#[test]
fn esc_closes_the_search_and_slash_brings_it_back_as_it_was() {
    let mut app = app(100, 30);
    searched(&mut app, "太原");
    drive(&mut app, ctrl('n'));
    drive(&mut app, ctrl('n'));
    assert_eq!(app.search.selected, 2);
    drive(&mut app, code(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(
        app.focus,
        Pane::Issues,
        "Esc in the search is not Esc in the panes"
    );
    let fx = drive(&mut app, key('/'));
    assert!(fx.is_empty(), "nothing to search again");
    assert_eq!(app.search.input.value(), "太原");
    assert_eq!(app.search.selected, 2);
    assert_eq!(app.search.shown_query, "太原");
}

#[test]
fn esc_in_an_article_opened_from_the_search_goes_back_to_the_hits() {
    let mut app = app(100, 30);
    searched(&mut app, "太原");
    drive(&mut app, ctrl('n'));
    let hit = app.search.hits[1].clone();
    drive(&mut app, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::None));
    let open = app.reader.open.clone().expect("the hit is open");
    assert_eq!((open.issue, open.article), (hit.issue, hit.article));
    drive(&mut app, key('j'));
    drive(&mut app, code(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::Search));
    assert_eq!(app.search.input.value(), "太原");
    assert_eq!(app.search.selected, 1);
    // Another hit from there.
    drive(&mut app, ctrl('n'));
    drive(&mut app, code(KeyCode::Enter));
    let open = app.reader.open.clone().unwrap();
    assert_eq!(open.article, app.search.hits[2].article);
    // An article reached otherwise: Esc goes back to the list as usual.
    drive(&mut app, key('}'));
    drive(&mut app, code(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.focus, Pane::Articles);
}

#[test]
fn keys_typed_in_the_search_are_text() {
    let mut app = reading(100, 30, "000_", 0);
    drive(&mut app, key('/'));
    let fx = drive_all(&mut app, typed("q]o?y"));
    assert!(!app.quit);
    assert_eq!(app.search.input.value(), "q]o?y");
    assert!(app.reader.raw.is_none());
    assert!(
        fx.iter().all(|e| matches!(e, Effect::Search { .. })),
        "{fx:?}"
    );
}

#[test]
fn a_paste_is_one_query() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    let fx = update(&mut app, Msg::Pasted("造血\n干细胞".into()));
    assert_eq!(search_of(&fx).1, q("造血 干细胞"));
}

#[test]
fn enter_opens_the_hit_at_its_first_match_and_n_walks_the_matches() {
    let rows = 20 - 1 - 2;
    let mut app = app(60, 20);
    searched(&mut app, "造血干细胞");
    let hit = app.search.hits[0].clone();
    drive(&mut app, code(KeyCode::Enter));
    let open = app.reader.open.clone().unwrap();
    assert_eq!((open.issue, open.article), (hit.issue, hit.article));
    assert_eq!(app.focus, Pane::Reader);
    let count = app.reader.matches.len();
    assert!(count >= 5, "造血干细胞 is all over the article: {count}");
    assert_eq!(app.reader.current_match, Some(0));
    let lit: String = app
        .reader
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().filter(|p| p.highlighted))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        lit,
        "造血干细胞".repeat(count),
        "each match lit, nothing else"
    );

    let visible = |app: &App| {
        let m = &app.reader.matches[app.reader.current_match.unwrap()];
        let line = app
            .reader
            .lines
            .iter()
            .position(|l| {
                l.origin == dubao::tui::reader::Origin::Text(m.text)
                    && l.char_range.contains(&m.chars.start)
            })
            .unwrap();
        (app.reader.scroll..app.reader.scroll + rows).contains(&line)
    };
    assert!(visible(&app));
    let mut scrolls = vec![app.reader.scroll];
    for i in 1..count {
        drive(&mut app, key('n'));
        assert_eq!(app.reader.current_match, Some(i));
        assert!(visible(&app), "match {i} on screen");
        scrolls.push(app.reader.scroll);
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.text == format!("match {}/{count}", i + 1))
        );
    }
    assert!(scrolls.windows(2).all(|w| w[0] <= w[1]), "{scrolls:?}");
    assert!(scrolls.last() > scrolls.first(), "n scrolls: {scrolls:?}");
    drive(&mut app, key('n'));
    assert_eq!(app.reader.current_match, Some(0), "n wraps around");
    assert_eq!(app.reader.scroll, scrolls[0]);
    drive(&mut app, key('N'));
    assert_eq!(app.reader.current_match, Some(count - 1), "N wraps back");
    assert_eq!(app.reader.scroll, *scrolls.last().unwrap());
    drive(&mut app, key('N'));
    assert_eq!(app.reader.current_match, Some(count - 2));
}

#[test]
fn a_simplified_query_finds_and_lights_the_traditional_text() {
    let mut app = app(100, 30);
    searched(&mut app, "华北血管");
    assert_eq!(app.search.total, 1);
    let hit = &app.search.hits[0];
    assert_eq!(hit.issue, sample().issue("001_").id);
    let [a, b] = hit.snippet.highlights[0];
    let lit: String = hit.snippet.text.chars().skip(a).take(b - a).collect();
    assert_eq!(lit, "華北血管", "the text as printed is lit");
    drive(&mut app, code(KeyCode::Enter));
    let lit: String = app
        .reader
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().filter(|p| p.highlighted))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(lit, "華北血管");
}

#[test]
fn n_without_a_search_says_so() {
    let mut app = reading(100, 30, "000_", 0);
    drive(&mut app, key('n'));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no matches"))
    );
    // Articles opened otherwise after a search are not lit.
    searched(&mut app, "造血干细胞");
    drive(&mut app, code(KeyCode::Enter));
    assert!(!app.reader.matches.is_empty());
    drive(&mut app, key('{'));
    assert!(app.reader.matches.is_empty());
    assert!(app.reader.lines.iter().all(|l| !l.is_highlighted()));
}

#[test]
fn moving_near_the_end_of_the_hits_fetches_more() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    let fx = type_query(&mut app, "日");
    drive(&mut app, answer(&fx));
    let total = app.search.total;
    assert!(
        total > PAGE_HITS,
        "日 is in more articles than a page: {total}"
    );
    assert_eq!(app.search.hits.len(), PAGE_HITS);
    let mut more = Vec::new();
    for _ in 0..PAGE_HITS {
        let fx = drive(&mut app, ctrl('n'));
        if !fx.is_empty() {
            more = fx;
            break;
        }
    }
    let (generation, query, offset) = search_of(&more);
    assert_eq!(
        (generation, query, offset),
        (app.search.generation, q("日"), PAGE_HITS)
    );
    assert!(app.search.selected + 10 >= PAGE_HITS);
    // More moves while it loads ask for nothing more.
    assert!(drive(&mut app, ctrl('n')).is_empty());
    drive(&mut app, answer(&more));
    assert_eq!(app.search.hits.len(), total);
    let mut keys: Vec<_> = app
        .search
        .hits
        .iter()
        .map(|h| (h.issue.clone(), h.article))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total, "each hit once");
}

#[test]
fn tab_narrows_the_search_to_the_issue_it_was_opened_from() {
    let s = sample();
    let mut app = reading(100, 30, "000_", 0);
    drive(&mut app, key('/'));
    type_query(&mut app, "太原");
    let fx = drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.search.scope, Scope::Issue(s.issue("000_").id.clone()));
    let Some(Effect::Search { scope, .. }) = fx.first() else {
        panic!("{fx:?}");
    };
    assert_eq!(scope.as_ref(), Some(&s.issue("000_").id));
    drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.search.scope, Scope::Archive);
    // From the issue list there is no issue to narrow to.
    let mut app = tui::app(100, 30);
    drive(&mut app, key('/'));
    drive(&mut app, code(KeyCode::Tab));
    assert_eq!(app.search.scope, Scope::Archive);
}

#[test]
fn hits_narrowed_to_an_issue_are_not_shown_as_the_whole_archives() {
    let s = sample();
    let mut app = reading(100, 30, "000_", 0);
    drive(&mut app, key('/'));
    type_query(&mut app, "太原");
    let fx = drive(&mut app, code(KeyCode::Tab));
    let (generation, _, _) = search_of(&fx);
    let narrowed = sample().archive.search(
        &dubao::archive::query::parse("太原").unwrap(),
        &dubao::archive::SearchOptions {
            limit: PAGE_HITS,
            offset: 0,
            issue: Some(s.issue("000_").id.clone()),
            ..Default::default()
        },
    );
    drive(
        &mut app,
        Msg::SearchDone {
            generation,
            offset: 0,
            results: narrowed.map_err(std::sync::Arc::new),
        },
    );
    assert!(
        app.search
            .hits
            .iter()
            .all(|h| h.issue == s.issue("000_").id)
    );
    drive(&mut app, code(KeyCode::Esc));
    // Back to the issue list, where the search covers the whole archive again.
    drive_all(&mut app, [code(KeyCode::Esc), code(KeyCode::Esc)]);
    assert_eq!(app.focus, Pane::Issues);
    let fx = drive(&mut app, key('/'));
    assert_eq!(app.search.scope, Scope::Archive);
    let Some(Effect::Search { scope, query, .. }) = fx.first() else {
        panic!("the narrowed hits must be searched again for the whole archive: {fx:?}");
    };
    assert_eq!((scope, query), (&None, &q("太原")));

    // Narrowed in one issue, opened again from another: narrowed to that one.
    drive(&mut app, code(KeyCode::Esc));
    // (`[` goes to the issue before of the same paper: 002_ and 003_ name none.)
    let mut app = reading(100, 30, "002_", 0);
    drive(&mut app, key('/'));
    type_query(&mut app, "太原");
    drive(&mut app, code(KeyCode::Tab));
    drive(&mut app, code(KeyCode::Esc));
    drive(&mut app, key('['));
    let fx = drive(&mut app, key('/'));
    assert_eq!(app.search.scope, Scope::Issue(s.issue("003_").id.clone()));
    let Some(Effect::Search { scope, .. }) = fx.first() else {
        panic!("searched again in the issue it is opened from: {fx:?}");
    };
    assert_eq!(scope.as_ref(), Some(&s.issue("003_").id));
}

#[test]
fn a_late_chart_of_an_older_query_is_dropped() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    let old = type_query(&mut app, "山");
    let new = type_query(&mut app, "西");
    drive(&mut app, answer(&new));
    // The older query's chart arrives after the newer one's hits: not shown.
    drive(&mut app, common::tui::answer_timeline(&old));
    assert!(
        app.search.timeline.is_none(),
        "a chart of 山 under 山西's hits"
    );
    drive(&mut app, common::tui::answer_timeline(&new));
    let t = app.search.timeline.clone().expect("the chart of 山西");
    assert_eq!(t.total as usize, app.search.total);
    // A new query clears the chart until its own arrives.
    type_query(&mut app, "日");
    assert!(app.search.timeline.is_none());
}

#[test]
fn alt_s_cycles_the_order_and_searches_again() {
    let mut app = app(100, 30);
    searched(&mut app, "山西");
    assert_eq!(app.search.sort, Sort::Relevance);
    for want in [Sort::Newest, Sort::Oldest, Sort::Relevance] {
        let fx = drive(&mut app, common::tui::alt('s'));
        assert_eq!(app.search.sort, want);
        let Some(Effect::Search { sort, query, .. }) = fx.first() else {
            panic!("searched again: {fx:?}")
        };
        assert_eq!((*sort, query), (want, &q("山西")));
    }
}

#[test]
fn alt_p_narrows_to_the_selected_hits_paper_and_back() {
    let mut app = app(100, 30);
    searched(&mut app, "太原");
    // Move to a hit that names its paper.
    let at = app
        .search
        .hits
        .iter()
        .position(|h| h.paper.is_some())
        .expect("a hit with a paper");
    app.search.selected = at;
    let fx = drive(&mut app, common::tui::alt('p'));
    assert_eq!(app.search.input.value(), "太原 paper:山西日报");
    assert_eq!(search_of(&fx).1, q("太原 paper:山西日报"));
    drive(&mut app, answer(&fx));
    assert!(
        app.search
            .hits
            .iter()
            .all(|h| h.paper.as_deref() == Some("山西日报"))
    );
    let fx = drive(&mut app, common::tui::alt('p'));
    assert_eq!(app.search.input.value(), "太原");
    assert_eq!(search_of(&fx).1, q("太原"));
}

#[test]
fn alt_r_toggles_the_charts_share_view() {
    let mut app = app(100, 30);
    searched(&mut app, "山西");
    assert!(!app.search.chart_share);
    assert!(
        drive(&mut app, common::tui::alt('r')).is_empty(),
        "no new search"
    );
    assert!(app.search.chart_share);
    drive(&mut app, common::tui::alt('r'));
    assert!(!app.search.chart_share);
}

#[test]
fn alt_c_lines_up_every_occurrence_and_enter_opens_at_it() {
    let mut app = app(100, 30);
    searched(&mut app, "山西");
    let fx = drive(&mut app, common::tui::alt('c'));
    let kwic = app.search.kwic.as_ref().expect("the concordance is on");
    assert!(kwic.loading);
    drive(&mut app, common::tui::answer_concordance(&fx));
    let kwic = app.search.kwic.as_ref().unwrap();
    assert!(!kwic.loading);
    assert!(
        kwic.lines.len() > app.search.total,
        "more occurrences than hits"
    );
    // Down to an occurrence that is not an article's first.
    let target = kwic
        .lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, l)| l.article_ref() == kwic.lines[i - 1].article_ref())
        .map(|(i, _)| i)
        .expect("an article with two occurrences");
    for _ in 0..target {
        drive(&mut app, ctrl('n'));
    }
    let line = app.search.kwic.as_ref().unwrap().lines[target].clone();
    drive(&mut app, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::None));
    let open = app.reader.open.clone().expect("opened");
    assert_eq!(open, line.article_ref());
    let at = app.reader.current_match.expect("at a match");
    let m = &app.reader.matches[at];
    assert_eq!((m.text, m.chars.start), (line.text, line.chars.start));
    assert!(at > 0, "not the article's first match: the one chosen");
    // n walks on from it.
    drive(&mut app, key('n'));
    assert_eq!(
        app.reader.current_match,
        Some((at + 1) % app.reader.matches.len())
    );
}

#[test]
fn concordance_pages_of_an_older_query_are_dropped_and_alt_s_reorders() {
    let mut app = app(100, 30);
    drive(&mut app, key('/'));
    drive(&mut app, common::tui::alt('c'));
    let old = type_query(&mut app, "山");
    let new = type_query(&mut app, "西");
    drive(&mut app, common::tui::answer_concordance(&old));
    assert!(
        app.search.kwic.as_ref().unwrap().lines.is_empty(),
        "山's lines under 山西"
    );
    drive(&mut app, common::tui::answer_concordance(&new));
    let first: Vec<String> = app
        .search
        .kwic
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .map(|l| l.left.clone())
        .collect();
    assert!(!first.is_empty());
    let fx = drive(&mut app, common::tui::alt('s'));
    let Some(Effect::Concordance { sort, from: 0, .. }) = fx.first() else {
        panic!("asked again from the start: {fx:?}")
    };
    assert_eq!(*sort, dubao::archive::concordance::KwicSort::Left);
    drive(&mut app, common::tui::answer_concordance(&fx));
    let kwic = app.search.kwic.as_ref().unwrap();
    assert_eq!(kwic.lines.len(), first.len(), "the same lines, reordered");
    // Alt-c again: back to hits.
    drive(&mut app, common::tui::alt('c'));
    assert!(app.search.kwic.is_none());
}

#[test]
fn alt_e_exports_the_hits_shown_and_e_the_bookmarks() {
    use dubao::archive::export::Selection;
    let mut app = app(100, 30);
    searched(&mut app, "山西");
    let fx = drive(&mut app, common::tui::alt('e'));
    let [Effect::Export(Selection::Query { query, text, .. })] = fx.as_slice() else {
        panic!("an export: {fx:?}")
    };
    assert_eq!((query, text.as_str()), (&q("山西"), "山西"));
    // The runtime answers where it wrote it; the status line says so.
    drive(
        &mut app,
        Msg::Exported(Ok(dubao::tui::msg::Exported {
            path: "/data/exports/山西-20261202.md".into(),
            articles: 27,
            missing: 0,
        })),
    );
    assert!(
        common::tui::status(&app)
            .contains("exported 27 articles to /data/exports/山西-20261202.md"),
        "{}",
        common::tui::status(&app)
    );
    // e in the bookmarks list: the bookmarks, in their order.
    drive(&mut app, code(KeyCode::Esc));
    let mut app = reading(100, 30, "003_", 1);
    drive(&mut app, key('m'));
    drive(&mut app, key('\''));
    let fx = drive(&mut app, key('e'));
    let [Effect::Export(Selection::Bookmarks(refs))] = fx.as_slice() else {
        panic!("an export of the bookmarks: {fx:?}")
    };
    assert_eq!(refs, &[app.reader.open.clone().unwrap()]);
}
