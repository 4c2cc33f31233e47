//! Rule tests: each rule with a passing and a failing fixture built from real reports' values.

use super::prose::{claims, Kind};
use super::*;
use crate::diag::Severity;
use crate::model::{Cell, Meta, Row, Section, SectionKind, Span};
use crate::template::{T3_COLS, T4_COLS};

type Vals<const N: usize> = [Option<i64>; N];

/// The synthetic span of cell `c` of row `r` in table `t` (so tests can assert spans).
fn span(t: u8, r: usize, c: usize) -> Span {
    let start = usize::from(t) * 100_000 + r * 100 + c * 10;
    Span::new(start, start + 2)
}

fn row(t: u8, ri: usize, path: &str, cols: &[&str], vals: &[Option<i64>], subtotal: bool) -> Row {
    Row {
        row: path.to_string().into(),
        label: Some(path.to_string().into()),
        span: None,
        subtotal,
        cells: cols
            .iter()
            .zip(vals)
            .enumerate()
            .map(|(ci, (col, v))| Cell {
                column: col.to_string().into(),
                value: v.map(Number::Int),
                unit: None,
                raw: v.map(|v| v.to_string().into()),
                span: Some(span(t, ri, ci)),
                derived: None,
            })
            .collect(),
    }
}

/// Table 3 from `(row path, 7 values)`; a path ending in `*` is a printed subtotal row.
fn t3_table(template: Template, rows: &[(&str, Vals<7>)]) -> Table {
    let cols: Vec<&str> = T3_COLS.iter().map(|c| c.label).collect();
    Table {
        kind: TableKind::Applications,
        template: Some(template),
        span: Span::default(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (p, v))| match p.strip_suffix('*') {
                Some(p) => row(3, i, p, &cols, v, true),
                None => row(3, i, p, &cols, v, false),
            })
            .collect(),
    }
}

/// A report holding only table 3.
fn t3(template: Template, rows: &[(&str, Vals<7>)]) -> Report {
    Report {
        applications: Some(t3_table(template, rows)),
        ..Default::default()
    }
}

/// A report holding only table 4, from its 15 values in template order.
fn t4(vals: [i64; 15]) -> Report {
    let cols: Vec<&str> = T4_COLS.iter().map(|c| c.label).collect();
    let rows = crate::template::T4_ROWS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let v: Vec<Option<i64>> = vals.iter().skip(i * 5).take(5).map(|v| Some(*v)).collect();
            row(4, i, p, &cols, &v, false)
        })
        .collect();
    Report {
        review_litigation: Some(Table {
            kind: TableKind::ReviewLitigation,
            template: Some(Template::V2021),
            span: Span::default(),
            rows,
        }),
        ..Default::default()
    }
}

/// A table 2 from `(row path, columns, values)`.
/// A table-2 row: path, columns, values.
type T2Row<'a> = (&'a str, &'a [&'a str], &'a [Option<i64>]);

fn t2_table(template: Template, rows: &[T2Row]) -> Table {
    Table {
        kind: TableKind::ActiveDisclosure,
        template: Some(template),
        span: Span::default(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (p, c, v))| row(2, i, p, c, v, false))
            .collect(),
    }
}

fn n(v: i64) -> Option<i64> {
    Some(v)
}
const Z: Vals<7> = [Some(0); 7];

const NEW: &str = "一、本年新收政府信息公开申请数量";
const IN: &str = "二、上年结转政府信息公开申请数量";
const TOTAL: &str = "三、本年度办理结果/（七）总计";
const OUT: &str = "四、结转下年度继续办理";
const OTHER: &str = "三、本年度办理结果/（六）其他处理";

/// Table 3 of seed/004 (青岛市卫生健康委员会 2020, 2019 template): real values, every rule holds.
fn seed004() -> Vec<(&'static str, Vals<7>)> {
    let r = |v: [i64; 7]| v.map(Some);
    vec![
        (NEW, r([22, 2, 0, 0, 0, 0, 24])),
        (IN, Z),
        (
            "三、本年度办理结果/（一）予以公开",
            r([6, 1, 0, 0, 0, 0, 7]),
        ),
        (
            "三、本年度办理结果/（二）部分公开",
            r([6, 1, 0, 0, 0, 0, 7]),
        ),
        ("三、本年度办理结果/（三）不予公开/1.属于国家秘密", Z),
        (
            "三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开",
            Z,
        ),
        ("三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”", Z),
        ("三、本年度办理结果/（三）不予公开/4.保护第三方合法权益", Z),
        (
            "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息",
            Z,
        ),
        ("三、本年度办理结果/（三）不予公开/6.属于四类过程性信息", Z),
        ("三、本年度办理结果/（三）不予公开/7.属于行政执法案卷", Z),
        ("三、本年度办理结果/（三）不予公开/8.属于行政查询事项", Z),
        (
            "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
            r([7, 0, 0, 0, 0, 0, 7]),
        ),
        (
            "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
            Z,
        ),
        (
            "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确",
            Z,
        ),
        ("三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请", Z),
        (
            "三、本年度办理结果/（五）不予处理/2.重复申请",
            r([1, 0, 0, 0, 0, 0, 1]),
        ),
        ("三、本年度办理结果/（五）不予处理/3.要求提供公开出版物", Z),
        (
            "三、本年度办理结果/（五）不予处理/4.无正当理由大量反复申请",
            Z,
        ),
        (
            "三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
            Z,
        ),
        (OTHER, r([1, 0, 0, 0, 0, 0, 1])),
        (TOTAL, r([21, 2, 0, 0, 0, 0, 23])),
        (OUT, r([1, 0, 0, 0, 0, 0, 1])),
    ]
}

