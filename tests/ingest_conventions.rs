//! The conventions every Chinese daily prints by, one test each, on real lines quoted from
//! tests/fixtures/real (the tune pages, and the 2025-01-02 vault): a page file is split as
//! an editor would split it. Paragraphs are cut to their first sentence.

use std::path::Path;

use dubao::ingest::{self, Article, FilePart, ParseOptions};

/// A page of People's Daily, as the page files of tests/fixtures/real/pages are.
fn page(text: &str) -> FilePart {
    ingest::parse_text(
        Path::new("rmrb/2026-05-16/03.txt"),
        text.to_owned(),
        &ParseOptions::default(),
    )
}

fn titles(part: &FilePart) -> Vec<Option<&str>> {
    part.articles.iter().map(|a| a.title.as_deref()).collect()
}

fn headings(a: &Article) -> Vec<&str> {
    a.sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect()
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.paragraphs().collect()
}

#[test]
fn a_kicker_ending_in_a_dash_leads_into_the_headline() {
    let p = page(
        "习近平主席新年贺词引发海外华侨华人热烈反响——\n共创中华民族绵长福祉\n\n\u{3000}\u{3000}“历史长河波澜壮阔，一代又一代人接续奋斗创造了今天的中国。”新年前夕，国家主席习近平发表二〇二三年新年贺词。\n",
    );
    let a = &p.articles[0];
    assert_eq!(
        a.kicker.as_deref(),
        Some("习近平主席新年贺词引发海外华侨华人热烈反响——")
    );
    assert_eq!(a.title.as_deref(), Some("共创中华民族绵长福祉"));
    let p = page(
        "外交部发言人：\n中国将继续加快实施创新驱动发展战略，同世界共享创新发展成果\n\n\u{3000}\u{3000}新华社北京12月30日电  （记者马卓言）外交部发言人汪文斌30日表示。\n",
    );
    assert_eq!(
        titles(&p),
        [Some(
            "中国将继续加快实施创新驱动发展战略，同世界共享创新发展成果"
        )]
    );
}

#[test]
fn paired_subheads_of_a_feature_are_sections_of_it() {
    // A round-up of voices: a person's line ending in "——", then a subhead in two lines.
    let p = page(
        "习近平主席新年贺词在各地干部群众中引发热烈反响——\n奋斗创造奇迹  力量源于团结  希望寄予青年\n\n\u{3000}\u{3000}明天的中国，奋斗创造奇迹，力量源于团结，希望寄予青年。\n\u{3000}\u{3000}——编  者  \n\u{3000}\u{3000}安徽太和县种粮大户徐淙祥——\n\u{3000}\u{3000}发挥规模优势\n\u{3000}\u{3000}多种粮种好粮\n\u{3000}\u{3000}在田里忙了一天，仔细查看小麦长势后，安徽省太和县种粮大户徐淙祥回到家中。\n\u{3000}\u{3000}党的二十大代表、冬奥冠军武大靖——\n\u{3000}\u{3000}传承冰雪荣光\n\u{3000}\u{3000}贡献青春力量\n\u{3000}\u{3000}新年即将到来，短道速滑运动员武大靖准时收看了习近平主席发表的新年贺词。\n",
    );
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    assert_eq!(
        headings(&p.articles[0]),
        [
            "安徽太和县种粮大户徐淙祥—— 发挥规模优势 多种粮种好粮",
            "党的二十大代表、冬奥冠军武大靖—— 传承冰雪荣光 贡献青春力量"
        ]
    );
    // Not indented, and with no editor's note: a series of two-line subheads.
    let p = page(
        "“考古中国”实施200余项考古发掘\n探寻文明源流  坚定文化自信\n\n习近平总书记指出：“我国考古发现的重大成就实证了我国百万年的人类史。”\n实证百万年人类史\n推进解决人类起源课题\n中国境内人类起源，是“考古中国”重大项目关注的关键领域。\n实证一万年文化史\n为解决农业起源问题提供新材料\n从目前的考古发现来看，长江下游的上山文化是世界稻作农业起源的重要中心。\n",
    );
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    assert_eq!(
        p.articles[0].title.as_deref(),
        Some("探寻文明源流  坚定文化自信")
    );
    assert_eq!(headings(&p.articles[0]).len(), 2);
}

#[test]
fn an_editors_note_is_the_lede_of_its_story_or_an_article_of_its_own() {
    let p = page(
        "“考古中国”实施200余项考古发掘\n探寻文明源流  坚定文化自信\n\n\u{3000}\u{3000}习近平总书记指出：“我国考古发现的重大成就实证了我国百万年的人类史。”\n\u{3000}\u{3000}——编  者\n\u{3000}\u{3000}实证百万年人类史\n\u{3000}\u{3000}推进解决人类起源课题\n\u{3000}\u{3000}中国境内人类起源，是“考古中国”重大项目关注的关键领域。\n",
    );
    assert_eq!(p.articles.len(), 1);
    assert!(paragraphs(&p.articles[0]).contains(&"——编  者"));
    // Headed "编者按", the note is all of its article: the sign-off closes it.
    let p = page(
        "编者按\n\n\u{3000}\u{3000}当我们谈论博物馆时，我们在谈论什么？\n\u{3000}\u{3000}——编  者\n\n\n苏州博物馆\n江南与世界正彼此看见\n\n谢晓婷\n\u{3000}\u{3000}苏州博物馆的紫藤，开了400多年。\n",
    );
    assert_eq!(titles(&p), [Some("编者按"), Some("江南与世界正彼此看见")]);
    assert_eq!(p.articles[1].kicker.as_deref(), Some("苏州博物馆"));
    assert_eq!(p.articles[1].byline.as_deref(), Some("谢晓婷"));
}

