//! Classified lines → articles: where an article starts, where a heading inside one
//! belongs, and paragraph repair (a paragraph cut by the page layout is joined to its
//! continuation, across blank lines and photo captions). The roles inside a heading
//! block are decided in `ingest::roles`.
//!
//! An article starts only where a page says so: after a story has ended (a byline or a
//! credit under its text, a closing dateline, "(下转第2版)"), at two or more blank lines,
//! at a head with a byline or a dateline under it, at "本报讯". A heading inside a story
//! that none of these mark is a subhead, on one line or two ("安徽太和县种粮大户徐淙祥——"
//! / "发挥规模优势" / "多种粮种好粮"). The rules, each with the kind of line that needs it:
//! - a lone short line inside an article is a section heading when it is short, the
//!   article already has sections or it heads a box ("谋划90个项目", "小店区", "链接"),
//!   else a new title; so is one under a story that opened "本报讯…", since news has no
//!   subheads;
//! - where heads are flush left and paragraphs indented, an indented line is always text
//!   of the story above: a subhead, a credit, the byline of one part of a feature;
//! - a byline line ("记者 王 勇", "(魏 薇)") or a credit at the end of the text
//!   ("…和力量。(张波)") ends the article; under a subhead it names that part's author;
//! - "本报讯" at the start of a paragraph, or two or more blank lines before it, starts
//!   a new article (a photo story after a report); a dispatch ("新华社北京5月25日电…")
//!   under the text of another is a part of one round-up ("李强王沪宁分别会见…");
//! - a dateline alone on its line under the text closes the story
//!   ("　　　　新华社贵阳4月27日电"); under a head it opens it, and is no headline;
//! - "——编  者" closes an editor's note: the article, when the note is all of it
//!   ("编者按"), else the lede of the story it opens;
//! - a paragraph that stops mid-sentence ("…发展情") continues with the next body line,
//!   even across blank lines and captions ("…三班" / "图为…" / "队驾驶员…"), and a line
//!   the file's layout says goes on with the one above (a hard wrap) always does;
//! - "(下转第2版)" ends the article, and stays as its last line;
//! - in a file of single-spaced lines without headings each line is a brief.
//!
//! What the file's layout says about a line comes from `ingest::layout`.

use super::Article;
use super::conventions::{is_editors_note_title, opens_with_news_flash};
use super::draft::{Draft, Last, section_last};
use super::layout::{self, Layout};
use super::lines::{self, Flow, Kind, Line, char_len, opens_with_date};
use super::roles::block_roles;
use super::starts::{
    continues_above, dispatch_follows, is_roundup, opens_dispatch, series_follows,
};

/// At or below this length a lone line inside an article is a subhead even when it lists
/// with "、"; above, such a line is prose the layout cut ("钱文挥感谢山西省委、省政府对农发").
const MAX_SECTION_HEADING_CHARS: usize = 12;
/// Longest name of a column over a round-up: "环球扫描", "要闻简报".
const MAX_COLUMN_NAME_CHARS: usize = 6;
/// How much of the story under a heading block its roles are judged against: about a
/// lede. Further down, common words ("加快", "建设") recur by chance.
const OPENING_CHARS: usize = 160;

pub(super) fn is_heading(line: &Line) -> bool {
    matches!(
        line.kind,
        Kind::Marked(_) | Kind::Short | Kind::ContinuedFrom
    )
}

pub fn segment(lines: &[Line]) -> Vec<Article> {
    let mut lines = lines.to_vec();
    let layout = layout::read(&mut lines);
    run(&lines, layout)
}

/// Lines whose paragraphs the source marks itself (a Markdown or HTML paragraph each):
/// every body line opens a paragraph, so none is joined to the one above, and no
/// layout is guessed.
pub fn segment_paragraphs(lines: &[Line]) -> Vec<Article> {
    let mut lines = lines.to_vec();
    for line in &mut lines {
        line.flow = Flow::Opens;
    }
    run(&lines, Layout::default())
}

fn run(lines: &[Line], layout: Layout) -> Vec<Article> {
    let mut s = Segmenter {
        brief_per_line: layout.brief_per_line,
        flush_heads: layout.flush_heads,
        solid_text: layout.solid_text,
        ..Segmenter::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            Kind::Marked(_) | Kind::Short | Kind::ContinuedFrom => {
                // Where heads are flush left, indented lines under a head are already the
                // story's: "导读" / "　　理论·《习近平谈治国理政》第一至五卷通读".
                let inside = s.inside(line);
                let end = lines[i..]
                    .iter()
                    .position(|l| !is_heading(l) || s.inside(l) != inside)
                    .map_or(lines.len(), |n| i + n);
                s.on_block(&lines[i..end], &lines[end..]);
                i = end;
                continue;
            }
            Kind::Body => s.on_body(line),
            Kind::Byline => s.on_byline(line),
            Kind::Caption => s.on_caption(line),
            Kind::ContinuedOn => s.on_continued_on(line),
            Kind::Dateline => s.on_dateline(line),
            Kind::Signoff => s.on_signoff(line),
        }
        i += 1;
    }
    s.finish()
}

