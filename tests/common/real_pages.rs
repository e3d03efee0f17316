//! Scoring of `parse` on real pages with known article bounds (tests/fixtures/real/pages):
//! a port of the `score` of `score_real_pages.py`, the coverage metric, reading the
//! compact truth of the folder's README.
//!
//! Every text field of a produced article is located in the page (white space removed);
//! a true article is found when one produced article holds ≥ 90 % of its characters and
//! draws ≥ 90 % of its own located characters from it. True articles with under 20
//! characters of body are not scored, and produced articles made only of them are not
//! counted. Articles are matched to pages by their `source`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use dubao::ingest::{self, Article, ParseOptions};
use serde_json::Value;

/// Below this many characters of body a true article is page furniture or a lone credit,
/// and is not scored.
const MIN_SCORED_BODY_CHARS: usize = 20;
const FOUND_SHARE: f64 = 0.9;
const COUNTED_SHARE: f64 = 0.1;

/// `[\s\u00a0\u3000]+` of the Python tool.
fn strip(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{3000}')
        .collect()
}

/// One true article, as `score_real_pages.py` reads it: white space removed.
#[derive(Debug, Clone)]
pub struct Unit {
    pub file: String,
    pub headline: String,
    pub head: String,
    pub body: String,
}

/// The full units of one page from its text and its compact truth (see the README of
/// tests/fixtures/real/pages).
pub fn expand(text: &str, compact: &[Value]) -> Vec<Unit> {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = |n: usize| lines.get(n - 1).copied().unwrap_or("");
    compact
        .iter()
        .map(|u| {
            let range = u["lines"].as_array().expect("lines");
            let first = range[0].as_u64().expect("first") as usize;
            let last = range[1].as_u64().expect("last") as usize;
            let heads = u["head_lines"].as_u64().expect("head_lines") as usize;
            let headline = match u["headline_line"].as_u64() {
                Some(k) => {
                    let n = u["headline_lines"].as_u64().unwrap_or(1) as usize;
                    let k = k as usize;
                    strip(&(k..k + n).map(line).collect::<String>())
                }
                None => String::new(),
            };
            let head = strip(&(first..first + heads).map(line).collect::<String>());
            let body = strip(
                &(first + heads..=last)
                    .map(line)
                    .filter(|l| !l.trim().is_empty())
                    .collect::<String>(),
            );
            Unit {
                file: u["file"].as_str().expect("file").to_owned(),
                headline,
                head,
                body,
            }
        })
        .collect()
}

