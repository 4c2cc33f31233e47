//! Reports passed on hard-wrapped: every line broken at a fixed width (a mail client's 76
//! columns, a terminal's 40; an ideograph two columns), the space at a break dropped. A report
//! crawled on one line became hundreds of short lines: its headings stood nowhere a heading is
//! looked for, and a row's glued figures were cut among lines (`640020` / `470`). The breaks
//! are joined before the text is read (`N009`), and spans still point into the text as
//! written, through GBK too. Read with the `html` feature, as line prefixes are.
#![cfg(feature = "html")]

mod common;

use ogi_report::{Code, Report, TableKind};
use unicode_width::UnicodeWidthChar;

/// Punctuation a wrapper does not open a line with, and opening punctuation it does not end one
/// with.
const NO_START: &str = "、，。）)：；」』》！？%．.,";
const NO_END: &str = "（(「『《";

fn cols(c: char) -> usize {
    c.width().unwrap_or(0)
}

fn wide(c: char) -> bool {
    cols(c) == 2
}

/// `text` wrapped as a mail client does: each line broken at the last place it may break
/// within `w` columns (between two characters one of which is wide, or at a space; never
/// before `NO_START` or after `NO_END`), the spaces at a break dropped.
fn wrap(text: &str, w: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let mut rest: Vec<char> = line.chars().collect();
        while rest.iter().map(|&c| cols(c)).sum::<usize>() > w {
            let (mut at, mut best) = (0usize, None);
            for k in 1..rest.len() {
                at += cols(rest[k - 1]);
                if at > w {
                    break;
                }
                let (a, b) = (rest[k - 1], rest[k]);
                if a == ' '
                    || b == ' '
                    || ((wide(a) || wide(b)) && !NO_START.contains(b) && !NO_END.contains(a))
                {
                    best = Some(k);
                }
            }
            let Some(k) = best else { break };
            let head: String = rest[..k].iter().collect();
            out.push(head.trim_end_matches(' ').to_string());
            let tail: String = rest[k..].iter().collect();
            rest = tail.trim_start_matches(' ').chars().collect();
        }
        out.push(rest.into_iter().collect());
    }
    out.join("\n")
}

fn n9(r: &Report) -> &ogi_report::Diagnostic {
    r.diagnostics
        .iter()
        .find(|d| d.code == Code::N009)
        .expect("N009")
}

fn text(name: &str) -> String {
    String::from_utf8(common::corpus(name)).expect("UTF-8")
}

#[test]
fn a_report_crawled_on_one_line_reads_the_same_wrapped() {
    for name in [
        "002_pingtan-2019.txt",
        "004_pingtan-2021.txt",
        "006_pingtan-2023.txt",
    ] {
        let written = text(name);
        let want = ogi_report::parse(&written);
        assert_eq!(want.sections.len(), 6, "{name}");
        for w in [40, 76] {
            let wrapped = wrap(&written, w);
            assert!(wrapped.lines().count() > 60, "{name} at {w}");
            let r = ogi_report::parse(&wrapped);
            let diff = common::differences(&common::values(&want), &common::values(&r));
            assert!(diff.is_empty(), "{name} at {w}: {}", diff.join("; "));
            assert_eq!(r.sections.len(), 6, "{name} at {w}");
            assert!(
                n9(&r).message.starts_with("hard-wrapped text: "),
                "{}",
                n9(&r).message
            );
            assert!(
                n9(&r).message.contains(&format!(
                    " line breaks at {w} columns joined (the first after `…"
                )),
                "{}",
                n9(&r).message
            );
            // The first break joined: its span is the line break.
            let sp = n9(&r).span.expect("span");
            assert_eq!(wrapped.get(sp.start..sp.end), Some("\n"), "{name} at {w}");
        }
    }
}

