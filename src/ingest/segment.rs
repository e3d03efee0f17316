//! Classified lines → articles: where an article starts, where a lone heading line
//! belongs, and paragraph repair (a paragraph cut by the page layout is joined to its
//! continuation, across blank lines and photo captions). The roles inside a heading
//! block are decided in `ingest::roles`.
//!
//! The rules, each with the kind of sample line that needs it:
//! - a heading block (short lines before body text) after an ended article, or of two or
//!   more lines, starts an article: "一周两例" / "太原志愿者再捐造血干细胞";
//! - a lone short line inside an article is a section heading when it is short or the
//!   article already has sections ("谋划90个项目", "小店区"), else a new title; so is one
//!   under a story that opened "本报讯…", since news has no subheads;
//! - a byline line ("记者 王 勇", "(魏 薇)") or a credit at the end of the text
//!   ("…和力量。(张波)") ends the article;
//! - "本报讯" at the start of a paragraph, or two or more blank lines before it, starts
//!   a new article (a photo story after a report);
//! - a paragraph that stops mid-sentence ("…发展情") continues with the next body line,
//!   even across blank lines and captions ("…三班" / "图为…" / "队驾驶员…"), and a line
//!   the file's layout says goes on with the one above (a hard wrap) always does;
//! - "(下转第2版)" ends the article, and stays as its last line;
//! - in a file of single-spaced lines without headings each line is a brief.
//!
//! What the file's layout says about a line comes from `ingest::layout`.

use super::layout;
use super::lines::{
    self, Flow, Kind, Line, char_len, ends_sentence, ends_with_credit, ends_with_jump_on,
    opens_with_date,
};
use super::roles::block_roles;
use super::{Article, Section};

/// At or below this length a lone heading inside an article is a section heading
/// ("谋划90个项目", "社会高效治理"); above, a new article's title.
const MAX_SECTION_HEADING_CHARS: usize = 12;
/// How much of the story under a heading block its roles are judged against: about a
/// lede. Further down, common words ("加快", "建设") recur by chance.
const OPENING_CHARS: usize = 160;

fn is_heading(line: &Line) -> bool {
    matches!(
        line.kind,
        Kind::Marked(_) | Kind::Short | Kind::ContinuedFrom
    )
}

pub fn segment(lines: &[Line]) -> Vec<Article> {
    let mut lines = lines.to_vec();
    let layout = layout::read(&mut lines);
    run(&lines, layout.brief_per_line)
}

/// Lines whose paragraphs the source marks itself (a Markdown or HTML paragraph each):
/// every body line opens a paragraph, so none is joined to the one above, and no
/// layout is guessed.
pub fn segment_paragraphs(lines: &[Line]) -> Vec<Article> {
    let mut lines = lines.to_vec();
    for line in &mut lines {
        line.flow = Flow::Opens;
    }
    run(&lines, false)
}

