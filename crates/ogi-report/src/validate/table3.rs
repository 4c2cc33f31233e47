//! Table 3 (收到和处理政府信息公开申请情况): rules C1–C5, and C4 for table 4's subtotals.

#[cfg(test)]
use super::Seen;
use super::{
    column_at, find_row, first_row, index_of, quick_equal, quick_sum, same_path, short_row,
    walk_rows, Equation, Labels, Operand, Out, RuleInfo,
};
use crate::model::{Report, Table, TableKind};
use crate::template::{self, RowRole, T3_COLS, T4_COLS};
use crate::BuiltOnce;

/// `一、本年新收政府信息公开申请数量`.
pub(crate) const NEW: &str = "一、本年新收政府信息公开申请数量";
/// `二、上年结转政府信息公开申请数量`.
pub(crate) const CARRIED_IN: &str = "二、上年结转政府信息公开申请数量";
/// The group of result rows, `三、本年度办理结果`.
pub(crate) const RESULTS: &str = "三、本年度办理结果";
/// Prefix of every result row.
pub(crate) const RESULTS_PREFIX: &str = "三、本年度办理结果/";
/// `三、本年度办理结果/（七）总计`.
pub(crate) const TOTAL: &str = "三、本年度办理结果/（七）总计";
/// `四、结转下年度继续办理`.
pub(crate) const CARRIED_OUT: &str = "四、结转下年度继续办理";
/// The column holding row totals.
pub(crate) const TOTAL_COL: &str = "总计";

/// True when some cell of the (non-subtotal) row holds a value.
fn printed(t: &Table, path: &str) -> bool {
    t.rows.iter().any(|r| {
        !r.subtotal && same_path(&r.row, path) && r.cells.iter().any(|c| c.value.is_some())
    })
}

/// The （六） row that is a group in 2021 but often printed as one row, and its sub-rows, read
/// off the template's [`ResultPlan`]. The same as [`other_handling_reference`]: a test holds it.
pub(crate) fn other_handling(t: &Table) -> Option<(&'static str, &'static [&'static str])> {
    let (single, subs) = result_plan(t).other_paths.as_ref()?;
    Some((single, subs))
}

/// [`other_handling`] as first written, the template gone over at each call: the reference it
/// is held to.
#[cfg(test)]
pub(crate) fn other_handling_reference(t: &Table) -> Option<(&'static str, Vec<&'static str>)> {
    let desc = template::table3(t.template.unwrap_or(crate::model::Template::V2021));
    let (i, d) = desc
        .iter()
        .enumerate()
        .find(|(_, d)| d.role == RowRole::GroupOrData)?;
    let subs = desc
        .iter()
        .filter(|s| s.parent == Some(i))
        .map(|s| s.path)
        .collect();
    Some((d.path, subs))
}

/// Whether the single （六）其他处理 row stands for the group: it does unless a sub-row holds a value.
fn single_other_row(t: &Table) -> bool {
    match other_handling(t) {
        None => false,
        Some((single, subs)) => !subs.iter().any(|s| printed(t, s)) && printed(t, single),
    }
}

/// The result rows C3 sums, in template order: （一）, （二）, （三）1–8, （四）1–3, （五）1–5 and
/// （六） or （六）1–3, whichever shape the report printed.
pub(crate) fn result_rows(t: &Table) -> Vec<&'static str> {
    let desc = template::table3(t.template.unwrap_or(crate::model::Template::V2021));
    let single = single_other_row(t);
    let parent_of_subs = desc.iter().position(|d| d.role == RowRole::GroupOrData);
    desc.iter()
        .filter(|d| d.path.starts_with(RESULTS_PREFIX) && d.path != TOTAL)
        .filter(|d| match d.role {
            RowRole::Data => !(single && d.parent.is_some() && d.parent == parent_of_subs),
            RowRole::GroupOrData => single,
            RowRole::Group => false,
        })
        .map(|d| d.path)
        .collect()
}

/// The operand at `row`/`column`, its row looked up already (see [`Operand::in_row`]).
fn op<'a>(
    t: &Table,
    found: Option<&crate::model::Row>,
    row: &'a str,
    column: &'a str,
) -> Operand<'a> {
    Operand::in_row(t, found, row, column, short_row(row))
}

