//! A synthetic archive for benchmarks: raw issue files made by recombining the headlines
//! and sentences of the sample issues, with varied dates and papers, some in traditional
//! script and laid out one brief per line. Deterministic for a seed, so every run
//! measures the same text.
#![allow(dead_code)]

use std::io;
use std::path::{Path, PathBuf};

use dubao::ingest;

/// The papers the issues are spread over (their folder names, which `ingest` reads as
/// the paper's name).
const PAPERS: [&str; 6] = [
    "山西日报",
    "太原日报",
    "山西晚报",
    "三晋都市报",
    "山西经济日报",
    "山西法制报",
];
/// One issue in this many is in traditional script, one brief per line.
const TRADITIONAL_EVERY: u64 = 10;

pub struct Spec {
    pub bytes: u64,
    pub seed: u64,
}

pub struct Corpus {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub bytes: u64,
    pub articles: u64,
}

/// xorshift64*: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Headlines, sentences, kickers and bylines of the sample issues.
pub struct Material {
    pub headlines: Vec<String>,
    pub kickers: Vec<String>,
    pub sentences: Vec<String>,
    pub bylines: Vec<String>,
}

pub fn material(samples: &Path) -> Material {
    let mut m = Material {
        headlines: Vec::new(),
        kickers: Vec::new(),
        sentences: Vec::new(),
        bylines: vec!["记者 王 勇".into(), "(魏 薇)".into(), "（何宝国）".into()],
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(samples)
        .expect("assets/sample")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let Ok(issue) = ingest::parse_file(&path, &ingest::ParseOptions::default()) else {
            continue;
        };
        if issue.script == ingest::Script::Traditional {
            // Traditional text comes from converting; keep the material simplified.
            continue;
        }
        for a in &issue.articles {
            m.headlines.extend(a.title.clone());
            m.kickers.extend(a.kicker.clone());
            m.bylines.extend(a.byline.clone());
            for p in a.paragraphs() {
                for s in p.split_inclusive(['。', '！', '？']) {
                    if s.chars().count() >= 8 {
                        m.sentences.push(s.to_owned());
                    }
                }
            }
        }
    }
    m
}

fn paragraph(m: &Material, rng: &mut Rng) -> String {
    (0..1 + rng.below(3))
        .map(|_| rng.pick(&m.sentences).as_str())
        .collect()
}

fn simplified_issue(m: &Material, rng: &mut Rng) -> (String, u64) {
    let mut out = String::new();
    let articles = 12 + rng.below(7) as u64;
    for _ in 0..articles {
        if rng.below(4) == 0 {
            out.push_str(rng.pick(&m.kickers).as_str());
            out.push_str("\n\n");
        }
        out.push_str(rng.pick(&m.headlines).as_str());
        out.push_str("\n\n本报讯 ");
        for i in 0..2 + rng.below(4) {
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(&paragraph(m, rng));
        }
        out.push_str("\n\n");
        out.push_str(rng.pick(&m.bylines).as_str());
        out.push_str("\n\n\n");
    }
    (out, articles)
}

fn traditional_issue(m: &Material, rng: &mut Rng, cc: &opencc_fmmseg::OpenCC) -> (String, u64) {
    let briefs = 25 + rng.below(16) as u64;
    let lines: Vec<String> = (0..briefs)
        .map(|_| {
            format!(
                "{}月{}日,{}",
                1 + rng.below(12),
                1 + rng.below(28),
                paragraph(m, rng)
            )
        })
        .collect();
    (cc.s2t(&lines.join("\n"), false), briefs)
}

/// Writes issue files under `dir/PAPER/YYYY-MM-DD.txt` until `spec.bytes` are written.
/// An existing corpus made with the same spec is reused (a marker file records it).
pub fn generate(dir: &Path, samples: &Path, spec: &Spec) -> io::Result<Corpus> {
    let marker = dir.join(".spec");
    let wanted = format!("{} {}", spec.bytes, spec.seed);
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return scan(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let m = material(samples);
    let cc = opencc_fmmseg::OpenCC::new();
    let mut rng = Rng::new(spec.seed);
    let mut corpus = Corpus {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        bytes: 0,
        articles: 0,
    };
    let mut n: u64 = 0;
    while corpus.bytes < spec.bytes {
        let paper = PAPERS[(n % PAPERS.len() as u64) as usize];
        // Each paper gets one issue a day from 1990 on.
        let day = n / PAPERS.len() as u64;
        let (y, rest) = (1990 + day / 336, day % 336);
        let date = format!("{y}-{:02}-{:02}", 1 + rest / 28, 1 + rest % 28);
        let (text, articles) = if n % TRADITIONAL_EVERY == TRADITIONAL_EVERY - 1 {
            traditional_issue(&m, &mut rng, &cc)
        } else {
            simplified_issue(&m, &mut rng)
        };
        let folder = dir.join(paper);
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("{date}.txt"));
        std::fs::write(&path, &text)?;
        corpus.bytes += text.len() as u64;
        corpus.articles += articles;
        corpus.files.push(path);
        n += 1;
    }
    std::fs::write(&marker, wanted)?;
    Ok(corpus)
}

fn scan(dir: &Path) -> io::Result<Corpus> {
    let mut corpus = Corpus {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        bytes: 0,
        articles: 0,
    };
    for paper in std::fs::read_dir(dir)? {
        let paper = paper?.path();
        if !paper.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&paper)? {
            let f = f?.path();
            corpus.bytes += std::fs::metadata(&f)?.len();
            corpus.files.push(f);
        }
    }
    corpus.files.sort();
    Ok(corpus)
}