#[test]
fn a_box_inside_an_article_is_part_of_it() {
    let p = page(
        "知名作家走进村庄，普通村民学习写作\n在清溪村，文学就是日常生活（文艺赋美乡村）\n\n本报记者  杨  迅\n\u{3000}\u{3000}青山如黛，溪流潺潺。\n\u{3000}\u{3000}雨后，青石板路泛着光。\n\u{3000}\u{3000}链接\n\u{3000}\u{3000}湖南凤凰县东子山村培育乡土影像人才\n\u{3000}\u{3000}在镜头里发现家乡的美\n\u{3000}\u{3000}东子山村的村民拿起了相机。\n",
    );
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    assert_eq!(
        headings(&p.articles[0]),
        ["链接 湖南凤凰县东子山村培育乡土影像人才 在镜头里发现家乡的美"]
    );
    // Not indented: "核心阅读" (the 2025-01-02 vault) heads a box, never a story.
    let p = page(
        "飞鸟翔集致富路\n\n本报记者  杨文明\n核心阅读\n云南省盈江县发展观鸟产业，鸟导成了新职业。\n清晨，盈江县的观鸟塘里已坐满了人。\n",
    );
    assert_eq!(titles(&p), [Some("飞鸟翔集致富路")]);
    assert_eq!(headings(&p.articles[0]), ["核心阅读"]);
}

#[test]
fn closing_credits_go_to_their_article_and_end_it() {
    let p = page(
        "留言板之前\n\n\u{3000}\u{3000}巡护、观鸟，是冯江的日常。\n\u{3000}\u{3000}（本报记者游仪、李洋、季芳、余建斌、沈文敏、张云河、王昊男、强郁文）\n\n\n留言板\n\n\u{3000}\u{3000}2022年，在上海的援助下，乡卫生院综合楼建成投用，医疗条件焕然一新。\n",
    );
    assert_eq!(titles(&p), [Some("留言板之前"), Some("留言板")]);
    assert_eq!(
        p.articles[0].byline.as_deref(),
        Some("（本报记者游仪、李洋、季芳、余建斌、沈文敏、张云河、王昊男、强郁文）")
    );
    // An affiliation under a byline over the text stays where it is printed, last.
    let p = page(
        "蒙古包的营造智慧——\n穹庐之下  草原为家（传统民居）\n\n王志强  许国强  温  馨\n\u{3000}\u{3000}夏季到来，草原旅游迎来热潮。\n\u{3000}\u{3000}（作者单位：内蒙古工业大学建筑学院，本报记者李祉瑶采访整理）\n\n\n如何防范蜱虫侵扰？\n\n刘补报\n\u{3000}\u{3000}蜱虫叮咬是草原出行的一大安全隐患，做好防护至关重要。\n",
    );
    assert_eq!(
        titles(&p),
        [
            Some("穹庐之下  草原为家（传统民居）"),
            Some("如何防范蜱虫侵扰？")
        ]
    );
    assert_eq!(
        p.articles[0].byline.as_deref(),
        Some("王志强  许国强  温  馨")
    );
    assert_eq!(
        paragraphs(&p.articles[0]).last(),
        Some(&"（作者单位：内蒙古工业大学建筑学院，本报记者李祉瑶采访整理）")
    );
    assert_eq!(p.articles[1].byline.as_deref(), Some("刘补报"));
    // A picture credit closes a photo story: "王  将摄（影像中国）".
    let p = page(
        "\u{3000}\u{3000}近日，种植基地进入夏灌保丰的关键期，工作人员在雨水集流的调蓄水池边忙碌。\n\u{3000}\u{3000}王  将摄（影像中国） \n新时代中国特色哲学社会科学高质量发展论坛在京举行\n\n\u{3000}\u{3000}本报北京5月15日电  （记者闫伊乔）5月15日，论坛在京举行。\n",
    );
    assert_eq!(
        titles(&p),
        [
            None,
            Some("新时代中国特色哲学社会科学高质量发展论坛在京举行")
        ]
    );
    assert_eq!(
        p.articles[0].byline.as_deref(),
        Some("王  将摄（影像中国）")
    );
}