/// C1: per column, 一 + 二 = （七）总计 + 四. When the four rows are shaped as the parser builds
/// them, a column is told from the counts read once for C1, C2, C3 and C5 ([`super::Grid`]): its
/// blanks by a bit of each row, its sides by two additions, instead of each cell read through
/// its label and each side summed by [`quick_sum`]. The same diagnostics as [`c1_reference`]: a
/// proptest holds it.
pub(crate) fn c1(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    // Each row looked up once, not once per column.
    let [new, carried_in, total, carried_out] =
        [NEW, CARRIED_IN, TOTAL, CARRIED_OUT].map(|path| find_row(t, path, false));
    let grid = out.take_grid(t);
    let shaped = [new, carried_in, total, carried_out]
        .map(|r| r.and_then(|r| grid.shaped(index_of(&t.rows, r)?)));
    let mut labels = Labels::new(T3_COLS);
    let mut bit = 1u8;
    for (i, col) in T3_COLS.iter().enumerate() {
        let holds = match shaped {
            [Some(a), Some(b), Some(c), Some(d)] => {
                // The rows read where the grid holds them: copied out, all four were copied
                // again for each column.
                let count = |g: &super::GridRow| i128::from(g.vals.get(i).copied().unwrap_or(0));
                (a.blank | b.blank | c.blank | d.blank) & bit == 0
                    && count(a) + count(b) == count(c) + count(d)
            }
            _ => {
                let lhs = quick_sum([labels.value(new, i), labels.value(carried_in, i)]);
                let rhs = quick_sum([labels.value(total, i), labels.value(carried_out, i)]);
                quick_equal(lhs, rhs)
            }
        };
        bit = bit.wrapping_shl(1);
        if holds {
            continue;
        }
        c1_equation(
            rule,
            out,
            t,
            [new, carried_in, total, carried_out],
            col.label,
        );
    }
    out.put_grid(grid);
}

/// C1's equation for the column `label` that does not add up, its four rows (一, 二, （七）总计,
/// 四) looked up already.
fn c1_equation(
    rule: &RuleInfo,
    out: &mut Out,
    t: &Table,
    [new, carried_in, total, carried_out]: [Option<&crate::model::Row>; 4],
    label: &str,
) {
    out.equation(
        rule,
        Equation {
            place: column_place(label),
            lhs: vec![op(t, new, NEW, label), op(t, carried_in, CARRIED_IN, label)],
            rhs: vec![
                op(t, total, TOTAL, label),
                op(t, carried_out, CARRIED_OUT, label),
            ],
        },
    );
}

/// [`c1`] as first written, each cell read through its label and each side summed by
/// [`quick_sum`]: the reference it is held to.
#[cfg(test)]
pub(crate) fn c1_reference(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    let [new, carried_in, total, carried_out] =
        [NEW, CARRIED_IN, TOTAL, CARRIED_OUT].map(|path| find_row(t, path, false));
    let mut labels = Labels::new(T3_COLS);
    for (i, col) in T3_COLS.iter().enumerate() {
        let lhs = quick_sum([labels.value(new, i), labels.value(carried_in, i)]);
        let rhs = quick_sum([labels.value(total, i), labels.value(carried_out, i)]);
        if quick_equal(lhs, rhs) {
            continue;
        }
        c1_equation(
            rule,
            out,
            t,
            [new, carried_in, total, carried_out],
            col.label,
        );
    }
}

/// `in table 3, column {label}`, where a per-column instance is: its pieces joined into one
/// string of their length, instead of formatted. The same text as [`column_place_reference`]:
/// a proptest holds it.
pub(crate) fn column_place(label: &str) -> String {
    ["in table 3, column ", label].concat()
}

/// `in table 3, {kind} {row}`, where a per-row instance is, joined as [`column_place`] is. The
/// same text as [`row_place_reference`]: a proptest holds it.
pub(crate) fn row_place(kind: &str, row: &str) -> String {
    ["in table 3, ", kind, " ", row].concat()
}

/// [`column_place`] as first written, formatted: the reference it is held to.
#[cfg(test)]
pub(crate) fn column_place_reference(label: &str) -> String {
    format!("in table 3, column {label}")
}

