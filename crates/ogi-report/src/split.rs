//! Glued digits: splitting runs of digits back into cells by the template's rules.
//!
//! (essay to be written with the implementation)

use std::ops::Range;

/// The arithmetic rule a single row must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowRule {
    /// No rule (table 2): every split is a candidate.
    Free,
    /// The last value is the sum of the others (table 3, rule C2).
    LastIsSum,
    /// Consecutive groups of this many values, each group's last value the sum of the others
    /// (table 4, rule C8: groups of 5).
    GroupTotals(usize),
}

/// A row whose value region must be split into `n` values.
#[derive(Debug, Clone)]
pub(crate) struct RowRuns<'a> {
    /// The text the ranges index into.
    pub text: &'a str,
    /// The digit runs of the row, in order: maximal `[0-9]+(\.[0-9]+)?` sequences, separated
    /// in the source by something that is certainly a cell boundary (space, `|`, …).
    pub runs: Vec<Range<usize>>,
    /// Number of values expected.
    pub n: usize,
    /// The row's own rule.
    pub rule: RowRule,
}

/// One reading of a row: `n` pieces, each a byte range of `RowRuns::text` and its value.
/// A piece with a decimal point has `value` = its integer part scaled by 10^scale... callers that
/// need the exact text use `range`; integer pieces carry their value in `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    pub pieces: Vec<Range<usize>>,
    /// Integer values of the pieces (`None` for a piece with a decimal point).
    pub values: Vec<Option<i128>>,
}

/// The candidates of one row.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCandidates {
    pub readings: Vec<Reading>,
    /// True when the search stopped at its bound: the list may be incomplete.
    pub truncated: bool,
}

/// A linear constraint across rows: Σ coef × value(row, col) = 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Constraint {
    pub terms: Vec<(usize, usize, i64)>,
}

/// The outcome for one row after the table-level rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// Exactly one reading survives (index into the row's readings).
    Unique(usize),
    /// Several survive (indices).
    Ambiguous(Vec<usize>),
    /// None survives.
    NoSplit,
}

/// A bound on the work of a search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub steps: usize,
    /// At most this many readings are kept per row.
    pub max_readings: usize,
}

/// Every way to split the row's runs into `n` pieces (no leading zeros except `0` itself, each run
/// giving at least one piece, a decimal point never at a piece boundary) that satisfies the row rule.
pub(crate) fn row_candidates(row: &RowRuns<'_>, budget: &mut Budget) -> RowCandidates {
    let _ = (row, budget);
    RowCandidates::default()
}

/// Choose, for every row, the readings that take part in at least one joint assignment
/// satisfying every constraint. `rows[i]` lists row i's readings (a row read without splitting has
/// exactly one reading; a row absent from the table has none, and constraints touching it are
/// skipped). `values(i, r, col)` of a reading is `rows[i][r].values[col]`.
pub(crate) fn resolve(
    rows: &[Vec<Reading>],
    constraints: &[Constraint],
    budget: &mut Budget,
) -> Vec<Resolution> {
    let _ = (constraints, budget);
    rows.iter()
        .map(|r| match r.len() {
            0 => Resolution::NoSplit,
            1 => Resolution::Unique(0),
            n => Resolution::Ambiguous((0..n).collect()),
        })
        .collect()
}

/// Fuzzing entry: split and check every reading against its rule.
#[cfg(feature = "fuzzing")]
pub(crate) fn fuzz_check(digits: &str, n: usize, rule: u8) {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in digits.char_indices() {
        match (c == ' ', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..digits.len());
    }
    let rule = match rule {
        0 => RowRule::Free,
        1 => RowRule::LastIsSum,
        _ => RowRule::GroupTotals(5),
    };
    let row = RowRuns { text: digits, runs, n, rule };
    let mut budget = Budget { steps: 200_000, max_readings: 64 };
    let cands = row_candidates(&row, &mut budget);
    for r in &cands.readings {
        assert_eq!(r.pieces.len(), n, "a reading has {} pieces for {n} values", r.pieces.len());
        if rule == RowRule::LastIsSum {
            if let Some(vals) = r.values.iter().copied().collect::<Option<Vec<i128>>>() {
                let (last, rest) = vals.split_last().unwrap_or((&0, &[]));
                assert_eq!(rest.iter().sum::<i128>(), *last, "a LastIsSum reading breaks its rule");
            }
        }
    }
}
