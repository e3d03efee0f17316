//! Scores `parse` on the five sample issues against the hand labels (see tests/common).

mod common;

use std::path::Path;

#[test]
fn segmentation_of_the_samples_meets_the_bar() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tally = common::score_dir(
        &root.join("tests/fixtures/seeds-expected.json"),
        &root.join("assets/sample"),
    );
    tally.assert_meets_the_bar("samples");
}
