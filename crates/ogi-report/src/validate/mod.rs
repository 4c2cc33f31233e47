//! Validation: the arithmetic rules of the template (勾稽关系), as a small rule engine.
//!
//! # Shape
//!
//! Every rule of template-spec.md §7 is one row of [`RULES`]: a stable code (`V001`…`V013`),
//! the rule's name in the spec (`C1`…`C13`), the templates and tables it applies to, a
//! description, an example message, and the function that checks it. The crate docs' table of
//! rules is built from the same rows, so the documentation cannot drift from the engine.
//!
//! Almost every rule is a *linear equation over cells*: `一 + 二 = （七） + 四`,
//! `总计 = 自然人 + …`, `现行有效 = last year's 现行有效 + 制发 − 废止`. A rule function only says
//! which cells make up the two sides ([`Equation`]); [`Out::equation`] evaluates it, and that one
//! place decides what "broken" and "not checkable" mean, how the message reads, and which cells
//! the diagnostic lists. Per-cell rules (C5, C9, C11) and the prose rules (C7, C10) build their
//! diagnostics directly.
//!
//! # Advice for hackers
//!
//! * **A blank is not a zero.** The parser leaves a cell `null` when it is blank or could not be
//!   read. An equation with a blank operand is *not checkable*: it yields one `V100` info naming
//!   the blank cells, never a failure, and the blank is never summed as 0. When *every* operand
//!   is blank the instance was simply not printed (a row the parser did not find, a column a
//!   producer left empty) and nothing is said: the parser has already reported the missing
//!   table, row or cell, and repeating it per rule would bury the real findings.
//! * **An absent table says nothing.** Rules of a table the report does not have emit nothing;
//!   the parser's `T001` covers it.
//! * **Sums are exact and cannot overflow.** Values are summed as [`Decimal`] with checked
//!   additions; an overflow (only hostile input can cause one) makes the instance silently
//!   uncheckable instead of panicking.
//! * **（六）其他处理 has two shapes.** The 2019 template prints it as one row; the 2021 template
//!   as three sub-rows, but many 2021 reports keep the single row. C3 sums whichever shape the
//!   report printed (the sub-rows win when both hold values, and the single row is then checked
//!   as their subtotal by C4).
//! * **The prose is only believed when it is unambiguous.** C7/C10 look for a handful of phrases
//!   anchored on a verb or a table label with the number right after it (`受理政府信息公开申请24件`,
//!   `1件结转下年度`, `行政复议351件`); anything hedged (`累计`, `其中`, `较上年`, another year,
//!   `3000余件`), any number not directly after its anchor, and any figure the prose states twice
//!   with different values is skipped. Agreement is silent.
//! * **Series rules compare consecutive years of one agency** (`meta.agency` exactly as parsed,
//!   `meta.year` and `meta.year + 1`); the input order does not matter. Their diagnostics list
//!   the cells of both reports (this year's first) and name both reports in the message, since
//!   a [`CellRef`] does not say which report it belongs to.

mod prose;
mod series;
mod table2;
mod table3;
mod table4;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::diag::{CellRef, Code, Diagnostic, Location};
use crate::model::{Number, Report, Table, TableKind, Template};
use crate::template::T3_COLS;

/// What a rule looks at: one report, or two consecutive years of one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The tables (and prose) of one report.
    Report,
    /// Two reports of the same agency for consecutive years.
    Series,
}

/// How a rule is checked.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// A rule over one report.
    Report(fn(&RuleInfo, &Report, &mut Out)),
    /// A rule over last year's report (first) and this year's (second).
    Series(fn(&RuleInfo, &Report, &Report, &mut Out)),
}

/// One rule of the template: the row the documentation table and the engine share.
#[derive(Clone, Copy)]
pub(crate) struct RuleInfo {
    /// The stable diagnostic code raised when the rule is broken.
    pub code: Code,
    /// The rule's name in template-spec.md §7 (`C1`).
    pub name: &'static str,
    /// The templates the rule applies to (of the table it reads).
    pub templates: &'static [Template],
    /// The tables the rule reads.
    pub tables: &'static [TableKind],
    /// One report or a series of reports.
    pub scope: Scope,
    /// What the rule checks, in the template's words.
    pub description: &'static str,
    /// A message the rule produces.
    pub example: &'static str,
    /// The check itself.
    pub check: Check,
}

impl RuleInfo {
    /// The rule's table of `report` when the report has it and its template is one the rule
    /// applies to.
    pub(crate) fn table<'r>(&self, report: &'r Report, kind: TableKind) -> Option<&'r Table> {
        report
            .table(kind)
            .filter(|t| t.template.is_none_or(|tp| self.templates.contains(&tp)))
    }
}

const BOTH: &[Template] = &[Template::V2019, Template::V2021];

