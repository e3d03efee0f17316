//! Scores `parse` on real newspaper pages whose article bounds are known
//! (tests/fixtures/real/pages: 人民日报 from two sources, 新华每日电讯, 学习时报), with the
//! coverage metric of `score_real_pages.py` (tests/common/real_pages.rs), and fails below
//! the figures the splitter reached (docs/segmentation.md). The rules were written on
//! `tune/` only; `holdout/` was scored once they were done.

mod common;

use common::real_pages::{Counts, Unit, score_page, score_split};

/// (source, articles F1, titles) that a split must reach; "all" is the split as a whole.
type Bar = (&'static str, f64, f64);

const TUNE: [Bar; 4] = [
    ("all", 0.988, 1.000),
    ("mrdx", 1.000, 1.000),
    ("rmrb-fduzs", 0.983, 1.000),
    ("rmrb-ifyuls", 0.986, 1.000),
];

/// Reached once the rules were done, without a rule written for these pages. mrdx's
/// titles stay low: five of its headlines are set on two lines that read as a title
/// over a subtitle (docs/segmentation.md, "Known misses").
const HOLDOUT: [Bar; 4] = [
    ("all", 0.991, 0.960),
    ("mrdx", 1.000, 0.750),
    ("rmrb-ifyuls", 0.993, 0.986),
    ("xxsb", 0.970, 1.000),
];

fn meets(split: &str, bars: &[Bar]) {
    let dir = common::root().join("tests/fixtures/real/pages").join(split);
    let score = score_split(&dir);
    for (source, c) in &score.by_source {
        eprintln!("{split} {source}: {}", c.summary());
    }
    eprintln!("{split} all: {}", score.all.summary());
    for m in &score.misses {
        eprintln!("  {m}");
    }
    for &(source, f1, titles) in bars {
        let c: Counts = if source == "all" {
            score.all
        } else {
            score.by_source[source]
        };
        // The figures are printed to three places; a bar is met at that precision.
        assert!(
            c.f1() + 5e-4 >= f1,
            "{split} {source}: articles F1 {:.3} < {f1}",
            c.f1()
        );
        assert!(
            c.title_share() + 5e-4 >= titles,
            "{split} {source}: titles {:.3} < {titles}",
            c.title_share()
        );
    }
}

#[test]
fn the_tune_pages_meet_their_bar() {
    meets("tune", &TUNE);
}

#[test]
fn the_holdout_pages_meet_their_bar() {
    meets("holdout", &HOLDOUT);
}

fn unit(head: &str, body: &str) -> Unit {
    Unit {
        file: head.to_owned(),
        headline: head.to_owned(),
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

#[test]
fn the_score_counts_coverage_as_the_python_tool_does() {
    use dubao::ingest::{Article, Section};
    let units = [
        unit("标题一", "第一篇的正文，足足有二十个字那么长的一段话。"),
        unit("标题二", "第二篇的正文，也有二十个字那么长的一段话呢。"),
        unit("本版责编", "张三"),
    ];
    let article = |title: &str, p: &str| Article {
        title: Some(title.to_owned()),
        sections: vec![Section {
            heading: None,
            paragraphs: vec![p.to_owned()],
        }],
        ..Article::default()
    };
    let whole = article("标题一", "第一篇的正文，足足有二十个字那么长的一段话。");
    let glued = article("标题二", "第二篇的正文，也有二十个字那么长的一段话呢。");
    let furniture = Article {
        byline: Some("本版责编 张三".into()),
        ..Article::default()
    };
    let mut misses = Vec::new();
    let c = score_page(&units, &[&whole, &glued, &furniture], &mut misses);
    assert_eq!(
        (c.found, c.expected, c.produced, c.titles_ok, c.titles),
        (2, 2, 2, 2, 2),
        "furniture is neither scored nor counted: {misses:?}"
    );
    let both = Article {
        title: Some("标题一".into()),
        sections: vec![Section {
            heading: None,
            paragraphs: vec![
                "第一篇的正文，足足有二十个字那么长的一段话。".into(),
                "标题二".into(),
                "第二篇的正文，也有二十个字那么长的一段话呢。".into(),
            ],
        }],
        ..Article::default()
    };
    let c = score_page(&units, &[&both], &mut misses);
    assert_eq!(
        (c.found, c.produced),
        (0, 1),
        "two stories in one are neither found"
    );
}

/// The figures of any folder laid out as a split (`DUBAO_REAL_PAGES=DIR`): how the port
/// was checked against `score_real_pages.py score` on the same pages.
#[test]
#[ignore]
fn score_the_folder_named_in_the_environment() {
    let Some(dir) = std::env::var_os("DUBAO_REAL_PAGES") else {
        return;
    };
    let score = score_split(std::path::Path::new(&dir));
    for (source, c) in &score.by_source {
        println!("{source}: {}", c.summary());
    }
    println!("ALL: {}", score.all.summary());
}
