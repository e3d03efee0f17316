//! Which paper a file belongs to: a folder named for it at any level above the file
//! (`人民日报/`, `rmrb-2023/`, `shanxi-daily/`), or its text (a dateline
//! "本报讯（山西日报记者 …）", a print line "《人民日报》（2025年01月02日第 01 版）",
//! a program title "《新闻联播》（20230108）").

use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use super::metadata::is_han;

/// Short names archives and scrapers file papers under (repository and folder names
/// such as `rmrb/`, `xwlb-md/`), with the paper each names. A short name counts as a
/// whole word of a folder name only: `rmrb-20230101-tab` is 人民日报, `rmrbx` is not.
pub const SHORT_NAMES: &[(&str, &str)] = &[
    ("rmrb", "人民日报"),
    ("rmrbhwb", "人民日报海外版"),
    ("gmrb", "光明日报"),
    ("jjrb", "经济日报"),
    ("mrdx", "新华每日电讯"),
    ("xhmrdx", "新华每日电讯"),
    ("xxsb", "学习时报"),
    ("xwlb", "新闻联播"),
    ("jfjb", "解放军报"),
    ("zgqnb", "中国青年报"),
    ("grrb", "工人日报"),
    ("kjrb", "科技日报"),
    ("fzrb", "法治日报"),
    ("nmrb", "农民日报"),
];

/// Endings of a Chinese paper's name: 日报, 晚报, 时报, 商报 and the rest all end in 报;
/// 新华每日电讯 in 电讯.
const NAME_ENDINGS: [char; 2] = ['报', '報'];
const NAME_ENDINGS_2: [&str; 2] = ["电讯", "電訊"];
/// Words that make a Latin folder name a paper's ("shanxi-daily"). Broader words such
/// as "news" or "post" are left out: `news/` is a common folder of any archive.
const LATIN_MARKERS: [&str; 4] = ["daily", "ribao", "wanbao", "zaobao"];
/// Fewer Han characters than this ending in 报 are words (简报, 年报), not papers.
const MIN_NAME_CHARS: usize = 3;

/// The paper a folder or a name in the text names, if any: a short name of
/// [`SHORT_NAMES`] as a word of it, a run of Chinese ending like a paper's name, a
/// paper of the table by its full name, or a Latin name with a paper word in it.
pub fn paper_name(name: &str) -> Option<String> {
    let name = name.trim();
    for word in words(name) {
        let lower = word.to_ascii_lowercase();
        if let Some((_, full)) = SHORT_NAMES.iter().find(|(short, _)| *short == lower) {
            return Some((*full).to_owned());
        }
        if word.chars().next().is_some_and(is_han) && is_chinese_paper_name(word) {
            return Some(word.to_owned());
        }
        if LATIN_MARKERS.contains(&lower.as_str()) {
            return Some(name.to_owned());
        }
    }
    None
}

fn is_chinese_paper_name(word: &str) -> bool {
    let known = SHORT_NAMES.iter().any(|(_, full)| *full == word);
    let ends = word.ends_with(NAME_ENDINGS) || NAME_ENDINGS_2.iter().any(|e| word.ends_with(e));
    known || (ends && word.chars().count() >= MIN_NAME_CHARS)
}

/// "rmrb-20230101-tab" → rmrb, 20230101, tab; "人民日报_2023" → 人民日报, 2023: runs of
/// Latin letters, of digits, of Chinese (with the middle dot of 人民日报·海外版).
fn words(name: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Latin,
        Digit,
        Han,
        Other,
    }
    let class = |c: char| {
        if c.is_ascii_alphabetic() {
            Class::Latin
        } else if c.is_ascii_digit() {
            Class::Digit
        } else if is_han(c) || c == '·' {
            Class::Han
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut run: Option<(usize, Class)> = None;
    for (i, c) in name.char_indices() {
        let k = class(c);
        if run.is_some_and(|(_, rk)| rk == k) {
            continue;
        }
        if let Some((s, rk)) = run.take() {
            if rk != Class::Other {
                out.push(&name[s..i]);
            }
        }
        run = Some((i, k));
    }
    if let Some((s, rk)) = run {
        if rk != Class::Other {
            out.push(&name[s..]);
        }
    }
    out
}

/// The nearest folder above the file that names a paper: `山西日报/2023-11-19/01.txt`
/// is 山西日报, `rmrb/2023/01/01/x.md` is 人民日报.
pub fn paper_from_path(path: &Path) -> Option<String> {
    path.ancestors()
        .skip(1)
        .filter_map(|p| p.file_name()?.to_str())
        .find_map(paper_name)
}

fn dateline_paper_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"本[报報][讯訊]\s*[（(]\s*([\p{Han}]{1,10}?(?:日[报報]|晚[报報]|[报報]))\s*(?:记者|記者|通讯员|通訊員)")
            .expect("static regex")
    })
}