/// Every rule of template-spec.md §7, in code order. The crate docs' rule table is built from it.
pub(crate) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::V001,
        name: "C1",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Report,
        description: "Table 3, per column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.",
        example: "C1 broken in table 3, column 总计: 一、本年新收政府信息公开申请数量 (24) + \
                  二、上年结转政府信息公开申请数量 (0) = 24, but （七）总计 (22) + 四、结转下年度继续办理 (1) = 23",
        check: Check::Report(table3::c1),
    },
    RuleInfo {
        code: Code::V002,
        name: "C2",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Report,
        description: "Table 3, per row: 总计 = 自然人 + the five 法人或其他组织 columns.",
        example: "C2 broken in table 3, row （一）予以公开: 总计 (8), but 自然人 (6) + 法人或其他组织/商业企业 (1) \
                  + 法人或其他组织/科研机构 (0) + … = 7",
        check: Check::Report(table3::c2),
    },
    RuleInfo {
        code: Code::V003,
        name: "C3",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Report,
        description: "Table 3, per column: （七）总计 = （一） + （二） + Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + \
                      （六） (one row, 2019 and some 2021 reports) or Σ（六）1–3 (2021).",
        example: "C3 broken in table 3, column 总计: （七）总计 (23), but （一）予以公开 (7) + （二）部分公开 (7) + \
                  （四）无法提供/1.本机关不掌握相关政府信息 (8) + … + 16 more of 0 = 24",
        check: Check::Report(table3::c3),
    },
    RuleInfo {
        code: Code::V004,
        name: "C4",
        templates: BOTH,
        tables: &[TableKind::Applications, TableKind::ReviewLitigation],
        scope: Scope::Report,
        description: "A group subtotal row printed by the producer (e.g. （三）不予公开) = Σ its sub-rows, per \
                      column; a 2021 single （六）其他处理 row printed together with its sub-rows counts as one.",
        example: "C4 broken in table 3, subtotal row （三）不予公开, column 总计: （三）不予公开 (5), but \
                  （三）不予公开/1.属于国家秘密 (1) + … = 4",
        check: Check::Report(table3::c4),
    },
    RuleInfo {
        code: Code::V005,
        name: "C5",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Report,
        description: "Every value of table 3 is a non-negative integer.",
        example: "C5 broken in table 3, row 三、本年度办理结果/（一）予以公开, column 自然人: -3 is not a non-negative \
                  integer",
        check: Check::Report(table3::c5),
    },
    RuleInfo {
        code: Code::V006,
        name: "C6",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Series,
        description: "Across years, per column of table 3: this year's 二、上年结转 = last year's \
                      四、结转下年度继续办理 (same agency).",
        example: "C6 broken between 平潭综合实验区 2021 and 2022, table 3, column 总计: 2022 \
                  二、上年结转政府信息公开申请数量 (0), but 2021 四、结转下年度继续办理 (1)",
        check: Check::Series(series::c6),
    },
    RuleInfo {
        code: Code::V007,
        name: "C7",
        templates: BOTH,
        tables: &[TableKind::Applications],
        scope: Scope::Report,
        description: "A count stated unambiguously in section 一 (受理…申请N件, 办结N件, N件结转下年度, \
                      上年结转申请N件) = table 3's 总计 of 一 (or 一 + 二), （七）总计, 四, 二. `expected` is the \
                      prose figure, `actual` the table's.",
        example: "C7: section 一 says \"区政府办代表区政府受理政府信息公开申请17件\" (17), but table 3 \
                  一、本年新收政府信息公开申请数量, column 总计 holds 95",
        check: Check::Report(prose::c7),
    },
    RuleInfo {
        code: Code::V008,
        name: "C8",
        templates: BOTH,
        tables: &[TableKind::ReviewLitigation],
        scope: Scope::Report,
        description: "Table 4, per group (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉): 总计 = 结果维持 + \
                      结果纠正 + 其他结果 + 尚未审结.",
        example: "C8 broken in table 4, group 行政复议: 总计 (0), but 结果维持 (10) + 结果纠正 (1) + 其他结果 (0) + \
                  尚未审结 (0) = 11",
        check: Check::Report(table4::c8),
    },
    RuleInfo {
        code: Code::V009,
        name: "C9",
        templates: BOTH,
        tables: &[TableKind::ReviewLitigation],
        scope: Scope::Report,
        description: "Every value of table 4 is a non-negative integer.",
        example: "C9 broken in table 4, row 行政复议, column 结果维持: 1.5 is not a non-negative integer",
        check: Check::Report(table4::c9),
    },
    RuleInfo {
        code: Code::V010,
        name: "C10",
        templates: BOTH,
        tables: &[TableKind::ReviewLitigation],
        scope: Scope::Report,
        description: "A count stated unambiguously in section 一 (政府信息公开行政复议N件, 行政诉讼N件, 行政复议、行政诉讼\
                      案件N件) = table 4's 总计 of 行政复议, of the two 行政诉讼 groups summed, or of all three. \
                      `expected` is the prose figure, `actual` the table's.",
        example: "C10: section 一 says \"政府信息公开行政诉讼46件\" (46), but table 4 行政诉讼/未经复议直接起诉 总计 (26) \
                  + 行政诉讼/复议后起诉 总计 (21) = 47",
        check: Check::Report(prose::c10),
    },
    RuleInfo {
        code: Code::V011,
        name: "C11",
        templates: BOTH,
        tables: &[TableKind::ActiveDisclosure],
        scope: Scope::Report,
        description: "Table 2: counts are non-negative integers, except 2019 本年增/减 (a signed integer); \
                      amounts (采购总金额, 本年收费金额（单位：万元）) are non-negative decimals.",
        example: "C11 broken in table 2, row 第二十条第（一）项/规章, column 本年制发件数: -1 is not a non-negative \
                  integer",
        check: Check::Report(table2::c11),
    },
    RuleInfo {
        code: Code::V012,
        name: "C12",
        templates: &[Template::V2021],
        tables: &[TableKind::ActiveDisclosure],
        scope: Scope::Series,
        description: "Across years (2021 template), rows 规章 and 行政规范性文件 of table 2: 现行有效件数 = last \
                      year's 现行有效件数 + 本年制发件数 − 本年废止件数.",
        example: "C12 broken between 平潭综合实验区 2022 and 2023, table 2, row \
                  第二十条第（一）项/行政规范性文件: 2023 现行有效件数 (470), but 2022 现行有效件数 (698) + \
                  2023 本年制发件数 (77) − 2023 本年废止件数 (132) = 643",
        check: Check::Series(series::c12),
    },
    RuleInfo {
        code: Code::V013,
        name: "C13",
        templates: &[Template::V2019],
        tables: &[TableKind::ActiveDisclosure],
        scope: Scope::Series,
        description: "Across years (2019 template), rows of 第二十条第（五）（六）（八）项 in table 2: this year's \
                      上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.",
        example: "C13 broken between 平潭综合实验区 2019 and 2020, table 2, row \
                  第二十条第（八）项/行政事业性收费: 2020 上一年项目数量 (53), but 2019 上一年项目数量 (35) + \
                  2019 本年增/减 (0) = 35",
        check: Check::Series(series::c13),
    },
];

/// The rules as a Markdown table (code, rule, templates, tables, description, example), for
/// the crate documentation.
#[allow(dead_code)]
pub(crate) fn rules_markdown() -> String {
    let mut s = String::from("| code | rule | templates | tables | checks | example message |\n|---|---|---|---|---|---|\n");
    for r in RULES {
        let templates: Vec<&str> = r.templates.iter().map(|t| t.as_str()).collect();
        let tables: Vec<String> = r.tables.iter().map(|t| t.number().to_string()).collect();
        let scope = match r.scope {
            Scope::Report => "",
            Scope::Series => " (two consecutive years)",
        };
        s.push_str(&format!(
            "| {} | {} | {} | {}{} | {} | {} |\n",
            r.code,
            r.name,
            templates.join(", "),
            tables.join(", "),
            scope,
            r.description.replace('|', "\\|"),
            r.example.replace('|', "\\|"),
        ));
    }
    s.push_str(
        "| V100 | — | 2019, 2021 | 2, 3, 4 | A rule instance could not be checked because an operand is blank \
         (blank is never read as 0). | C1 not checkable in table 3, column 总计: 二、上年结转政府信息公开申请数量 is \
         blank |\n",
    );
    s
}

