//! The folder example on the bundled corpus.

#[path = "../rust/folder_summary.rs"]
#[allow(dead_code)]
mod folder_summary;

#[test]
fn folder_summary_on_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let s = folder_summary::summarise(&dir);
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(s.files, on_disk);
    assert_eq!(s.unreadable, 0);
    assert_eq!(s.templates.values().sum::<usize>(), s.files);
    // Most of the corpus follows one of the two national templates, with tables read.
    let known = s.templates.get("2019").unwrap_or(&0) + s.templates.get("2021").unwrap_or(&0);
    assert!(known * 2 > s.files, "{s:?}");
    assert!(s.tables >= s.files, "{s:?}");
    assert!(s.cells > 1000, "{s:?}");
}
