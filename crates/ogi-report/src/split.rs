//! Glued digits: splitting runs of digits back into cells by the template's rules.
//!
//! # The problem
//!
//! Crawlers that save a report page as text often flatten every table onto one line and drop
//! the cell boundaries, so the digits of adjacent cells run together:
//!
//! ```text
//! （一）予以公开6000017（二）部分公开…
//! …尚未审结总计10203120001200000
//! ```
//!
//! The first is a table-3 row of seven values (自然人, five 法人或其他组织 columns, 总计); the second
//! is the whole of table 4, fifteen values. Nothing in the text says where one cell ends. The
//! glue comes from HTML-to-text converters that concatenate `<td>` contents without a separator;
//! a few separators survive (a space from a `&nbsp;` cell, a line break from a `<br>`), and a
//! surviving separator *is* a certain boundary: `500000 5` is `5,0,0,0,0,0 | 5`, never `50,…`.
//! The caller hands this module the row's *runs* — maximal `[0-9]+(\.[0-9]+)?` sequences
//! separated by such certain boundaries, with full-width digits already normalised — and the
//! number `n` of values the template expects.
//!
//! # What a split is
//!
//! A split cuts the runs into exactly `n` *pieces*: every run gives at least one piece (a
//! certain boundary is never inside a piece), and every piece is a well-formed number as a
//! report writes it:
//!
//! - no leading zeros, except `0` itself: `05` is never a cell, so `000` can only be `0,0,0`,
//!   and a `0` inside a run always starts a piece of its own (or a `0.x` decimal);
//! - a decimal point is never at a piece boundary (`12.` and `.5` are not numbers) and a piece
//!   holds at most one point; `0.5` is fine. Table-2 amounts (`政府集中采购13575394432.52`) are
//!   the only decimals: counts under a row rule are integers (rules C5, C9), so a run with a point
//!   has no split under a rule. [`row_candidates_where`] lets the caller say which columns may
//!   hold a decimal at all (a count column never does).
//!
//! Each piece keeps its byte range, so the cell's `raw` and span come straight from the text.
//!
//! # The rules that decide
//!
//! The template gives most rows an arithmetic rule ([`RowRule`]):
//!
//! - table 3 (rule C2): the 7th value, 总计, is the sum of the six others (`LastIsSum`);
//! - table 4 (rule C8): three groups of five, each group's 5th value (总计) the sum of its first
//!   four (`GroupTotals(5)`);
//! - table 2 has no rule (`Free`): every well-formed split is a candidate.
//!
//! and the table adds rules across rows ([`Constraint`]): C1 (一 + 二 = （七）总计 + 四, per
//! column) and C3 (（七） = Σ of the result rows, per column). A row rule usually leaves one
//! split; when it leaves several, the table rules often pick one ([`resolve`]).
//!
//! # Enumeration and pruning
//!
//! The search is a depth-first walk over piece ends: piece `k` starts where piece `k − 1` ended
//! and may end anywhere in its run. Two counting bounds hold for every rule: the pieces still to
//! come must be at least the runs still to come (each needs one) and at most the characters
//! left (each needs one). They turn "where may this piece end?" into an interval, so the walk
//! never visits an end that char counting alone rules out.
//!
//! **`LastIsSum`** would be hopeless forwards (a 60-digit run has C(59, 6) ≈ 45 million ways to
//! place six cuts), so it goes the other way: the total is always a *suffix of the last run*, so
//! the walk first fixes the total's length `L` — at most 38 digits, see below — which fixes the
//! target sum `S`; then the first `n − 1` pieces are searched with the amount still needed:
//!
//! - a piece's value only grows as it gets longer, so the loop stops at the first piece worth
//!   more than what is still needed; and every later part is at most the amount still needed,
//!   so it has at most as many digits, which gives the *shortest* the current part may be (the
//!   later parts must be able to hold the characters it leaves);
//! - casting out nines: whatever the cuts, the parts sum to their digit sum modulo 9, so a
//!   total `S` whose residue differs from that of the digits before it is dropped at once
//!   (8 totals in 9 on random digits);
//! - with `c` characters and `m` pieces left, each at most the amount `r` still needed, the
//!   pieces sum to no less than `minsum` and no more than `maxsum`. In closed form: a piece of
//!   `l` digits is at least `10^(l−1)` (no leading zero) and at most `min(10^l − 1, r)`;
//!   spreading the `c − m` extra digits evenly minimises `Σ 10^(l−1)` (the cost of an extra
//!   digit grows with the digits already there: 0 → 10 → 100), and piling them onto as few
//!   pieces as `r`'s length allows maximises the sum. On a long run this is what bites first:
//!   six parts cannot sum to a short total, and a long total cannot be reached by six short
//!   parts, so only totals of about `len / n` digits are ever searched;
//! - for each total that survives those, the exact least and greatest sums of `k` pieces (each
//!   at most `S`) over the real digits from every position are tabulated (a small dynamic
//!   programme, positions × pieces × digits, skipped above 2^18 cells) and checked at every
//!   node;
//! - dead ends are remembered: `(position, pieces so far, amount still needed)` from which no
//!   reading followed is not searched again (periodic digits reach the same state by many
//!   paths; the memo keeps at most 2^16 entries).
//!
//! The worst 60-digit runs found (periodic ones such as `12345…`, whose many splits have nearly
//! equal sums) cost about 250 000 steps for `n = 7`; a real table-3 row costs under 50.
//!
//! **`GroupTotals(k)`** is walked forwards: a group's first `k − 1` pieces are searched, and its
//! total is not searched at all but *read* — it must be the decimal spelling of the partial
//! sum, right there in the text. A part is cut short once the characters left cannot hold the
//! group's other parts, the digits of the total so far and `k` characters per later group (the
//! total has at least as many digits as the partial sum, and the partial sum only grows with a
//! longer part). Dead ends are remembered the same way, keyed by the group's partial sum.
//!
//! # Bounds
//!
//! Hostile input (50 MB of digits) must cost bounded work, and the exact answer may have
//! millions of readings, so the search is bounded and *says so* when a bound bites:
//!
//! - [`Budget::steps`]: every piece end tried (and every node of the table search) costs one
//!   step, taken from the caller's budget so one budget can span a whole table;
//! - [`Budget::max_readings`]: at most that many readings are kept;
//! - values are `i128`: an integer piece of 39+ digits carries no value (`None`); under a rule
//!   such a piece (or a total that long) cannot be checked, and is only skipped when the digit
//!   counts prove it impossible;
//! - rows asking for more than 1024 pieces are not searched (the template's longest row is 15).
//!
//! Real rows are cheap (a glued table-3 row costs under 50 steps, table 4 under 50, a table-2
//! row under 200), so a budget of a million steps per table only ever bites on hostile input.
//!
//! Whenever a bound stops the search, `truncated` is set: the readings found are real, but the
//! list may be incomplete, so neither "unique" nor "no split" may be concluded from it. Run
//! validation (digits and points only, ranges inside the text) is linear in the row's length
//! and everything after it is bounded by the budget.
//!
//! # The table-level choice
//!
//! [`resolve`] takes each row's readings and the linear constraints `Σ coef · value = 0` and keeps,
//! per row, the readings that take part in at least one joint assignment satisfying every
//! constraint that applies. Rows with one reading are constants; a constraint whose rows are
//! all constants cannot help choose (if it is broken, that is the validator's business) and is
//! set aside. The remaining constraints link the rows that have a choice into independent
//! groups, and each group is searched on its own: backtracking that always assigns the row with
//! the fewest readings left, checks a constraint as soon as all its rows are assigned, and
//! filters the readings of a constraint's last unassigned row (forward checking). A reading is
//! kept only when a full assignment containing it was found — one search per reading not yet
//! seen in an earlier solution. A constraint touching an absent row (no readings), or a value
//! that is `None` (a decimal, a column the reading lacks) or overflows, is skipped, never
//! guessed. If the step budget runs out, the group falls back to the per-row answer
//! (ambiguous where a row has several readings): uniqueness is only claimed when proved.
//!
//! # Why ambiguity is reported rather than guessed
//!
//! The parser evaluates no sums except to split glued digits, and it says so. A guessed split
//! would put a number in the data that no one wrote: `693665` (table 2, three values, no rule)
//! has ten readings — `6/9/3665`, `69/3/665`, `693/6/65`, … — and only other years' reports
//! hint at which one is meant. So the module returns every candidate; the caller reports an
//! ambiguity with the candidates and leaves the cells unset.
//!
//! # Worked examples
//!
//! `6000017`, seven values, `LastIsSum`: a total of `7` leaves `600001` for six parts; the
//! zeros cannot start longer pieces, so the only cut is `6,0,0,0,0,1` and 6+0+0+0+0+1 = 7.
//! A total of `17` leaves five characters for six parts; longer totals start with `0`. One
//! reading: 6,0,0,0,0,1,7.
//!
//! `10203120001200000`, fifteen values, `GroupTotals(5)`: the first group's parts `1,0,2,0`
//! make 3, and `3` is what comes next; the second group `12,0,0,0` is followed by `12`; the
//! third group is five zeros. Trying `1,0,20,3` instead needs the total `24` where the text says
//! `1`, and so on: exactly one reading, 1,0,2,0,3 | 12,0,0,0,12 | 0,0,0,0,0.
//!
//! Table-level: in the 2021 report `（一）予以公开270020130` reads 27,0,0,2,0,1,30 or
//! 2,7,0,0,20,1,30, and `1.本机关不掌握相关政府信息220000325` reads 22,0,0,0,0,3,25 or
//! 2,20,0,0,0,3,25. C3 on the 自然人 column needs the two to sum to 49 (（七） is 63, the other
//! result rows make 14): only 27 + 22 does, so both rows are resolved.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Longest integer piece whose value is carried (10^38 − 1 < i128::MAX < 10^39).
const MAX_INT_DIGITS: usize = 38;
/// Most pieces a row may ask for (the template's longest row has 15 values).
const MAX_PIECES: usize = 1024;
/// Most cells of the exact sum-bound tables per total tried (positions × pieces × digits).
const MAX_BOUND_WORK: usize = 1 << 18;
/// Most dead ends remembered per row search (bounds the memo's memory).
const MAX_MEMO: usize = 1 << 16;
/// Most rows with a choice in one group of linked rows (bounds the search's recursion).
const MAX_GROUP_ROWS: usize = 1024;

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

/// One reading of a row: `n` pieces, each a byte range of `RowRuns::text`, and their values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The pieces' byte ranges in `RowRuns::text`, in order.
    pub pieces: Vec<Range<usize>>,
    /// Integer values of the pieces (`None` for a piece with a decimal point — use its range
    /// for the exact text — and for an integer of more than 38 digits).
    pub values: Vec<Option<i128>>,
}

/// The candidates of one row.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCandidates {
    /// The readings, ordered by their pieces' ranges (earliest cuts first).
    pub readings: Vec<Reading>,
    /// True when the search stopped at its bound: the list may be incomplete.
    pub truncated: bool,
}

/// A linear constraint across rows: Σ coef × value(row, col) = 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Constraint {
    /// The terms `(row, column, coefficient)`; rows index `resolve`'s `rows`.
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
    /// Steps left; every search step takes one.
    pub steps: usize,
    /// At most this many readings are kept per row.
    pub max_readings: usize,
}