/// The opening of the story under a heading block: its first body lines.
pub(super) fn opening(after: &[Line]) -> String {
    after
        .iter()
        .filter(|l| l.kind == Kind::Body)
        .flat_map(|l| l.text.chars())
        .take(OPENING_CHARS)
        .collect()
}

#[derive(Default)]
struct Segmenter {
    done: Vec<Article>,
    current: Option<Draft>,
    pending_captions: Vec<String>,
    pending_byline: Option<String>,
    brief_per_line: bool,
    flush_heads: bool,
    solid_text: bool,
}

impl Segmenter {
    fn start(&mut self) -> &mut Draft {
        if let Some(d) = self.current.take() {
            self.done.push(d.article);
        }
        let mut draft = Draft::default();
        draft.article.captions = std::mem::take(&mut self.pending_captions);
        draft.article.byline = self.pending_byline.take();
        self.current.insert(draft)
    }

    /// The draft to add to: the current one unless it has ended, else a new one.
    fn open_draft(&mut self) -> &mut Draft {
        if self.current.as_ref().is_none_or(|d| d.ended) {
            self.start()
        } else {
            self.current.as_mut().expect("checked above")
        }
    }

    /// Where heads are flush left and text indented, an indented line belongs to the
    /// story above.
    fn inside(&self, line: &Line) -> bool {
        self.flush_heads && line.indented
    }

    /// A heading that is part of the text above it, by the layout: indented where heads
    /// are flush left, or set solid under the text where heads stand apart.
    fn heads_a_part(&self, block: &[Line]) -> bool {
        block.iter().all(|l| self.inside(l)) || (self.solid_text && block[0].gap_before == 0)
    }

    fn on_body(&mut self, line: &Line) {
        let text = line.text.as_str();
        let dateline = lines::starts_with_dateline(text);
        let goes_on = |d: &Draft| match line.flow {
            Flow::Continues => d.has_body,
            Flow::Opens => false,
            Flow::Unknown => d.open && !dateline,
        };
        if let Some(d) = self.current.as_mut().filter(|d| goes_on(d)) {
            // Repair: the layout cut or wrapped this paragraph; glue the rest on as printed.
            let section = d.section_mut();
            if let Some(last) = section.paragraphs.last_mut() {
                last.push_str(text);
            }
            d.touch(line);
            let joined = section_last(d).unwrap_or_default();
            d.settle(&joined);
            return;
        }
        let flash = opens_with_news_flash(text);
        let inside = self.inside(line);
        let new_article = match &self.current {
            None => true,
            Some(d) => {
                (d.ended && !inside)
                    || (d.has_body && (flash || line.gap_before >= 2 || self.brief_per_line))
            }
        };
        let d = if new_article {
            self.start()
        } else {
            self.current.as_mut().expect("checked above")
        };
        d.section_mut().paragraphs.push(text.to_owned());
        if !d.has_body {
            d.dateline = flash;
        }
        d.has_body = true;
        d.last = Last::Text;
        d.touch(line);
        d.settle(text);
    }

    /// "(下转第2版)": the story goes on on another page. The note stays with it as its
    /// last line, as printed, and whatever follows belongs to another article.
    fn on_continued_on(&mut self, line: &Line) {
        if self.current.is_none() {
            self.start();
        }
        let d = self.current.as_mut().expect("started above");
        d.push_closed(line);
        d.ended = true;
    }

    /// A dateline alone on its line: under the text of a story it closes it
    /// ("　　　　新华社贵阳4月27日电"); under a head, or where nothing is open, it opens one.
    fn on_dateline(&mut self, line: &Line) {
        let d = self.open_draft();
        let closes = d.has_body;
        d.push_closed(line);
        d.ended = closes;
    }

    /// "——编  者" under an editor's note: the note is the story's lede unless it is all
    /// of the article ("编者按" heads it).
    fn on_signoff(&mut self, line: &Line) {
        let d = self.open_draft();
        d.push_closed(line);
        d.last = Last::Signoff;
        d.ended = d
            .article
            .title
            .as_deref()
            .is_some_and(is_editors_note_title);
    }

