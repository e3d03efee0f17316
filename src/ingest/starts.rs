//! Looking ahead from a heading inside a story: whether it is one of a series of subheads,
//! one more dispatch of a round-up, or a line that goes on from what is above it. Each
//! look stops at whatever marks a new story (two blank lines, a byline, a dateline).

use super::conventions::{is_box_heading, opens_with_news_flash, trim_invisible};
use super::draft::Draft;
use super::lines::{self, Kind, Line};
use super::segment::is_heading;

/// How far ahead a series of subheads is looked for: a few screens of a feature.
const SERIES_LOOKAHEAD_LINES: usize = 120;

/// A heading that goes on from what is above it: a box of the story ("链接", "核心阅读"),
/// or a line opening with a dash, an attribution under a quote ("——北京师范大学首届
/// “优师计划”定向就业师范生王旻昱") or a subtitle. Never the head of a new story.
pub(super) fn continues_above(line: &Line) -> bool {
    is_box_heading(&line.text) || trim_invisible(&line.text).starts_with(['—', '－'])
}

/// A round-up of dispatches, each under its subhead: the story's first part is one. A
/// story that opened with its own text is no round-up, however many dispatches follow
/// on a page (each under its own headline).
pub(super) fn is_roundup(d: &Draft) -> bool {
    d.article.sections.first().is_some_and(|s| {
        s.heading.is_some()
            && s.paragraphs
                .first()
                .is_some_and(|p| lines::starts_with_dateline(p))
    })
}

/// A paragraph filed "…电": a dispatch, which a round-up sets under a subhead.
pub(super) fn opens_dispatch(line: Option<&Line>) -> bool {
    line.is_some_and(|n| {
        n.kind == Kind::Body
            && lines::starts_with_dateline(&n.text)
            && !opens_with_news_flash(&n.text)
    })
}

/// Another dispatch under a subhead follows before anything marks a new story.
pub(super) fn dispatch_follows(after: &[Line]) -> bool {
    for (i, line) in after.iter().enumerate().take(SERIES_LOOKAHEAD_LINES) {
        if line.gap_before >= 2
            || matches!(line.kind, Kind::Byline | Kind::Dateline | Kind::ContinuedOn)
        {
            return false;
        }
        if is_heading(line) {
            return opens_dispatch(after.get(i + 1));
        }
    }
    false
}

/// Whether another heading block of `lines` lines follows in this story: a series of
/// subheads. The look stops at whatever marks a new story.
pub(super) fn series_follows(lines: usize, after: &[Line]) -> bool {
    let mut i = 0;
    while i < after.len().min(SERIES_LOOKAHEAD_LINES) {
        let line = &after[i];
        if line.gap_before >= 2
            || matches!(line.kind, Kind::Byline | Kind::Dateline | Kind::ContinuedOn)
            || (line.kind == Kind::Body && opens_with_news_flash(&line.text))
        {
            return false;
        }
        if is_heading(line) {
            let n = after[i..].iter().take_while(|l| is_heading(l)).count();
            if n == lines {
                return true;
            }
            i += n;
            continue;
        }
        i += 1;
    }
    false
}