fn run(lines: &[Line], brief_per_line: bool) -> Vec<Article> {
    let mut s = Segmenter {
        brief_per_line,
        ..Segmenter::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            Kind::Marked(_) | Kind::Short | Kind::ContinuedFrom => {
                let end = lines[i..]
                    .iter()
                    .position(|l| !is_heading(l))
                    .map_or(lines.len(), |n| i + n);
                s.on_block(&lines[i..end], &lines[end..]);
                i = end;
                continue;
            }
            Kind::Body => s.on_body(line),
            Kind::Byline => s.on_byline(line),
            Kind::Caption => s.on_caption(line),
            Kind::ContinuedOn => s.on_continued_on(line),
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
struct Draft {
    article: Article,
    has_body: bool,
    /// A byline or closing credit was seen: what follows is another article.
    ended: bool,
    /// The last paragraph stops mid-sentence and waits for its continuation.
    open: bool,
    /// The text opened with a dateline ("本报讯…"): a news story, which has no subheads.
    dateline: bool,
}

impl Draft {
    fn touch(&mut self, line: &Line) {
        let n = line.number + 1;
        let span = self.article.raw_lines.get_or_insert([n, n]);
        span[0] = span[0].min(n);
        span[1] = span[1].max(n);
    }

    fn section_mut(&mut self) -> &mut Section {
        if self.article.sections.is_empty() {
            self.article.sections.push(Section::default());
        }
        let last = self.article.sections.len() - 1;
        &mut self.article.sections[last]
    }

    fn add_section_heading(&mut self, heading: String) {
        let section = self.section_mut();
        if section.heading.is_none() && section.paragraphs.is_empty() {
            section.heading = Some(heading);
        } else {
            self.article.sections.push(Section {
                heading: Some(heading),
                paragraphs: Vec::new(),
            });
        }
    }

    fn has_section_headings(&self) -> bool {
        self.article.sections.iter().any(|s| s.heading.is_some())
    }

    /// Whether the paragraph that now ends with `last` waits for more, or ends the
    /// article with a credit ("…和力量。(张波)") or a page-jump note ("…(下转第2版)").
    fn settle(&mut self, last: &str) {
        let closed = ends_with_credit(last) || ends_with_jump_on(last);
        self.open = !closed && !ends_sentence(last);
        self.ended = closed;
    }
}

#[derive(Default)]
struct Segmenter {
    done: Vec<Article>,
    current: Option<Draft>,
    pending_captions: Vec<String>,
    pending_byline: Option<String>,
    brief_per_line: bool,
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
        let new_article = match &self.current {
            None => true,
            Some(d) => {
                d.ended || (d.has_body && (dateline || line.gap_before >= 2 || self.brief_per_line))
            }
        };
        let d = if new_article {
            self.start()
        } else {
            self.current.as_mut().expect("checked above")
        };
        d.section_mut().paragraphs.push(text.to_owned());
        if !d.has_body {
            d.dateline = dateline;
        }
        d.has_body = true;
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
        d.section_mut().paragraphs.push(line.text.clone());
        d.has_body = true;
        d.touch(line);
        d.open = false;
        d.ended = true;
    }

    fn on_byline(&mut self, line: &Line) {
        match self.current.as_mut() {
            Some(d) if d.has_body || d.article.title.is_some() => {
                append_byline(&mut d.article.byline, &line.text);
                d.touch(line);
                // A byline under a headline, before the text, does not end anything.
                d.ended = d.has_body;
                d.open = false;
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
        let next_body = after.iter().find(|l| l.kind == Kind::Body);
        let first = &block[0];
        let lone = block.len() == 1 && matches!(first.kind, Kind::Short | Kind::Marked(3));
        if lone {
            let text = first.text.clone();
            if self.lone_heading_is_section(first, next_body) {
                let d = self.current.as_mut().expect("a section needs an article");
                d.add_section_heading(text);
                d.touch(first);
                d.open = false;
                return;
            }
            if self.lone_heading_is_fragment(first, next_body) {
                self.on_body(first);
                return;
            }
            let d = self.start();
            d.article.title = Some(text);
            d.touch(first);
            return;
        }
        let heads = block_roles(block, &opening(after));
        // Headlines after a headline-only draft (a caption or byline came between) belong
        // to that draft rather than leaving it empty.
        let reuse = self.current.as_ref().is_some_and(|d| {
            !d.has_body && d.article.title.is_none() && d.article.kicker.is_none()
        });
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
        for line in block {
            d.touch(line);
        }
    }

    fn lone_heading_is_section(&self, line: &Line, next_body: Option<&Line>) -> bool {
        let Some(d) = &self.current else {
            return false;
        };
        if !d.has_body {
            // Under a kicker-only head ("(上接第1版)" / "杏花岭区") the line opens a section.
            return d.article.title.is_none() && d.article.kicker.is_some();
        }
        if d.ended || line.gap_before >= 2 {
            return false;
        }
        if next_body.is_some_and(|b| lines::starts_with_dateline(&b.text)) {
            return false;
        }
        if d.dateline && !d.has_section_headings() && line.kind != Kind::Marked(3) {
            // A story that opened "本报讯…" is news, and news has no subheads: a headline
            // under it ("小山村里的“乡村CEO”") starts the next article.
            return false;
        }
        line.kind == Kind::Marked(3)
            || d.has_section_headings()
            || char_len(&line.text) <= MAX_SECTION_HEADING_CHARS
    }

    /// A line inside running text, too long for a subhead, listing things with "、"
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

fn section_last(d: &Draft) -> Option<String> {
    d.article.sections.last()?.paragraphs.last().cloned()
}

#[cfg(test)]
mod tests {
    use super::super::lines::classify_all;
    use super::*;

    fn seg(text: &str) -> Vec<Article> {
        segment(&classify_all(text, 0))
    }

    fn paras(a: &Article) -> Vec<&str> {
        a.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(String::as_str))
            .collect()
    }

    #[test]
    fn a_byline_ends_the_article() {
        let a = seg(
            "标题一\n\n本报讯 第一篇的正文。\n\n(魏 薇)\n\n湖北省卫健委表扬太原企业\n\n本报讯 第二篇的正文。",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].title.as_deref(), Some("湖北省卫健委表扬太原企业"));
    }

    #[test]
    fn a_closing_credit_in_the_text_ends_the_article() {
        let a = seg("标题一\n\n第一篇的正文。(张波)\n\n短标题\n\n第二篇的正文。");
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[1].title.as_deref(), Some("短标题"));
    }

    #[test]
    fn a_dateline_starts_an_article_even_without_a_headline() {
        let a = seg("标题\n\n第一篇。\n\n本报讯 第二篇没有标题。");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].title, None);
    }

    #[test]
    fn a_wide_gap_starts_a_photo_story() {
        let a = seg(
            "标题\n\n会谈结束后，举行了签约仪式。\n\n\n\n11月16日，西矿街社区举行消防演练。\n\n李涛 郝文娟 摄\n\n一周两例\n\n太原志愿者再捐造血干细胞\n\n本报讯 正文。",
        );
        assert_eq!(a.len(), 3);
        assert_eq!(paras(&a[1]), ["11月16日，西矿街社区举行消防演练。"]);
        assert_eq!(a[1].byline.as_deref(), Some("李涛 郝文娟 摄"));
    }

    #[test]
    fn broken_paragraphs_are_joined() {
        let a = seg(
            "标题\n\n唐登杰表示欢迎。金湘军简要介绍了山西经济社会发展情\n\n况。唐登杰说，习近平总书记始终关心山西发展。",
        );
        assert_eq!(
            paras(&a[0]),
            [
                "唐登杰表示欢迎。金湘军简要介绍了山西经济社会发展情况。唐登杰说，习近平总书记始终关心山西发展。"
            ]
        );
    }

    #[test]
    fn a_short_fragment_with_commas_is_joined_too() {
        let a = seg("标题\n\n韦韬指出,2023年,我们坚持以领\n\n袖嘱托指引前进方向。");
        assert_eq!(
            paras(&a[0]),
            ["韦韬指出,2023年,我们坚持以领袖嘱托指引前进方向。"]
        );
    }

    #[test]
    fn an_enumerating_line_inside_an_article_is_a_fragment() {
        let a = seg(
            "标题\n\n第一段，正文。\n\n钱文挥感谢山西省委、省政府对农发\n\n行发展的关心支持。他表示，农发行将认真履职。",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(
            paras(&a[0])[1],
            "钱文挥感谢山西省委、省政府对农发行发展的关心支持。他表示，农发行将认真履职。"
        );
    }

    #[test]
    fn a_caption_inside_a_broken_paragraph_is_set_apart() {
        let a = seg(
            "标题\n\n1月21日凌晨5点多，天未亮，公交车分公司三班\n\n\n\n图为吕旭彩在车场检查车辆状况。\n\n队驾驶员刘强，起床洗漱。",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(
            paras(&a[0]),
            ["1月21日凌晨5点多，天未亮，公交车分公司三班队驾驶员刘强，起床洗漱。"]
        );
        assert_eq!(a[0].captions, ["图为吕旭彩在车场检查车辆状况。"]);
    }

    #[test]
    fn one_brief_per_line() {
        let a = seg(
            "12月18日,省政協召開視頻會議。\n12月18日,省政府召開會議。\n12月17日,民進山西省委會舉行揭牌儀式。\n在欒茀同志為創辦大學積勞成疾后,幫助欒茀同志。",
        );
        assert_eq!(a.len(), 4);
        assert!(a.iter().all(|a| a.title.is_none()));
    }

    #[test]
    fn single_spaced_paragraphs_under_headlines_stay_together() {
        let a = seg("标题一\n第一段，正文。\n第二段，正文。\n标题二\n本报讯 第二篇。");
        assert_eq!(a.len(), 2);
        assert_eq!(paras(&a[0]).len(), 2);
    }

    #[test]
    fn a_continued_on_note_closes_the_story() {
        let a = seg(
            "标题一\n\n本报讯 正文，推动绿色铝、硅光伏等产业\n\n(下转第2版)\n\n昆明:聚焦“五个一批”加快打造面向南亚东南亚辐射中心核心区\n\n本报讯 (记者 杨 艳)4月6日，昆明市召开大会。",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(
            paras(&a[0]),
            ["本报讯 正文，推动绿色铝、硅光伏等产业", "(下转第2版)"],
            "the cut paragraph is not glued to the next story; the note stays as printed"
        );
        assert_eq!(
            a[1].title.as_deref(),
            Some("昆明:聚焦“五个一批”加快打造面向南亚东南亚辐射中心核心区")
        );
        let a = seg("标题一\n\n正文，推动绿色铝等产业(下转第2版)\n\n另一篇没有标题的正文。");
        assert_eq!(a.len(), 2, "a note at the end of the text closes it too");
    }

    #[test]
    fn a_headline_with_a_comma_above_a_dateline_heads_a_new_story() {
        let a = seg(
            "标题一\n\n正文。（龙 琪）\n\n守好“米袋子”，拎稳“菜篮子”\n\n本报讯 春分时节，各地抢抓农时。\n\n各族群众心连心\n\n同心共筑中国梦,携手建设新边疆\n\n本报讯 (记者 李 莎) 4月2日，推进会召开。",
        );
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(a[1].title.as_deref(), Some("守好“米袋子”，拎稳“菜篮子”"));
        assert_eq!(a[2].kicker.as_deref(), Some("各族群众心连心"));
        assert_eq!(a[2].title.as_deref(), Some("同心共筑中国梦,携手建设新边疆"));
    }

    #[test]
    fn a_news_story_has_no_subheads() {
        let a = seg(
            "寒潮中的暖意\n\n爱心驿站温暖户外劳动者\n\n本报讯（记者 刘 畅）近日，气温骤降。\n\n“进来喝口热水。”骑手说。\n\n小山村里的“乡村CEO”\n\n在新化县水车镇，奉雨晴每天一早就忙碌起来。",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[1].title.as_deref(), Some("小山村里的“乡村CEO”"));
        let a = seg("标题\n\n本报讯 正文。\n\n### 分标题\n\n正文二。");
        assert_eq!(a.len(), 1, "a marked subhead is one all the same");
    }

    #[test]
    fn a_listing_headline_above_a_dated_paragraph_is_a_title() {
        let a = seg(
            "标题\n\n本报讯 第一段，正文。\n\n普洱、西双版纳、临沧茶区春茶开采\n\n4月上旬,我省主要茶区陆续进入春茶采摘旺季。",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(
            a[1].title.as_deref(),
            Some("普洱、西双版纳、临沧茶区春茶开采")
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_rejoined() {
        // Wrapped at 36 columns, paragraphs opened by an indent: a wrapped line may end
        // in a full stop or carry no punctuation at all.
        let a = seg(
            "港口吞吐量稳步增长\n\u{3000}\u{3000}本报讯 今年一季度，港口完成吞\n吐量九百五十万标准箱，同比增长九点二\n个百分点。场地几乎每天都被预订一空。\n海铁联运业务量完成四十二万标准箱新开\n通班列五条。\n\u{3000}\u{3000}负责人表示，将加快智慧港口建设。\n\u{3000}\u{3000}下一步，港口将继续开辟新航线。\n",
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            paras(&a[0]),
            [
                "本报讯 今年一季度，港口完成吞吐量九百五十万标准箱，同比增长九点二个百分点。场地几乎每天都被预订一空。海铁联运业务量完成四十二万标准箱新开通班列五条。",
                "负责人表示，将加快智慧港口建设。",
                "下一步，港口将继续开辟新航线。"
            ]
        );
    }

    #[test]
    fn raw_lines_cover_the_article() {
        let a = seg("标题\n\n正文。\n\n\n\n本报讯 二。");
        assert_eq!(a[0].raw_lines, Some([1, 3]));
        assert_eq!(a[1].raw_lines, Some([7, 7]));
    }
}
