//! Saved pages as scrapers and sites pass them on: the page's source in a JSON record's field
//! (its line breaks `\n`, its quotes `\"`, and with Python's `json.dumps` every character beyond
//! ASCII `\uXXXX`), and the page's source escaped a second time by the site that printed it
//! (`&amp;nbsp;`). Each reads every table value of the page as saved, and `N007` says the
//! string escapes were read.
#![cfg(feature = "html")]

mod common;

use common::{differences, values};
use ogi_report::Code;

fn pages() -> Vec<(String, String)> {
    let pages: Vec<_> = common::corpus_texts(true)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    pages
}

/// `text` as a JSON string, quotes included ([`common::json_escaped`]).
fn json_string(text: &str, ascii: bool) -> String {
    format!("\"{}\"", common::json_escaped(text, ascii))
}

#[test]
fn a_page_saved_in_a_json_field_reads_as_the_page() {
    let mut read = 0;
    for (name, page) in pages() {
        let want = values(&ogi_report::parse(&page));
        for ascii in [false, true] {
            let record = format!(
                "{{\"id\": 80576, \"title\": {}, \"content\": {}}}\n",
                json_string("政府信息公开工作年度报告", ascii),
                json_string(&page, ascii)
            );
            let r = ogi_report::parse(&record);
            let diff = differences(&want, &values(&r));
            assert!(diff.is_empty(), "{name} (ascii {ascii}): {diff:?}");
            let n7 = r
                .diagnostics
                .iter()
                .find(|d| d.code == Code::N007)
                .unwrap_or_else(|| panic!("{name}: no N007"));
            assert!(n7.message.contains(" string escapes "), "{}", n7.message);
            let span = n7.span.expect("span");
            assert!(record
                .get(span.start..span.end)
                .is_some_and(|e| e.starts_with('\\')));
            read += want.values().filter(|v| v.is_some()).count();
        }
    }
    assert!(read > 1000, "{read} values");
}

#[test]
fn a_page_escaped_twice_reads_as_the_page() {
    for (name, page) in pages() {
        let want = values(&ogi_report::parse(&page));
        let twice = page.replace("&nbsp;", "&amp;nbsp;");
        if twice == page {
            continue;
        }
        let diff = differences(&want, &values(&ogi_report::parse(&twice)));
        assert!(diff.is_empty(), "{name}: {diff:?}");
    }
}
