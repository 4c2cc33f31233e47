//! Blank cells written as empty pipe cells (`|  |`, a converter's rendering of an empty table
//! cell) among the values of rows read as printed: each is an empty cell in its place, and the
//! rows around it keep their values. Table 4 printed as three sub-tables, one a group, and
//! table 2 with rows the template does not have: blank cells there had moved one group's
//! values into another, or cost the whole table a column-block reading.

mod common;

use common::{assert_cell, assert_diag};
use ogi_report::Code;

const T4_COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn group(name: &str, row: &str) -> String {
    format!(
        "### {name}\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|------|------|------|------|------|\n{row}\n\n"
    )
}

fn table4(rows: [&str; 3]) -> String {
    format!(
        "# 某县人民政府2025年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n{}{}{}## 五、存在的主要问题及改进情况\n\n无。\n",
        group("行政复议", rows[0]),
        group("行政诉讼（未经复议直接起诉）", rows[1]),
        group("行政诉讼（复议后起诉）", rows[2]),
    )
}

#[track_caller]
fn assert_group(r: &ogi_report::Report, row: &str, want: [Option<i64>; 5]) {
    for (col, w) in T4_COLS.iter().zip(want) {
        assert_cell(r, row, col, w);
    }
}

#[test]
fn a_groups_blank_cells_keep_every_group_in_its_own_sub_table() {
    let r = ogi_report::parse(&table4([
        "| 27 | 10 | 9 | 15 | 61 |",
        "| 3 |  |  |  | 3 |",
        "| 8 | 0 | 1 | 1 | 10 |",
    ]));
    assert_group(
        &r,
        "行政复议",
        [Some(27), Some(10), Some(9), Some(15), Some(61)],
    );
    assert_group(
        &r,
        "行政诉讼/未经复议直接起诉",
        [Some(3), None, None, None, Some(3)],
    );
    assert_group(
        &r,
        "行政诉讼/复议后起诉",
        [Some(8), Some(0), Some(1), Some(1), Some(10)],
    );
    // The blank cells are named, in the group that has them, and nothing else is said of
    // the table.
    let t4: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("table 4"))
        .collect();
    assert_eq!(t4.len(), 1, "{t4:#?}");
    assert_eq!(t4[0].code, Code::T004);
    assert_eq!(
        t4[0].location.as_ref().and_then(|l| l.row.as_deref()),
        Some("行政诉讼/未经复议直接起诉")
    );
    assert!(
        t4[0].message.contains("2 of 5 cells")
            && t4[0].message.contains("结果纠正、其他结果、尚未审结"),
        "{}",
        t4[0].message
    );
}

#[test]
fn blank_cells_first_last_or_everywhere_in_a_group() {
    let r = ogi_report::parse(&table4([
        "|  | 10 | 9 | 15 | 34 |",
        "|  |  |  |  |  |",
        "| 8 | 0 | 1 | 1 |  |",
    ]));
    assert_group(
        &r,
        "行政复议",
        [None, Some(10), Some(9), Some(15), Some(34)],
    );
    assert_group(&r, "行政诉讼/未经复议直接起诉", [None; 5]);
    assert_group(
        &r,
        "行政诉讼/复议后起诉",
        [Some(8), Some(0), Some(1), Some(1), None],
    );
}

const TABLE2: &str = "某市某局2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 |  |  |  |
规范性文件 | 2 | 2 | 19 |
其他主动公开文件 | 186 | 86 | 255 |
第二十条第(五)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 8 | 5 | 93 |
其他对外管理服务事项 | 117 |  | 165 |
第二十条第(六)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 90 |  | 22 |
行政强制 | 4 | 4 |  |
第二十条第(八)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 |
行政事业性收费 |  |  |
第二十条第(九)项 | |||
信息内容 | 采购项目数量 | 采购总金额 |
政府集中采购 | 3 | 12.5 |
三、收到和处理政府信息公开申请情况
";