/// Check every single-report rule.
pub(crate) fn validate(report: &Report) -> Vec<Diagnostic> {
    let mut out = Out::default();
    for rule in RULES {
        if let Check::Report(check) = rule.check {
            check(rule, report, &mut out);
        }
    }
    out.diags
}

/// Check the cross-year rules over reports of one agency.
pub(crate) fn validate_series(reports: &[Report]) -> Vec<Diagnostic> {
    let mut out = Out::default();
    for (prev, this) in series::consecutive_pairs(reports) {
        for rule in RULES {
            if let Check::Series(check) = rule.check {
                check(rule, prev, this, &mut out);
            }
        }
    }
    out.diags
}

/// One cell taking part in a rule: where it is, how the message names it, and its value. Its
/// row, column and name are borrowed (from the table, the template or the rule) until a
/// diagnostic names the cell ([`Operand::cell`]): most operands are read and dropped without
/// one, and a broken rule copies only what its diagnostic lists.
#[derive(Debug, Clone)]
pub(crate) struct Operand<'a> {
    /// Table number.
    pub table: u8,
    /// Canonical row path.
    pub row: &'a str,
    /// Canonical column label.
    pub column: &'a str,
    /// The cell in the input, when present.
    pub span: Option<crate::model::Span>,
    /// The cell's name in messages (`（七）总计`, `2023 现行有效件数`).
    pub label: Cow<'a, str>,
    /// The value, `None` when blank.
    pub value: Option<Number>,
    /// True when the operand is subtracted.
    pub negative: bool,
}

/// Fast path for the common case: true when every cell of `lhs` and `rhs` holds a value and the
/// two sums are equal, so the rule holds and no operand needs to be built. Cells are
/// `(row, column, subtotal)`.
#[cfg(test)]
pub(crate) fn quick_holds(
    t: &Table,
    lhs: &[(&str, &str, bool)],
    rhs: &[(&str, &str, bool)],
) -> bool {
    let side = |cells: &[(&str, &str, bool)]| {
        quick_sum(
            cells
                .iter()
                .map(|&(row, col, sub)| value(find_row(t, row, sub), col)),
        )
    };
    quick_equal(side(lhs), side(rhs))
}

/// The first row of `t` at `path` (a printed subtotal row when `subtotal`), as
/// [`Operand::at`] finds it.
pub(crate) fn find_row<'a>(
    t: &'a Table,
    path: &str,
    subtotal: bool,
) -> Option<&'a crate::model::Row> {
    first_row(&t.rows, path, subtotal)
}

/// The first of `rows` at `path` (a printed subtotal row when `subtotal`). The paths are
/// compared by [`same_path`]; the same row as [`first_row_reference`] finds (a proptest holds
/// it).
pub(crate) fn first_row<'a>(
    rows: &'a [crate::model::Row],
    path: &str,
    subtotal: bool,
) -> Option<&'a crate::model::Row> {
    rows.iter()
        .find(|r| r.subtotal == subtotal && same_path(&r.row, path))
}

/// What [`walk_rows`] finds for one path: the first row at it that is not a subtotal (as
/// [`first_row`] finds it), and whether some such row holds a value.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Seen<'a> {
    /// The first row at the path that is not a printed subtotal.
    pub first: Option<&'a crate::model::Row>,
    /// True when a row at the path that is not a subtotal holds a value.
    pub printed: bool,
}

/// For each of `paths` (distinct, as a template's are), what [`Seen`] says of it, in one walk
/// over `rows` instead of one search per path. A row is looked for first at the path after the
/// last one a row was found at (rows come in template order), then among every path. The same
/// as [`first_row`] and a search for a printed row per path: a proptest holds it.
// Out of line: inlined into `c3`, or not, as code elsewhere in validation changed, which moved
// the count by some 0.7 M instructions a run; inlined, the rules measured dearer.
#[inline(never)]
pub(crate) fn walk_rows<'a>(rows: &'a [crate::model::Row], paths: &[&str]) -> Vec<Seen<'a>> {
    let mut seen = vec![Seen::default(); paths.len()];
    let mut next = 0;
    for r in rows.iter().filter(|r| !r.subtotal) {
        let at = if paths.get(next).is_some_and(|p| same_path(p, &r.row)) {
            Some(next)
        } else {
            paths.iter().position(|p| same_path(p, &r.row))
        };
        let Some((j, s)) = at.and_then(|j| Some((j, seen.get_mut(j)?))) else {
            continue;
        };
        next = j + 1;
        if s.first.is_none() {
            s.first = Some(r);
        }
        if !s.printed {
            s.printed = r.cells.iter().any(|c| c.value.is_some());
        }
    }
    seen
}

/// [`walk_rows`] as one search per path: [`first_row`], and any row at the path holding a
/// value. The reference it is tested against.
#[cfg(test)]
pub(crate) fn walk_rows_reference<'a>(
    rows: &'a [crate::model::Row],
    paths: &[&str],
) -> Vec<Seen<'a>> {
    paths
        .iter()
        .map(|p| Seen {
            first: first_row_reference(rows, p, false),
            printed: rows
                .iter()
                .any(|r| !r.subtotal && r.row == *p && r.cells.iter().any(|c| c.value.is_some())),
        })
        .collect()
}

/// [`first_row`] as first written, the paths compared as strings: the reference it is tested
/// against.
#[cfg(test)]
pub(crate) fn first_row_reference<'a>(
    rows: &'a [crate::model::Row],
    path: &str,
    subtotal: bool,
) -> Option<&'a crate::model::Row> {
    rows.iter()
        .find(|r| r.subtotal == subtotal && r.row == path)
}