/// [`row_place`] as first written, formatted: the reference it is held to.
#[cfg(test)]
pub(crate) fn row_place_reference(kind: &str, row: &str) -> String {
    format!("in table 3, {kind} {row}")
}

/// C2: per row (printed subtotals included), 总计 = 自然人 + the five 法人或其他组织 columns.
pub(crate) fn c2(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    let total_at = column_at(T3_COLS, TOTAL_COL);
    let mut labels = Labels::new(T3_COLS);
    // Each row added up from the counts read once for C2, C3 and C5.
    let grid = out.take_grid(t);
    // The operands of a row are read from the first row of its path and kind, so a repeated
    // row says what its first says. The rows whose first did not add up, by path and kind: a
    // row that adds up itself needs looking at again only when it repeats one of them (the
    // earlier rows are searched for its first only then, not for every row).
    let mut unsettled: Vec<(&str, bool)> = Vec::new();
    for (k, r) in t.rows.iter().enumerate() {
        if grid.adds_up(k, r, &mut labels, total_at)
            && !unsettled
                .iter()
                .any(|&(path, sub)| sub == r.subtotal && same_path(path, &r.row))
        {
            continue;
        }
        // The row the operands read: the first of its path and kind (`r` itself but for a
        // repeated row), so only the rows before it need looking at.
        let (j, first) = t
            .rows
            .get(..k)
            .and_then(|before| first_row(before, &r.row, r.subtotal))
            .and_then(|f| Some((index_of(&t.rows, f)?, f)))
            .unwrap_or((k, r));
        if grid.adds_up(j, first, &mut labels, total_at) {
            continue;
        }
        let first = Some(first);
        unsettled.push((&r.row, r.subtotal));
        let at = |c: &'static str| Operand::in_row(t, first, &r.row, c, c);
        // Sized for the columns at once: collected from a filter, the vector was regrown.
        let mut parts = Vec::with_capacity(T3_COLS.len());
        parts.extend(
            T3_COLS
                .iter()
                .filter(|c| c.label != TOTAL_COL)
                .map(|c| at(c.label)),
        );
        let kind = if r.subtotal { "subtotal row" } else { "row" };
        out.equation(
            rule,
            Equation {
                place: row_place(kind, short_row(&r.row)),
                lhs: vec![at(TOTAL_COL)],
                rhs: parts,
            },
        );
    }
    out.put_grid(grid);
}

