//! A table's text in the order of a PDF's boxes, as pdfminer gives it: a value's box may come
//! before its label's, and the labels of several rows may come stacked before one column's
//! figures. Table 2's values printed before their labels had been read one row off
//! (行政处罚 = 行政强制's value, the first value dropped unsaid); table 3's column figures after
//! a run of stacked labels had been read as the last label's row, with no diagnostic.

mod common;

use common::{assert_cell, assert_diag, T3_COLS};
use ogi_report::{Code, Derivation, Report, TableKind};

const PUNISH: &str = "第二十条第（六）项/行政处罚";
const FORCE: &str = "第二十条第（六）项/行政强制";
const PERMIT: &str = "第二十条第（五）项/行政许可";
const COL: &str = "本年处理决定数量";
const PARTIAL: &str = "三、本年度办理结果/（二）部分公开";

/// A report whose block (六) of table 2 is `block6` and whose table 3 opens with `t3_head` (the
/// rows 一 to （二）), the rest of table 3 in pipe rows.
fn report(block6: &str, t3_head: &str) -> String {
    let mut t3_rest = String::new();
    for label in [
        "（三）不予公开 | 1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供 | 1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理 | 1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ] {
        t3_rest.push_str(&format!("| {label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"));
    }
    format!(
        "某县人民政府2025年政府信息公开工作年度报告\n\
一、总体情况\n\
本县认真落实《中华人民共和国政府信息公开条例》。\n\
二、主动公开政府信息情况\n\
第二十条第（一）项\n\
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n\
规章 | 0 | 0 | 0\n\
行政规范性文件 | 6 | 1 | 40\n\
第二十条第（五）项\n\
信息内容\n\
本年处理决定数量\n\
行政许可\n\
5176\n\
第二十条第（六）项\n\
{block6}\
第二十条第（八）项\n\
信息内容 | 本年收费金额（单位：万元）\n\
行政事业性收费 | 40.5\n\
三、收到和处理政府信息公开申请情况\n\
| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n\
{t3_head}\
{t3_rest}\
| （七）总计 | 12 | 1 | 0 | 0 | 0 | 0 | 13 |\n\
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
四、政府信息公开行政复议、行政诉讼情况\n\
行政复议 | 行政诉讼\n\
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n\
五、存在的主要问题及改进情况\n\
无。\n\
六、其他需要报告的事项\n\
无。\n"
    )
}

/// Table 3's first rows written whole, one pipe row each.
const T3_HEAD: &str = "| 一、本年新收政府信息公开申请数量 | 12 | 1 | 0 | 0 | 0 | 0 | 13 |\n\
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
| 三、本年度办理结果 | （一）予以公开 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |\n\
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n";

/// Block (六) with each value after its label.
const AFTER: &str = "本年处理决定数量\n信息内容\n行政处罚\n6939\n行政强制\n215\n";

/// Block (六) in a PDF's box order: each value's box above its label's.
const BEFORE: &str = "本年处理决定数量\n信息内容\n6939\n行政处罚\n215\n行政强制\n";

fn derived(r: &Report, row: &str) -> Option<Derivation> {
    r.table(TableKind::ActiveDisclosure)
        .and_then(|t| t.row(row))
        .and_then(|x| x.cell(COL))
        .and_then(|c| c.derived)
}

#[test]
fn values_printed_before_their_labels_are_read_as_the_rows_under_them() {
    let plain = ogi_report::parse(&report(AFTER, T3_HEAD));
    assert_cell(&plain, PUNISH, COL, Some(6939));
    assert_cell(&plain, FORCE, COL, Some(215));
    assert!(plain.diagnostics.iter().all(|d| d.code != Code::T014));
    assert_eq!(derived(&plain, PUNISH), None);

    let text = report(BEFORE, T3_HEAD);
    let r = ogi_report::parse(&text);
    assert_cell(&r, PUNISH, COL, Some(6939));
    assert_cell(&r, FORCE, COL, Some(215));
    assert_cell(&r, PERMIT, COL, Some(5176));
    assert_eq!(derived(&r, PUNISH), Some(Derivation::ColumnBlock));
    assert_eq!(derived(&r, FORCE), Some(Derivation::ColumnBlock));
    assert_eq!(derived(&r, PERMIT), None);
    let t14: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::T014)
        .collect();
    assert_eq!(t14.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(
        t14[0].message,
        "table 2 (主动公开政府信息情况), rows `第二十条第（六）项/行政处罚`, `第二十条第（六）项/行政强制`: a value stands before the first label and none after the last, so each value was read as the row's under it (printed before its label)"
    );
    let s = t14[0].span.expect("span");
    assert_eq!(text.get(s.start..s.end), Some("6939\n行政处罚"));
    // The last row is no longer said to lack its value.
    assert!(
        r.diagnostics.iter().all(|d| d.code != Code::T004),
        "{:#?}",
        r.diagnostics
    );
    // The cells' spans are the figures as written.
    let c = r
        .table(TableKind::ActiveDisclosure)
        .and_then(|t| t.row(FORCE))
        .and_then(|x| x.cell(COL))
        .expect("cell");
    let s = c.span.expect("span");
    assert_eq!(text.get(s.start..s.end), Some("215"));
}