/// `a == b` for row paths. The paths of a table share long prefixes (`三、本年度办理结果/（三）…`)
/// and many have the same length, so two of the same length are the same text when they start
/// at the same address (a path borrowed from the template, as parsed rows hold theirs), and are
/// told apart by their last eight bytes (one compare of two words) before the whole texts are
/// compared.
pub(crate) fn same_path(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    // A parsed row borrows its path from the template the rules read theirs from: the same
    // bytes, told without reading them.
    if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
        return true;
    }
    if let (Some(x), Some(y)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) {
        if x != y {
            return false;
        }
    }
    a == b
}

/// The value of `column` in `row`, `None` when the row or the cell is absent or blank.
pub(crate) fn value(row: Option<&crate::model::Row>, column: &str) -> Option<Number> {
    row?.cell(column)?.value
}

/// [`value`] for the template's column `index` (its place in the table's column list), which is
/// where a parsed row holds it: looked at first, then searched for as [`value`] does. What
/// [`Labels::value`] reads with its labels told by pointer: the reference the rules' sums are
/// tested against.
#[cfg(test)]
pub(crate) fn value_at(
    row: Option<&crate::model::Row>,
    index: usize,
    column: &str,
) -> Option<Number> {
    let row = row?;
    match row.cells.get(index) {
        Some(c) if c.column == column => c.value,
        _ => value(Some(row), column),
    }
}

/// The column labels of a template table, each with the copy of it that the cells read so far
/// hold. A parsed cell's column borrows a template label, but not always the copy `cols` holds
/// (each unit of code may have its own): once a cell's label is found equal to a column's, a
/// cell holding the same copy is told by its pointer, without comparing the text again.
pub(crate) struct Labels<'a> {
    /// The template's columns.
    pub cols: &'static [crate::template::Col],
    /// For each column, a string equal to its label: the label, or the last copy of it a
    /// cell was found to hold.
    seen: Seen8<'a>,
}

/// The most columns [`Labels`] keeps in place; tables 3 and 4, which the rules read by their
/// labels, have seven and five.
const INLINE_LABELS: usize = 8;