    fn on_byline(&mut self, line: &Line) {
        let inside = self.inside(line);
        match self.current.as_mut() {
            Some(d) if d.has_body || d.is_headed() => {
                if d.article.byline.is_none() || d.last == Last::Byline {
                    append_byline(&mut d.article.byline, &line.text);
                } else {
                    // A second byline away from the first (a closing credit under a byline
                    // over the text, a part's author under its subhead) stays where it is
                    // printed: one field holds one run of the page.
                    d.section_mut().paragraphs.push(line.text.clone());
                    d.has_body = true;
                }
                d.touch(line);
                // A byline under a headline, before the text, does not end anything; nor
                // does one under a subhead (that part's author), nor, where text is
                // indented, an indented one (the byline of one part of a feature).
                d.ended = d.has_body && d.last == Last::Text && !inside;
                d.open = false;
                d.last = Last::Byline;
            }
            _ => append_byline(&mut self.pending_byline, &line.text),
        }
    }

    fn on_caption(&mut self, line: &Line) {
        match self.current.as_mut().filter(|d| !d.ended) {
            Some(d) => {
                d.article.captions.push(line.text.clone());
                d.touch(line);
            }
            None => self.pending_captions.push(line.text.clone()),
        }
    }

    fn on_block(&mut self, block: &[Line], after: &[Line]) {
        let next = after.iter().find(|l| l.kind != Kind::Caption);
        let next_body = after.iter().find(|l| l.kind == Kind::Body);
        let first = &block[0];
        let lone = block.len() == 1 && matches!(first.kind, Kind::Short | Kind::Marked(3));
        if lone
            && char_len(&first.text) > MAX_SECTION_HEADING_CHARS
            && self.lone_heading_is_fragment(first, next_body)
        {
            self.on_body(first);
            return;
        }
        let section = if lone {
            self.lone_heading_is_section(first, next)
        } else {
            !self.block_starts_article(block, after)
        };
        if section {
            if let Some(d) = self.current.as_mut() {
                d.add_section_heading(join(block));
                for line in block {
                    d.touch(line);
                }
                return;
            }
        }
        if lone {
            let d = self.start();
            d.article.title = Some(first.text.clone());
            d.touch(first);
            return;
        }
        // A column's name over the first dispatch of a round-up ("环球扫描" / "梅德韦杰夫：…"
        // / "新华社…电"): the second line is that dispatch's subhead.
        let column = block.len() == 2
            && char_len(&block[0].text) <= MAX_COLUMN_NAME_CHARS
            && opens_dispatch(after.first())
            && dispatch_follows(after.get(1..).unwrap_or_default());
        let (head, first_part) = if column {
            (&block[..1], Some(block[1].text.clone()))
        } else {
            (block, None)
        };
        let mut heads = block_roles(head, &opening(after));
        if first_part.is_some() {
            heads.section = first_part;
        }
        // Headlines after a headline-only draft (a caption or byline came between) belong
        // to that draft rather than leaving it empty.
        let reuse = self
            .current
            .as_ref()
            .is_some_and(|d| !d.has_body && !d.is_headed());
        let d = if reuse {
            self.current.as_mut().expect("checked above")
        } else {
            self.start()
        };
        d.article.kicker = heads.kicker;
        d.article.title = heads.title;
        d.article.subtitle = heads.subtitle;
        if let Some(section) = heads.section {
            d.add_section_heading(section);
        }
        d.last = Last::Head;
        for line in block {
            d.touch(line);
        }
    }

    /// What marks a new story at a heading, whatever the heading looks like: the story
    /// before has ended, two blank lines, a byline or a dateline under the heading.
    fn marks_a_start(&self, d: &Draft, first: &Line, next: Option<&Line>) -> bool {
        d.ended
            || first.gap_before >= 2
            || next.is_some_and(|n| {
                matches!(n.kind, Kind::Byline | Kind::Dateline)
                    || (n.kind == Kind::Body && lines::starts_with_dateline(&n.text))
            })
    }

    /// Under a head and its byline, before any text, a heading opens the first section
    /// ("本报记者  杜尚泽  胡泽曦" / "　　时间：5月14日上午"); so does an indented one
    /// where heads are flush left.
    fn opens_first_section(&self, d: &Draft, block: &[Line]) -> bool {
        !d.has_body
            && d.is_headed()
            && (d.last == Last::Byline || block.iter().all(|l| self.inside(l)))
    }

