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

/// What the reader shows for an article: the whole story when it is continued on
/// another page of the issue (its first half, then the other's text), else the article.
pub struct Story {
    pub article: Article,
    /// Where the other page's text begins, for the line that marks it.
    pub join: Option<crate::tui::reader::Join>,
    /// Where the article opened begins among the story's texts.
    pub opened_from: usize,
    /// A text of the article opened (by its index in [`Article::texts`]) as the story's.
    pub text_of: Box<dyn Fn(usize) -> Option<usize>>,
}

/// Counts of an article's texts: head (kicker, title, subtitle, byline), sections,
/// captions — the order of [`Article::texts`].
fn text_counts(a: &Article) -> (usize, usize, usize) {
    let head = [&a.kicker, &a.title, &a.subtitle, &a.byline]
        .iter()
        .filter(|t| t.is_some())
        .count();
    let sections = a
        .sections
        .iter()
        .map(|s| usize::from(s.heading.is_some()) + s.paragraphs.len())
        .sum();
    (head, sections, a.captions.len())
}

pub fn whole_story(articles: &[Article], n: usize) -> Story {
    let alone = |a: &Article| Story {
        article: a.clone(),
        join: None,
        opened_from: 0,
        text_of: Box::new(Some),
    };
    let Some(this) = articles.get(n) else {
        return alone(&Article::default());
    };
    let Some(jump) = continuation(this) else {
        return alone(this);
    };
    let Some(other) = other_half(articles, n, &jump) else {
        return alone(this);
    };
    let (first, second) = if jump.continued_on {
        (this, &articles[other])
    } else {
        (&articles[other], this)
    };
    // The first half as printed, then the other's sections and captions: its head (the
    // title again, often after `(上接第1版)`) would only repeat the first's.
    let mut story = first.clone();
    story.sections.extend(second.sections.iter().cloned());
    story.captions.extend(second.captions.iter().cloned());
    let (k1, s1, c1) = text_counts(first);
    let (k2, s2, _) = text_counts(second);
    let opened_first = jump.continued_on;
    let text_of: Box<dyn Fn(usize) -> Option<usize>> = if opened_first {
        // Its head and sections keep their places; its captions move past the second's
        // sections.
        Box::new(move |t| Some(if t < k1 + s1 { t } else { t + s2 }))
    } else {
        Box::new(move |t| match t {
            t if t < k2 => None,
            t if t < k2 + s2 => Some(t - k2 + k1 + s1),
            t => Some(t - k2 - s2 + k1 + s1 + s2 + c1),
        })
    };
    let join = crate::tui::reader::Join {
        at_text: k1 + s1,
        page: second.page.unwrap_or(jump.page),
    };
    Story {
        article: story,
        join: Some(join),
        opened_from: if opened_first { 0 } else { k1 + s1 },
        text_of,
    }
}

/// `c`: to the other half of a story continued on another page.
pub fn follow(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    // The half opened (the reader shows the whole story).
    let opened = app
        .reader
        .open
        .clone()
        .and_then(|o| Some((app.current.articles.get(o.article as usize)?, o)));
    let Some((article, open)) = opened else {
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
