//! A story being read: what the segmenter has of it so far, and where it stands.

use super::lines::{Line, ends_sentence, ends_with_credit, ends_with_jump_on};
use super::{Article, Section};

/// What was added to a draft last: a byline under a subhead names that part's author,
/// one under the text closes the story.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Last {
    #[default]
    Head,
    Byline,
    Heading,
    Text,
    /// "——编  者": the note is over, the story it introduces follows.
    Signoff,
}

#[derive(Default)]
pub(super) struct Draft {
    pub article: Article,
    pub has_body: bool,
    /// A byline or closing credit was seen: what follows is another article.
    pub ended: bool,
    /// The last paragraph stops mid-sentence and waits for its continuation.
    pub open: bool,
    /// The text opened with "本报讯…": a news brief, which has no subheads.
    pub dateline: bool,
    pub last: Last,
}

impl Draft {
    pub fn touch(&mut self, line: &Line) {
        let n = line.number + 1;
        let span = self.article.raw_lines.get_or_insert([n, n]);
        span[0] = span[0].min(n);
        span[1] = span[1].max(n);
    }

    pub fn section_mut(&mut self) -> &mut Section {
        if self.article.sections.is_empty() {
            self.article.sections.push(Section::default());
        }
        let last = self.article.sections.len() - 1;
        &mut self.article.sections[last]
    }

    pub fn add_section_heading(&mut self, heading: String) {
        let section = self.section_mut();
        if section.heading.is_none() && section.paragraphs.is_empty() {
            section.heading = Some(heading);
        } else {
            self.article.sections.push(Section {
                heading: Some(heading),
                paragraphs: Vec::new(),
            });
        }
        self.open = false;
        self.last = Last::Heading;
    }

    /// A paragraph of its own that waits for nothing: a dateline, a sign-off, a note.
    pub fn push_closed(&mut self, line: &Line) {
        self.section_mut().paragraphs.push(line.text.clone());
        self.has_body = true;
        self.open = false;
        self.last = Last::Text;
        self.touch(line);
    }

    pub fn has_section_headings(&self) -> bool {
        self.article.sections.iter().any(|s| s.heading.is_some())
    }

    pub fn is_headed(&self) -> bool {
        self.article.title.is_some() || self.article.kicker.is_some()
    }

    /// Whether the paragraph that now ends with `last` waits for more, or ends the
    /// article with a credit ("…和力量。(张波)") or a page-jump note ("…(下转第2版)").
    pub fn settle(&mut self, last: &str) {
        let closed = ends_with_credit(last) || ends_with_jump_on(last);
        self.open = !closed && !ends_sentence(last);
        self.ended = closed;
    }
}

/// Characters of a paragraph's end that say whether it ends: a sentence's stop, a credit
/// (at most 40 characters), a page-jump note.
const ENDING_CHARS: usize = 80;

/// The end of the last paragraph, enough to [`Draft::settle`] on: a paragraph glued
/// together line by line is never copied whole (that made a long file quadratic).
pub fn section_last(d: &Draft) -> Option<String> {
    let last = d.article.sections.last()?.paragraphs.last()?;
    let start = last
        .char_indices()
        .rev()
        .nth(ENDING_CHARS - 1)
        .map_or(0, |(i, _)| i);
    Some(last[start..].to_owned())
}
