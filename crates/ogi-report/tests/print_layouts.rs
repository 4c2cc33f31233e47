//! Pages printed to PDF by a browser and read back by a PDF text tool (`pdftotext -layout`,
//! `pypdf`'s layout mode): columns too narrow for their figures glue them, and a cell's wrapped
//! label passes beside its group's label, wrapped in the next column to the left.

mod common;

#[cfg(feature = "html")]
use common::{assert_cell, T3_COLS};
use ogi_report::{Code, Report};

const T4: [&str; 3] = [
    "行政复议",
    "行政诉讼/未经复议直接起诉",
    "行政诉讼/复议后起诉",
];
const T4_COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn text(name: &str) -> String {
    String::from_utf8(common::corpus(name)).expect("utf-8")
}

fn table_4(r: &Report) -> Vec<Option<i64>> {
    T4.iter()
        .flat_map(|row| T4_COLS.iter().map(move |c| common::cell(r, 4, row, c)))
        .collect()
}

fn t4_diag(r: &Report, code: Code) -> bool {
    r.diagnostics
        .iter()
        .any(|d| d.code == code && d.message.contains("table 4"))
}

/// `pdftotext -layout` of a page whose table 4 has fifteen narrow columns: the last five zeros
/// print as one run, `1  0  0  3  4  0  0  0  0  0  00000`. No count is printed with a leading zero, so
/// the run is five cells (every build).
#[test]
fn table_4s_zeros_glued_by_narrow_columns_are_split() {
    let t = text("120_derived-constructed-101-chromium-pdf-pdftotext-layout.txt");
    let line = "1      0   0   3   4       0      0       0       0       0       00000";
    assert!(t.contains(line), "the glued row is in the corpus file");
    let r = ogi_report::parse(&t);
    let want = [1, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map(Some);
    assert_eq!(table_4(&r), want);
    assert!(t4_diag(&r, Code::T007), "{:#?}", r.diagnostics);
    assert!(!t4_diag(&r, Code::T004), "{:#?}", r.diagnostics);
    // The run anywhere in the row; each split cell keeps its place in the text.
    let moved = t.replacen(line, "   1 0 0 3 4 00000 0 0 0 0 0", 1);
    let r = ogi_report::parse(&moved);
    assert_eq!(table_4(&r), want);
    let at = moved.find("00000").expect("run");
    let c = r
        .review_litigation
        .as_ref()
        .and_then(|t| t.rows.iter().find(|row| row.row == T4[1]))
        .and_then(|row| row.cells.get(2))
        .and_then(|c| c.span)
        .expect("a span");
    assert_eq!((c.start, c.end), (at + 2, at + 3));
    // A row of fifteen figures apart is read as it stands, with no split.
    let apart = t.replacen(line, "   1 0 0 3 4 0 0 0 0 0 0 0 0 0 0", 1);
    let r = ogi_report::parse(&apart);
    assert_eq!(table_4(&r), want);
    assert!(!t4_diag(&r, Code::T007), "{:#?}", r.diagnostics);
}

/// `pypdf`'s layout mode: a label's first part beside its values and its rest on the next line
/// after its group's label, wrapped in the column to the left (`（三）不    1.属于国家秘    0 …`
/// / `予公开     密`); and the group's label letter-spaced beside the label's lines (`（ 六 ）
/// 2.申请人逾期未按` / `其 他 处 收费通知要求缴纳` / `理     费用、行政机关不     0 …`).
#[cfg(feature = "html")]
#[test]
fn wrapped_labels_beside_their_groups_wrapped_labels_are_found() {
    let cases: [(&str, &str, [i64; 7]); 3] = [
        (
            "118_derived-pingtan-2019-page-chromium-pdf-pypdf-layout.txt",
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            [0; 7],
        ),
        (
            "118_derived-pingtan-2019-page-chromium-pdf-pypdf-layout.txt",
            "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请",
            [0; 7],
        ),
        (
            "119_derived-pingtan-2021-page-chromium-pdf-pypdf-layout.txt",
            "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            [0; 7],
        ),
    ];
    for (name, row, values) in cases {
        let r = ogi_report::parse(&text(name));
        for (col, v) in T3_COLS.iter().zip(values) {
            assert_cell(&r, row, col, Some(v));
        }
        assert!(
            !r.diagnostics.iter().any(|d| d.code == Code::T003),
            "{name}: {:#?}",
            r.diagnostics
        );
    }
    // The next rows keep their own values (`2.重复申请` 3, `（六）其他处理/3.其他` 1).
    let r = ogi_report::parse(&text(cases[1].0));
    assert_cell(
        &r,
        "三、本年度办理结果/（五）不予处理/2.重复申请",
        "总计",
        Some(3),
    );
    let r = ogi_report::parse(&text(cases[2].0));
    assert_cell(
        &r,
        "三、本年度办理结果/（六）其他处理/3.其他",
        "总计",
        Some(1),
    );
}

/// The same page printed on other sheets (a style `@page{size:…}` put in its head): a row whose
/// short key (`逾期不补正`) stands on its label's second line, its values after the first; a
/// row's values on a line opened by the group's label, the label's rest below. Each row's values,
/// and its label from its numbering.
#[cfg(feature = "html")]
#[test]
fn wrapped_labels_of_a_page_printed_on_other_sheets_are_found() {
    let other = "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
    let publications = "三、本年度办理结果/（五）不予处理/3.要求提供公开出版物";
    for (name, row, label_starts) in [
        (
            "121_derived-pingtan-2021-page-chromium-pdf-a4-pypdf-layout.txt",
            other,
            "1.申请人无正当理",
        ),
        (
            "122_derived-pingtan-2021-page-chromium-pdf-a4-landscape-pdftotext-layout.txt",
            publications,
            "3.要求提供公开出",
        ),
    ] {
        let t = text(name);
        let r = ogi_report::parse(&t);
        for col in T3_COLS {
            assert_cell(&r, row, col, Some(0));
        }
        let found = r
            .applications
            .as_ref()
            .and_then(|tb| tb.rows.iter().find(|x| x.row == row))
            .and_then(|x| x.span)
            .and_then(|s| t.get(s.start..s.end))
            .unwrap_or_default()
            .to_string();
        assert!(found.starts_with(label_starts), "{name}: {found:?}");
        assert!(
            !r.diagnostics
                .iter()
                .any(|d| matches!(d.code, Code::T003 | Code::T004 | Code::T010)
                    && d.message.contains(row)),
            "{name}: {:#?}",
            r.diagnostics
        );
    }
}

/// Corpus file 121 (`pypdf`'s layout mode of a page on A4) with its row `（一）予以公开`'s
/// line replaced by `line` and `below` put on a line of its own under it.
#[cfg(feature = "html")]
fn with_row_one(line: &str, below: &str) -> String {
    let t = text("121_derived-pingtan-2021-page-chromium-pdf-a4-pypdf-layout.txt");
    let row = "三 、 本 （一）予以公开            27  0   0   2  0   1    30\n";
    assert!(t.contains(row));
    t.replacen(row, &format!("{line}\n{below}\n"), 1)
}

/// The diagnostics whose message names `row`.
#[cfg(feature = "html")]
fn naming<'r>(r: &'r Report, row: &str) -> Vec<&'r ogi_report::Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.message.contains(row))
        .collect()
}

