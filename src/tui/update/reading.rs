//! The article view: showing an article, laying it out for the pane's width, scrolling,
//! search matches (`n`/`N`), the raw text (`o`) and copying (`y`).

use super::failure;
use crate::archive::IssueId;
use crate::archive::snippet::find_matches;
use crate::tui::app::{App, Pane, RawView};
use crate::tui::geometry;
use crate::tui::msg::{Effect, Failure, Job};
use crate::tui::reader::{self, Origin};

/// Lines of context kept above a match scrolled to.
const MATCH_CONTEXT_LINES: usize = 2;

/// The text area of the reader as it is (or would be, once focused) on screen.
fn text_area(app: &App) -> ratatui::layout::Rect {
    let panes = geometry::panes(app.width, app.height, app.focus);
    let reader = panes.reader.unwrap_or_else(|| {
        geometry::panes(app.width, app.height, Pane::Reader)
            .reader
            .unwrap_or_default()
    });
    geometry::text_area(reader)
}

pub fn visible_rows(app: &App) -> usize {
    usize::from(text_area(app).height).max(1)
}

/// Lays the article (or raw text) out again if the width changed; keeps the reading
/// position on the same text.
pub fn relayout(app: &mut App) {
    let width = usize::from(text_area(app).width).max(1);
    if width == app.reader.laid_out_cols && !app.reader.lines.is_empty() {
        clamp_scroll(app);
        return;
    }
    // Anchored on the first line with text: a blank line (or a derived title) has no
    // place in the article to find again, and would send the reader back to the top.
    let anchor = app
        .reader
        .lines
        .iter()
        .enumerate()
        .skip(app.reader.scroll)
        .find(|(_, l)| l.origin != Origin::None)
        .map(|(i, l)| (i - app.reader.scroll, l.origin, l.char_range.start));
    app.reader.laid_out_cols = width;
    lay_out(app);
    if let Some((above, origin, at)) = anchor {
        if let Some(line) = reader::line_of(&app.reader.lines, origin, at) {
            app.reader.scroll = line.saturating_sub(above);
        }
    }
    if let Some(raw) = app.reader.raw.as_mut() {
        if let Some(text) = &raw.text {
            let anchor = raw
                .lines
                .get(raw.scroll)
                .map(|l| (l.origin, l.char_range.start));
            raw.lines = reader::raw_lines(text, width, &app.layout, &mut app.reader.cache);
            if let Some((origin, at)) = anchor {
                raw.scroll = reader::line_of(&raw.lines, origin, at).unwrap_or(0);
            }
        }
    }
    clamp_scroll(app);
}

fn lay_out(app: &mut App) {
    let width = app.reader.laid_out_cols.max(1);
    let r = &mut app.reader;
    // As shown: converted to simplified characters when asked and ready.
    let converted = r
        .converted
        .as_ref()
        .filter(|(at, _)| r.simplified && r.open.as_ref() == Some(at))
        .map(|(_, a)| a);
    r.lines = match converted.or(r.article.as_ref()) {
        Some(article) => reader::story_lines(
            article,
            r.join,
            width,
            &app.layout,
            &mut r.cache,
            &r.matches,
        ),
        None => Vec::new(),
    };
}

fn max_scroll(app: &App, lines: usize) -> usize {
    lines.saturating_sub(visible_rows(app))
}

fn clamp_scroll(app: &mut App) {
    let max = max_scroll(app, app.reader.lines.len());
    app.reader.scroll = app.reader.scroll.min(max);
    if let Some(raw) = &app.reader.raw {
        let max = max_scroll(app, raw.lines.len());
        if let Some(raw) = app.reader.raw.as_mut() {
            raw.scroll = raw.scroll.min(max);
        }
    }
}

