//! The module layering of docs/architecture.md, read from the code's own `crate::` paths:
//! `text` ← `ingest` ← `archive` ← `tui`, `config` below `tui`, `cli` on top, `digest` and
//! `atomic_write` at the bottom. A forbidden arrow, or two modules that import each other,
//! fails here with the file and line. Test modules (`#[cfg(test)]` to the end of a file)
//! are not counted: a test may use what it likes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each top-level module may import of the crate.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("digest", &[]),
    ("atomic_write", &[]),
    ("ingest", &["text"]),
    ("archive", &["ingest", "text", "digest", "atomic_write"]),
    ("config", &["digest", "atomic_write"]),
    (
        "tui",
        &[
            "archive",
            "ingest",
            "text",
            "config",
            "digest",
            "atomic_write",
        ],
    ),
    (
        "cli",
        &[
            "archive",
            "ingest",
            "text",
            "config",
            "tui",
            "digest",
            "atomic_write",
        ],
    ),
];

/// One use of another module: which file, which line, which module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Arrow {
    from: String,
    to: String,
    file: String,
    line: usize,
}

/// The top-level module a source file belongs to (`src/tui/view/help.rs` → `tui`).
fn module_of(relative: &str) -> Option<String> {
    let first = relative.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The arrows of one file's text, test modules left out.
fn arrows(relative: &str, text: &str) -> Vec<Arrow> {
    let Some(from) = module_of(relative) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `use crate::{a, b}` names several.
            let names: Vec<String> = if name.is_empty() && rest.starts_with('{') {
                let inner = rest[1..].split('}').next().unwrap_or("");
                inner
                    .split(',')
                    .filter_map(|p| p.trim().split("::").next().map(str::to_owned))
                    .filter(|p| !p.is_empty())
                    .collect()
            } else {
                vec![name]
            };
            for to in names {
                if to != from && !to.is_empty() {
                    out.push(Arrow {
                        from: from.clone(),
                        to,
                        file: relative.to_owned(),
                        line: n + 1,
                    });
                }
            }
        }
    }
    out
}

/// Every forbidden arrow and every pair of modules importing each other.
fn problems(arrows: &[Arrow]) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut out = Vec::new();
    let mut edges: BTreeMap<(String, String), &Arrow> = BTreeMap::new();
    for a in arrows {
        edges.entry((a.from.clone(), a.to.clone())).or_insert(a);
        match allowed.get(a.from.as_str()) {
            Some(ok) if ok.contains(&a.to.as_str()) => {}
            Some(_) => out.push(format!(
                "{}:{}: `{}` may not import `{}`",
                a.file, a.line, a.from, a.to
            )),
            None => out.push(format!(
                "{}:{}: module `{}` is not in the layering table",
                a.file, a.line, a.from
            )),
        }
    }
    let mut seen = BTreeSet::new();
    for ((from, to), a) in &edges {
        if let Some(back) = edges.get(&(to.clone(), from.clone())) {
            let pair = if from < to { (from, to) } else { (to, from) };
            if seen.insert(pair) {
                out.push(format!(
                    "`{from}` and `{to}` import each other ({}:{} and {}:{})",
                    a.file, a.line, back.file, back.line
                ));
            }
        }
    }
    out
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<Arrow>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("read a source file");
            out.extend(arrows(&relative, &text));
        }
    }
}

#[test]
fn the_modules_keep_their_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    walk(&src, &src, &mut all);
    assert!(
        all.iter().any(|a| a.from == "tui" && a.to == "archive"),
        "the walk sees the crate's arrows"
    );
    let found = problems(&all);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn a_forbidden_arrow_or_a_circle_is_caught() {
    let config = "use crate::tui::keys::Action;\nfn f() { crate::digest::hex_digest(b\"\", 4); }\n";
    let tui = "use crate::{config::Config, text};\n";
    let mut all = arrows("config/settings.rs", config);
    all.extend(arrows("tui/app.rs", tui));
    let found = problems(&all);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("config/settings.rs:1: `config` may not import `tui`")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("`config` and `tui` import each other")),
        "{found:?}"
    );
    // Allowed arrows and test modules are not problems.
    let fine = arrows(
        "ingest/x.rs",
        "use crate::text::sanitize;\n#[cfg(test)]\nmod tests { use crate::archive::Archive; }\n",
    );
    assert_eq!(fine.len(), 1);
    assert!(problems(&fine).is_empty());
}
