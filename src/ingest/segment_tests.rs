//! Tests of `ingest::segment`, on the kinds of lines each rule was written for.

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