#[test]
fn a_block_whose_values_cannot_all_stand_before_their_labels_is_read_as_printed() {
    // Two figures before the first label: not one a row.
    let two = "本年处理决定数量\n7\n6939\n行政处罚\n215\n行政强制\n";
    let r = ogi_report::parse(&report(two, T3_HEAD));
    assert_cell(&r, PUNISH, COL, Some(215));
    assert_cell(&r, FORCE, COL, None);
    assert_diag(&r, Code::T004, Some(FORCE));
    assert!(r.diagnostics.iter().all(|d| d.code != Code::T014));
    // Without the block's own header, what stands before its first label is the last
    // block's (行政许可's 5176): never moved down.
    let text = report("行政处罚\n215\n行政强制\n", T3_HEAD).replace("第二十条第（六）项\n", "");
    let r = ogi_report::parse(&text);
    assert_ne!(common::cell(&r, 2, PUNISH, COL), Some(5176));
    assert!(r.diagnostics.iter().all(|d| d.code != Code::T014));
    // A value after the last label too: every row has its own.
    let both = "本年处理决定数量\n信息内容\n6939\n行政处罚\n215\n行政强制\n3\n";
    let r = ogi_report::parse(&report(both, T3_HEAD));
    assert_cell(&r, PUNISH, COL, Some(215));
    assert_cell(&r, FORCE, COL, Some(3));
    assert!(r.diagnostics.iter().all(|d| d.code != Code::T014));
}

/// Table 3's first rows as pdfminer gives a page's boxes: the labels of rows 一, 二 and （一）
/// stacked, then （二）'s label and the 自然人 column of those rows.
const STACKED: &str = "一、本年新收政府信息公开申请数量\n\
二、上年结转政府信息公开申请数量\n\
三、本年度办理结果\n\
（一）予以公开\n\
（二）部分公开\n\
（区分处理的，只计这一情形，不计其他情\n\
形）\n\
12 0\n\
10\n\
2\n\
0\n\
0 0\n";

#[test]
fn a_column_s_figures_after_stacked_labels_are_not_read_as_the_last_row() {
    let text = report(AFTER, STACKED);
    let r = ogi_report::parse(&text);
    for col in T3_COLS {
        assert_cell(&r, PARTIAL, col, None);
    }
    let t13 = r
        .diagnostics
        .iter()
        .find(|d| {
            d.code == Code::T013
                && d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(PARTIAL)
        })
        .unwrap_or_else(|| panic!("no T013 naming the row: {:#?}", r.diagnostics));
    assert_eq!(
        t13.message,
        "table 3 (收到和处理政府信息公开申请情况), row `三、本年度办理结果/（二）部分公开`: its values (12 0 10 2 0 0 0) follow rows `一、本年新收政府信息公开申请数量`, `二、上年结转政府信息公开申请数量`, `三、本年度办理结果/（一）予以公开` with none between them, and break the row's sum: they may be one column's values for those rows, printed apart from their labels; not read"
    );
    let s = t13.span.expect("span");
    assert_eq!(text.get(s.start..s.end), Some("12 0\n10\n2\n0\n0 0"));
    // The rows stacked before it are said to have no value.
    assert_diag(&r, Code::T004, Some("一、本年新收政府信息公开申请数量"));
    // The rest of the table is read as printed.
    assert_cell(&r, "三、本年度办理结果/（七）总计", "总计", Some(13));
    // Figures that make up the row's sum are its own: a row after blank rows.
    let own = STACKED.replace("12 0\n10\n2\n0\n0 0\n", "1 0\n0\n0\n0\n0 1\n");
    let r = ogi_report::parse(&report(AFTER, &own));
    for (col, v) in T3_COLS.iter().zip([1, 0, 0, 0, 0, 0, 1]) {
        assert_cell(&r, PARTIAL, col, Some(v));
    }
    assert!(r.diagnostics.iter().all(|d| d.code != Code::T013));
}