#[test]
fn blank_cells_and_a_row_the_template_lacks_leave_table_2_read_as_printed() {
    let r = ogi_report::parse(TABLE2);
    let (a, b, c) = ("本年新制作数量", "本年新公开数量", "对外公开总数量");
    for col in [a, b, c] {
        assert_cell(&r, "第二十条第（一）项/规章", col, None);
    }
    assert_cell(&r, "第二十条第（一）项/规范性文件", a, Some(2));
    assert_cell(&r, "第二十条第（一）项/规范性文件", c, Some(19));
    let (p, d, n) = ("上一年项目数量", "本年增/减", "处理决定数量");
    assert_cell(&r, "第二十条第（五）项/行政许可", n, Some(93));
    assert_cell(&r, "第二十条第（五）项/其他对外管理服务事项", p, Some(117));
    assert_cell(&r, "第二十条第（五）项/其他对外管理服务事项", d, None);
    assert_cell(&r, "第二十条第（五）项/其他对外管理服务事项", n, Some(165));
    assert_cell(&r, "第二十条第（六）项/行政处罚", p, Some(90));
    assert_cell(&r, "第二十条第（六）项/行政处罚", d, None);
    assert_cell(&r, "第二十条第（六）项/行政处罚", n, Some(22));
    assert_cell(&r, "第二十条第（六）项/行政强制", d, Some(4));
    assert_cell(&r, "第二十条第（六）项/行政强制", n, None);
    assert_cell(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购项目数量",
        Some(3),
    );
    // The added row is named and left out; the blank cells are named; no column-block
    // reading was tried.
    assert_diag(&r, Code::T011, Some("其他主动公开文件"));
    assert_diag(&r, Code::T004, Some("第二十条第（六）项/行政强制"));
    assert!(
        !r.diagnostics.iter().any(|d| d.code == Code::T013),
        "{:#?}",
        r.diagnostics
    );
}

/// The same table from a site's text field that kept the page's `&nbsp;`: each blank cell an
/// `&nbsp;`, each figure of one row padded with them. Read as the table above, and `N007` says
/// the references were decoded, its span on the first of them.
#[cfg(feature = "html")]
#[test]
fn blank_cells_written_as_nbsp_references_are_blank_cells() {
    let text = TABLE2
        .replace("|  |", "| &nbsp; |")
        .replace("|  |", "| &nbsp; |")
        .replace(
            "规范性文件 | 2 | 2 | 19 |",
            "规范性文件 | &nbsp;2&nbsp; | &nbsp;2&nbsp; | &amp;nbsp;19&amp;nbsp; |",
        );
    let r = ogi_report::parse(&text);
    assert_cell(&r, "第二十条第（一）项/规章", "本年新制作数量", None);
    assert_cell(
        &r,
        "第二十条第（一）项/规范性文件",
        "本年新制作数量",
        Some(2),
    );
    assert_cell(
        &r,
        "第二十条第（一）项/规范性文件",
        "对外公开总数量",
        Some(19),
    );
    assert_cell(
        &r,
        "第二十条第（五）项/其他对外管理服务事项",
        "本年增/减",
        None,
    );
    assert_cell(
        &r,
        "第二十条第（五）项/其他对外管理服务事项",
        "处理决定数量",
        Some(165),
    );
    assert_cell(&r, "第二十条第（六）项/行政强制", "本年增/减", Some(4));
    assert_diag(&r, Code::T011, Some("其他主动公开文件"));
    let n7 = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::N007)
        .expect("N007");
    let span = n7.span.expect("span");
    assert_eq!(text.get(span.start..span.end), Some("&nbsp;"));
    let refs = text.matches("&nbsp;").count() + text.matches("&amp;nbsp;").count();
    assert_eq!(
        n7.message,
        format!("{refs} character references in the text decoded (the first: `&nbsp;`)")
    );
    // The figure's span is its bytes in the text as written.
    let cell = r
        .active_disclosure
        .as_ref()
        .and_then(|t| t.row("第二十条第（一）项/规范性文件"))
        .and_then(|row| row.cell("对外公开总数量"))
        .expect("cell");
    let s = cell.span.expect("cell span");
    assert_eq!(text.get(s.start..s.end), Some("19"));
}
