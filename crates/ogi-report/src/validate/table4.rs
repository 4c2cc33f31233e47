//! Table 4 (政府信息公开行政复议、行政诉讼情况): rules C8 and C9.

use super::{column_at, find_row, total_adds_up, Equation, Labels, Operand, Out, RuleInfo};
use crate::model::{Report, TableKind};
use crate::template::{T4_COLS, T4_ROWS};

/// The column holding a group's total.
pub(crate) const TOTAL_COL: &str = "总计";
/// The review group, `行政复议`.
pub(crate) const REVIEW: &str = "行政复议";
/// The two litigation groups.
pub(crate) const LITIGATION: [&str; 2] = ["行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"];

/// C8: per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub(crate) fn c8(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::ReviewLitigation) else {
        return;
    };
    let total_at = column_at(T4_COLS, TOTAL_COL);
    let mut labels = Labels::new(T4_COLS);
    for group in T4_ROWS {
        // The common case, a group that adds up, builds no operands.
        let found = find_row(t, group, false);
        if total_adds_up(found, &mut labels, total_at) {
            continue;
        }
        let at = |c: &'static str| Operand::in_row(t, found, group, c, c);
        out.equation(
            rule,
            Equation {
                place: format!("in table 4, group {group}"),
                lhs: vec![at(TOTAL_COL)],
                rhs: T4_COLS
                    .iter()
                    .filter(|c| c.label != TOTAL_COL)
                    .map(|c| at(c.label))
                    .collect(),
            },
        );
    }
}

/// C9: every value of table 4 is a non-negative integer.
pub(crate) fn c9(rule: &RuleInfo, report: &Report, out: &mut Out) {
    super::non_negative_integers(rule, report, TableKind::ReviewLitigation, out);
}