/// Table 3 of real/009 (淮安市人民政府 2024, 2021 template, （六） as three sub-rows).
fn huaian2024() -> Vec<(&'static str, Vals<7>)> {
    let r = |v: [i64; 7]| v.map(Some);
    let mut rows = seed004();
    let set = |rows: &mut Vec<(&'static str, Vals<7>)>, p: &str, v: Vals<7>| {
        if let Some(x) = rows.iter_mut().find(|(q, _)| *q == p) {
            x.1 = v;
        }
    };
    set(&mut rows, NEW, r([3001, 53, 0, 0, 61, 4, 3119]));
    set(&mut rows, IN, r([34, 0, 0, 0, 0, 0, 34]));
    set(
        &mut rows,
        "三、本年度办理结果/（一）予以公开",
        r([1288, 21, 0, 0, 50, 3, 1362]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（二）部分公开",
        r([447, 7, 0, 0, 0, 0, 454]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        r([2, 0, 0, 0, 0, 0, 2]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开",
        r([30, 1, 0, 0, 0, 0, 31]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”",
        r([5, 0, 0, 0, 0, 0, 5]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/4.保护第三方合法权益",
        r([6, 0, 0, 0, 0, 0, 6]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息",
        r([7, 1, 0, 0, 0, 0, 8]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/6.属于四类过程性信息",
        r([12, 0, 0, 0, 0, 0, 12]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/7.属于行政执法案卷",
        r([9, 0, 0, 0, 0, 0, 9]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/8.属于行政查询事项",
        r([105, 0, 0, 0, 0, 0, 105]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
        r([746, 12, 0, 0, 10, 1, 769]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
        r([11, 0, 0, 0, 0, 0, 11]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确",
        r([1, 0, 0, 0, 0, 0, 1]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请",
        r([56, 6, 0, 0, 0, 0, 62]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（五）不予处理/2.重复申请",
        r([25, 0, 0, 0, 0, 0, 25]),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
        r([1, 0, 0, 0, 0, 0, 1]),
    );
    set(&mut rows, TOTAL, r([2932, 53, 0, 0, 61, 4, 3050]));
    set(&mut rows, OUT, r([103, 0, 0, 0, 0, 0, 103]));
    // （六） as printed by the 2021 template: the group label has no values, three sub-rows do.
    let at = rows.iter().position(|(p, _)| *p == OTHER).unwrap_or(0);
    rows[at] = (OTHER, [None; 7]);
    rows.insert(at + 1, (OTHER_1, r([67, 3, 0, 0, 1, 0, 71])));
    rows.insert(at + 2, (OTHER_2, r([6, 0, 0, 0, 0, 0, 6])));
    rows.insert(at + 3, (OTHER_3, r([108, 2, 0, 0, 0, 0, 110])));
    rows
}
const OTHER_1: &str = "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
const OTHER_2: &str = "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
const OTHER_3: &str = "三、本年度办理结果/（六）其他处理/3.其他";

fn set(rows: &mut [(&'static str, Vals<7>)], path: &str, col: usize, v: Option<i64>) {
    let r = rows
        .iter_mut()
        .find(|(p, _)| *p == path)
        .expect("row in fixture");
    r.1[col] = v;
}

/// The diagnostic of `code` at `row`/`column`; fails the test with every diagnostic otherwise.
fn assert_diag<'a>(diags: &'a [Diagnostic], code: Code, row: &str, column: &str) -> &'a Diagnostic {
    let hit: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.code == code
                && d.location.as_ref().is_some_and(|l| {
                    l.row.as_deref() == Some(row) && l.column.as_deref() == Some(column)
                })
        })
        .collect();
    assert_eq!(
        hit.len(),
        1,
        "expected one {code} at {row} / {column}, got:\n{}",
        dump(diags)
    );
    let d = hit[0];
    assert_eq!(d.severity, code.severity());
    d
}

fn assert_clean(diags: &[Diagnostic]) {
    assert!(
        diags.is_empty(),
        "expected no diagnostic, got:\n{}",
        dump(diags)
    );
}

fn dump(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {d} @ {:?}\n", d.location))
        .collect()
}

/// The `(table, row, column)` of every cell a diagnostic lists.
fn cells(d: &Diagnostic) -> Vec<(u8, &str, &str)> {
    d.cells
        .iter()
        .map(|c| (c.table, c.row.as_str(), c.column.as_str()))
        .collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

// ---------------------------------------------------------------- the rule table

#[test]
fn rules_table_has_every_v_code_once_in_order() {
    let got: Vec<Code> = RULES.iter().map(|r| r.code).collect();
    let want: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with('V') && *c != Code::V100)
        .collect();
    assert_eq!(got, want);
    for (i, r) in RULES.iter().enumerate() {
        assert_eq!(r.name, format!("C{}", i + 1));
        assert!(r.example.starts_with(r.name), "{}", r.example);
    }
    let md = rules_markdown();
    assert_eq!(md.lines().count(), 2 + RULES.len() + 1);
    assert!(md.contains("| V008 | C8 | 2019, 2021 | 4 |"), "{md}");
}

#[test]
fn table3_paths_are_the_templates() {
    for t in [Template::V2019, Template::V2021] {
        let paths: Vec<&str> = crate::template::table3(t).iter().map(|d| d.path).collect();
        for p in [NEW, IN, TOTAL, OUT, OTHER] {
            assert!(paths.contains(&p), "{p}");
        }
    }
}

// ---------------------------------------------------------------- C1–C5

#[test]
fn c1_to_c5_hold_on_seed004_2019_single_other_row() {
    assert_clean(&t3(Template::V2019, &seed004()).validate());
}

#[test]
fn c1_to_c5_hold_on_huaian2024_2021_other_sub_rows() {
    assert_clean(&t3(Template::V2021, &huaian2024()).validate());
}

#[test]
fn c3_holds_on_2021_report_printing_single_other_row() {
    // real/033: a 2021-format report keeping the 2019-style （六）其他处理 row; the template's
    // three sub-rows are present but blank.
    let mut rows = seed004();
    let at = rows.iter().position(|(p, _)| *p == OTHER).unwrap_or(0);
    for (k, p) in [OTHER_1, OTHER_2, OTHER_3].into_iter().enumerate() {
        rows.insert(at + 1 + k, (p, [None; 7]));
    }
    assert_clean(&t3(Template::V2021, &rows).validate());
}

#[test]
fn c1_fails_naming_every_cell() {
    let mut rows = seed004();
    set(&mut rows, TOTAL, 6, n(22)); // 24 + 0 vs 22 + 1
    set(&mut rows, TOTAL, 0, n(20)); // keeps C2 of （七） holding: 20 + 2 = 22
    let diags = t3(Template::V2019, &rows).validate();
    let d = assert_diag(&diags, Code::V001, NEW, "总计");
    assert_eq!(
        d.message,
        "C1 broken in table 3, column 总计: 一、本年新收政府信息公开申请数量 (24) + 二、上年结转政府信息公开申请数量 (0) \
         = 24, but （七）总计 (22) + 四、结转下年度继续办理 (1) = 23"
    );
    assert_eq!(
        cells(d),
        vec![
            (3, NEW, "总计"),
            (3, IN, "总计"),
            (3, TOTAL, "总计"),
            (3, OUT, "总计")
        ]
    );
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("23"), Some("24"))
    );
    assert_eq!(d.span, Some(span(3, 0, 6)));
    assert_eq!(d.cells[2].span, Some(span(3, 21, 6)));
    // the same broken cells also break C3 in both columns
    assert_eq!(
        codes(&diags),
        vec![Code::V001, Code::V001, Code::V003, Code::V003]
    );
}

#[test]
fn c2_fails_on_a_row() {
    let mut rows = seed004();
    set(&mut rows, "三、本年度办理结果/（一）予以公开", 6, n(8));
    let diags = t3(Template::V2019, &rows).validate();
    let d = assert_diag(
        &diags,
        Code::V002,
        "三、本年度办理结果/（一）予以公开",
        "总计",
    );
    assert!(
        d.message
            .starts_with("C2 broken in table 3, row （一）予以公开: 总计 (8), but 自然人 (6) + "),
        "{}",
        d.message
    );
    assert!(d.message.ends_with(" = 7"), "{}", d.message);
    let want: Vec<(u8, &str, &str)> = T3_COLS
        .iter()
        .map(|c| c.label)
        .cycle()
        .skip(6)
        .take(7)
        .map(|c| (3, "三、本年度办理结果/（一）予以公开", c))
        .collect();
    assert_eq!(cells(d), want);
}

#[test]
fn cells_out_of_the_template_order_are_found_by_column() {
    // The rules look at a row's cell by its place in the template first: a row holding its
    // cells in another order (a report built by hand) must give what the template order gives.
    let reversed = |mut r: Report| {
        for t in [&mut r.applications, &mut r.review_litigation]
            .into_iter()
            .flatten()
        {
            for row in &mut t.rows {
                row.cells.reverse();
            }
        }
        r
    };
    let mut rows = seed004();
    set(&mut rows, "三、本年度办理结果/（一）予以公开", 6, n(8));
    set(&mut rows, TOTAL, 1, n(3));
    let report = t3(Template::V2019, &rows);
    let want = report.validate();
    assert_eq!(
        codes(&want),
        vec![Code::V001, Code::V002, Code::V002, Code::V003, Code::V003]
    );
    assert_eq!(dump(&reversed(report).validate()), dump(&want));
    assert_clean(&reversed(t3(Template::V2021, &huaian2024())).validate());
    let mut t4v = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let clean = t4(t4v);
    assert_clean(&reversed(clean).validate());
    t4v[4] = 2;
    let broken = t4(t4v);
    let want = broken.validate();
    assert_eq!(codes(&want), vec![Code::V008]);
    assert_eq!(dump(&reversed(broken).validate()), dump(&want));
}

#[test]
fn sums_past_the_decimal_range_do_not_panic() {
    // Two amounts near `Decimal::MAX` in one row: their sum overflows `Decimal`. The quick
    // check gives up on it, and the full equation (`checked_add`) leaves an overflowing sum
    // unchecked; the values themselves are flagged by C5.
    let path = "三、本年度办理结果/（一）予以公开";
    let mut report = t3(Template::V2019, &seed004());
    let row = report
        .applications
        .as_mut()
        .and_then(|t| t.rows.iter_mut().find(|r| r.row == path))
        .expect("row");
    for c in row.cells.iter_mut().take(2) {
        c.value = Some(Number::Decimal(rust_decimal::Decimal::MAX));
    }
    let diags = report.validate();
    assert_diag(&diags, Code::V005, path, "自然人");
    assert_diag(&diags, Code::V005, path, "法人或其他组织/商业企业");
    assert_eq!(
        codes(&diags),
        vec![Code::V005, Code::V005],
        "{}",
        dump(&diags)
    );
}

#[test]
fn c3_fails_in_a_column_2019() {
    let mut rows = seed004();
    // 8 instead of 7 in （四）1, with its row total kept consistent: C1 holds, C3 breaks.
    set(
        &mut rows,
        "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
        0,
        n(8),
    );
    set(
        &mut rows,
        "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
        6,
        n(8),
    );
    let diags = t3(Template::V2019, &rows).validate();
    assert_eq!(codes(&diags), vec![Code::V003, Code::V003]);
    let d = assert_diag(&diags, Code::V003, TOTAL, "总计");
    assert_eq!(
        d.message,
        "C3 broken in table 3, column 总计: （七）总计 (23), but （一）予以公开 (7) + （二）部分公开 (7) + \
         （四）无法提供/1.本机关不掌握相关政府信息 (8) + （五）不予处理/2.重复申请 (1) + （六）其他处理 (1) + 14 more of 0 = 24"
    );
    let listed = cells(d);
    assert_eq!(listed.len(), 1 + 19);
    assert_eq!(listed[0], (3, TOTAL, "总计"));
    assert_eq!(listed[19], (3, OTHER, "总计"));
    assert_eq!(d.span, Some(span(3, 21, 6)));
}

#[test]
fn c3_fails_in_a_column_2021_sums_other_sub_rows() {
    let mut rows = huaian2024();
    set(&mut rows, OTHER_3, 0, n(109));
    set(&mut rows, OTHER_3, 6, n(111));
    let diags = t3(Template::V2021, &rows).validate();
    assert_eq!(codes(&diags), vec![Code::V003, Code::V003]);
    let d = assert_diag(&diags, Code::V003, TOTAL, "自然人");
    let listed = cells(d);
    assert_eq!(listed.len(), 1 + 21);
    assert_eq!(
        &listed[19..],
        &[
            (3, OTHER_1, "自然人"),
            (3, OTHER_2, "自然人"),
            (3, OTHER_3, "自然人")
        ]
    );
    assert!(!listed.iter().any(|(_, r, _)| *r == OTHER));
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("2933"), Some("2932"))
    );
}

#[test]
fn blank_operand_is_not_checkable_never_a_failure() {
    let mut rows = seed004();
    set(&mut rows, IN, 6, None);
    let diags = t3(Template::V2019, &rows).validate();
    assert_eq!(codes(&diags), vec![Code::V100, Code::V100]);
    let d = assert_diag(&diags, Code::V100, NEW, "总计");
    assert_eq!(
        d.message,
        "C1 not checkable in table 3, column 总计: 二、上年结转政府信息公开申请数量 is blank"
    );
    assert_eq!(cells(d), vec![(3, IN, "总计")]);
    let d = assert_diag(&diags, Code::V100, IN, "总计"); // C2 of row 二
    assert!(d.message.starts_with(
        "C2 not checkable in table 3, row 二、上年结转政府信息公开申请数量: 总计 is blank"
    ));
}

#[test]
fn blank_is_not_zero_even_when_zero_would_fit() {
    // 二 blank: reading it as 0 would make C1 hold; it must stay uncheckable, not pass silently.
    let mut rows = seed004();
    set(&mut rows, IN, 0, None);
    let diags = t3(Template::V2019, &rows).validate();
    assert!(
        diags.iter().all(|d| d.code == Code::V100),
        "{}",
        dump(&diags)
    );
    assert_eq!(diags.len(), 2); // C1 自然人, C2 row 二
}

#[test]
fn wholly_blank_instance_or_absent_table_says_nothing() {
    let mut rows = seed004();
    rows.push(("三、本年度办理结果/（九）不存在", [None; 7]));
    assert_clean(&t3(Template::V2019, &rows).validate());
    assert_clean(&Report::default().validate());
}

#[test]
fn c4_checks_printed_subtotal_rows() {
    let mut rows = seed004();
    let at = rows
        .iter()
        .position(|(p, _)| p.starts_with("三、本年度办理结果/（四）"))
        .unwrap_or(0);
    rows.insert(
        at,
        (
            "三、本年度办理结果/（四）无法提供*",
            [7, 0, 0, 0, 0, 0, 7].map(Some),
        ),
    );
    assert_clean(&t3(Template::V2019, &rows).validate());

    rows[at].1 = [8, 0, 0, 0, 0, 0, 8].map(Some);
    let diags = t3(Template::V2019, &rows).validate();
    assert_eq!(codes(&diags), vec![Code::V004, Code::V004]);
    let d = assert_diag(
        &diags,
        Code::V004,
        "三、本年度办理结果/（四）无法提供",
        "总计",
    );
    assert_eq!(
        d.message,
        "C4 broken in table 3, subtotal row （四）无法提供, column 总计: （四）无法提供 (8), but \
         （四）无法提供/1.本机关不掌握相关政府信息 (7) + （四）无法提供/2.没有现成信息需要另行制作 (0) + \
         （四）无法提供/3.补正后申请内容仍不明确 (0) = 7"
    );
    assert_eq!(
        cells(d),
        vec![
            (3, "三、本年度办理结果/（四）无法提供", "总计"),
            (
                3,
                "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
                "总计"
            ),
            (
                3,
                "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
                "总计"
            ),
            (
                3,
                "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确",
                "总计"
            ),
        ]
    );
    assert_eq!(d.span, Some(span(3, at, 6)));
}

#[test]
fn c4_checks_2021_single_other_row_printed_with_sub_rows() {
    // （六）其他处理 printed with values above its three sub-rows (71 + 6 + 110 = 187).
    let mut rows = huaian2024();
    let other = rows.iter_mut().find(|(p, _)| *p == OTHER).expect("row");
    other.1 = [181, 5, 0, 0, 1, 0, 187].map(Some);
    assert_clean(&t3(Template::V2021, &rows).validate());

    let other = rows.iter_mut().find(|(p, _)| *p == OTHER).expect("row");
    other.1 = [182, 5, 0, 0, 1, 0, 188].map(Some);
    let diags = t3(Template::V2021, &rows).validate();
    assert_eq!(codes(&diags), vec![Code::V004, Code::V004]);
    let d = assert_diag(&diags, Code::V004, OTHER, "总计");
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("187"), Some("188"))
    );
    assert_eq!(
        cells(d),
        vec![
            (3, OTHER, "总计"),
            (3, OTHER_1, "总计"),
            (3, OTHER_2, "总计"),
            (3, OTHER_3, "总计")
        ]
    );
    assert_diag(&diags, Code::V004, OTHER, "自然人");
}

#[test]
fn c5_flags_negative_and_fractional_values() {
    let mut rows = seed004();
    set(
        &mut rows,
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        0,
        n(-1),
    );
    let mut report = t3(Template::V2019, &rows);
    if let Some(t) = report.applications.as_mut() {
        t.rows[0].cells[1].value = Some(Number::Decimal(rust_decimal::Decimal::new(25, 1)));
    }
    let diags: Vec<Diagnostic> = report
        .validate()
        .into_iter()
        .filter(|d| d.code == Code::V005)
        .collect();
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    let d = assert_diag(
        &diags,
        Code::V005,
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        "自然人",
    );
    assert_eq!(
        d.message,
        "C5 broken in table 3, row 三、本年度办理结果/（三）不予公开/1.属于国家秘密, column 自然人: -1 is not a non-negative integer"
    );
    assert_eq!(
        cells(d),
        vec![(
            3,
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            "自然人"
        )]
    );
    let d = assert_diag(&diags, Code::V005, NEW, "法人或其他组织/商业企业");
    assert_eq!(d.actual.as_deref(), Some("2.5"));
}

// ---------------------------------------------------------------- C8, C9

#[test]
fn c8_holds_on_huaian2024() {
    assert_clean(&t4([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]).validate());
}

#[test]
fn c8_flags_the_real_broken_table_of_hongze2023() {
    // real/033: `10 1 0 0 0 0 0 0 0 0 5 0 0 0 0` — printed totals of 0 over 11 and 5.
    let diags = t4([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]).validate();
    assert_eq!(codes(&diags), vec![Code::V008, Code::V008]);
    let d = assert_diag(&diags, Code::V008, "行政复议", "总计");
    assert_eq!(
        d.message,
        "C8 broken in table 4, group 行政复议: 总计 (0), but 结果维持 (10) + 结果纠正 (1) + 其他结果 (0) + 尚未审结 (0) = 11"
    );
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("11"), Some("0"))
    );
    assert_eq!(
        cells(d),
        vec![
            (4, "行政复议", "总计"),
            (4, "行政复议", "结果维持"),
            (4, "行政复议", "结果纠正"),
            (4, "行政复议", "其他结果"),
            (4, "行政复议", "尚未审结")
        ]
    );
    assert_eq!(d.span, Some(span(4, 0, 4)));
    let d = assert_diag(&diags, Code::V008, "行政诉讼/复议后起诉", "总计");
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("5"), Some("0"))
    );
}

#[test]
fn c9_flags_negative_values() {
    let diags = t4([1, 0, 0, 0, 1, 0, 0, 0, -1, -1, 0, 0, 0, 0, 0]).validate();
    assert_eq!(codes(&diags), vec![Code::V009, Code::V009]);
    let d = assert_diag(&diags, Code::V009, "行政诉讼/未经复议直接起诉", "尚未审结");
    assert_eq!(cells(d), vec![(4, "行政诉讼/未经复议直接起诉", "尚未审结")]);
}

// ---------------------------------------------------------------- C11

const R2019_A: &[&str] = &["本年新制作数量", "本年新公开数量", "对外公开总数量"];
const R2019_B: &[&str] = &["上一年项目数量", "本年增/减", "处理决定数量"];

#[test]
fn c11_accepts_signed_2019_delta_and_flags_negative_counts() {
    let ok = Report {
        active_disclosure: Some(t2_table(
            Template::V2019,
            &[
                ("第二十条第（一）项/规章", R2019_A, &[n(0), n(0), n(0)]),
                (
                    "第二十条第（五）项/行政许可",
                    R2019_B,
                    &[n(396), n(-18), n(181)],
                ),
            ],
        )),
        ..Default::default()
    };
    assert_clean(&ok.validate());
    let bad = Report {
        active_disclosure: Some(t2_table(
            Template::V2019,
            &[(
                "第二十条第（五）项/行政许可",
                R2019_B,
                &[n(-3), n(-18), n(181)],
            )],
        )),
        ..Default::default()
    };
    let diags = bad.validate();
    assert_eq!(codes(&diags), vec![Code::V011]);
    let d = assert_diag(
        &diags,
        Code::V011,
        "第二十条第（五）项/行政许可",
        "上一年项目数量",
    );
    assert_eq!(
        cells(d),
        vec![(2, "第二十条第（五）项/行政许可", "上一年项目数量")]
    );
}

#[test]
fn c11_amounts_are_non_negative_decimals() {
    let mut t = t2_table(
        Template::V2021,
        &[(
            "第二十条第（八）项/行政事业性收费",
            &["本年收费金额（单位：万元）"],
            &[None],
        )],
    );
    t.rows[0].cells[0].value = Some(Number::Decimal(rust_decimal::Decimal::new(
        24_252_311_082,
        6,
    )));
    let mut report = Report {
        active_disclosure: Some(t),
        ..Default::default()
    };
    assert_clean(&report.validate());
    if let Some(t) = report.active_disclosure.as_mut() {
        t.rows[0].cells[0].value = Some(Number::Decimal(rust_decimal::Decimal::new(-5, 1)));
    }
    let diags = report.validate();
    let d = assert_diag(
        &diags,
        Code::V011,
        "第二十条第（八）项/行政事业性收费",
        "本年收费金额（单位：万元）",
    );
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("a non-negative amount"), Some("-0.5"))
    );
}

