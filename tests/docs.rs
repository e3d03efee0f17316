//! The documents tell the truth about the code: the key table in docs/architecture.md is
//! the one in `tui::keys`, and nothing in README or docs/ points outside the repository.

use std::path::Path;

const BEGIN: &str = "<!-- keys:begin -->";
const END: &str = "<!-- keys:end -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_key_table_in_the_docs_is_the_codes() {
    let path = root().join("docs/architecture.md");
    let text = std::fs::read_to_string(&path).expect("read docs/architecture.md");
    let (Some(from), Some(to)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/architecture.md has no {BEGIN} … {END} block");
    };
    let inside = &text[from + BEGIN.len()..to];
    let wanted = format!("\n{}\n", dubao::tui::keys::markdown_table().trim());
    if inside == wanted {
        return;
    }
    if std::env::var_os("DUBAO_WRITE_DOCS").is_some() {
        let updated = format!("{}{wanted}{}", &text[..from + BEGIN.len()], &text[to..]);
        std::fs::write(&path, updated).expect("write docs/architecture.md");
        return;
    }
    panic!(
        "the key table in docs/architecture.md is not the code's; run\n  DUBAO_WRITE_DOCS=1 cargo test --test docs\nto write it:\n{wanted}"
    );
}

#[test]
fn no_document_points_outside_the_repository() {
    let mut files = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).expect("read docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read a document");
        for (n, line) in text.lines().enumerate() {
            for outside in ["../shared", "shared folder", "/work/", "DESIGN.md"] {
                assert!(
                    !line.contains(outside),
                    "{}:{}: points outside the repository ({outside:?}): {line}",
                    path.display(),
                    n + 1
                );
            }
        }
        // Every relative link to a file names one that exists (code spans are no links).
        let prose: String = text
            .lines()
            .map(|l| l.split('`').step_by(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        for part in prose.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or("");
            let file = target.split('#').next().unwrap_or("");
            if file.is_empty() || file.contains("://") {
                continue;
            }
            let base = path.parent().expect("a folder");
            assert!(
                base.join(file).exists(),
                "{}: links to {file}, which is not in the repository",
                path.display()
            );
        }
    }
}
