//! A page's text as a scraper's `get_text()` gives it: the cells of a row glued together, each
//! row on a line of its own, and the report's text on one long line among the lines of the
//! site's menus and footer. A glued row on its own line had been read as one figure
//! (予以公开 = 7000007, under a `T004` only), and a report among a page's menu lines had no
//! section found. And a page printed from a browser: the year of its running title is no
//! figure.

mod common;

use common::{assert_cell, T3_COLS};
use ogi_report::Code;

const FLAT: &str = "002_pingtan-2019.txt";

fn text() -> String {
    String::from_utf8(common::corpus(FLAT)).expect("utf-8")
}

#[test]
fn a_glued_row_on_a_line_of_its_own_is_split() {
    let text = text();
    let want = common::values(&ogi_report::parse(&text));
    // One line break, after the glued figures of 予以公开.
    let one = text.replacen("7000007（二）部分公开", "7000007\n（二）部分公开", 1);
    assert_ne!(one, text);
    let r = ogi_report::parse(&one);
    let row = "三、本年度办理结果/（一）予以公开";
    for (col, v) in T3_COLS.iter().zip([7, 0, 0, 0, 0, 0, 7]) {
        assert_cell(&r, row, col, Some(v));
    }
    let t7 = r
        .diagnostics
        .iter()
        .find(|d| {
            d.code == Code::T007 && d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(row)
        })
        .expect("T007 naming the row");
    let s = t7.span.expect("span");
    assert_eq!(one.get(s.start..s.end), Some("（一）予以公开"));
    // Every row of table 3 on a line of its own (a `<tr>` a line).
    let mut rows = text.clone();
    for label in [
        "一、本年新收",
        "二、上年结转",
        "三、本年度办理结果（一）",
        "（二）部分公开",
        "（三）不予公开",
        "三、本年度办理结果（四）",
        "（五）不予处理",
        "（六）其他处理",
        "（七）总计",
    ] {
        assert!(rows.contains(label), "{label}");
        rows = rows.replacen(label, &format!("\n{label}"), 1);
    }
    let diff = common::differences(&want, &common::values(&ogi_report::parse(&rows)));
    assert!(diff.is_empty(), "{diff:#?}");
}

/// Table 4's fifteen figures glued on a line of their own, a note on the line after them.
#[test]
fn table_4_glued_on_a_line_of_its_own_is_split() {
    let text = text();
    let head = "尚未审结总计000000000000000";
    assert!(text.contains(head));
    let lines = text.replacen(head, "尚未审结总计\n100010000000000\n（单位：件）\n", 1);
    let r = ogi_report::parse(&lines);
    let got: Vec<Option<i64>> = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        .iter()
        .map(|c| common::cell(&r, 4, "行政复议", c))
        .collect();
    assert_eq!(got, [Some(1), Some(0), Some(0), Some(0), Some(1)]);
    assert_cell(&r, "行政诉讼/复议后起诉", "总计", Some(0));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == Code::T007 && d.message.contains("table 4")),
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn a_report_on_one_line_among_a_pages_menu_lines_is_read() {
    let text = text();
    let plain = ogi_report::parse(&text);
    assert_eq!(plain.sections.len(), 6);
    let menu = [
        "首页",
        "政务公开",
        "解读回应",
        "办事服务",
        "互动交流",
        "",
        "",
    ];
    let lines = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{}\n", menu[i % menu.len()]))
            .collect()
    };
    // The report's text on one line between 60 lines of menus and 140 of footer, as
    // BeautifulSoup's `get_text()` leaves a page.
    let page = format!("{}{}\n{}", lines(60), text.replace('\n', " "), lines(140));
    let r = ogi_report::parse(&page);
    let kinds = |r: &ogi_report::Report| r.sections.iter().map(|s| s.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&r), kinds(&plain));
    let diff = common::differences(&common::values(&plain), &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    assert!(!r.diagnostics.iter().any(|d| d.code == Code::S001));
}

