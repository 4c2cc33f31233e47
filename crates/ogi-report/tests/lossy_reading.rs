//! Reports whose UTF-8 a scraper read as GB18030 or GBK, writing U+FFFD for each byte its
//! decoder could not read (Python's `errors='replace'`), and saved again as UTF-8: the mojibake
//! is repaired, a byte dropped inside a character is put back where the character is told, and
//! no value is read wrong without a diagnostic naming its row.

mod common;

use common::{differences, values};

/// The two-byte codes that Python's `gbk` does not read though GB18030 gives them characters
/// (`€` `A2 E3`, the vertical forms, the ideographic description characters), by lead and
/// range of trails, for the leads a UTF-8 continuation byte can be.
const GBK_UNREAD: &[(u8, u8, u8)] = &[
    (0xA2, 0xE3, 0xE3),
    (0xA3, 0xA0, 0xA0),
    (0xA6, 0xD9, 0xDF),
    (0xA6, 0xEC, 0xED),
    (0xA6, 0xF3, 0xF3),
    (0xA8, 0xBC, 0xBC),
    (0xA8, 0xBF, 0xBF),
    (0xA9, 0x89, 0x95),
];

/// What Python's `bytes.decode('gb18030', errors='replace')` makes of UTF-8 text: a lead byte
/// 0x81..=0xFE before a trail (0x40..=0x7E, 0x80..=0xFE) is read with it, and any other byte
/// of 0x80 and above (0x80, 0xFF, a lead before a byte no sequence goes on with) is replaced by
/// U+FFFD alone, the byte after it read again. With `gbk`, as `decode('gbk', …)`: the leads of
/// the codes GBK leaves unassigned or to its users (GB18030's private-use characters) and of
/// [`GBK_UNREAD`] are dropped too.
fn read_as(text: &str, gbk: bool) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(2 * b.len());
    let mut i = 0usize;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            out.push(char::from(x));
            i += 1;
            continue;
        }
        let pair = b
            .get(i + 1)
            .filter(|&&y| (0x81..=0xFE).contains(&x) && matches!(y, 0x40..=0x7E | 0x80..=0xFE))
            .and_then(|&y| {
                let pair = [x, y];
                let (s, bad) = encoding_rs::GB18030.decode_without_bom_handling(&pair);
                let c = s
                    .chars()
                    .next()
                    .filter(|_| !bad && s.chars().count() == 1)?;
                let unread = ('\u{E000}'..='\u{F8FF}').contains(&c)
                    || GBK_UNREAD
                        .iter()
                        .any(|&(l, lo, hi)| l == x && (lo..=hi).contains(&y));
                (!gbk || !unread).then_some(c)
            });
        match pair {
            Some(c) => {
                out.push(c);
                i += 2;
            }
            None => {
                out.push('\u{FFFD}');
                i += 1;
            }
        }
    }
    out
}

/// The table values of every text report of `tests/corpus` (the older format's aside) read as
/// written, and read through `read_as(…, gbk)`: how many values the misread reports keep of
/// how many, and the values they read otherwise that no diagnostic names the row of.
fn kept_and_unsaid(gbk: bool) -> (usize, usize, Vec<String>) {
    let (mut kept, mut all, mut unsaid) = (0usize, 0usize, Vec::new());
    for (name, text) in common::corpus_texts(false) {
        let original = ogi_report::parse(&text);
        if original.meta.older_format {
            continue;
        }
        let want = values(&original);
        let misread = ogi_report::parse(&read_as(&text, gbk));
        let got = values(&misread);
        all += want.values().filter(|v| v.is_some()).count();
        kept += want
            .iter()
            .filter(|(k, v)| v.is_some() && got.get(*k) == Some(*v))
            .count();
        let said = |row: &str| {
            misread.diagnostics.iter().any(|d| {
                d.message.contains(row)
                    || d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(row)
            })
        };
        for diff in differences(&want, &got) {
            let row = diff.split('|').nth(1).unwrap_or_default();
            if !said(row) {
                unsaid.push(format!("{name}: {diff}"));
            }
        }
    }
    (kept, all, unsaid)
}

/// The values read otherwise that no diagnostic names the row of: seed 004's `（七）总计`,
/// whose label (`(七)總計`) the misreading leaves unknown, as it does the heading of section 4
/// (`四、`); table 3 is then read on into table 4, where `總計` heads a column above numbers. A
/// gap of the table reader, there before the dropped bytes were put back. And corpus file
/// 126's labels wrapped down narrow columns two characters a line, where the misreading
/// changed a character of the column below a row's figures (`二、` / `上年` / `结转` …): the
/// label no longer spells the row's, and the row is read below its figures, as every such
/// row was before the reader of that layout (a gap of that reader).
fn known_unsaid(u: &str) -> bool {
    u.starts_with("004_1d268c7f8e46725e.txt: 3|三、本年度办理结果/（七）总计|")
}

