//! Issue metadata: the date (path, front matter, or inferred from the text) and the
//! optional front matter block itself. Papers are in [`super::papers`].

use std::sync::OnceLock;

use regex::Regex;

use super::date::Date;
use super::heads::page_head;

/// A `---` block at the top of a file: `date:`, `paper:`, `title:` lines, and those an
/// article's file has (`section: 第05版`, `section_name`, `page`, `author`,
/// `source_url`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub date: Option<Date>,
    pub paper: Option<String>,
    pub title: Option<String>,
    pub page: Option<u32>,
    pub page_name: Option<String>,
    pub author: Option<String>,
    pub source_url: Option<String>,
    /// Lines of the file the block takes, so segmentation skips them.
    pub line_count: usize,
    pub warnings: Vec<String>,
}

impl FrontMatter {
    /// An author or a link to the original only come with one article; so does a
    /// headline placed on a page (a title that is not the page's own name).
    pub fn is_article(&self) -> bool {
        let titled = self.title.is_some() && self.title_page().is_none();
        self.author.is_some() || self.source_url.is_some() || (titled && self.page.is_some())
    }

    /// A title that names a page ("第1版 要闻") rather than an article.
    pub fn title_page(&self) -> Option<(u32, Option<String>)> {
        self.title.as_deref().and_then(page_head)
    }
}

/// "第05版" or "5" → 5.
fn page_number(value: &str) -> Option<u32> {
    page_head(value)
        .map(|(n, _)| n)
        .or_else(|| value.trim().parse().ok())
}

/// Reads a front-matter block if the text opens with one. Only `key: value` lines are
/// accepted inside; anything else means the `---` was a rule in the text, not a block.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = text.lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    let mut fm = FrontMatter::default();
    for (i, line) in lines.enumerate() {
        let line = line.trim();
        if line == "---" {
            fm.line_count = i + 2;
            return Some(fm);
        }
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once([':', '：'])?;
        let value = value.trim().trim_matches(['"', '\'']).trim();
        let text = (!value.is_empty()).then(|| value.to_owned());
        match key.trim().to_ascii_lowercase().as_str() {
            "date" => match value.parse::<Date>() {
                Ok(d) => fm.date = Some(d),
                Err(e) => fm
                    .warnings
                    .push(format!("front matter: {e} (fix the date: line)")),
            },
            "paper" => fm.paper = text.or(fm.paper),
            "title" => fm.title = text.or(fm.title),
            "author" => fm.author = text.or(fm.author),
            "source_url" | "url" => fm.source_url = text.or(fm.source_url),
            "section_name" | "page_name" => fm.page_name = text.or(fm.page_name),
            "section" | "page" => match page_number(value) {
                Some(n) => fm.page = Some(n),
                // "section: 要闻": a page's name where its number is not given.
                None if fm.page_name.is_none() => fm.page_name = text,
                None => {}
            },
            _ => {}
        }
    }
    None
}

fn path_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Digits glued to other digits are a different number (an id, a hash), so the
        // date must not continue a run of digits on either side.
        Regex::new(r"(?:^|[^0-9])((?:18|19|20|21)\d\d)([-_/.]?)(\d\d)([-_/.]?)(\d\d)(?:$|[^0-9])")
            .expect("static regex")
    })
}

/// `2023-11-20`, `20231120`, `2023/11/20` (folders count too) anywhere in the path;
/// the last one wins, since the file name is more specific than its folders.
pub fn date_from_path(path: &str) -> Option<Date> {
    let re = path_date_re();
    let mut found = None;
    let mut at = 0;
    while let Some(c) = re.captures_at(path, at) {
        let whole = c.get(1).map_or(at, |m| m.start());
        // Both separators must agree: "2023-1120" is no date.
        if c[2] == c[4] {
            let n = |i: usize| c[i].parse::<u32>().unwrap_or(0);
            if let Some(d) = Date::new(n(1), n(3), n(5)) {
                found = Some(d);
            }
        }
        at = whole + 1;
    }
    found
}

fn md_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:((?:18|19|20|21)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
            .expect("static regex")
    })
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:18|19|20|21)\d\d)\s*年").expect("static regex"))
}