/// The table-level choice with how it was reached ([`resolve_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// One resolution per row, as [`resolve`] returns them.
    pub rows: Vec<Resolution>,
    /// True when the step budget ran out and some rows fell back to their per-row answer.
    pub exhausted: bool,
    /// Rows with a choice that no joint assignment satisfies: the table breaks a rule whatever
    /// the split (these rows are `NoSplit`).
    pub inconsistent: Vec<usize>,
}

/// Every way to split the row's runs into `n` pieces (no leading zeros except `0` itself, each run
/// giving at least one piece, a decimal point never at a piece boundary) that satisfies the row rule.
pub(crate) fn row_candidates(row: &RowRuns<'_>, budget: &mut Budget) -> RowCandidates {
    let out = row_candidates_where(row, budget, |_| true);
    if cfg!(feature = "html") && out.readings.is_empty() && !out.truncated {
        // A doubled dash among glued figures is one mark (`64——2——470` of a table whose blank
        // cells are written `——`) or the marks of two cells (`64——2—470`, each written `—`):
        // when the first reading admits no split, the second is tried.
        let mut runs = Vec::with_capacity(row.runs.len() + 2);
        for r in &row.runs {
            let s = row.text.get(r.clone()).unwrap_or("");
            let mut cs = s.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), Some(b), None) if a == b && crate::cells::is_blank(s) => {
                    let m = r.start + a.len_utf8();
                    runs.push(r.start..m);
                    runs.push(m..r.end);
                }
                _ => runs.push(r.clone()),
            }
        }
        if runs.len() > row.runs.len() {
            let halves = RowRuns {
                text: row.text,
                runs,
                n: row.n,
                rule: row.rule,
            };
            return row_candidates_where(&halves, budget, |_| true);
        }
    }
    out
}

/// As [`row_candidates`], but a piece with a decimal point is allowed only in the columns for
/// which `decimal_ok(column)` holds (table 2's count columns never hold one:
/// `13575394432.52` as (count, amount) must not read `13575394432.5 | 2`).
pub(crate) fn row_candidates_where(
    row: &RowRuns<'_>,
    budget: &mut Budget,
    decimal_ok: impl Fn(usize) -> bool,
) -> RowCandidates {
    let mut out = RowCandidates::default();
    let n = row.n;
    if n == 0 {
        if row.runs.is_empty() {
            out.readings.push(Reading {
                pieces: Vec::new(),
                values: Vec::new(),
            });
        }
        return out;
    }
    if n > MAX_PIECES {
        out.truncated = true;
        return out;
    }
    if row.runs.is_empty() || row.runs.len() > n {
        return out;
    }
    let mut segs = Vec::with_capacity(row.runs.len());
    let mut total = 0usize;
    let mut any_point = false;
    // Blank marks among the runs (`64无无2无470`): each one piece, read as a zero; its piece is
    // given the mark's whole range once the search is done.
    let mut blanks: Vec<Range<usize>> = Vec::new();
    for r in &row.runs {
        let Some(s) = row.text.get(r.clone()) else {
            return out;
        };
        let bytes = if cfg!(feature = "html") && crate::cells::is_blank(s) {
            blanks.push(r.clone());
            b"0".as_slice()
        } else {
            s.as_bytes()
        };
        if bytes.is_empty() {
            return out;
        }
        let mut points = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'0'..=b'9' => {}
                b'.' => points.push(i),
                _ => return out,
            }
        }
        any_point |= !points.is_empty();
        total = total.saturating_add(bytes.len());
        segs.push(Seg {
            bytes,
            base: r.start,
            points,
        });
    }
    if total < n {
        return out;
    }
    match row.rule {
        RowRule::Free => {}
        RowRule::LastIsSum | RowRule::GroupTotals(_) if any_point => return out,
        RowRule::GroupTotals(k) if k == 0 || n % k != 0 => return out,
        RowRule::LastIsSum | RowRule::GroupTotals(_) => {}
    }
    let mut s = Search::new(segs, n, &decimal_ok, budget);
    match row.rule {
        RowRule::Free => s.free(0, 0),
        RowRule::LastIsSum => s.last_is_sum(total),
        RowRule::GroupTotals(k) => s.groups(k, 0, 0, 0),
    }
    out.truncated = s.truncated;
    out.readings = s.readings;
    if cfg!(feature = "html") && !blanks.is_empty() {
        for p in out.readings.iter_mut().flat_map(|r| r.pieces.iter_mut()) {
            if let Some(b) = blanks.iter().find(|b| b.start == p.start) {
                p.end = b.end;
            }
        }
    }
    out.readings.sort_by_cached_key(|r| {
        r.pieces
            .iter()
            .map(|p| (p.start, p.end))
            .collect::<Vec<_>>()
    });
    out
}

/// One run of the row, with the offsets of its decimal points.
struct Seg<'a> {
    bytes: &'a [u8],
    base: usize,
    points: Vec<usize>,
}

/// What a candidate piece turned out to be.
enum Piece {
    /// A well-formed piece and its value.
    Ok(Option<i128>),
    /// Not a piece, but a longer one from the same start may be.
    Bad,
    /// Neither this nor any longer piece from the same start is one.
    BadAndLonger,
}

/// The state of one row's search.
struct Search<'a, 'b> {
    segs: Vec<Seg<'a>>,
    /// Segments in play (`LastIsSum` takes the total off the end of the last run).
    count: usize,
    /// Length in play of segment `count − 1`.
    last_len: usize,
    /// `suffix[i]`: characters in play in segments `i..count`.
    suffix: Vec<usize>,
    n: usize,
    decimal_ok: &'b dyn Fn(usize) -> bool,
    budget: &'b mut Budget,
    pieces: Vec<Range<usize>>,
    values: Vec<Option<i128>>,
    readings: Vec<Reading>,
    truncated: bool,
    stop: bool,
    /// Positions `(run, offset, pieces so far, amount)` from which no reading follows.
    dead: Memo,
    /// `LastIsSum`: exact least/greatest sums of `k` pieces (each at most the total) covering
    /// the view from a position, at `[pos × n + k]`; empty when too big to build.
    least: Vec<Option<i128>>,
    most: Vec<Option<i128>>,
    /// Position in the view where each segment starts.
    seg_pos: Vec<usize>,
}

impl<'a, 'b> Search<'a, 'b> {
    fn new(
        segs: Vec<Seg<'a>>,
        n: usize,
        decimal_ok: &'b dyn Fn(usize) -> bool,
        budget: &'b mut Budget,
    ) -> Self {
        let count = segs.len();
        let last_len = segs.last().map_or(0, |s| s.bytes.len());
        let mut s = Search {
            segs,
            count,
            last_len,
            suffix: Vec::new(),
            n,
            decimal_ok,
            budget,
            pieces: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
            readings: Vec::new(),
            truncated: false,
            stop: false,
            dead: Memo::default(),
            least: Vec::new(),
            most: Vec::new(),
            seg_pos: Vec::new(),
        };
        s.set_view(count, last_len);
        s
    }

    /// Restrict the search to the first `count` segments, the last of them cut to `last_len`.
    fn set_view(&mut self, count: usize, last_len: usize) {
        self.count = count.min(self.segs.len());
        self.last_len = last_len;
        self.dead.clear();
        self.least.clear();
        self.most.clear();
        self.suffix.clear();
        self.suffix.resize(self.count + 1, 0);
        for i in (0..self.count).rev() {
            let here = self.seg_len(i);
            let after = self.suffix.get(i + 1).copied().unwrap_or(0);
            if let Some(slot) = self.suffix.get_mut(i) {
                *slot = here.saturating_add(after);
            }
        }
    }

