//! Table 2 (主动公开政府信息情况): rule C11, the kinds of its values.

use super::{Out, RuleInfo};
use crate::model::{Report, TableKind, Template};
use crate::template::{self, ValueKind};

/// The kind of value a table-2 column holds: from the template's descriptor, else from the
/// column label (a row the descriptor does not know keeps the label's meaning).
fn kind_of(template: Template, row: &str, column: &str) -> ValueKind {
    let described = template::table2(template)
        .iter()
        .flat_map(|b| b.rows.iter())
        .filter(|r| r.path == row)
        .flat_map(|r| r.cols.iter())
        .find(|c| c.label == column)
        .map(|c| c.kind);
    described.unwrap_or(match column {
        "本年增/减" => ValueKind::Signed,
        "采购总金额" => ValueKind::Amount,
        "本年收费金额（单位：万元）" => ValueKind::AmountWanYuan,
        _ => ValueKind::Count,
    })
}

/// C11: counts are non-negative integers (2019 本年增/减 signed), amounts non-negative decimals.
pub(crate) fn c11(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::ActiveDisclosure) else {
        return;
    };
    for r in &t.rows {
        for c in &r.cells {
            let Some(v) = c.value else { continue };
            let (ok, what) = match kind_of(
                t.template.unwrap_or(crate::model::Template::V2021),
                &r.row,
                &c.column,
            ) {
                ValueKind::Count => (v.as_i64().is_some_and(|n| n >= 0), "a non-negative integer"),
                ValueKind::Signed => (v.as_i64().is_some(), "an integer"),
                ValueKind::Amount | ValueKind::AmountWanYuan => (
                    !v.as_decimal().is_sign_negative() || v.as_decimal().is_zero(),
                    "a non-negative amount",
                ),
            };
            if !ok {
                out.bad_value(rule, t, &r.row, c, what);
            }
        }
    }
}