#[test]
fn page_furniture_is_the_pages_notes() {
    let p = page(
        "奋进新征程 绘就新画卷\n\n\u{3000}\u{3000}一元复始，万象更新。\n\u{3000}\u{3000}——编  者\n\u{3000}\u{3000}版式设计：赵偲汝\n\n\n本版责编：蒋雪婕  吕  莉  祁嘉润  郭雪岩  王子凯\n\n\u{3000}\u{3000}本版策划：殷新宇\u{a0}\u{a0}吴\u{a0}\u{a0}燕\u{a0}\u{a0}程聚新\u{a0}\u{a0}\u{a0}\u{a0}\n\u{3000}\u{3000}融媒创作：刘莉莉\u{a0}\u{a0}娄霄霄\n\u{3000}\u{3000}制图：蔡华伟\n本期统筹  张一夫\n一版责编：杨  旭  张帅祯  赵  政  二版责编：韩晓明  姜  波  龚  鸣\n",
    );
    assert_eq!(titles(&p), [Some("奋进新征程 绘就新画卷")]);
    let notes: Vec<&str> = p.notes().collect();
    assert_eq!(notes.len(), 7, "{notes:?}");
    assert!(notes[0].starts_with("版式设计"));
}

#[test]
fn a_columns_name_in_brackets_belongs_to_the_headline() {
    let p = page(
        "\u{3000}\u{3000}“美中关系的发展正承载世界更多期待。”美国库恩基金会主席罗伯特·劳伦斯·库恩表示。\n\u{3000}\u{3000}（本报北京、华盛顿、约翰内斯堡、曼谷、首尔、巴黎5月15日电  记者陈尚文、李志伟）\n\n\n相向而行，共同开启中美关系新篇章（钟声）\n\n \u{3000}\u{3000}面对历史之问、世界之问、人民之问，两国元首立足时代潮流、把握共同利益。\n",
    );
    assert_eq!(
        p.articles.last().and_then(|a| a.title.as_deref()),
        Some("相向而行，共同开启中美关系新篇章（钟声）")
    );
    let p = page(
        "以党建之“钥”开治理之“锁”（人民时评）\n\n李  莉\n\u{3000}\u{3000}基层治理千头万绪。\n\n\n开辟中国式现代化更加广阔的前景（和音）\n\n\u{3000}\u{3000}新年伊始，万象更新。\n",
    );
    assert_eq!(
        titles(&p),
        [
            Some("以党建之“钥”开治理之“锁”（人民时评）"),
            Some("开辟中国式现代化更加广阔的前景（和音）")
        ]
    );
    assert_eq!(p.articles[0].byline.as_deref(), Some("李  莉"));
}

#[test]
fn dispatches_under_one_headline_are_one_round_up() {
    let p = page(
        "李强王沪宁分别会见塞尔维亚总统武契奇\n\n \u{3000}\u{3000}新华社北京5月25日电  5月25日上午，国务院总理李强在北京人民大会堂会见塞尔维亚总统武契奇。\n\u{3000}\u{3000}吴政隆参加会见。\n\u{3000}\u{3000}新华社北京5月25日电  中共中央政治局常委、全国政协主席王沪宁25日在北京会见塞尔维亚总统武契奇。\n\u{3000}\u{3000}周强、王东峰等参加会见。 \n",
    );
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    // Each under a subhead, without indents, under a column's name.
    let p = page(
        "环球扫描\n\n梅德韦杰夫：南千岛群岛过去、现在、将来都是俄领土\n新华社莫斯科/东京8月13日电  俄罗斯联邦安全会议副主席梅德韦杰夫13日表示。\n南千岛群岛归属问题是俄日关系发展的最大障碍之一。\n伊朗外长：美国“误判”霍尔木兹海峡局势\n新华社德黑兰8月13日电  伊朗外交部长阿拉格齐13日在社交媒体发文。\n伊拉克总理重申国际联盟9月30日前完成撤军\n据新华社巴格达8月12日电  （记者李军）伊拉克总理扎伊迪12日重申。\n",
    );
    assert_eq!(titles(&p), [Some("环球扫描")]);
    assert_eq!(headings(&p.articles[0]).len(), 3);
}

#[test]
fn a_dateline_alone_on_its_line_is_no_headline() {
    // 新华社 features print the dateline at their end: it closes the story.
    let p = page(
        "高原观“海”探寻生态经济密码\n\n新华社记者 赵新兵\n\u{3000}\u{3000}高原观“海”春潮涌，黔山秀水气象新。\n\u{3000}\u{3000}\u{3000}\u{3000}新华社贵阳4月27日电\n何以拨动民间投资的“信心弦”\n\n新华社记者 李凤双\n\u{3000}\u{3000}春江水暖，资本先知。\n",
    );
    assert_eq!(
        titles(&p),
        [
            Some("高原观“海”探寻生态经济密码"),
            Some("何以拨动民间投资的“信心弦”")
        ]
    );
    assert_eq!(
        paragraphs(&p.articles[0]).last(),
        Some(&"新华社贵阳4月27日电")
    );
    // Cut from its paragraph, and set in full-width digits, it still opens the story.
    let p = page(
        "中俄两国元首互致新年贺电\n\n新华社北京１２月３１日电\n2022年12月31日，国家主席习近平和俄罗斯总统普京互致新年贺电。\n",
    );
    assert_eq!(titles(&p), [Some("中俄两国元首互致新年贺电")]);
    assert_eq!(paragraphs(&p.articles[0])[0], "新华社北京１２月３１日电");
}
