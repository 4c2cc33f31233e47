//! Saved pages as scrapers and sites pass them on: the page's source in a JSON record's field
//! (its line breaks `\n`, its quotes `\"`, and with Python's `json.dumps` every character beyond
//! ASCII `\uXXXX`), and the page's source escaped a second time by the site that printed it
//! (`&amp;nbsp;`). Each reads every table value of the page as saved, and `N007` says the
//! string escapes and the record's syntax were read.
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
            // The first is the record's syntax before its first value.
            assert_eq!(
                record.get(span.start..span.end),
                Some("{\"id\": 80576, \"title\": \"")
            );
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

/// A scraper's record of a text report: its fields are lines, so the title field is the
/// report's title, and the text's own lines follow.
#[test]
fn a_json_records_fields_are_its_lines() {
    let report = "临河区医疗保障局2023年政府信息公开工作年度报告\n一、总体情况\n本年度，我局主动公开信息12条。\n二、主动公开政府信息情况\n规章 | 0 | 0 | 0 |\n行政规范性文件 | 1 | 0 | 4 |\n";
    for ascii in [false, true] {
        let record = format!(
            "{{\"id\": 80576, \"title\": \"{}\", \"draft\": false, \"content\": \"{}\"}}",
            common::json_escaped("临河区医疗保障局2023年政府信息公开工作年度报告", ascii),
            common::json_escaped(report, ascii)
        );
        let r = ogi_report::parse(&record);
        assert_eq!(
            r.meta.title.as_deref(),
            Some("临河区医疗保障局2023年政府信息公开工作年度报告"),
            "ascii {ascii}"
        );
        assert_eq!(r.meta.year, Some(2023));
        assert_eq!(r.meta.agency.as_deref(), Some("临河区医疗保障局"));
        common::assert_cell(
            &r,
            "第二十条第（一）项/行政规范性文件",
            "现行有效件数",
            Some(4),
        );
        let n7 = r
            .diagnostics
            .iter()
            .find(|d| d.code == Code::N007)
            .expect("N007");
        assert!(
            n7.message
                .contains("the syntax of a JSON record (3 runs, each a line break)"),
            "{}",
            n7.message
        );
    }
}
