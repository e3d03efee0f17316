//! Where an archive's bytes go: each part of the index (term dictionaries, postings,
//! positions, fast columns, stored documents) by field, summed over the segments, as
//! tantivy counts them. The bench prints it beside the text's size; it is the profile
//! behind the archive's size figure.

use std::collections::BTreeMap;

use super::{Archive, ArchiveError};

/// Bytes per part of the index and field, and in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Space {
    /// (part, field) → bytes; the store is one entry (`store`, `documents`).
    pub parts: BTreeMap<(&'static str, String), u64>,
    pub total: u64,
}

impl Space {
    /// The entries, largest first.
    pub fn largest(&self) -> Vec<(&'static str, &str, u64)> {
        let mut v: Vec<_> = self
            .parts
            .iter()
            .map(|((part, field), n)| (*part, field.as_str(), *n))
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(b.1)));
        v
    }

    /// Bytes of one part, every field.
    pub fn part(&self, part: &str) -> u64 {
        self.parts
            .iter()
            .filter(|((p, _), _)| *p == part)
            .map(|(_, n)| n)
            .sum()
    }
}

impl Archive {
    pub fn space(&self) -> Result<Space, ArchiveError> {
        let usage = self
            .searcher()
            .space_usage()
            .map_err(|error| ArchiveError::Io {
                path: self.dir().to_path_buf(),
                error,
            })?;
        let mut space = Space::default();
        for segment in usage.segments() {
            let parts = [
                ("terms", segment.termdict()),
                ("postings", segment.postings()),
                ("positions", segment.positions()),
                ("fast", segment.fast_fields()),
                ("fieldnorms", segment.fieldnorms()),
            ];
            for (part, per_field) in parts {
                for f in per_field.fields() {
                    *space
                        .parts
                        .entry((part, f.field_name().to_owned()))
                        .or_default() += f.total().get_bytes();
                }
            }
            *space
                .parts
                .entry(("store", "documents".to_owned()))
                .or_default() += segment.store().total().get_bytes();
        }
        space.total = space.parts.values().sum();
        Ok(space)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_add_up_and_name_the_text_fields() {
        let dir = tempfile::tempdir().expect("tempdir");
        let archive = Archive::open_or_create(&dir.path().join("a")).expect("archive");
        let file = dir.path().join("2024-01-02.txt");
        std::fs::write(&file, "标题一\n\n　　正文里有几个字，还有几个字。\n").expect("write");
        archive
            .import(&[file], &Default::default(), &mut |_| {})
            .expect("import");
        let space = archive.space().expect("space");
        assert_eq!(space.total, space.parts.values().sum::<u64>());
        assert!(space.part("store") > 0);
        assert!(
            space
                .parts
                .keys()
                .any(|(part, field)| *part == "positions" && field == super::super::schema::PAIRS),
            "{:?}",
            space.parts.keys().collect::<Vec<_>>()
        );
        let largest = space.largest();
        assert!(largest.windows(2).all(|w| w[0].2 >= w[1].2));
    }
}
