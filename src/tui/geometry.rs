//! Where the panes go for a terminal size: three panes from 120 columns, two (a list and
//! the article) from 80, one at a time below. `update` needs this to know the reader's
//! width and height (for layout and paging), `view` to draw; both call the same function.

use ratatui::layout::Rect;

use super::app::Pane;

pub const THREE_PANES_COLS: u16 = 120;
pub const TWO_PANES_COLS: u16 = 80;
const ISSUES_COLS: u16 = 28;
const ARTICLES_COLS: u16 = 36;
/// Lines longer than this are hard to read; on a wide screen the text keeps this measure.
pub const MAX_TEXT_COLS: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub issues: Option<Rect>,
    pub articles: Option<Rect>,
    pub reader: Option<Rect>,
    /// The bottom line.
    pub status: Rect,
}

pub fn panes(width: u16, height: u16, focus: Pane) -> Panes {
    let body = Rect::new(0, 0, width, height.saturating_sub(1));
    let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
    let split = |left_cols: u16| {
        let left = left_cols.min(body.width);
        (
            Rect {
                width: left,
                ..body
            },
            Rect {
                x: body.x + left,
                width: body.width - left,
                ..body
            },
        )
    };
    let mut p = Panes {
        status,
        ..Panes::default()
    };
    if width >= THREE_PANES_COLS {
        let (issues, rest) = split(ISSUES_COLS);
        let articles = Rect {
            width: ARTICLES_COLS,
            ..rest
        };
        let reader = Rect {
            x: rest.x + ARTICLES_COLS,
            width: rest.width - ARTICLES_COLS,
            ..rest
        };
        p.issues = Some(issues);
        p.articles = Some(articles);
        p.reader = Some(reader);
    } else if width >= TWO_PANES_COLS {
        let (list, reader) = split(ARTICLES_COLS - 2);
        if focus == Pane::Issues {
            p.issues = Some(list);
        } else {
            p.articles = Some(list);
        }
        p.reader = Some(reader);
    } else {
        match focus {
            Pane::Issues => p.issues = Some(body),
            Pane::Articles => p.articles = Some(body),
            Pane::Reader => p.reader = Some(body),
        }
    }
    p
}

/// The area article text is printed in: inside the border, a column of padding on each
/// side, at most [`MAX_TEXT_COLS`] wide and centred.
pub fn text_area(reader: Rect) -> Rect {
    let inner = Rect {
        x: reader.x + 2,
        y: reader.y + 1,
        width: reader.width.saturating_sub(4),
        height: reader.height.saturating_sub(2),
    };
    if inner.width <= MAX_TEXT_COLS {
        return inner;
    }
    let spare = inner.width - MAX_TEXT_COLS;
    Rect {
        x: inner.x + spare / 2,
        width: MAX_TEXT_COLS,
        ..inner
    }
}

/// Rows inside a bordered list pane.
pub fn list_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_counts_by_width() {
        let wide = panes(160, 40, Pane::Issues);
        assert!(wide.issues.is_some() && wide.articles.is_some() && wide.reader.is_some());
        let mid = panes(100, 30, Pane::Articles);
        assert!(mid.issues.is_none() && mid.articles.is_some() && mid.reader.is_some());
        let narrow = panes(60, 20, Pane::Reader);
        assert!(narrow.issues.is_none() && narrow.articles.is_none());
        assert_eq!(narrow.reader, Some(Rect::new(0, 0, 60, 19)));
        assert_eq!(narrow.status, Rect::new(0, 19, 60, 1));
    }

    #[test]
    fn panes_tile_the_width() {
        for width in [0u16, 1, 20, 79, 80, 119, 120, 200] {
            for focus in [Pane::Issues, Pane::Articles, Pane::Reader] {
                let p = panes(width, 10, focus);
                let total: u16 = [p.issues, p.articles, p.reader]
                    .iter()
                    .flatten()
                    .map(|r| r.width)
                    .sum();
                assert_eq!(total, width, "width {width} {focus:?}");
            }
        }
    }

    #[test]
    fn text_keeps_a_readable_measure() {
        assert_eq!(text_area(Rect::new(0, 0, 60, 20)).width, 56);
        let wide = text_area(Rect::new(0, 0, 300, 20));
        assert_eq!(wide.width, MAX_TEXT_COLS);
        assert!(wide.x > 2);
        assert_eq!(text_area(Rect::new(0, 0, 1, 1)).width, 0);
    }
}
