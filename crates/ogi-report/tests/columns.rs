//! Extra columns and printed subtotals: a `法人或其他组织小计` column must not shift the others, and
//! a printed group subtotal row is accepted and checked (C4).

mod common;

use common::{assert_cell, assert_diag};
use ogi_report::Code;

fn table3(header_extra: &str, rows: &[(&str, [i64; 6])], with_subtotal_col: bool) -> String {
    let mut out = vec![
        "三、收到和处理政府信息公开申请情况".to_string(),
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |"
            .to_string(),
        "自然人 | 法人或其他组织 | 总计 |".to_string(),
        format!("商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |{header_extra}"),
    ];
    for (label, v) in rows {
        let org: i64 = v[1..].iter().sum();
        let total: i64 = v.iter().sum();
        let mut cells: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        if with_subtotal_col {
            cells.push(org.to_string());
        }
        cells.push(total.to_string());
        out.push(format!("{label} | {} |", cells.join(" | ")));
    }
    out.push("四、政府信息公开行政复议、行政诉讼情况".to_string());
    out.join("\n")
}

const ROWS: &[(&str, [i64; 6])] = &[
    ("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 1]),
    ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果 | （一）予以公开", [4, 1, 0, 0, 0, 1]),
    ("（七）总计", [4, 1, 0, 0, 0, 1]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0]),
];

#[test]
fn a_subtotal_column_for_legal_persons_is_left_out_not_shifted_into_the_total() {
    let r = ogi_report::parse(&table3(" 小计 |", ROWS, true));
    assert_diag(&r, Code::T011, None);
    assert_cell(&r, "一、本年新收政府信息公开申请数量", "自然人", Some(5));
    assert_cell(
        &r,
        "一、本年新收政府信息公开申请数量",
        "法人或其他组织/其他",
        Some(1),
    );
    assert_cell(&r, "一、本年新收政府信息公开申请数量", "总计", Some(7));
    assert_cell(&r, "四、结转下年度继续办理", "总计", Some(1));
    // Without the header word the extra value is surplus, and says so.
    let r = ogi_report::parse(&table3("", ROWS, true));
    assert_diag(&r, Code::T005, Some("一、本年新收政府信息公开申请数量"));
}

#[test]
fn a_printed_group_subtotal_is_read_and_checked() {
    let text = "三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n\
        三、本年度办理结果 | （三）不予公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
        1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        （七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    let sub = t3
        .rows
        .iter()
        .find(|row| row.subtotal)
        .expect("a subtotal row");
    assert_eq!(sub.row, "三、本年度办理结果/（三）不予公开");
    assert_eq!(
        sub.cell("总计")
            .and_then(|c| c.value)
            .and_then(|v| v.as_i64()),
        Some(2)
    );
    // 2 ≠ 1 + 0 (+ blanks): C4 cannot hold with six sub-rows blank, so it is not checkable, or
    // broken when every sub-row is printed. Either way, the subtotal is never read as a sub-row.
    assert_cell(
        &r,
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        "总计",
        Some(1),
    );
    let v = r.validate();
    assert!(
        v.iter()
            .any(|d| d.code == Code::V004 || (d.code == Code::V100 && d.message.contains("C4"))),
        "{v:#?}"
    );
}

/// A 2019 table 2's `采购总金额` header that states its unit (`(万元)`, `（单位：万元）`, `(元)`)
/// gives a bare amount that unit; a unit written with the value is kept; a header naming none
/// leaves the bare amount without one.
#[test]
fn an_amounts_unit_stated_in_its_header_is_the_amounts() {
    let report = |header: &str, value: &str| {
        format!(
            "某某街道2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             第二十条第(一)项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
             规章 | 1 | 0 | 8 |\n规范性文件 | 1 | 0 | 93 |\n\
             第二十条第(九)项 |\n信息内容 | 采购项目数量 | {header} |\n\
             政府集中采购 | 13 | {value} |\n三、收到和处理政府信息公开申请情况\n"
        )
    };
    for (header, value, unit) in [
        ("采购总金额(万元)", "477.35", Some("万元")),
        ("采购总金额（单位：万元）", "477.35", Some("万元")),
        ("采购总金额(元)", "4773500", Some("元")),
        ("采购总金额(万元)", "477.35万元", Some("万元")),
        ("采购总金额", "477.35", None),
    ] {
        let r = ogi_report::parse(&report(header, value));
        let cell = r
            .cells()
            .into_iter()
            .find(|c| c.row == "第二十条第（九）项/政府集中采购" && c.column == "采购总金额")
            .unwrap_or_else(|| panic!("{header}: no cell"));
        assert_eq!(cell.unit.as_deref(), unit, "{header} {value}");
        assert!(cell.value.is_some(), "{header} {value}");
    }
}