/// The paper named in a dateline: "本报讯（山西日报记者 杨文）" → 山西日报.
pub fn paper_from_dateline(text: &str) -> Option<String> {
    dateline_paper_re().captures(text).map(|c| c[1].to_owned())
}

/// A name in book-title marks that is a paper's: "《新闻联播》（20230108）" → 新闻联播.
pub fn paper_in_title_marks(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"《([^《》]{2,16})》").expect("static regex"));
    re.captures_iter(text).find_map(|c| paper_name(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_words_of_folder_names() {
        assert_eq!(paper_name("rmrb").as_deref(), Some("人民日报"));
        assert_eq!(paper_name("rmrb-20230101-tab").as_deref(), Some("人民日报"));
        assert_eq!(paper_name("XWLB-md").as_deref(), Some("新闻联播"));
        assert_eq!(paper_name("xhmrdx").as_deref(), Some("新华每日电讯"));
        assert_eq!(paper_name("gmrb2024").as_deref(), Some("光明日报"));
        assert_eq!(paper_name("rmrbx"), None, "not a word of its own");
    }

    #[test]
    fn chinese_names_ending_like_papers() {
        assert_eq!(paper_name("山西日报").as_deref(), Some("山西日报"));
        assert_eq!(paper_name("人民日报_2023").as_deref(), Some("人民日报"));
        assert_eq!(paper_name("新京报").as_deref(), Some("新京报"));
        assert_eq!(paper_name("新华每日电讯").as_deref(), Some("新华每日电讯"));
        assert_eq!(paper_name("新闻联播").as_deref(), Some("新闻联播"));
        assert_eq!(paper_name("01-要闻"), None, "a page folder");
        assert_eq!(paper_name("12-特别报道"), None);
        assert_eq!(paper_name("年报"), None, "too short for a paper");
    }

    #[test]
    fn latin_names_need_a_paper_word() {
        assert_eq!(paper_name("shanxi-daily").as_deref(), Some("shanxi-daily"));
        assert_eq!(paper_name("news"), None);
        assert_eq!(paper_name("sample"), None);
        assert_eq!(paper_name("2023-11-19"), None);
        assert_eq!(paper_name("2023"), None);
    }

    #[test]
    fn the_nearest_folder_naming_a_paper() {
        let p = |s: &str| paper_from_path(Path::new(s));
        assert_eq!(p("山西日报/2023-11-19/01.txt").as_deref(), Some("山西日报"));
        assert_eq!(
            p("data/rmrb/2025/01/2025-01-02/01-要闻/标题.md").as_deref(),
            Some("人民日报")
        );
        assert_eq!(
            p("archive/山西日报/2023-11-20.txt").as_deref(),
            Some("山西日报")
        );
        assert_eq!(p("assets/sample/a.txt"), None);
        assert_eq!(p("archive/2023/a.txt"), None);
        assert_eq!(p("a.txt"), None);
        assert_eq!(
            p("山西日报/晚报.txt").as_deref(),
            Some("山西日报"),
            "the file's own name is not a folder"
        );
    }

    #[test]
    fn papers_in_the_text() {
        assert_eq!(
            paper_from_dateline("本报讯（山西日报记者 杨文）近日，省委书记").as_deref(),
            Some("山西日报")
        );
        assert_eq!(
            paper_from_dateline("本报讯(太原晚报记者 李)").as_deref(),
            Some("太原晚报")
        );
        assert_eq!(paper_from_dateline("本报讯（记者 魏薇）11月19日"), None);
        assert_eq!(
            paper_in_title_marks("《新闻联播》（20230108）").as_deref(),
            Some("新闻联播")
        );
        assert_eq!(paper_in_title_marks("《求是》杂志发表"), None);
    }
}