/// The texts of an article in the order the Python tool reads them.
fn fields(a: &Article) -> Vec<String> {
    let mut xs: Vec<Option<&str>> = vec![
        a.kicker.as_deref(),
        a.title.as_deref(),
        a.subtitle.as_deref(),
    ];
    for s in &a.sections {
        xs.push(s.heading.as_deref());
        xs.extend(s.paragraphs.iter().map(|p| Some(p.as_str())));
    }
    xs.extend(a.captions.iter().map(|c| Some(c.as_str())));
    xs.push(a.byline.as_deref());
    xs.into_iter()
        .flatten()
        .map(strip)
        .filter(|s| !s.is_empty())
        .collect()
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// True articles found whole.
    pub found: usize,
    /// True articles scored.
    pub expected: usize,
    /// Produced articles counted.
    pub produced: usize,
    pub titles_ok: usize,
    pub titles: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.found += o.found;
        self.expected += o.expected;
        self.produced += o.produced;
        self.titles_ok += o.titles_ok;
        self.titles += o.titles;
    }
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.produced)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn title_share(&self) -> f64 {
        ratio(self.titles_ok, self.titles)
    }

    /// As the Python tool prints it.
    pub fn summary(&self) -> String {
        format!(
            "articles F1 {:.3} (precision {:.3}, recall {:.3}; {}/{} found whole, {} produced) · titles {:.3} ({}/{})",
            self.f1(),
            self.precision(),
            self.recall(),
            self.found,
            self.expected,
            self.produced,
            self.title_share(),
            self.titles_ok,
            self.titles
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The page's text without white space, searched by character index.
struct PageText {
    text: String,
    /// Byte offset of each character, and of the end.
    bytes: Vec<usize>,
}

impl PageText {
    fn new(text: String) -> PageText {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        PageText { text, bytes }
    }

    fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Python's `S.find(f, from)`, in characters.
    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let start = self.bytes[from.min(self.chars())];
        let at = self.text[start..].find(needle)? + start;
        self.bytes.binary_search(&at).ok()
    }
}

/// One page: `score_page` of the Python tool. Misses are pushed as it words them.
pub fn score_page(units: &[Unit], produced: &[&Article], misses: &mut Vec<String>) -> Counts {
    let mut all = String::new();
    let mut label: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let s = format!("{}{}", u.head, u.body);
        label.extend(std::iter::repeat_n(i, s.chars().count()));
        all.push_str(&s);
    }
    let page = PageText::new(all);
    let scored: Vec<bool> = units
        .iter()
        .map(|u| u.body.chars().count() >= MIN_SCORED_BODY_CHARS)
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; page.chars()];
    let mut cursor = 0;
    for (j, a) in produced.iter().enumerate() {
        for f in fields(a) {
            let Some(k) = page.find(&f, cursor).or_else(|| page.find(&f, 0)) else {
                continue;
            };
            let n = f.chars().count();
            for o in &mut owner[k..k + n] {
                *o = Some(j);
            }
            cursor = k + n;
        }
    }
    let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
    let mut size = vec![0usize; produced.len()];
    for (x, j) in owner.iter().enumerate() {
        if let Some(j) = *j {
            *overlap.entry((label[x], j)).or_default() += 1;
            size[j] += 1;
        }
    }
    let over = |i: usize, j: usize| overlap.get(&(i, j)).copied().unwrap_or(0) as f64;
    let counted = (0..produced.len())
        .filter(|&j| {
            let from_scored: usize = overlap
                .iter()
                .filter(|((i, jj), _)| *jj == j && scored[*i])
                .map(|(_, c)| *c)
                .sum();
            size[j] == 0 || from_scored as f64 >= COUNTED_SHARE * size[j] as f64
        })
        .count();
    let mut c = Counts {
        expected: scored.iter().filter(|s| **s).count(),
        produced: counted,
        ..Counts::default()
    };
    for (i, u) in units.iter().enumerate() {
        if !scored[i] {
            continue;
        }
        let n = (u.head.chars().count() + u.body.chars().count()) as f64;
        let hit = (0..produced.len())
            .find(|&j| over(i, j) >= FOUND_SHARE * n && over(i, j) >= FOUND_SHARE * size[j] as f64);
        let Some(hit) = hit else {
            misses.push(format!("{}: not found whole", u.file));
            continue;
        };
        c.found += 1;
        if !u.headline.is_empty() {
            c.titles += 1;
            let title = produced[hit].title.as_deref().map(strip);
            if title.as_deref() == Some(u.headline.as_str()) {
                c.titles_ok += 1;
            } else {
                misses.push(format!(
                    "{}: title {:?}, headline {:?}",
                    u.file, produced[hit].title, u.headline
                ));
            }
        }
    }
    c
}

/// Figures of one split: per source (the first folder of a page's path) and in all.
#[derive(Debug, Default)]
pub struct SplitScore {
    pub by_source: BTreeMap<String, Counts>,
    pub all: Counts,
    pub misses: Vec<String>,
}

/// Parses every day folder of `split_dir` (`<source>/<YYYY-MM-DD>/<PP>.txt`) as `dubao
/// parse` does, and scores it against `split_dir/truth.json`.
pub fn score_split(split_dir: &Path) -> SplitScore {
    let truth_path = split_dir.join("truth.json");
    let truth: BTreeMap<String, Vec<Value>> = serde_json::from_str(
        &std::fs::read_to_string(&truth_path)
            .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
    let mut days: BTreeMap<PathBuf, ()> = BTreeMap::new();
    for rel in truth.keys() {
        let page = split_dir.join(rel);
        days.insert(page.parent().expect("a day folder").to_path_buf(), ());
    }
    let mut articles: HashMap<PathBuf, Vec<Article>> = HashMap::new();
    for day in days.keys() {
        let issues = ingest::issues(
            ingest::collect_inputs(std::slice::from_ref(day)),
            &ParseOptions::default(),
        );
        for issue in issues {
            let issue = issue.unwrap_or_else(|e| panic!("{e}"));
            for a in issue.articles {
                let source = canonical(Path::new(&a.source));
                articles.entry(source).or_default().push(a);
            }
        }
    }
    let mut out = SplitScore::default();
    for (rel, compact) in &truth {
        let path = split_dir.join(rel);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let units = expand(&text, compact);
        let produced: Vec<&Article> = articles
            .get(&canonical(&path))
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let mut misses = Vec::new();
        let c = score_page(&units, &produced, &mut misses);
        let source = rel.split('/').next().unwrap_or(rel).to_owned();
        *out.by_source.entry(source).or_default() += c;
        out.all += c;
        out.misses
            .extend(misses.into_iter().map(|m| format!("{rel}: {m}")));
    }
    out
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