/// The T016 messages of a report, by row.
fn t016(r: &ogi_report::Report) -> Vec<(String, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == Code::T016)
        .map(|d| {
            let row = d.location.as_ref().and_then(|l| l.row.clone());
            (row.unwrap_or_default().to_string(), d.message.clone())
        })
        .collect()
}

/// A block whose header prints the template's columns in another order: each value is placed
/// under the column printed above it, and T016 says so for each row read so. Blocks printed in
/// the template's order get no T016.
#[test]
fn a_block_header_in_another_order_places_the_values_by_it() {
    let text = "某某镇2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项 |\n信息内容 | 本年新制作数量 | 对外公开总数量 | 本年新公开数量 |\n\
        规章 | 1 | 3 | 2 |\n规范性文件 | 4 | 6 | 5 |\n\
        第二十条第（五）项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
        行政许可 | 7 | +1 | 70 |\n其他对外管理服务事项 | 8 | -2 | 80 |\n\
        三、收到和处理政府信息公开申请情况\n";
    let r = ogi_report::parse(text);
    assert_cell(&r, "第二十条第（一）项/规章", "本年新制作数量", Some(1));
    assert_cell(&r, "第二十条第（一）项/规章", "本年新公开数量", Some(2));
    assert_cell(&r, "第二十条第（一）项/规章", "对外公开总数量", Some(3));
    assert_cell(
        &r,
        "第二十条第（一）项/规范性文件",
        "本年新公开数量",
        Some(5),
    );
    assert_cell(
        &r,
        "第二十条第（一）项/规范性文件",
        "对外公开总数量",
        Some(6),
    );
    assert_cell(&r, "第二十条第（五）项/行政许可", "本年增/减", Some(1));
    assert_cell(
        &r,
        "第二十条第（五）项/其他对外管理服务事项",
        "处理决定数量",
        Some(80),
    );
    let t = t016(&r);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].0, "第二十条第（一）项/规章");
    assert_eq!(
        t[0].1,
        "table 2 (主动公开政府信息情况), row `第二十条第（一）项/规章`: its block's header names the columns 本年新制作数量、对外公开总数量、本年新公开数量, and the values are placed under them"
    );
    assert_eq!(t[1].0, "第二十条第（一）项/规范性文件");
}

/// A 2019 table whose later blocks print the 2021 headers (a report between the two versions):
/// `本年处理决定数量` is the 2019 `处理决定数量`, so a lone value goes there, not into
/// `上一年项目数量`; `本年收费金额（单位：万元）` is no 2019 column, so its value is not placed in
/// one, and T016 quotes it.
#[test]
fn a_block_header_of_the_other_version_places_what_it_can_and_quotes_the_rest() {
    let text = "某某教育局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项\n信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开总数量\n\
        规章\n0\n0\n0\n规范性文件\n1\n2\n3\n\
        第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n5\n\
        第二十条第（八）项\n信息内容\n本年收费金额(单位:万元)\n行政事业性收费\n282.1\n\
        三、收到和处理政府信息公开申请情况\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.template, Some(ogi_report::Template::V2019));
    assert_cell(
        &r,
        "第二十条第（一）项/规范性文件",
        "对外公开总数量",
        Some(3),
    );
    assert_cell(&r, "第二十条第（五）项/行政许可", "处理决定数量", Some(5));
    assert_cell(&r, "第二十条第（五）项/行政许可", "上一年项目数量", None);
    assert_cell(
        &r,
        "第二十条第（八）项/行政事业性收费",
        "上一年项目数量",
        None,
    );
    assert_cell(&r, "第二十条第（八）项/行政事业性收费", "本年增/减", None);
    let t = t016(&r);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(
        t[0].1,
        "table 2 (主动公开政府信息情况), row `第二十条第（五）项/行政许可`: its block's header names the columns 处理决定数量, and the values are placed under them (blank: 上一年项目数量、本年增/减)"
    );
    assert_eq!(
        t[1].1,
        "table 2 (主动公开政府信息情况), row `第二十条第（八）项/行政事业性收费`: its block's header names the columns 本年收费金额（单位：万元）; not in the 2019 template, so not placed: 本年收费金额（单位：万元） `282.1` (blank: 上一年项目数量、本年增/减)"
    );
    // No T004 for the rows the header placed.
    assert!(!r.diagnostics.iter().any(|d| d.code == Code::T004));
}