/// The copies [`Labels`] keeps, one a column: in place for a table of at most
/// [`INLINE_LABELS`] columns, instead of a vector allocated for each rule that reads a table
/// (six a report), else in a vector.
enum Seen8<'a> {
    /// The first `.1` strings are the columns'.
    Inline([&'a str; INLINE_LABELS], usize),
    /// One string a column.
    Heap(Vec<&'a str>),
}

impl<'a> Seen8<'a> {
    /// The labels of `cols`.
    fn of(cols: &'static [crate::template::Col]) -> Seen8<'a> {
        if cols.len() > INLINE_LABELS {
            return Seen8::Heap(cols.iter().map(|c| c.label).collect());
        }
        let mut seen = [""; INLINE_LABELS];
        for (s, c) in seen.iter_mut().zip(cols) {
            *s = c.label;
        }
        Seen8::Inline(seen, cols.len())
    }

    /// One string a column, in column order.
    #[inline]
    fn as_mut_slice(&mut self) -> &mut [&'a str] {
        match self {
            Seen8::Inline(seen, n) => seen.get_mut(..*n).unwrap_or_default(),
            Seen8::Heap(seen) => seen,
        }
    }
}

/// True when `column` is the label `seen` holds a copy of; `seen` then holds `column`'s copy,
/// which the next cell of the column likely holds too (told by its pointer).
fn same_label<'a>(seen: &mut &'a str, column: &'a str) -> bool {
    if std::ptr::eq(*seen, column) {
        return true;
    }
    if *seen == column {
        *seen = column;
        return true;
    }
    false
}

impl<'a> Labels<'a> {
    /// The labels of `cols`, no copy seen yet.
    pub(crate) fn new(cols: &'static [crate::template::Col]) -> Labels<'a> {
        Labels {
            cols,
            seen: Seen8::of(cols),
        }
    }

    /// True when `column` is the label of column `i` (`false` past the last column).
    pub(crate) fn is(&mut self, i: usize, column: &'a str) -> bool {
        self.seen
            .as_mut_slice()
            .get_mut(i)
            .is_some_and(|seen| same_label(seen, column))
    }

    /// The value of column `i`'s cell in `row`, looked at first where the
    /// parser puts it (its label told by [`Labels::is`]), then searched for by label.
    pub(crate) fn value(&mut self, row: Option<&'a crate::model::Row>, i: usize) -> Option<Number> {
        let row = row?;
        match row.cells.get(i) {
            Some(c) if self.is(i, &c.column) => c.value,
            _ => value(Some(row), self.cols.get(i)?.label),
        }
    }
}

impl<'a> Labels<'a> {
    /// The sum of each column over `rows`: for column `i`, what [`quick_sum`] makes of the
    /// values [`Labels::value`] reads in `rows`, in one loop over the rows' cells instead of one
    /// pass over the rows per column. A column that holds an amount is summed again that way
    /// (a `Decimal` sum may round by its order). The same sums as [`column_sums_reference`]: a
    /// proptest holds it.
    pub(crate) fn column_sums(
        &mut self,
        rows: &[Option<&'a crate::model::Row>],
    ) -> Vec<Option<QuickSum>> {
        let n = self.cols.len();
        if n > 64 {
            return (0..n)
                .map(|i| quick_sum(rows.iter().map(|r| self.value(*r, i))))
                .collect();
        }
        // Per column: the sum of its counts, and (one bit a column) whether a blank or an
        // amount was met.
        let mut sums = vec![0i128; n];
        let (mut blank, mut amount) = (0u64, 0u64);
        for row in rows {
            let Some(r) = row else {
                // Every value is absent: no sum at all.
                return sums.iter().map(|_| None).collect();
            };
            let mut cells = r.cells.iter();
            let seen = self.seen.as_mut_slice();
            for (i, (sum, seen)) in sums.iter_mut().zip(seen.iter_mut()).enumerate() {
                // The cell where the parser puts it, its label told as `Labels::is` tells it;
                // else the cell searched for by label.
                let value = match cells.next() {
                    Some(c) if same_label(seen, &c.column) => c.value,
                    _ => value(Some(r), self.cols.get(i).map_or("", |c| c.label)),
                };
                match value {
                    // At most a few dozen i64 terms: an i128 cannot overflow.
                    Some(Number::Int(v)) => *sum += i128::from(v),
                    None => blank |= 1 << i,
                    Some(Number::Decimal(_)) => amount |= 1 << i,
                }
            }
        }
        sums.into_iter()
            .enumerate()
            .map(|(i, sum)| {
                if blank & (1 << i) != 0 {
                    None
                } else if amount & (1 << i) != 0 {
                    quick_sum(rows.iter().map(|r| self.value(*r, i)))
                } else {
                    Some(QuickSum::Int(sum))
                }
            })
            .collect()
    }
}

/// [`Labels::column_sums`] as one [`quick_sum`] per column, each reading every row through
/// [`value_at`]: the reference it is tested against.
#[cfg(test)]
pub(crate) fn column_sums_reference(
    rows: &[Option<&crate::model::Row>],
    cols: &[crate::template::Col],
) -> Vec<Option<QuickSum>> {
    cols.iter()
        .enumerate()
        .map(|(i, c)| quick_sum(rows.iter().map(|r| value_at(*r, i, c.label))))
        .collect()
}

/// True when the column `total_at` of `row` holds the sum of its other columns, every cell
/// holding a value: the quick path of the per-row rules (C2, C8), which then build no
/// operands. A row as the parser builds it (one cell per column, in order, each holding its
/// column's label, every value a count) is added up in one loop over its cells; any other row
/// is read column by column as [`Labels::value`] finds its cells. The same answer as the sums of
/// [`total_adds_up_reference`] for columns of distinct labels: a proptest holds it.
pub(crate) fn total_adds_up<'a>(
    row: Option<&'a crate::model::Row>,
    labels: &mut Labels<'a>,
    total_at: usize,
) -> bool {
    let Some(r) = row else {
        // Every value is absent: no sum.
        return false;
    };
    if r.cells.len() == labels.cols.len() {
        let mut parts = 0i128;
        let mut total = 0i128;
        let mut shaped = true;
        for (i, c) in r.cells.iter().enumerate() {
            if !labels.is(i, &c.column) {
                shaped = false;
                break;
            }
            match c.value {
                // A blank makes its side, so the check, unknown.
                None => return false,
                Some(Number::Int(v)) if i == total_at => total = i128::from(v),
                // At most a few dozen i64 terms: an i128 cannot overflow.
                Some(Number::Int(v)) => parts += i128::from(v),
                Some(Number::Decimal(_)) => {
                    shaped = false;
                    break;
                }
            }
        }
        if shaped {
            return parts == total;
        }
    }
    let total = quick_sum([labels.value(row, total_at)]);
    let parts = (0..labels.cols.len())
        .filter(|&i| i != total_at)
        .map(|i| labels.value(row, i));
    quick_equal(total, quick_sum(parts))
}

/// [`total_adds_up`] as first written, the total named by its label and every cell read
/// through [`value_at`]: the reference it is tested against.
#[cfg(test)]
pub(crate) fn total_adds_up_reference(
    row: Option<&crate::model::Row>,
    cols: &[crate::template::Col],
    total: &str,
) -> bool {
    let total_at = cols.iter().position(|c| c.label == total).unwrap_or(0);
    let parts = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| c.label != total)
        .map(|(i, c)| value_at(row, i, c.label));
    quick_equal(
        quick_sum([value_at(row, total_at, total)]),
        quick_sum(parts),
    )
}

/// The place of the column labelled `label` in `cols` (0 when absent).
pub(crate) fn column_at(cols: &[crate::template::Col], label: &str) -> usize {
    cols.iter().position(|c| c.label == label).unwrap_or(0)
}

/// True when both sums of the fast path are known and equal: the rule holds, and the
/// equation would say nothing.
pub(crate) fn quick_equal(lhs: Option<QuickSum>, rhs: Option<QuickSum>) -> bool {
    match (lhs, rhs) {
        (Some(QuickSum::Int(a)), Some(QuickSum::Int(b))) => a == b,
        (Some(a), Some(b)) => matches!((a.decimal(), b.decimal()), (Some(a), Some(b)) if a == b),
        _ => false,
    }
}

/// A sum of cells: exact integers while every cell is a count (no `Decimal` arithmetic, which
/// costs some fifty instructions an addition), a `Decimal` once an amount is met.
#[derive(Debug, PartialEq)]
pub(crate) enum QuickSum {
    Int(i128),
    Decimal(rust_decimal::Decimal),
}

impl QuickSum {
    /// The sum as a `Decimal` (`None` past its range, which a few i64 counts cannot reach).
    fn decimal(self) -> Option<rust_decimal::Decimal> {
        match self {
            QuickSum::Int(i) => rust_decimal::Decimal::try_from_i128_with_scale(i, 0).ok(),
            QuickSum::Decimal(d) => Some(d),
        }
    }
}

/// The sum of `values` for the fast path, `None` when one is blank or absent (or the sum
/// overflows).
pub(crate) fn quick_sum(values: impl IntoIterator<Item = Option<Number>>) -> Option<QuickSum> {
    let mut values = values.into_iter();
    // Counts (nearly every cell) are added as integers in a loop of their own, which carries no
    // sum of two kinds from term to term; the first amount moves the rest to `Decimal`.
    // At most a few dozen i64 terms: an i128 cannot overflow.
    let mut int = 0i128;
    let acc = loop {
        match values.next() {
            None => return Some(QuickSum::Int(int)),
            Some(value) => match value? {
                Number::Int(v) => int += i128::from(v),
                // Integer sums are exact in `Decimal` too, so switching keeps the same value.
                Number::Decimal(d) => break (int, d),
            },
        }
    };
    quick_sum_decimal(acc, &mut values)
}

/// The rest of a [`quick_sum`] once its first amount is met: the integer sum so far and that
/// amount, then the values left, added as `Decimal`s. Not generic, unlike `quick_sum`, and out
/// of line: `quick_sum` is instantiated for each kind of iterator its callers hand it,
/// and each instance inlined the `Decimal` additions, which are most of its code and run only
/// for the few rows that hold an amount (fees); through `dyn Iterator` they are compiled once.
#[inline(never)]
fn quick_sum_decimal(
    (int, first): (i128, rust_decimal::Decimal),
    values: &mut dyn Iterator<Item = Option<Number>>,
) -> Option<QuickSum> {
    let mut acc = QuickSum::Int(int).decimal()?.checked_add(first)?;
    for value in values {
        acc = acc.checked_add(value?.as_decimal())?;
    }
    Some(QuickSum::Decimal(acc))
}

/// [`quick_sum`] as first written, one sum of two kinds carried from term to term: the
/// reference it is tested against.
#[cfg(test)]
pub(crate) fn quick_sum_reference(
    values: impl IntoIterator<Item = Option<Number>>,
) -> Option<QuickSum> {
    let mut acc = QuickSum::Int(0);
    for value in values {
        acc = match (acc, value?) {
            (QuickSum::Int(a), Number::Int(v)) => QuickSum::Int(a + i128::from(v)),
            (acc, v) => QuickSum::Decimal(acc.decimal()?.checked_add(v.as_decimal())?),
        };
    }
    Some(acc)
}

impl<'a> Operand<'a> {
    /// The operand at `row`/`column` of `table` (a printed subtotal row when `subtotal`); blank
    /// when the row or cell is absent.
    pub(crate) fn at(
        table: &Table,
        row: &'a str,
        column: &'a str,
        subtotal: bool,
        label: impl Into<Cow<'a, str>>,
    ) -> Operand<'a> {
        Operand::in_row(table, find_row(table, row, subtotal), row, column, label)
    }

    /// [`Operand::at`] with its row looked up already: `found` is the first row of `table` at
    /// `row` (of the kind sought), as [`find_row`] returns it. The rules that look their rows up
    /// once for every column build their operands so.
    pub(crate) fn in_row(
        table: &Table,
        found: Option<&crate::model::Row>,
        row: &'a str,
        column: &'a str,
        label: impl Into<Cow<'a, str>>,
    ) -> Operand<'a> {
        Operand::of_cell(
            table,
            found.and_then(|r| r.cell(column)),
            row,
            column,
            label,
        )
    }

    /// [`Operand::in_row`] with its cell found already: `cell` is the first cell of the row
    /// at `column`, none when the row or cell is absent.
    pub(crate) fn of_cell(
        table: &Table,
        cell: Option<&crate::model::Cell>,
        row: &'a str,
        column: &'a str,
        label: impl Into<Cow<'a, str>>,
    ) -> Operand<'a> {
        Operand {
            table: table.kind.number(),
            row,
            column,
            span: cell.and_then(|c| c.span),
            label: label.into(),
            value: cell.and_then(|c| c.value),
            negative: false,
        }
    }

    /// The same operand, subtracted.
    pub(crate) fn minus(mut self) -> Operand<'a> {
        self.negative = true;
        self
    }

    /// The cell, as a diagnostic lists it.
    pub(crate) fn cell(&self) -> CellRef {
        CellRef {
            table: self.table,
            row: self.row.to_string(),
            column: self.column.to_string(),
            span: self.span,
        }
    }

    /// Where the cell is in the template, as a diagnostic names it.
    pub(crate) fn location(&self) -> Location {
        Location {
            section: Some(self.table),
            table: Some(self.table),
            row: Some(self.row.to_string()),
            column: Some(self.column.to_string()),
        }
    }
}