#[test]
fn the_figures_of_a_row_cut_among_lines_are_read_and_mapped() {
    let written = text("004_pingtan-2021.txt");
    let wrapped = wrap(&written, 40);
    // The wrapper cut the figures of 一、本年新收 (64 0 0 2 0 4 70, glued) among two lines.
    assert!(
        wrapped.contains("数量640020470") || wrapped.contains("数量\n640020470") || {
            let at = wrapped.find("本年新收政府信息公开申请").expect("row");
            wrapped.get(at..at + 120).is_some_and(|t| t.contains('\n'))
        }
    );
    let r = ogi_report::parse(&wrapped);
    let row = "一、本年新收政府信息公开申请数量";
    for (column, v) in [
        ("自然人", 64),
        ("法人或其他组织/社会公益组织", 2),
        ("法人或其他组织/其他", 4),
        ("总计", 70),
    ] {
        assert_eq!(common::cell(&r, 3, row, column), Some(v), "{column}");
    }
    // The total's span is its figure in the text as written.
    let total = r
        .table(TableKind::Applications)
        .and_then(|t| t.row(row))
        .and_then(|x| x.cell("总计"))
        .and_then(|c| c.span)
        .expect("span");
    assert_eq!(wrapped.get(total.start..total.end), Some("70"));
    // Headings are found inside the joined line, as in the report as written.
    assert_eq!(
        r.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
}

#[test]
fn spans_point_into_gbk_bytes_as_written() {
    let wrapped = wrap(&text("006_pingtan-2023.txt"), 76);
    let (bytes, _, bad) = encoding_rs::GBK.encode(&wrapped);
    assert!(!bad);
    let r = ogi_report::parse_bytes(&bytes);
    assert!(r.diagnostics.iter().any(|d| d.code == Code::D001));
    let sp = n9(&r).span.expect("span");
    assert_eq!(bytes.get(sp.start..sp.end), Some(&b"\n"[..]));
    let want = ogi_report::parse(&text("006_pingtan-2023.txt"));
    let diff = common::differences(&common::values(&want), &common::values(&r));
    assert!(diff.is_empty(), "{}", diff.join("; "));
    // A cell's span decodes to its figure.
    let c = r
        .table(TableKind::Applications)
        .and_then(|t| t.row("三、本年度办理结果/（七）总计"))
        .and_then(|x| x.cell("总计"))
        .expect("cell");
    let sp = c.span.expect("span");
    let (figure, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes[sp.start..sp.end]);
    assert_eq!(
        Some(figure.parse::<i64>().expect("figure")),
        c.value.as_ref().and_then(|v| v.as_i64())
    );
}

/// Whether a table's line of `text` (a pipe row, a grid's or box-drawn table's, a line laid
/// out in columns by spaces) is wider than `w` columns: wrapped, its cells would go to other lines, and no reader can tell whose.
fn table_wider_than(text: &str, w: usize) -> bool {
    text.lines().any(|l| {
        // A bar or a box's line; or a line of a text laid out in columns by spaces
        // (`pdftotext -layout`), its columns set apart by runs of spaces.
        (l.chars()
            .any(|c| c == '|' || ('\u{2500}'..='\u{257F}').contains(&c))
            || l.trim().contains("    "))
            && l.chars().map(cols).sum::<usize>() > w
    })
}

/// Every text report of the corpus wrapped at 40 and at 76 columns (but where a table's lines
/// are wider) reads every value it reads as written: as flattened crawls, whose breaks are
/// joined, so reports whose paragraphs and cells are lines of their own.
#[test]
fn wrapped_reports_keep_their_values() {
    let corpus: Vec<(String, String)> = common::corpus_texts(false)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".txt") || name.ends_with(".md"))
        .collect();
    let mut wrapped = 0usize;
    common::assert_variants_keep_values(&corpus, 2000, |text| {
        [40, 76]
            .into_iter()
            .filter(|&w| !table_wider_than(text, w))
            .map(|w| {
                wrapped += 1;
                (format!("wrapped at {w}"), ogi_report::parse(&wrap(text, w)))
            })
            .collect()
    });
    assert!(wrapped > 25, "{wrapped} variants");
}

#[test]
fn reports_not_wrapped_are_read_as_written() {
    for (name, text) in common::corpus_texts(true) {
        let r = ogi_report::parse(&text);
        assert!(
            r.diagnostics.iter().all(|d| d.code != Code::N009),
            "{name}: {:?}",
            r.diagnostics.iter().find(|d| d.code == Code::N009)
        );
    }
}