/// A page printed to PDF from a browser, its running title (the date, the time, the page's
/// title with its year a space apart from `年`, as PDF text prints it) and its address between
/// table 4's header and its figures: the year is no figure. It had been read as 行政复议's
/// 结果维持, and the table's fifteen figures lost.
#[test]
fn a_browsers_print_header_over_table_4_gives_no_figure() {
    let text = String::from_utf8(common::corpus(
        "107_constructed-seed003-pypdf-page-break.txt",
    ))
    .expect("utf-8");
    let want = common::values(&ogi_report::parse(&text));
    let values = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、";
    assert!(text.contains(values));
    let printed = text.replacen(
        values,
        &format!(
            "12/6/26, 9:51 PM 某县人民政府 2023 年度政府信息公开工作年度报告 _ 政府信息公开年报\n\
             https://www.example.gov.cn/zwgk/art/2024/1/19/art_1229_3717.html 10/13\n{values}"
        ),
        1,
    );
    let r = ogi_report::parse(&printed);
    let diff = common::differences(&want, &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    assert_cell(&r, "行政复议", "结果维持", Some(0));
}

/// A one-line crawl whose blank cells hold `无`, glued to the figures around them
/// (`23无 无无无无23`): each `无` is a blank cell, each run of digits a figure. Such a row had
/// been read as text, and table 3 taken for a column block (`T013`, every row null).
#[test]
fn wu_glued_between_figures_is_a_blank_cell() {
    let text = text();
    let glued = "230 000023二、上年结转政府信息公开申请数量0000000";
    assert!(text.contains(glued));
    let wu = text.replacen(
        glued,
        "23无 无无无无23二、上年结转政府信息公开申请数量无无无无无无无",
        1,
    );
    let r = ogi_report::parse(&wu);
    let first = "一、本年新收政府信息公开申请数量";
    let second = "二、上年结转政府信息公开申请数量";
    let want = [Some(23), None, None, None, None, None, Some(23)];
    for (col, v) in T3_COLS.iter().zip(want) {
        assert_cell(&r, first, col, v);
        assert_cell(&r, second, col, None);
    }
    assert!(
        r.diagnostics.iter().all(|d| d.code != Code::T013
            && d.location.as_ref().and_then(|l| l.row.as_deref()) != Some(first)
            && d.location.as_ref().and_then(|l| l.row.as_deref()) != Some(second)),
        "{:#?}",
        r.diagnostics
    );
    // The rest of the table reads as in the plain text.
    let plain = ogi_report::parse(&text);
    assert_cell(&r, "三、本年度办理结果/（一）予以公开", "总计", Some(7));
    assert_eq!(
        common::cell(&r, 3, "三、本年度办理结果/（七）总计", "总计"),
        common::cell(&plain, 3, "三、本年度办理结果/（七）总计", "总计")
    );
    // The total's span is its digits.
    let c = r
        .table(ogi_report::TableKind::Applications)
        .and_then(|t| t.row(first))
        .and_then(|x| x.cell("总计"))
        .expect("cell");
    let s = c.span.expect("span");
    assert_eq!(wu.get(s.start - 3..s.end), Some("无23"));
}

/// One line break anywhere between two rows of a flattened table 3 (a scraper's, kept where a
/// `<tr>` ended; before a label led by `（`, by a numeral, or by a digit and a point): every row
/// whose figures stand glued to the text before them is still a glued run, and every value of
/// the three one-line crawls is read as without the break. Rows had been left short (`T004`),
/// and others then found no split that kept the table's sums (`T009`). With the `html`
/// feature, as the readers of other rarer layouts.
#[cfg(feature = "html")]
#[test]
fn one_line_break_between_two_rows_of_a_flattened_table_3_keeps_every_value() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for name in [FLAT, "004_pingtan-2021.txt", "006_pingtan-2023.txt"] {
        let text = String::from_utf8(common::corpus(name)).expect("utf-8");
        let want = common::values(&ogi_report::parse(&text));
        let from = text.find("三、收到和处理").expect("table 3");
        let to = text.find("四、政府信息公开行政复议").expect("table 4");
        let region: Vec<(usize, char)> = text[from..to].char_indices().collect();
        for w in region.windows(3) {
            let [(_, a), (at, b), (_, c)] = [w[0], w[1], w[2]];
            let label_start = matches!(b, '（' | '一' | '二' | '三' | '四')
                || b.is_ascii_digit() && matches!(c, '.' | '．');
            if !(a.is_ascii_digit() && label_start) {
                continue;
            }
            let at = from + at;
            let broken = format!("{}\n{}", &text[..at], &text[at..]);
            checked += 1;
            let diff = common::differences(&want, &common::values(&ogi_report::parse(&broken)));
            if !diff.is_empty() {
                failures.push(format!("{name} at {at}: {}", diff.join("; ")));
            }
        }
    }
    assert!(checked >= 60, "{checked} positions");
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `无` among glued figures whose runs must still be split (`64无无2无470`: 64, blank, blank,
/// 2, blank, then `470` as 4 and 70): each `无` is a blank cell of its own, its span on the
/// mark; the runs of digits are split by the row's sum as in a row of digits alone. With the
/// `html` feature, as the readers of other rarer layouts.
#[cfg(feature = "html")]
#[test]
fn wu_among_glued_figures_that_must_be_split() {
    let text = String::from_utf8(common::corpus("004_pingtan-2021.txt")).expect("utf-8");
    let wu = text
        .replacen("数量640020470二、", "数量64无无2无470二、", 1)
        .replacen("予以公开270020130（二）", "予以公开27无无2无130（二）", 1);
    assert_eq!(wu.matches('无').count(), text.matches('无').count() + 6);
    let r = ogi_report::parse(&wu);
    let first = "一、本年新收政府信息公开申请数量";
    let open = "三、本年度办理结果/（一）予以公开";
    for (row, want) in [
        (
            first,
            [Some(64), None, None, Some(2), None, Some(4), Some(70)],
        ),
        (
            open,
            [Some(27), None, None, Some(2), None, Some(1), Some(30)],
        ),
    ] {
        for (col, v) in T3_COLS.iter().zip(want) {
            assert_cell(&r, row, col, v);
        }
        assert!(
            r.diagnostics.iter().any(|d| d.code == Code::T007
                && d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(row)),
            "T007 naming {row}: {:#?}",
            r.diagnostics
        );
    }
    let row = r
        .table(ogi_report::TableKind::Applications)
        .and_then(|t| t.row(first))
        .expect("row");
    let blank = row.cell("法人或其他组织/商业企业").expect("cell");
    assert_eq!(blank.raw.as_deref(), Some("无"));
    let s = blank.span.expect("span");
    assert_eq!(wu.get(s.start..s.end), Some("无"));
    let other = row.cell("法人或其他组织/其他").expect("cell");
    let s = other.span.expect("span");
    assert_eq!(wu.get(s.start..s.end + 2), Some("470"));
    // The rest of the table, and its sums, read as in the plain text.
    let plain = ogi_report::parse(&text);
    for row in ["三、本年度办理结果/（七）总计", "四、结转下年度继续办理"]
    {
        for col in T3_COLS {
            assert_eq!(
                common::cell(&r, 3, row, col),
                common::cell(&plain, 3, row, col)
            );
        }
    }
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !matches!(d.code, Code::T004 | Code::T009 | Code::T013)),
        "{:#?}",
        r.diagnostics
    );
}