/// What C3 reads of a table 3 template, worked out once per template instead of at every call
/// ([`result_plan`]): the paths [`walk_rows`] looks up (the template's rows but its groups), and
/// the rows [`result_rows_found`] picks out of them, each as its place among those paths.
#[derive(Debug)]
struct ResultPlan {
    /// The template's rows but its groups, in template order.
    paths: Vec<&'static str>,
    /// The single （六） row (the first row that is a group or a data row) and its sub-rows that
    /// are not groups, when the template has it.
    other: Option<(usize, Vec<usize>)>,
    /// The path of the （六） row and those of its sub-rows ([`other_handling`]).
    other_paths: Option<(&'static str, Vec<&'static str>)>,
    /// The （七）总计 rows (one in either template): the first of them found is the total.
    total: Vec<usize>,
    /// The result rows summed, in template order, when the single （六） row does not stand for
    /// its group (`[0]`) and when it does (`[1]`).
    summed: [Vec<(&'static str, usize)>; 2],
}

/// The [`ResultPlan`] of `desc`, a table 3 template.
fn plan_of(desc: &'static [crate::template::RowDesc]) -> ResultPlan {
    // The place of each row among the paths walked, none for a group.
    let mut at = Vec::with_capacity(desc.len());
    let mut paths = Vec::with_capacity(desc.len());
    for d in desc {
        if d.role == RowRole::Group {
            at.push(None);
        } else {
            at.push(Some(paths.len()));
            paths.push(d.path);
        }
    }
    let parent_of_subs = desc.iter().position(|d| d.role == RowRole::GroupOrData);
    let other = parent_of_subs.and_then(|g| {
        let subs = desc
            .iter()
            .zip(&at)
            .filter(|(d, _)| d.parent == Some(g))
            .filter_map(|(_, &k)| k)
            .collect();
        Some((at.get(g).copied().flatten()?, subs))
    });
    let total = desc
        .iter()
        .zip(&at)
        .filter(|(d, _)| d.path == TOTAL)
        .filter_map(|(_, &k)| k)
        .collect();
    let summed = [false, true].map(|single| {
        desc.iter()
            .zip(&at)
            .filter(|(d, _)| {
                d.path != TOTAL
                    && d.path.starts_with(RESULTS_PREFIX)
                    && match d.role {
                        RowRole::Data => {
                            !(single && d.parent.is_some() && d.parent == parent_of_subs)
                        }
                        RowRole::GroupOrData => single,
                        RowRole::Group => false,
                    }
            })
            .filter_map(|(d, &k)| Some((d.path, k?)))
            .collect()
    });
    let other_paths = parent_of_subs.and_then(|g| {
        let subs = desc
            .iter()
            .filter(|s| s.parent == Some(g))
            .map(|s| s.path)
            .collect();
        Some((desc.get(g)?.path, subs))
    });
    ResultPlan {
        paths,
        other,
        other_paths,
        total,
        summed,
    }
}

/// The [`ResultPlan`] of the template `t` is read with, worked out at its first call.
fn result_plan(t: &Table) -> &'static ResultPlan {
    static V2019: std::sync::OnceLock<ResultPlan> = std::sync::OnceLock::new();
    static V2021: std::sync::OnceLock<ResultPlan> = std::sync::OnceLock::new();
    match t.template.unwrap_or(crate::model::Template::V2021) {
        crate::model::Template::V2019 => {
            V2019.built_once(|| plan_of(template::table3(crate::model::Template::V2019)))
        }
        crate::model::Template::V2021 => {
            V2021.built_once(|| plan_of(template::table3(crate::model::Template::V2021)))
        }
    }
}

/// The first rows of C3's result rows, kept in place (a template has fewer than 32).
type FoundRows<'a> = smallvec::SmallVec<[Option<&'a crate::model::Row>; 32]>;

/// The first row of each result row C3 sums (as [`find_row`] finds it; the rows' paths are
/// the list returned with them), and the first （七）总计 row: the template's rows looked up in
/// one walk over the table ([`walk_rows`]), which also tells which rows hold a value, and the
/// rows picked by the template's [`ResultPlan`]. The same rows as [`result_rows_found`], which
/// picks them from the template at each call: a proptest holds it.
pub(crate) fn result_rows_planned(
    t: &Table,
) -> (
    &'static [(&'static str, usize)],
    FoundRows<'_>,
    Option<&crate::model::Row>,
) {
    let plan = result_plan(t);
    let walked = walk_rows(&t.rows, &plan.paths);
    let first = |k: usize| walked.get(k).and_then(|s| s.first);
    let printed = |k: usize| walked.get(k).is_some_and(|s| s.printed);
    // As `single_other_row`: the single （六） row stands for the group unless a sub-row holds a
    // value.
    let single = plan
        .other
        .as_ref()
        .is_some_and(|(g, subs)| printed(*g) && !subs.iter().any(|&k| printed(k)));
    let total = plan.total.iter().find_map(|&k| first(k));
    let summed = match &plan.summed {
        [rows, _] if !single => rows.as_slice(),
        [_, rows] => rows.as_slice(),
    };
    let found = summed.iter().map(|&(_, k)| first(k)).collect();
    (summed, found, total)
}

