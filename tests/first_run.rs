//! A first run with no archive builds the sample into the data directory; the next run
//! reuses it. In a process of its own: it sets the data directory through the
//! environment.

use dubao::archive::Archive;
use dubao::cli::first_run;

#[test]
fn a_first_run_builds_the_sample_and_the_next_reuses_it() {
    let data = tempfile::tempdir().unwrap();
    // SAFETY: this test binary has this one test, so no other thread reads the env.
    unsafe { std::env::set_var("DUBAO_DATA_DIR", data.path()) };
    let (dir, greeting) = first_run::default_archive().unwrap();
    assert_eq!(dir, data.path().join("archive"));
    let greeting = greeting.expect("the first run says what it did");
    assert!(
        greeting.contains("sample") && greeting.contains("dubao import"),
        "{greeting}"
    );
    let archive = Archive::open(&dir).unwrap();
    assert_eq!(
        archive.issues().unwrap().len(),
        first_run::SAMPLE_ISSUES.len()
    );
    let created = archive.manifest().unwrap().created;

    let (again, greeting) = first_run::default_archive().unwrap();
    assert_eq!(again, dir);
    assert_eq!(greeting, None, "nothing to say the second time");
    let archive = Archive::open(&dir).unwrap();
    assert_eq!(
        archive.manifest().unwrap().created,
        created,
        "not built again"
    );
    assert_eq!(
        archive.issues().unwrap().len(),
        first_run::SAMPLE_ISSUES.len()
    );
}
