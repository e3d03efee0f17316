//! One test per layout rule of `parse`: what a file is (a whole issue, a page, one
//! article) from its path and head, and where its date, paper, page and notes come from.

use std::path::Path;

use dubao::ingest::{self, FilePart, ParseOptions, PartKind};

fn parse(path: &str, text: &str) -> FilePart {
    ingest::parse_text(Path::new(path), text.to_owned(), &ParseOptions::default())
}

fn titles(part: &FilePart) -> Vec<Option<&str>> {
    part.articles.iter().map(|a| a.title.as_deref()).collect()
}

#[test]
fn a_tab_separated_head_makes_a_file_one_article_wherever_it_is() {
    let part = parse(
        "notes/any.txt",
        "国家乡村振兴局印发通知部署\t扎实做好巩固拓展脱贫攻坚成果工作\t\n\n\u{3000}\u{3000}本报北京12月31日电（记者顾仲阳）国家乡村振兴局印发通知。\n\u{3000}\u{3000}《通知》强调，充分认识艰巨性。\n",
    );
    assert_eq!(part.kind, PartKind::Article);
    assert_eq!(part.articles.len(), 1);
    let a = &part.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("国家乡村振兴局印发通知部署"));
    assert_eq!(a.title.as_deref(), Some("扎实做好巩固拓展脱贫攻坚成果工作"));
    assert_eq!(a.raw_lines, Some([1, 4]));
}

#[test]
fn three_head_lines_count_only_where_the_path_says_one_article() {
    let text = "习近平主席新年贺词引发海外华侨华人热烈反响——\n共创中华民族绵长福祉\n\n\u{3000}\u{3000}“历史长河波澜壮阔。”德国华人说，我们深受鼓舞。\n";
    let article = parse("rmrb/20230101-03-01.txt", text);
    assert_eq!(article.kind, PartKind::Article);
    assert_eq!(
        article.articles[0].kicker.as_deref(),
        Some("习近平主席新年贺词引发海外华侨华人热烈反响——")
    );
    assert_eq!(
        article.articles[0].title.as_deref(),
        Some("共创中华民族绵长福祉")
    );
    assert_eq!(article.page().and_then(|p| p.page), Some(3));
    assert_eq!(article.place, Some(1));
    let issue = parse("rmrb/misc.txt", text);
    assert_eq!(issue.kind, PartKind::Issue, "elsewhere it is just text");
}

#[test]
fn an_article_file_is_never_split() {
    // A dateline and a wide gap each start an article in a page; in an article file
    // they are its text.
    let part = parse(
        "x/20230101-05-01.txt",
        "\t推动经济运行整体好转（权威访谈）\t——访国家发展改革委负责人\n\n\u{3000}\u{3000}日前召开的会议提出，我国经济韧性强。\n\n\n\n\u{3000}\u{3000}本报讯 经济形势怎样判断？2023年发展具备较好基础。\n\u{3000}\u{3000}短标题\n\u{3000}\u{3000}如何扩大内需？要把恢复和扩大消费摆在优先位置。\n\u{3000}\u{3000}本报记者  陆娅楠\n",
    );
    assert_eq!(part.articles.len(), 1, "{:?}", titles(&part));
    let a = &part.articles[0];
    assert_eq!(a.title.as_deref(), Some("推动经济运行整体好转（权威访谈）"));
    assert_eq!(a.paragraphs().count(), 3);
    assert_eq!(a.byline.as_deref(), Some("本报记者  陆娅楠"));
}

#[test]
fn page_furniture_is_the_pages_notes() {
    let part = parse(
        "山西日报/2023-11-19/02.txt",
        "第02版：要闻\n\n标题一\n\n本报讯 正文一。\n\n本版责编：王 勇\n版式设计 张芳曼\n电子信箱：sxrb@example.cn\n",
    );
    assert_eq!(part.kind, PartKind::Page);
    let page = part.page().unwrap();
    assert_eq!((page.page, page.name.as_deref()), (Some(2), Some("要闻")));
    assert_eq!(
        page.notes,
        [
            "本版责编：王 勇",
            "版式设计 张芳曼",
            "电子信箱：sxrb@example.cn"
        ]
    );
    assert_eq!(titles(&part), [Some("标题一")]);
    assert_eq!(part.articles[0].page_name.as_deref(), Some("要闻"));
}

#[test]
fn page_heads_in_a_whole_issue_start_pages() {
    let part = parse(
        "山西日报/2023-11-19.txt",
        "第01版：要闻\n\n标题一\n\n本报讯 正文一。\n\n第2版\n\n标题二\n\n本报讯 正文二。\n\n本版责编：李 静\n",
    );
    assert_eq!(part.kind, PartKind::Issue);
    let pages: Vec<(Option<u32>, Option<&str>, usize)> = part
        .pages
        .iter()
        .map(|p| (p.page, p.name.as_deref(), p.notes.len()))
        .collect();
    assert_eq!(pages, [(Some(1), Some("要闻"), 0), (Some(2), None, 1)]);
    let got: Vec<(Option<&str>, Option<u32>)> = part
        .articles
        .iter()
        .map(|a| (a.title.as_deref(), a.page))
        .collect();
    assert_eq!(got, [(Some("标题一"), Some(1)), (Some("标题二"), Some(2))]);
}