/// The result rows C3 sums, as [`result_rows`] names them, each with its first row (as
/// [`find_row`] finds it), and the first （七）总计 row: the template's rows looked up in one walk
/// over the table ([`walk_rows`]), which also tells which rows hold a value, instead of a search
/// of the table per row and four more to tell the shape of （六）. What [`result_rows_planned`]
/// finds, the template's rows picked at each call: the reference it is held to.
#[cfg(test)]
pub(crate) fn result_rows_found(
    t: &Table,
) -> (
    Vec<(&'static str, Option<&crate::model::Row>)>,
    Option<&crate::model::Row>,
) {
    let desc = template::table3(t.template.unwrap_or(crate::model::Template::V2021));
    // The rows a table holds: the template's rows but its groups. Sized for every row of the
    // template at once: a filter's length is not known, and collecting regrew the vector from
    // four places to the template's few dozen, several times a report.
    let mut paths: Vec<&str> = Vec::with_capacity(desc.len());
    paths.extend(
        desc.iter()
            .filter(|d| d.role != RowRole::Group)
            .map(|d| d.path),
    );
    let mut walked = walk_rows(&t.rows, &paths).into_iter();
    let seen: Vec<Seen> = desc
        .iter()
        .map(|d| match d.role {
            RowRole::Group => Seen::default(),
            _ => walked.next().unwrap_or_default(),
        })
        .collect();
    let printed = |i: usize| seen.get(i).is_some_and(|s| s.printed);
    // As `single_other_row`: the single （六） row stands for the group unless a sub-row holds a
    // value.
    let parent_of_subs = desc.iter().position(|d| d.role == RowRole::GroupOrData);
    let single = parent_of_subs.is_some_and(|g| {
        printed(g)
            && !desc
                .iter()
                .enumerate()
                .any(|(k, d)| d.parent == Some(g) && printed(k))
    });
    let mut total = None;
    let mut rows = Vec::with_capacity(desc.len());
    for (d, s) in desc.iter().zip(&seen) {
        if d.path == TOTAL {
            total = total.or(s.first);
            continue;
        }
        let summed = d.path.starts_with(RESULTS_PREFIX)
            && match d.role {
                RowRole::Data => !(single && d.parent.is_some() && d.parent == parent_of_subs),
                RowRole::GroupOrData => single,
                RowRole::Group => false,
            };
        if summed {
            rows.push((d.path, s.first));
        }
    }
    (rows, total)
}

/// C3: per column, （七）总计 = Σ of the result rows. A failing column's operand in a row shaped
/// as the parser builds it is read at the column's index; [`c3_reference`] keeps the rule as
/// first written.
pub(crate) fn c3(rule: &RuleInfo, report: &Report, out: &mut Out) {
    c3_by::<false>(rule, report, out);
}

/// [`c3`] as first written, each operand's cell searched for by its label: the reference it
/// is held to.
#[cfg(test)]
pub(crate) fn c3_reference(rule: &RuleInfo, report: &Report, out: &mut Out) {
    c3_by::<true>(rule, report, out);
}

/// [`c3`], or with `SEARCHED` set the reference it is held to.
#[inline(always)]
fn c3_by<const SEARCHED: bool>(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    let (rows, found, total) = result_rows_planned(t);
    let mut labels = Labels::new(T3_COLS);
    // Every column's sum of the result rows from the counts read once for C2, C3 and C5.
    let grid = out.take_grid(t);
    let sums = grid.column_sums(&t.rows, &found, &mut labels);
    for ((i, col), rhs) in T3_COLS.iter().enumerate().zip(sums) {
        let lhs = quick_sum([labels.value(total, i)]);
        if quick_equal(lhs, rhs) {
            continue;
        }
        // A row shaped as the parser builds it holds the columns in order, each once: its
        // cell of column `i` is `cells[i]`, not searched for by its label. Others are.
        let op = |f: Option<&crate::model::Row>, row: &'static str| match f {
            Some(r) if !SEARCHED && index_of(&t.rows, r).and_then(|k| grid.shaped(k)).is_some() => {
                Operand::of_cell(t, r.cells.get(i), row, col.label, short_row(row))
            }
            _ => op(t, f, row, col.label),
        };
        out.equation(
            rule,
            Equation {
                place: column_place(col.label),
                lhs: vec![op(total, TOTAL)],
                rhs: rows
                    .iter()
                    .zip(&found)
                    .map(|(&(r, _), &f)| op(f, r))
                    .collect(),
            },
        );
    }
    out.put_grid(grid);
}

