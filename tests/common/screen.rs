//! Reading a drawn screen as a terminal shows it, and checking its geometry: every row
//! exactly as wide as the terminal, no cell hidden under a wide character, box borders in
//! one column from top to bottom.

use dubao::tui::app::Pane;
use dubao::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// One frame drawn into a test terminal.
pub struct Drawn {
    /// The frame as `view::draw` left it.
    pub frame: Buffer,
    /// The terminal after the frame went out: what a user sees (ratatui sends only the
    /// cells a terminal will show).
    pub term: Terminal<TestBackend>,
}

impl Drawn {
    pub fn shown(&self) -> &Buffer {
        self.term.backend().buffer()
    }

    pub fn text(&self) -> String {
        text(self.shown())
    }
}

/// Draws `app` into a fresh `width` × `height` test terminal.
pub fn draw(app: &App, width: u16, height: u16) -> Drawn {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let frame = term
        .draw(|f| view::draw(app, f))
        .expect("draw")
        .buffer
        .clone();
    Drawn { frame, term }
}

/// One row as a terminal shows it: each cell's symbol, except the cells a wide character
/// before them covers (a terminal never prints those).
pub struct Row {
    pub text: String,
    /// (display column, symbol) of every shown cell.
    pub cells: Vec<(u16, String)>,
    /// Cells covered by a wide character that hold something other than a blank: what the
    /// buffer meant to show there is lost on a real terminal.
    pub hidden: Vec<(u16, String)>,
}

impl Row {
    /// The symbol shown at a display column, if a cell starts there.
    pub fn at(&self, col: u16) -> Option<&str> {
        self.cells
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, s)| s.as_str())
    }
}

pub fn rows(buffer: &Buffer) -> Vec<Row> {
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return Vec::new();
    }
    buffer
        .content
        .chunks(width)
        .map(|cells| {
            let mut row = Row {
                text: String::new(),
                cells: Vec::new(),
                hidden: Vec::new(),
            };
            let mut skip = 0usize;
            for (x, cell) in cells.iter().enumerate() {
                let sym = cell.symbol();
                if skip == 0 {
                    row.text.push_str(sym);
                    row.cells.push((x as u16, sym.to_owned()));
                } else if sym != " " {
                    row.hidden.push((x as u16, sym.to_owned()));
                }
                skip = skip.max(sym.width()).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The screen as text, one line a row.
pub fn text(buffer: &Buffer) -> String {
    rows(buffer)
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen as text, and under each row with a marked cell a line with `^` under the
/// marked columns, both columns of a wide character (for snapshots of highlights, which
/// plain text does not show).
pub fn text_marking(buffer: &Buffer, marked: impl Fn(&Cell) -> bool) -> String {
    let mut out = Vec::new();
    for (y, row) in rows(buffer).into_iter().enumerate() {
        let marks: String = row
            .cells
            .iter()
            .map(|(x, sym)| {
                let c = if marked(&buffer[(*x, y as u16)]) {
                    "^"
                } else {
                    " "
                };
                c.repeat(sym.width().max(1))
            })
            .collect();
        out.push(row.text);
        if marks.contains('^') {
            out.push(marks.trim_end().to_owned());
        }
    }
    out.join("\n")
}

/// Every row is exactly the terminal's width, and no wide character hides a cell that
/// holds something (a terminal would not show it, and the diff would not redraw it).
pub fn assert_well_formed(buffer: &Buffer) {
    let width = usize::from(buffer.area.width);
    for (y, row) in rows(buffer).iter().enumerate() {
        assert_eq!(
            row.text.width(),
            width,
            "row {y} is {} columns, not {width}: {:?}",
            row.text.width(),
            row.text
        );
        assert!(
            row.hidden.is_empty(),
            "row {y}: cells hidden under a wide character {:?}: {:?}",
            row.hidden,
            row.text
        );
    }
}

/// The box drawn around `rect` is whole: corners at its corners, `│` down both sides, `─`
/// along top and bottom at both ends, each at its display column on every row. Cells inside
/// `covered` (an overlay on top) are not checked.
pub fn assert_box(buffer: &Buffer, rect: Rect, covered: Option<Rect>) {
    let rows = rows(buffer);
    let (left, right) = (rect.x, rect.right() - 1);
    let (top, bottom) = (rect.y, rect.bottom() - 1);
    let is_covered =
        |x: u16, y: u16| covered.is_some_and(|c| c.contains(ratatui::layout::Position::new(x, y)));
    for y in top..=bottom {
        let row = &rows[usize::from(y)];
        let expect = |x: u16| match (y == top, y == bottom, x == left) {
            (true, _, true) => "┌",
            (true, _, false) => "┐",
            (_, true, true) => "└",
            (_, true, false) => "┘",
            _ => "│",
        };
        for x in [left, right] {
            if is_covered(x, y) {
                continue;
            }
            assert_eq!(
                row.at(x),
                Some(expect(x)),
                "box {rect:?}: row {y} column {x} should be {:?}: {:?}",
                expect(x),
                row.text
            );
        }
    }
}

/// The box whose top row holds `title` right after its `┌`: found from the screen, for
/// overlays whose place the view computes.
pub fn find_box(buffer: &Buffer, title: &str) -> Rect {
    let rows = rows(buffer);
    let needle = format!("┌{title}");
    for (y, row) in rows.iter().enumerate() {
        let Some(byte) = row.text.find(&needle) else {
            continue;
        };
        let left = row.text[..byte].width() as u16;
        let after = &row.text[byte..];
        let right_byte = after.find('┐').expect("top right corner");
        let right = left + after[..right_byte].width() as u16;
        let bottom = rows
            .iter()
            .enumerate()
            .skip(y + 1)
            .find(|(_, r)| r.at(left) == Some("└"))
            .map(|(b, _)| b)
            .expect("bottom left corner");
        return Rect::new(left, y as u16, right - left + 1, (bottom - y + 1) as u16);
    }
    panic!("no box titled {title:?} on screen:\n{}", text(buffer));
}

/// The panes of the layout, each a whole box (those not under `covered`).
pub fn assert_panes(buffer: &Buffer, app: &App, covered: Option<Rect>) {
    assert_layout(buffer, app.focus, covered);
}

/// The panes of the layout for the buffer's size and `focus`, each a whole box (those not
/// under `covered`).
pub fn assert_layout(buffer: &Buffer, focus: Pane, covered: Option<Rect>) {
    let area = buffer.area;
    let panes = dubao::tui::geometry::panes(area.width, area.height, focus);
    for rect in [panes.issues, panes.articles, panes.reader]
        .into_iter()
        .flatten()
    {
        assert_box(buffer, rect, covered);
    }
}

/// Machine-specific text replaced by placeholders, for snapshots: the temporary archive
/// and the checkout's path. (insta's own `filters` need its `filters` feature, which the
/// crate does not enable.)
pub fn redact(text: &str) -> String {
    let mut out = text.to_owned();
    let archive = super::sample_archive().display().to_string();
    let root = super::root().display().to_string();
    let tmp = std::env::temp_dir().display().to_string();
    for (path, placeholder) in [(archive, "[ARCHIVE]"), (root, "[ROOT]"), (tmp, "[TMP]")] {
        out = out.replace(&path, placeholder);
    }
    out
}