/// The text of each cell's span in table 3's row `row`.
#[cfg(feature = "html")]
fn t3_spans<'t>(r: &Report, t: &'t str, row: &str) -> Vec<&'t str> {
    r.applications
        .as_ref()
        .and_then(|tb| tb.rows.iter().find(|x| x.row == row))
        .map(|x| {
            x.cells
                .iter()
                .filter_map(|c| c.span.and_then(|s| t.get(s.start..s.end)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(feature = "html")]
const GRANTED: &str = "三、本年度办理结果/（一）予以公开";

/// A total too wide for its narrow cell wraps: `3` on the row's line, `0` on the line below
/// (a page printed on A5, read by `pypdf`'s layout mode). The row's sum holds only with `30`,
/// so the two are read as one figure, and said so; a figure below a row whose sum holds already,
/// or that completes no cell so that it holds, is said not used.
#[cfg(feature = "html")]
#[test]
fn a_figure_wrapped_in_its_narrow_cell_is_read_whole_where_the_rows_sum_proves_it() {
    let t = with_row_one(
        "三 、 本 （一）予以公开            27  0   0   2  0   1    3",
        "本 年                                                     0",
    );
    let r = ogi_report::parse(&t);
    for (col, v) in T3_COLS.iter().zip([27, 0, 0, 2, 0, 1, 30]) {
        assert_cell(&r, GRANTED, col, Some(v));
    }
    let cell = r
        .applications
        .as_ref()
        .and_then(|tb| tb.rows.iter().find(|x| x.row == GRANTED))
        .and_then(|x| x.cells.iter().find(|c| c.column == "总计"))
        .cloned()
        .expect("the total");
    assert_eq!(cell.raw.as_deref(), Some("30"));
    let span = cell.span.expect("a span");
    let written = t.get(span.start..span.end).unwrap_or_default();
    assert!(
        written.starts_with('3') && written.ends_with('0'),
        "{written:?}"
    );
    assert!(written.contains("本 年"), "{written:?}");
    let said = naming(&r, GRANTED);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0].code, Code::T007);
    assert!(
        said[0].message.contains("read as 30"),
        "{}",
        said[0].message
    );
    assert_eq!(
        said[0].location.as_ref().and_then(|l| l.column.as_deref()),
        Some("总计")
    );
    assert_eq!(said[0].span.and_then(|s| t.get(s.start..s.end)), Some("0"));

    // The row's sum holds already: the figure below is not the row's, and is said not used.
    for (line, below, want) in [
        (
            "三 、 本 （一）予以公开            27  0   0   2  0   1    30",
            "本 年                                                     7",
            [27, 0, 0, 2, 0, 1, 30],
        ),
        // No cell completed by `7` makes the sum hold (`37`, `07`, `17`, `27`…).
        (
            "三 、 本 （一）予以公开            27  0   0   2  0   1    3",
            "本 年                                                     7",
            [27, 0, 0, 2, 0, 1, 3],
        ),
    ] {
        let t = with_row_one(line, below);
        let r = ogi_report::parse(&t);
        for (col, v) in T3_COLS.iter().zip(want) {
            assert_cell(&r, GRANTED, col, Some(v));
        }
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.code == Code::T005 && d.message.contains(GRANTED))
            .unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
        assert!(
            d.message.contains("`7` stands after the row's values"),
            "{}",
            d.message
        );
        assert_eq!(d.span.and_then(|s| t.get(s.start..s.end)), Some("7"));
        assert!(!r.diagnostics.iter().any(|d| d.code == Code::T007));
    }
}