#[test]
fn front_matter_of_an_article() {
    let part = parse(
        "inbox/a.md",
        "---\ntitle: \"释放红色资源魅力\"\ndate: 2025-01-02\nsection: \"第05版\"\nsection_name: \"评论\"\nauthor: \"陈  勐\"\nsource_url: \"https://paper.people.com.cn/a.html\"\n---\n\n一件件革命文物，是光辉历史的实物见证。\n\n运用数字技术，能助力保护。\n",
    );
    assert_eq!(part.kind, PartKind::Article);
    assert_eq!(
        part.date.map(|d| d.to_string()).as_deref(),
        Some("2025-01-02")
    );
    let a = &part.articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("释放红色资源魅力"),
        "the text has none"
    );
    assert_eq!(a.byline.as_deref(), Some("陈  勐"));
    assert_eq!(a.url.as_deref(), Some("https://paper.people.com.cn/a.html"));
    assert_eq!((a.page, a.page_name.as_deref()), (Some(5), Some("评论")));
    assert_eq!(part.title, None, "an article's title is its article's");
}

#[test]
fn a_vault_file_without_a_headline_is_titled_by_its_name() {
    let part = parse(
        "vault/2025/01/2025-01-02/16-绿色/向绿发展 应对气候变化挑战.md",
        "> 《人民日报》（2025年01月02日第 16 版）\n\n应对气候变化是全人类的共同事业。\n",
    );
    let a = &part.articles[0];
    assert_eq!(a.title.as_deref(), Some("向绿发展 应对气候变化挑战"));
    assert_eq!((a.page, a.page_name.as_deref()), (Some(16), Some("绿色")));
    assert_eq!(
        part.paper.as_deref(),
        Some("人民日报"),
        "from the print line"
    );
    assert_eq!(a.byline, None);
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        ["应对气候变化是全人类的共同事业。"]
    );
}

#[test]
fn a_markdown_page_without_story_headings_is_left_to_the_segmenter() {
    let part = parse(
        "太原日报/2023-11-20/01.md",
        "唐登杰金湘军与钱文挥举行工作会谈\n\n本报讯（记者 杨文）近日，省委书记唐登杰出席签约仪式。\n\n湖北省卫健委表扬太原企业\n\n本报讯 第二篇的正文。\n",
    );
    assert_eq!(part.kind, PartKind::Page);
    assert_eq!(
        titles(&part),
        [
            Some("唐登杰金湘军与钱文挥举行工作会谈"),
            Some("湖北省卫健委表扬太原企业")
        ]
    );
}

#[test]
fn where_the_paper_comes_from() {
    let opts = ParseOptions {
        paper: Some("给定日报".into()),
    };
    let paper =
        |path: &str, text: &str| ingest::parse_text(Path::new(path), text.to_owned(), &opts).paper;
    let dateline = "标题\n\n本报讯（山西日报记者 杨文）正文。";
    assert_eq!(
        paper(
            "太原日报/2023-11-19/01.txt",
            &format!("---\npaper: 晋中日报\n---\n{dateline}")
        )
        .as_deref(),
        Some("晋中日报"),
        "front matter first"
    );
    assert_eq!(
        paper("太原日报/2023-11-19/01.txt", dateline).as_deref(),
        Some("太原日报"),
        "then a folder at any level"
    );
    assert_eq!(
        paper("papers/2023-11-19/01.txt", dateline).as_deref(),
        Some("山西日报"),
        "then the text"
    );
    assert_eq!(
        paper("papers/2023-11-19/01.txt", "标题\n\n正文。").as_deref(),
        Some("给定日报"),
        "then --paper"
    );
}

#[test]
fn where_the_date_comes_from() {
    let date = |path: &str, text: &str| {
        let p = parse(path, text);
        (p.date.map(|d| d.to_string()), p.date_inferred)
    };
    let text = "---\ndate: 2023-11-21\n---\n标题\n\n2022年5月1日，正文。";
    assert_eq!(
        date("2023-11-20.txt", text),
        (Some("2023-11-20".into()), false)
    );
    assert_eq!(date("a.txt", text), (Some("2023-11-21".into()), false));
    assert_eq!(
        date(
            "a.md",
            "# 标题\n\n> 《人民日报》（2025年01月02日第 01 版）\n\n2022年5月1日，正文。"
        ),
        (Some("2025-01-02".into()), false),
        "a print line is read, not guessed"
    );
    assert_eq!(
        date("a.txt", "标题\n\n2022年5月1日，正文。"),
        (Some("2022-05-01".into()), true)
    );
}

#[test]
fn a_file_of_credits_only_has_no_article_and_no_warning() {
    let part = parse(
        "x/20230101-06-03.txt",
        "\t本版责编：蒋雪婕  吕  莉\t\n\n\u{3000}\u{3000}本版策划：殷新宇\n\u{3000}\u{3000}版式设计：蔡华伟\n",
    );
    assert!(part.articles.is_empty());
    assert_eq!(part.notes().count(), 3);
    assert!(part.warnings.is_empty(), "{:?}", part.warnings);
}