// ---------------------------------------------------------------- C7, C10

fn with_overview(mut r: Report, year: u16, text: &str) -> Report {
    r.meta.year = Some(year);
    r.sections.push(Section {
        number: 1,
        kind: SectionKind::Overview,
        heading: "一、总体情况".into(),
        text: text.into(),
        span: Span::default(),
    });
    r
}

/// real/009's overview, as pypdf extracted it (line breaks inside words, spaces around numbers).
const HUAIAN_2024: &str = "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。";

#[test]
fn prose_claims_of_huaian2024() {
    let got: Vec<(Kind, i64)> = claims(HUAIAN_2024, Some(2024))
        .into_iter()
        .map(|c| (c.kind, c.value))
        .collect();
    assert_eq!(
        got,
        vec![
            (Kind::Received, 3119),
            (Kind::Completed, 3050),
            (Kind::CarriedIn, 34),
            (Kind::CarriedOut, 103),
            (Kind::Review, 351),
            (Kind::Litigation, 46)
        ]
    );
}

#[test]
fn c7_c10_agree_with_huaian2024_tables() {
    let mut r = with_overview(t3(Template::V2021, &huaian2024()), 2024, HUAIAN_2024);
    r.review_litigation =
        t4([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]).review_litigation;
    assert_clean(&r.validate());
}