/// `pdftotext`'s order of a page printed on narrow sheets: a row's first figure between its
/// label's two lines, the others after the label's rest. When they are the cells the row lacks
/// and its sum holds with them, they are read together (`T014`); when the sum does not hold,
/// the row keeps its one value (`T004`) and the figures are said not used (`T005`).
#[cfg(feature = "html")]
#[test]
fn values_on_both_sides_of_a_labels_rest_are_read_together_where_the_rows_sum_proves_it() {
    let row = "一、本年新收政府信息公开申请数量";
    let read = |rest: &str| {
        let t = text("121_derived-pingtan-2021-page-chromium-pdf-a4-pypdf-layout.txt");
        let line = "一、本年新收政府信息公开申请数量         64   0  0   2  0   4   70\n";
        assert!(t.contains(line));
        let t = t.replacen(
            line,
            &format!("一、本年新收政府信\n64\n息公开申请数量\n\n0\n\n{rest}\n"),
            1,
        );
        let r = ogi_report::parse(&t);
        (t, r)
    };
    let (t, r) = read("0 2 0 4 70");
    for (col, v) in T3_COLS.iter().zip([64, 0, 0, 2, 0, 4, 70]) {
        assert_cell(&r, row, col, Some(v));
    }
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains(row))
        .unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert_eq!(d.code, Code::T014, "{d:#?}");
    assert!(
        d.message
            .contains("1 before it and 6 after it (0 0 2 0 4 70)"),
        "{}",
        d.message
    );
    assert_eq!(
        d.span.and_then(|s| t.get(s.start..s.end)),
        Some("0\n\n0 2 0 4 70")
    );
    let spans = t3_spans(&r, &t, row);
    assert_eq!(spans, ["64", "0", "0", "2", "0", "4", "70"]);

    let (_, r) = read("0 2 0 4 71");
    assert_cell(&r, row, T3_COLS[0], Some(64));
    assert_cell(&r, row, T3_COLS[6], None);
    let codes: Vec<Code> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(row))
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, [Code::T004, Code::T005], "{:#?}", r.diagnostics);
}