/// The issue date guessed from its text: the latest `M月D日` mentioned (not counting
/// announced days to come, "8月1日起"). The year is the
/// one of a full `YYYY年M月D日` if the text has one, else the `YYYY年` mentioned most
/// often (ties go to the later year). Without a year there is no date.
pub fn date_from_text(text: &str) -> Option<Date> {
    let mut full_years = Vec::new();
    let mut month_days = Vec::new();
    for c in md_re().captures_iter(text) {
        let (m, d) = (c[2].parse::<u32>().ok()?, c[3].parse::<u32>().ok()?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            continue;
        }
        if let Some(y) = c.get(1) {
            full_years.push(y.as_str().parse::<u32>().ok()?);
        }
        // "8月1日起" announces a day to come, not the day of the issue.
        let after = &text[c.get(0).map_or(0, |m| m.end())..];
        if after.starts_with(['起', '前']) || after.starts_with("以后") || after.starts_with("开始")
        {
            continue;
        }
        month_days.push((m, d));
    }
    if month_days.is_empty() {
        return None;
    }
    let year = if let Some(&y) = full_years.iter().max() {
        y
    } else {
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for c in year_re().captures_iter(text) {
            let y: u32 = c[1].parse().ok()?;
            match counts.iter_mut().find(|(yy, _)| *yy == y) {
                Some((_, n)) => *n += 1,
                None => counts.push((y, 1)),
            }
        }
        counts.into_iter().max_by_key(|&(y, n)| (n, y))?.0
    };
    // An issue of early January reports on late December: those days belong to the
    // year before, or "the latest" would jump eleven months ahead.
    let spans_new_year =
        month_days.iter().any(|&(m, _)| m <= 2) && month_days.iter().any(|&(m, _)| m >= 11);
    month_days
        .into_iter()
        .filter_map(|(m, d)| {
            let y = if spans_new_year && m >= 11 {
                year - 1
            } else {
                year
            };
            Date::new(y, m, d)
        })
        .max()
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(
            date_from_path("papers/2023-11-20.txt"),
            Some(d("2023-11-20"))
        );
        assert_eq!(
            date_from_path("papers/sxrb_20231120_p1.txt"),
            Some(d("2023-11-20"))
        );
        assert_eq!(
            date_from_path("archive/2023/11/20/page1.md"),
            Some(d("2023-11-20"))
        );
        assert_eq!(date_from_path("2023/11/20.txt"), Some(d("2023-11-20")));
        assert_eq!(date_from_path("000_f8e1adb28c4d49b6.txt"), None);
        assert_eq!(
            date_from_path("scan-120231120999.txt"),
            None,
            "inside a longer number"
        );
        assert_eq!(date_from_path("2023-1120.txt"), None, "mixed separators");
        assert_eq!(date_from_path("2023-02-30.txt"), None, "no such day");
    }

    #[test]
    fn front_matter_block() {
        let text = "---\ndate: 2023-11-20\npaper: 山西日报\ntitle: 第1版\n---\n标题\n";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.date, Some(d("2023-11-20")));
        assert_eq!(fm.paper.as_deref(), Some("山西日报"));
        assert_eq!(fm.title.as_deref(), Some("第1版"));
        assert_eq!(fm.line_count, 5);
    }

    #[test]
    fn a_rule_is_not_front_matter() {
        assert_eq!(front_matter("---\n正文第一段。\n---\n"), None);
        assert_eq!(
            front_matter("---\ndate: 2023-11-20\n"),
            None,
            "never closed"
        );
        assert_eq!(front_matter("标题\n---\n"), None);
    }

    #[test]
    fn bad_front_matter_date_is_a_warning() {
        let fm = front_matter("---\ndate: 2023-19-40\n---\n").unwrap();
        assert_eq!(fm.date, None);
        assert!(fm.warnings[0].contains("2023-19-40"));
    }

    #[test]
    fn latest_month_day_with_the_most_frequent_year() {
        // From the first sample: 2020 once, 2023 twice, latest day 11月19日.
        let text = "本报讯 11月19日，市红十字会传来好消息。2020年，任先生在参加无偿献血时。\
                    11月16日，晋源区2023年秋季干部主体班结业。公布2023年山西省名单。";
        assert_eq!(date_from_text(text), Some(d("2023-11-19")));
    }

    #[test]
    fn a_full_date_fixes_the_year() {
        let text = "2021年,太钢集团一举创出历史最优经营业绩。7月28日下午。特此通告 2022年7月26日";
        assert_eq!(date_from_text(text), Some(d("2022-07-28")));
    }

    #[test]
    fn announced_days_to_come_are_not_the_issue_date() {
        let text = "2022年工作。7月28日,市疫情防控办发布提示。8月1日起全面实现一站通查。";
        assert_eq!(date_from_text(text), Some(d("2022-07-28")));
    }

    #[test]
    fn december_days_in_a_january_issue_belong_to_the_year_before() {
        let text = "2023年全省工作。1月21日凌晨。12月30日，某会议召开。";
        assert_eq!(date_from_text(text), Some(d("2023-01-21")));
    }

    #[test]
    fn no_year_no_date() {
        assert_eq!(date_from_text("11月16日，小店区委负责人到坞城街道。"), None);
        assert_eq!(date_from_text("没有日期的文字。"), None);
    }

    #[test]
    fn an_article_s_front_matter() {
        let fm = front_matter(
            "---\ntitle: \"乘长风破万里浪\"\ndate: 2025-01-02\nsection: \"第01版\"\nsection_name: \"要闻\"\nauthor: \"\"\nsource_url: \"https://x.cn/a.html\"\n---\n",
        )
        .unwrap();
        assert_eq!(fm.page, Some(1));
        assert_eq!(fm.page_name.as_deref(), Some("要闻"));
        assert_eq!(fm.author, None, "an empty author is none");
        assert_eq!(fm.source_url.as_deref(), Some("https://x.cn/a.html"));
        assert!(fm.is_article());
        let page = front_matter("---\ntitle: 第1版 要闻\n---\n").unwrap();
        assert!(!page.is_article());
        assert_eq!(page.title_page(), Some((1, Some("要闻".to_owned()))));
    }
}