    /// Fill `least`/`most` for splitting the view into up to `m` pieces, each at most `cap`
    /// (so at most `digits(cap)` digits), unless that would cost more than `MAX_BOUND_WORK`.
    fn build_bounds(&mut self, m: usize, cap: i128) {
        let c = self.suffix.first().copied().unwrap_or(0);
        let d = digits_i128(cap);
        if (c + 1).saturating_mul(m + 1).saturating_mul(d) > MAX_BOUND_WORK {
            return;
        }
        let mut flat = Vec::with_capacity(c);
        let mut seg_end = Vec::with_capacity(c);
        self.seg_pos.clear();
        for si in 0..self.count {
            self.seg_pos.push(flat.len());
            let len = self.seg_len(si);
            let bytes = self
                .segs
                .get(si)
                .and_then(|s| s.bytes.get(..len))
                .unwrap_or_default();
            flat.extend_from_slice(bytes);
            let end = flat.len();
            seg_end.resize(end, end);
        }
        let w = m + 1;
        let mut least = vec![None; (c + 1) * w];
        let mut most = vec![None; (c + 1) * w];
        if let (Some(a), Some(b)) = (least.get_mut(c * w), most.get_mut(c * w)) {
            *a = Some(0);
            *b = Some(0);
        }
        for pos in (0..c).rev() {
            let stop = seg_end.get(pos).copied().unwrap_or(pos).min(pos + d);
            let mut v: i128 = 0;
            for end in pos + 1..=stop {
                let Some(&digit) = flat.get(end - 1) else {
                    break;
                };
                if end > pos + 1 && flat.get(pos) == Some(&b'0') {
                    break;
                }
                v = match v
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(i128::from(digit.wrapping_sub(b'0'))))
                {
                    Some(x) if x <= cap => x,
                    _ => break,
                };
                for k in 1..=m {
                    let (Some(&lo_next), Some(&hi_next)) =
                        (least.get(end * w + k - 1), most.get(end * w + k - 1))
                    else {
                        continue;
                    };
                    let i = pos * w + k;
                    if let (Some(lo), Some(slot)) = (lo_next, least.get_mut(i)) {
                        let cand = v.saturating_add(lo);
                        *slot = Some(slot.map_or(cand, |x: i128| x.min(cand)));
                    }
                    if let (Some(hi), Some(slot)) = (hi_next, most.get_mut(i)) {
                        let cand = v.saturating_add(hi);
                        *slot = Some(slot.map_or(cand, |x: i128| x.max(cand)));
                    }
                }
            }
        }
        self.least = least;
        self.most = most;
    }

    /// Whether `k` pieces starting at `(si, off)` can sum to `need`, by the exact bounds
    /// (true when they were not built).
    fn reachable(&self, si: usize, off: usize, k: usize, need: i128) -> bool {
        if self.least.is_empty() {
            return true;
        }
        let pos = match self.seg_pos.get(si) {
            Some(&p) => p + off,
            None => self.suffix.first().copied().unwrap_or(0),
        };
        let i = pos * self.n + k;
        match (self.least.get(i), self.most.get(i)) {
            (Some(Some(lo)), Some(Some(hi))) => *lo <= need && need <= *hi,
            _ => false,
        }
    }

    fn seg_len(&self, si: usize) -> usize {
        if si + 1 == self.count {
            self.last_len
        } else {
            self.segs.get(si).map_or(0, |s| s.bytes.len())
        }
    }

    /// Whether the subtree at `key` is known to hold no reading.
    fn known_dead(&self, key: &(usize, usize, usize, i128)) -> bool {
        self.dead.contains(key)
    }

    /// Remember `key` as a dead end if its subtree, searched to the end, added no reading.
    fn mark_dead(&mut self, key: (usize, usize, usize, i128), before: usize) {
        if !self.stop && self.readings.len() == before && self.dead.len() < MAX_MEMO {
            self.dead.insert(key);
        }
    }

    fn later_chars(&self, si: usize) -> usize {
        self.suffix.get(si + 1).copied().unwrap_or(0)
    }

    /// Take one step of the budget; false (and the search stops) when none is left.
    fn tick(&mut self) -> bool {
        if self.budget.steps == 0 {
            self.truncated = true;
            self.stop = true;
            return false;
        }
        self.budget.steps -= 1;
        true
    }

    fn emit(&mut self, total: Option<(Range<usize>, i128)>) {
        if self.readings.len() >= self.budget.max_readings {
            self.truncated = true;
            self.stop = true;
            return;
        }
        let mut pieces = self.pieces.clone();
        let mut values = self.values.clone();
        if let Some((r, v)) = total {
            pieces.push(r);
            values.push(Some(v));
        }
        self.readings.push(Reading { pieces, values });
    }

    /// The interval of ends for a piece starting at `(si, off)` with `left_after` pieces to
    /// follow, from counting alone: later runs need a piece each, every piece a character.
    fn end_bounds(&self, si: usize, off: usize, left_after: usize) -> Option<(usize, usize)> {
        if si >= self.count {
            return None;
        }
        let len = self.seg_len(si);
        let later = self.later_chars(si);
        let later_segs = self.count - si - 1;
        if left_after < later_segs {
            return None;
        }
        let hi = len.min(len.saturating_add(later).checked_sub(left_after)?);
        let lo = if left_after > later_segs {
            off + 1
        } else {
            len
        };
        (lo <= hi && off < len).then_some((lo, hi))
    }

    fn piece(&self, si: usize, a: usize, b: usize, allow_point: bool) -> Piece {
        let Some(seg) = self.segs.get(si) else {
            return Piece::BadAndLonger;
        };
        let Some(bytes) = seg.bytes.get(a..b) else {
            return Piece::BadAndLonger;
        };
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return Piece::Bad;
        };
        if first == b'.' || (first == b'0' && bytes.get(1).is_some_and(|&c| c != b'.')) {
            return Piece::BadAndLonger;
        }
        let points =
            seg.points.partition_point(|&p| p < b) - seg.points.partition_point(|&p| p < a);
        if points > 1 || (points == 1 && !allow_point) {
            return Piece::BadAndLonger;
        }
        if last == b'.' {
            return Piece::Bad;
        }
        if points == 1 {
            return Piece::Ok(None);
        }
        Piece::Ok(int_value(bytes))
    }

    fn push(&mut self, si: usize, a: usize, b: usize, v: Option<i128>) {
        let base = self.segs.get(si).map_or(0, |s| s.base);
        self.pieces.push(base + a..base + b);
        self.values.push(v);
    }

    fn pop(&mut self) {
        self.pieces.pop();
        self.values.pop();
    }

    /// Where the piece after one ending at `end` of segment `si` starts.
    fn next_pos(&self, si: usize, end: usize) -> (usize, usize) {
        if end >= self.seg_len(si) {
            (si + 1, 0)
        } else {
            (si, end)
        }
    }

    fn free(&mut self, si: usize, off: usize) {
        let k = self.pieces.len();
        if k >= self.n {
            if si >= self.count {
                self.emit(None);
            }
            return;
        }
        let Some((lo, hi)) = self.end_bounds(si, off, self.n - k - 1) else {
            return;
        };
        let allow_point = (self.decimal_ok)(k);
        for end in lo..=hi {
            if !self.tick() {
                return;
            }
            match self.piece(si, off, end, allow_point) {
                Piece::BadAndLonger => break,
                Piece::Bad => continue,
                Piece::Ok(v) => {
                    self.push(si, off, end, v);
                    let (nsi, noff) = self.next_pos(si, end);
                    self.free(nsi, noff);
                    self.pop();
                    if self.stop {
                        return;
                    }
                }
            }
        }
    }

    fn last_is_sum(&mut self, total: usize) {
        let nseg = self.segs.len();
        let Some(last) = nseg.checked_sub(1) else {
            return;
        };
        let (last_full, base) = match self.segs.get(last) {
            Some(s) => (s.bytes.len(), s.base),
            None => return,
        };
        let m = self.n - 1;
        let digit_sum: i128 = self.segs.iter().map(|s| digit_sum_of(s.bytes)).sum();
        for l in 1..=last_full.min(MAX_INT_DIGITS) {
            if !self.tick() {
                return;
            }
            let start = last_full - l;
            let Some(tb) = self.segs.get(last).and_then(|s| s.bytes.get(start..)) else {
                continue;
            };
            if l > 1 && tb.first() == Some(&b'0') {
                continue;
            }
            let Some(s) = int_value(tb) else { continue };
            let (count, last_len) = if start == 0 {
                (
                    last,
                    last.checked_sub(1)
                        .and_then(|p| self.segs.get(p))
                        .map_or(0, |s| s.bytes.len()),
                )
            } else {
                (nseg, start)
            };
            if count > m {
                continue;
            }
            // Casting out nines: every split of the parts sums to their digit sum mod 9.
            if mod9(digit_sum - digit_sum_of(tb)) != mod9(s) {
                continue;
            }
            let Some((lo, hi)) = sum_range(total - l, m, s) else {
                continue;
            };
            if s < lo || s > hi {
                continue;
            }
            self.set_view(count, last_len);
            self.build_bounds(m, s);
            if !self.reachable(0, 0, m, s) {
                continue;
            }
            let total_piece = (base + start..base + last_full, s);
            if m == 0 {
                self.emit(Some(total_piece));
            } else {
                self.sum_parts(0, 0, s, &total_piece);
            }
            if self.stop {
                return;
            }
        }
        // Totals of 39+ digits are not evaluated; say so unless digit counts rule them all out:
        // every part is at most the total (so `total ≤ n·L`), and m parts whose longest has
        // M ≤ c − m + 1 digits sum to at most M + digits(m) digits (so `2L ≤ total − m + 1 + d`).
        if last_full > MAX_INT_DIGITS && m > 0 {
            let lo = (MAX_INT_DIGITS + 1).max(total.div_ceil(self.n));
            let hi = last_full.min(
                total
                    .saturating_add(2 + digits_usize(m))
                    .saturating_sub(self.n)
                    / 2,
            );
            if lo <= hi {
                self.truncated = true;
            }
        }
    }

    /// The first `n − 1` pieces of a `LastIsSum` row, which must add up to `need` more.
    fn sum_parts(&mut self, si: usize, off: usize, need: i128, total: &(Range<usize>, i128)) {
        let k = self.pieces.len();
        if k + 1 >= self.n {
            if need == 0 && si >= self.count {
                self.emit(Some(total.clone()));
            }
            return;
        }
        let left_after = self.n - k - 2;
        let Some((lo, hi)) = self.end_bounds(si, off, left_after) else {
            return;
        };
        let key = (si, off, k, need);
        if self.known_dead(&key) {
            return;
        }
        let before = self.readings.len();
        let len = self.seg_len(si);
        let later = self.later_chars(si);
        // Every later part is at most `need`, so it has at most digits(need) digits: this part
        // must leave no more characters than the later parts can hold.
        let lo = lo.max((len + later).saturating_sub(left_after.saturating_mul(digits_i128(need))));
        let bytes = self.segs.get(si).map_or(&[][..], |s| s.bytes);
        // Rule rows hold no points, so a piece is well formed unless it has a leading zero;
        // its value grows one digit per step of the loop.
        let hi = if bytes.get(off) == Some(&b'0') {
            hi.min(off + 1)
        } else {
            hi
        };
        let Some(mut v) = bytes.get(off..lo.saturating_sub(1).max(off)).and_then(|b| {
            if b.is_empty() {
                Some(0)
            } else {
                int_value(b)
            }
        }) else {
            return;
        };
        for end in lo..=hi {
            if !self.tick() {
                return;
            }
            let digit = bytes
                .get(end - 1)
                .map_or(0, |&d| i128::from(d.wrapping_sub(b'0')));
            v = match v.checked_mul(10).and_then(|x| x.checked_add(digit)) {
                Some(x) if x <= need => x,
                _ => break,
            };
            let rest = need - v;
            match sum_range(len - end + later, left_after, rest) {
                Some((a, b)) if a <= rest && rest <= b => {}
                _ => continue,
            }
            let (nsi, noff) = self.next_pos(si, end);
            if !self.reachable(nsi, noff, left_after, rest) {
                continue;
            }
            self.push(si, off, end, Some(v));
            self.sum_parts(nsi, noff, rest, total);
            self.pop();
            if self.stop {
                return;
            }
        }
        self.mark_dead(key, before);
    }

    /// `GroupTotals(k)`, forwards; `p` is the current group's partial sum.
    fn groups(&mut self, k: usize, si: usize, off: usize, p: i128) {
        let idx = self.pieces.len();
        if idx >= self.n {
            if si >= self.count {
                self.emit(None);
            }
            return;
        }
        let j = idx % k;
        let left_after = self.n - idx - 1;
        let groups_after = (self.n - (idx - j) - k) / k;
        let Some((lo, hi)) = self.end_bounds(si, off, left_after) else {
            return;
        };
        let len = self.seg_len(si);
        if j + 1 == k {
            if !self.tick() {
                return;
            }
            // Spelled as a `u64` (no cell's digits spell a sum beyond it, nor one below zero):
            // `i128`'s own formatting is 1.6 KB of WebAssembly no other code needs.
            let Ok(p64) = u64::try_from(p) else {
                return;
            };
            let spelled = p64.to_string();
            let end = off + spelled.len();
            let here = self.segs.get(si).and_then(|s| s.bytes.get(off..end));
            if end < lo || end > hi || here != Some(spelled.as_bytes()) {
                return;
            }
            self.push(si, off, end, Some(p));
            let (nsi, noff) = self.next_pos(si, end);
            self.groups(k, nsi, noff, 0);
            self.pop();
            return;
        }
        let key = (si, off, idx, p);
        if self.known_dead(&key) {
            return;
        }
        let before = self.readings.len();
        let later = self.later_chars(si);
        let others = (k - 2 - j).saturating_add(k.saturating_mul(groups_after));
        for end in lo..=hi {
            if !self.tick() {
                return;
            }
            let chars_after = len - end + later;
            let v = match self.piece(si, off, end, false) {
                Piece::BadAndLonger => break,
                Piece::Bad => continue,
                Piece::Ok(v) => v,
            };
            match v.and_then(|v| p.checked_add(v)) {
                Some(p2) => {
                    if chars_after < others.saturating_add(digits_i128(p2)) {
                        break;
                    }
                    self.push(si, off, end, v);
                    let (nsi, noff) = self.next_pos(si, end);
                    self.groups(k, nsi, noff, p2);
                    self.pop();
                    if self.stop {
                        return;
                    }
                }
                None => {
                    // The group's total would need 39+ digits: not evaluated. Longer parts
                    // only make it longer, so stop here either way.
                    if chars_after >= others.saturating_add(MAX_INT_DIGITS + 1) {
                        self.truncated = true;
                    }
                    break;
                }
            }
        }
        self.mark_dead(key, before);
    }
}

/// The value of an ASCII integer of at most 38 digits.
fn int_value(bytes: &[u8]) -> Option<i128> {
    if bytes.is_empty() || bytes.len() > MAX_INT_DIGITS {
        return None;
    }
    let mut v: i128 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(v)
}

