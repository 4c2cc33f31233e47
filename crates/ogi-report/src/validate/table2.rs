//! Table 2 (主动公开政府信息情况): rule C11, the kinds of its values.

#[cfg(test)]
use super::same_path;
use super::{Out, RuleInfo};
#[cfg(test)]
use crate::model::Template;
use crate::model::{Report, TableKind};
use crate::template::ValueKind;
#[cfg(test)]
use crate::template::{self, RowDesc};

/// The descriptor row of `template`'s table 2 at the path `row`, if any (the paths of a
/// template's table 2 are distinct: a test holds it).
#[cfg(test)]
fn desc_of(template: Template, row: &str) -> Option<&'static RowDesc> {
    template::table2(template)
        .iter()
        .flat_map(|b| b.rows.iter())
        .find(|r| same_path(r.path, row))
}

/// The kind of value a table-2 column holds in a row whose descriptor is `desc`
/// ([`desc_of`]): from the descriptor, else from the column label (a row the descriptor does
/// not know keeps the label's meaning). The descriptor is looked up once for a row, not
/// searched for (every row of the template compared by its path) for each of its cells; the
/// same kind as [`kind_of`]: a proptest holds it. What [`c11`] read before it read the kind
/// of the label alone ([`kind_by_label`]).
#[cfg(test)]
fn kind_in(desc: Option<&RowDesc>, column: &str) -> ValueKind {
    let described = desc
        .and_then(|r| r.cols.iter().find(|c| c.label == column))
        .map(|c| c.kind);
    described.unwrap_or_else(|| kind_by_label(column))
}

/// The kind of value a table-2 column's label implies, for a row its descriptor does not know.
fn kind_by_label(column: &str) -> ValueKind {
    match column {
        "本年增/减" => ValueKind::Signed,
        "采购总金额" => ValueKind::Amount,
        "本年收费金额（单位：万元）" => ValueKind::AmountWanYuan,
        _ => ValueKind::Count,
    }
}

/// The kind of value a table-2 column holds: from the template's descriptor, else from the
/// column label (a row the descriptor does not know keeps the label's meaning). The reading
/// of each cell as first written, [`kind_in`]'s reference.
#[cfg(test)]
fn kind_of(template: Template, row: &str, column: &str) -> ValueKind {
    let described = template::table2(template)
        .iter()
        .flat_map(|b| b.rows.iter())
        .filter(|r| r.path == row)
        .flat_map(|r| r.cols.iter())
        .find(|c| c.label == column)
        .map(|c| c.kind);
    described.unwrap_or_else(|| kind_by_label(column))
}

/// C11: counts are non-negative integers (2019 本年增/减 signed), amounts non-negative decimals.
///
/// A cell's kind is its label's ([`kind_by_label`]): every column a template's table 2
/// describes has the kind its label implies (a test holds it), so the row's descriptor, looked
/// up by its path (every path of the template compared) and searched for the label (every
/// column compared), tells nothing more. The same kind as [`kind_of`]: a proptest holds it.
pub(crate) fn c11(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::ActiveDisclosure) else {
        return;
    };
    for r in &t.rows {
        for c in &r.cells {
            let Some(v) = c.value else { continue };
            let (ok, what) = match kind_by_label(&c.column) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paths_of_a_table_2_are_distinct() {
        for template in [Template::V2019, Template::V2021] {
            let paths: Vec<&str> = template::table2(template)
                .iter()
                .flat_map(|b| b.rows.iter().map(|r| r.path))
                .collect();
            for (i, p) in paths.iter().enumerate() {
                assert!(!paths.iter().skip(i + 1).any(|q| q == p), "{p}");
            }
        }
    }

    /// A row the descriptor does not know reads each column by its label: 本年增/减 signed, the
    /// purchase total an amount, the fees in 万元, every other column a count. Each column the
    /// template describes has the kind its label implies, so the fallback agrees with the
    /// descriptors.
    #[test]
    fn a_column_label_implies_its_kind() {
        assert_eq!(kind_by_label("本年增/减"), ValueKind::Signed);
        assert_eq!(kind_by_label("采购总金额"), ValueKind::Amount);
        assert_eq!(
            kind_by_label("本年收费金额（单位：万元）"),
            ValueKind::AmountWanYuan
        );
        assert_eq!(kind_by_label("采购项目数量"), ValueKind::Count);
        assert_eq!(kind_by_label(""), ValueKind::Count);
        assert_eq!(kind_in(None, "本年增/减"), ValueKind::Signed);
        for template in [Template::V2019, Template::V2021] {
            for r in template::table2(template)
                .iter()
                .flat_map(|b| b.rows.iter())
            {
                for c in r.cols {
                    assert_eq!(c.kind, kind_by_label(c.label), "{} / {}", r.path, c.label);
                }
            }
        }
    }

    /// The paths and column labels of both templates' table 2, and a few that are none.
    fn names() -> (Vec<String>, Vec<String>) {
        let mut rows = vec!["规章".to_string(), String::new()];
        let mut cols = vec![
            "本年增/减".to_string(),
            "采购总金额".to_string(),
            "本年收费金额（单位：万元）".to_string(),
            "自然人".to_string(),
            String::new(),
        ];
        for template in [Template::V2019, Template::V2021] {
            for r in template::table2(template)
                .iter()
                .flat_map(|b| b.rows.iter())
            {
                rows.push(r.path.to_string());
                cols.extend(r.cols.iter().map(|c| c.label.to_string()));
            }
        }
        (rows, cols)
    }

    proptest::proptest! {
        /// The kind read through the row's descriptor is the kind of the cell read alone, for
        /// every path and label of both templates (copies, not the template's own strings) and
        /// some of neither.
        #[test]
        fn the_kind_in_the_row_is_the_kind_of_the_cell(
            v2019 in proptest::bool::ANY,
            row in proptest::arbitrary::any::<proptest::sample::Index>(),
            col in proptest::arbitrary::any::<proptest::sample::Index>(),
        ) {
            let (rows, cols) = names();
            let template = if v2019 { Template::V2019 } else { Template::V2021 };
            let row = row.get(&rows);
            let col = col.get(&cols);
            proptest::prop_assert_eq!(
                kind_in(desc_of(template, row), col),
                kind_of(template, row, col)
            );
            // What C11 reads: the label's kind alone.
            proptest::prop_assert_eq!(kind_by_label(col), kind_of(template, row, col));
        }
    }
}