/// The sub-rows a printed subtotal row of `group` stands for.
fn children(t: &Table, group: &str) -> Vec<&'static str> {
    match t.kind {
        TableKind::Applications if group == RESULTS => result_rows(t),
        TableKind::Applications => {
            let prefix = format!("{group}/");
            template::table3(t.template.unwrap_or(crate::model::Template::V2021))
                .iter()
                .filter(|d| d.role == RowRole::Data && d.path.starts_with(&prefix))
                .map(|d| d.path)
                .collect()
        }
        TableKind::ReviewLitigation => {
            let prefix = format!("{group}/");
            template::T4_ROWS
                .iter()
                .copied()
                .filter(|p| p.starts_with(&prefix))
                .collect()
        }
        TableKind::ActiveDisclosure => Vec::new(),
    }
}

/// C4: a printed group subtotal = Σ its sub-rows, per column (tables 3 and 4).
pub(crate) fn c4(rule: &RuleInfo, report: &Report, out: &mut Out) {
    c4_by::<false>(rule, report, out);
}

/// [`c4`] as first written, the sub-rows of （六） collected for table 4 too, whose rows are not
/// table 3's: the reference it is held to.
#[cfg(test)]
pub(crate) fn c4_reference(rule: &RuleInfo, report: &Report, out: &mut Out) {
    c4_by::<true>(rule, report, out);
}

/// [`c4`], or with `FIRST_WRITTEN` set the reference it is held to.
#[inline(always)]
fn c4_by<const FIRST_WRITTEN: bool>(rule: &RuleInfo, report: &Report, out: &mut Out) {
    for kind in [TableKind::Applications, TableKind::ReviewLitigation] {
        let Some(t) = rule.table(report, kind) else {
            continue;
        };
        let mut labels = Labels::new(match kind {
            TableKind::ReviewLitigation => T4_COLS,
            _ => T3_COLS,
        });
        let cols = labels.cols;
        // (group path, whether it is a row flagged `subtotal`)
        let mut groups: Vec<(&str, bool)> = t
            .rows
            .iter()
            .filter(|r| r.subtotal)
            .map(|r| (r.row.as_ref(), true))
            .collect();
        // A 2021 single （六）其他处理 row printed next to values in its sub-rows is their subtotal.
        // Table 3's rows only: table 4's are not looked up in table 3's template (which
        // collected the sub-rows of （六） for a test that could not hold).
        if kind == TableKind::Applications || FIRST_WRITTEN {
            if let (TableKind::Applications, Some((single, subs))) = (kind, other_handling(t)) {
                if printed(t, single) && subs.iter().any(|s| printed(t, s)) {
                    groups.push((single, false));
                }
            }
        }
        for (group, flagged) in groups {
            let subs = children(t, group);
            if subs.is_empty() {
                continue;
            }
            // Each row looked up once, not once per column.
            let group_row = find_row(t, group, flagged);
            let sub_rows: Vec<_> = subs.iter().map(|s| find_row(t, s, false)).collect();
            for (i, col) in cols.iter().map(|c| c.label).enumerate() {
                let lhs = quick_sum([labels.value(group_row, i)]);
                let rhs = quick_sum(sub_rows.iter().map(|r| labels.value(*r, i)));
                if quick_equal(lhs, rhs) {
                    continue;
                }
                out.equation(
                    rule,
                    Equation {
                        place: format!(
                            "in table {}, subtotal row {}, column {col}",
                            kind.number(),
                            short_row(group)
                        ),
                        lhs: vec![Operand::in_row(t, group_row, group, col, short_row(group))],
                        rhs: subs
                            .iter()
                            .zip(&sub_rows)
                            .map(|(s, f)| Operand::in_row(t, *f, s, col, short_row(s)))
                            .collect(),
                    },
                );
            }
        }
    }
}

/// C5: every value of table 3 is a non-negative integer.
pub(crate) fn c5(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    // Only the rows holding a value other than a non-negative integer are looked at again, as
    // `non_negative_integers` looks at every row (a proptest holds the two equal).
    let grid = out.take_grid(t);
    for (k, r) in t.rows.iter().enumerate() {
        if grid.clean(k) {
            continue;
        }
        for c in &r.cells {
            if let Some(v) = c.value {
                if v.as_i64().is_none_or(|n| n < 0) {
                    out.bad_value(rule, t, &r.row, c, "a non-negative integer");
                }
            }
        }
    }
    out.put_grid(grid);
}