#[test]
fn c7_flags_hongze2024_prose_17_against_table_95() {
    // real/064: the prose counts the office's own applications, the table the district's.
    let mut rows = seed004();
    set(&mut rows, NEW, 0, n(93));
    set(&mut rows, NEW, 6, n(95));
    let text = "（二）依申请公开情况。……2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。";
    let diags: Vec<Diagnostic> = with_overview(t3(Template::V2021, &rows), 2024, text)
        .validate()
        .into_iter()
        .filter(|d| d.code == Code::V007)
        .collect();
    let d = assert_diag(&diags, Code::V007, NEW, "总计");
    assert_eq!(
        d.message,
        "C7: section 一 says \"区政府办代表区政府受理政府信息公开申请17件\" (17), but table 3 \
         一、本年新收政府信息公开申请数量, column 总计 holds 95"
    );
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("17"), Some("95"))
    );
    assert_eq!(cells(d), vec![(3, NEW, "总计")]);
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn c7_reads_traditional_prose_and_chinese_numerals_of_seed004() {
    let text = "2020年共受理依申請公開政府信息24件,除一件申請人撤銷、一件結(jié)轉(zhuǎn)2021年辦理外,其余22件均在規(guī)定時限內(nèi)辦結(jié)。";
    let got: Vec<(Kind, i64)> = claims(text, Some(2020))
        .into_iter()
        .map(|c| (c.kind, c.value))
        .collect();
    assert_eq!(got, vec![(Kind::Received, 24), (Kind::CarriedOut, 1)]);
    assert_clean(&with_overview(t3(Template::V2019, &seed004()), 2020, text).validate());
    // the same prose over a table carrying 2 forward disagrees
    let mut rows = seed004();
    set(&mut rows, OUT, 6, n(2));
    let diags = with_overview(t3(Template::V2019, &rows), 2020, text).validate();
    let d = assert_diag(&diags, Code::V007, OUT, "总计");
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("1"), Some("2"))
    );
}

#[test]
fn c7_counts_received_including_carried_over() {
    // real/001: 受理749件 = 一 713 + 二 36.
    let mut rows = seed004();
    set(&mut rows, NEW, 6, n(713));
    set(&mut rows, IN, 6, n(36));
    let text = "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。";
    let diags = with_overview(t3(Template::V2021, &rows), 2025, text).validate();
    assert!(!diags
        .iter()
        .any(|d| d.code == Code::V007
            && d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(NEW)));
    // 结转下一年31件 against 四 = 1
    assert_diag(&diags, Code::V007, OUT, "总计");
}

#[test]
fn ambiguous_prose_is_not_flagged() {
    for text in [
        "受理政府信息公开申请较上年增加5件。",       // not the count
        "2008年以来累计受理政府信息公开申请120件。", // cumulative
        "2019年受理政府信息公开申请30件，2020年受理政府信息公开申请24件。", // another year
        "受理政府信息公开申请24件。另，本级受理政府信息公开申请20件。", // stated twice, differently
        "共收到政民互动40条，办结市长热线89件。",    // not applications
        "全市受理行政复议案件120件。",               // the agency as reviewing body
        "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件74件。", // no anchored number
        "受理政府信息公开申请3000余件。",                                         // approximate
    ] {
        let found: Vec<_> = claims(text, Some(2020))
            .into_iter()
            .filter(|c| c.kind == Kind::Received || c.kind == Kind::Review)
            .collect();
        let r = with_overview(t3(Template::V2019, &seed004()), 2020, text);
        let diags = r.validate();
        if !(text.starts_with("受理政府信息公开申请24件") || text.starts_with("2019")) {
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        assert_clean(&diags);
    }
}

#[test]
fn c10_review_and_litigation() {
    // real/006 (平潭 2023): 复议2, 诉讼7 = 5 + 2.
    let text = "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。";
    let r = with_overview(
        t4([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]),
        2023,
        text,
    );
    assert_clean(&r.validate());
    let r = with_overview(
        t4([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 2, 0, 3]),
        2023,
        text,
    );
    let diags = r.validate();
    assert_eq!(codes(&diags), vec![Code::V010]);
    let d = assert_diag(&diags, Code::V010, "行政诉讼/未经复议直接起诉", "总计");
    assert_eq!(
        d.message,
        "C10: section 一 says \"因政府信息公开引起的行政复议案件2件、行政诉讼案件7件\" (7), but table 4 \
         行政诉讼/未经复议直接起诉 总计 (5) + 行政诉讼/复议后起诉 总计 (3) = 8"
    );
    assert_eq!(
        cells(d),
        vec![
            (4, "行政诉讼/未经复议直接起诉", "总计"),
            (4, "行政诉讼/复议后起诉", "总计")
        ]
    );
    // real/001: 行政复议、行政诉讼案件 together.
    let combined = claims("涉及政府信息公开的行政复议、行政诉讼案件74件。", None);
    assert_eq!(
        combined.first().map(|c| (c.kind, c.value)),
        Some((Kind::ReviewAndLitigation, 74))
    );
}

// ---------------------------------------------------------------- series: C6, C12, C13

fn dated(mut r: Report, agency: &str, year: u16) -> Report {
    r.meta = Meta {
        agency: Some(agency.into()),
        year: Some(year),
        ..Default::default()
    };
    r
}

#[test]
fn c6_series_in_reverse_order() {
    // real/004 (平潭 2021) carries 1 forward (自然人); 2022 must carry 1 in.
    let mut y2021 = seed004();
    set(&mut y2021, OUT, 0, n(1));
    let mut y2022 = seed004();
    set(&mut y2022, IN, 0, n(1));
    set(&mut y2022, IN, 6, n(1));
    let a = dated(t3(Template::V2021, &y2021), "平潭综合实验区", 2021);
    let b = dated(t3(Template::V2021, &y2022), "平潭综合实验区", 2022);
    assert_clean(&validate_series(&[b.clone(), a.clone()]));

    let mut y2022 = seed004();
    set(&mut y2022, IN, 0, n(0));
    let b = dated(t3(Template::V2021, &y2022), "平潭综合实验区", 2022);
    let diags = validate_series(&[
        b,
        a,
        dated(t3(Template::V2021, &seed004()), "别的机关", 2022),
    ]);
    // 自然人 and 总计 both break; the other agency's report is left alone
    assert_eq!(codes(&diags), vec![Code::V006, Code::V006]);
    assert_diag(&diags, Code::V006, IN, "总计");
    let d = assert_diag(&diags, Code::V006, IN, "自然人");
    assert_eq!(
        d.message,
        "C6 broken between 平潭综合实验区 2021 and 2022, table 3, column 自然人: 2022 二、上年结转政府信息公开申请数量 (0), \
         but 2021 四、结转下年度继续办理 (1)"
    );
    assert_eq!(cells(d), vec![(3, IN, "自然人"), (3, OUT, "自然人")]);
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn series_skips_gaps_and_reports_without_agency_or_year() {
    let a = dated(t3(Template::V2021, &seed004()), "甲", 2021);
    let c = dated(t3(Template::V2021, &seed004()), "甲", 2023); // 2022 missing: no comparison
    let mut nameless = t3(Template::V2021, &seed004());
    nameless.meta.year = Some(2022);
    assert_clean(&validate_series(&[a, c, nameless]));
}

#[test]
fn series_matches_an_agency_named_with_and_without_its_city() {
    // real/033 and 034 are 淮安市洪泽区人民政府 in one year and 洪泽区人民政府 in the other.
    let mut y23 = seed004();
    set(&mut y23, OUT, 0, n(1));
    let a = dated(t3(Template::V2021, &y23), "淮安市洪泽区人民政府", 2023);
    let b = dated(t3(Template::V2021, &seed004()), "洪泽区 人民政府", 2024);
    let diags = validate_series(&[b, a]);
    assert_eq!(codes(&diags), vec![Code::V006, Code::V006]);
    let d = assert_diag(&diags, Code::V006, IN, "自然人");
    assert!(d.message.contains("2023 and 2024"), "{}", d.message);

    // Two cities have a 朝阳区: the bare name is compared with neither of them.
    let bj = dated(t3(Template::V2021, &y23), "北京市朝阳区人民政府", 2023);
    let cc = dated(t3(Template::V2021, &y23), "长春市朝阳区人民政府", 2023);
    let bare = dated(t3(Template::V2021, &seed004()), "朝阳区人民政府", 2024);
    assert_clean(&validate_series(&[bj, cc, bare]));

    // A prefix that is not a division name does not join (市场监督管理局 ≠ 监督管理局).
    let x = dated(t3(Template::V2021, &y23), "市场监督管理局", 2023);
    let y = dated(t3(Template::V2021, &seed004()), "监督管理局", 2024);
    assert_clean(&validate_series(&[x, y]));
}

const R2021_A: &[&str] = &["本年制发件数", "本年废止件数", "现行有效件数"];

fn t2_2021(rules: [i64; 3], docs: [i64; 3], agency: &str, year: u16) -> Report {
    let t = t2_table(
        Template::V2021,
        &[
            ("第二十条第（一）项/规章", R2021_A, &rules.map(Some)),
            (
                "第二十条第（一）项/行政规范性文件",
                R2021_A,
                &docs.map(Some),
            ),
        ],
    );
    dated(
        Report {
            active_disclosure: Some(t),
            ..Default::default()
        },
        agency,
        year,
    )
}

#[test]
fn c12_pingtan_2021_2022_holds_2022_2023_does_not() {
    // 平潭: 2021 69/3/665, 2022 88/55/698 (prose), 2023 77/132/470 — 698 + 77 − 132 = 643.
    let y21 = t2_2021([0, 0, 0], [69, 3, 665], "平潭综合实验区", 2021);
    let y22 = t2_2021([0, 0, 0], [88, 55, 698], "平潭综合实验区", 2022);
    let y23 = t2_2021([0, 0, 0], [77, 132, 470], "平潭综合实验区", 2023);
    let diags = validate_series(&[y23, y21, y22]);
    assert_eq!(codes(&diags), vec![Code::V012]);
    let d = assert_diag(
        &diags,
        Code::V012,
        "第二十条第（一）项/行政规范性文件",
        "现行有效件数",
    );
    assert_eq!(
        d.message,
        "C12 broken between 平潭综合实验区 2022 and 2023, table 2, row 第二十条第（一）项/行政规范性文件: 2023 现行有效件数 (470), \
         but 2022 现行有效件数 (698) + 2023 本年制发件数 (77) − 2023 本年废止件数 (132) = 643"
    );
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("643"), Some("470"))
    );
    let p = "第二十条第（一）项/行政规范性文件";
    assert_eq!(
        cells(d),
        vec![
            (2, p, "现行有效件数"),
            (2, p, "现行有效件数"),
            (2, p, "本年制发件数"),
            (2, p, "本年废止件数")
        ]
    );
}