/// Puts the article the reader is waiting for on screen, at the pending scroll or at the
/// first search match (asking for it in simplified characters when `t` is on).
pub fn show_article(app: &mut App) -> Vec<Effect> {
    let Some(open) = app.reader.open.clone() else {
        return Vec::new();
    };
    if app.current.articles.get(open.article as usize).is_none() {
        app.error(format!(
            "issue {} has no article {}",
            open.issue,
            open.article + 1
        ));
        return Vec::new();
    }
    // A story continued on another page is shown whole, from its first half.
    let story = super::paper::whole_story(&app.current.articles, open.article as usize);
    let article = story.article;
    app.reader.join = story.join;
    let convert = app.reader.simplified && wants_conversion(app, &open);
    app.reader.matches = find_matches(&article, &app.reader.terms);
    app.reader.article = Some(article);
    app.mark_read(&open);
    app.state_dirty = true;
    app.reader.laid_out_cols = usize::from(text_area(app).width).max(1);
    lay_out(app);
    let pending = app.reader.pending_scroll.take().unwrap_or(0);
    app.reader.scroll = pending;
    let wanted = app.reader.pending_match.take().and_then(|(text, start)| {
        let text = (story.text_of)(text)?;
        app.reader
            .matches
            .iter()
            .position(|m| m.text == text && m.chars.start == start)
    });
    // From a search: at the first match in the half that was found, else the first.
    let first_here = app
        .reader
        .matches
        .iter()
        .position(|m| m.text >= story.opened_from)
        .or((!app.reader.matches.is_empty()).then_some(0));
    if let Some(i) = wanted {
        app.reader.current_match = Some(i);
        scroll_to_match(app, i);
    } else if let (0, Some(i)) = (pending, first_here) {
        app.reader.current_match = Some(i);
        scroll_to_match(app, i);
    } else if pending == 0 && story.opened_from > 0 {
        // The second half, opened: where it begins in the whole story.
        let line = reader::line_of(&app.reader.lines, Origin::Text(story.opened_from), 0);
        app.reader.scroll = line.unwrap_or(0).saturating_sub(MATCH_CONTEXT_LINES);
    }
    clamp_scroll(app);
    app.dirty = true;
    if convert {
        return simplify(app, open);
    }
    Vec::new()
}

/// Whether an article's issue is in traditional script (and not converted yet).
fn wants_conversion(app: &App, at: &crate::archive::ArticleRef) -> bool {
    let traditional = app
        .issue_index(&at.issue)
        .is_some_and(|i| app.issues[i].script == crate::ingest::Script::Traditional);
    traditional && app.reader.converted.as_ref().is_none_or(|(c, _)| c != at)
}

fn simplify(app: &mut App, at: crate::archive::ArticleRef) -> Vec<Effect> {
    let Some(article) = &app.reader.article else {
        return Vec::new();
    };
    let texts = article
        .texts()
        .into_iter()
        .map(|(_, t)| t.to_owned())
        .collect();
    app.info("converting to simplified characters…");
    vec![Effect::Simplify { article: at, texts }]
}

/// `t`: a traditional article in simplified characters (OpenCC's phrases), and back. The
/// text keeps its positions, so search matches stay lit where they are.
pub fn toggle_script(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    app.reader.simplified = !app.reader.simplified;
    let Some(open) = app.reader.open.clone() else {
        app.info(if app.reader.simplified {
            "traditional text will show in simplified characters (t again: as printed)"
        } else {
            "text shows as printed"
        });
        return Vec::new();
    };
    if app.reader.simplified && wants_conversion(app, &open) {
        return simplify(app, open);
    }
    if !app.reader.simplified || app.reader.converted.is_some() {
        app.info(if app.reader.simplified {
            "in simplified characters (t: as printed)"
        } else {
            "as printed (t: in simplified characters)"
        });
    } else {
        app.info("this issue is printed in simplified characters");
    }
    app.reader.laid_out_cols = 0;
    relayout(app);
    Vec::new()
}

/// The converted texts of an article: shown if it is still the one open.
pub fn simplified(
    app: &mut App,
    at: crate::archive::ArticleRef,
    texts: Vec<String>,
) -> Vec<Effect> {
    let Some(article) = app
        .reader
        .article
        .as_ref()
        .filter(|_| app.reader.open.as_ref() == Some(&at))
    else {
        return Vec::new();
    };
    let originals: Vec<usize> = article
        .texts()
        .iter()
        .map(|(_, t)| t.chars().count())
        .collect();
    let mut texts = texts.into_iter();
    let mut lengths = originals.into_iter();
    // A conversion that changed a text's length would move every match after it: that
    // text is kept as printed.
    let converted = article.map_texts(|original| match (texts.next(), lengths.next()) {
        (Some(t), Some(n)) if t.chars().count() == n => t,
        _ => original.to_owned(),
    });
    app.reader.converted = Some((at, converted));
    app.info("in simplified characters (t: as printed)");
    app.reader.laid_out_cols = 0;
    relayout(app);
    app.dirty = true;
    Vec::new()
}

pub fn scroll_by(app: &mut App, delta: isize) {
    match app.reader.raw.as_ref() {
        Some(raw) => {
            let target = raw.scroll.saturating_add_signed(delta);
            scroll_raw_to(app, target);
        }
        None => scroll_to(app, app.reader.scroll.saturating_add_signed(delta)),
    }
}

pub fn scroll_to(app: &mut App, line: usize) {
    if app.reader.raw.is_some() {
        scroll_raw_to(app, line);
        return;
    }
    let target = line.min(max_scroll(app, app.reader.lines.len()));
    if target != app.reader.scroll {
        app.reader.scroll = target;
        app.dirty = true;
    }
}