/// The sum of the decimal digits (points ignored).
fn digit_sum_of(bytes: &[u8]) -> i128 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_digit())
        .map(|&b| i128::from(b - b'0'))
        .sum()
}

/// The memo of dead ends: `(run, offset, pieces so far, amount)`.
type Memo = HashSet<(usize, usize, usize, i128), BuildHasherDefault<MemoHasher>>;

/// A multiplicative hasher for the memo's integer keys: SipHash costs more than the search step
/// a hit saves. The memo is bounded (`MAX_MEMO`) and keyed by positions and sums the input can
/// only steer so far, so a weak hash costs time, never correctness.
#[derive(Default)]
struct MemoHasher(u64);

impl MemoHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for MemoHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
    fn write_i128(&mut self, v: i128) {
        self.add(v as u64);
        self.add((v >> 64) as u64);
    }
}

/// Powers of ten that fit an `i128`: `POW10[e] = 10^e` for `e ≤ 38`.
// Evaluated by the compiler: an index out of bounds would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
const POW10: [i128; MAX_INT_DIGITS + 1] = {
    let mut t = [1i128; MAX_INT_DIGITS + 1];
    let mut i = 1;
    while i <= MAX_INT_DIGITS {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `v % 9` (with `v`'s sign), for casting out nines, from its two 64-bit halves (`2^64 ≡ 7`
/// mod 9): `i128`'s remainder is 1 KB of WebAssembly no other code needs.
fn mod9(v: i128) -> i64 {
    let u = v.unsigned_abs();
    let half = |x: u128| u64::try_from(x & u128::from(u64::MAX)).unwrap_or(0) % 9;
    let r = i64::try_from((half(u >> 64) * 7 + half(u)) % 9).unwrap_or(0);
    if v < 0 {
        -r
    } else {
        r
    }
}

/// 10^e, saturating at `i128::MAX`.
fn pow10(e: usize) -> i128 {
    POW10.get(e).copied().unwrap_or(i128::MAX)
}

/// Decimal digits of a non-negative value (by comparison: `i128` division is slow).
fn digits_i128(v: i128) -> usize {
    POW10.partition_point(|&p| p <= v).max(1)
}

fn digits_usize(v: usize) -> usize {
    let mut d = 1;
    let mut v = v / 10;
    while v != 0 {
        d += 1;
        v /= 10;
    }
    d
}

/// The least and greatest sums `m` integer pieces, each at most `cap`, can have when they cover
/// `c` characters, or `None` when they cannot cover them (a piece of `cap` has at most
/// `digits(cap)` digits). Saturating: huge bounds become `i128::MAX`.
fn sum_range(c: usize, m: usize, cap: i128) -> Option<(i128, i128)> {
    if m == 0 {
        return (c == 0).then_some((0, 0));
    }
    let d = digits_i128(cap);
    if c < m || cap < 0 || c > m.saturating_mul(d) {
        return None;
    }
    let x = c - m;
    let count = |k: usize| i128::try_from(k).unwrap_or(i128::MAX);
    // Least: the extra digits spread evenly (each extra digit costs more than the last).
    let (q, r) = (x / m, x % m);
    let g = |e: usize| if e == 0 { 0 } else { pow10(e) };
    let min = g(q + 1)
        .saturating_mul(count(r))
        .saturating_add(g(q).saturating_mul(count(m - r)));
    // Greatest: the extra digits piled onto as few pieces as the cap allows; a piece as long as
    // the cap is at most the cap.
    let top = |l: usize| {
        if l >= d {
            cap
        } else {
            pow10(l).saturating_sub(1)
        }
    };
    let (full, rest) = if d == 1 {
        (0, 0)
    } else {
        (x / (d - 1), x % (d - 1))
    };
    let max = top(d)
        .saturating_mul(count(full))
        .saturating_add(if full < m {
            top(1 + rest).saturating_add(count(m - full - 1).saturating_mul(top(1)))
        } else {
            0
        });
    Some((min, max))
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
    resolve_with(rows, &[], constraints, budget).rows
}

/// As [`resolve`], with rows whose candidate list may be incomplete (`incomplete[i]`, from
/// [`RowCandidates::truncated`]): such a row's true reading may be missing, so constraints
/// touching it are skipped (they could otherwise force a wrong reading on another row) and it is
/// never `Unique` (`Ambiguous` may then list one index). Also says whether the budget ran out and
/// which rows no joint assignment satisfies.
pub(crate) fn resolve_with(
    rows: &[Vec<Reading>],
    incomplete: &[bool],
    constraints: &[Constraint],
    budget: &mut Budget,
) -> Resolved {
    let inc = |r: usize| incomplete.get(r).copied().unwrap_or(false);
    let mut out = Resolved {
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| per_row(r.len(), inc(i)))
            .collect(),
        exhausted: false,
        inconsistent: Vec::new(),
    };
    let choice: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| r.len() >= 2 && !inc(i))
        .collect();

    // Fold the constant rows into each constraint; keep those that involve a choice.
    let mut active: Vec<(i128, Terms)> = Vec::new();
    'c: for c in constraints {
        let mut constant: i128 = 0;
        let mut terms = Vec::new();
        for &(r, col, coef) in &c.terms {
            let Some(readings) = rows.get(r) else {
                continue 'c;
            };
            if readings.is_empty() || inc(r) {
                continue 'c;
            }
            let coef = i128::from(coef);
            if choice.get(r).copied().unwrap_or(false) {
                terms.push((r, col, coef));
                continue;
            }
            let v = readings
                .first()
                .and_then(|x| x.values.get(col).copied().flatten());
            match v
                .and_then(|v| v.checked_mul(coef))
                .and_then(|t| constant.checked_add(t))
            {
                Some(s) => constant = s,
                None => continue 'c,
            }
        }
        if !terms.is_empty() {
            active.push((constant, terms));
        }
    }

    // Rows linked by a constraint are decided together; unlinked groups independently.
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    for (_, terms) in &active {
        if let Some(&(first, _, _)) = terms.first() {
            for &(r, _, _) in terms {
                union(&mut parent, first, r);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (_, terms) in &active {
        for &(r, _, _) in terms {
            let root = find(&mut parent, r);
            match groups.iter_mut().find(|(g, _)| *g == root) {
                Some((_, members)) => {
                    if !members.contains(&r) {
                        members.push(r);
                    }
                }
                None => groups.push((root, vec![r])),
            }
        }
    }
    for (root, mut members) in groups {
        crate::sort_usizes(&mut members);
        let mut cons = Vec::new();
        for (constant, terms) in &active {
            let Some(&(first, _, _)) = terms.first() else {
                continue;
            };
            if find(&mut parent, first) != root {
                continue;
            }
            let lterms: Vec<(usize, usize, i128)> = terms
                .iter()
                .filter_map(|&(r, col, coef)| {
                    members.iter().position(|&m| m == r).map(|l| (l, col, coef))
                })
                .collect();
            let mut lrows: Vec<usize> = lterms.iter().map(|t| t.0).collect();
            crate::sort_usizes(&mut lrows);
            lrows.dedup();
            cons.push(LocalCons {
                constant: *constant,
                terms: lterms,
                rows: lrows,
            });
        }
        let mut joint = Joint::new(rows, &members, cons, budget);
        match joint.solve() {
            Solved::Exhausted => out.exhausted = true,
            Solved::Inconsistent => {
                for &g in &members {
                    if let Some(slot) = out.rows.get_mut(g) {
                        *slot = Resolution::NoSplit;
                    }
                    out.inconsistent.push(g);
                }
            }
            Solved::Supported(sets) => {
                for (&g, set) in members.iter().zip(sets) {
                    if let Some(slot) = out.rows.get_mut(g) {
                        *slot = match set.as_slice() {
                            [] => Resolution::NoSplit,
                            [one] => Resolution::Unique(*one),
                            _ => Resolution::Ambiguous(set),
                        };
                    }
                }
            }
        }
    }
    crate::sort_usizes(&mut out.inconsistent);
    out
}

/// Terms `(row, column, coefficient)` of a constraint.
type Terms = Vec<(usize, usize, i128)>;

/// The answer for a row from its own candidates alone.
fn per_row(len: usize, incomplete: bool) -> Resolution {
    match len {
        0 => Resolution::NoSplit,
        1 if !incomplete => Resolution::Unique(0),
        n => Resolution::Ambiguous((0..n).collect()),
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    let mut root = x;
    while let Some(&p) = parent.get(root) {
        if p == root {
            break;
        }
        root = p;
    }
    while let Some(&p) = parent.get(x) {
        if p == root {
            break;
        }
        if let Some(slot) = parent.get_mut(x) {
            *slot = root;
        }
        x = p;
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        if let Some(slot) = parent.get_mut(rb) {
            *slot = ra;
        }
    }
}

/// A constraint over one group's rows (local indices), the constant rows folded in.
struct LocalCons {
    constant: i128,
    terms: Vec<(usize, usize, i128)>,
    rows: Vec<usize>,
}

/// How a group's search ended.
enum Solved {
    /// Per row, the readings found in at least one full assignment.
    Supported(Vec<Vec<usize>>),
    /// No full assignment exists.
    Inconsistent,
    /// The budget ran out.
    Exhausted,
}

/// How one backtracking search ended.
enum Found {
    Yes,
    No,
    Exhausted,
}

/// The joint search over one group of linked rows.
struct Joint<'r, 'b> {
    rows: &'r [Vec<Reading>],
    members: &'r [usize],
    cons: Vec<LocalCons>,
    by_row: Vec<Vec<usize>>,
    budget: &'b mut Budget,
}

impl<'r, 'b> Joint<'r, 'b> {
    fn new(
        rows: &'r [Vec<Reading>],
        members: &'r [usize],
        cons: Vec<LocalCons>,
        budget: &'b mut Budget,
    ) -> Self {
        let mut by_row = vec![Vec::new(); members.len()];
        for (ci, c) in cons.iter().enumerate() {
            for &r in &c.rows {
                if let Some(list) = by_row.get_mut(r) {
                    list.push(ci);
                }
            }
        }
        Joint {
            rows,
            members,
            cons,
            by_row,
            budget,
        }
    }

    fn readings(&self, local: usize) -> usize {
        self.members
            .get(local)
            .and_then(|&g| self.rows.get(g))
            .map_or(0, Vec::len)
    }

    fn value(&self, local: usize, reading: usize, col: usize) -> Option<i128> {
        let g = *self.members.get(local)?;
        self.rows
            .get(g)?
            .get(reading)?
            .values
            .get(col)
            .copied()
            .flatten()
    }

    /// Whether constraint `ci` holds with `assign` (plus `extra`, a tentative assignment).
    /// `None` when a row is unassigned; a `None` value or an overflow skips the constraint.
    fn holds(
        &self,
        ci: usize,
        assign: &[Option<usize>],
        extra: Option<(usize, usize)>,
    ) -> Option<bool> {
        let c = self.cons.get(ci)?;
        let mut sum = c.constant;
        for &(lr, col, coef) in &c.terms {
            let ri = match extra {
                Some((x, r)) if x == lr => r,
                _ => (*assign.get(lr)?)?,
            };
            let next = self
                .value(lr, ri, col)
                .and_then(|v| v.checked_mul(coef))
                .and_then(|t| sum.checked_add(t));
            match next {
                Some(s) => sum = s,
                None => return Some(true),
            }
        }
        Some(sum == 0)
    }

    /// Check the constraints `cids`: those fully assigned must hold, and those with one
    /// unassigned row filter that row's readings. False at a dead end.
    fn propagate(
        &self,
        cids: &[usize],
        assign: &[Option<usize>],
        domains: &mut [Vec<usize>],
    ) -> bool {
        for &ci in cids {
            let Some(c) = self.cons.get(ci) else { continue };
            let mut open = c
                .rows
                .iter()
                .filter(|&&r| assign.get(r).copied().flatten().is_none());
            match (open.next(), open.next()) {
                (None, _) if self.holds(ci, assign, None) == Some(false) => return false,
                (None, _) => {}
                (Some(&y), None) => {
                    let Some(dom) = domains.get(y) else { continue };
                    let kept: Vec<usize> = dom
                        .iter()
                        .copied()
                        .filter(|&r| self.holds(ci, assign, Some((y, r))) != Some(false))
                        .collect();
                    if kept.is_empty() {
                        return false;
                    }
                    if let Some(slot) = domains.get_mut(y) {
                        *slot = kept;
                    }
                }
                _ => {}
            }
        }
        true
    }

    fn dfs(&mut self, assign: &mut [Option<usize>], domains: Vec<Vec<usize>>) -> Found {
        if self.budget.steps == 0 {
            return Found::Exhausted;
        }
        self.budget.steps -= 1;
        let pick = (0..assign.len())
            .filter(|&i| assign.get(i).copied().flatten().is_none())
            .min_by_key(|&i| domains.get(i).map_or(0, Vec::len));
        let Some(x) = pick else { return Found::Yes };
        let choices = domains.get(x).cloned().unwrap_or_default();
        let cids = self.by_row.get(x).cloned().unwrap_or_default();
        for r in choices {
            if let Some(slot) = assign.get_mut(x) {
                *slot = Some(r);
            }
            let mut next = domains.clone();
            if let Some(slot) = next.get_mut(x) {
                *slot = vec![r];
            }
            if self.propagate(&cids, assign, &mut next) {
                match self.dfs(assign, next) {
                    Found::No => {}
                    other => return other,
                }
            }
            if let Some(slot) = assign.get_mut(x) {
                *slot = None;
            }
        }
        Found::No
    }

    fn solve(&mut self) -> Solved {
        let len = self.members.len();
        if len > MAX_GROUP_ROWS {
            return Solved::Exhausted;
        }
        let mut root: Vec<Vec<usize>> = (0..len).map(|l| (0..self.readings(l)).collect()).collect();
        let mut assign = vec![None; len];
        let all: Vec<usize> = (0..self.cons.len()).collect();
        if !self.propagate(&all, &assign, &mut root) {
            return Solved::Inconsistent;
        }
        let mut supported: Vec<Vec<bool>> =
            (0..len).map(|l| vec![false; self.readings(l)]).collect();
        // One unrestricted search first: it proves consistency and usually marks most readings.
        // Then one search per reading not yet seen in a solution, with that reading imposed.
        let mut tasks = vec![None];
        for (l, dom) in root.iter().enumerate() {
            tasks.extend(dom.iter().map(|&r| Some((l, r))));
        }
        for task in tasks {
            let mut domains = root.clone();
            if let Some((l, r)) = task {
                if supported
                    .get(l)
                    .and_then(|s| s.get(r))
                    .copied()
                    .unwrap_or(false)
                {
                    continue;
                }
                if let Some(slot) = domains.get_mut(l) {
                    *slot = vec![r];
                }
            }
            match self.dfs(&mut assign, domains) {
                Found::Exhausted => return Solved::Exhausted,
                Found::No if task.is_none() => return Solved::Inconsistent,
                Found::No => {}
                Found::Yes => {
                    for (a, s) in assign.iter().zip(supported.iter_mut()) {
                        if let Some(b) = a.and_then(|a| s.get_mut(a)) {
                            *b = true;
                        }
                    }
                }
            }
            assign.iter_mut().for_each(|a| *a = None);
        }
        Solved::Supported(
            supported
                .into_iter()
                .map(|s| {
                    s.iter()
                        .enumerate()
                        .filter(|(_, &b)| b)
                        .map(|(i, _)| i)
                        .collect()
                })
                .collect(),
        )
    }
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
    let row = RowRuns {
        text: digits,
        runs,
        n,
        rule,
    };
    let mut budget = Budget {
        steps: 200_000,
        max_readings: 64,
    };
    let cands = row_candidates(&row, &mut budget);
    for r in &cands.readings {
        assert_eq!(
            r.pieces.len(),
            n,
            "a reading has {} pieces for {n} values",
            r.pieces.len()
        );
        if rule == RowRule::LastIsSum {
            if let Some(vals) = r.values.iter().copied().collect::<Option<Vec<i128>>>() {
                let (last, rest) = vals.split_last().unwrap_or((&0, &[]));
                assert_eq!(
                    rest.iter().sum::<i128>(),
                    *last,
                    "a LastIsSum reading breaks its rule"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BIG: Budget = Budget {
        steps: 10_000_000,
        max_readings: 100_000,
    };

    /// The row `text`, its runs being its space-separated parts.
    fn row(text: &str, n: usize, rule: RowRule) -> RowRuns<'_> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, b) in text
            .bytes()
            .enumerate()
            .chain(std::iter::once((text.len(), b' ')))
        {
            match (b == b' ', start) {
                (true, Some(s)) => {
                    runs.push(s..i);
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        RowRuns {
            text,
            runs,
            n,
            rule,
        }
    }

    fn cands(text: &str, n: usize, rule: RowRule) -> RowCandidates {
        let c = row_candidates(&row(text, n, rule), &mut BIG.clone());
        assert!(!c.truncated, "{text}: truncated");
        c
    }

    fn vals(r: &Reading) -> Vec<i128> {
        r.values.iter().map(|v| v.expect("integer piece")).collect()
    }

    fn all_vals(c: &RowCandidates) -> Vec<Vec<i128>> {
        c.readings.iter().map(vals).collect()
    }

    /// Readings spelled `a/b/c`, as the gold files list them.
    fn spelled(text: &str, c: &RowCandidates) -> Vec<String> {
        c.readings
            .iter()
            .map(|r| {
                r.pieces
                    .iter()
                    .map(|p| &text[p.clone()])
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    fn gold_list(list: &str) -> Vec<String> {
        list.split("; ").map(str::to_owned).collect()
    }

    #[test]
    fn c2_row_6000017_is_unique() {
        let c = cands("6000017", 7, RowRule::LastIsSum);
        assert_eq!(all_vals(&c), vec![vec![6, 0, 0, 0, 0, 1, 7]]);
        assert_eq!(
            c.readings[0].pieces,
            vec![0..1, 1..2, 2..3, 3..4, 4..5, 5..6, 6..7]
        );
    }

    #[test]
    fn c8_table4_runs_are_unique() {
        // 2021: the issue's example.
        let c = cands("10203120001200000", 15, RowRule::GroupTotals(5));
        assert_eq!(
            all_vals(&c),
            vec![vec![1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]]
        );
        // 2023.
        let c = cands("110024001510102", 15, RowRule::GroupTotals(5));
        assert_eq!(
            all_vals(&c),
            vec![vec![1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]]
        );
        // 2019: fifteen zeros.
        let c = cands("000000000000000", 15, RowRule::GroupTotals(5));
        assert_eq!(all_vals(&c), vec![vec![0; 15]]);
        // Without the rule the 2021 run has many readings: the rule is what decides.
        let free = cands("10203120001200000", 15, RowRule::Free);
        assert!(free.readings.len() > 1);
    }

    #[test]
    fn group_totals_rejects_impossible_shapes() {
        assert!(cands("12345", 5, RowRule::GroupTotals(0))
            .readings
            .is_empty());
        assert!(cands("1234567", 7, RowRule::GroupTotals(5))
            .readings
            .is_empty());
        assert_eq!(
            all_vals(&cands("00", 2, RowRule::GroupTotals(1))),
            vec![vec![0, 0]]
        );
        // A total that is not the sum.
        assert!(cands("10203120001200001", 15, RowRule::GroupTotals(5))
            .readings
            .is_empty());
    }

    #[test]
    fn stray_space_is_a_certain_boundary() {
        // 2021 （二）部分公开: `500000 5`.
        let c = cands("500000 5", 7, RowRule::LastIsSum);
        assert_eq!(all_vals(&c), vec![vec![5, 0, 0, 0, 0, 0, 5]]);
        assert_eq!(c.readings[0].pieces.last(), Some(&(7..8)));
        // No piece crosses a space.
        assert_eq!(
            spelled("123", &cands("123", 2, RowRule::Free)),
            vec!["1/23", "12/3"]
        );
        assert_eq!(
            spelled("1 23", &cands("1 23", 2, RowRule::Free)),
            vec!["1/23"]
        );
        // Each run gives at least one piece.
        assert!(cands("1 1 2", 2, RowRule::Free).readings.is_empty());
    }

    #[test]
    fn spaced_zeros_2019() {
        assert_eq!(
            all_vals(&cands("0 0 0 0 0 00", 7, RowRule::LastIsSum)),
            vec![vec![0; 7]]
        );
        assert_eq!(
            all_vals(&cands(" 0 0 00 00 0 ", 7, RowRule::LastIsSum)),
            vec![vec![0; 7]]
        );
        assert_eq!(
            all_vals(&cands("230 000023", 7, RowRule::LastIsSum)),
            vec![vec![23, 0, 0, 0, 0, 0, 23]]
        );
        assert_eq!(
            all_vals(&cands("23 0 00 0 023", 7, RowRule::LastIsSum)),
            vec![vec![23, 0, 0, 0, 0, 0, 23]]
        );
    }

    #[test]
    fn leading_zeros_and_points() {
        assert_eq!(
            all_vals(&cands("000", 3, RowRule::Free)),
            vec![vec![0, 0, 0]]
        );
        assert!(cands("05", 1, RowRule::Free).readings.is_empty());
        assert!(cands("00", 1, RowRule::Free).readings.is_empty());
        let half = cands("0.5", 1, RowRule::Free);
        assert_eq!(half.readings.len(), 1);
        assert_eq!(half.readings[0].values, vec![None]);
        // The point never sits at a boundary: `0.53` is only 0.5 | 3.
        assert_eq!(
            spelled("0.53", &cands("0.53", 2, RowRule::Free)),
            vec!["0.5/3"]
        );
        // At most one point per piece.
        assert!(cands("1.2.3", 2, RowRule::Free).readings.is_empty());
        assert_eq!(
            spelled("1.23.4", &cands("1.23.4", 2, RowRule::Free)),
            vec!["1.2/3.4"]
        );
        assert!(cands("12.", 1, RowRule::Free).readings.is_empty());
        assert!(cands(".5", 1, RowRule::Free).readings.is_empty());
        // Counts under a rule are integers.
        assert!(cands("1.5000001", 7, RowRule::LastIsSum)
            .readings
            .is_empty());
    }

    #[test]
    fn invalid_runs_give_nothing() {
        let text = "12a4";
        let r = RowRuns {
            text,
            runs: std::iter::once(0..4).collect(),
            n: 2,
            rule: RowRule::Free,
        };
        assert!(row_candidates(&r, &mut BIG.clone()).readings.is_empty());
        let r = RowRuns {
            text,
            runs: std::iter::once(0..9).collect(),
            n: 2,
            rule: RowRule::Free,
        };
        assert!(row_candidates(&r, &mut BIG.clone()).readings.is_empty());
        let text = "１２";
        let r = RowRuns {
            text,
            runs: std::iter::once(0..1).collect(),
            n: 1,
            rule: RowRule::Free,
        };
        assert!(row_candidates(&r, &mut BIG.clone()).readings.is_empty());
        let r = RowRuns {
            text: "",
            runs: vec![],
            n: 0,
            rule: RowRule::Free,
        };
        assert_eq!(row_candidates(&r, &mut BIG.clone()).readings.len(), 1);
        let r = RowRuns {
            text: "1",
            runs: std::iter::once(0..1).collect(),
            n: 2000,
            rule: RowRule::Free,
        };
        assert!(row_candidates(&r, &mut BIG.clone()).truncated);
    }

    #[test]
    fn table2_2019_candidates_match_gold() {
        // 002_pingtan-2019: every glued table-2 row, its full candidate list as the gold file's
        // `uncertain` entries give it, and the gold value among them.
        let three = |t: &str| cands(t, 3, RowRule::Free);
        assert_eq!(all_vals(&three("000")), vec![vec![0, 0, 0]]);
        let cases: [(&str, usize, &str, &str); 6] = [
            ("898989", 3, "8/9/8989; 8/98/989; 8/989/89; 8/9898/9; 89/8/989; 89/89/89; 89/898/9; 898/9/89; 898/98/9; 8989/8/9", "89/89/89"),
            ("3960181", 3, "3/9/60181; 3/960/181; 3/9601/81; 3/96018/1; 39/60/181; 39/601/81; 39/6018/1; 396/0/181; 3960/1/81; 3960/18/1; 39601/8/1", "396/0/181"),
            ("100153", 3, "10/0/153; 100/1/53; 100/15/3; 1001/5/3", "10/0/153"),
            ("26480430", 3, "2/6/480430; 2/64/80430; 2/6480/430; 2/64804/30; 2/648043/0; 26/4/80430; 26/480/430; 26/4804/30; 26/48043/0; 264/80/430; 264/804/30; 264/8043/0; 2648/0/430; 26480/4/30; 26480/43/0; 264804/3/0", "2648/0/430"),
            ("126025", 3, "1/2/6025; 1/260/25; 1/2602/5; 12/60/25; 12/602/5; 126/0/25; 1260/2/5", "126/0/25"),
            ("350", 2, "3/50; 35/0", "35/0"),
        ];
        for (text, n, list, gold) in cases {
            let got = spelled(text, &cands(text, n, RowRule::Free));
            assert_eq!(got, gold_list(list), "{text}");
            assert!(got.iter().any(|g| g == gold), "{text}");
        }
    }

    #[test]
    fn table2_amount_keeps_its_point() {
        // 政府集中采购13575394432.52元: (采购项目数量, 采购总金额); the count never holds a point.
        let text = "13575394432.52";
        let r = row(text, 2, RowRule::Free);
        let c = row_candidates_where(&r, &mut BIG.clone(), |col| col == 1);
        let gold = "1/3575394432.52; 13/575394432.52; 135/75394432.52; 1357/5394432.52; 13575/394432.52; 135753/94432.52; 1357539/4432.52; 13575394/432.52; 135753944/32.52; 1357539443/2.52";
        assert_eq!(spelled(text, &c), gold_list(gold));
        assert!(c
            .readings
            .iter()
            .all(|r| r.values[0].is_some() && r.values[1].is_none()));
        let gold_reading = &c.readings[2];
        assert_eq!(
            (
                gold_reading.values[0],
                &text[gold_reading.pieces[1].clone()]
            ),
            (Some(135), "75394432.52")
        );
        // Without the column restriction a decimal count is a reading too.
        let any = row_candidates(&r, &mut BIG.clone());
        assert_eq!(any.readings.len(), 11);
        assert!(spelled(text, &any).contains(&"13575394432.5/2".to_owned()));
    }

    #[test]
    fn table2_2021_2023_candidates_match_gold() {
        // 004_pingtan-2021.
        assert_eq!(
            all_vals(&cands("000", 3, RowRule::Free)),
            vec![vec![0, 0, 0]]
        );
        let got = spelled("693665", &cands("693665", 3, RowRule::Free));
        assert_eq!(got, gold_list("6/9/3665; 6/93/665; 6/936/65; 6/9366/5; 69/3/665; 69/36/65; 69/366/5; 693/6/65; 693/66/5; 6936/6/5"));
        assert!(got.contains(&"69/3/665".to_owned()));
        for (text, v) in [("2293", 2293), ("1282", 1282), ("42", 42)] {
            assert_eq!(all_vals(&cands(text, 1, RowRule::Free)), vec![vec![v]]);
        }
        let fee = cands("24252.311082", 1, RowRule::Free);
        assert_eq!(spelled("24252.311082", &fee), vec!["24252.311082"]);
        // 006_pingtan-2023: the gold lists the splits with 制发 = 77 (fixed by the prose).
        let text = "77132470";
        let got = spelled(text, &cands(text, 3, RowRule::Free));
        let with_77: Vec<String> = got
            .iter()
            .filter(|s| s.starts_with("77/"))
            .cloned()
            .collect();
        assert_eq!(
            with_77,
            gold_list("77/1/32470; 77/13/2470; 77/132/470; 77/1324/70; 77/13247/0")
        );
        assert_eq!(got.len(), 21);
        for (text, v) in [("2629", 2629), ("1330", 1330), ("54", 54)] {
            assert_eq!(all_vals(&cands(text, 1, RowRule::Free)), vec![vec![v]]);
        }
        assert_eq!(
            spelled("5949.088667", &cands("5949.088667", 1, RowRule::Free)),
            vec!["5949.088667"]
        );
    }

    /// C1 and C3 for a table 3 laid out as 一, 二, the result rows, （七）, 四.
    fn table3_constraints(rows: usize) -> Vec<Constraint> {
        let (seven, four) = (rows - 2, rows - 1);
        let mut out = Vec::new();
        for col in 0..7 {
            out.push(Constraint {
                terms: vec![(0, col, 1), (1, col, 1), (seven, col, -1), (four, col, -1)],
            });
            let mut c3 = vec![(seven, col, 1)];
            c3.extend((2..seven).map(|r| (r, col, -1)));
            out.push(Constraint { terms: c3 });
        }
        out
    }

    /// Split every row by C2, resolve with C1/C3, and return the chosen values per row.
    fn resolve_table3(rows: &[&str]) -> (Vec<RowCandidates>, Vec<Resolution>, Vec<Vec<i128>>) {
        let cs: Vec<RowCandidates> = rows
            .iter()
            .map(|t| cands(t, 7, RowRule::LastIsSum))
            .collect();
        let readings: Vec<Vec<Reading>> = cs.iter().map(|c| c.readings.clone()).collect();
        let res = resolve(&readings, &table3_constraints(rows.len()), &mut BIG.clone());
        let chosen = res
            .iter()
            .zip(&cs)
            .map(|(r, c)| match r {
                Resolution::Unique(i) => vals(&c.readings[*i]),
                other => panic!("not unique: {other:?}"),
            })
            .collect();
        (cs, res, chosen)
    }

    fn seven(v: [i128; 6]) -> Vec<i128> {
        let mut out = v.to_vec();
        out.push(v.iter().sum());
        out
    }

    #[test]
    fn table3_2019_resolves_to_gold() {
        // 002_pingtan-2019, rows as printed (spaces are certain boundaries), 2019 layout with one
        // （六）其他处理 row.
        let mut rows = vec!["230 000023", "0000000", "7000007", "1000001"];
        rows.extend(["0000000"; 8]);
        rows.extend(["7000007", "0000000", "5000005"]);
        rows.extend(["0000000", "3000003", "0000000", "0000000", "0000000"]);
        rows.extend(["0 0 0 0 0 00", "23 0 00 0 023", " 0 0 00 00 0 "]);
        assert_eq!(rows.len(), 23);
        let (cs, _, chosen) = resolve_table3(&rows);
        assert!(
            cs.iter().all(|c| c.readings.len() == 1),
            "every 2019 row is unique by C2 alone"
        );
        let z = seven([0; 6]);
        assert_eq!(chosen[0], seven([23, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[2], seven([7, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[12], seven([7, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[14], seven([5, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[16], seven([3, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[21], seven([23, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[22], z);
    }

    #[test]
    fn table3_2021_resolves_to_gold() {
        // 004_pingtan-2021: （一） and （四）1 each have two C2 splits; C3 keeps one of each.
        let mut rows = vec!["640020470", "0000000", "270020130", "500000 5"];
        rows.extend([
            "0000000", "0000000", "0000000", "0000000", "1000001", "0000000", "6000006", "1000001",
        ]);
        rows.extend(["220000325", "0000000", "0000000"]);
        rows.extend(["0000000"; 5]);
        rows.extend(["0000000", "0000000", "1000001"]);
        rows.extend(["630020469", "1000001"]);
        assert_eq!(rows.len(), 25);
        let (cs, res, chosen) = resolve_table3(&rows);
        assert_eq!(
            all_vals(&cs[2]),
            vec![vec![2, 7, 0, 0, 20, 1, 30], vec![27, 0, 0, 2, 0, 1, 30]]
        );
        assert_eq!(
            all_vals(&cs[12]),
            vec![vec![2, 20, 0, 0, 0, 3, 25], vec![22, 0, 0, 0, 0, 3, 25]]
        );
        assert!(cs
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || i == 12 || c.readings.len() == 1));
        assert_eq!(res[2], Resolution::Unique(1));
        assert_eq!(res[12], Resolution::Unique(1));
        let gold: Vec<Vec<i128>> = vec![
            vec![64, 0, 0, 2, 0, 4, 70],
            seven([0; 6]),
            vec![27, 0, 0, 2, 0, 1, 30],
            seven([5, 0, 0, 0, 0, 0]),
        ];
        assert_eq!(chosen[..4], gold[..]);
        assert_eq!(chosen[8], seven([1, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[10], seven([6, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[12], vec![22, 0, 0, 0, 0, 3, 25]);
        assert_eq!(chosen[23], vec![63, 0, 0, 2, 0, 4, 69]);
        assert_eq!(chosen[24], seven([1, 0, 0, 0, 0, 0]));
    }

    #[test]
    fn table3_2023_resolves_to_gold() {
        // 006_pingtan-2023: （一） and （二） each have two C2 splits; the 商业企业 column of C3
        // (（七） has 1 there) keeps 22/0… and 19/1….
        let mut rows = vec!["801000081", "0000000", "220000022", "191000020"];
        rows.extend([
            "0000000", "0000000", "0000000", "1000001", "0000000", "1000001", "1000001", "2000002",
        ]);
        rows.extend(["310000031", "0000000", "0000000"]);
        rows.extend(["0000000", "1000001", "0000000", "0000000", "0000000"]);
        rows.extend(["1000001", "0000000", "1000001"]);
        rows.extend(["801000081", "0000000"]);
        assert_eq!(rows.len(), 25);
        let (cs, res, chosen) = resolve_table3(&rows);
        assert_eq!(
            all_vals(&cs[2]),
            vec![vec![2, 20, 0, 0, 0, 0, 22], vec![22, 0, 0, 0, 0, 0, 22]]
        );
        assert_eq!(
            all_vals(&cs[3]),
            vec![vec![1, 9, 10, 0, 0, 0, 20], vec![19, 1, 0, 0, 0, 0, 20]]
        );
        assert_eq!(
            (res[2].clone(), res[3].clone()),
            (Resolution::Unique(1), Resolution::Unique(1))
        );
        assert_eq!(chosen[0], seven([80, 1, 0, 0, 0, 0]));
        assert_eq!(chosen[2], seven([22, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[3], seven([19, 1, 0, 0, 0, 0]));
        assert_eq!(chosen[12], seven([31, 0, 0, 0, 0, 0]));
        assert_eq!(chosen[23], seven([80, 1, 0, 0, 0, 0]));
    }

    /// A reading with these integer values (ranges are not looked at by `resolve`).
    fn reading(values: &[i128]) -> Reading {
        Reading {
            pieces: vec![0..0; values.len()],
            values: values.iter().map(|&v| Some(v)).collect(),
        }
    }

    #[test]
    fn resolve_keeps_every_supported_reading() {
        // a + b = 10 with a ∈ {3, 4, 6}, b ∈ {6, 7, 9}: 3+7 and 4+6; 6 and 9 never fit.
        let rows = vec![
            vec![reading(&[3]), reading(&[4]), reading(&[6])],
            vec![reading(&[6]), reading(&[7]), reading(&[9])],
            vec![reading(&[10])],
        ];
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, 1), (2, 0, -1)],
        }];
        let res = resolve(&rows, &c, &mut BIG.clone());
        assert_eq!(
            res,
            vec![
                Resolution::Ambiguous(vec![0, 1]),
                Resolution::Ambiguous(vec![0, 1]),
                Resolution::Unique(0)
            ]
        );
        // Pin b with a second constraint: b = 7.
        let mut c2 = c.clone();
        c2.push(Constraint {
            terms: vec![(1, 0, 1), (3, 0, -1)],
        });
        let mut rows2 = rows.clone();
        rows2.push(vec![reading(&[7])]);
        let res = resolve(&rows2, &c2, &mut BIG.clone());
        assert_eq!(res[..2], [Resolution::Unique(0), Resolution::Unique(1)]);
    }

    #[test]
    fn resolve_skips_absent_rows_and_missing_values() {
        let rows = vec![
            vec![reading(&[1]), reading(&[2])],
            vec![],
            vec![reading(&[2])],
        ];
        // Touches the absent row 1: skipped, row 0 stays ambiguous.
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, 1), (2, 0, -1)],
        }];
        let res = resolve(&rows, &c, &mut BIG.clone());
        assert_eq!(
            res,
            vec![
                Resolution::Ambiguous(vec![0, 1]),
                Resolution::NoSplit,
                Resolution::Unique(0)
            ]
        );
        // A decimal (None) in a constant row skips the constraint too.
        let mut dec = reading(&[2]);
        dec.values[0] = None;
        let rows = vec![vec![reading(&[1]), reading(&[2])], vec![dec]];
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, -1)],
        }];
        assert_eq!(
            resolve(&rows, &c, &mut BIG.clone())[0],
            Resolution::Ambiguous(vec![0, 1])
        );
        // A None in one reading of a choice row: that reading cannot be refuted by the rule,
        // the others can.
        let mut half = reading(&[5]);
        half.values[0] = None;
        let rows = vec![
            vec![reading(&[1]), half.clone(), reading(&[3])],
            vec![reading(&[2])],
        ];
        assert_eq!(
            resolve(&rows, &c, &mut BIG.clone())[0],
            Resolution::Unique(1)
        );
        let rows = vec![
            vec![reading(&[2]), half, reading(&[3])],
            vec![reading(&[2])],
        ];
        assert_eq!(
            resolve(&rows, &c, &mut BIG.clone())[0],
            Resolution::Ambiguous(vec![0, 1])
        );
        // Out-of-range rows and columns are skipped, not a panic.
        let c = vec![
            Constraint {
                terms: vec![(0, 9, 1), (1, 0, -1)],
            },
            Constraint {
                terms: vec![(7, 0, 1)],
            },
        ];
        assert_eq!(
            resolve(&rows, &c, &mut BIG.clone())[0],
            Resolution::Ambiguous(vec![0, 1, 2])
        );
    }

    #[test]
    fn resolve_reports_inconsistency_and_ignores_fixed_rules() {
        // No reading of row 0 fits: its group is inconsistent.
        let rows = vec![vec![reading(&[1]), reading(&[2])], vec![reading(&[5])]];
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, -1)],
        }];
        let r = resolve_with(&rows, &[], &c, &mut BIG.clone());
        assert_eq!(r.rows, vec![Resolution::NoSplit, Resolution::Unique(0)]);
        assert_eq!(r.inconsistent, vec![0]);
        // A broken rule among rows without a choice decides nothing and is left to validation.
        let rows = vec![
            vec![reading(&[1])],
            vec![reading(&[5])],
            vec![reading(&[1]), reading(&[2])],
        ];
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, -1)],
        }];
        let r = resolve_with(&rows, &[], &c, &mut BIG.clone());
        assert_eq!(
            r.rows,
            vec![
                Resolution::Unique(0),
                Resolution::Unique(0),
                Resolution::Ambiguous(vec![0, 1])
            ]
        );
        assert!(r.inconsistent.is_empty());
    }

    #[test]
    fn resolve_falls_back_when_the_budget_runs_out() {
        let rows = vec![
            vec![reading(&[1]), reading(&[2])],
            vec![reading(&[1]), reading(&[3])],
            vec![reading(&[4])],
        ];
        let c = vec![Constraint {
            terms: vec![(0, 0, 1), (1, 0, 1), (2, 0, -1)],
        }];
        let mut tiny = Budget {
            steps: 1,
            max_readings: 10,
        };
        let r = resolve_with(&rows, &[], &c, &mut tiny);
        assert!(r.exhausted);
        assert_eq!(
            r.rows[..2],
            [
                Resolution::Ambiguous(vec![0, 1]),
                Resolution::Ambiguous(vec![0, 1])
            ]
        );
        let full = resolve(&rows, &c, &mut BIG.clone());
        assert_eq!(full[..2], [Resolution::Unique(0), Resolution::Unique(1)]);
        // A row whose list may be incomplete is never unique and constrains no one.
        let r = resolve_with(&rows, &[false, true], &c, &mut BIG.clone());
        assert_eq!(
            r.rows[..2],
            [
                Resolution::Ambiguous(vec![0, 1]),
                Resolution::Ambiguous(vec![0, 1])
            ]
        );
        let single = vec![vec![reading(&[1])]];
        assert_eq!(
            resolve_with(&single, &[true], &[], &mut BIG.clone()).rows,
            vec![Resolution::Ambiguous(vec![0])]
        );
    }

    #[test]
    fn row_bounds_set_truncated() {
        let mut few = Budget {
            steps: 1_000_000,
            max_readings: 3,
        };
        let c = row_candidates(&row("898989", 3, RowRule::Free), &mut few);
        assert!(c.truncated);
        assert_eq!(c.readings.len(), 3);
        let mut none = Budget {
            steps: 0,
            max_readings: 100,
        };
        let c = row_candidates(&row("6000017", 7, RowRule::LastIsSum), &mut none);
        assert!(c.truncated && c.readings.is_empty());
        // The budget is shared: what one row spends, the next does not have.
        let mut shared = Budget {
            steps: 1_000,
            max_readings: 100,
        };
        let _ = row_candidates(&row("898989", 3, RowRule::Free), &mut shared);
        assert!(shared.steps < 1_000);
    }

    /// Steps spent by one search from a generous budget.
    fn spent(text: &str, n: usize, rule: RowRule) -> (usize, RowCandidates) {
        let mut b = Budget {
            steps: 1_000_000,
            max_readings: 10_000,
        };
        let c = row_candidates(&row(text, n, rule), &mut b);
        (1_000_000 - b.steps, c)
    }

    /// 60-digit runs: random digits, and the periodic runs that were the costliest of those
    /// tried (periodic digits make many splits with nearly equal sums).
    const SIXTY: [&str; 5] = [
        "314159265358979323846264338327950288419716939937510582097494",
        "111111111111111111111111111111111111111111111111111111111111",
        "999999999999999999999999999999999999999999999999999999999999",
        "100000000000000000000000000000000000000000000000000000000001",
        "123451234512345123451234512345123451234512345123451234512345",
    ];

    #[test]
    fn mod9_is_the_remainder() {
        for v in [
            0i128,
            8,
            9,
            -10,
            i128::from(u64::MAX),
            i128::from(u64::MAX) + 1,
            10i128.pow(30) + 7,
            -(10i128.pow(35)) - 4,
            i128::MAX,
            i128::MIN + 1,
        ] {
            assert_eq!(i128::from(mod9(v)), v % 9, "{v}");
        }
    }

    #[test]
    fn worst_case_60_digits_last_is_sum() {
        for text in SIXTY {
            assert_eq!(text.len(), 60);
            let (steps, c) = spent(text, 7, RowRule::LastIsSum);
            assert!(
                !c.truncated,
                "{text}: {steps} steps, {} readings",
                c.readings.len()
            );
            assert!(steps <= 300_000, "{text}: {steps} steps");
            for r in &c.readings {
                let v = vals(r);
                assert_eq!(v[..6].iter().sum::<i128>(), v[6]);
            }
        }
        // A long run that does split: six 9-digit parts and their 10-digit total (64 digits).
        let parts = [
            123456789i128,
            987654321,
            555555555,
            100000001,
            222222222,
            999999999,
        ];
        let total: i128 = parts.iter().sum();
        let text: String = parts.iter().chain([&total]).map(i128::to_string).collect();
        let (steps, c) = spent(&text, 7, RowRule::LastIsSum);
        assert!(all_vals(&c).contains(&seven(parts)), "{text}");
        assert!(steps <= 300_000, "{steps}");
    }

    #[test]
    fn worst_case_60_digits_free_and_groups() {
        for text in SIXTY {
            let (steps, c) = spent(text, 3, RowRule::Free);
            assert!(!c.truncated, "{text}");
            assert!(steps <= 5_000, "{text}: {steps} steps");
            assert!(c.readings.len() <= 59 * 58 / 2);
            let (steps, c) = spent(text, 15, RowRule::GroupTotals(5));
            assert!(!c.truncated && steps <= 150_000, "{text}: {steps} steps");
        }
        // Every 3-split of a zero-free run is a reading: C(59, 2).
        let (_, c) = spent(SIXTY[1], 3, RowRule::Free);
        assert_eq!(c.readings.len(), 59 * 58 / 2);
    }

    #[test]
    fn hostile_long_runs_are_bounded() {
        let nines = "9".repeat(1_000_000);
        // Totals of at most 38 digits cannot be reached by six parts over a million digits;
        // longer totals are not evaluated, and the answer says it may be incomplete.
        let (steps, c) = spent(&nines, 7, RowRule::LastIsSum);
        assert!(c.readings.is_empty() && c.truncated);
        assert!(steps <= 100, "{steps}");
        let mut b = Budget {
            steps: 50_000,
            max_readings: 1_000_000,
        };
        let c = row_candidates(&row(&nines, 3, RowRule::Free), &mut b);
        assert!(c.truncated && b.steps == 0);
        let mut b = Budget {
            steps: 50_000,
            max_readings: 1_000_000,
        };
        let c = row_candidates(&row(&nines, 15, RowRule::GroupTotals(5)), &mut b);
        assert!(c.truncated);
        // A 40-digit total that the parts could reach is not claimed impossible.
        let long = format!("{}{}", "1".repeat(40), "1".repeat(41));
        let (_, c) = spent(&long, 2, RowRule::LastIsSum);
        assert!(c.truncated && c.readings.is_empty());
    }

    /// Release-mode timing of the worst cases (run with `--release -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn worst_case_timing() {
        for (n, rule) in [
            (7, RowRule::LastIsSum),
            (3, RowRule::Free),
            (15, RowRule::GroupTotals(5)),
        ] {
            for text in SIXTY {
                let t = std::time::Instant::now();
                let (steps, c) = spent(text, n, rule);
                println!(
                    "{rule:?} n={n} {}…: {} readings, {steps} steps, {:?}",
                    &text[..8],
                    c.readings.len(),
                    t.elapsed()
                );
            }
        }
    }

    // --- properties ---

    fn count() -> impl Strategy<Value = i128> {
        prop_oneof![4 => Just(0i128), 3 => 1..10i128, 2 => 10..100i128, 1 => 100..1000i128, 1 => 1000..10000i128]
    }

    fn sparse() -> impl Strategy<Value = i128> {
        prop_oneof![8 => Just(0i128), 3 => 1..10i128, 1 => 10..100i128, 1 => 100..1000i128]
    }

    /// The digits of `values`, with a space after value i when `keep[i]`.
    fn glue(values: &[i128], keep: &[bool]) -> String {
        let mut s = String::new();
        for (i, v) in values.iter().enumerate() {
            s.push_str(&v.to_string());
            if keep.get(i).copied().unwrap_or(false) && i + 1 < values.len() {
                s.push(' ');
            }
        }
        s
    }

    fn assert_found(text: &str, c: &RowCandidates, original: &[i128]) {
        assert!(!c.truncated, "{text}: truncated");
        let all = all_vals(c);
        assert!(
            all.iter().any(|v| v == original),
            "{text}: {original:?} missing from {all:?}"
        );
    }

    /// Every reading by brute force: all cut sets inside the runs, filtered by the rules.
    fn brute(text: &str, n: usize, rule: RowRule) -> Vec<Vec<Range<usize>>> {
        let r = row(text, n, rule);
        let cuttable: Vec<usize> = r
            .runs
            .iter()
            .flat_map(|run| run.start + 1..run.end)
            .collect();
        let mut out = Vec::new();
        for mask in 0u32..(1 << cuttable.len()) {
            let mut pieces = Vec::new();
            for run in &r.runs {
                let mut start = run.start;
                for (i, &c) in cuttable.iter().enumerate() {
                    if c > run.start && c < run.end && mask & (1 << i) != 0 {
                        pieces.push(start..c);
                        start = c;
                    }
                }
                pieces.push(start..run.end);
            }
            if pieces.len() != n {
                continue;
            }
            let ok = pieces.iter().all(|p| {
                let t = &text[p.clone()];
                let points = t.matches('.').count();
                let leading_zero = t.starts_with('0') && t.len() > 1 && !t.starts_with("0.");
                !(t.starts_with('.') || t.ends_with('.') || points > 1 || leading_zero)
                    && (points == 0 || rule == RowRule::Free)
            });
            if !ok {
                continue;
            }
            let v: Vec<i128> = pieces
                .iter()
                .map(|p| text[p.clone()].parse().unwrap_or(-1))
                .collect();
            let sums = |g: &[i128]| {
                g.split_last()
                    .is_some_and(|(t, parts)| parts.iter().sum::<i128>() == *t)
            };
            let keep = match rule {
                RowRule::Free => true,
                RowRule::LastIsSum => sums(&v),
                RowRule::GroupTotals(k) => k > 0 && n % k == 0 && v.chunks(k).all(sums),
            };
            if keep {
                out.push(pieces);
            }
        }
        out.sort_by_key(|p| p.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>());
        out
    }

    fn digits_with_gaps() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![6 => (0u8..10).prop_map(|d| char::from(b'0' + d)), 1 => Just(' '), 1 => Just('.')], 1..14)
            .prop_map(|v| v.into_iter().collect::<String>())
    }

    proptest! {
        #[test]
        fn prop_row_candidates_match_brute_force(
            text in digits_with_gaps(),
            n in 1usize..9,
            rule in prop_oneof![Just(RowRule::Free), Just(RowRule::LastIsSum), Just(RowRule::GroupTotals(2)), Just(RowRule::GroupTotals(3))],
        ) {
            let got: Vec<Vec<Range<usize>>> = cands(&text, n, rule).readings.into_iter().map(|r| r.pieces).collect();
            prop_assert_eq!(got, brute(&text, n, rule), "{:?} n={} {:?}", text, n, rule);
        }

        #[test]
        fn prop_resolve_matches_brute_force(
            rows in prop::collection::vec(prop::collection::vec(prop::collection::vec(0i128..4, 2), 0..4), 1..5),
            cons in prop::collection::vec(prop::collection::vec((0usize..5, 0usize..2, -1i64..=1), 1..4), 0..4),
        ) {
            let readings: Vec<Vec<Reading>> = rows.iter().map(|r| r.iter().map(|v| reading(v)).collect()).collect();
            let constraints: Vec<Constraint> = cons.into_iter().map(|terms| Constraint { terms }).collect();
            let got = resolve_with(&readings, &[], &constraints, &mut BIG.clone());
            // Brute force over every joint assignment of the rows that have readings; a
            // constraint applies when all its rows exist and have readings, and it involves a
            // choice (a rule among rows without one decides nothing and is left to validation).
            let applies: Vec<&Constraint> = constraints
                .iter()
                .filter(|c| c.terms.iter().all(|&(r, _, _)| readings.get(r).is_some_and(|x| !x.is_empty())))
                .filter(|c| c.terms.iter().any(|&(r, _, _)| readings[r].len() > 1))
                .collect();
            let mut support: Vec<Vec<bool>> = readings.iter().map(|r| vec![false; r.len()]).collect();
            let sizes: Vec<usize> = readings.iter().map(|r| r.len().max(1)).collect();
            let mut any = false;
            for code in 0..sizes.iter().product::<usize>() {
                let mut rest = code;
                let pick: Vec<usize> = sizes.iter().map(|&s| { let p = rest % s; rest /= s; p }).collect();
                let holds = applies.iter().all(|c| {
                    c.terms.iter().map(|&(r, col, coef)| readings[r][pick[r]].values[col].unwrap_or(0) * i128::from(coef)).sum::<i128>() == 0
                });
                if holds {
                    any = true;
                    for (r, &p) in pick.iter().enumerate() {
                        if let Some(b) = support[r].get_mut(p) { *b = true; }
                    }
                }
            }
            prop_assert!(!got.exhausted);
            prop_assert_eq!(any, got.inconsistent.is_empty());
            for (r, res) in got.rows.iter().enumerate() {
                if !any {
                    // Some group is unsatisfiable: its rows say so; the others are decided on
                    // their own, which a global brute force cannot tell apart.
                    if got.inconsistent.contains(&r) {
                        prop_assert_eq!(res, &Resolution::NoSplit);
                    }
                    continue;
                }
                let set: Vec<usize> = support[r].iter().enumerate().filter(|(_, &b)| b).map(|(i, _)| i).collect();
                let n = readings[r].len();
                match res {
                    Resolution::Unique(i) => prop_assert_eq!(vec![*i], set.clone(), "row {}", r),
                    Resolution::Ambiguous(ks) => prop_assert_eq!(ks.clone(), set.clone(), "row {}", r),
                    Resolution::NoSplit => prop_assert_eq!(n, 0, "row {}", r),
                }
            }
        }
        #[test]
        fn prop_table3_row_split_finds_the_original(six in prop::collection::vec(count(), 6), keep in prop::collection::vec(prop::bool::weighted(0.15), 7)) {
            let mut values = six.clone();
            values.push(six.iter().sum());
            for text in [glue(&values, &[]), glue(&values, &keep)] {
                let c = cands(&text, 7, RowRule::LastIsSum);
                assert_found(&text, &c, &values);
            }
        }

        #[test]
        fn prop_table4_split_finds_the_original(groups in prop::collection::vec(prop::collection::vec(count(), 4), 3)) {
            let mut values = Vec::new();
            for g in &groups {
                values.extend(g.iter().copied());
                values.push(g.iter().sum());
            }
            let text = glue(&values, &[]);
            let c = cands(&text, 15, RowRule::GroupTotals(5));
            assert_found(&text, &c, &values);
        }

        #[test]
        fn prop_free_split_finds_the_original(values in prop::collection::vec(count(), 1..5)) {
            let text = glue(&values, &[]);
            let c = cands(&text, values.len(), RowRule::Free);
            assert_found(&text, &c, &values);
        }

        #[test]
        fn prop_table3_resolve_never_loses_the_original(
            results in prop::collection::vec(prop::collection::vec(sparse(), 6), 21),
            carried in prop::collection::vec(sparse(), 6),
            last_year in prop::collection::vec(sparse(), 6),
        ) {
            // 2021 layout: 一, 二, 21 result rows, （七）, 四; C2 per row, C1 and C3 per column.
            let with_total = |six: &[i128]| { let mut v = six.to_vec(); v.push(six.iter().sum()); v };
            let results: Vec<Vec<i128>> = results.iter().map(|r| with_total(r)).collect();
            let seventh: Vec<i128> = (0..7).map(|c| results.iter().map(|r| r[c]).sum()).collect();
            let four = with_total(&carried);
            let two_six: Vec<i128> = (0..6).map(|c| last_year[c].min(seventh[c] + four[c])).collect();
            let two = with_total(&two_six);
            let one: Vec<i128> = (0..7).map(|c| seventh[c] + four[c] - two[c]).collect();
            let mut table = vec![one, two];
            table.extend(results);
            table.push(seventh);
            table.push(four);
            let texts: Vec<String> = table.iter().map(|v| glue(v, &[])).collect();
            let cs: Vec<RowCandidates> = texts.iter().map(|t| cands(t, 7, RowRule::LastIsSum)).collect();
            let mut originals = Vec::new();
            for ((t, c), v) in texts.iter().zip(&cs).zip(&table) {
                assert_found(t, c, v);
                originals.push(all_vals(c).iter().position(|x| x == v).unwrap_or(usize::MAX));
            }
            let readings: Vec<Vec<Reading>> = cs.iter().map(|c| c.readings.clone()).collect();
            let r = resolve_with(&readings, &[], &table3_constraints(table.len()), &mut BIG.clone());
            prop_assert!(!r.exhausted);
            prop_assert!(r.inconsistent.is_empty());
            for (i, (res, &orig)) in r.rows.iter().zip(&originals).enumerate() {
                match res {
                    Resolution::Unique(k) => prop_assert_eq!(*k, orig, "row {} ({}) resolved to a wrong reading", i, &texts[i]),
                    Resolution::Ambiguous(ks) => prop_assert!(ks.contains(&orig), "row {} lost its original", i),
                    Resolution::NoSplit => prop_assert!(false, "row {} has no split", i),
                }
            }
        }
    }
}
