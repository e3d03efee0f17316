//! Papers and pages: `P` chooses the paper the issue list shows, `<` `>` go by page
//! within an issue, `c` follows a story continued on another page (下转第N版 / 上接第N版)
//! and `Ctrl-o` comes back (it is the history's).

use crossterm::event::KeyEvent;

use super::navigate;
use crate::archive::ArticleRef;
use crate::ingest::Article;
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::keys::{Action, KeyScope};
use crate::tui::msg::Effect;
use crate::tui::reader::{Jump, continuation};

pub fn open_papers(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    let rows = app.paper_rows();
    let selected = app
        .paper
        .as_ref()
        .and_then(|f| rows.iter().position(|r| r.paper.as_ref() == Some(f)))
        .unwrap_or(0);
    app.overlay = Overlay::Papers { rows, selected };
    Vec::new()
}

pub fn on_papers_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.dirty = true;
    let Overlay::Papers { rows, selected } = &mut app.overlay else {
        return Vec::new();
    };
    let last = rows.len().saturating_sub(1);
    match app.keymap.action_in(KeyScope::Papers, &key) {
        Some(Action::PapersDown) => *selected = (*selected + 1).min(last),
        Some(Action::PapersUp) => *selected = selected.saturating_sub(1),
        Some(Action::PapersClose) => app.overlay = Overlay::None,
        Some(Action::PapersOpen) => {
            let choice = rows.get(*selected).and_then(|r| r.paper.clone());
            app.overlay = Overlay::None;
            return choose(app, choice);
        }
        _ => {}
    }
    Vec::new()
}

/// Shows one paper's issues (or every paper's), on the issue nearest in date to the one
/// selected.
pub fn choose(app: &mut App, paper: Option<crate::tui::app::PaperFilter>) -> Vec<Effect> {
    let date = app.selected_issue().and_then(|i| i.date);
    app.paper = paper;
    app.refresh_visible();
    let keep = app.visible_pos(app.issue_sel).map(|_| app.issue_sel);
    let nearest = keep.or_else(|| {
        let on_or_after = app
            .visible
            .iter()
            .copied()
            .find(|&i| date.is_some_and(|d| app.issues[i].date.is_some_and(|x| x >= d)));
        on_or_after.or_else(|| app.visible.last().copied())
    });
    match app.paper.as_ref() {
        Some(p) => app.info(format!(
            "{} of {} (P: another paper or all)",
            crate::tui::view::plural(app.visible.len(), "issue"),
            p.name()
        )),
        None => app.info(format!(
            "every paper: {}",
            crate::tui::view::plural(app.visible.len(), "issue")
        )),
    }
    match nearest {
        Some(i) => navigate::select_issue(app, i),
        None => Vec::new(),
    }
}

/// The article being read (in the reader) or selected (in the articles pane).
fn here(app: &App) -> Option<ArticleRef> {
    match (app.focus, &app.reader.open) {
        (Pane::Reader, Some(open)) => Some(open.clone()),
        _ => Some(ArticleRef {
            issue: app.current.issue.clone()?,
            article: u32::try_from(app.article_sel).ok()?,
        }),
    }
}

/// `<` `>`: the first article of the page before or after the one here.
pub fn adjacent_page(app: &mut App, delta: isize) -> Vec<Effect> {
    app.dirty = true;
    let Some(at) = here(app) else {
        return Vec::new();
    };
    if app.current.issue.as_ref() != Some(&at.issue) || app.current.articles.is_empty() {
        return Vec::new();
    }
    let articles = &app.current.articles;
    let page_of = |n: usize| articles.get(n).and_then(|a| a.page);
    let here_page = page_of(at.article as usize);
    let target = if delta > 0 {
        (at.article as usize + 1..articles.len()).find(|&n| page_of(n) != here_page)
    } else {
        // The start of the page before: back past this page, then to that page's first.
        let before = (0..at.article as usize)
            .rev()
            .find(|&n| page_of(n) != here_page);
        before.map(|b| {
            let p = page_of(b);
            (0..=b)
                .rev()
                .take_while(|&n| page_of(n) == p)
                .last()
                .unwrap_or(b)
        })
    };
    let Some(target) = target else {
        app.info(if articles.iter().all(|a| a.page.is_none()) {
            "this issue has no pages"
        } else if delta > 0 {
            "this is the last page"
        } else {
            "this is the first page"
        });
        return Vec::new();
    };
    go_to(app, at.issue, target)
}

fn go_to(app: &mut App, issue: crate::archive::IssueId, article: usize) -> Vec<Effect> {
    if app.focus == Pane::Reader {
        app.reader.from_search = false;
        app.reader.terms.clear();
        let target = ArticleRef {
            issue,
            article: article as u32,
        };
        return navigate::open_article(app, target, 0, true);
    }
    app.article_sel = article;
    Vec::new()
}

/// The article on `page` that continues `from` (or that `from` continues): the one whose
/// title, kicker or first words match, else the one whose own jump note points back.
pub fn other_half(articles: &[Article], from: usize, jump: &Jump) -> Option<usize> {
    let this = articles.get(from)?;
    let this_page = this.page;
    let on_page: Vec<usize> = (0..articles.len())
        .filter(|&n| n != from && articles[n].page == Some(jump.page))
        .collect();
    let title = this.title.as_deref().unwrap_or_default();
    let by_title = on_page.iter().copied().find(|&n| {
        let a = &articles[n];
        !title.is_empty()
            && (a.title.as_deref() == Some(title)
                || a.kicker.as_deref().is_some_and(|k| k.contains(title))
                || a.title
                    .as_deref()
                    .is_some_and(|t| t.contains(title) || title.contains(t)))
    });
    by_title.or_else(|| {
        on_page.iter().copied().find(|&n| {
            continuation(&articles[n]).is_some_and(|back| {
                back.continued_on != jump.continued_on && Some(back.page) == this_page
            })
        })
    })
}

/// `c`: to the other half of a story continued on another page.
pub fn follow(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    let (Some(open), Some(article)) = (app.reader.open.clone(), app.reader.article.as_ref()) else {
        app.info("open an article first; c follows 下转/上接 to the other page");
        return Vec::new();
    };
    let Some(jump) = continuation(article) else {
        app.info("this article does not go on on another page");
        return Vec::new();
    };
    if app.current.issue.as_ref() != Some(&open.issue) {
        return Vec::new();
    }
    match other_half(&app.current.articles, open.article as usize, &jump) {
        Some(n) => {
            app.focus = Pane::Reader;
            go_to(app, open.issue, n)
        }
        None => {
            let what = if jump.continued_on {
                "the rest of this story"
            } else {
                "its beginning"
            };
            app.info(format!(
                "found no article on page {} with {what}",
                jump.page
            ));
            Vec::new()
        }
    }
}