fn t2_2019(rows: &[(&'static str, [i64; 3])], agency: &str, year: u16) -> Report {
    let owned: Vec<(&str, Vec<Option<i64>>)> = rows
        .iter()
        .map(|(p, v)| (*p, v.map(Some).to_vec()))
        .collect();
    let refs: Vec<T2Row> = owned
        .iter()
        .map(|(p, v)| (*p, R2019_B, v.as_slice()))
        .collect();
    dated(
        Report {
            active_disclosure: Some(t2_table(Template::V2019, &refs)),
            ..Default::default()
        },
        agency,
        year,
    )
}

#[test]
fn c13_pingtan_2019_2020() {
    // 平潭 2019: 行政处罚 2648/0/430, 行政事业性收费 35/0; 2020: 2648/-18/538, 35/-15.
    let y19 = t2_2019(
        &[
            ("第二十条第（六）项/行政处罚", [2648, 0, 430]),
            ("第二十条第（八）项/行政事业性收费", [35, 0, 0]),
        ],
        "平潭",
        2019,
    );
    let y20 = t2_2019(
        &[
            ("第二十条第（六）项/行政处罚", [2648, -18, 538]),
            ("第二十条第（八）项/行政事业性收费", [35, -15, 0]),
        ],
        "平潭",
        2020,
    );
    assert_clean(&validate_series(&[y20, y19.clone()]));
    // the misreading 3/50 of the glued 2020 row `350`… gives 53
    let y20 = t2_2019(
        &[
            ("第二十条第（六）项/行政处罚", [2648, -18, 538]),
            ("第二十条第（八）项/行政事业性收费", [53, 0, 0]),
        ],
        "平潭",
        2020,
    );
    let diags = validate_series(&[y20, y19]);
    assert_eq!(codes(&diags), vec![Code::V013]);
    let d = assert_diag(
        &diags,
        Code::V013,
        "第二十条第（八）项/行政事业性收费",
        "上一年项目数量",
    );
    let p = "第二十条第（八）项/行政事业性收费";
    assert_eq!(
        cells(d),
        vec![
            (2, p, "上一年项目数量"),
            (2, p, "上一年项目数量"),
            (2, p, "本年增/减")
        ]
    );
    assert!(
        d.message.ends_with(
            "2020 上一年项目数量 (53), but 2019 上一年项目数量 (35) + 2019 本年增/减 (0) = 35"
        ),
        "{}",
        d.message
    );
}

#[test]
fn c13_does_not_apply_to_2021_tables() {
    let a = t2_2021([0, 0, 0], [1, 0, 1], "甲", 2021);
    let b = t2_2021([0, 0, 0], [1, 0, 2], "甲", 2022);
    assert_clean(&validate_series(&[a, b]));
}

#[test]
fn hostile_prose_is_bounded() {
    let digits = "9".repeat(200_000) + "件";
    assert!(claims(&digits, None).is_empty());
    let units = "受理申请1件".repeat(50_000);
    let n = claims(&units, None).len();
    assert!(n > 30_000 && n <= 33_334, "{n}");
    let cn = "一".repeat(100_000) + "件";
    assert!(claims(&cn, None).is_empty());
}

#[test]
fn quick_holds_adds_counts_exactly_and_amounts_as_decimals() {
    let mut t = t3_table(
        Template::V2021,
        &[
            ("a", [n(1), n(2), n(3), n(4), n(5), n(6), n(21)]),
            (
                "b",
                [n(i64::MAX), n(i64::MAX), n(0), n(0), n(0), n(0), n(0)],
            ),
            ("c", [n(1), None, n(0), n(0), n(0), n(0), n(1)]),
        ],
    );
    let cols: Vec<&str> = T3_COLS.iter().map(|c| c.label).collect();
    let parts = |r: &'static str| -> Vec<(&'static str, &str, bool)> {
        cols.iter().take(6).map(|c| (r, *c, false)).collect()
    };
    let total = |r: &'static str| [(r, cols[6], false)];
    assert!(quick_holds(&t, &total("a"), &parts("a")));
    // Two i64::MAX counts sum past i64 without wrapping: not equal to 0.
    assert!(!quick_holds(&t, &total("b"), &parts("b")));
    // A blank cell: no quick answer.
    assert!(!quick_holds(&t, &total("c"), &parts("c")));
    // An amount among the counts: 1 + 2 + 3 + 4 + 5 + 6.00 = 21.
    t.rows[0].cells[5].value = Some(Number::Decimal(Decimal::new(600, 2)));
    assert!(quick_holds(&t, &total("a"), &parts("a")));
    t.rows[0].cells[5].value = Some(Number::Decimal(Decimal::new(601, 2)));
    assert!(!quick_holds(&t, &total("a"), &parts("a")));
}

/// The （六） row and its sub-rows read off the template's plan are those the template gives when
/// gone over: for either template, and for a table without one (read as 2021).
#[test]
fn other_handling_is_the_reference() {
    for template in [Some(Template::V2019), Some(Template::V2021), None] {
        let t = Table {
            kind: TableKind::Applications,
            template,
            span: Span::default(),
            rows: Vec::new(),
        };
        let planned = super::table3::other_handling(&t).map(|(p, subs)| (p, subs.to_vec()));
        assert_eq!(
            planned,
            super::table3::other_handling_reference(&t),
            "{template:?}"
        );
    }
}

/// C1, C2, C3 and C8 as plain equations, every instance evaluated: what the rules say without
/// their fast paths.
fn equations_only(report: &Report, name: &str) -> Vec<Diagnostic> {
    use super::table3::{result_rows, CARRIED_IN, CARRIED_OUT, NEW, TOTAL, TOTAL_COL};
    let mut out = Out::default();
    let Some(rule) = RULES.iter().find(|r| r.name == name) else {
        return Vec::new();
    };
    let op = |t: &Table, row: &'static str, col: &'static str| {
        Operand::at(t, row, col, false, short_row(row))
    };
    let t3 = rule.table(report, TableKind::Applications);
    match (name, t3) {
        ("C1", Some(t)) => {
            for col in T3_COLS {
                let c = col.label;
                let eq = Equation {
                    place: format!("in table 3, column {c}"),
                    lhs: vec![op(t, NEW, c), op(t, CARRIED_IN, c)],
                    rhs: vec![op(t, TOTAL, c), op(t, CARRIED_OUT, c)],
                };
                out.equation(rule, eq);
            }
        }
        ("C2", Some(t)) => {
            for r in &t.rows {
                let at = |c: &'static str| Operand::at(t, &r.row, c, r.subtotal, c);
                let kind = if r.subtotal { "subtotal row" } else { "row" };
                let eq = Equation {
                    place: format!("in table 3, {kind} {}", short_row(&r.row)),
                    lhs: vec![at(TOTAL_COL)],
                    rhs: T3_COLS
                        .iter()
                        .filter(|c| c.label != TOTAL_COL)
                        .map(|c| at(c.label))
                        .collect(),
                };
                out.equation(rule, eq);
            }
        }
        ("C3", Some(t)) => {
            let rows = result_rows(t);
            for col in T3_COLS {
                let eq = Equation {
                    place: format!("in table 3, column {}", col.label),
                    lhs: vec![op(t, TOTAL, col.label)],
                    rhs: rows.iter().map(|r| op(t, r, col.label)).collect(),
                };
                out.equation(rule, eq);
            }
        }
        ("C8", _) => {
            if let Some(t) = rule.table(report, TableKind::ReviewLitigation) {
                for group in crate::template::T4_ROWS {
                    let at = |c: &'static str| Operand::at(t, group, c, false, c);
                    let eq = Equation {
                        place: format!("in table 4, group {group}"),
                        lhs: vec![at(TOTAL_COL)],
                        rhs: T4_COLS
                            .iter()
                            .filter(|c| c.label != TOTAL_COL)
                            .map(|c| at(c.label))
                            .collect(),
                    };
                    out.equation(rule, eq);
                }
            }
        }
        _ => {}
    }
    out.diags
}

/// The diagnostics of the rule called `name` as the engine checks it.
fn rule_diags(report: &Report, name: &str) -> Vec<Diagnostic> {
    let mut out = Out::default();
    for rule in RULES.iter().filter(|r| r.name == name) {
        if let Check::Report(check) = rule.check {
            check(rule, report, &mut out);
        }
    }
    out.diags
}

/// A cell value for the property test below: blank, a small count (so that most sums agree),
/// or an amount.
fn arb_value() -> impl proptest::strategy::Strategy<Value = Option<Number>> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(None),
        6 => (0i64..3).prop_map(|v| Some(Number::Int(v))),
        1 => (0i64..300).prop_map(|v| Some(Number::Decimal(Decimal::new(v, 2)))),
    ]
}