fn scroll_raw_to(app: &mut App, line: usize) {
    let len = app.reader.raw.as_ref().map_or(0, |r| r.lines.len());
    let target = line.min(max_scroll(app, len));
    if let Some(raw) = app.reader.raw.as_mut() {
        if raw.scroll != target {
            raw.scroll = target;
            app.dirty = true;
        }
    }
}

fn scroll_to_match(app: &mut App, index: usize) {
    let Some(m) = app.reader.matches.get(index) else {
        return;
    };
    let line = reader::line_of(&app.reader.lines, Origin::Text(m.text), m.chars.start).unwrap_or(0);
    let line = line.saturating_sub(MATCH_CONTEXT_LINES);
    app.reader.scroll = line.min(max_scroll(app, app.reader.lines.len()));
}

/// `n` / `N`: the next or previous match, wrapping around.
pub fn next_match(app: &mut App, delta: isize) -> Vec<Effect> {
    app.dirty = true;
    let count = app.reader.matches.len();
    if count == 0 {
        app.info("no matches here (search with /)");
        return Vec::new();
    }
    let next = match app.reader.current_match {
        None if delta > 0 => 0,
        None => count - 1,
        Some(i) => (i as isize + delta).rem_euclid(count as isize) as usize,
    };
    app.reader.current_match = Some(next);
    if app.focus != Pane::Reader {
        app.focus = Pane::Reader;
        relayout(app);
    }
    scroll_to_match(app, next);
    app.info(format!("match {}/{count}", next + 1));
    Vec::new()
}

/// `o`: the issue's raw text at the article's place, or back to the article.
pub fn toggle_raw(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    if app.reader.raw.take().is_some() {
        return Vec::new();
    }
    // The half opened (a continued story is shown whole; its file is that half's).
    let opened = app
        .reader
        .open
        .clone()
        .and_then(|o| Some((o.clone(), app.current.articles.get(o.article as usize)?)));
    let Some((open, article)) = opened else {
        app.info("open an article first; o shows its original text");
        return Vec::new();
    };
    let anchor_line = article
        .raw_lines
        .map_or(0, |[first, _]| first.saturating_sub(1));
    // The file the article came from (an article of an older archive names none: its
    // issue's one file).
    let source = if article.source.is_empty() {
        app.issues
            .iter()
            .find(|i| i.id == open.issue)
            .map(|i| i.source.clone())
            .unwrap_or_default()
    } else {
        article.source.clone()
    };
    app.focus = Pane::Reader;
    app.reader.raw = Some(RawView {
        issue: Some(open.issue.clone()),
        source: source.clone(),
        anchor_line,
        ..RawView::default()
    });
    vec![Effect::LoadRaw {
        issue: open.issue,
        source,
    }]
}

pub fn raw_loaded(
    app: &mut App,
    issue: IssueId,
    source: &str,
    text: Result<String, Failure>,
) -> Vec<Effect> {
    let width = usize::from(text_area(app).width).max(1);
    let Some(raw) = app
        .reader
        .raw
        .as_mut()
        .filter(|r| r.issue.as_ref() == Some(&issue) && r.source == source)
    else {
        return Vec::new();
    };
    app.dirty = true;
    match text {
        Ok(text) => {
            raw.lines = reader::raw_lines(&text, width, &app.layout, &mut app.reader.cache);
            raw.scroll =
                reader::line_of(&raw.lines, Origin::RawLine(raw.anchor_line), 0).unwrap_or(0);
            raw.text = Some(text);
            clamp_scroll(app);
        }
        Err(e) => {
            app.reader.raw = None;
            return failure::show(app, Job::LoadRaw, &e);
        }
    }
    Vec::new()
}

/// `y`: the article as plain text, headlines first, for the clipboard.
pub fn copy(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    let Some(article) = &app.reader.article else {
        app.info("open an article first; y copies it");
        return Vec::new();
    };
    let body = article
        .texts()
        .iter()
        .map(|(_, t)| t.trim())
        .collect::<Vec<_>>()
        .join("\n\n");
    // The citation goes with the text: where it was printed, and what it is.
    let cite = app
        .reader
        .open
        .as_ref()
        .map(|at| app.citation(at))
        .filter(|c| !c.is_empty());
    let text = match cite {
        Some(c) => format!("{c} · {}\n\n{body}", article.display_title().text),
        None => body,
    };
    let chars = text.chars().count();
    app.info(format!(
        "copied {chars} characters with the citation (OSC 52)"
    ));
    vec![Effect::Copy(text)]
}