/// `pdftotext`'s default order of a page printed by a browser (corpus file 123): row (二)'s
/// first figure stands between the lines of its label's remark, `（二）部分公开（区分处理的，` /
/// `0` / `只计这一情形，不计其他情形）`, and its narrow columns glue the last four figures
/// (`0000`). The figure is no part of the remark: it is the row's first cell, and the figures
/// after the remark, their glued digits a cell each, are the rest where the row's sum holds with
/// them; otherwise the row keeps its one figure and says what it lacks.
#[cfg(feature = "html")]
#[test]
fn a_figure_between_a_remarks_lines_opens_its_row_and_glued_digits_complete_it() {
    let row = "三、本年度办理结果/（二）部分公开";
    let printed =
        "（二）部分公开（区分处理的，\n0\n只计这一情形，不计其他情形）\n\n0\n\n0\n\n0000\n";
    let read = |first: &str, last: &str| {
        let t = text("123_derived-constructed-102-chromium-pdf-pdftotext.txt");
        assert!(t.contains(printed));
        let t = t.replacen(
            printed,
            &format!("（二）部分公开（区分处理的，\n{first}\n只计这一情形，不计其他情形）\n\n1\n\n0\n\n{last}\n"),
            1,
        );
        let r = ogi_report::parse(&t);
        (t, r)
    };
    let (t, r) = read("3", "0004");
    for (col, v) in T3_COLS.iter().zip([3, 1, 0, 0, 0, 0, 4]) {
        assert_cell(&r, row, col, Some(v));
    }
    let spans = t3_spans(&r, &t, row);
    assert_eq!(spans, ["3", "1", "0", "0", "0", "0", "4"]);
    let about = naming(&r, row);
    assert_eq!(about.len(), 1, "{about:#?}");
    assert_eq!(about[0].code, Code::T014);
    assert!(
        about[0]
            .message
            .contains("1 before it and 6 after it (1 0 0004, glued digits a cell each)"),
        "{}",
        about[0].message
    );
    assert_eq!(
        about[0].span.and_then(|s| t.get(s.start..s.end)),
        Some("1\n\n0\n\n0004")
    );

    // The glued digits read a cell each break the row's sum: not read so; the row keeps its
    // first figure and its two others, and says it lacks cells.
    let (_, r) = read("3", "0005");
    assert_cell(&r, row, T3_COLS[0], Some(3));
    assert_cell(&r, row, T3_COLS[6], None);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == Code::T004 && d.message.contains(row)));
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.code == Code::T014 && d.message.contains(row)));
}

