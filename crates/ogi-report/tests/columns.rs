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