/// PDF text whose rows have their first figure glued to their label (`（一）予以公开1288 21 0 0
/// 50 3 1362`), also with their zero cells left unmarked (`…予以公开1288 21 50 3 1362`; the
/// figures here taken × 1001, so that the runs hold as many digits as a row has cells): a row
/// told glued by its place alone whose runs admit no split is read as its figures stand, as
/// with a space after its label. Such rows had been left null (`T009`) by the first reader of
/// figures glued to a label in a table not flattened.
#[test]
fn a_pdf_rows_first_figure_glued_to_its_label_reads_as_with_a_space() {
    let mut rows = 0;
    for name in [
        "107_constructed-seed003-pypdf-page-break.txt",
        "108_constructed-seed004-pypdf-page-break.txt",
        "109_constructed-seed002-pypdf-page-break.txt",
    ] {
        let text = String::from_utf8(common::corpus(name)).expect("utf-8");
        for unmarked in [false, true] {
            // Each line of a label and seven figures: the label, then its figures with or
            // without the space between them and the label.
            let written = |glued: bool| -> String {
                text.lines()
                    .map(|line| {
                        let words: Vec<&str> = line.split_whitespace().collect();
                        let k = words.len();
                        let digits = |w: &&str| w.bytes().all(|b| b.is_ascii_digit());
                        let figures =
                            k > 7 && !digits(&words[k - 8]) && words[k - 7..].iter().all(digits);
                        if !figures {
                            return line.to_string();
                        }
                        // Figures × 1001 (the sums still hold), so that the runs left hold
                        // as many digits as the row has cells.
                        let kept: Vec<String> = words[k - 7..]
                            .iter()
                            .filter(|w| !(unmarked && **w == "0"))
                            .map(|w| (w.parse::<u64>().unwrap_or(0) * 1001).to_string())
                            .collect();
                        let kept = if kept.is_empty() {
                            vec!["0".to_string()]
                        } else {
                            kept
                        };
                        let sep = if glued { "" } else { " " };
                        format!("{}{sep}{}", words[..k - 7].join(" "), kept.join(" "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let (apart, glued) = (written(false), written(true));
            assert_ne!(apart, glued, "{name}");
            rows += apart
                .lines()
                .zip(glued.lines())
                .filter(|(a, g)| a != g)
                .count();
            let diff = common::differences(
                &common::values(&ogi_report::parse(&apart)),
                &common::values(&ogi_report::parse(&glued)),
            );
            assert!(
                diff.is_empty(),
                "{name} (unmarked zeros: {unmarked}): {diff:#?}"
            );
        }
    }
    assert!(rows >= 100, "{rows} rows glued");
}

/// The crawls' glued table 3 with its zero cells written as a blank mark (`7/////7`,
/// `64——2—470`): each row's run of figures found by the plain copy's spans, its zeros put as
/// `mark`. Returns the text and the rows marked.
#[cfg(feature = "html")]
fn marked_table_3(text: &str, mark: &str) -> (String, Vec<String>) {
    let plain = ogi_report::parse(text);
    let t = plain
        .table(ogi_report::TableKind::Applications)
        .expect("table 3");
    let mut runs = Vec::new();
    for row in &t.rows {
        let spans: Vec<_> = row.cells.iter().filter_map(|c| c.span).collect();
        // A glued row: seven pieces, each starting where the one before it ended.
        if spans.len() != 7 || spans.windows(2).any(|w| w[0].end != w[1].start) {
            continue;
        }
        let marked: String = row
            .cells
            .iter()
            .zip(&spans)
            .map(|(c, s)| match c.value.as_ref().and_then(|n| n.as_i64()) {
                Some(0) => mark.to_string(),
                _ => text[s.start..s.end].to_string(),
            })
            .collect();
        runs.push((spans[0].start, spans[6].end, marked, row.row.to_string()));
    }
    let mut out = text.to_string();
    for (a, b, m, _) in runs.iter().rev() {
        out.replace_range(*a..*b, m);
    }
    (out, runs.into_iter().map(|r| r.3).collect())
}

/// Slashes and dashes among glued figures, as a one-line crawl writes a table whose blank cells
/// hold `/` or `—` (`64//2/470`; `7/////7` after the note of （二）部分公开; `64——2—470` with
/// each blank cell a `—`, `64————2——470` with each a `——`; hyphens where one is doubled,
/// `64--2-470`, not signs): each mark a blank cell, its span on the mark, the figures split by
/// the row's sum as with `无`. A doubled dash is read as one mark first and as two when that
/// admits no split. Every row of the three crawls is checked, with every mark. With the `html`
/// feature.
#[cfg(feature = "html")]
#[test]
fn slashes_and_dashes_among_glued_figures() {
    let mut rows_checked = 0;
    for name in [
        "002_pingtan-2019.txt",
        "004_pingtan-2021.txt",
        "006_pingtan-2023.txt",
    ] {
        let text = String::from_utf8(common::corpus(name)).expect("utf-8");
        let plain = ogi_report::parse(&text);
        let t3 = plain
            .table(ogi_report::TableKind::Applications)
            .expect("table 3");
        for mark in ["/", "／", "—", "——", "空", "-", "--", "－"] {
            let (marked, rows) = marked_table_3(&text, mark);
            assert!(rows.len() >= 15, "{name}: {} glued rows", rows.len());
            let r = ogi_report::parse(&marked);
            let got = r
                .table(ogi_report::TableKind::Applications)
                .expect("table 3");
            for row in &t3.rows {
                let other = got.row(&row.row).expect("row");
                let all_blank = row
                    .cells
                    .iter()
                    .all(|c| c.value.as_ref().and_then(|n| n.as_i64()) == Some(0));
                for (want, cell) in row.cells.iter().zip(&other.cells) {
                    let want = want.value.as_ref().and_then(|n| n.as_i64());
                    let v = cell.value.as_ref().and_then(|n| n.as_i64());
                    if want == Some(0) && rows.iter().any(|r| *r == row.row) {
                        // A blank cell: no value, its raw the mark as the canonical text
                        // writes it, its span on the mark.
                        let raw = match mark {
                            "／" => "/",
                            "－" => "-",
                            m => m,
                        };
                        assert_eq!(v, None, "{name} {mark} {} {}", row.row, cell.column);
                        if all_blank {
                            // A row of marks alone (`///////`) is a blank row.
                            continue;
                        }
                        assert_eq!(cell.raw.as_deref(), Some(raw), "{name} {mark} {}", row.row);
                        let s = cell.span.expect("span");
                        assert_eq!(marked.get(s.start..s.end), Some(mark), "{name} {}", row.row);
                    } else {
                        assert_eq!(v, want, "{name} {mark} {} {}", row.row, cell.column);
                    }
                }
                rows_checked += 1;
            }
            // No row short of its cells but a row of marks alone glued to the next row's
            // label (`///////三、本年度办理结果`: no value found, as with `无`).
            let blank_rows: Vec<&str> = t3
                .rows
                .iter()
                .filter(|row| {
                    row.cells
                        .iter()
                        .all(|c| c.value.as_ref().and_then(|n| n.as_i64()) == Some(0))
                })
                .map(|row| row.row.as_ref())
                .collect();
            assert!(
                r.diagnostics.iter().all(|d| match d.code {
                    Code::T009 | Code::T013 => false,
                    Code::T004 => d
                        .location
                        .as_ref()
                        .and_then(|l| l.row.as_deref())
                        .is_some_and(|row| blank_rows.contains(&row)),
                    _ => true,
                }),
                "{name} {mark}: {:#?}",
                r.diagnostics
            );
        }
    }
    assert!(rows_checked > 300, "{rows_checked}");
    // One row, as the issue of such a table writes it: its blank cells named by `T007`.
    let text = String::from_utf8(common::corpus("004_pingtan-2021.txt")).expect("utf-8");
    let first = "一、本年新收政府信息公开申请数量";
    for glued in ["64//2/470", "64——2—470", "64————2——470", "64--2-470"] {
        let t = text.replacen("数量640020470二、", &format!("数量{glued}二、"), 1);
        assert_ne!(t, text);
        let r = ogi_report::parse(&t);
        for (col, v) in T3_COLS
            .iter()
            .zip([Some(64), None, None, Some(2), None, Some(4), Some(70)])
        {
            assert_cell(&r, first, col, v);
        }
        common::assert_diag(&r, Code::T007, Some(first));
    }
}

/// Table 3's labels, each split by a `|` in its middle (`没有现成信|息需要另行制作`).
fn labels_split_by_a_bar(text: &str) -> String {
    let labels = [
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "予以公开",
        "部分公开",
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
        "本机关不掌握相关政府信息",
        "没有现成信息需要另行制作",
        "补正后申请内容仍不明确",
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
        "结转下年度继续办理",
    ];
    let mut split = text.to_string();
    for l in labels {
        let cut = l
            .char_indices()
            .nth(l.chars().count() / 2)
            .expect("middle")
            .0;
        let with_bar = format!("{}|{}", &l[..cut], &l[cut..]);
        assert!(split.contains(l), "{l}");
        split = split.replacen(l, &with_bar, 1);
    }
    split
}

/// A row's label split by a `|` where a page's markup split it (`2.没有现成信|息需要另行制作`: a
/// cell's text in two `<span>`s, joined by a scraper's separator, `get_text('|')`): the label
/// is found across the bar, as across white space. In a markdown table (every build), each
/// such row had its label not found (`T003`) and its values lost.
#[test]
fn a_label_split_by_a_bar_is_found() {
    let text = String::from_utf8(common::corpus("001_shuyang-county-gov-2025.md")).expect("utf-8");
    let want = common::values(&ogi_report::parse(&text));
    let split = labels_split_by_a_bar(&text);
    let r = ogi_report::parse(&split);
    let diff = common::differences(&want, &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    assert_cell(
        &r,
        "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
        "自然人",
        Some(2),
    );
    assert_cell(
        &r,
        "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
        "总计",
        Some(111),
    );
    assert!(
        r.diagnostics.iter().all(|d| d.code != Code::T003),
        "{:#?}",
        r.diagnostics
    );
}

/// [`a_label_split_by_a_bar_is_found`] in the one-line crawl (its glued rows read with the
/// `html` feature): every label of table 3 so split had left the table without a value.
#[cfg(feature = "html")]
#[test]
fn a_label_split_by_a_bar_is_found_in_a_one_line_crawl() {
    let text = String::from_utf8(common::corpus("004_pingtan-2021.txt")).expect("utf-8");
    let want = common::values(&ogi_report::parse(&text));
    let r = ogi_report::parse(&labels_split_by_a_bar(&text));
    let diff = common::differences(&want, &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    assert_cell(
        &r,
        "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
        "自然人",
        Some(0),
    );
    assert_cell(&r, "三、本年度办理结果/（一）予以公开", "总计", Some(30));
    assert!(
        r.diagnostics.iter().all(|d| d.code != Code::T003),
        "{:#?}",
        r.diagnostics
    );
}