/// A rule instance of the form `lhs = rhs`; `lhs[0]` is its subject (location and span).
#[derive(Debug, Clone)]
pub(crate) struct Equation<'a> {
    /// Where the instance is, for messages (`table 3, column 总计`).
    pub place: String,
    /// The left-hand side; its first operand is the subject.
    pub lhs: Vec<Operand<'a>>,
    /// The right-hand side.
    pub rhs: Vec<Operand<'a>>,
}

/// Sides longer than this list only their non-zero operands.
const LIST_ALL_UP_TO: usize = 8;

/// Where diagnostics are collected.
#[derive(Debug, Default)]
pub(crate) struct Out {
    /// The diagnostics, in rule order.
    pub diags: Vec<Diagnostic>,
    /// The figures section 一 states, read once for C7 and C10.
    pub prose_claims: Option<Vec<prose::Claim>>,
    /// Table 3's cells, read once for C2, C3 and C5 ([`Grid`]).
    pub grid: Option<Grid>,
}

impl Out {
    /// The [`Grid`] of `t`'s rows: the one read already when it was read from these rows, else
    /// read now. Taken out for the rule (which adds to `self`); [`Out::put_grid`] puts it back.
    pub(crate) fn take_grid(&mut self, t: &Table) -> Grid {
        match self.grid.take() {
            Some(g) if g.is_of(&t.rows) => g,
            _ => Grid::of(&t.rows, T3_COLS),
        }
    }

    /// Keeps `grid` for the next rule that reads the same rows.
    pub(crate) fn put_grid(&mut self, grid: Grid) {
        self.grid = Some(grid);
    }
}

/// The cells of a table's rows read once for the rules that each read every row of table 3
/// again (C2 adds up each row, C3 sums each column over the result rows, C5 looks at every
/// value), instead of each rule telling every cell's label and kind of value anew: over the
/// Simplified bench reports those three walks cost some 3.5 M instructions (C2's
/// [`total_adds_up`] 1.65 M, C3's [`Labels::column_sums`] 1.25 M, C5 0.6 M), the one read
/// 1.6 M and its allocation 0.3 M.
///
/// A row *shaped* as the parser builds it (one cell per column, in order, each holding its
/// column's label, every value a count or blank; at most [`GRID_COLS`] columns) has its counts
/// kept; a rule reads any other row as before. Whether every value of a row is a non-negative
/// integer is kept for every row.
#[derive(Debug)]
pub(crate) struct Grid {
    /// The rows read (address and length), so that a grid is used for them only.
    of: (usize, usize),
    /// Per row, what was read of it.
    rows: Vec<GridRow>,
}

/// The most columns a row is read with ([`Grid`]); table 3 has seven.
const GRID_COLS: usize = 8;

/// What [`Grid`] reads of one row.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GridRow {
    /// True when the row is shaped as the parser builds it.
    shaped: bool,
    /// True when every value (of any cell) is a non-negative integer, as C5 asks.
    clean: bool,
    /// The columns whose cells are blank (of a shaped row).
    pub blank: u8,
    /// The counts of a shaped row, 0 for a blank.
    pub vals: [i64; GRID_COLS],
    /// The sum of the counts of a shaped row.
    sum: i128,
}