/// A term of a sum for the property test of `quick_sum`: as [`arb_value`], and amounts near
/// `Decimal`'s limits, whose sums overflow.
fn arb_term() -> impl proptest::strategy::Strategy<Value = Option<Number>> {
    use proptest::prelude::*;
    prop_oneof![
        8 => arb_value(),
        1 => (i64::MIN..i64::MAX).prop_map(|v| Some(Number::Int(v))),
        1 => proptest::bool::ANY.prop_map(|neg| {
            Some(Number::Decimal(if neg { Decimal::MIN } else { Decimal::MAX }))
        }),
    ]
}

/// Sets the last cell of `r` to the sum of the others when they all hold counts.
fn add_up(r: &mut Row) {
    let Some((last, parts)) = r.cells.split_last_mut() else {
        return;
    };
    // Checked: the counts may be near i64's limits, where the row is left as it is.
    let sum = parts.iter().try_fold(0i64, |acc, c| match c.value {
        Some(Number::Int(v)) => acc.checked_add(v),
        _ => None,
    });
    if let Some(sum) = sum {
        last.value = Some(Number::Int(sum));
    }
}

/// Table 3's rows of `template` as the proptests draw them: for each pick `(p, subtotal,
/// shape)` the row of path `p` (modulo the template's rows), its cells filled from `vals` in
/// turn, then mostly (`shape % 3 > 0`) a total that adds up (its first six values are counts),
/// so that rows that hold and rows that break are both seen, repeated or not; then given the
/// shape `shape` (see [`reshape`]).
fn t3_rows(
    template: Template,
    picks: &[(usize, bool, usize)],
    vals: Vec<Option<Number>>,
) -> Vec<Row> {
    let paths: Vec<&str> = crate::template::table3(template)
        .iter()
        .map(|d| d.path)
        .collect();
    let cols: Vec<&str> = T3_COLS.iter().map(|c| c.label).collect();
    let mut vals = vals.into_iter();
    picks
        .iter()
        .enumerate()
        .filter_map(|(i, &(p, subtotal, shape))| {
            let path = paths.get(p % paths.len())?;
            let mut r = row(3, i, path, &cols, &[None; 7], subtotal);
            for c in &mut r.cells {
                c.value = vals.next().flatten();
            }
            if shape % 3 > 0 {
                add_up(&mut r);
            }
            reshape(&mut r, T3_COLS, shape);
            Some(r)
        })
        .collect()
}

/// Gives `r` one of the shapes a row can have, `shape` modulo 5: the test's own labels (owned
/// strings), the parser's (each cell borrowing the template's label of `cols`), the parser's
/// less one cell, with two cells swapped, or with one more cell.
fn reshape(r: &mut Row, cols: &[crate::template::Col], shape: usize) {
    if shape % 5 == 0 {
        return;
    }
    for (c, col) in r.cells.iter_mut().zip(cols) {
        c.column = std::borrow::Cow::Borrowed(col.label);
    }
    let n = r.cells.len();
    match shape % 5 {
        2 if n > 0 => {
            r.cells.remove(shape / 5 % n);
        }
        3 if n > 1 => r.cells.swap(shape / 5 % n, (shape / 5 + 1) % n),
        4 => r
            .cells
            .push(Cell::absent(cols.first().map_or("", |c| c.label))),
        _ => {}
    }
}