/// A 2021 table whose block （一） prints the 2019 columns: their values (made, published,
/// total) are not the 2021 ones (issued, repealed, in force), so none is placed, and each row's
/// T016 quotes them. A header naming only some of the template's columns (a variant spelling
/// of the others) is read as the template's.
#[test]
fn a_2019_header_over_a_2021_block_places_nothing_and_a_partial_header_is_the_templates() {
    let text = "某某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
        规章 | 1 | 2 | 3 |\n行政规范性文件 | 4 | 5 | 6 |\n\
        第二十条第（五）项 |\n信息内容 | 本年处理决定数量 |\n行政许可 | 7 |\n\
        第二十条第（六）项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 | 9 |\n行政强制 | 10 |\n\
        第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 11.5 |\n\
        三、收到和处理政府信息公开申请情况\n\
        1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.template, Some(ogi_report::Template::V2021));
    for col in ["本年制发件数", "本年废止件数", "现行有效件数"] {
        assert_cell(&r, "第二十条第（一）项/规章", col, None);
    }
    assert_cell(
        &r,
        "第二十条第（五）项/行政许可",
        "本年处理决定数量",
        Some(7),
    );
    assert_cell(
        &r,
        "第二十条第（六）项/行政强制",
        "本年处理决定数量",
        Some(10),
    );
    let t = t016(&r);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(
        t[1].1,
        "table 2 (主动公开政府信息情况), row `第二十条第（一）项/行政规范性文件`: its block's header names the columns 本年新制作数量、本年新公开数量、对外公开总数量; not in the 2021 template, so not placed: 本年新制作数量 `4`, 本年新公开数量 `5`, 对外公开总数量 `6` (blank: 本年制发件数、本年废止件数、现行有效件数)"
    );

    // `采購專案數量` (a Taiwan wording of 采购项目数量) is not found; `采购总金额` alone names
    // the template's column but not all of them: a row of one value is read as the template's
    // (its leading column, T004), not placed under `采购总金额`, and gets no T016.
    let partial = "某某镇2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（九）项 |\n信息内容 | 采购专案数量 | 采购总金额 |\n政府集中采购 | 3 |\n\
        三、收到和处理政府信息公开申请情况\n";
    let r = ogi_report::parse(partial);
    assert!(t016(&r).is_empty());
    assert_cell(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购项目数量",
        Some(3),
    );
    assert_diag(&r, Code::T004, Some("第二十条第（九）项/政府集中采购"));
}

/// A 2019 row printed as sub-rows the template does not have (`其他对外管理服务事项` split into
/// `行政检查` and `行政确认`), in pipe rows and one cell a line: no sub-row's values are taken for
/// the row's; `T005` names each sub-row with its values and the columns' sums. One sub-row
/// alone is read as the row.
#[test]
fn a_row_printed_as_sub_rows_places_none_of_them_and_names_them() {
    let piped = "二、主动公开政府信息情况\n| 第二十条第(五)项 | | | |\n| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
        | 行政许可 | 0 | 0 | 0 |\n| 其他对外管理服务事项 | 行政检查 | 2 | 0 | 5 |\n| | 行政确认 | 3 | 1 | 4 |\n\
        | 第二十条第(六)项 | | | |\n| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n| 行政处罚 | 1 | 1 | 1 |\n";
    let per_line = "二、主动公开政府信息情况\n第二十条第(五)项 |\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n\
        行政许可 |\n0 |\n0 |\n0 |\n其他对外管理服务事项 |\n行政检查 |\n2 |\n0 |\n5 |\n行政确认 |\n3 |\n1 |\n4 |\n\
        第二十条第(六)项 |\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n行政处罚 |\n1 |\n1 |\n1 |\n";
    let row = "第二十条第（五）项/其他对外管理服务事项";
    for text in [piped, per_line] {
        let r = ogi_report::parse(text);
        for col in ["上一年项目数量", "本年增/减", "处理决定数量"] {
            assert_cell(&r, row, col, None);
            assert_cell(&r, "第二十条第（六）项/行政处罚", col, Some(1));
        }
        let d: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::T005)
            .collect();
        assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
        assert!(
            d[0].message.ends_with(
                "printed as 2 sub-rows the template does not have (行政检查 2 0 5; 行政确认 3 1 4); their values are not placed (the columns' sums: 5 1 9)"
            ),
            "{}",
            d[0].message
        );
        let span = d[0].span.expect("a span");
        let spanned = &text[span.start..span.end];
        assert!(
            spanned.contains("行政检查") && spanned.ends_with('4'),
            "{spanned}"
        );
        assert_diag(&r, Code::T005, Some(row));
    }
    // One sub-row: its values are the row's.
    let one = piped.replace("| | 行政确认 | 3 | 1 | 4 |\n", "");
    let r = ogi_report::parse(&one);
    assert_cell(&r, row, "处理决定数量", Some(5));
    assert!(!r.diagnostics.iter().any(|d| d.code == Code::T005));
}