impl Grid {
    /// The grid of `rows` for a table of columns `cols`: one allocation for the table (a row's
    /// counts kept in place), since a report's validation allocates every buffer anew.
    pub(crate) fn of(rows: &[crate::model::Row], cols: &'static [crate::template::Col]) -> Grid {
        let n = cols.len();
        let mut labels = Labels::new(cols);
        let mut g = Grid {
            of: (rows.as_ptr() as usize, rows.len()),
            rows: Vec::with_capacity(rows.len()),
        };
        for r in rows {
            let mut row = GridRow {
                shaped: n <= GRID_COLS && r.cells.len() == n,
                clean: true,
                ..GridRow::default()
            };
            if row.shaped {
                let mut bit = 1u8;
                let cells = r.cells.iter().zip(row.vals.iter_mut());
                for ((c, x), seen) in cells.zip(labels.seen.as_mut_slice().iter_mut()) {
                    match c.value {
                        Some(Number::Int(v)) => {
                            *x = v;
                            // At most eight i64 terms: an i128 cannot overflow.
                            row.sum += i128::from(v);
                            row.clean &= v >= 0;
                        }
                        None => row.blank |= bit,
                        Some(Number::Decimal(_)) => {
                            row.shaped = false;
                            break;
                        }
                    }
                    if !same_label(seen, &c.column) {
                        row.shaped = false;
                        break;
                    }
                    bit = bit.wrapping_shl(1);
                }
            }
            if !row.shaped {
                row.clean = r
                    .cells
                    .iter()
                    .all(|c| c.value.is_none_or(|v| v.as_i64().is_some_and(|n| n >= 0)));
            }
            g.rows.push(row);
        }
        g
    }

    /// True when the grid was read from `rows`.
    fn is_of(&self, rows: &[crate::model::Row]) -> bool {
        self.of == (rows.as_ptr() as usize, rows.len())
    }

    /// Row `k` when it is shaped.
    pub(crate) fn shaped(&self, k: usize) -> Option<&GridRow> {
        self.rows.get(k).filter(|g| g.shaped)
    }

    /// What [`total_adds_up`] says of row `k` (`r`), told from the counts read when the row is
    /// shaped: no blank, and the column `total_at` the sum of the others (half the row's sum).
    pub(crate) fn adds_up<'a>(
        &self,
        k: usize,
        r: &'a crate::model::Row,
        labels: &mut Labels<'a>,
        total_at: usize,
    ) -> bool {
        let Some(g) = self.shaped(k) else {
            return total_adds_up(Some(r), labels, total_at);
        };
        let total = g.vals.get(total_at).map_or(0, |&v| i128::from(v));
        g.blank == 0 && g.sum == 2 * total
    }

    /// What [`Labels::column_sums`] makes of `found` (rows of `rows`, the rows read, or absent),
    /// told from the counts read when every row is shaped.
    // Out of line, as `walk_rows` is and for the same reason.
    #[inline(never)]
    pub(crate) fn column_sums<'a>(
        &self,
        rows: &[crate::model::Row],
        found: &[Option<&'a crate::model::Row>],
        labels: &mut Labels<'a>,
    ) -> Vec<Option<QuickSum>> {
        let n = labels.cols.len();
        let mut sums = [0i128; GRID_COLS];
        let mut blank = 0u8;
        for f in found {
            let Some(g) = f
                .and_then(|r| index_of(rows, r))
                .and_then(|k| self.shaped(k))
            else {
                return labels.column_sums(found);
            };
            blank |= g.blank;
            for (sum, &v) in sums.iter_mut().zip(&g.vals) {
                // At most a few dozen i64 terms: an i128 cannot overflow.
                *sum += i128::from(v);
            }
        }
        if n > GRID_COLS {
            return labels.column_sums(found);
        }
        sums.into_iter()
            .take(n)
            .enumerate()
            .map(|(i, sum)| (blank & (1 << i) == 0).then_some(QuickSum::Int(sum)))
            .collect()
    }

    /// True when every value of row `k` is a non-negative integer (C5 and C9 say nothing of it).
    pub(crate) fn clean(&self, k: usize) -> bool {
        self.rows.get(k).is_some_and(|g| g.clean)
    }
}

/// The place of `r` in `rows`, when it is one of them.
pub(crate) fn index_of(rows: &[crate::model::Row], r: &crate::model::Row) -> Option<usize> {
    let size = std::mem::size_of::<crate::model::Row>().max(1);
    let k = (r as *const crate::model::Row as usize).checked_sub(rows.as_ptr() as usize)? / size;
    rows.get(k).filter(|x| std::ptr::eq(*x, r)).map(|_| k)
}

impl Out {
    /// Evaluate one equation: nothing when it holds or when nothing of it was printed, `V100`
    /// when an operand is blank, the rule's code when it is broken.
    pub(crate) fn equation(&mut self, rule: &RuleInfo, eq: Equation<'_>) {
        self.equation_by::<false>(rule, eq);
    }

    /// [`Out::equation`] as first written, the blank operands collected from a filter over both
    /// sides chained: the reference it is held to.
    #[cfg(test)]
    pub(crate) fn equation_reference(&mut self, rule: &RuleInfo, eq: Equation<'_>) {
        self.equation_by::<true>(rule, eq);
    }

    /// [`Out::equation`], or with `COLLECTED` set the reference it is held to. The blank
    /// operands are counted in two plain loops, and when some but not all are blank, read again
    /// from the two sides for the message and the cells: no vector of them is kept (the
    /// reference collects them into one, an allocation per equation that cannot be checked).
    /// Collected from a filter over the two sides chained, the collect was a call of its own or
    /// inlined as code elsewhere changed, which moved the rules' count by some 0.2 M
    /// instructions a run.
    #[inline(always)]
    fn equation_by<const COLLECTED: bool>(&mut self, rule: &RuleInfo, eq: Equation<'_>) {
        let Some(subject) = eq.lhs.first() else {
            return;
        };
        let all = || eq.lhs.iter().chain(eq.rhs.iter());
        let operands = eq.lhs.len() + eq.rhs.len();
        if COLLECTED {
            let blanks: Vec<&Operand> = all().filter(|o| o.value.is_none()).collect();
            if blanks.len() == operands {
                return;
            }
            if !blanks.is_empty() {
                let blanks = blanks.iter().copied();
                self.not_checkable(rule, &eq.place, subject, blanks);
                return;
            }
        } else {
            let mut n = 0;
            for o in &eq.lhs {
                n += usize::from(o.value.is_none());
            }
            for o in &eq.rhs {
                n += usize::from(o.value.is_none());
            }
            if n == operands {
                return;
            }
            if n > 0 {
                let blanks = all().filter(|o| o.value.is_none());
                self.not_checkable(rule, &eq.place, subject, blanks);
                return;
            }
        }
        let (Some(l), Some(r)) = (sum(&eq.lhs), sum(&eq.rhs)) else {
            return;
        };
        if l == r {
            return;
        }
        let mut d = Diagnostic::new(
            rule.code,
            format!(
                "{} broken {}: {}, but {}",
                rule.name,
                eq.place,
                side(&eq.lhs, l),
                side(&eq.rhs, r)
            ),
        )
        .with_span(subject.span)
        .at(subject.location())
        .expected_actual(r.normalize().to_string(), l.normalize().to_string());
        d.cells = all().map(|o| o.cell()).collect();
        self.diags.push(d);
    }