    /// A heading block of two or more lines inside a story heads a part of it unless
    /// something marks a new story.
    fn block_starts_article(&self, block: &[Line], after: &[Line]) -> bool {
        let next = after.iter().find(|l| l.kind != Kind::Caption);
        let Some(d) = &self.current else {
            return true;
        };
        let marked_title = block.iter().any(|l| {
            matches!(
                l.kind,
                Kind::ContinuedFrom | Kind::Marked(1) | Kind::Marked(2)
            )
        });
        if marked_title {
            return true;
        }
        if !d.has_body {
            return !self.opens_first_section(d, block);
        }
        if self.heads_a_part(block) {
            return false;
        }
        if continues_above(&block[0]) && !d.ended && block[0].gap_before < 2 {
            return false;
        }
        if self.marks_a_start(d, &block[0], next) {
            return true;
        }
        // Unmarked, a head of two lines or more inside a story is a subhead when it is one
        // of a series ("实证百万年人类史" / "推进解决人类起源课题", then "实证一万年文化史" /
        // "为解决农业起源问题提供新材料"…) or comes where an editor's note hands over to
        // the story ("——编  者" / "安徽太和县种粮大户徐淙祥——" / "发挥规模优势" / …);
        // otherwise it is the head of the next story ("…重获新生。" / "进一步强化省会龙头
        // 意识…" / "小店区").
        let series = d.has_section_headings() || d.last == Last::Signoff;
        !(series || series_follows(block.len(), after))
    }

    fn lone_heading_is_section(&self, line: &Line, next: Option<&Line>) -> bool {
        let Some(d) = &self.current else {
            return false;
        };
        if !d.has_body {
            // Under a kicker-only head ("(上接第1版)" / "杏花岭区") the line opens a section.
            return (d.article.title.is_none() && d.article.kicker.is_some())
                || self.opens_first_section(d, std::slice::from_ref(line));
        }
        if self.heads_a_part(std::slice::from_ref(line)) {
            return true;
        }
        if continues_above(line) && !d.ended && line.gap_before < 2 {
            return true;
        }
        let over_dispatch = opens_dispatch(next);
        if over_dispatch && !d.ended && line.gap_before < 2 && is_roundup(d) {
            // "伊朗外长：美国“误判”霍尔木兹海峡局势" / "新华社德黑兰8月13日电…": one more
            // dispatch of a round-up, under its subhead.
            return true;
        }
        if self.marks_a_start(d, line, next) {
            return false;
        }
        if d.dateline && !d.has_section_headings() && line.kind != Kind::Marked(3) {
            // A story that opened "本报讯…" is news, and news has no subheads: a headline
            // under it ("小山村里的“乡村CEO”") starts the next article.
            return false;
        }
        // Nothing marks a new story: a subhead, however long ("算力之变：适应“推理”应用需求").
        true
    }

    /// A line inside running text, longer than most subheads, listing things with "、"
    /// ("钱文挥感谢山西省委、省政府对农发" / "行发展的关心支持。…") is prose the layout
    /// cut, not a headline: headlines join their parts with spaces. Not when the text
    /// under it opens with a date ("普洱、西双版纳、临沧茶区春茶开采" / "4月上旬,…"):
    /// that opens a story, and continues nothing.
    fn lone_heading_is_fragment(&self, line: &Line, next_body: Option<&Line>) -> bool {
        let Some(d) = &self.current else {
            return false;
        };
        line.kind == Kind::Short
            && line.text.contains('、')
            && d.has_body
            && !d.ended
            && line.gap_before < 2
            && !next_body
                .is_some_and(|b| lines::starts_with_dateline(&b.text) || opens_with_date(&b.text))
    }

    fn finish(mut self) -> Vec<Article> {
        if !self.pending_captions.is_empty() || self.pending_byline.is_some() {
            match self.current.as_mut() {
                Some(d) => {
                    d.article.captions.append(&mut self.pending_captions);
                    if let Some(b) = self.pending_byline.take() {
                        append_byline(&mut d.article.byline, &b);
                    }
                }
                None => {
                    self.start();
                }
            }
        }
        if let Some(d) = self.current.take() {
            self.done.push(d.article);
        }
        self.done
    }
}

/// The lines of a heading block as one heading: "安徽太和县种粮大户徐淙祥—— 发挥规模优势 …".
fn join(block: &[Line]) -> String {
    block
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Several byline lines of one article ("记者 王勇" / "通讯员 李静") make one byline.
pub(super) fn append_byline(byline: &mut Option<String>, text: &str) {
    match byline {
        Some(b) => {
            b.push(' ');
            b.push_str(text);
        }
        None => *byline = Some(text.to_owned()),
    }
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