/// A page printed to PDF by LibreOffice with narrow label columns, read by `pdftotext -layout`:
/// each cell's text at its top, a label wrapped down its column two characters a line, the
/// row's figures beside its first line (`一、   22   2 …   24` / `本年` / `新收` / …). Read
/// below its figures, the label took the next row's: every such row is read from its first
/// line (the html feature).
#[cfg(feature = "html")]
#[test]
fn a_label_wrapped_down_its_column_owns_the_figures_beside_its_first_line() {
    let t = text("126_derived-constructed-101-libreoffice-pdf-pdftotext-layout.txt");
    assert!(t.contains("一、   22   2    0    0    0   0    24\n本年\n新收\n"));
    let r = ogi_report::parse(&t);
    let row = |row: &str| -> Vec<Option<i64>> {
        T3_COLS
            .iter()
            .map(|c| common::cell(&r, 3, row, c))
            .collect()
    };
    assert_eq!(
        row("一、本年新收政府信息公开申请数量"),
        [22, 2, 0, 0, 0, 0, 24].map(Some)
    );
    assert_eq!(
        row("二、上年结转政府信息公开申请数量"),
        [0, 0, 0, 0, 0, 0, 0].map(Some)
    );
    assert_eq!(row(GRANTED), [6, 1, 0, 0, 0, 0, 7].map(Some));
    // `（一` over `）予` / `以公` / `开`, beside the group's `三、` / `本年` / …
    assert_eq!(
        row("三、本年度办理结果/（二）部分公开"),
        [6, 1, 0, 0, 0, 0, 7].map(Some)
    );
    // `（六` over `）其` / `他处` / a page's form feed and `理`, centred right of the column.
    assert_eq!(
        row("三、本年度办理结果/（六）其他处理"),
        [1, 0, 0, 0, 0, 0, 1].map(Some)
    );
    // Each cell's span is its figure on the label's first line.
    let first = t.find("一、   22").expect("row one");
    let spans = t3_spans(&r, &t, "一、本年新收政府信息公开申请数量");
    assert_eq!(spans, ["22", "2", "0", "0", "0", "0", "24"]);
    let at = r
        .applications
        .as_ref()
        .and_then(|tb| tb.rows.first())
        .and_then(|x| x.cells.first())
        .and_then(|c| c.span)
        .expect("a span");
    assert_eq!(at.start, first + "一、   ".len());
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    // A label whose column below does not spell the row's label owns nothing there.
    let other = t.replacen("本年\n新收\n", "本月\n新增\n", 1);
    let r = ogi_report::parse(&other);
    assert_ne!(
        common::cell(&r, 3, "一、本年新收政府信息公开申请数量", "自然人"),
        Some(22)
    );
    // A label found below a line of figures in its column whose numbering is not the row's
    // (`贰、`, a character misread): the values after the label are read, and a `T014` says the
    // figures above may be the row's, its span over that line.
    let line = "二、   0     0   0   0   0   0   0";
    let other = t.replacen(line, "贰、   0     0   0   0   0   0   0", 1);
    let r = ogi_report::parse(&other);
    let row = "二、上年结转政府信息公开申请数量";
    let said: Vec<_> = naming(&r, row)
        .into_iter()
        .filter(|d| d.code == Code::T014 && d.message.contains("may be the row's"))
        .collect();
    assert_eq!(said.len(), 1, "{:#?}", r.diagnostics);
    let at = t.find(line).expect("row two");
    let span = said[0].span.expect("a span");
    assert_eq!((span.start, span.end), (at, at + line.len()));
    // None where the numbering is the row's.
    assert!(!naming(&ogi_report::parse(&t), row)
        .iter()
        .any(|d| d.code == Code::T014));
}

/// Table 2's labels that a PDF's text wrapped around their figures: the figures on the line
/// between the label's two parts (`行政规范性文` / `77  132  470` / `件`, a cell centred beside
/// them), or after its first part (`其他对外管理服   102   0   81` / `务事项`, whose short
/// key reads as a word going on). The html feature.
#[cfg(feature = "html")]
#[test]
fn table_2s_labels_wrapped_around_their_figures_are_found() {
    let t = text("127_derived-pingtan-2023-page-libreoffice-pdf-pdftotext-layout.txt");
    assert!(t.contains("行政规范性文\n                  77     132   470\n         件\n"));
    let r = ogi_report::parse(&t);
    let cols = ["本年制发件数", "本年废止件数", "现行有效件数"];
    let rule = "第二十条第（一）项/行政规范性文件";
    let got: Vec<_> = cols.iter().map(|c| common::cell(&r, 2, rule, c)).collect();
    assert_eq!(got, [77, 132, 470].map(Some));
    let fee = r
        .active_disclosure
        .as_ref()
        .and_then(|tb| {
            tb.value(
                "第二十条第（八）项/行政事业性收费",
                "本年收费金额（单位：万元）",
            )
        })
        .map(|n| n.to_string());
    assert_eq!(fee.as_deref(), Some("5949.088667"));
    assert!(naming(&r, rule).is_empty(), "{:#?}", r.diagnostics);
    let t = text("126_derived-constructed-101-libreoffice-pdf-pdftotext-layout.txt");
    assert!(t.contains("其他对外管理服   102        0          81\n务事项\n"));
    let r = ogi_report::parse(&t);
    let row = "第二十条第（五）项/其他对外管理服务事项";
    let cols = ["上一年项目数量", "本年增/减", "处理决定数量"];
    let got: Vec<_> = cols.iter().map(|c| common::cell(&r, 2, row, c)).collect();
    assert_eq!(got, [102, 0, 81].map(Some));
    assert!(naming(&r, row).is_empty(), "{:#?}", r.diagnostics);
}