    /// `V100` for an equation at `place` whose operands `blanks` (at least one, not all) are
    /// blank: the message names them, the cells list them. Out of line: few equations reach it,
    /// and the rules that inline [`Out::equation`] stay as small as they were.
    #[cold]
    #[inline(never)]
    fn not_checkable<'o>(
        &mut self,
        rule: &RuleInfo,
        place: &str,
        subject: &Operand<'_>,
        blanks: impl Iterator<Item = &'o Operand<'o>> + Clone,
    ) {
        let mut d = Diagnostic::new(
            Code::V100,
            not_checkable_message_of(rule.name, place, blanks.clone()),
        )
        .with_span(subject.span)
        .at(subject.location());
        d.cells = blanks.map(|o| o.cell()).collect();
        self.diags.push(d);
    }

    /// A per-cell rule: the value must be of the kind `what` describes.
    pub(crate) fn bad_value(
        &mut self,
        rule: &RuleInfo,
        table: &Table,
        row: &str,
        cell: &crate::model::Cell,
        what: &str,
    ) {
        let Some(v) = cell.value else { return };
        let op = Operand {
            table: table.kind.number(),
            row,
            column: &cell.column,
            span: cell.span,
            label: Cow::Borrowed(""),
            value: Some(v),
            negative: false,
        };
        let mut d = Diagnostic::new(
            rule.code,
            format!(
                "{} broken in table {}, row {}, column {}: {} is not {}",
                rule.name,
                table.kind.number(),
                row,
                cell.column,
                v,
                what
            ),
        )
        .with_span(cell.span)
        .at(op.location())
        .expected_actual(what, v.to_string());
        d.cells = vec![op.cell()];
        self.diags.push(d);
    }
}

/// The message of an equation that cannot be checked for its `blanks` (at least one): the
/// pieces appended to one string sized for them, instead of a `format!` and a vector of the
/// labels joined into a string of its own. The same text as [`not_checkable_message_reference`]:
/// a proptest holds it.
#[cfg(test)]
pub(crate) fn not_checkable_message(name: &str, place: &str, blanks: &[&Operand]) -> String {
    not_checkable_message_of(name, place, blanks.iter().copied())
}

/// [`not_checkable_message`] of the operands `blanks` yields (at least one).
fn not_checkable_message_of<'o>(
    name: &str,
    place: &str,
    blanks: impl Iterator<Item = &'o Operand<'o>> + Clone,
) -> String {
    let (mut count, mut labels) = (0usize, 0usize);
    for o in blanks.clone() {
        count += 1;
        labels += o.label.len() + "、".len();
    }
    let mut m = String::with_capacity(name.len() + place.len() + labels + 32);
    m.push_str(name);
    m.push_str(" not checkable ");
    m.push_str(place);
    m.push_str(": ");
    for (k, o) in blanks.enumerate() {
        if k > 0 {
            m.push('、');
        }
        m.push_str(&o.label);
    }
    m.push_str(if count == 1 {
        " is blank"
    } else {
        " are blank"
    });
    m
}

/// [`not_checkable_message`] as first written, a `format!` of the labels joined: the reference
/// it is held to.
#[cfg(test)]
pub(crate) fn not_checkable_message_reference(
    name: &str,
    place: &str,
    blanks: &[&Operand],
) -> String {
    let names: Vec<&str> = blanks.iter().map(|o| o.label.as_ref()).collect();
    format!(
        "{} not checkable {}: {} {} blank",
        name,
        place,
        names.join("、"),
        if blanks.len() == 1 { "is" } else { "are" }
    )
}

/// The exact sum of a side, `None` when a value is blank or the sum overflows.
fn sum(ops: &[Operand]) -> Option<Decimal> {
    ops.iter().try_fold(Decimal::ZERO, |acc, o| {
        let v = o.value?.as_decimal();
        if o.negative {
            acc.checked_sub(v)
        } else {
            acc.checked_add(v)
        }
    })
}

/// `a (1) + b (2) − c (0) = 3`; a single operand is just `a (1)`; long sides list their non-zero
/// operands and count the rest.
fn side(ops: &[Operand], total: Decimal) -> String {
    let mut s = String::new();
    let mut zeros = 0usize;
    let mut first = true;
    for o in ops {
        let v = o.value.map(|v| v.as_decimal()).unwrap_or_default();
        if ops.len() > LIST_ALL_UP_TO && v.is_zero() {
            zeros += 1;
            continue;
        }
        if !first || o.negative {
            s.push_str(if o.negative { " − " } else { " + " });
        }
        first = false;
        s.push_str(&o.label);
        s.push_str(" (");
        s.push_str(&o.value.map(|v| v.to_string()).unwrap_or_default());
        s.push(')');
    }
    if zeros > 0 {
        if !first {
            s.push_str(" + ");
        }
        s.push_str(&format!("{zeros} more of 0"));
    }
    if ops.len() > 1 {
        s.push_str(&format!(" = {}", total.normalize()));
    }
    s.trim_start().to_string()
}

/// The row path without the `三、本年度办理结果/` prefix, as messages name result rows.
pub(crate) fn short_row(path: &str) -> &str {
    path.strip_prefix(table3::RESULTS_PREFIX).unwrap_or(path)
}

/// C5 and C9: every value of a count table is a non-negative integer.
fn non_negative_integers(rule: &RuleInfo, report: &Report, kind: TableKind, out: &mut Out) {
    let Some(t) = rule.table(report, kind) else {
        return;
    };
    for r in &t.rows {
        for c in &r.cells {
            if let Some(v) = c.value {
                if v.as_i64().is_none_or(|n| n < 0) {
                    out.bad_value(rule, t, &r.row, c, "a non-negative integer");
                }
            }
        }
    }
}