/// Read as GB18030, the texts keep nearly nine values in ten: every byte that
/// reader drops before a lead or a trail is 0x80, put back exactly, and the bytes dropped
/// before ASCII are put back where the template's words tell them. No value is read
/// otherwise without a diagnostic naming its row.
#[test]
fn reports_read_as_gb18030_keep_their_values_or_say_where_not() {
    let (kept, all, unsaid) = kept_and_unsaid(false);
    assert!(all > 3000, "{all} values");
    assert!(kept * 100 >= all * 85, "{kept} of {all} values kept");
    let unsaid: Vec<&String> = unsaid.iter().filter(|u| !known_unsaid(u)).collect();
    assert!(unsaid.is_empty(), "{unsaid:#?}");
}

/// Read as GBK, which drops more bytes (0x80 and the leads of its user-defined rows before a
/// lead), the texts keep three values in five: where more than one character fits, only the
/// template's words beside it tell it, and where two bytes of one character were dropped none
/// is put back. No value is read otherwise without a diagnostic naming its row.
#[test]
fn reports_read_as_gbk_keep_their_values_or_say_where_not() {
    let (kept, all, unsaid) = kept_and_unsaid(true);
    assert!(kept * 100 >= all * 58, "{kept} of {all} values kept");
    let unsaid: Vec<&String> = unsaid.iter().filter(|u| !known_unsaid(u)).collect();
    assert!(unsaid.is_empty(), "{unsaid:#?}");
}

/// A block header of table 2 whose numeral a misreading left unknown (`第二十條第(�)項`, where
/// `六` and `八` fit alike): its rows are looked for from the previous row's remark on, which
/// lists them (`…、行政處罰、行政強制、…`) and is passed over; the rows are read where they
/// are printed.
#[test]
fn rows_named_in_a_remarks_list_are_not_read_there() {
    let text = String::from_utf8(common::corpus(
        "016_pages-wuhan-eco-env-bureau-2020-trad-TRUNCATED.txt",
    ))
    .unwrap_or_default();
    assert!(text.contains("第二十條第(六)項") && text.contains("行政處罰、行政強制、"));
    let damaged = text.replace("第二十條第(六)項", "第二十條第(\u{FFFD})項");
    let want = values(&ogi_report::parse(&text));
    let got = values(&ogi_report::parse(&damaged));
    assert_eq!(differences(&want, &got), Vec::<String>::new());
    assert_eq!(
        got.get(&(
            2,
            "第二十条第（六）项/行政处罚".to_string(),
            "上一年项目数量".to_string()
        )),
        Some(&Some("90".to_string()))
    );
}

/// Where neither the labels nor the year tell the template, tables 2 and 3 are read with the
/// 2021 template's rows and columns: `T002` says so and names the rows of a 2019 table 2, whose
/// cells are not where those columns put them (a misread report's column headings lost).
#[test]
fn a_table_2_read_with_the_template_untold_names_the_2019_rows() {
    let text = "某某局政府信息公开工作年度报告\n一、总体情况\n本局依法公开。\n\
                二、主动公开政府信息情况\n第二十条第(一)项\n规章 | 1 | 2 | 3\n规范性文件 | 4 | 5 | 6\n\
                三、收到和处理政府信息公开申请情况\n无。\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.template, None);
    let t002: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == ogi_report::Code::T002)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(t002.len(), 1, "{t002:?}");
    assert!(
        t002[0].starts_with("the template version cannot be told from the labels or the year; tables 2 and 3 are read with the 2021 template's rows and columns"),
        "{}",
        t002[0]
    );
    for row in [
        "第二十条第（一）项/规范性文件",
        "第二十条第（五）项/其他对外管理服务事项",
        "第二十条第（九）项/政府集中采购",
    ] {
        assert!(t002[0].contains(row), "{row}: {}", t002[0]);
    }
}

/// A run of `?` an encoding left before a Traditional heading (`????一、總體情況`) cannot be
/// repaired and is kept as written (N003), and the heading after it is still found: the run's
/// ideographs are matched in their Simplified form, as the rest of the text is.
#[test]
fn a_heading_after_lost_characters_is_found_in_traditional_text() {
    let text = "拖市鎮2020年政府信息公開工作年度報告\n????一、總體情況\n\
        根據《中華人民共和國政府信息公開條例》要求,特編制本報告。\n\
        二、行政機關主動公開政府信息情況\n2020年,全鎮累計主動公開政府信息114條。\n";
    let r = ogi_report::parse(text);
    let headings: Vec<(u8, &str)> = r
        .sections
        .iter()
        .map(|s| (s.number, s.heading.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "????一、總體情況"),
            (2, "二、行政機關主動公開政府信息情況")
        ]
    );
    // The run is the marks alone: the heading after them is no part of it.
    let n003: Vec<(&str, usize, usize)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == ogi_report::Code::N003)
        .map(|d| {
            let s = d.span.unwrap_or_default();
            (d.message.as_str(), s.start, s.end)
        })
        .collect();
    let at = text.find("????").unwrap_or_default();
    assert_eq!(
        n003,
        [(
            "mojibake that cannot be repaired, kept as written: `????`",
            at,
            at + 4
        )]
    );
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.code == ogi_report::Code::S001 && d.message.starts_with("section 1 ")));
}