proptest::proptest! {
    /// The sum of the fast paths is the sum as first written: the same value of the same kind,
    /// and none where a term is blank or the sum overflows.
    #[test]
    fn quick_sum_is_the_reference(terms in proptest::collection::vec(arb_term(), 0..30)) {
        proptest::prop_assert_eq!(
            super::quick_sum(terms.iter().copied()),
            super::quick_sum_reference(terms.iter().copied())
        );
    }

    /// The row sum of C2 and C8 (one loop over a row of the parser's shape) is the sum of
    /// every column read by its label: on rows of either table, of every shape, with blanks,
    /// amounts and counts whose sums pass i64.
    #[test]
    fn total_adds_up_is_the_reference(
        t4 in proptest::bool::ANY,
        shape in 0usize..40,
        vals in proptest::collection::vec(
            proptest::prop_oneof![1 => proptest::strategy::Just(Some(Number::Int(0))), 2 => arb_term()],
            7,
        ),
        parts_sum in proptest::bool::weighted(0.6),
        zeros in proptest::bool::weighted(0.25),
    ) {
        let cols = if t4 { T4_COLS } else { T3_COLS };
        let labels: Vec<&str> = cols.iter().map(|c| c.label).collect();
        let mut r = row(3, 0, "r", &labels, &[None; 7], false);
        for (c, v) in r.cells.iter_mut().zip(&vals) {
            c.value = *v;
        }
        let total_at = column_at(cols, "总计");
        if zeros {
            // A row of zeros (most rows of a report) under whatever total.
            for (i, c) in r.cells.iter_mut().enumerate() {
                if i != total_at {
                    c.value = Some(Number::Int(0));
                }
            }
        }
        if parts_sum {
            // Mostly a total that adds up, so that both answers are seen.
            let sum = quick_sum(
                r.cells.iter().enumerate().filter(|&(i, _)| i != total_at).map(|(_, c)| c.value),
            );
            if let (Some(QuickSum::Int(s)), Some(c)) = (sum, r.cells.get_mut(total_at)) {
                c.value = i64::try_from(s).ok().map(Number::Int);
            }
        }
        reshape(&mut r, cols, shape);
        proptest::prop_assert_eq!(
            total_adds_up(Some(&r), &mut Labels::new(cols), total_at),
            total_adds_up_reference(Some(&r), cols, "总计")
        );
        proptest::prop_assert!(!total_adds_up(None, &mut Labels::new(cols), total_at));
    }

    /// The row lookup (paths told apart by their last bytes first) finds the row the string
    /// compare finds: on paths of both templates, paths that differ only in their first byte or
    /// only in their last, and paths shorter than eight bytes.
    #[test]
    fn first_row_is_the_reference(
        picks in proptest::collection::vec((0usize..200, proptest::bool::weighted(0.2)), 0..30),
        sought in 0usize..200,
        subtotal in proptest::bool::ANY,
    ) {
        let mut pool: Vec<String> = Vec::new();
        for template in [Template::V2019, Template::V2021] {
            for d in crate::template::table3(template) {
                pool.push(d.path.to_string());
                // The first or the last character (three bytes) changed, the length kept.
                let mut chars = d.path.chars();
                chars.next();
                pool.push(format!("xyz{}", chars.as_str()));
                let mut chars = d.path.chars();
                chars.next_back();
                pool.push(format!("{}xyz", chars.as_str()));
            }
        }
        pool.extend(["", "a", "ab", "abcdefg", "abcdefgh", "bbcdefgh", "abcdefgi"].map(String::from));
        let rows: Vec<Row> = picks
            .iter()
            .enumerate()
            .map(|(i, &(p, sub))| row(3, i, &pool[p % pool.len()], &[], &[], sub))
            .collect();
        let path = &pool[sought % pool.len()];
        let found = first_row(&rows, path, subtotal).map(|r| r as *const Row);
        let reference = first_row_reference(&rows, path, subtotal).map(|r| r as *const Row);
        proptest::prop_assert_eq!(found, reference);
    }

    /// The walk over a table's rows finds, for each path, the row and the printed flag one
    /// search per path finds: on paths of both templates, paths a row borrows (the same
    /// address) or copies, a path's start or end as a path of its own (the same address, not
    /// the same length), repeated rows, subtotal rows, blank rows, and paths out of order.
    #[test]
    fn walk_rows_is_the_reference(
        picks in proptest::collection::vec(
            (0usize..400, proptest::bool::weighted(0.3), proptest::bool::weighted(0.1), proptest::bool::weighted(0.7)),
            0..40,
        ),
        sought in proptest::collection::vec(proptest::bool::weighted(0.6), 400),
        rotate in 0usize..400,
    ) {
        let mut pool: Vec<&'static str> = Vec::new();
        for template in [Template::V2019, Template::V2021] {
            for d in crate::template::table3(template) {
                let p: &'static str = d.path;
                pool.push(p);
                // The path less its last character, and less its first: slices of the same text.
                if let Some((last, _)) = p.char_indices().next_back() {
                    pool.push(p.get(..last).unwrap_or(""));
                }
                let mut chars = p.chars();
                chars.next();
                pool.push(chars.as_str());
            }
        }
        let rows: Vec<Row> = picks
            .iter()
            .enumerate()
            .map(|(i, &(p, owned, subtotal, valued))| {
                let path = pool[p % pool.len()];
                let mut r = row(3, i, path, &["总计"], &[valued.then_some(1)], subtotal);
                if !owned {
                    r.row = std::borrow::Cow::Borrowed(path);
                }
                r
            })
            .collect();
        // Distinct paths, mostly in template order, some rotated.
        let mut paths: Vec<&str> = Vec::new();
        for (p, keep) in pool.iter().zip(&sought) {
            if *keep && !paths.contains(p) {
                paths.push(p);
            }
        }
        if rotate % 3 == 0 && !paths.is_empty() {
            let k = rotate % paths.len();
            paths.rotate_left(k);
        }
        let key = |s: &[Seen]| -> Vec<(Option<*const Row>, bool)> {
            s.iter().map(|s| (s.first.map(|r| r as *const Row), s.printed)).collect()
        };
        proptest::prop_assert_eq!(
            key(&walk_rows(&rows, &paths)),
            key(&walk_rows_reference(&rows, &paths))
        );
    }

    /// C3's result rows picked by the template's plan (worked out once) are the rows picked from
    /// the template at each call: the same paths in the same order, the same first rows and
    /// total row, on tables of either template (or none, read as 2021), with （六） printed as one
    /// row, as its sub-rows, as both or as neither (its sub-rows blanked at will), repeated,
    /// subtotal and absent rows, and empty tables.
    #[test]
    fn planned_result_rows_are_the_found_ones(
        template in 0usize..3,
        picks in proptest::collection::vec((0usize..40, proptest::bool::weighted(0.1), 0usize..40), 0..40),
        vals in proptest::collection::vec(arb_value(), 40 * 7),
        blank_subs in proptest::bool::ANY,
        blank_other in proptest::bool::weighted(0.2),
    ) {
        let template = [Some(Template::V2019), Some(Template::V2021), None][template];
        let desc = crate::template::table3(template.unwrap_or(Template::V2021));
        let mut rows = t3_rows(template.unwrap_or(Template::V2021), &picks, vals);
        if let Some(g) = desc.iter().position(|d| d.role == crate::template::RowRole::GroupOrData) {
            for r in &mut rows {
                let is_sub = desc.iter().any(|d| d.parent == Some(g) && d.path == r.row);
                let is_other = desc.get(g).is_some_and(|d| d.path == r.row);
                if (is_sub && blank_subs) || (is_other && blank_other) {
                    for c in &mut r.cells {
                        c.value = None;
                    }
                }
            }
        }
        let t = Table {
            kind: TableKind::Applications,
            template,
            span: Span::default(),
            rows,
        };
        let at = |f: Option<&Row>| f.map(|r| r as *const Row);
        let (paths, found, total) = super::table3::result_rows_planned(&t);
        let planned: Vec<(&str, Option<*const Row>)> =
            paths.iter().zip(&found).map(|(&(p, _), &f)| (p, at(f))).collect();
        proptest::prop_assert_eq!(paths.len(), found.len());
        let (rows_ref, total_ref) = super::table3::result_rows_found(&t);
        let reference: Vec<(&str, Option<*const Row>)> =
            rows_ref.iter().map(|&(p, f)| (p, at(f))).collect();
        proptest::prop_assert_eq!(planned, reference);
        proptest::prop_assert_eq!(at(total), at(total_ref));
    }

    /// The column sums of C3 (one loop over the rows' cells) are one `quick_sum` per column:
    /// on rows of either table, of every shape, absent rows, blanks, amounts, and amounts and
    /// counts whose sums overflow `Decimal` or pass i64.
    #[test]
    fn column_sums_are_the_reference(
        t4 in proptest::bool::ANY,
        picks in proptest::collection::vec((proptest::bool::weighted(0.05), 0usize..40), 0..25),
        vals in proptest::collection::vec(
            proptest::prop_oneof![6 => arb_value(), 1 => arb_term()],
            25 * 7,
        ),
    ) {
        let cols = if t4 { T4_COLS } else { T3_COLS };
        let labels: Vec<&str> = cols.iter().map(|c| c.label).collect();
        let mut vals = vals.into_iter();
        let rows: Vec<Option<Row>> = picks
            .iter()
            .enumerate()
            .map(|(i, &(absent, shape))| {
                if absent {
                    return None;
                }
                let mut r = row(3, i, "r", &labels, &[None; 7], false);
                for c in &mut r.cells {
                    c.value = vals.next().flatten();
                }
                reshape(&mut r, cols, shape);
                Some(r)
            })
            .collect();
        let rows: Vec<Option<&Row>> = rows.iter().map(Option::as_ref).collect();
        let mut l = Labels::new(cols);
        // Twice, the second time with the labels the first has learnt.
        for _ in 0..2 {
            proptest::prop_assert_eq!(l.column_sums(&rows), column_sums_reference(&rows, cols));
        }
    }

    /// The fast paths of C1, C2, C3 and C8 (rows looked up once, sums without operands) say
    /// exactly what the equations say, on tables with blanks, amounts, missing rows, repeated
    /// rows and subtotal rows.
    #[test]
    fn fast_paths_say_what_the_equations_say(
        v2019 in proptest::bool::ANY,
        picks in proptest::collection::vec((0usize..40, proptest::bool::weighted(0.1), 0usize..40), 0..40),
        vals in proptest::collection::vec(arb_value(), 40 * 7),
        t4_vals in proptest::collection::vec(arb_value(), 15),
        t4_rows in proptest::collection::vec((0usize..4, 0usize..40), 0..5),
    ) {
        let template = if v2019 { Template::V2019 } else { Template::V2021 };
        let rows = t3_rows(template, &picks, vals);
        let t4_cols: Vec<&str> = T4_COLS.iter().map(|c| c.label).collect();
        let mut t4_vals = t4_vals.into_iter().cycle();
        let t4_rows = t4_rows
            .iter()
            .enumerate()
            .filter_map(|(i, &(g, shape))| {
                let path = crate::template::T4_ROWS.get(g % 3)?;
                let mut r = row(4, i, path, &t4_cols, &[None; 5], false);
                for c in &mut r.cells {
                    c.value = t4_vals.next().flatten();
                }
                reshape(&mut r, T4_COLS, shape);
                Some(r)
            })
            .collect();
        let report = Report {
            applications: Some(Table {
                kind: TableKind::Applications,
                template: Some(template),
                span: Span::default(),
                rows,
            }),
            review_litigation: Some(Table {
                kind: TableKind::ReviewLitigation,
                template: Some(Template::V2021),
                span: Span::default(),
                rows: t4_rows,
            }),
            ..Default::default()
        };
        for name in ["C1", "C2", "C3", "C8"] {
            proptest::prop_assert_eq!(rule_diags(&report, name), equations_only(&report, name), "{}", name);
        }
        // C4 says what it said when it collected the sub-rows of （六） for table 4 too.
        let Some(c4) = RULES.iter().find(|r| r.name == "C4") else {
            return Err(proptest::test_runner::TestCaseError::fail("no C4"));
        };
        let mut first = Out::default();
        super::table3::c4_reference(c4, &report, &mut first);
        proptest::prop_assert_eq!(rule_diags(&report, "C4"), first.diags);
        // C1 says what it said when it read each cell through its label, shaped rows or not.
        let Some(c1) = RULES.iter().find(|r| r.name == "C1") else {
            return Err(proptest::test_runner::TestCaseError::fail("no C1"));
        };
        let mut first = Out::default();
        super::table3::c1_reference(c1, &report, &mut first);
        proptest::prop_assert_eq!(rule_diags(&report, "C1"), first.diags);
        // C3 says what it said when it searched every operand's cell by its label.
        let Some(c3) = RULES.iter().find(|r| r.name == "C3") else {
            return Err(proptest::test_runner::TestCaseError::fail("no C3"));
        };
        let mut first = Out::default();
        super::table3::c3_reference(c3, &report, &mut first);
        proptest::prop_assert_eq!(rule_diags(&report, "C3"), first.diags);
    }

    /// The grid read once for C2, C3 and C5 says what the readings it stands for say: each row
    /// added up as [`total_adds_up`] adds it up, the columns of any rows (absent ones among
    /// them) summed as [`column_sums_reference`] sums them, and C5's diagnostics those of
    /// `non_negative_integers` over every row; and the rules that share one grid say what each
    /// says alone. On rows of every shape (the parser's, owned labels, a cell less or more, two
    /// swapped), repeated and subtotal rows, blanks, amounts whole or not, negative counts and
    /// counts near i64's limits.
    #[test]
    fn the_grid_reads_what_the_rules_read(
        picks in proptest::collection::vec((0usize..40, proptest::bool::weighted(0.1), 0usize..40), 0..40),
        vals in proptest::collection::vec(
            proptest::prop_oneof![
                6 => arb_value(),
                1 => arb_term(),
                1 => proptest::strategy::Strategy::prop_map(-3i64..0, |v| Some(Number::Int(v))),
            ],
            40 * 7,
        ),
        sums in proptest::collection::vec(proptest::collection::vec(0usize..44, 0..25), 1..4),
    ) {
        let rows = t3_rows(Template::V2021, &picks, vals);
        let total_at = column_at(T3_COLS, "总计");
        let grid = Grid::of(&rows, T3_COLS);
        let mut labels = Labels::new(T3_COLS);
        for (k, r) in rows.iter().enumerate() {
            proptest::prop_assert_eq!(
                grid.adds_up(k, r, &mut labels, total_at),
                total_adds_up(Some(r), &mut Labels::new(T3_COLS), total_at),
                "row {}", k
            );
        }
        for picked in &sums {
            let found: Vec<Option<&Row>> = picked.iter().map(|&k| rows.get(k)).collect();
            proptest::prop_assert_eq!(
                grid.column_sums(&rows, &found, &mut labels),
                column_sums_reference(&found, T3_COLS)
            );
        }
        let report = Report {
            applications: Some(Table {
                kind: TableKind::Applications,
                template: Some(Template::V2021),
                span: Span::default(),
                rows,
            }),
            ..Default::default()
        };
        let Some(c5) = RULES.iter().find(|r| r.name == "C5") else {
            return Err(proptest::test_runner::TestCaseError::fail("no C5"));
        };
        let mut out = Out::default();
        non_negative_integers(c5, &report, TableKind::Applications, &mut out);
        proptest::prop_assert_eq!(rule_diags(&report, "C5"), out.diags);
        let alone: Vec<Diagnostic> = RULES.iter().flat_map(|r| rule_diags(&report, r.name)).collect();
        proptest::prop_assert_eq!(validate(&report), alone);
    }
}

