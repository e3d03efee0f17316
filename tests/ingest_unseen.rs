//! Scores `parse` on issues it was not built on: hand-made pages in the samples' layouts
//! with other topics, places and names (tests/fixtures/ingest/, labelled in
//! src/*.ann and rendered by make_fixtures.py), against the same bar as the samples.

mod common;

use std::path::Path;

#[test]
fn segmentation_of_unseen_issues_meets_the_bar() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    let tally = common::score_dir(&dir.join("expected.json"), &dir);
    tally.assert_meets_the_bar("unseen issues");
}