proptest::proptest! {
    /// C1 says what it said when it read each cell through its label, on the four rows it reads
    /// all present (the parser's shape mostly, so that the counts are read from the grid; the
    /// others now and then), with blanks, amounts and columns that add up or not, among other
    /// rows of the table.
    #[test]
    fn c1_says_what_its_reference_says(
        v2019 in proptest::bool::ANY,
        rows in proptest::collection::vec(
            (
                proptest::sample::select(vec![0usize, 1, 2, 3, 4]),
                proptest::prop_oneof![6 => proptest::strategy::Just(1usize), 1 => 0usize..15],
                proptest::collection::vec(arb_value(), 7),
            ),
            4..7,
        ),
        balance in proptest::collection::vec(
            proptest::prop_oneof![3 => proptest::strategy::Just(None), 7 => proptest::strategy::Strategy::prop_map(0usize..5, Some)],
            7,
        ),
    ) {
        use super::table3::{CARRIED_IN, CARRIED_OUT, NEW, TOTAL};
        let template = if v2019 { Template::V2019 } else { Template::V2021 };
        let cols: Vec<&str> = T3_COLS.iter().map(|c| c.label).collect();
        // The first four rows are the four C1 reads, the rest any of them again or another.
        let paths = [NEW, CARRIED_IN, TOTAL, CARRIED_OUT, "五、其他"];
        let mut built: Vec<Row> = rows
            .iter()
            .enumerate()
            .map(|(i, (p, _, vals))| {
                let path = if i < 4 { paths[i] } else { paths[*p] };
                let mut r = row(3, i, path, &cols, &[None; 7], false);
                for (c, v) in r.cells.iter_mut().zip(vals) {
                    c.value = *v;
                }
                r
            })
            .collect();
        // Columns made to add up where the four counts allow it (`Some(4)`), or blank in one of
        // the four rows (`Some(k)`, k < 4) and adding up if that blank were read as 0, the case
        // a fast path that ignores a row's blank bit gets wrong.
        for (ci, &b) in balance.iter().enumerate() {
            let Some(k) = b else { continue };
            let int = |r: &Row| match r.cells.get(ci).and_then(|c| c.value) {
                Some(Number::Int(v)) => Some(v),
                _ => None,
            };
            let mut counts = [0i64; 4];
            for (j, r) in built.iter().take(4).enumerate() {
                if j != k && j != 3 {
                    counts[j] = int(r).unwrap_or(0);
                }
            }
            // 一 + 二 = 总计 + 四, the row solved for being 四 unless 四 is the blank, then 总计.
            let solve = if k == 3 { 2 } else { 3 };
            if k < 4 {
                counts[k] = 0;
                if let Some(cell) = built[k].cells.get_mut(ci) {
                    cell.value = None;
                }
            }
            let [a, b2, c, d] = counts;
            let value = if solve == 3 { a + b2 - c } else { a + b2 - d };
            if let Some(cell) = built[solve].cells.get_mut(ci) {
                cell.value = Some(Number::Int(value));
            }
        }
        for (r, (_, shape, _)) in built.iter_mut().zip(&rows) {
            reshape(r, T3_COLS, *shape);
        }
        let report = Report {
            applications: Some(Table {
                kind: TableKind::Applications,
                template: Some(template),
                span: Span::default(),
                rows: built,
            }),
            ..Default::default()
        };
        let Some(c1) = RULES.iter().find(|r| r.name == "C1") else {
            return Err(proptest::test_runner::TestCaseError::fail("no C1"));
        };
        let mut first = Out::default();
        super::table3::c1_reference(c1, &report, &mut first);
        proptest::prop_assert_eq!(rule_diags(&report, "C1"), first.diags);
    }
}

proptest::proptest! {
    /// An equation says what it said when its blank operands were collected from a filter over
    /// its two sides chained: on sides empty or not, of blanks, counts and amounts, labels of
    /// several-byte characters, that hold, break or cannot be checked.
    #[test]
    fn an_equation_says_what_its_reference_says(
        lhs in proptest::collection::vec((arb_value(), "[a-z（七）总计]{0,4}"), 0..4),
        rhs in proptest::collection::vec((arb_value(), "[a-z（七）总计]{0,4}"), 0..10),
        rule in 0usize..4,
    ) {
        let ops = |side: &[(Option<Number>, String)], first: usize| -> Vec<Operand<'static>> {
            side.iter()
                .enumerate()
                .map(|(k, (value, label))| Operand {
                    table: 3,
                    row: "三、本年度办理结果/（七）总计",
                    column: "总计",
                    span: Some(span(3, first + k, k)),
                    label: std::borrow::Cow::Owned(label.clone()),
                    value: *value,
                    negative: k % 3 == 2,
                })
                .collect()
        };
        let Some(rule) = RULES.iter().filter(|r| ["C1", "C2", "C3", "C8"].contains(&r.name)).nth(rule) else {
            return Err(proptest::test_runner::TestCaseError::fail("no rule"));
        };
        let eq = || Equation {
            place: "column 总计".to_string(),
            lhs: ops(&lhs, 0),
            rhs: ops(&rhs, 10),
        };
        let (mut got, mut want) = (Out::default(), Out::default());
        got.equation(rule, eq());
        want.equation_reference(rule, eq());
        proptest::prop_assert_eq!(got.diags, want.diags);
    }
}

proptest::proptest! {
    /// The message of an equation with blanks is the formatted one: one blank or several,
    /// labels of several-byte characters or empty, places empty or not.
    #[test]
    fn the_not_checkable_message_is_the_formatted_one(
        name in proptest::sample::select(vec!["C1", "C12", ""]),
        place in "[a-z0-9 ,总计（）]{0,16}",
        labels in proptest::collection::vec("[a-z、（七）总计/ ]{0,10}", 1..6),
    ) {
        let ops: Vec<Operand> = labels
            .into_iter()
            .map(|label| Operand {
                table: 3,
                row: "",
                column: "",
                span: None,
                label: std::borrow::Cow::Owned(label),
                value: None,
                negative: false,
            })
            .collect();
        let blanks: Vec<&Operand> = ops.iter().collect();
        proptest::prop_assert_eq!(
            not_checkable_message(name, &place, &blanks),
            not_checkable_message_reference(name, &place, &blanks)
        );
    }
}

proptest::proptest! {
    /// The places of table 3's instances are the formatted ones: labels and rows of
    /// several-byte characters, empty or not.
    #[test]
    fn the_places_are_the_formatted_ones(
        label in "[a-z0-9 总计（）/、.]{0,16}",
        kind in proptest::sample::select(vec!["row", "subtotal row", ""]),
        row in "[a-z0-9 三、（）不予公开/.]{0,24}",
    ) {
        proptest::prop_assert_eq!(
            super::table3::column_place(&label),
            super::table3::column_place_reference(&label)
        );
        proptest::prop_assert_eq!(
            super::table3::row_place(kind, &row),
            super::table3::row_place_reference(kind, &row)
        );
    }
}

proptest::proptest! {
    /// The labels kept in place for a table of at most eight columns, or in a vector past
    /// that, are the columns' in order, as the vector first kept them; and a label is told as
    /// it was, by a copy of its text or by the copy last seen, never past the last column.
    #[test]
    fn the_labels_kept_are_the_columns(
        picks in proptest::collection::vec(0usize..6, 0..12),
        asks in proptest::collection::vec((0usize..13, 0usize..6, proptest::bool::ANY), 0..30),
    ) {
        const NAMES: [&str; 6] = ["总计", "自然人", "商业企业", "", "其他", "总计2"];
        let cols: &'static [crate::template::Col] = Box::leak(
            picks
                .iter()
                .map(|&k| crate::template::Col {
                    label: NAMES[k],
                    kind: crate::template::ValueKind::Count,
                    key: "",
                })
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        );
        let first: Vec<&str> = cols.iter().map(|c| c.label).collect();
        // Copies of the names (other addresses), living as long as the labels.
        let copies: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
        let mut labels = Labels::new(cols);
        proptest::prop_assert_eq!(labels.seen.as_mut_slice().to_vec(), first.clone());
        for &(i, k, copy) in &asks {
            // A copy of the name or the name itself.
            let name: &str = if copy { &copies[k] } else { NAMES[k] };
            let want = first.get(i).is_some_and(|l| *l == name);
            proptest::prop_assert_eq!(labels.is(i, name), want, "{} {:?}", i, name);
            proptest::prop_assert_eq!(labels.seen.as_mut_slice().len(), first.len());
        }
    }
}
