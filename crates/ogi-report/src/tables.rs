//! The three tables: label anchors in the canonical text, value regions between them, and the
//! template descriptors deciding what each value means.
//!
//! Rows are anchored on their template labels in template order, each searched after the previous
//! data row. A row's values are the items of the region between its label and the next anchor
//! ([`crate::cells`]). Group labels (`（三）不予公开`, `三、本年度办理结果`) are looked for only in the gap
//! between two data rows, so a vertical label that a PDF extractor emits mid-table cannot make the
//! search skip rows. Missing or extra cells are recorded, never shifted silently: a short row is
//! read by position when its empty cells are explicit, else into its leading columns with a
//! diagnostic; runs of glued digits go to the splitter ([`crate::split`]).

use crate::BuiltOnce;
use std::borrow::Cow;

use crate::cells::{region_items_bounded, region_items_into, Item, ItemKind};
use crate::diag::{Code, Diagnostic, Location};
use crate::model::{
    Cell, CompactString, Derivation, Layout, Number, Row, Span, Table, TableKind, Template,
};
use memchr::memmem;
use smallvec::SmallVec;

use crate::scan::{extend_number, find_label, find_label_before, first_char_absent, match_at};
use crate::split::{
    self, Budget, Constraint, Reading, Resolution, RowCandidates, RowRule, RowRuns,
};
use crate::template::{
    self, Col, RowDesc, RowRole, ValueKind, MARKS_2019, MARKS_2021, T3_COLS, T4_COLS, T4_ROWS,
};

/// Maps canonical ranges to input spans.
pub(crate) trait MapFn: Fn(usize, usize) -> Span {}

impl<F: Fn(usize, usize) -> Span + ?Sized> MapFn for F {}

/// Shared state of table reading, its span mapper of type `M` (one closure in a build, so that
/// the tables' code calls it directly and can inline it, rather than through a `dyn` pointer at
/// every cell).
pub(crate) struct Ctx<'a, 'm, M: MapFn + ?Sized> {
    pub text: &'a str,
    pub map: &'m M,
    pub diags: Vec<Diagnostic>,
    pub budget: Budget,
    /// `Options::max_cells`: items (values and empty cells) read per table.
    pub max_cells: usize,
    /// Items seen in the current table, kept or not; reset as each table starts.
    pub cells_read: usize,
    /// Table 3 was proven to be printed column by column (column-block PDF text).
    pub columns_proven: bool,
    /// Table 3 was proven to be printed apart from its labels but row by row.
    pub rows_proven: bool,
    /// Table 2 has a column block whose order only table 3 can prove.
    pub t2_awaits_proof: bool,
    /// Table 3's numbers were printed apart from its row labels (column-block text).
    pub t3_detached: bool,
    /// Most of table 2's rows did not hold one value per column: it may be column-block text,
    /// which table 3 can tell.
    pub t2_misfit: bool,
    /// Where the report's text ends (before a page's trailing chrome): a table whose region
    /// reaches it may have been cut off ([`fold_cut_off`]).
    pub report_end: usize,
    /// The text before table 2 without its white space, and where it ends: made for the first
    /// glued row whose candidates the overview's figures may narrow ([`prose_tiebreak`]) and
    /// read again by the next (two rows of a table ask, each of its readings).
    pub prose_fold: Option<(usize, String)>,
    /// Short rows left whose values may be placed by where they stand on their line
    /// ([`crate::aligned::place`]): each looks at up to 16 KB around it, so hostile input of
    /// many short rows is not searched again and again.
    pub aligned_budget: usize,
    /// The table the text starts inside (a page whose head was cut off), told by
    /// [`fold_cut_before`]: the tables before it are said to lie before the text.
    pub starts_in: Option<u8>,
    /// The table the text ends inside or right after (a page cut off), told by
    /// [`fold_cut_off`]: the tables after it are said to lie after the text.
    pub ends_in: Option<u8>,
}

impl<'a, 'm, M: MapFn + ?Sized> Ctx<'a, 'm, M> {
    /// The state at the start of table reading: no diagnostics, no table read yet.
    pub(crate) fn new(
        text: &'a str,
        map: &'m M,
        budget: Budget,
        max_cells: usize,
        report_end: usize,
    ) -> Self {
        Ctx {
            text,
            map,
            diags: Vec::new(),
            budget,
            max_cells,
            cells_read: 0,
            columns_proven: false,
            rows_proven: false,
            t2_awaits_proof: false,
            t3_detached: false,
            t2_misfit: false,
            report_end,
            prose_fold: None,
            aligned_budget: ALIGNED_ROWS,
            starts_in: None,
            ends_in: None,
        }
    }
}

/// Short rows per report whose values may be placed by position ([`Ctx::aligned_budget`]):
/// the template has 31 rows that can be short.
const ALIGNED_ROWS: usize = 256;

/// What may follow a table's last value when the text was cut off inside the table: a fragment
/// of the next row (its label begun, a cell or two), counted in characters other than white
/// space and `|`. A row label of the template has at most 40.
const CUT_FRAGMENT: usize = 40;

/// Whether `tail` holds more than [`CUT_FRAGMENT`] characters other than white space and `|`:
/// told at the first one past the bound, not by counting the whole tail (a table's region can
/// be the rest of a long text, 50 MB of one row).
pub(crate) fn more_than_a_fragment(tail: &str) -> bool {
    tail.chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .nth(CUT_FRAGMENT)
        .is_some()
}

/// When the report's text ends inside a table (a page cut off when it was saved or crawled),
/// the rows after the last one read are one fact rather than a missing label each: their T003s,
/// pushed since `diags_from`, are replaced by one T015 naming the last row read and the rows
/// lost. The text ends inside the table when the table's region `..to` reaches the end of the
/// report's text and what follows its last value (`content_end`) is at most a fragment of one
/// more row ([`CUT_FRAGMENT`]). Rows missing before the last row read keep their T003.
fn fold_cut_off<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    rows: &[Row],
    diags_from: usize,
    content_end: usize,
    to: usize,
) {
    if to < ctx.report_end {
        return;
    }
    let tail = ctx.text.get(content_end.min(to)..to).unwrap_or("");
    if more_than_a_fragment(tail) {
        return;
    }
    let span = (ctx.map)(content_end.min(to), to);
    fold_cut(&mut ctx.diags, kind, rows, diags_from, Cut::End, span);
    // The text ends here even when no row of this table is lost (its last row read, a fragment
    // after it): the tables after it lie after the text.
    ctx.ends_in = Some(kind.number());
}

/// When the report's text starts inside a table (a page whose head was cut off, `Page 9 - …`
/// then the table's last rows), the rows before the first one read are one fact rather than a
/// missing label each: their T003s, pushed since `diags_from`, are replaced by one T015 naming
/// the first row read and the rows lost. The text starts inside the table when what comes
/// before the table's first label (`start`) is at most a fragment ([`CUT_FRAGMENT`]) that
/// names no report (`报告`): no heading, no title, no table before it, a viewer's page number
/// at most. A report's title followed by a table without its first rows is a report that
/// lacks them: their T003s stay.
fn fold_cut_before<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    rows: &[Row],
    diags_from: usize,
    start: usize,
) {
    // Most tables have every row: nothing to fold, told before the text is looked at.
    let number = kind.number();
    let missing = |d: &Diagnostic| {
        d.code == Code::T003 && d.location.as_ref().is_some_and(|l| l.table == Some(number))
    };
    if !ctx.diags.iter().skip(diags_from).any(missing) {
        return;
    }
    let head = ctx.text.get(..start).unwrap_or("");
    if ctx.starts_in.is_some()
        || more_than_a_fragment(head)
        || head.contains("报告")
        || head.contains("報告")
    {
        return;
    }
    let span = (ctx.map)(0, start);
    if fold_cut(&mut ctx.diags, kind, rows, diags_from, Cut::Start, span) {
        ctx.starts_in = Some(kind.number());
    }
}

/// Which end of a table the report's text cut off ([`fold_cut`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// The text starts inside the table ([`fold_cut_before`]).
    Start,
    /// The text ends inside the table ([`fold_cut_off`]).
    End,
}

/// What [`fold_cut_off`] and [`fold_cut_before`] share once they have told that the text was
/// cut at the table's `cut` end and mapped the cut's `span`: the rows before the first one read
/// (or after the last) are lost, their T003s among `diags` from `diags_from` on are dropped, and
/// when any was, one T015 naming the row read and the rows lost is pushed; `true` then. Not
/// generic: it needs neither the text nor the span mapper, only the diagnostics, so it is
/// compiled once for both callers rather than written out in each of them.
fn fold_cut(
    diags: &mut Vec<Diagnostic>,
    kind: TableKind,
    rows: &[Row],
    diags_from: usize,
    cut: Cut,
    span: Span,
) -> bool {
    let read = |r: &Row| r.span.is_some() || r.cells.iter().any(|c| c.raw.is_some());
    let found = match cut {
        Cut::Start => rows.iter().position(read),
        Cut::End => rows.iter().rposition(read),
    };
    let Some(at) = found else {
        return false;
    };
    let lost_rows = match cut {
        Cut::Start => rows.get(..at),
        Cut::End => rows.get(at + 1..),
    };
    let lost: Vec<&str> = lost_rows
        .unwrap_or_default()
        .iter()
        .map(|r| r.row.as_ref())
        .collect();
    let number = kind.number();
    let is_lost = |d: &Diagnostic| {
        d.code == Code::T003
            && d.location.as_ref().is_some_and(|l| {
                l.table == Some(number) && l.row.as_deref().is_some_and(|r| lost.contains(&r))
            })
    };
    // Only this table's diagnostics (those from `diags_from` on) are looked at.
    let before = diags.len();
    let mut k = 0usize;
    diags.retain(|d| {
        k += 1;
        k <= diags_from || !is_lost(d)
    });
    if diags.len() == before {
        return false;
    }
    let row = rows.get(at).map_or("", |r| r.row.as_ref());
    let first_lost = lost.first().copied().unwrap_or("");
    let last_lost = lost.last().copied().unwrap_or("");
    let (side, ends, at_row, cut_off) = match cut {
        Cut::Start => ("before", "starts", "at", "cut off at its start"),
        Cut::End => ("after", "ends", "after", "cut off"),
    };
    let lost_rows = if lost.len() == 1 {
        format!("the row {side} it is missing (`{first_lost}`)")
    } else {
        format!(
            "the {} rows {side} it are missing (`{first_lost}` … `{last_lost}`)",
            lost.len()
        )
    };
    diags.push(
        Diagnostic::new(
            Code::T015,
            format!(
                "table {number} ({}): the text {ends} inside the table, {at_row} row `{row}`; {lost_rows}: the page looks {cut_off}",
                kind.title(),
            ),
        )
        .with_span(Some(span))
        .at(Location::table(kind)),
    );
    true
}

/// Charge a region's items (those of `items` from `base` on) to the table's cell bound
/// ([`Ctx::max_cells`]): past the bound the items are dropped, and the first time the bound is
/// crossed a T012 names the table, so a hostile region (a million `|`) costs bounded work
/// downstream and nothing is lost silently.
fn charge_cells<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    items: &mut Vec<Item>,
    base: usize,
) {
    let left = ctx.max_cells.saturating_sub(ctx.cells_read);
    let got = items.len().saturating_sub(base);
    if got > left {
        if ctx.cells_read <= ctx.max_cells {
            let from = items.get(base + left).map(|i| (ctx.map)(i.start, i.end));
            ctx.diags.push(
                Diagnostic::new(
                    Code::T012,
                    format!(
                        "table {} ({}): more than {} cells (Options::max_cells); the cells after the first {} were not read",
                        kind.number(),
                        kind.title(),
                        ctx.max_cells,
                        ctx.max_cells
                    ),
                )
                .with_span(from)
                .at(Location::table(kind)),
            );
        }
        items.truncate(base + left);
        // Past the bound: later regions of this table are dropped without a second T012.
        ctx.cells_read = ctx.max_cells.saturating_add(1);
    } else {
        ctx.cells_read += got;
    }
}

/// The items of `text[from..to]` charged to the table's cell bound: reads no more of the region
/// than the bound can take, plus the one item that tells it was crossed.
fn charged_items<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    from: usize,
    to: usize,
) -> Vec<Item> {
    // Table 4's region (its one caller) holds fifteen values, and one more tells the cell bound
    // was crossed: one allocation, not one and a growth from eight to sixteen.
    let mut items = Vec::with_capacity(3 * T4_COLS.len() + 1);
    charged_items_into(ctx, kind, from, to, &mut items);
    items
}

/// [`charged_items`] appended to `pool` (the items of all a table's regions in one list, one
/// allocation instead of one a row): where they sit in it.
fn charged_items_into<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    from: usize,
    to: usize,
    pool: &mut Vec<Item>,
) -> std::ops::Range<usize> {
    let base = pool.len();
    let left = ctx.max_cells.saturating_sub(ctx.cells_read);
    region_items_into(ctx.text, from, to, left.saturating_add(1), usize::MAX, pool);
    charge_cells(ctx, kind, pool, base);
    base..pool.len()
}

/// The template version the marks in `text[from..to]` tell: the version with more of its marks
/// present, `None` on a tie (none at all included).
///
/// A mark that is absent costs a search to the end of the range, and a report holds the marks of
/// one version only, so the marks are counted until the verdict is settled (one count can no
/// longer reach the other, or every mark was looked for), the next mark taken from the version
/// that has missed fewer so far (2021 on a tie): one absent mark tells the version, whichever it
/// is, and the other's marks are then found where they first occur.
pub(crate) fn detect_template(text: &str, from: usize, to: usize) -> Option<Template> {
    let (f19, f21) = mark_finders();
    let hay = text
        .as_bytes()
        .get(from.min(text.len())..to.min(text.len()))
        .unwrap_or_default();
    // A mark printed as is proves itself by one `memmem` pass (its finder built once); only a
    // mark not found so needs the tolerant search, which stops at every occurrence of its first
    // character (`本` opens most rows of the tables): sieved, most of them turned down by a
    // compare of their bytes ([`crate::parse::find_label_sieved`]).
    // The tolerant search's finder of the mark's first character is built once too.
    // The first mark of each order ([`ORDER_2019`]) goes to the tolerant search at once: a mark
    // printed as is is a match of it too, and that search, its first character rare in the
    // tables, costs a pass like the `memmem` one, which it saves where the mark is absent.
    let present = |m: &str, f: Option<&MarkFinders>, first: bool| {
        !first_char_absent(text, m.as_bytes())
            && ((!first && f.is_some_and(|f| f.0.find(hay).is_some()))
                || crate::parse::find_label_sieved_in(text, from, to, m, f.map(|f| &f.1)).is_some())
    };
    let (mut m19, mut m21) = (0usize, 0usize);
    let (mut k19, mut k21) = (0usize, 0usize);
    loop {
        let left19 = MARKS_2019.len() - k19;
        let left21 = MARKS_2021.len() - k21;
        if m19 > m21 + left21 || m21 > m19 + left19 || left19 + left21 == 0 {
            break;
        }
        let (miss19, miss21) = (k19 - m19, k21 - m21);
        if left19 == 0 || (left21 > 0 && miss21 <= miss19) {
            let i = ORDER_2021.get(k21).copied().unwrap_or(usize::MAX);
            m21 += usize::from(
                MARKS_2021
                    .get(i)
                    .is_some_and(|m| present(m, f21.get(i), k21 == 0)),
            );
            k21 += 1;
        } else {
            let i = ORDER_2019.get(k19).copied().unwrap_or(usize::MAX);
            m19 += usize::from(
                MARKS_2019
                    .get(i)
                    .is_some_and(|m| present(m, f19.get(i), k19 == 0)),
            );
            k19 += 1;
        }
    }
    match m19.cmp(&m21) {
        std::cmp::Ordering::Greater => Some(Template::V2019),
        std::cmp::Ordering::Less => Some(Template::V2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// The order in which [`detect_template`] looks for the marks of [`MARKS_2019`] (indices into
/// it). The verdict does not depend on it (the count stops only once settled), but the cost does:
/// a report of the other version is told by the first mark, which it does not print, and whose
/// tolerant search stops at every occurrence of the mark's first character. `对外公开总数量` goes
/// first: the 2021 tables hold no `对`, where they open every other row with `本`.
const ORDER_2019: [usize; 7] = [2, 0, 1, 3, 4, 5, 6];

/// [`ORDER_2019`] for [`MARKS_2021`]: `逾期不补正` first, the 2019 tables holding no `逾`.
const ORDER_2021: [usize; 7] = [5, 0, 1, 2, 3, 4, 6];

/// A mark's `memmem` finders: of the mark, and of its first character (the candidates of
/// [`crate::parse::find_label_sieved_in`]).
type MarkFinders = (memmem::Finder<'static>, memmem::Finder<'static>);

/// [`MARKS_2019`] and [`MARKS_2021`] as `memmem` finders, built once: each mark's, and its first
/// character's, which the tolerant search of a mark not printed as is built at every call (some
/// 2,000 such searches in 240 reports of another script).
fn mark_finders() -> &'static (Vec<MarkFinders>, Vec<MarkFinders>) {
    static FINDERS: std::sync::OnceLock<(Vec<MarkFinders>, Vec<MarkFinders>)> =
        std::sync::OnceLock::new();
    FINDERS.built_once(|| {
        let of = |marks: &[&'static str]| -> Vec<MarkFinders> {
            marks
                .iter()
                .map(|m| {
                    let first = m.chars().next().map_or(0, char::len_utf8);
                    (
                        memmem::Finder::new(m.as_bytes()),
                        memmem::Finder::new(m.as_bytes().get(..first).unwrap_or_default()),
                    )
                })
                .collect()
        };
        (of(MARKS_2019), of(MARKS_2021))
    })
}

/// [`detect_template`] counting every mark: the reference it is tested against.
#[cfg(test)]
pub(crate) fn detect_template_counting(text: &str, from: usize, to: usize) -> Option<Template> {
    let count = |marks: &[&str]| {
        marks
            .iter()
            .filter(|m| find_label(text, from, to, m).is_some())
            .count()
    };
    match (count(MARKS_2019), count(MARKS_2021)) {
        (a, b) if a > b => Some(Template::V2019),
        (a, b) if b > a => Some(Template::V2021),
        _ => None,
    }
}

/// The cell of column `col` that the item `it` fills: its raw text, its span in the input, its
/// value read as the column's kind reads it.
///
/// Inlined into each caller, [`fill_row`] above all (some 47,000 cells in the Simplified bench
/// reports): called out of line, the cell (some 150 bytes) was built in the callee's frame and
/// copied into the row, behind a call that saved and restored the registers of both, some 16 of
/// the 147 instructions a cell.
#[inline(always)]
fn cell_from_item<M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    col: &Col,
    it: &Item,
    derived: Option<Derivation>,
) -> Cell {
    let raw = CompactString::from(ctx.text.get(it.start..it.end).unwrap_or(""));
    let span = Some((ctx.map)(it.start, it.end));
    match &it.kind {
        ItemKind::Value(n, u) => {
            let mut unit = u.map(Cow::Borrowed);
            if unit.is_none() && col.kind == ValueKind::AmountWanYuan {
                unit = Some(Cow::Borrowed("万元"));
            }
            let n = match (col.kind, n) {
                (ValueKind::Count | ValueKind::Signed, Number::Decimal(d))
                    if d.fract().is_zero() =>
                {
                    i64::try_from(*d).map(Number::Int).unwrap_or(*n)
                }
                _ => *n,
            };
            let unit = if matches!(col.kind, ValueKind::Amount | ValueKind::AmountWanYuan) {
                unit
            } else {
                None
            };
            Cell {
                column: Cow::Borrowed(col.label),
                value: Some(n),
                unit,
                raw: Some(raw),
                span,
                derived,
            }
        }
        ItemKind::Blank => Cell {
            column: Cow::Borrowed(col.label),
            value: None,
            unit: None,
            raw: Some(raw),
            span,
            derived,
        },
        // An empty cell whose space the reading wrote (an HTML `<td></td>`, `<td><p> </p></td>`:
        // its span is empty, at the cell's tag) has nothing written: its raw text is empty too.
        ItemKind::Empty => Cell {
            column: Cow::Borrowed(col.label),
            value: None,
            unit: None,
            raw: Some(if span.is_some_and(|s| s.start == s.end) {
                CompactString::default()
            } else {
                raw
            }),
            span,
            derived,
        },
        ItemKind::Text | ItemKind::Digits | ItemKind::Lost => Cell {
            column: Cow::Borrowed(col.label),
            value: None,
            unit: None,
            raw: Some(raw),
            span,
            derived,
        },
    }
}

/// An anchored label.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    start: usize,
    end: usize,
}

/// Order rows found by their anchors' starts, rows whose anchors start together in the order
/// given. Not generic, unlike [`table3_by`] and [`column_blocks`] that call it: a sort in each
/// of their instances was a copy of the standard library's stable sort in the WebAssembly
/// module.
fn by_start(rows: &mut [(usize, Anchor)]) {
    // Sorted as (start, index) pairs, the same order as a stable sort by start: the module's
    // one instance of the sort of `(usize, usize)` pairs, no stable sort of its own.
    let mut order: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, a))| (a.start, i))
        .collect();
    order.sort_unstable();
    let old = rows.to_vec();
    for (slot, &(_, i)) in rows.iter_mut().zip(&order) {
        if let Some(&r) = old.get(i) {
            *slot = r;
        }
    }
}

/// The anchor of the row `d` in `text[from..to]`: the earliest occurrence of one of its keys
/// (extended back over its numbering, which the first pass requires when
/// `number_required_first`), the first key in order on a tie.
///
/// In a well-formed table the label sits a few dozen bytes after the previous row's label:
/// [`row_label_next`] finds it there by one pass over those bytes, and only a label it cannot
/// prove there takes the search of every key ([`find_row_label_searched`]), which cost some
/// 1,500 instructions a row (its misses at other rows' characters, one search per key).
///
/// `firsts` is the row's [`key_firsts`], which tables 2 and 3 take from [`T2_KEY_FIRSTS`] and
/// [`T3_KEY_FIRSTS`], computed when the program is built.
fn find_row_label_with(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    number_required_first: bool,
    firsts: Option<KeyFirsts>,
) -> Option<Anchor> {
    row_label_next(text, from, to, d, number_required_first, firsts)
        .unwrap_or_else(|| find_row_label_searched(text, from, to, d, number_required_first))
}

/// A row label of table 2 in `text[from..to]`: [`find_row_label_with`]'s, passing over a key
/// that stands in a list with `、` before and after it. The remark of `其他对外管理服务事项`
/// lists the next block's rows (`含行政确认、…、行政处罚、行政强制、…`); where that block's
/// header is not found (a character of it lost to a misreading, `第二十条第(�)项`), its rows are
/// looked for from the remark on, and such a list names no row.
fn t2_row_label(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    firsts: Option<KeyFirsts>,
) -> Option<Anchor> {
    let start = from;
    let mut from = from;
    loop {
        let found = find_row_label_with(text, from, to, d, false, firsts);
        // A label a PDF's text wrapped around its values (`行政规范性文` / `77  132  470` /
        // `件`, a cell's text centred beside its figures; `其他对外管理服   102   0   81` /
        // `务事项`, whose short key was passed over as a word going on), with the `html`
        // feature.
        #[cfg(feature = "html")]
        let found = found.or_else(|| label_wrapped_after_its_values(text, start, to, d));
        #[cfg(not(feature = "html"))]
        let _ = start;
        let a = found?;
        // In a list of the sentence (`围绕行政许可、行政处罚…`): a row's label is followed by its
        // cells, never by `、`.
        let listed = text.get(a.end..).and_then(|t| t.chars().next()) == Some('、');
        if !(listed || t2_key_in_prose(text.get(a.end..).unwrap_or(""))) || a.end <= from {
            return Some(a);
        }
        from = a.end;
    }
}

/// Whether what follows a table-2 key, `after`, shows the key in a sentence rather than a row's
/// label: a word goes on at once (`行政处罚等内容`, `规章的职责`), or one count with its unit
/// and the sentence goes on (`行政规范性文件17件，其他政策文件35件`, `规章0件、规范性文件0件`,
/// `规章13件(含新制定5件…)`).
/// A row's label is followed by its cells (white space, bars, figures) or a bracketed remark.
fn t2_key_in_prose(after: &str) -> bool {
    let ideograph = crate::normalise::is_cjk;
    let mut cs = after.chars();
    match cs.next() {
        Some(c) if ideograph(c) => return true,
        Some(c) if c.is_ascii_digit() => {}
        _ => return false,
    }
    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let mut rest = rest.chars();
    matches!(rest.next(), Some('件' | '份' | '项' | '条' | '个' | '部'))
        && rest
            .next()
            .is_some_and(|c| ideograph(c) || "，,、；;。）)（(".contains(c))
}

/// [`find_row_label_with`] the row's [`key_firsts`] computed at the call.
#[cfg(test)]
fn find_row_label(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    number_required_first: bool,
) -> Option<Anchor> {
    let firsts = key_firsts(d, number_required_first);
    find_row_label_with(text, from, to, d, number_required_first, firsts)
}

/// The distinct first characters of the keys of a row that [`row_label_next`] looks for (each
/// of three bytes, the first in `0xE0..0xF0`), in the keys' order: the first `n` of `firsts`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct KeyFirsts {
    firsts: [[u8; 3]; 3],
    /// A byte, so that the lists built with the program take a few cache lines.
    n: u8,
}

impl KeyFirsts {
    /// Whether `f` is one of the first `n` of `firsts`.
    const fn holds(&self, f: [u8; 3]) -> bool {
        let mut rest: &[[u8; 3]] = &self.firsts;
        let mut k = 0u8;
        while let [g, tail @ ..] = rest {
            if k == self.n {
                break;
            }
            if g[0] == f[0] && g[1] == f[1] && g[2] == f[2] {
                return true;
            }
            k += 1;
            rest = tail;
        }
        false
    }
}

/// Whether `key` has at most two characters (a short key, looked for only with its numbering).
const fn is_short_key(key: &str) -> bool {
    let mut bytes = key.as_bytes();
    let mut chars = 0usize;
    while let [b, rest @ ..] = bytes {
        chars += (*b & 0xC0 != 0x80) as usize;
        bytes = rest;
    }
    chars <= 2
}

/// The first characters of the keys of `d` that [`row_label_next`] looks for ([`KeyFirsts`]);
/// `None` when one of them opens other than with a character of three bytes, or a fourth
/// distinct one opens a key (the row is left to the search). A `const fn`, so that table 3's
/// rows have theirs computed when the program is built ([`T3_KEY_FIRSTS`]) instead of at every
/// search, where the walk of the keys cost some 30 instructions a key (a quarter of the search
/// of a row's label). [`key_firsts_reference`] is the reference it is tested against.
const fn key_firsts(d: &RowDesc, number_required_first: bool) -> Option<KeyFirsts> {
    let need_number = number_required_first && d.number.is_some();
    // Short keys (two characters at most) are looked for only with their numbering.
    let skip_short = !need_number && d.number.is_some();
    let mut out = KeyFirsts {
        firsts: [[0u8; 3]; 3],
        n: 0,
    };
    let mut keys = d.keys;
    while let [key, rest @ ..] = keys {
        keys = rest;
        if skip_short && is_short_key(key) {
            continue;
        }
        let [b0, b1, b2, ..] = *key.as_bytes() else {
            return None;
        };
        if !(0xE0 <= b0 && b0 < 0xF0) {
            return None;
        }
        let f = [b0, b1, b2];
        if !out.holds(f) {
            match out.n {
                0 => out.firsts[0] = f,
                1 => out.firsts[1] = f,
                2 => out.firsts[2] = f,
                _ => return None,
            }
            out.n += 1;
        }
    }
    Some(out)
}

/// [`key_firsts`] as first written in [`row_label_next`], at every search: the reference it is
/// tested against.
#[cfg(test)]
fn key_firsts_reference(d: &RowDesc, number_required_first: bool) -> Option<KeyFirsts> {
    let need_number = number_required_first && d.number.is_some();
    let skip_short = !need_number && d.number.is_some();
    let looked_for = |key: &str| !(skip_short && key.chars().nth(2).is_none());
    let mut firsts = [[0u8; 3]; 3];
    let mut n = 0usize;
    for key in d.keys.iter().filter(|k| looked_for(k)) {
        let f = <[u8; 3]>::try_from(key.as_bytes().get(..3)?).ok()?;
        if !(0xE0..0xF0).contains(&f[0]) {
            return None;
        }
        if !firsts.get(..n)?.contains(&f) {
            *firsts.get_mut(n)? = f;
            n += 1;
        }
    }
    Some(KeyFirsts {
        firsts,
        n: u8::try_from(n).ok()?,
    })
}

/// The [`key_firsts`] of table 3's rows of each template (2019, 2021) as [`table3`] looks for
/// them (numbering required first), computed when the program is built; a row past
/// [`KEY_FIRSTS_ROWS`] has its own computed at the search.
static T3_KEY_FIRSTS: [[Option<KeyFirsts>; KEY_FIRSTS_ROWS]; 2] = [
    key_firsts_of_rows(&[template::T3_2019], true),
    key_firsts_of_rows(&[template::T3_2021], true),
];

/// How many rows of a table have their [`key_firsts`] computed when the program is built
/// ([`T3_KEY_FIRSTS`], [`T2_KEY_FIRSTS`]): table 3's longest template and then some, which
/// also covers table 2's rows counted through its blocks (the test
/// `the_key_firsts_built_with_the_program_are_those_computed_at_the_search` checks every row
/// of both tables has its entry).
const KEY_FIRSTS_ROWS: usize = T3_ROWS_MAX;

/// The [`key_firsts`] of table 2's rows of each template as [`table2`] looks for them (its
/// numbering not required), in order through the blocks: as [`T3_KEY_FIRSTS`].
static T2_KEY_FIRSTS: [[Option<KeyFirsts>; KEY_FIRSTS_ROWS]; 2] = [
    key_firsts_of_rows(&t2_rows::<{ KEY_FIRSTS_ROWS }>(template::T2_2019), false),
    key_firsts_of_rows(&t2_rows::<{ KEY_FIRSTS_ROWS }>(template::T2_2021), false),
];

/// The rows of each of `blocks` (at most `N` blocks).
const fn t2_rows<const N: usize>(blocks: &[template::Block]) -> [&'static [RowDesc]; N] {
    let mut out: [&'static [RowDesc]; N] = [&[]; N];
    let mut blocks = blocks;
    let mut slots: &mut [&'static [RowDesc]] = &mut out;
    while let ([b, rest @ ..], [slot, more @ ..]) = (blocks, slots) {
        *slot = b.rows;
        blocks = rest;
        slots = more;
    }
    out
}

/// [`key_firsts`] of each row of the lists `rows` in order, the first [`KEY_FIRSTS_ROWS`].
const fn key_firsts_of_rows(
    rows: &[&[RowDesc]],
    number_required_first: bool,
) -> [Option<KeyFirsts>; KEY_FIRSTS_ROWS] {
    let mut out = [None; KEY_FIRSTS_ROWS];
    let mut lists = rows;
    let mut slots: &mut [Option<KeyFirsts>] = &mut out;
    while let [list, more_lists @ ..] = lists {
        let mut descs = *list;
        while let [d, rest @ ..] = descs {
            let [slot, more @ ..] = slots else {
                return out;
            };
            *slot = key_firsts(d, number_required_first);
            descs = rest;
            slots = more;
        }
        lists = more_lists;
    }
    out
}

/// The [`key_firsts`] of the `i`th row `d` of a table of `tpl` whose rows' are `built`
/// ([`T3_KEY_FIRSTS`], [`T2_KEY_FIRSTS`]), looked for with `number_required_first`.
#[inline]
fn built_key_firsts(
    built: &'static [[Option<KeyFirsts>; KEY_FIRSTS_ROWS]; 2],
    tpl: Template,
    i: usize,
    d: &RowDesc,
    number_required_first: bool,
) -> Option<KeyFirsts> {
    let of = match tpl {
        Template::V2019 => &built[0],
        Template::V2021 => &built[1],
    };
    match of.get(i) {
        Some(f) => *f,
        None => key_firsts(d, number_required_first),
    }
}

/// How far past `from` [`row_label_next`] looks for a key: a row's values take a few dozen
/// bytes, a group's label or a remark before the next row's label a few dozen more, table 3's
/// header some 260; a key further on (past a hostile run of digits) is left to the search.
const NEXT_LABEL_WINDOW: usize = 512;

/// [`find_row_label_with`]'s answer when it is the first occurrence of a key in the first
/// [`NEXT_LABEL_WINDOW`] bytes of `text[from..to]`, or that no key occurs when those bytes are
/// the whole range (`None` when neither can be told so: the caller searches).
///
/// The keys' first characters are three bytes each, and three at most in a row (a test holds
/// it of the template; another row is left to the search): the places where one of them ends
/// are found by `memchr` (`memchr2`, `memchr3`) of their last bytes, in order, and the first
/// place where a key matches is the first occurrence of any key. Nor can an occurrence after it extend back over
/// its numbering to start as early: the characters between a numbering and its key are ASCII,
/// white space, `、`, `，`, `．` or the numbering's own ([`extend_number`]), and no key opens
/// with one of those ([`opens_after_numbering`], tested). So that first match (with its
/// numbering, where the first pass requires it) is the one every key's search would have
/// found, and none is searched for. The values before it are passed over by that search, and
/// so is a group's label or a remark printed before the label (`三、本年度办理结果 | (一)予以公开`,
/// `(区分处理的，…)`) or a table's header: the search of every key cost some 1,500 instructions
/// a row there.
fn row_label_next(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    number_required_first: bool,
    firsts: Option<KeyFirsts>,
) -> Option<Option<Anchor>> {
    let to = to.min(text.len());
    let need_number = number_required_first && d.number.is_some();
    // Short keys (two characters at most) are looked for only with their numbering.
    let skip_short = !need_number && d.number.is_some();
    let looked_for = |key: &str| !(skip_short && key.chars().nth(2).is_none());
    // The distinct first characters of the keys looked for ([`key_firsts`]).
    let KeyFirsts { firsts, n } = firsts?;
    let n = usize::from(n);
    if n == 0 {
        // Every key is short and looked for only with its numbering, which is not required
        // here: the search passes over each of them too.
        return Some(None);
    }
    let firsts = firsts.get(..n)?;
    let last = |k: usize| firsts.get(k.min(n.checked_sub(1)?)).map(|f| f[2]);
    let (l0, l1, l2) = (last(0)?, last(1)?, last(2)?);
    // No key of the template opens with a character of a numbering.
    debug_assert!(opens_after_numbering(d));
    let b = text.as_bytes();
    let window = to.min(from.saturating_add(NEXT_LABEL_WINDOW));
    let hay = b.get(from..window)?;
    // Each hit searched for by as many bytes as there are first characters: most rows have
    // one, whose `memchr` compares one byte a lane where `memchr3_iter` compared three and
    // set up three vectors at every step (about 0.3 M instructions a repetition of the
    // Simplified bench, 0.5 M of the Traditional).
    let mut at = 0usize;
    loop {
        let rest = hay.get(at..)?;
        let found = match n {
            1 => memchr::memchr(l0, rest),
            2 => memchr::memchr2(l0, l1, rest),
            _ => memchr::memchr3(l0, l1, l2, rest),
        };
        let Some(h) = found else { break };
        let hit = at + h;
        at = hit + 1;
        let Some(c) = hit.checked_sub(2).and_then(|s| hay.get(s..=hit)) else {
            continue;
        };
        if !firsts.iter().any(|f| f[..] == *c) {
            continue;
        }
        let q = from + hit - 2;
        let mut end = None;
        for key in d.keys {
            if key.as_bytes().get(..3) != Some(c) || !looked_for(key) {
                continue;
            }
            // No key of the template holds a character that `match_at` skips (a test holds
            // it): a key printed as is ends where its bytes do, told without `match_at`'s
            // test of the key's bytes for such characters; and one whose bytes part from the
            // text's at an ideograph of the key, where the text's character is not one that
            // `match_at` skips, does not match there, told by a compare of a few bytes
            // instead of `match_at`'s some 370 instructions (the header's `本列数据` before
            // `本年新收`, the remark's `不计` before `不予公开`).
            end = q
                .checked_add(key.len())
                .filter(|&e| e <= to && b.get(q..e) == Some(key.as_bytes()))
                .or_else(|| {
                    if crate::parse::parts_at_ideograph(b.get(q..to).unwrap_or_default(), key) {
                        None
                    } else {
                        match_at(text, q, key, to)
                    }
                });
            if end.is_some() {
                break;
            }
        }
        if let Some(end) = end {
            let ext = d.number.and_then(|n| extend_number(text, q, n));
            if need_number && ext.is_none() {
                return None;
            }
            return Some(Some(Anchor {
                start: ext.unwrap_or(q),
                end,
            }));
        }
    }
    // No key opens anywhere in the range (a page whose table was lost, a region cut short):
    // the search of every key, which looks at the same places, finds none either.
    (window == to).then_some(None)
}

/// How far past `from` [`row_label_next_by_char`] looked for the first character that can open
/// a key.
#[cfg(test)]
const NEXT_LABEL_WINDOW_BY_CHAR: usize = 256;

/// [`row_label_next`] as it was before it passed over the characters that open no key: the
/// label at the first character of `text[from..to]` that can open a key (`None` when that
/// cannot be told so: the caller searches), within the first [`NEXT_LABEL_WINDOW_BY_CHAR`]
/// bytes. The reference it is tested against: where this one answers, it answers the same.
///
/// The characters before it are ASCII or may belong to a numbering (white space, `、`, `，`, `．`,
/// the numbering's own characters), and no key opens with one of those (tested): no key occurs
/// before it. Nor can an occurrence after it extend back over its numbering to start as early,
/// since the characters between a numbering and its key are of that kind too
/// ([`extend_number`]), and this one is not. So when a key matches there (with its numbering,
/// where the first pass requires it), the first such key in order is the one every key's search
/// would have found, and none is searched for.
#[cfg(test)]
fn row_label_next_by_char(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    number_required_first: bool,
) -> Option<Anchor> {
    let to = to.min(text.len());
    let number = d.number.unwrap_or("");
    let numbering = |c: char| {
        c.is_whitespace() || matches!(c, '、' | '，' | '．') || number.chars().any(|n| n == c)
    };
    let b = text.as_bytes();
    let window = to.min(from.saturating_add(NEXT_LABEL_WINDOW_BY_CHAR));
    let mut q = from;
    let c = loop {
        q += first_non_ascii(b.get(q..window)?)?;
        let c = text.get(q..to)?.chars().next()?;
        if !numbering(c) {
            break c;
        }
        q += c.len_utf8();
    };
    let need_number = number_required_first && d.number.is_some();
    let ext = d.number.and_then(|n| extend_number(text, q, n));
    if need_number && ext.is_none() {
        return None;
    }
    // No key of the template opens with a character passed over above (ASCII or of the
    // numbering: [`opens_after_numbering`], a property of the template's data held by a test),
    // so the first key in order that matches at `q` is the answer, and the keys after it are
    // not looked at. Tested on every call before, it cost some 40 instructions a key.
    debug_assert!(opens_after_numbering(d));
    let mut end = None;
    for key in d.keys {
        let mut chars = key.chars();
        let first = chars.next()?;
        let short = chars.nth(1).is_none();
        if short && !need_number && d.number.is_some() {
            continue;
        }
        if first == c {
            // No key of the template holds a character that `match_at` skips (a test holds
            // it): a key printed as is ends where its bytes do, told without `match_at`'s test
            // of the key's bytes for such characters.
            end = q
                .checked_add(key.len())
                .filter(|&e| e <= to && text.as_bytes().get(q..e) == Some(key.as_bytes()))
                .or_else(|| match_at(text, q, key, to));
            if end.is_some() {
                break;
            }
        }
    }
    end.map(|end| Anchor {
        start: ext.unwrap_or(q),
        end,
    })
}

/// The offset of the first byte of `b` that is not ASCII, read a word of eight bytes at a
/// time: a row's values (some 30 bytes of digits, spaces and `|` before the next label) cost
/// four words instead of a turn of a loop a byte. [`first_non_ascii_by_byte`] is the
/// reference it is tested against.
#[cfg(test)]
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    let mut words = b.chunks_exact(8);
    let mut at = 0usize;
    for w in &mut words {
        let high = <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(at + (high.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&x| x >= 0x80)
        .map(|p| at + p)
}

/// [`first_non_ascii`] a byte at a time, as first written.
#[cfg(test)]
fn first_non_ascii_by_byte(b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x >= 0x80)
}

/// Whether no key of `d` opens with a character that may lie between a numbering and its key
/// ([`extend_number`]): ASCII, white space, `、`, `，`, `．` or a character of the row's
/// numbering. True of every row of the template (a test holds it), so that no occurrence of a
/// key after the first one [`row_label_next`] finds can extend back to start before it.
fn opens_after_numbering(d: &RowDesc) -> bool {
    let number = d.number.unwrap_or("");
    d.keys.iter().all(|key| {
        key.chars().next().is_none_or(|c| {
            !(c.is_ascii()
                || c.is_whitespace()
                || matches!(c, '、' | '，' | '．')
                || number.chars().any(|n| n == c))
        })
    })
}

/// [`find_row_label_with`] by a search of every key from `from`.
fn find_row_label_searched(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
    number_required_first: bool,
) -> Option<Anchor> {
    // Pass 1: with the numbering printed before the label; pass 2: without.
    let passes: &[bool] = if number_required_first && d.number.is_some() {
        &[true, false]
    } else {
        &[false]
    };
    for &need_number in passes {
        let mut best: Option<Anchor> = None;
        // Occurrences starting at or after this cannot start an anchor before `best`.
        let mut start_to = usize::MAX;
        for key in d.keys {
            let short = key.chars().nth(2).is_none();
            if short && !need_number && d.number.is_some() {
                continue;
            }
            let mut search = from;
            while let Some((s, e)) = find_label_before(text, search, start_to, to, key) {
                let ext = d.number.and_then(|n| extend_number(text, s, n));
                if need_number && ext.is_none() {
                    search = s + key.chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                let a = Anchor {
                    start: ext.unwrap_or(s),
                    end: e,
                };
                if best.is_none_or(|b| a.start < b.start) {
                    best = Some(a);
                    start_to = anchor_bound(text, a.start, d.number);
                }
                break;
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

/// A row whose short key (two characters, `总计`, `其他`, looked for only with its numbering:
/// alone they name columns and much else) is written without its numbering, where it opens a
/// row: the first occurrence in `text[from..to]` at a line's start or after a `|` (white space
/// between), followed by white space or bars and then a digit (a header's `| 其他 | 总计 |` is
/// followed by a column's name or the next row's label). Looked for only when the row is
/// not found otherwise (a table typed without the numbering of `（七）总计` or `3.其他`).
fn short_key_opening_a_row(text: &str, from: usize, to: usize, d: &RowDesc) -> Option<Anchor> {
    d.number?;
    let end = to.min(text.len());
    let mut best: Option<Anchor> = None;
    for key in d.keys.iter().filter(|k| is_short_key(k)) {
        let mut search = from;
        while let Some(off) = text.get(search..end).and_then(|r| r.find(key)) {
            let s = search + off;
            let e = s + key.len();
            search = e;
            let before = text
                .get(..s)
                .unwrap_or("")
                .trim_end_matches([' ', '\t', '\u{3000}']);
            let opens = before.is_empty() || before.ends_with(['\n', '|']);
            // Its first value next, past white space and bars (not a header's next column).
            let after = text.get(e..end).unwrap_or("");
            let rest = after.trim_start_matches([' ', '\t', '\u{3000}', '|', '\n', '\r']);
            let valued = rest.len() < after.len() && rest.starts_with(|c: char| c.is_ascii_digit());
            if opens && valued {
                if best.is_none_or(|x| s < x.start) {
                    best = Some(Anchor { start: s, end: e });
                }
                break;
            }
        }
    }
    best
}

/// A row whose label a PDF's text wrapped after the row's values, the label's last characters
/// on the next line (`7.属于行政执法案   4   0 …   4` / `卷`, a cell's text at its top): the
/// first occurrence in `text[from..to]` of a key's first part (four characters at least, the
/// longest first) followed on its line by a value and, at the start of the next line, by the
/// key's rest. The anchor is that first part (with its numbering), so the row's values are the
/// ones after it and the rest of the label, text after them, ends the row. Looked for only when
/// the row is not found otherwise.
fn label_wrapped_after_its_values(
    text: &str,
    from: usize,
    to: usize,
    d: &RowDesc,
) -> Option<Anchor> {
    let end = to.min(text.len());
    let mut best: Option<Anchor> = None;
    for key in d.keys {
        // The cuts after the fourth character, the longest first part first.
        let cuts = key.chars().count().saturating_sub(4);
        for (cut, _) in key.char_indices().rev().take(cuts) {
            let (head, tail) = (key.get(..cut)?, key.get(cut..)?);
            let mut search = from;
            while let Some((s, e)) = crate::scan::find_label(text, search, end, head) {
                search = e;
                let line_end = text.get(e..end)?.find('\n').map_or(end, |n| e + n);
                let rest_of_line = text.get(e..line_end)?;
                let valued = rest_of_line
                    .trim_start_matches([' ', '\t', '\u{3000}', '|'])
                    .starts_with(|c: char| c.is_ascii_digit())
                    && rest_of_line.starts_with(|c: char| c.is_whitespace() || c == '|');
                let mut next = text.get((line_end + 1).min(end)..end).unwrap_or("");
                // A page's footer between the two lines (`第 3 页 共 9 页`), with the `html`
                // feature.
                if cfg!(feature = "html") {
                    if let Some(n) = crate::scan::page_marker_len(next) {
                        next = next.get(n..).unwrap_or("");
                        next = next.strip_prefix('\n').unwrap_or(next);
                    }
                }
                // At the next line's start, past white space and the bars of its empty cells
                // (a pipe row's continuation row, `| | 正、行政机关… | | |`).
                let start = d
                    .number
                    .and_then(|n| extend_number(text, s, n))
                    .unwrap_or(s);
                // Or, with the `html` feature, after another column's fragment, where the label
                // starts on its line (`pypdf`'s layout mode: `（三）不    1.属于国家秘    0 …` /
                // `予公开     密`, the group's label wrapped beside it).
                let continued =
                    crate::scan::find_label(next, 0, next.len(), tail).is_some_and(|(a, _)| {
                        next.get(..a).is_some_and(|p| {
                            p.chars().all(|c| c.is_whitespace() || c == '|')
                                || cfg!(feature = "html") && at_labels_column(text, start, p)
                        })
                    });
                if (valued && continued)
                    || (cfg!(feature = "html")
                        && rest_of_line.trim().is_empty()
                        && values_then_rest_below(text, start, line_end, end, tail))
                {
                    if best.is_none_or(|b| start < b.start) {
                        best = Some(Anchor { start, end: e });
                    }
                    break;
                }
            }
            if best.is_some() {
                break;
            }
        }
    }
    best
}

/// A row whose label a PDF's text wrapped down a narrow column, the row's figures beside its
/// first line (a cell's text at its top, `pdftotext -layout`):
///
/// ```text
/// 三、   （一    6   1   0   0   0   0   7
/// 本年   ）予
/// 度办   以公
/// 理结   开
/// ```
///
/// The first line in `text[from..heads_to]` holding figures after a token (`（一`), whose token and
/// the tokens standing in its column on the lines below it (a character left of it to four
/// right; up to a line with none there, or with figures) make the row's numbering and label
/// (`（一）予以公开`,
/// one of its keys; the lines below read up to `to`). The anchor is that first token, so the
/// figures after it are the row's.
/// With the `html` feature.
#[cfg(feature = "html")]
fn label_down_its_column(
    text: &str,
    from: usize,
    heads_to: usize,
    to: usize,
    d: &RowDesc,
) -> Option<Anchor> {
    let numeral: String = d
        .number?
        .chars()
        .filter(|c| !matches!(c, '(' | ')'))
        .collect();
    // A numbering's characters (`、` lost to a misreading, U+FFFD, among them).
    let numbering =
        |c: char| c.is_ascii_digit() || "一二三四五六七八九十、.．()（）\u{FFFD}".contains(c);
    let mut toks = Vec::new();
    let mut nt = Vec::new();
    let end = to.min(text.len());
    let region = text.get(from..heads_to.min(end))?;
    let lines = region.split('\n').scan(from, |at, l| {
        let here = *at;
        *at += l.len() + 1;
        Some((here, l))
    });
    for (at, line) in lines {
        // Text tokens, then figures only (at least one): a line without a digit holds none.
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        line_tokens(line, &mut toks);
        let Some(first_fig) = toks
            .iter()
            .position(|&(s, e, _)| line.get(s..e).is_some_and(figures_only))
        else {
            continue;
        };
        if first_fig == 0
            || !toks
                .iter()
                .skip(first_fig)
                .all(|&(s, e, _)| line.get(s..e).is_some_and(figures_only))
        {
            continue;
        }
        for &(s, e, col) in toks.get(..first_fig)? {
            let mut label = line.get(s..e)?.to_string();
            if !label.starts_with(numbering) {
                continue;
            }
            // The tokens in its column below.
            let mut below = text.get(at + line.len() + 1..end).unwrap_or("").split('\n');
            for next in below.by_ref().take(24) {
                // A page's footer between two lines of the column (`第 3 页 共 9 页`).
                if crate::scan::page_marker_len(next).is_some() {
                    continue;
                }
                line_tokens(next, &mut nt);
                // In its column, or a little right of it (a last character centred, `理`).
                let Some(&(a, b, _)) = nt.iter().find(|t| t.2 + 1 >= col && t.2 <= col + 4) else {
                    break;
                };
                let piece = next.get(a..b)?;
                if figures_only(piece)
                    || nt
                        .iter()
                        .any(|&(x, y, _)| next.get(x..y).is_some_and(figures_only))
                {
                    break;
                }
                label.push_str(piece);
            }
            let cut = label.find(|c: char| !numbering(c)).unwrap_or(label.len());
            let (number, rest) = label.split_at(cut);
            let keyed = d
                .keys
                .iter()
                .any(|k| crate::scan::match_at(rest, 0, k, rest.len()).is_some());
            if number.contains(numeral.as_str()) && keyed {
                return Some(Anchor {
                    start: at + s,
                    end: at + e,
                });
            }
        }
    }
    None
}

/// The line above the first line of a label found over several lines (`a`), up the label's
/// column, where a token stands in that column (within a character) with only figures after
/// it: its range from that token to its last figure. The label's first line holds no figure,
/// and the lines between hold a token in the
/// column and no figure (the label's first characters, `机关` over `不掌握…`); up to eight.
/// With the `html` feature.
#[cfg(feature = "html")]
fn figures_above_wrapped_label(text: &str, from: usize, a: Anchor) -> Option<(usize, usize)> {
    let mut opens = text.get(..a.start)?.rfind('\n')? + 1;
    // The label's first line holds no figure (the row's figures are not on its lines).
    let first = text.get(opens..)?;
    let first = first.get(..first.find('\n').unwrap_or(first.len()))?;
    if first.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let before = text.get(opens..a.start)?;
    let tok = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
    let column = before.get(..tok)?.chars().filter(|&c| c != '\u{c}').count();
    let mut toks = Vec::new();
    for _ in 0..8 {
        let above_end = opens.checked_sub(1)?;
        let above_at = text.get(..above_end)?.rfind('\n').map_or(0, |p| p + 1);
        if above_at < from {
            return None;
        }
        let above = text.get(above_at..above_end)?;
        line_tokens(above, &mut toks);
        let k = toks.iter().position(|t| t.2.abs_diff(column) <= 1)?;
        let (i, head_end, _) = *toks.get(k)?;
        let head = above.get(i..head_end)?;
        if above.get(head_end..)?.bytes().any(|b| b.is_ascii_digit()) {
            let figures = toks
                .iter()
                .skip(k + 1)
                .all(|&(x, y, _)| above.get(x..y).is_some_and(figures_only));
            let text_head = !head.bytes().all(|b| b.is_ascii_digit());
            return (figures && text_head)
                .then_some((above_at + i, above_at + above.trim_end().len()));
        }
        opens = above_at;
    }
    None
}

/// The tokens of a line (runs of other than white space) into `out`: each one's byte offsets
/// and its column, in characters (a page break's form feed takes none).
#[cfg(feature = "html")]
fn line_tokens(line: &str, out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    let mut col = 0usize;
    let mut start: Option<(usize, usize)> = None;
    for (i, c) in line.char_indices() {
        if c == '\u{c}' {
            continue;
        }
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((i, col)),
            (true, Some((s, sc))) => {
                out.push((s, i, sc));
                start = None;
            }
            _ => {}
        }
        col += 1;
    }
    if let Some((s, sc)) = start {
        out.push((s, line.len(), sc));
    }
}

/// Whether a token is a figure: ASCII digits, points and commas only.
fn figures_only(t: &str) -> bool {
    t.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The column of byte `at` of `text` on its line, in characters (as `pdftotext` and `pypdf`
/// align a page's columns).
fn char_column(text: &str, at: usize) -> usize {
    let opens = text
        .get(..at)
        .map_or(0, |t| t.rfind('\n').map_or(0, |n| n + 1));
    text.get(opens..at).map_or(0, |t| t.chars().count())
}

/// Whether `before`, the start of the line after a label's first line up to the label's rest,
/// is another column's fragment and white space, the rest standing where the label starts on
/// its line (`start`), within two characters: columns counted in characters, as `pdftotext`
/// and `pypdf` align them.
#[cfg(feature = "html")]
fn at_labels_column(text: &str, start: usize, before: &str) -> bool {
    let column = char_column(text, start);
    !before.contains('\n')
        && before.ends_with(char::is_whitespace)
        && before.chars().count().abs_diff(column) <= 2
}

#[cfg(not(feature = "html"))]
fn at_labels_column(_: &str, _: usize, _: &str) -> bool {
    false
}

/// Whether, below a line that ends with a label's first part (which starts at `start`; the
/// line ends at `line_end`), the next line holds figures only and the line after holds the
/// label's rest, `tail`, where the label starts on its line (a `pdftotext -layout` page whose
/// cells are set at their middle: `（三）不   1.属于国家秘` / `0   0 …   0` / `予公开    密`, a group's
/// label beside it). Columns are counted in characters, as `pdftotext` aligns them. Read with
/// the `html` feature, as the other readers of rarer layouts are: the module without it had no
/// room for it (340 B gzip).
fn values_then_rest_below(
    text: &str,
    start: usize,
    line_end: usize,
    end: usize,
    tail: &str,
) -> bool {
    let line_of = |from: usize| -> Option<&str> {
        let rest = text.get(from.min(end)..end)?;
        Some(
            rest.find('\n')
                .map_or(rest, |n| rest.get(..n).unwrap_or("")),
        )
    };
    let Some(values) = line_of(line_end + 1) else {
        return false;
    };
    let column = char_column(text, start);
    // Another column's fragment may open the line, ending before the label's column (`（ 五 ）
    // 0   0 …`, the group's label beside the row).
    let figured = |v: &str| {
        v.bytes().any(|b| b.is_ascii_digit())
            && v.split(|c: char| c.is_whitespace() || c == '|')
                .all(figures_only)
    };
    let after_fragment = values
        .char_indices()
        .nth(column)
        .and_then(|(i, _)| values.get(..i).zip(values.get(i..)))
        .is_some_and(|(frag, rest)| {
            frag.ends_with(char::is_whitespace)
                && !frag.contains(|c: char| c.is_ascii_digit())
                && figured(rest)
        });
    let figures = figured(values) || after_fragment;
    let Some(below) = line_of(line_end + 1 + values.len() + 1) else {
        return false;
    };
    figures
        && crate::scan::find_label(below, 0, below.len(), tail).is_some_and(|(a, _)| {
            let before = below.get(..a).unwrap_or("");
            let at = before.chars().count();
            (before.is_empty() || before.ends_with(char::is_whitespace)) && at.abs_diff(column) <= 2
        })
}

/// The first offset at which an occurrence of a key can no longer start an anchor before
/// `start`: an anchor starts at its key or at the numbering extended before it
/// ([`extend_number`]), and what lies between the two is numbering characters, punctuation
/// and white space only. So an occurrence past the run of such characters at `start` extends
/// back to `start` at the earliest.
fn anchor_bound(text: &str, start: usize, number: Option<&str>) -> usize {
    let Some(number) = number else {
        return start.saturating_add(1);
    };
    let rest = text.get(start..).unwrap_or("");
    let run = rest
        .char_indices()
        .find(|&(_, c)| {
            // A numbering is a few characters: comparing them costs less than a `str` search.
            !(matches!(c, '(' | ')' | '.' | '、' | ',' | '，' | '．')
                || number.chars().any(|n| n == c)
                || c.is_whitespace())
        })
        .map_or(rest.len(), |(i, _)| i);
    start.saturating_add(run).saturating_add(1)
}

/// The cells of a row, one per column in order, from the items `read` into them; the columns
/// left over (a short row) are absent.
fn fill_row<'i, M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    cols: &[Col],
    read: impl Iterator<Item = &'i Item>,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::with_capacity(cols.len());
    let mut read = read.fuse();
    for col in cols {
        cells.push(match read.next() {
            Some(it) => cell_from_item(ctx, col, it, None),
            None => Cell::absent(col.label),
        });
    }
    cells
}

/// What was read from one row region.
struct RowRead {
    cells: Vec<Cell>,
}

fn content_count(items: &[Item]) -> usize {
    items.iter().filter(|i| i.is_content()).count()
}

/// Table 4's items cut after a pipe row holding all fifteen values, when more follow: with the
/// heading of section 5 lost (a converter that dropped it), the table's region runs on into the
/// prose after it, whose numbers (`1、公开形式…`) are no surplus of the table.
fn whole_row_of_fifteen(text: &str, items: &mut Vec<Item>) {
    let Some(first) = items.iter().find(|i| i.is_content()) else {
        return;
    };
    let b = text.as_bytes();
    let line_start = b
        .get(..first.start)
        .and_then(|r| memchr::memrchr(b'\n', r))
        .map_or(0, |i| i + 1);
    let line_end = b
        .get(first.start..)
        .and_then(|r| memchr::memchr(b'\n', r))
        .map_or(b.len(), |i| first.start + i);
    let piped = b
        .get(line_start..line_end)
        .is_some_and(|l| memchr::memchr(b'|', l).is_some());
    let on_line = items
        .iter()
        .filter(|i| i.is_content() && i.end <= line_end)
        .count();
    let after = items.iter().any(|i| i.is_content() && i.start > line_end);
    if piped && on_line == T4_ROWS.len() * T4_COLS.len() && after {
        items.retain(|i| i.end <= line_end);
    }
}

/// A row printed as sub-rows the template does not have (`其他对外管理服务事项 | 行政检查 | 2 | 0 |
/// 5 |` / `| | 行政确认 | 3 | 1 | 4 |`): a label between the row's own and its first value, and
/// after those values another label and as many values, and so on. The cells are left blank
/// and `T005` names each sub-row with its values and the columns' sums (which the report does
/// not print); the first sub-row's values are not the row's. One sub-row alone, or groups of
/// other sizes, are no such row: `false`, and nothing is said.
fn sub_rows<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    (from, to): (usize, usize),
    items: &[Item],
    n: usize,
) -> bool {
    let text = ctx.text;
    // A sub-row's label: a few words, not a row's note in brackets (`(行政机关制定发布的…)`).
    let labelled = |a: usize, b: usize| {
        text.get(a..b).is_some_and(|t| {
            let t = t.trim_matches(|c: char| c.is_whitespace() || c == '|');
            let words = t.chars().filter(|&c| crate::normalise::is_cjk(c)).count();
            (1..=12).contains(&words) && !t.starts_with(['(', '（'])
        })
    };
    // Most rows open with their first value: told before anything is copied or allocated
    // (this runs for every row of table 2 holding a value a column).
    match items.iter().find(|i| i.is_content()) {
        Some(first) if labelled(from, first.start) => {}
        _ => return false,
    }
    let mut shown = String::new();
    let mut sums = vec![0i64; n];
    let (mut groups, mut label_at, mut end) = (0usize, from, from);
    let mut group: Vec<Item> = items.to_vec();
    loop {
        let values = || group.iter().filter(|i| i.is_content());
        let Some(v0) = values().next() else {
            break;
        };
        if values().count() != n || !labelled(label_at, v0.start) {
            return false;
        }
        if groups > 0 {
            shown.push_str("; ");
        }
        let label = text.get(label_at..v0.start).unwrap_or("").chars();
        shown.extend(label.filter(|&c| crate::normalise::is_cjk(c)));
        for (v, sum) in values().zip(sums.iter_mut()) {
            if let ItemKind::Value(Number::Int(x), _) = v.kind {
                *sum = sum.saturating_add(x);
            }
            shown.push(' ');
            shown.push_str(text.get(v.start..v.end).unwrap_or(""));
            end = v.end;
        }
        groups += 1;
        label_at = end;
        group.clear();
        charged_items_into(ctx, kind, end, to, &mut group);
    }
    if groups < 2 {
        return false;
    }
    let sums: Vec<String> = sums.iter().map(i64::to_string).collect();
    ctx.diags.push(
        Diagnostic::new(
            Code::T005,
            format!(
                "table {} ({}), row `{path}`: printed as {groups} sub-rows the template does not have ({shown}); their values are not placed (the columns' sums: {})",
                kind.number(),
                kind.title(),
                sums.join(" ")
            ),
        )
        .with_span(Some((ctx.map)(from, end)))
        .at(Location::row(kind, path)),
    );
    true
}

/// Read `items` into the row's columns (no splitting).
///
/// The content items are counted in the pass that tells whether any is a run of digits too
/// long to be one number, and only then are they walked for those runs.
fn read_row<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    cols: &[Col],
    items: &[Item],
    span: Option<Span>,
) -> RowRead {
    let rr = read_row_by::<false, _>(ctx, kind, path, cols, items, span);
    lost_mark_cells(ctx, kind, path, items, &rr.cells);
    rr
}

/// A T006 for each cell of a row read blank because a `?` stands before its number (`? 2` in
/// `规章 | 1 | ? 2 | 3 |`, a mirror site's copy): the mark an encoding writes for a character
/// it could not hold. The character may have been a space, a sign or a word (约), so the
/// number is not taken for the cell's; the cell keeps its place, and the cells after it theirs.
/// Named with its column, as the row's other cells are read.
fn lost_mark_cells<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    items: &[Item],
    cells: &[Cell],
) {
    for it in items.iter().filter(|i| i.kind == ItemKind::Lost) {
        let at = (ctx.map)(it.start, it.end);
        // A surplus cell is quoted by the row's T005 instead.
        let Some(cell) = cells.iter().find(|c| c.span == Some(at)) else {
            continue;
        };
        let raw = ctx.text.get(it.start..it.end).unwrap_or("");
        let rest = raw.trim_start_matches(['?', '？']);
        let mark = raw.get(..raw.len() - rest.len()).unwrap_or("?");
        let number = rest.trim_start();
        ctx.diags.push(
            Diagnostic::new(
                Code::T006,
                format!(
                    "table {} ({}), row `{path}`, column {}: `{raw}` is not a number: the `{mark}` before `{number}` marks a character the page lost (an encoding that could not hold it), which may have changed it; the cell is left blank",
                    kind.number(),
                    kind.title(),
                    cell.column
                ),
            )
            .with_span(Some(at))
            .at(Location::cell(kind, path, &cell.column)),
        );
    }
}

/// [`read_row`] as it was before the content items were counted in the pass that looks for
/// long runs of digits (counted, then walked for the runs): the reference it is tested against.
#[cfg(test)]
fn read_row_reference<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    cols: &[Col],
    items: &[Item],
    span: Option<Span>,
) -> RowRead {
    let rr = read_row_by::<true, _>(ctx, kind, path, cols, items, span);
    lost_mark_cells(ctx, kind, path, items, &rr.cells);
    rr
}

/// [`read_row`], or with `FIRST_WRITTEN` set the reference it is held to.
#[inline(always)]
fn read_row_by<const FIRST_WRITTEN: bool, M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    cols: &[Col],
    items: &[Item],
    span: Option<Span>,
) -> RowRead {
    let n = cols.len();
    // The content items, walked again where needed rather than collected.
    let content = || items.iter().filter(|i| i.is_content());
    let (k, any_digits) = if FIRST_WRITTEN {
        (content().count(), true)
    } else {
        let (mut k, mut digits) = (0usize, false);
        for i in items {
            match i.kind {
                ItemKind::Value(..) | ItemKind::Blank | ItemKind::Lost => k += 1,
                ItemKind::Digits => {
                    k += 1;
                    digits = true;
                }
                ItemKind::Empty | ItemKind::Text => {}
            }
        }
        (k, digits)
    };
    for it in content()
        .filter(|i| i.kind == ItemKind::Digits)
        .take(if any_digits { usize::MAX } else { 0 })
    {
        let raw = ctx.text.get(it.start..it.end).unwrap_or("");
        ctx.diags.push(
            Diagnostic::new(
                Code::T006,
                format!(
                    "table {} ({}), row `{path}`: `{raw}` is too long to be one number and cannot be split here; the cell is left blank",
                    kind.number(),
                    kind.title()
                ),
            )
            .with_span(Some((ctx.map)(it.start, it.end)))
            .at(Location::row(kind, path)),
        );
    }
    if k == n {
        // A row of values only (most rows) is filled from its items as they are, without the
        // test of each item's kind, each column paired with its item: the list is sized once
        // and written without a test of its room or of an item left for each column.
        let cells = if !FIRST_WRITTEN && k == items.len() {
            cols.iter()
                .zip(items)
                .map(|(col, it)| cell_from_item(ctx, col, it, None))
                .collect()
        } else {
            fill_row(ctx, cols, content())
        };
        return RowRead { cells };
    }
    if k > n {
        let cells = fill_row(ctx, cols, content());
        // At most 20 surplus values are quoted: the message stays short on hostile rows.
        let mut extra: Vec<String> = content()
            .skip(n)
            .take(20)
            .map(|i| ctx.text.get(i.start..i.end).unwrap_or("").to_string())
            .collect();
        if k - n > extra.len() {
            extra.push(format!("… {} in all", k - n));
        }
        let first_extra = content().nth(n).map(|i| (ctx.map)(i.start, i.end));
        ctx.diags.push(
            Diagnostic::new(
                Code::T005,
                format!(
                    "table {} ({}), row `{path}`: {k} values for {n} columns; the surplus ({}) is not used",
                    kind.number(),
                    kind.title(),
                    extra.join(" ")
                ),
            )
            .with_span(first_extra.or(span))
            .at(Location::row(kind, path)),
        );
        return RowRead { cells };
    }
    // k < n. Explicit empty cells: read by position. Empty cells beyond the row's columns are
    // the row's closing pipes (`| 0 | ||`) as far as empty cells end the row, and the rest,
    // before the first value, the label's (a label over two columns, `| 一、本年新收… | | 26 |
    // | | 0 |…`, a `colspan` flattened to pipes): neither is counted.
    let cells_of = || {
        items
            .iter()
            .filter(|i| i.is_content() || i.kind == ItemKind::Empty)
    };
    let label_cells = if k == 0 {
        0
    } else {
        let leading = cells_of().take_while(|i| i.kind == ItemKind::Empty).count();
        let trailing = cells_of()
            .rev()
            .take_while(|i| i.kind == ItemKind::Empty)
            .count();
        let beyond = cells_of().count().saturating_sub(n);
        leading.min(beyond.saturating_sub(trailing))
    };
    let seq = || cells_of().skip(label_cells);
    let positional =
        seq().take(n).count() == n && seq().take(n).filter(|i| i.is_content()).count() == k;
    // Values laid out by spaces under their columns (`pdftotext -layout`): placed by where a
    // complete row nearby puts the columns.
    let aligned = if positional || k == 0 || ctx.aligned_budget == 0 {
        None
    } else {
        let row: SmallVec<[&Item; 8]> = content().collect();
        ctx.aligned_budget -= 1;
        crate::aligned::place(ctx.text, &row, n).map(|at| (row, at))
    };
    let cells = if positional {
        fill_row(ctx, cols, seq())
    } else if let Some((row, at)) = &aligned {
        let mut placed = row.iter().zip(at).peekable();
        cols.iter()
            .enumerate()
            .map(|(j, col)| match placed.next_if(|&(_, &c)| c == j) {
                Some((it, _)) => cell_from_item(ctx, col, it, None),
                None => Cell::absent(col.label),
            })
            .collect()
    } else {
        fill_row(ctx, cols, content())
    };
    if k < n {
        let how = if positional && k == 0 {
            "every cell is empty"
        } else if positional {
            "the empty cells are read as blank"
        } else if aligned.is_some() {
            "the values are placed under the columns they stand under, as a complete row nearby shows them; the other cells are read as blank"
        } else if k == 0 {
            "no value was found"
        } else if cut_in_row(ctx, content()) {
            "the text ends in the row: the values are its leading cells"
        } else {
            "the values are placed in the leading columns; which cell is missing cannot be told"
        };
        // As first written (`FIRST_WRITTEN`), by `format!` over the blank columns joined.
        let message = if FIRST_WRITTEN {
            short_row_message_formatted(kind, path, k, n, how, &cells)
        } else {
            short_row_message(kind, path, k, n, how, &cells)
        };
        ctx.diags.push(
            Diagnostic::new(Code::T004, message)
                .with_span(span)
                .at(Location::row(kind, path)),
        );
    }
    RowRead { cells }
}

/// The end of a table-3 row's values: of the last content item of its region (`region`, whose
/// surplus values its T005 says) and of the row's own (`items`).
#[cfg(feature = "html")]
fn values_end(items: &[Item], region: &[Item]) -> Option<usize> {
    let last = |l: &[Item]| l.iter().rev().find(|i| i.is_content()).map(|i| i.end);
    last(items).max(last(region))
}

/// Whether a table-3 row's last value is the sum of the others (rule C2), none overflowing.
#[cfg(feature = "html")]
fn last_is_sum(values: &[i64]) -> bool {
    values.split_last().is_some_and(|(&total, rest)| {
        rest.iter().try_fold(0i64, |a, &x| a.checked_add(x)) == Some(total)
    })
}

/// The figures that stand alone in `text[from..to]` after the text that ended a table-3 row's
/// values, on the rest of their line and `lines` lines below (all when `None`), at most `max`:
/// white space around each, and after it on its line only white space and figures (a page
/// header's `2021 年度…` is not one); none in a page marker line; none at all when the text
/// holds a `|` (a pipe table's cells are read by their bars) or when more than `max` stand
/// there.
#[cfg(feature = "html")]
#[inline(never)]
fn figures_after_text(
    text: &str,
    from: usize,
    to: usize,
    lines: Option<usize>,
    max: usize,
) -> SmallVec<[(usize, usize); 8]> {
    let mut found: SmallVec<[(usize, usize); 8]> = SmallVec::new();
    let tail = text.get(from..to.min(text.len())).unwrap_or("");
    let tail = lines
        .and_then(|n| memchr::memchr_iter(b'\n', tail.as_bytes()).nth(n))
        .and_then(|e| tail.get(..e))
        .unwrap_or(tail);
    if !tail.bytes().any(|b| b.is_ascii_digit()) || tail.contains('|') {
        return found;
    }
    let mut line_at = from;
    for (n, line) in tail.split('\n').enumerate() {
        if n == 0 || crate::scan::page_marker_len(line).is_none() {
            let line_from = found.len();
            let mut run: Option<usize> = None;
            let mut prev = if n == 0 { 'x' } else { ' ' };
            for (p, c) in line
                .char_indices()
                .chain(std::iter::once((line.len(), ' ')))
            {
                match (c.is_ascii_digit(), run) {
                    (true, None) if prev.is_whitespace() => run = Some(p),
                    (false, Some(r)) => {
                        if c.is_whitespace() && p - r <= 18 {
                            found.push((line_at + r, line_at + p));
                        }
                        run = None;
                    }
                    _ => {}
                }
                if !c.is_whitespace() && !c.is_ascii_digit() {
                    found.truncate(line_from);
                }
                prev = c;
            }
        }
        if found.len() > max {
            found.clear();
            return found;
        }
        line_at += line.len() + 1;
    }
    found
}

/// A table-3 row whose values a label's rest interrupts (`一、本年新收政府信` / `22` / `息公开申请数量`
/// / `2` / `0` … `24`, `pdftotext`'s order of a page printed on narrow sheets): the figures
/// after the text that ended the row, up to the next row's label, are the rest of its cells when
/// they are exactly the cells it lacks, or their digits are (figures glued by narrow columns,
/// `0000`, read a digit a cell), and the row's sum holds with them (the row's items with them,
/// and a `T014` saying so; `None` otherwise).
#[cfg(feature = "html")]
#[inline(never)]
fn row_completed_below<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    items: &[Item],
    from: usize,
    region_end: usize,
) -> Option<Vec<Item>> {
    let n = T3_COLS.len();
    let mut values: SmallVec<[i64; 8]> = SmallVec::new();
    for it in items.iter().filter(|i| i.is_content()) {
        match it.kind {
            ItemKind::Value(Number::Int(v), None) => values.push(v),
            _ => return None,
        }
    }
    let k = values.len();
    if k == 0 || k >= n {
        return None;
    }
    let text = ctx.text;
    let found = figures_after_text(text, from, region_end, None, n - k);
    // Fewer figures whose digits are as many as the cells lacking: cells glued together
    // (`0000`, the narrow columns' figures run together), a digit each, the only split.
    let glued = found.len() < n - k;
    if found.is_empty() || glued && found.iter().map(|&(a, b)| b - a).sum::<usize>() != n - k {
        return None;
    }
    let mut out = items.to_vec();
    for &(a, b) in &found {
        let step = if glued { 1 } else { (b - a).max(1) };
        for p in (a..b).step_by(step) {
            let v = text.get(p..p + step)?.parse::<i64>().ok()?;
            values.push(v);
            out.push(Item {
                kind: ItemKind::Value(Number::Int(v), None),
                start: p,
                end: p + step,
            });
        }
    }
    if !last_is_sum(&values) {
        return None;
    }
    let (fs, _) = *found.first()?;
    let (_, fe) = *found.last()?;
    let below: Vec<&str> = found
        .iter()
        .map(|&(a, b)| text.get(a..b).unwrap_or(""))
        .collect();
    ctx.diags.push(
        Diagnostic::new(
            Code::T014,
            format!(
                "table 3 ({}), row `{path}`: its values stand on both sides of its label's rest; {k} before it and {} after it ({}{}) are read together, as the row's sum proves",
                kind.title(),
                n - k,
                below.join(" "),
                if glued { ", glued digits a cell each" } else { "" }
            ),
        )
        .with_span(Some((ctx.map)(fs, fe)))
        .at(Location::row(kind, path)),
    );
    Some(out)
}

/// The figures that stand alone after the text that ended a table-3 row's values, on the rest of
/// their line and the three lines below, up to the next row's label (`region_end`;
/// [`figures_after_text`]). A figure wrapped in its narrow cell (`（一）予以公开 27 0 0 2 0 1 3`
/// / `本 年   0`: the total `30`, its `0` below after the group's letter-spaced label, `pypdf`'s
/// layout mode) is joined to the one cell whose figure it completes so that the row's sum
/// holds, which it did not (`T007`); any other such figure is said not used (`T005`), not
/// dropped unsaid.
#[cfg(feature = "html")]
#[inline(never)]
fn figures_after_values<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    last: usize,
    region_end: usize,
    cells: &mut [Cell],
) {
    let text = ctx.text;
    let found = figures_after_text(text, last, region_end, Some(3), usize::MAX);
    let Some(&(fs, fe)) = found.first() else {
        return;
    };
    let title = kind.title();
    let raw = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    // One figure below a row whose sum breaks: the cell it completes, when exactly one does.
    let value = |c: &Cell| match c.value {
        Some(Number::Int(v)) => Some(v),
        _ => None,
    };
    let values: SmallVec<[i64; 8]> = cells.iter().map_while(value).collect();
    let figure = raw(fs, fe);
    let joined = |v: i64| -> Option<i64> {
        let scale = 10i64.checked_pow(u32::try_from(figure.len()).ok()?)?;
        v.checked_mul(scale)?
            .checked_add(figure.parse::<i64>().ok()?)
    };
    // Each cell with the figure joined, for one figure below a full row whose sum breaks; the
    // join kept where exactly one makes it hold.
    let wrapped = found.len() == 1 && values.len() == cells.len() && !last_is_sum(&values);
    let mut fits = (0..values.len())
        .take(if wrapped { usize::MAX } else { 0 })
        .filter_map(|j| {
            let mut v = values.clone();
            let x = v.get_mut(j)?;
            *x = joined(*x)?;
            let joined = *x;
            last_is_sum(&v).then_some((j, joined))
        });
    if let (Some((j, v)), None) = (fits.next(), fits.next()) {
        if let Some(c) = cells.get_mut(j) {
            let first = c.raw.as_deref().unwrap_or("").to_string();
            let below = (ctx.map)(fs, fe);
            ctx.diags.push(
                Diagnostic::new(
                    Code::T007,
                    format!(
                        "table 3 ({title}), row `{path}`, column {}: `{first}` and the `{figure}` below it are one figure wrapped in its narrow cell, read as {v}: the row's sum holds so only",
                        c.column
                    ),
                )
                .with_span(Some(below))
                .at(Location::cell(kind, path, &c.column)),
            );
            // The cell's span runs from its first part to the part below.
            c.span = Some(Span {
                start: c.span.map_or(below.start, |sp| sp.start),
                end: below.end,
            });
            c.value = Some(Number::Int(v));
            c.raw = Some(CompactString::from(format!("{first}{figure}")));
            return;
        }
    }
    let mut listed: Vec<&str> = found.iter().take(20).map(|&(a, b)| raw(a, b)).collect();
    if found.len() > 20 {
        listed.push("…");
    }
    ctx.diags.push(
        Diagnostic::new(
            Code::T005,
            format!(
                "table 3 ({title}), row `{path}`: {} after the row's values and the text that ends them, apart from both (a figure wrapped in its cell, or another row's); not used",
                if let [one] = listed.as_slice() {
                    format!("`{one}` stands")
                } else {
                    format!("`{}` stand", listed.join(" "))
                }
            ),
        )
        .with_span(Some((ctx.map)(fs, fe)))
        .at(Location::row(kind, path)),
    );
}

/// Whether the text ends in a row after its values (`items`): nothing but white space and `|`
/// follows the last one (a page cut off there).
fn cut_in_row<'i, M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    items: impl Iterator<Item = &'i Item>,
) -> bool {
    let Some(end) = items.map(|i| i.end).max() else {
        return false;
    };
    ctx.text
        .get(end..ctx.report_end)
        .is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace() || b == b'|'))
}

/// [`short_row_message`] as first written, by `format!` over the blank columns collected and
/// joined: what [`read_row_by`]'s `FIRST_WRITTEN` reference writes, and what the tests hold the
/// sized writer to.
fn short_row_message_formatted(
    kind: TableKind,
    path: &str,
    k: usize,
    n: usize,
    how: &str,
    cells: &[Cell],
) -> String {
    let blank_cols: Vec<&str> = cells
        .iter()
        .filter(|c| c.value.is_none())
        .map(|c| c.column.as_ref())
        .collect();
    format!(
        "table {} ({}), row `{path}`: {k} of {n} cells; {how} (blank: {})",
        kind.number(),
        kind.title(),
        blank_cols.join("、")
    )
}

/// The message of a short row's `T004` ([`read_row`]), written piece by piece into a string
/// sized once for it, the blank columns written in place: `format!` grew its string twice
/// (the estimate it starts from is twice its pieces, some 100 bytes of the 250), and the
/// columns were collected and joined into two more allocations (some 2,600 instructions a
/// message, one in most Simplified bench reports).
fn short_row_message(
    kind: TableKind,
    path: &str,
    k: usize,
    n: usize,
    how: &str,
    cells: &[Cell],
) -> String {
    let title = kind.title();
    let blank = || {
        cells
            .iter()
            .filter(|c| c.value.is_none())
            .map(|c| c.column.as_ref())
    };
    // The pieces (some 50 bytes) and three counts, of at most 20 digits each.
    let room = 120 + title.len() + path.len() + how.len();
    let mut m = String::with_capacity(room + blank().map(|c| c.len() + 3).sum::<usize>());
    m.push_str("table ");
    m.push_str(itoa::Buffer::new().format(kind.number()));
    m.push_str(" (");
    m.push_str(title);
    m.push_str("), row `");
    m.push_str(path);
    m.push_str("`: ");
    m.push_str(itoa::Buffer::new().format(k));
    m.push_str(" of ");
    m.push_str(itoa::Buffer::new().format(n));
    m.push_str(" cells; ");
    m.push_str(how);
    m.push_str(" (blank: ");
    for (i, c) in blank().enumerate() {
        if i > 0 {
            m.push('、');
        }
        m.push_str(c);
    }
    m.push(')');
    m
}

/// The digit runs of a region's items, when the row can be a glued run: all content items are
/// non-negative numbers without a unit except possibly the last.
fn glued_runs(text: &str, items: &[Item], n: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let content = || items.iter().filter(|i| i.is_content());
    let k = content().count();
    if k == 0 || k >= n {
        return None;
    }
    let mut runs = Vec::with_capacity(k);
    let mut digits = 0usize;
    for it in content() {
        let full = text.get(it.start..it.end)?;
        // A blank mark among glued figures (`64无无2无470`) is one cell of its own (with the
        // `html` feature, as the readers of other rarer layouts).
        if cfg!(feature = "html") && it.kind == ItemKind::Blank {
            // A doubled mark (`——`) may be two cells' (the split tries both readings).
            digits += full.chars().count();
            runs.push(it.start..it.end);
            continue;
        }
        // A sign opens a new value; the run starts after it (the sign is restored on the piece).
        let tok = full.trim_start_matches(['+', '-']);
        let it_start = it.start + (full.len() - tok.len());
        // Accept digits with at most one point, optional trailing unit (removed from the run).
        let core_end = tok
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(tok.len());
        let core = tok.get(..core_end)?;
        if core.is_empty() || core.matches('.').count() > 1 {
            return None;
        }
        digits += core.chars().filter(char::is_ascii_digit).count();
        runs.push(it_start..it_start + core_end);
    }
    if digits < n {
        return None;
    }
    Some(runs)
}

/// Whether a row's figures stand glued to the text before them (its label, or a note after it:
/// `（二）部分公开（区分处理的，只计这一情形，不计其他情形）500000 5`) with no line break, `|`
/// or tab among them: a row of a table flattened with nothing between its cells, even when a
/// line break elsewhere in the table makes the table as a whole not flattened. Figures after
/// white space (a PDF's text, a row typed by hand) or after a bar are not so.
#[inline(never)]
fn glued_to_text(text: &str, items: &[Item]) -> bool {
    let mut content = items.iter().filter(|i| i.is_content());
    let Some(first) = content.next() else {
        return false;
    };
    let last = content.next_back().unwrap_or(first);
    // The canonical text writes every space ` ` (U+3000 and NBSP included).
    first
        .start
        .checked_sub(1)
        .and_then(|i| text.as_bytes().get(i))
        .is_some_and(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'|'))
        && text
            .get(first.start..last.end)
            .is_some_and(|t| !has_break(t))
}

/// Whether a row's figures hold a run led by a zero (`0000000`, `00`): no count is printed so,
/// and the run is cells glued together, wherever the row stands (a table printed a cell a line,
/// its figures on a line below the label).
fn zero_led(text: &str, items: &[Item]) -> bool {
    items.iter().filter(|i| i.is_content()).any(|i| {
        let b = text.as_bytes().get(i.start..i.end).unwrap_or_default();
        let b = b
            .strip_prefix(b"-")
            .or_else(|| b.strip_prefix(b"+"))
            .unwrap_or(b);
        matches!(b, [b'0', d, ..] if d.is_ascii_digit())
    })
}

/// Whether a row's figures are one run of digits as long as its `n` cells or longer
/// (`7000007` for table 3's seven columns, a scraper's `get_text()` row on a line of its own):
/// no count of a table of many columns is printed so, and the run is cells glued together,
/// wherever the row stands.
fn one_long_run(text: &str, items: &[Item], n: usize) -> bool {
    let mut content = items.iter().filter(|i| i.is_content());
    match (content.next(), content.next()) {
        (Some(i), None) => text
            .get(i.start..i.end)
            .is_some_and(|t| t.len() >= n && t.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

fn cells_from_reading<M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    cols: &[Col],
    reading: &Reading,
    derived: bool,
) -> Vec<Cell> {
    cols.iter()
        .enumerate()
        .map(|(i, col)| match reading.pieces.get(i) {
            Some(r) => {
                let mut r = r.clone();
                // A sign before the piece is restored, unless it is the piece before it: a
                // blank mark (`27--2-130`, html).
                let mark = cfg!(feature = "html")
                    && i > 0
                    && reading.pieces.get(i - 1).is_some_and(|p| p.end == r.start);
                if !mark
                    && ctx
                        .text
                        .get(..r.start)
                        .is_some_and(|b| b.ends_with(['-', '+']))
                {
                    r.start -= 1;
                }
                let raw = ctx.text.get(r.clone()).unwrap_or("");
                let it = Item {
                    kind: if cfg!(feature = "html") && crate::cells::is_blank(raw) {
                        ItemKind::Blank
                    } else {
                        crate::cells::parse_value(raw)
                            .map(|(n, u)| ItemKind::Value(n, u))
                            .unwrap_or(ItemKind::Text)
                    },
                    start: r.start,
                    end: r.end,
                };
                cell_from_item(
                    ctx,
                    col,
                    &it,
                    if derived {
                        Some(Derivation::Split)
                    } else {
                        None
                    },
                )
            }
            None => Cell::absent(col.label),
        })
        .collect()
}

fn reading_text<M: MapFn + ?Sized>(ctx: &Ctx<'_, '_, M>, r: &Reading) -> Vec<String> {
    r.pieces
        .iter()
        .map(|p| ctx.text.get(p.clone()).unwrap_or("").to_string())
        .collect()
}

/// Whether `t` holds a line break, a `|` or a tab: a table's text without any is flattened (one
/// line, cells apart by spaces). By `memchr3` over the bytes (each of the three is one byte that
/// no other character holds), instead of `str::contains` with a set of characters, which
/// decoded every character of a flattened table 3 (the whole table, some 1.5 KB, where the test
/// matters most); [`has_break_by_char`] is the reference it is tested against.
fn has_break(t: &str) -> bool {
    memchr::memchr3(b'\n', b'|', b'\t', t.as_bytes()).is_some()
}

/// [`has_break`] as first written, a character at a time.
#[cfg(test)]
fn has_break_by_char(t: &str) -> bool {
    t.contains(['\n', '|', '\t'])
}

/// The columns of table 3 in either template: 自然人, the five of 法人或其他组织, 总计.
const T3_COLUMNS: usize = 7;

/// Whether the line from `at` (a row's label's end) is the rest of a whole row holding at least
/// `columns` cells after the label, every one a figure (digits, with a decimal point or group
/// separators): a pipe row, or figures apart by white space (PDF text).
fn whole_row(text: &str, at: usize, columns: usize) -> bool {
    let (_, cells) = cells_after(text, at);
    cells.len() >= columns && cells.iter().all(|c| crate::aligned::is_figure(c))
}

/// The cells of the line from `at` (a row's label's end) on: the non-empty pipe cells after its
/// first `|`, with what stands before that `|`; or, on a line without one, its words apart by
/// white space, with no such text.
fn cells_after(text: &str, at: usize) -> (Option<&str>, Vec<&str>) {
    let rest = text.get(at..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    match line.split_once('|') {
        Some((before, cells)) => (
            Some(before),
            cells
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect(),
        ),
        None => (None, line.split_whitespace().collect()),
    }
}

/// Whether the row anchored at `a` is a table's row of pipes with a figure in each of its cells
/// after the label, however few (`| 本年新收政府信息公开申请数量 | 12 | 1 |`, a table cut short
/// or a page cut inside it): its label opens its line's first cell, not a sentence.
fn pipe_row(text: &str, a: Anchor) -> bool {
    let before = text.get(..a.start).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = before.get(line_start..).unwrap_or("").trim();
    let (Some(label_tail), cells) = cells_after(text, a.end) else {
        return false;
    };
    lead == "|"
        && !label_tail.contains(['。', '，', ','])
        && !cells.is_empty()
        && cells.iter().all(|c| crate::aligned::is_figure(c))
}

/// Whether the row anchored at `a` is a table's row printed one cell a line, with nothing after
/// it to the table's end `to` but its figures: its label alone on its line (a `|` after it at
/// most), then lines of one figure each (`1`, `0 |`; a line of `|` alone, an empty cell, too),
/// at least one. A document converter that kept only the first row of the table, or a page cut
/// inside it (`一、本年新收政府信息公开申请数量` / `1` / `0` … / `1`, the text ending there): the
/// row [`whole_row`] and [`pipe_row`] tell on its label's line, laid out down the page. A label
/// named in prose has words after it, and is no such row.
fn figures_a_line_to_the_end(text: &str, a: Anchor, to: usize) -> bool {
    fn cell(l: &str) -> &str {
        l.trim().trim_matches('|').trim()
    }
    let mut lines = text.get(a.end..to).unwrap_or("").split('\n');
    if !lines.next().is_some_and(|l| cell(l).is_empty()) {
        return false;
    }
    let mut figures = 0usize;
    for l in lines {
        let c = cell(l);
        if c.is_empty() {
            continue;
        }
        if !crate::aligned::is_figure(c) {
            return false;
        }
        figures += 1;
    }
    figures > 0
}

/// The unit a column's header in `header` states after the column's name `label`, in brackets
/// (`采购总金额(万元)`, `采购总金额（单位：万元）`, `采购总金额(元)`).
fn header_unit(header: &str, label: &str) -> Option<&'static str> {
    let at = header.find(label)? + label.len();
    let after = header.get(at..)?.trim_start();
    let inner = after
        .strip_prefix('(')
        .or_else(|| after.strip_prefix('（'))?;
    let inner = inner.split([')', '）']).next()?;
    let inner = inner.strip_prefix("单位").unwrap_or(inner);
    let inner = inner
        .strip_prefix(':')
        .or_else(|| inner.strip_prefix('：'))
        .unwrap_or(inner);
    match inner.trim() {
        "万元" => Some("万元"),
        "元" => Some("元"),
        _ => None,
    }
}

/// The columns an Article 20 block's header prints, in the printed order: each column's
/// descriptor (the template's own where its word is one of the template's columns', the other
/// version's otherwise) and its place among the template's columns (`None`: the template has no
/// such column).
type Printed = Vec<(&'static Col, Option<usize>)>;

/// The longest block header the columns are looked for in: some 60 bytes printed, a few hundred
/// with pipes and white space. A block header found in prose far above its rows names none.
const BLOCK_HEADER_MAX: usize = 400;

/// The columns that block `b`'s header prints in `text[from..to]` (between the block's header
/// and its first row), when they are other than the template's (`tpl`) in its order: a column of
/// the other version, the template's in another order, or the other version's columns
/// (`本年处理决定数量` alone over a 2019 row of three). `None` otherwise.
fn printed_columns(
    text: &str,
    from: usize,
    to: usize,
    tpl: Template,
    b: &template::Block,
) -> Option<Printed> {
    if to.saturating_sub(from) > BLOCK_HEADER_MAX {
        return None;
    }
    let mine = b.rows.first()?.cols;
    let other = match tpl {
        Template::V2019 => Template::V2021,
        Template::V2021 => Template::V2019,
    };
    let theirs = template::table2(other)
        .iter()
        .find(|o| o.header == b.header)
        .and_then(|o| o.rows.first())
        .map_or(&[][..], |r| r.cols);
    // Each column found, in the printed order: where its word is, and the column with its place
    // in the template's.
    let mut found: Vec<(usize, usize, &'static Col, Option<usize>)> = Vec::new();
    let in_order = |found: &[(usize, usize, &Col, Option<usize>)]| {
        found.len() == mine.len() && found.iter().enumerate().all(|(k, f)| f.3 == Some(k))
    };
    for (i, col) in mine.iter().chain(theirs).enumerate() {
        // The template's columns of several, all printed in its order (most blocks): no
        // other version's column is printed beside them.
        if i == mine.len() && mine.len() > 1 && in_order(&found) {
            return None;
        }
        // A word of both versions is looked for once, as the template's column.
        let shared = i >= mine.len() && mine.iter().any(|m| m.key == col.key);
        if col.key.is_empty() || shared {
            continue;
        }
        if let Some((s, e)) = find_label(text, from, to, col.key) {
            if !found.iter().any(|f| s < f.1 && f.0 < e) {
                let at = found.iter().position(|f| f.0 > s).unwrap_or(found.len());
                found.insert(at, (s, e, col, (i < mine.len()).then_some(i)));
            }
        }
    }
    // A column of the other version; all the template's, in another order; or all the other
    // version's and no more (its word shared: `本年处理决定数量` over a 2019 block). A header
    // naming some of the template's columns only may have misspelt the others (`採購專案數量`
    // for `采购项目数量`): read as the template's.
    let foreign = found.iter().any(|f| f.3.is_none());
    let permuted = found.len() == mine.len() && !in_order(&found);
    let theirs_all = !theirs.is_empty()
        && found.len() == theirs.len()
        && theirs
            .iter()
            .all(|t| found.iter().any(|f| f.2.key == t.key));
    let printed: Printed = found.into_iter().map(|f| (f.2, f.3)).collect();
    (foreign || permuted || theirs_all).then_some(printed)
}

/// Row `path`'s values read under the columns its block's header prints (`printed`, one value
/// each) and placed in the template's columns `cols`; a value under a column the template does
/// not have is not placed. One T016 says so, naming the printed columns and any value left out.
#[allow(clippy::too_many_arguments)]
fn read_by_header<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    tpl: Template,
    path: &str,
    cols: &[Col],
    printed: &Printed,
    items: &[Item],
    span: Option<Span>,
) -> Vec<Cell> {
    let mut under: Vec<Col> = Vec::with_capacity(printed.len());
    for p in printed {
        under.push(*p.0);
    }
    let read = read_row(ctx, kind, path, &under, items, span).cells;
    let mut cells: Vec<Cell> = cols.iter().map(|c| Cell::absent(c.label)).collect();
    let mut names: Vec<&str> = Vec::with_capacity(printed.len());
    let mut lost: Vec<String> = Vec::new();
    let mut placed = "";
    for (&(col, at), cell) in printed.iter().zip(read) {
        names.push(col.label);
        match at.and_then(|j| cells.get_mut(j)) {
            Some(slot) => {
                *slot = cell;
                placed = ", and the values are placed under them";
            }
            None => lost.push(format!(
                "{} `{}`",
                col.label,
                cell.raw.as_deref().unwrap_or("")
            )),
        }
    }
    let lost = if lost.is_empty() {
        String::new()
    } else {
        format!(
            "; not in the {} template, so not placed: {}",
            tpl.as_str(),
            lost.join(", ")
        )
    };
    let blank: Vec<&str> = cells
        .iter()
        .filter(|c| c.value.is_none())
        .map(|c| c.column.as_ref())
        .collect();
    let blank = if blank.is_empty() {
        String::new()
    } else {
        format!(" (blank: {})", blank.join("、"))
    };
    let m = format!(
        "table 2 ({}), row `{path}`: its block's header names the columns {}{placed}{lost}{blank}",
        kind.title(),
        names.join("、")
    );
    ctx.diags.push(
        Diagnostic::new(Code::T016, m)
            .with_span(span)
            .at(Location::row(kind, path)),
    );
    cells
}

/// Whether `text[from..to]` is fewer than three bytes: no label of tables 2 and 3 (a block
/// header, a row's key) fits there, each opening with a character of three bytes (tests hold it
/// of the template), so every search of one finds none. A report without tables (one in three
/// synthetic Traditional reports) asks tables 2 and 3 twice of a range of one byte: the probe of
/// the template, then the read with the 2021 descriptor.
fn too_short_for_a_label(text: &str, from: usize, to: usize) -> bool {
    let end = to.min(text.len());
    from <= end && end - from < 3
}

/// A row slot during table assembly.
#[derive(Clone)]
struct Slot {
    anchor: Option<Anchor>,
    /// Where the items of its region sit in the table's list of items.
    items: std::ops::Range<usize>,
    region: (usize, usize),
}

/// A slot whose row has not been found.
const NO_SLOT: Slot = Slot {
    anchor: None,
    items: 0..0,
    region: (0, 0),
};

/// The rows of table 3's longest template and then some: the lists [`table3`] keeps for each
/// row are kept on the stack up to this length, past it allocated.
const T3_ROWS_MAX: usize = 32;

/// An empty list of up to `A`'s length on the stack, moved to the heap when it grows past it;
/// with `heap`, on the heap from the start (the references, which allocate as first written).
fn stack_list<A: smallvec::Array>(heap: bool) -> SmallVec<A> {
    if heap {
        SmallVec::with_capacity(A::size() + 1)
    } else {
        SmallVec::new()
    }
}

/// `n` copies of `fill`, on the stack when they fit in `A` and `heap` is not set.
fn stack_filled<A: smallvec::Array>(n: usize, fill: A::Item, heap: bool) -> SmallVec<A>
where
    A::Item: Clone,
{
    if heap {
        let mut v = stack_list::<A>(true);
        v.resize(n, fill);
        v
    } else {
        SmallVec::from_elem(fill, n)
    }
}

/// The labels of table 3's numbered groups and rows in canonical matching form (half-width
/// parentheses), as the text holds them; their paths spell them full-width.
const HALF_WIDTH_LABELS: &[&str] = &[
    "(一)予以公开",
    "(二)部分公开",
    "(三)不予公开",
    "(四)无法提供",
    "(五)不予处理",
    "(六)其他处理",
    "(七)总计",
];

/// The label `written` of a row at `path`: borrowed from the template when `path` ends with it
/// or it ends one of [`HALF_WIDTH_LABELS`] (the same bytes), else copied.
fn label_text(written: &str, path: &'static str) -> Cow<'static, str> {
    let borrowed = |s: &'static str| {
        s.len()
            .checked_sub(written.len())
            .and_then(|at| s.get(at..))
            .filter(|tail| *tail == written)
    };
    let tail = borrowed(path).or_else(|| {
        if written.starts_with('(') {
            HALF_WIDTH_LABELS.iter().find_map(|s| borrowed(s))
        } else {
            None
        }
    });
    match tail {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(written.to_string()),
    }
}

/// The label of a row at `path` anchored at `a` (trimmed) and its span; borrowed from the
/// template when it can be ([`label_text`]).
fn label_of<M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    a: &Option<Anchor>,
    path: &'static str,
) -> (Option<Cow<'static, str>>, Option<Span>) {
    match a {
        Some(a) => (
            ctx.text
                .get(a.start..a.end)
                .map(|s| label_text(crate::scan::trim_ws(s), path)),
            Some((ctx.map)(a.start, a.end)),
        ),
        None => (None, None),
    }
}

/// [`label_of`] as first written, the label always copied: the reference it is tested against.
#[cfg(test)]
fn label_of_reference<M: MapFn + ?Sized>(
    ctx: &Ctx<'_, '_, M>,
    a: &Option<Anchor>,
) -> (Option<String>, Option<Span>) {
    match a {
        Some(a) => (
            ctx.text.get(a.start..a.end).map(|s| s.trim().to_string()),
            Some((ctx.map)(a.start, a.end)),
        ),
        None => (None, None),
    }
}

// ---------------------------------------------------------------------------------------------
// Table 2

/// Read table 2 in `text[from..to]`.
pub(crate) fn table2<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    table2_by::<false, _>(ctx, tpl, from, to)
}

/// [`table2`] as first written, its lists of block headers and row anchors allocated: the
/// reference it is tested against.
#[cfg(test)]
fn table2_reference<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    table2_by::<true, _>(ctx, tpl, from, to)
}

/// [`table2`], or with `FIRST_WRITTEN` set the reference it is held to: the blocks' headers and
/// a block's row anchors are kept on the stack ([`stack_list`], a `SmallVec`) instead of
/// allocated.
#[inline(always)]
fn table2_by<const FIRST_WRITTEN: bool, M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    let mut scratch: Vec<Item> = Vec::with_capacity(16);
    let kind = TableKind::ActiveDisclosure;
    ctx.cells_read = 0;
    let diags_at_start = ctx.diags.len();
    let blocks = template::table2(tpl);
    let text = ctx.text;
    // No block header and no row label fits ([`too_short_for_a_label`]): the table is absent,
    // told without the searches and the rows of absent cells built and dropped. As first
    // written (`FIRST_WRITTEN`), every header and row is searched for.
    if !FIRST_WRITTEN && too_short_for_a_label(text, from, to) {
        return None;
    }
    // Block headers.
    let mut header_list: SmallVec<[Option<(usize, usize)>; 8]> = stack_list(FIRST_WRITTEN);
    let mut cursor = from;
    for b in blocks {
        let found = find_label(text, cursor, to, b.header)
            .or_else(|| find_label(text, cursor, to, b.short));
        if let Some((_, e)) = found {
            cursor = e;
        }
        header_list.push(found);
    }
    let headers = header_list.as_slice();
    let mut rows_out: Vec<Row> = Vec::with_capacity(blocks.iter().map(|b| b.rows.len()).sum());
    let mut any = headers.iter().any(Option::is_some);
    let mut cursor = from;
    let mut flat_rows = 0usize;
    let mut found_rows = 0usize;
    // Rows whose region holds other than one value per column, and the values all regions hold.
    let mut misfit_found = 0usize;
    let mut region_content = 0usize;
    let (mut any_empty, mut any_surplus) = (false, false);
    let mut block_pattern = false;
    let mut table_start = usize::MAX;
    // Where the first row label found starts: the text before it tells whether the text starts
    // inside the table ([`fold_cut_before`]).
    let mut first_label = usize::MAX;
    let mut table_end = from;
    // The rows' anchors of one block, the list emptied for each block.
    let mut anchor_list: SmallVec<[Option<Anchor>; 24]> = stack_list(FIRST_WRITTEN);
    // The row's place in the table, through the blocks ([`T2_KEY_FIRSTS`]).
    let mut row_at = 0usize;
    // Rows not found before anything of the table was: where their T003 goes, and the row.
    let mut unsaid: SmallVec<[(usize, &'static str); 8]> = SmallVec::new();
    // Where the rows of a block found after the last block's header start: the blocks before
    // them end there ([`moved_block`]).
    let mut moved_at = to;
    for (bi, b) in blocks.iter().enumerate() {
        let bstart = headers
            .get(bi)
            .copied()
            .flatten()
            .map_or(cursor, |h| h.1.max(cursor));
        let mut bend = headers
            .iter()
            .skip(bi + 1)
            .flatten()
            .next()
            .map_or(to, |h| h.0);
        if moved_at > bstart {
            bend = bend.min(moved_at);
        }
        if let Some(h) = headers.get(bi).copied().flatten() {
            table_start = table_start.min(h.0);
        }
        let mut rc = bstart;
        anchor_list.clear();
        let block_at = row_at;
        for d in b.rows {
            let firsts = built_key_firsts(&T2_KEY_FIRSTS, tpl, row_at, d, false);
            row_at += 1;
            anchor_list.push(t2_row_label(text, rc, bend, d, firsts));
            if let Some(Some(a)) = anchor_list.last() {
                rc = a.end;
            }
        }
        // None of the block's rows under its header, and later blocks' headers found: a
        // converter may have moved its rows after the last block (`第二十条第（一）项` left
        // alone at the top, its rows at the table's end).
        let moved = anchor_list.iter().all(Option::is_none)
            && headers.iter().skip(bi + 1).flatten().next().is_some()
            && moved_block(text, tpl, block_at, b, headers, to, &mut anchor_list);
        if moved {
            if let Some(a) = anchor_list.iter().flatten().next() {
                moved_at = a.start;
            }
            bend = to;
        }
        for a in anchor_list.iter().flatten() {
            found_rows += 1;
            table_start = table_start.min(a.start);
            first_label = first_label.min(a.start);
            if text
                .get(a.end..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
            {
                flat_rows += 1;
            }
        }
        let anchors = anchor_list.as_slice();
        // The columns the block's header prints, when other than the template's in its order.
        let printed = headers
            .get(bi)
            .copied()
            .flatten()
            .zip(anchors.iter().flatten().next())
            .filter(|&(h, a)| !moved && a.start > h.1)
            .and_then(|(h, a)| printed_columns(text, h.1, a.start, tpl, b));
        let mut empty_in_block = false;
        // Each row's count of values next to its label (`usize::MAX` for a row not found).
        let block_rows_at = rows_out.len();
        let mut block_got: SmallVec<[usize; 8]> = SmallVec::new();
        for (ri, d) in b.rows.iter().enumerate() {
            let a = anchors.get(ri).copied().flatten();
            let path = d.path;
            let (label, span) = label_of(ctx, &a, path);
            let cells = match a {
                None => {
                    if any || found_rows > 0 {
                        ctx.diags.push(t2_label_not_found(path));
                    } else {
                        // Nothing of the table found yet: said in its place once a later
                        // block shows the table is there.
                        unsaid.push((ctx.diags.len(), path));
                    }
                    block_got.push(usize::MAX);
                    d.cols.iter().map(|c| Cell::absent(c.label)).collect()
                }
                Some(a) => {
                    let next = anchors
                        .iter()
                        .skip(ri + 1)
                        .flatten()
                        .next()
                        .map_or(bend, |n| n.start);
                    // A label right after another on its line, only a bar or white space
                    // between (`申请事项 | 行政处罚 | 行政强制 | 工伤认定 |`, the rows' names
                    // printed as a header over one line of figures): its values are on its own
                    // line or none, not the line's under it, which are other rows'.
                    let next = if header_like(text, anchors.get(..ri).unwrap_or_default(), a) {
                        next.min(crate::segment::line_end(text, a.end))
                    } else {
                        next
                    };
                    // Read into one list for the table, emptied for each row.
                    scratch.clear();
                    let r = charged_items_into(ctx, kind, a.end, next, &mut scratch);
                    let items: &[Item] = scratch.get(r).unwrap_or_default();
                    let got = content_count(items);
                    block_got.push(got);
                    // A row the template does not have after this one's values (`其他主动公开
                    // 文件 | 56 | 45`, a province's addition to block (一)): named, not lost.
                    // Its values are the table's too: the text may end after them.
                    if let Some(last) = items.iter().rfind(|i| i.is_content()) {
                        if let Some(end) =
                            extra_row(ctx, kind, blocks, path, last.end, next, d.cols.len())
                        {
                            table_end = table_end.max(end);
                        }
                    }
                    region_content += got;
                    // A value a column its block's header prints.
                    let by_header = printed.as_ref().filter(|p| p.len() == got);
                    // A pipe row whose empty cells make up its columns is read as printed, and
                    // is no sign of numbers printed apart from their labels.
                    let filled = got < d.cols.len() && fills_columns(items, d.cols.len());
                    if got != d.cols.len() && by_header.is_none() && !filled {
                        misfit_found += 1;
                    }
                    any_surplus |= got > d.cols.len();
                    any_empty |= got == 0 && !filled;
                    // A row with nothing next to it and a later row of its block with values:
                    // the pattern of a column block.
                    if got == 0 && !filled {
                        empty_in_block = true;
                    } else if empty_in_block {
                        block_pattern = true;
                    }
                    table_end = table_end.max(
                        items
                            .iter()
                            .filter(|i| i.is_content())
                            .map(|i| i.end)
                            .max()
                            .unwrap_or(a.end),
                    );
                    let n = d.cols.len();
                    // Whether the region is on one line, told only of a row that can be a
                    // glued run (most rows hold a value a column and cannot): its search for a
                    // line break or a `|` is not made for the others. As first written, told
                    // of every row.
                    let flat = || {
                        text.get(a.end..next).is_some_and(|t| !has_break(t))
                            || glued_to_text(text, items)
                            || zero_led(text, items)
                    };
                    let flat_first = FIRST_WRITTEN.then(flat);
                    if got == n && sub_rows(ctx, kind, path, (a.end, next), items, n) {
                        d.cols.iter().map(|c| Cell::absent(c.label)).collect()
                    } else if let Some(p) = by_header {
                        // One value a printed column: no glued run to split.
                        read_by_header(ctx, kind, tpl, path, d.cols, p, items, span)
                    } else if let Some(runs) =
                        glued_runs(text, items, n).filter(|_| flat_first.unwrap_or_else(flat))
                    {
                        let rr = RowRuns {
                            text,
                            runs,
                            n,
                            rule: RowRule::Free,
                        };
                        let cands = split::row_candidates(&rr, &mut ctx.budget);
                        let (cands, note) =
                            prose_tiebreak(&mut ctx.prose_fold, text, from, path, d.cols, cands);
                        split_outcome(ctx, kind, path, d.cols, &cands, span, note.as_deref())
                    } else {
                        read_row(ctx, kind, path, d.cols, items, span).cells
                    }
                }
            };
            let mut cells = cells;
            // An amount's unit that its column's header states (`采购总金额(万元)`), when the
            // value has none of its own.
            if let Some(a) = a {
                let header = text.get(bstart.min(a.start)..a.start).unwrap_or("");
                for (cell, col) in cells.iter_mut().zip(d.cols) {
                    if col.kind == ValueKind::Amount && cell.value.is_some() && cell.unit.is_none()
                    {
                        cell.unit = header_unit(header, col.label).map(Cow::Borrowed);
                    }
                }
            }
            rows_out.push(Row {
                row: Cow::Borrowed(path),
                label,
                span,
                subtotal: false,
                cells,
            });
        }
        // Only under the block's own header: without it, what stands before the first label
        // is the last block's.
        if !moved
            && headers.get(bi).copied().flatten().is_some()
            && values_before_labels(
                ctx,
                b,
                block_rows_at,
                &block_got,
                bstart,
                anchors,
                &mut rows_out,
                diags_at_start,
            )
        {
            misfit_found = misfit_found.saturating_sub(1);
            region_content += 1;
        }
        if let Some(l) = anchors.iter().flatten().last().filter(|_| !moved) {
            cursor = l.end;
        }
    }
    any |= found_rows > 0;
    // No block header, and the rows found hold nothing: a row's word in prose, no table.
    let no_header = headers.iter().all(Option::is_none);
    if !any || found_rows == 0 || (no_header && region_content == 0) {
        ctx.diags.truncate(diags_at_start);
        return None;
    }
    // The rows of the blocks before the first header or row found (`第二十条第(一)项` lost to
    // mojibake, say): not found either. Inserted last first, so that each index still holds.
    for &(at, path) in unsaid.iter().rev() {
        ctx.diags.insert(at, t2_label_not_found(path));
    }
    let _ = flat_rows;
    let start = if table_start == usize::MAX {
        from
    } else {
        table_start
    };
    // Most labels without their own values next to them: the numbers may have been printed
    // apart from the labels (column-block text).
    let misfit = found_rows >= 3 && misfit_found * 2 >= found_rows;
    ctx.t2_misfit |= misfit || block_pattern;
    if misfit || (block_pattern && ctx.t3_detached) {
        if let Some(end) = table2_blocks(
            ctx,
            blocks,
            &mut rows_out,
            (start, first_label.min(to), to),
            region_content,
            any_empty && any_surplus,
            diags_at_start,
        ) {
            table_end = table_end.max(end);
        }
    }
    fold_cut_off(ctx, kind, &rows_out, diags_at_start, table_end, to);
    fold_cut_before(ctx, kind, &rows_out, diags_at_start, first_label.min(to));
    Some(Table {
        kind,
        template: Some(tpl),
        span: (ctx.map)(start, table_end.max(start)),
        rows: rows_out,
    })
}

/// Read again block `b` of table 2 when its values were printed before their labels (the order
/// of a PDF's boxes as pdfminer gives them, a value's box above its label's): a block of rows
/// of one column each, one value between its header and its first label, one after every label
/// but the last and none after the last. Each value is then the row's under it: the rows of the
/// block (from `rows_out[at..]`, `got` the values next to each label) are moved down one, the
/// last row's T004 is dropped and a T014 names the rows. True when the block was read so.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn values_before_labels<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    b: &template::Block,
    at: usize,
    got: &[usize],
    bstart: usize,
    anchors: &[Option<Anchor>],
    rows_out: &mut [Row],
    diags_at_start: usize,
) -> bool {
    let (Some((&0, above)), Some(Some(first))) = (got.split_last(), anchors.first()) else {
        return false;
    };
    if above.is_empty()
        || above.iter().any(|&g| g != 1)
        || b.rows.iter().any(|d| d.cols.len() != 1)
        || first.start <= bstart
    {
        return false;
    }
    let before = crate::cells::region_items_bounded(ctx.text, bstart, first.start, 2, 2);
    let ([v], Some(d0), Some(block)) = (
        before.as_slice(),
        b.rows.first(),
        rows_out.get_mut(at..at + b.rows.len()),
    ) else {
        return false;
    };
    if !matches!(v.kind, ItemKind::Value(..)) {
        return false;
    }
    let span = block.first().and_then(|r| r.span);
    let kind = TableKind::ActiveDisclosure;
    let mut carried = read_row(ctx, kind, d0.path, d0.cols, std::slice::from_ref(v), span).cells;
    for row in block.iter_mut() {
        let mut cells = std::mem::take(&mut carried);
        for c in &mut cells {
            c.derived = Some(Derivation::ColumnBlock);
        }
        carried = std::mem::replace(&mut row.cells, cells);
    }
    let last = b.rows.last().map_or("", |d| d.path);
    if let Some(k) = ctx.diags.get(diags_at_start..).and_then(|ds| {
        ds.iter().position(|d| {
            d.code == Code::T004
                && d.location
                    .as_ref()
                    .is_some_and(|l| l.row.as_deref() == Some(last))
        })
    }) {
        ctx.diags.remove(diags_at_start + k);
    }
    ctx.diags.push(
        Diagnostic::new(
            Code::T014,
            format!(
                "table 2 ({}), rows {}: a value stands before the first label and none after the last, so each value was read as the row's under it (printed before its label)",
                kind.title(),
                ticked(b.rows)
            ),
        )
        .with_span(Some((ctx.map)(v.start, first.end)))
        .at(Location::table(kind)),
    );
    true
}

/// The rows of block `b` of table 2 (its first row the table's `block_at`-th) searched after
/// the last block header found and the rows of that block, into `anchors`: true when one is
/// found there.
fn moved_block(
    text: &str,
    tpl: Template,
    block_at: usize,
    b: &template::Block,
    headers: &[Option<(usize, usize)>],
    to: usize,
    anchors: &mut SmallVec<[Option<Anchor>; 24]>,
) -> bool {
    let Some(last) = headers.iter().flatten().last() else {
        return false;
    };
    let mut rc = last.1;
    anchors.clear();
    for (k, d) in b.rows.iter().enumerate() {
        let firsts = built_key_firsts(&T2_KEY_FIRSTS, tpl, block_at + k, d, false);
        let a = t2_row_label(text, rc, to, d, firsts);
        if let Some(a) = a {
            rc = a.end;
        }
        anchors.push(a);
    }
    anchors.iter().any(Option::is_some)
}

/// Append to the T003 of the row just before the first row of table 2 found (its label lost)
/// that the numbers `quoted`, printed before that first row, are not read: true when that T003
/// is there to say it.
fn stray_before_first<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    rows_out: &[Row],
    diags_at_start: usize,
    quoted: &str,
) -> bool {
    let Some(first) = rows_out.iter().position(|r| r.span.is_some()) else {
        return false;
    };
    let (Some(lost), Some(found)) = (
        first.checked_sub(1).and_then(|i| rows_out.get(i)),
        rows_out.get(first),
    ) else {
        return false;
    };
    let Some(d) = ctx.diags.get_mut(diags_at_start..).and_then(|ds| {
        ds.iter_mut().find(|d| {
            d.code == Code::T003
                && d.location
                    .as_ref()
                    .and_then(|l| l.row.as_deref())
                    .is_some_and(|r| r == lost.row)
        })
    }) else {
        return false;
    };
    d.message.push_str(&format!(
        "; `{quoted}`, printed before row `{}`, may be its values and is not read",
        found.row
    ));
    true
}

/// Whether row label `a` follows the last label found before it (`before`) on its line with
/// only bars and white space between them: the row names printed side by side as a header.
fn header_like(text: &str, before: &[Option<Anchor>], a: Anchor) -> bool {
    before.iter().flatten().last().is_some_and(|p| {
        p.end <= a.start
            && text.get(p.end..a.start).is_some_and(|g| {
                g.chars()
                    .all(|c| matches!(c, '|' | '｜' | ' ' | '\t' | '\u{3000}'))
            })
    })
}

/// A row the template does not have, printed in `text[from..to]` right after the values of row
/// `after` (a province's addition to the table, `其他主动公开文件 | 56 | 45`): its label (without
/// a bracketed remark) opens the first line with anything on it, is two to twenty characters
/// with no figure and names no row of the table, and one to `n + 1` values follow it, the first
/// with only bars and white space between. Its values are not read, as they have no cell; a
/// T011 names the row and quotes them, so they are not lost unsaid. Where its last value ends,
/// when there is such a row.
fn extra_row<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    blocks: &[template::Block],
    after: &str,
    from: usize,
    to: usize,
    n: usize,
) -> Option<usize> {
    let text = ctx.text;
    let rest = text.get(from..to)?;
    // Most rows end at their values: nothing but bars and white space to the region's end.
    let t = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '｜'));
    if t.is_empty()
        || !rest
            .get(..rest.len() - t.len())
            .is_some_and(|g| g.contains('\n'))
    {
        return None;
    }
    let line_len = t.find(['|', '｜', '\n']).unwrap_or(t.len());
    let written = t.get(..line_len).unwrap_or("").trim();
    let label = written
        .find(['(', '（'])
        .map_or(written, |k| written.get(..k).unwrap_or(""))
        .trim();
    let chars = label.chars().count();
    if !(2..=20).contains(&chars)
        || !label.starts_with(crate::normalise::is_cjk)
        || label.contains(|c: char| c.is_ascii_digit() || c.is_whitespace())
        || blocks.iter().flat_map(|b| b.rows).any(|d| {
            d.keys
                .iter()
                .any(|k| label.contains(k) || k.contains(label))
        })
    {
        return None;
    }
    let label_end = to - t.len() + line_len;
    let items = crate::cells::region_items_bounded(text, label_end, to, 2 * n + 4, n + 2);
    let values: SmallVec<[&Item; 8]> = items.iter().filter(|i| i.is_content()).collect();
    // The first value right after the label, only bars and white space between.
    let opens_with_value = values.first().is_some_and(|v| {
        text.get(label_end..v.start).is_some_and(|g| {
            g.chars()
                .all(|c| c.is_whitespace() || matches!(c, '|' | '｜'))
        })
    });
    if values.is_empty() || values.len() > n + 1 || !opens_with_value {
        return None;
    }
    let quoted: Vec<&str> = values
        .iter()
        .map(|i| text.get(i.start..i.end).unwrap_or(""))
        .collect();
    let start = to - t.len();
    let end = values.last().map_or(label_end, |i| i.end);
    ctx.diags.push(
        Diagnostic::new(
            Code::T011,
            format!(
                "table {} ({}), row `{label}` after `{after}`: a row the template does not have; its values ({}) are recognised and left out",
                kind.number(),
                kind.title(),
                quoted.join(" ")
            ),
        )
        .with_span(Some((ctx.map)(start, end)))
        .at(Location::row(kind, label)),
    );
    Some(end)
}

/// The paths of `rows` as a message names them: `` `a`, `b` ``.
#[inline(never)]
fn ticked(rows: &[RowDesc]) -> String {
    let mut out = String::new();
    for d in rows {
        push_ticked(&mut out, d.path);
    }
    out
}

/// The paths of rows `at` of `descs` as a message names them.
#[inline(never)]
fn ticked_at(descs: &[RowDesc], at: &[usize]) -> String {
    let mut out = String::new();
    for d in at.iter().filter_map(|&i| descs.get(i)) {
        push_ticked(&mut out, d.path);
    }
    out
}

/// `path` in backticks appended to a list of them.
fn push_ticked(out: &mut String, path: &str) {
    if !out.is_empty() {
        out.push_str(", ");
    }
    out.push('`');
    out.push_str(path);
    out.push('`');
}

/// The first `max` items of `items` as written in `text`, a space between them.
#[inline(never)]
fn quoted_items(text: &str, items: &[Item], max: usize) -> String {
    let mut out = String::new();
    for i in items.iter().take(max) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text.get(i.start..i.end).unwrap_or(""));
    }
    out
}

/// T003 for row `path` of table 2.
fn t2_label_not_found(path: &str) -> Diagnostic {
    let kind = TableKind::ActiveDisclosure;
    Diagnostic::new(
        Code::T003,
        format!("table 2 ({}), row `{path}`: label not found", kind.title()),
    )
    .at(Location::row(kind, path))
}

/// Read back table 2 when its numbers were printed apart from the row labels: the numbers of
/// the table's text, in order, are its cells in the template's order, block by block; a block of
/// several rows and columns is read column by column (or row by row) only when table 3 proved
/// that order ([`Ctx::columns_proven`], [`Ctx::rows_proven`]). `in_regions` counts the values
/// found next to the labels, and `gathered` says that some row holds more values than columns
/// while another holds none (the last row of a column block gathers its block's numbers), so a
/// mismatch is reported — and the blocks' rows emptied — only when numbers were printed apart.
/// Returns the end of the last number read.
fn table2_blocks<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    blocks: &[template::Block],
    rows_out: &mut [Row],
    (from, first_label, to): (usize, usize, usize),
    in_regions: usize,
    gathered: bool,
    diags_at_start: usize,
) -> Option<usize> {
    let kind = TableKind::ActiveDisclosure;
    let nums = crate::colblock::numbers(ctx.text, from, to);
    let expected: usize = blocks
        .iter()
        .flat_map(|b| b.rows.iter())
        .map(|d| d.cols.len())
        .sum();
    if nums.is_empty() {
        return None;
    }
    let nums_span = Some((ctx.map)(
        nums.first().map_or(from, |i| i.start),
        nums.last().map_or(from, |i| i.end),
    ));
    let quote = |items: &[Item]| quoted_items(ctx.text, items, 12);
    if nums.len() != expected {
        // Every number sits in some row's region, no row gathered the values of the rows
        // above it, and table 3 was not printed apart either: the rows were read as printed
        // (T004/T005 name what they lack or have too much of).
        if nums.len() <= in_regions && !gathered && !ctx.t3_detached {
            return None;
        }
        // A number or two before the first label found, where the labels of the rows before it
        // were lost (`0` on the line above `规范性文件`, `规章` gone), and every other number in
        // some row's region: the rows were read as printed; the T003 of the row lost just
        // before says what stands there, unread.
        let stray = nums.iter().take_while(|i| i.start < first_label).count();
        if (1..=2).contains(&stray)
            && nums.len() <= in_regions + stray
            && !gathered
            && !ctx.t3_detached
            && stray_before_first(
                ctx,
                rows_out,
                diags_at_start,
                &quote(nums.get(..stray).unwrap_or_default()),
            )
        {
            return None;
        }
        // In a column block, what sits next to a label of a block of several rows belongs to
        // other rows or columns: those rows are emptied. A block of one row reads the same in
        // either layout and keeps what was read.
        let mut emptied = String::new();
        for b in blocks.iter().filter(|b| b.rows.len() > 1) {
            for row in rows_out
                .iter_mut()
                .filter(|r| b.rows.iter().any(|d| d.path == r.row))
            {
                for c in &mut row.cells {
                    *c = Cell::absent(c.column.clone());
                }
                push_ticked(&mut emptied, &row.row);
            }
        }
        let msg = format!(
            "table 2 ({}): most row labels have no values of their own next to them, and the {} numbers printed apart from them ({}{}) do not match the {expected} cells of the table; the values of rows {} are not read",
            kind.title(),
            nums.len(),
            quote(&nums),
            if nums.len() > 12 { " …" } else { "" },
            emptied
        );
        ctx.diags.push(
            Diagnostic::new(Code::T013, msg)
                .with_span(nums_span)
                .at(Location::table(kind)),
        );
        return None;
    }
    let mut at = 0usize;
    let mut read_paths: Vec<&'static str> = Vec::new();
    let mut waiting: Vec<Diagnostic> = Vec::new();
    let mut by_columns_used = false;
    let mut by_rows_used = false;
    for b in blocks {
        let k = b.rows.len();
        let c = b.rows.first().map_or(0, |d| d.cols.len());
        let same_cols = b.rows.iter().all(|d| d.cols.len() == c);
        let take = b.rows.iter().map(|d| d.cols.len()).sum::<usize>();
        let vals = nums.get(at..at + take).unwrap_or(&[]);
        at += take;
        let cm = crate::colblock::by_columns(vals, k, c).filter(|_| same_cols);
        // Both orders give the same cells (all zeros): nothing to prove.
        let same = match (&cm, crate::colblock::by_rows(vals, k, c)) {
            (Some(cm), Some(rm)) => crate::colblock::same_values(cm, &rm),
            _ => false,
        };
        let rows_order = same_cols && ctx.rows_proven && !ctx.columns_proven;
        let grid = if k == 1 || c == 1 || same || (same_cols && ctx.columns_proven) {
            cm
        } else if rows_order {
            crate::colblock::by_rows(vals, k, c)
        } else {
            None
        };
        match grid {
            Some(grid) => {
                by_columns_used |= k > 1 && c > 1 && !same && !rows_order;
                by_rows_used |= k > 1 && c > 1 && !same && rows_order;
                for (d, vals) in b.rows.iter().zip(grid) {
                    let cells: Vec<Cell> = d
                        .cols
                        .iter()
                        .zip(vals.iter())
                        .map(|(col, it)| {
                            cell_from_item(ctx, col, it, Some(Derivation::ColumnBlock))
                        })
                        .collect();
                    if let Some(row) = rows_out.iter_mut().find(|r| r.row == d.path) {
                        row.cells = cells;
                    }
                    read_paths.push(d.path);
                }
            }
            None => {
                ctx.t2_awaits_proof = true;
                // What was read next to these labels belongs to other rows or columns.
                for row in rows_out
                    .iter_mut()
                    .filter(|r| b.rows.iter().any(|d| d.path == r.row))
                {
                    for c in &mut row.cells {
                        *c = Cell::absent(c.column.clone());
                    }
                }
                let names = ticked(b.rows);
                let span = match (vals.first(), vals.last()) {
                    (Some(x), Some(y)) => Some((ctx.map)(x.start, y.end)),
                    _ => None,
                };
                waiting.push(
                    Diagnostic::new(
                        Code::T013,
                        format!(
                            "table 2 ({}), rows {}: their {} numbers ({}) are printed apart from the labels; whether row by row or column by column cannot be told from table 2 alone, so they are not read",
                            kind.title(),
                            names,
                            vals.len(),
                            quote(vals)
                        ),
                    )
                    .with_span(span)
                    .at(Location::table(kind)),
                );
            }
        }
    }
    // The rows read back no longer miss their values.
    let mut i = 0usize;
    ctx.diags.retain(|d| {
        let keep = i < diags_at_start
            || !matches!(d.code, Code::T004 | Code::T005)
            || !d
                .location
                .as_ref()
                .and_then(|l| l.row.as_deref())
                .is_some_and(|r| read_paths.contains(&r));
        i += 1;
        keep
    });
    if !read_paths.is_empty() {
        ctx.diags.push(
            Diagnostic::new(
                Code::T014,
                format!(
                    "table 2 ({}): its numbers are printed apart from the row labels (column-block PDF text); {} of its {} rows were read back in the template's order{}",
                    kind.title(),
                    read_paths.len(),
                    rows_out.len(),
                    if by_columns_used {
                        ", the blocks of several rows and columns column by column, as table 3 proves"
                    } else if by_rows_used {
                        ", the blocks of several rows and columns row by row, as table 3 proves"
                    } else {
                        ""
                    }
                ),
            )
            .with_span(nums_span)
            .at(Location::table(kind)),
        );
    }
    ctx.diags.append(&mut waiting);
    nums.last().map(|i| i.end)
}

/// The cells of a glued row from its candidate splits: one split fills the row (T007); several
/// fill only the columns on which they all agree (T008, the candidates listed); none leaves it
/// blank (T009). `note` says what narrowed the candidates (a figure stated in the overview).
fn split_outcome<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    kind: TableKind,
    path: &str,
    cols: &[Col],
    cands: &RowCandidates,
    span: Option<Span>,
    note: Option<&str>,
) -> Vec<Cell> {
    let note = note.map(|n| format!("; {n}")).unwrap_or_default();
    if cands.truncated && ctx.budget.steps == 0 {
        // The step bound stopped the search: neither "unique" nor "no split" is known.
        let mut d = Diagnostic::new(
            Code::T012,
            format!(
                "table {} ({}), row `{path}`: the splitter's work bound (Options::max_split_steps) was reached with {} splits into {} values found so far; the cells are left blank",
                kind.number(),
                kind.title(),
                cands.readings.len(),
                cols.len()
            ),
        )
        .with_span(span)
        .at(Location::row(kind, path));
        d.candidates = cands
            .readings
            .iter()
            .take(20)
            .map(|r| reading_text(ctx, r))
            .collect();
        ctx.diags.push(d);
        return cols.iter().map(|c| Cell::absent(c.label)).collect();
    }
    match cands.readings.len() {
        1 if !cands.truncated => {
            let r = cands.readings.first().cloned().unwrap_or(Reading {
                pieces: vec![],
                values: vec![],
            });
            ctx.diags.push(
                Diagnostic::new(
                    Code::T007,
                    format!(
                        "table {} ({}), row `{path}`: glued digits split as {} (the only split the template allows{note})",
                        kind.number(),
                        kind.title(),
                        reading_text(ctx, &r).join(" | ")
                    ),
                )
                .with_span(span)
                .at(Location::row(kind, path)),
            );
            cells_from_reading(ctx, cols, &r, true)
        }
        0 if !cands.truncated => {
            ctx.diags.push(
                Diagnostic::new(
                    Code::T009,
                    format!(
                        "table {} ({}), row `{path}`: glued digits admit no split into {} values",
                        kind.number(),
                        kind.title(),
                        cols.len()
                    ),
                )
                .with_span(span)
                .at(Location::row(kind, path)),
            );
            cols.iter().map(|c| Cell::absent(c.label)).collect()
        }
        _ => {
            // Columns on which every candidate agrees are known whatever the split.
            let agreed: Vec<usize> = if cands.truncated {
                Vec::new()
            } else {
                (0..cols.len())
                    .filter(|&c| {
                        // The same piece of the text (not merely the same digits: a sign
                        // before it belongs to it).
                        let mut pieces = cands.readings.iter().map(|r| r.pieces.get(c));
                        let first = pieces.next().flatten();
                        first.is_some() && pieces.all(|p| p == first)
                    })
                    .collect()
            };
            let filled: Vec<String> = agreed
                .iter()
                .filter_map(|&c| {
                    let col = cols.get(c)?;
                    let r = cands.readings.first()?;
                    let mut p = r.pieces.get(c)?.clone();
                    if ctx
                        .text
                        .get(..p.start)
                        .is_some_and(|b| b.ends_with(['-', '+']))
                    {
                        p.start -= 1;
                    }
                    let v = ctx.text.get(p)?;
                    Some(format!("{} = {v}", col.label))
                })
                .collect();
            let mut d = Diagnostic::new(
                Code::T008,
                format!(
                    "table {} ({}), row `{path}`: glued digits admit {}{} splits{note}; {}",
                    kind.number(),
                    kind.title(),
                    cands.readings.len(),
                    if cands.truncated { "+" } else { "" },
                    if filled.is_empty() {
                        "the cells are left blank".to_string()
                    } else {
                        format!(
                            "they all agree on {}, the other cells are left blank",
                            filled.join(", ")
                        )
                    }
                ),
            )
            .with_span(span)
            .at(Location::row(kind, path));
            d.candidates = cands
                .readings
                .iter()
                .take(20)
                .map(|r| reading_text(ctx, r))
                .collect();
            ctx.diags.push(d);
            match cands.readings.first() {
                Some(r) if !agreed.is_empty() => cells_from_reading(ctx, cols, r, true)
                    .into_iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        if agreed.contains(&c) {
                            cell
                        } else {
                            Cell::absent(cell.column)
                        }
                    })
                    .collect(),
                _ => cols.iter().map(|c| Cell::absent(c.label)).collect(),
            }
        }
    }
}

/// Words that may stand between a figure's anchor and its noun (`制发的规范性文件`).
const TIEBREAK_FILLERS: &[&str] = &["的", "行政", "的行政", "了", "政府", "各类"];

/// Narrow a glued table-2 row's candidates with the figures the overview states for it
/// (`本年度制发的规范性文件77件` → 本年制发件数 = 77). Prose is loose, so a figure is taken only
/// in the narrow form anchor + fillers + noun + N件 within one clause, a column stated twice
/// with different figures is ignored, and a figure that no candidate has is ignored too (the
/// report's prose may disagree with its table, which C7-style checks are for). Returns the
/// candidates kept and, when a figure was used, a note quoting it.
fn prose_tiebreak(
    fold: &mut Option<(usize, String)>,
    text: &str,
    to: usize,
    path: &str,
    cols: &[Col],
    cands: RowCandidates,
) -> (RowCandidates, Option<String>) {
    if cands.readings.len() < 2 || cands.truncated {
        return (cands, None);
    }
    // `规范性档案` is how Taiwan-style mirrors write `规范性文件` (a key of the row, too).
    let nouns: &[&str] = if path.ends_with("规范性文件") {
        &["规范性文件", "规范性档案"]
    } else if path.ends_with("规章") {
        &["规章"]
    } else {
        return (cands, None);
    };
    const ANCHORS: &[(&str, &str)] = &[
        ("制发", "本年制发件数"),
        ("印发", "本年制发件数"),
        ("出台", "本年制发件数"),
        ("废止", "本年废止件数"),
        ("现行有效", "现行有效件数"),
    ];
    // `text[..to]` without white space, made once for every row that asks (`fold`).
    let folded: &str = match fold {
        Some((end, f)) if *end == to => f,
        _ => {
            let text_before = text.get(..to).unwrap_or("");
            &fold
                .insert((to, crate::segment::without_whitespace(text_before)))
                .1
        }
    };
    let mut figures: Vec<(usize, u64, String)> = Vec::new();
    let mut conflict: Vec<usize> = Vec::new();
    for (pos, noun) in nouns.iter().flat_map(|n| folded.match_indices(n)) {
        let after = folded.get(pos + noun.len()..).unwrap_or("");
        let after = after
            .strip_prefix("共计")
            .or_else(|| after.strip_prefix('共'))
            .unwrap_or(after);
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 9 {
            continue;
        }
        if !after
            .get(digits.len()..)
            .is_some_and(|r| r.starts_with('件'))
        {
            continue;
        }
        let before = folded.get(..pos).unwrap_or("");
        let clause_start = before
            .rfind(['，', '。', '；', '：', ',', ';', '（', '('])
            .map_or(0, |i| {
                i + before
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8)
            });
        let clause = before.get(clause_start..).unwrap_or("");
        let Some((anchor_end, col_label)) = ANCHORS
            .iter()
            .filter_map(|(a, col)| clause.rfind(a).map(|i| (i + a.len(), *col)))
            .max_by_key(|(end, _)| *end)
        else {
            continue;
        };
        let between = clause.get(anchor_end..).unwrap_or("");
        let between = between
            .strip_prefix("本年度")
            .or_else(|| between.strip_prefix("本年"))
            .unwrap_or(between);
        if !(between.is_empty() || TIEBREAK_FILLERS.contains(&between)) {
            continue;
        }
        if ["累计", "历年", "其中", "上年", "去年"]
            .iter()
            .any(|h| clause.contains(h))
        {
            continue;
        }
        let Some(c) = cols.iter().position(|c| c.label == col_label) else {
            continue;
        };
        // A count beyond `u64` is no figure of a report (and `i128`'s formatting is 1.6 KB of
        // WebAssembly no other code needs).
        let Ok(v) = digits.parse::<u64>() else {
            continue;
        };
        let quote = format!("{}{}{}件", clause, noun, digits);
        match figures.iter().find(|f| f.0 == c) {
            Some(f) if f.1 != v => conflict.push(c),
            Some(_) => {}
            None => figures.push((c, v, quote)),
        }
    }
    figures.retain(|f| !conflict.contains(&f.0));
    let mut kept = cands;
    let mut used: Vec<String> = Vec::new();
    for (c, v, quote) in figures {
        let narrowed: Vec<Reading> = kept
            .readings
            .iter()
            .filter(|r| r.values.get(c).copied().flatten() == Some(i128::from(v)))
            .cloned()
            .collect();
        if !narrowed.is_empty() && narrowed.len() < kept.readings.len() {
            let label = cols.get(c).map_or("", |c| c.label);
            used.push(format!(
                "the overview's `{quote}` fixes {label} = {v}, which {} of the {} splits have",
                narrowed.len(),
                kept.readings.len()
            ));
            kept.readings = narrowed;
        }
    }
    let note = (!used.is_empty()).then(|| used.join("; "));
    (kept, note)
}

// ---------------------------------------------------------------------------------------------
// Table 3

/// Read table 3 in `text[from..to]`.
pub(crate) fn table3<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    table3_by::<false, _>(ctx, tpl, from, to)
}

/// [`table3`] as first written, its lists of rows allocated: the reference it is tested against.
#[cfg(test)]
fn table3_reference<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    table3_by::<true, _>(ctx, tpl, from, to)
}

/// Where [`rows_of_figures_apart`] writes the rows it gives values to: the values of each row
/// of the template, whether they were taken by position, and whether the row's label was found
/// apart from them.
struct Placed<'a> {
    assigned: &'a mut [Option<Vec<Item>>],
    positional: &'a mut [bool],
    apart: &'a mut [bool],
}

/// Rows of figures without a label in a pipe table, where a converter pushed labels out of
/// their rows (`3.补正后申请内容仍不` / `明确` / `| 6 | 0 | 0 | 0 | 0 | 0 | 6 |`), so that labels
/// stand stacked before or after the rows of figures. Between two rows written whole (label
/// and cells on one line), the rows of figures are given in order to the rows of the template
/// between those two, found apart or not found, when there are as many of each; elsewhere
/// nothing is changed. A number alone on its line among them (a page number) is returned, not
/// used.
fn rows_of_figures_apart(
    text: &str,
    pool: &[Item],
    sorted: &[(usize, Anchor)],
    slots: &[Slot],
    descs: &[RowDesc],
    placed: Placed<'_>,
) -> Vec<Item> {
    let n = T3_COLS.len();
    let cells = |g: &[Item]| {
        g.iter()
            .filter(|i| i.is_content() || i.kind == ItemKind::Empty)
            .count()
    };
    // A row of figures apart from its label adds a row's cells to the region it stands in. The
    // rows of figures change what is read only where some region holds two rows' cells (a row
    // written whole and a row of figures after it, or two rows of figures) or a group's region
    // holds a row's: elsewhere each stands after its own label, told without the walk of every
    // region's lines.
    let changes = |&(i, _): &(usize, Anchor)| {
        let held = slots
            .get(i)
            .and_then(|s| pool.get(s.items.clone()))
            .map_or(0, cells);
        let data = descs.get(i).is_some_and(|d| d.role == RowRole::Data);
        held >= if data { 2 * n } else { n }
    };
    if !sorted.iter().any(changes) {
        return Vec::new();
    }
    // The rows of figures and the rows written whole, in the order of the text; the owner of
    // the region each row of figures was found in.
    enum Ev<'p> {
        Whole(usize),
        Figures { owner: usize, items: &'p [Item] },
        Lone(&'p Item),
        Stray,
    }
    let mut evs: Vec<Ev<'_>> = Vec::new();
    // The items on each found label's line, by row.
    let mut own: Vec<(usize, &[Item])> = Vec::with_capacity(sorted.len());
    for &(i, a) in sorted {
        let items = slots
            .get(i)
            .and_then(|s| pool.get(s.items.clone()))
            .unwrap_or_default();
        let label_end = text
            .get(a.end..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |p| a.end + p);
        let mut k = 0;
        while let Some(first) = items.get(k) {
            let line_end = text
                .get(first.start..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |p| first.start + p);
            // At least the first item (an empty cell may start at its line's break).
            let e = k + items
                .get(k..)
                .unwrap_or_default()
                .iter()
                .take_while(|x| x.start < line_end)
                .count()
                .max(1);
            let group = items.get(k..e).unwrap_or_default();
            k = e;
            let content = group.iter().filter(|x| x.is_content()).count();
            if first.start < label_end {
                own.push((i, group));
                if cells(group) == n {
                    evs.push(Ev::Whole(i));
                } else if content > 0 {
                    evs.push(Ev::Stray);
                }
                continue;
            }
            let line_start = text
                .get(..first.start)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |p| p + 1);
            let line = text.get(line_start..line_end).unwrap_or("").trim();
            let first_figure = group.iter().position(|x| x.is_content());
            let labels_lead = first_figure.is_some_and(|f| {
                group
                    .iter()
                    .skip(f)
                    .all(|x| x.is_content() || x.kind == ItemKind::Empty)
            });
            if line.starts_with('|') && cells(group) == n && labels_lead {
                let f = first_figure.unwrap_or(0);
                evs.push(Ev::Figures {
                    owner: i,
                    items: group.get(f..).unwrap_or_default(),
                });
            } else if let [only] = group {
                if content == 1 && text.get(only.start..only.end) == Some(line) {
                    evs.push(Ev::Lone(only));
                } else if content > 0 {
                    evs.push(Ev::Stray);
                }
            } else if content > 0 {
                evs.push(Ev::Stray);
            }
        }
    }
    if !evs.iter().any(|e| matches!(e, Ev::Figures { .. })) {
        return Vec::new();
    }
    let Placed {
        assigned,
        positional,
        apart,
    } = placed;
    let mut lone: Vec<Item> = Vec::new();
    // Each stretch between two rows written whole (or the table's ends).
    let mut prev: Option<usize> = None;
    let mut at = 0;
    while at <= evs.len() {
        let end = evs
            .get(at..)
            .unwrap_or_default()
            .iter()
            .position(|e| matches!(e, Ev::Whole(_)))
            .map_or(evs.len(), |p| at + p);
        let next = match evs.get(end) {
            Some(Ev::Whole(q)) => Some(*q),
            _ => None,
        };
        let stretch = evs.get(at..end).unwrap_or_default();
        let figures: Vec<(usize, &[Item])> = stretch
            .iter()
            .filter_map(|e| match e {
                Ev::Figures { owner, items } => Some((*owner, *items)),
                _ => None,
            })
            .collect();
        let stray = stretch.iter().any(|e| matches!(e, Ev::Stray));
        let lo = prev.map_or(0, |p| p + 1);
        let hi = next.unwrap_or(descs.len());
        if !figures.is_empty() && !stray && lo <= hi {
            let rows: Vec<usize> = (lo..hi)
                .filter(|&j| descs.get(j).is_some_and(|d| d.role == RowRole::Data))
                .collect();
            if rows.len() == figures.len() {
                lone.extend(stretch.iter().filter_map(|e| match e {
                    Ev::Lone(it) => Some((*it).clone()),
                    _ => None,
                }));
                for &(owner, _) in &figures {
                    // The owner keeps only its own line (the rows of figures go to their rows).
                    if !rows.contains(&owner) {
                        if let Some(a) = assigned.get_mut(owner) {
                            let line = own
                                .iter()
                                .find(|(o, _)| *o == owner)
                                .map_or(&[][..], |(_, g)| *g);
                            *a = Some(
                                line.iter()
                                    .filter(|x| x.is_content() || x.kind == ItemKind::Empty)
                                    .cloned()
                                    .collect(),
                            );
                        }
                    }
                }
                for (&j, &(owner, items)) in rows.iter().zip(&figures) {
                    if let Some(a) = assigned.get_mut(j) {
                        *a = Some(items.to_vec());
                    }
                    // Figures in the region of their own label (the label wrapped, its cells on
                    // the next line) are the row's as read; others were taken by position.
                    if let Some(p) = positional.get_mut(j) {
                        *p = owner != j;
                    }
                    if let Some(p) = apart.get_mut(j) {
                        *p = owner != j && slots.get(j).is_some_and(|s| s.anchor.is_some());
                    }
                }
            }
        }
        prev = next.or(prev);
        at = end + 1;
    }
    lone
}

/// [`table3`], or with `FIRST_WRITTEN` set the reference it is held to.
///
/// The lists kept for each row of the template (slots, anchors in order, rows read, values
/// assigned and how) are kept on the stack (`SmallVec`s made by [`stack_filled`] and
/// [`stack_list`]): as first written each was allocated, some nine allocations a table.
#[inline(always)]
fn table3_by<const FIRST_WRITTEN: bool, M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Template,
    from: usize,
    to: usize,
) -> Option<Table> {
    let kind = TableKind::Applications;
    ctx.cells_read = 0;
    let diags_at_start = ctx.diags.len();
    let descs = template::table3(tpl);
    let text = ctx.text;
    // A table needs two rows: told at once where no label fits ([`too_short_for_a_label`]),
    // instead of by some 25 searches of about 100 instructions. As first written
    // (`FIRST_WRITTEN`), every row is searched for.
    if !FIRST_WRITTEN && too_short_for_a_label(text, from, to) {
        return None;
    }
    let nd = descs.len();
    // 1. Data rows in order.
    let mut slot_list: SmallVec<[Slot; T3_ROWS_MAX]> = stack_filled(nd, NO_SLOT, FIRST_WRITTEN);
    let slots = slot_list.as_mut_slice();
    // The label of row `i`, `d`, in `text[from..to]`, its keys' first characters built with
    // the program.
    let find = |i: usize, d: &RowDesc, from: usize, to: usize| {
        let firsts = built_key_firsts(&T3_KEY_FIRSTS, tpl, i, d, true);
        find_row_label_with(text, from, to, d, true, firsts)
    };
    let mut cursor = from;
    for (i, d) in descs.iter().enumerate() {
        if d.role != RowRole::Data {
            continue;
        }
        let found = find(i, d, cursor, to);
        // Found by a shorter key only (`逾期不补正` on a wrapped label's second line, the row's
        // values after its first line, `pypdf`'s layout mode): the label wrapped after its
        // values, where it starts before, is the row's (with the `html` feature).
        #[cfg(feature = "html")]
        let found = found.map(|a| {
            let short = d.keys.first().is_some_and(|k| a.end - a.start < k.len());
            short
                .then(|| label_wrapped_after_its_values(text, cursor, to, d))
                .flatten()
                .filter(|b| b.start < a.start)
                .unwrap_or(a)
        });
        let found = found
            .or_else(|| short_key_opening_a_row(text, cursor, to, d))
            .or_else(|| label_wrapped_after_its_values(text, cursor, to, d));
        // A label wrapped down a narrow column, the row's figures beside its first line (with
        // the `html` feature): found below them over several lines, or not at all.
        #[cfg(feature = "html")]
        let found = match found {
            Some(a) if text.get(a.start..a.end).is_some_and(|l| l.contains('\n')) => {
                let b = label_down_its_column(text, cursor, a.start, to, d)
                    .filter(|b| b.start < a.start);
                // Figures beside the line above the label, in its column, whose tokens down
                // the column do not spell the row's label (a character of it misread): the
                // row may own them. Said, the figures after the label read.
                if let (None, Some((fs, fe))) = (b, figures_above_wrapped_label(text, cursor, a)) {
                    let line = text.get(fs..fe).unwrap_or("");
                    ctx.diags.push(
                        Diagnostic::new(
                            Code::T014,
                            format!(
                                "table 3 ({}), row `{}`: its label is wrapped down its column below a line of figures that stands in that column (`{}`), which may be the row's; the values after the label are read",
                                kind.title(),
                                d.path,
                                line.split_whitespace().collect::<Vec<_>>().join(" ")
                            ),
                        )
                        .with_span(Some((ctx.map)(fs, fe)))
                        .at(Location::row(kind, d.path)),
                    );
                }
                b.or(Some(a))
            }
            Some(a) => Some(a),
            None => label_down_its_column(text, cursor, to, to, d),
        };
        if let Some(a) = found {
            cursor = a.end;
            if let Some(s) = slots.get_mut(i) {
                s.anchor = Some(a);
            }
        }
    }
    let data_found = slots.iter().filter(|s| s.anchor.is_some()).count();
    // A table needs two rows, or one row written whole as a table's: its label in a pipe row
    // and a figure in each of the columns after it (a document converter that kept only the
    // first row of the table), not a row's label named in prose.
    let one_whole_row = || {
        slots.iter().find_map(|s| s.anchor).is_some_and(|a| {
            whole_row(text, a.end, T3_COLUMNS)
                || pipe_row(text, a)
                || figures_a_line_to_the_end(text, a, to)
        })
    };
    if data_found == 0 || (data_found == 1 && !one_whole_row()) {
        return None;
    }
    // 2. Group labels, only in the gap before their first following data row.
    for (i, d) in descs.iter().enumerate() {
        if d.role == RowRole::Data {
            continue;
        }
        let prev_end = slots
            .iter()
            .take(i)
            .filter_map(|s| s.anchor)
            .map(|a| a.end)
            .max()
            .unwrap_or(from);
        let next_start = slots
            .iter()
            .skip(i + 1)
            .filter_map(|s| s.anchor)
            .map(|a| a.start)
            .next()
            .unwrap_or(to);
        if let Some(a) = find(i, d, prev_end, next_start) {
            if let Some(s) = slots.get_mut(i) {
                s.anchor = Some(a);
            }
        }
    }
    // Header: extra 小计 column.
    let first_anchor = slots
        .iter()
        .filter_map(|s| s.anchor)
        .map(|a| a.start)
        .min()
        .unwrap_or(from);
    let header = text.get(from..first_anchor).unwrap_or("");
    let subtotal_col = if header.contains("小计") {
        let sc = header.find("小计").unwrap_or(0);
        let biz = header.find("商业").unwrap_or(usize::MAX);
        ctx.diags.push(
            Diagnostic::new(Code::T011, "table 3: the header has a 法人或其他组织小计 column; it is recognised and left out")
                .with_span(Some((ctx.map)(from + sc, from + sc + "小计".len())))
                .at(Location::table(kind)),
        );
        Some(if sc < biz { 1 } else { 6 })
    } else {
        None
    };
    // 3. Regions.
    let mut sorted_list: SmallVec<[(usize, Anchor); T3_ROWS_MAX]> = stack_list(FIRST_WRITTEN);
    for (i, s) in slots.iter().enumerate() {
        if let Some(a) = s.anchor {
            sorted_list.push((i, a));
        }
    }
    let sorted = sorted_list.as_mut_slice();
    by_start(sorted);
    let sorted: &[(usize, Anchor)] = sorted;
    // The items of every region, in one list (sized for a few items a row).
    let mut pool: Vec<Item> = Vec::with_capacity(sorted.len() * 9);
    for (k, (i, a)) in sorted.iter().enumerate() {
        let next = sorted.get(k + 1).map_or(to, |(_, n)| n.start);
        let mut items = charged_items_into(ctx, kind, a.end, next.max(a.end), &mut pool);
        if let Some(sc) = subtotal_col {
            let content: Vec<usize> = pool
                .get(items.clone())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter(|(_, it)| it.is_content())
                .map(|(j, _)| j)
                .collect();
            if content.len() == 8 {
                if let Some(&j) = content.get(sc) {
                    // The region is the last in the list: removing its item moves no other.
                    pool.remove(items.start + j);
                    items.end -= 1;
                }
            }
        }
        if let Some(s) = slots.get_mut(*i) {
            s.items = items;
            s.region = (a.end, next);
        }
    }
    let items_of = |s: &Slot| -> &[Item] { pool.get(s.items.clone()).unwrap_or_default() };
    // A few rows' words in a sentence (`其中本年新收33件,上年结转0件`, its figures a sentence's,
    // [`crate::cells`]), with no figure of a table after any and no column's name above them:
    // prose, no table (a table printed blank names most of its rows).
    if data_found <= 3
        && !header.contains("自然人")
        && slots.iter().all(|s| content_count(items_of(s)) == 0)
    {
        return None;
    }
    // Column-block extraction: most row labels carry no values and the numbers sit in runs
    // elsewhere (pdfminer's default layout). Reading them next to the nearest label would be
    // wrong; blocks whose order is proven are read back ([`crate::colblock`]), the rest not.
    let mut anchored_list: SmallVec<[usize; T3_ROWS_MAX]> = stack_list(FIRST_WRITTEN);
    for (i, d) in descs.iter().enumerate() {
        if d.role == RowRole::Data && slots.get(i).is_some_and(|s| s.anchor.is_some()) {
            anchored_list.push(i);
        }
    }
    let anchored_data = anchored_list.as_slice();
    let empty_rows = anchored_data
        .iter()
        .filter(|&&i| slots.get(i).is_some_and(|s| s.items.is_empty()))
        .count();
    let mut assigned_list: SmallVec<[Option<Vec<Item>>; T3_ROWS_MAX]> =
        stack_filled(nd, None, FIRST_WRITTEN);
    let assigned = assigned_list.as_mut_slice();
    let mut from_blocks_list: SmallVec<[bool; T3_ROWS_MAX]> =
        stack_filled(nd, false, FIRST_WRITTEN);
    let from_blocks = from_blocks_list.as_mut_slice();
    // Every row empty is a table printed blank (its labels only, a page that left the numbers
    // out), not numbers printed apart: those sit in the region of the last label of a run.
    if anchored_data.len() >= 6
        && empty_rows * 2 >= anchored_data.len()
        && empty_rows < anchored_data.len()
    {
        ctx.t3_detached = true;
        column_blocks(
            ctx,
            descs,
            slots,
            anchored_data,
            to,
            subtotal_col,
            assigned,
            from_blocks,
        );
        for s in slots.iter_mut() {
            s.items = 0..0;
        }
    }
    let flattened = {
        let (s, e) = (
            sorted.first().map_or(from, |x| x.1.start),
            sorted.last().map_or(to, |x| x.1.end),
        );
        text.get(s..e).is_some_and(|t| !has_break(t))
    };
    let n = T3_COLS.len();
    // A row read whole right after the labels of two rows or more with nothing between them
    // (pdfminer's order of a PDF's boxes: a run of labels, then one column's figures for them):
    // when its figures break its own sum (总计 = 自然人 + the five 法人或其他组织 columns),
    // they are taken for that column's, not the row's, and not read (T013).
    let mut withheld_list: SmallVec<[bool; T3_ROWS_MAX]> = stack_filled(nd, false, FIRST_WRITTEN);
    let withheld = withheld_list.as_mut_slice();
    let mut stacked: SmallVec<[usize; 8]> = SmallVec::new();
    for &(i, _) in sorted.iter().filter(|_| !ctx.t3_detached && !flattened) {
        let items = slots.get(i).map_or(&[][..], items_of);
        let data = descs.get(i).is_some_and(|d| d.role == RowRole::Data);
        if items.is_empty() {
            if data {
                stacked.push(i);
            }
            continue;
        }
        if data
            && stacked.len() >= 2
            && items.len() == n
            && content_count(items) == n
            && crate::colblock::sum_breaks(items)
        {
            if let Some(w) = withheld.get_mut(i) {
                *w = true;
            }
            let names = ticked_at(descs, &stacked);
            let path = descs.get(i).map_or("", |d| d.path);
            let span = items.first().zip(items.last());
            ctx.diags.push(
                Diagnostic::new(
                    Code::T013,
                    format!(
                        "table 3 ({}), row `{path}`: its values ({}) follow rows {} with none between them, and break the row's sum: they may be one column's values for those rows, printed apart from their labels; not read",
                        kind.title(),
                        quoted_items(text, items, n),
                        names
                    ),
                )
                .with_span(span.map(|(x, y)| (ctx.map)(x.start, y.end)))
                .at(Location::row(kind, path)),
            );
        }
        stacked.clear();
    }
    // 4. Positional distribution where labels were lost.
    let mut unplaced: Vec<(usize, Vec<Item>)> = Vec::new();
    let mut positional_list: SmallVec<[bool; T3_ROWS_MAX]> = stack_filled(nd, false, FIRST_WRITTEN);
    let positional = positional_list.as_mut_slice();
    let mut i = 0;
    while i < descs.len() {
        let s = match slots.get(i) {
            Some(s) => s,
            None => break,
        };
        let d = match descs.get(i) {
            Some(d) => d,
            None => break,
        };
        if s.anchor.is_none() {
            i += 1;
            continue;
        }
        // The content items are copied only for a region holding values of other rows.
        let content_len = content_count(items_of(s));
        let own = match d.role {
            RowRole::Data => 1,
            _ => {
                // A group with exactly n values whose children are present: printed subtotal.
                let child_found = descs.iter().enumerate().any(|(j, c)| {
                    c.parent == Some(i) && slots.get(j).is_some_and(|x| x.anchor.is_some())
                });
                if content_len == n && (child_found || d.role == RowRole::GroupOrData) {
                    1
                } else {
                    0
                }
            }
        };
        if content_len >= n * (own + 1) && !flattened {
            let content: Vec<Item> = items_of(s)
                .iter()
                .filter(|x| x.is_content())
                .cloned()
                .collect();
            // Values for rows whose labels are missing follow.
            if own == 1 {
                if let Some(a) = assigned.get_mut(i) {
                    *a = Some(content.iter().take(n).cloned().collect());
                }
            }
            let mut rest = content.iter().skip(own * n).cloned().collect::<Vec<_>>();
            let mut j = i + 1;
            while rest.len() >= n && j < descs.len() {
                let dj = match descs.get(j) {
                    Some(x) => x,
                    None => break,
                };
                if slots.get(j).is_some_and(|x| x.anchor.is_some()) {
                    break;
                }
                if dj.role == RowRole::Data
                    && !(tpl == Template::V2021 && dj.role == RowRole::GroupOrData)
                {
                    let chunk: Vec<Item> = rest.drain(..n).collect();
                    if let (Some(a), Some(p)) = (assigned.get_mut(j), positional.get_mut(j)) {
                        *a = Some(chunk);
                        *p = true;
                    }
                }
                j += 1;
            }
            // Values left with no row missing its label to take them: said once the rows of
            // figures apart from their labels have been given (4b), not dropped.
            if !rest.is_empty() {
                unplaced.push((i, rest));
            }
            i += 1;
            continue;
        }
        i += 1;
    }
    // 4b. Rows of figures without a label in a pipe table, whose labels a converter pushed out
    // of their rows: given in order to the rows between the whole rows around them.
    let mut apart_list: SmallVec<[bool; T3_ROWS_MAX]> = stack_filled(nd, false, FIRST_WRITTEN);
    let apart = apart_list.as_mut_slice();
    if !ctx.t3_detached && !flattened && text.get(from..to).is_some_and(|t| t.contains('|')) {
        let lone = rows_of_figures_apart(
            text,
            &pool,
            sorted,
            slots,
            descs,
            Placed {
                assigned,
                positional,
                apart,
            },
        );
        for it in lone {
            let raw = text.get(it.start..it.end).unwrap_or("");
            ctx.diags.push(
                Diagnostic::new(
                    Code::T005,
                    format!(
                        "table {} ({}): `{raw}` stands alone on its line between rows of figures without a label (a page number); it is not used",
                        kind.number(),
                        kind.title()
                    ),
                )
                .with_span(Some((ctx.map)(it.start, it.end)))
                .at(Location::table(kind)),
            );
        }
    }
    for (i, rest) in unplaced {
        let given = |x: &Item| {
            assigned
                .iter()
                .flatten()
                .any(|a| a.iter().any(|y| y.start == x.start))
        };
        let left: Vec<&str> = rest
            .iter()
            .filter(|x| !given(x))
            .map(|x| text.get(x.start..x.end).unwrap_or(""))
            .collect();
        let (Some(d), Some(first)) = (descs.get(i), rest.iter().find(|x| !given(x))) else {
            continue;
        };
        let more = if left.len() > 20 { " …" } else { "" };
        ctx.diags.push(
            Diagnostic::new(
                Code::T005,
                format!(
                    "table {} ({}), row `{}`: {} values after the row's own are given to no row ({}{more}); they are not used",
                    kind.number(),
                    kind.title(),
                    d.path,
                    left.len(),
                    left.iter().take(20).copied().collect::<Vec<_>>().join(" ")
                ),
            )
            .with_span(Some((ctx.map)(first.start, first.end)))
            .at(Location::row(kind, d.path)),
        );
    }
    // 5. Rows: about one per template row (a printed subtotal adds one), so each list is sized
    // once instead of growing through four, eight, sixteen and thirty-two.
    let mut rows: Vec<Row> = Vec::with_capacity(descs.len() + 4);
    let mut readings: Vec<Vec<Reading>> = Vec::with_capacity(descs.len());
    // desc index of each entry in readings
    let mut row_index: SmallVec<[usize; T3_ROWS_MAX]> = stack_list(FIRST_WRITTEN);
    // Rows read without splitting: (index in readings, index in rows).
    let mut read_rows: SmallVec<[(usize, usize); T3_ROWS_MAX]> = stack_list(FIRST_WRITTEN);
    let mut pending: Vec<(usize, RowCandidates)> = Vec::new();
    let six_idx = descs.iter().position(|d| d.role == RowRole::GroupOrData);
    let six_children_found = six_idx.is_some_and(|si| {
        descs
            .iter()
            .enumerate()
            .any(|(j, c)| c.parent == Some(si) && slots.get(j).is_some_and(|x| x.anchor.is_some()))
    });
    let six_as_data = six_idx.is_some_and(|si| {
        !six_children_found
            && slots
                .get(si)
                .is_some_and(|s| s.anchor.is_some() && content_count(items_of(s)) > 0)
    });
    for (i, d) in descs.iter().enumerate() {
        let s = match slots.get(i) {
            Some(s) => s,
            None => continue,
        };
        let path = d.path;
        let is_group = d.role != RowRole::Data;
        let (label, span) = label_of(ctx, &s.anchor, path);
        if d.role == RowRole::GroupOrData && six_as_data {
            // 2019-shaped （六）其他处理 in a 2021 report.
        } else if d.parent.is_some() && six_idx.is_some() && d.parent == six_idx && six_as_data {
            continue;
        } else if is_group {
            let content = content_count(items_of(s));
            let child_found = descs.iter().enumerate().any(|(j, c)| {
                c.parent == Some(i) && slots.get(j).is_some_and(|x| x.anchor.is_some())
            });
            if s.anchor.is_some()
                && content == n
                && child_found
                && assigned.get(i).is_none_or(Option::is_none)
            {
                let rr = read_row(ctx, kind, path, T3_COLS, items_of(s), span);
                rows.push(Row {
                    row: Cow::Borrowed(path),
                    label,
                    span,
                    subtotal: true,
                    cells: rr.cells,
                });
            }
            continue;
        }
        let (items, was_positional): (&[Item], bool) =
            match assigned.get(i).and_then(Option::as_ref) {
                Some(it) => (it, positional.get(i).copied().unwrap_or(false)),
                None => (items_of(s), false),
            };
        // A row not found, or whose figures were withheld (its T013 said so): no values.
        let held = withheld.get(i).copied().unwrap_or(false);
        if (s.anchor.is_none() || held) && !was_positional {
            if !held {
                ctx.diags.push(
                    Diagnostic::new(
                        Code::T003,
                        format!("table 3 ({}), row `{path}`: label not found", kind.title()),
                    )
                    .at(Location::row(kind, path)),
                );
            }
            rows.push(Row {
                row: Cow::Borrowed(path),
                label,
                span,
                subtotal: false,
                cells: T3_COLS.iter().map(|c| Cell::absent(c.label)).collect(),
            });
            continue;
        }
        if was_positional {
            let first = items.first().map(|x| (ctx.map)(x.start, x.end));
            let message = if apart.get(i).copied().unwrap_or(false) {
                format!("table 3 ({}), row `{path}`: its label stands apart from its values; its {n} values were taken by position, from a row of figures without a label", kind.title())
            } else {
                format!("table 3 ({}), row `{path}`: its label is missing; its {n} values were taken by position", kind.title())
            };
            ctx.diags.push(
                Diagnostic::new(Code::T010, message)
                    .with_span(first)
                    .at(Location::row(kind, path)),
            );
        }
        // A row is a glued run when the table is flattened, and also (with the `html` feature,
        // as the readers of other rarer layouts) when its own figures stand glued to the text
        // before them with no break among them (`（一）予以公开270020130`, `…不计其他情形）500000
        // 5`): a line break elsewhere in the table (a scraper's, between two rows) leaves the
        // row so.
        let sure = flattened || zero_led(text, items) || one_long_run(text, items, n);
        if sure || cfg!(feature = "html") && glued_to_text(text, items) {
            if let Some(runs) = glued_runs(text, items, n) {
                let rr = RowRuns {
                    text,
                    runs,
                    n,
                    rule: RowRule::LastIsSum,
                };
                let cands = split::row_candidates(&rr, &mut ctx.budget);
                // A row told glued by its place alone (a PDF's text may glue a row's first
                // figure to its label and leave its blank cells unmarked: `（一）予以公开1288
                // 21 50 3 1362`) whose runs admit no split is read as its figures stand.
                if sure || !cands.readings.is_empty() {
                    readings.push(cands.readings.clone());
                    pending.push((rows.len(), cands));
                    row_index.push(i);
                    rows.push(Row {
                        row: Cow::Borrowed(path),
                        label,
                        span,
                        subtotal: false,
                        cells: T3_COLS.iter().map(|c| Cell::absent(c.label)).collect(),
                    });
                    continue;
                }
            }
        }
        // Where the row's values end when figures stand after them in its region, for the
        // readers of such figures (with the `html` feature); for most rows, none stand there.
        #[cfg(feature = "html")]
        let after = if was_positional || from_blocks.get(i).copied().unwrap_or(false) {
            None
        } else {
            values_end(items, items_of(s)).filter(|&e| {
                text.get(e..s.region.1)
                    .is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit()))
            })
        };
        #[cfg(feature = "html")]
        let completed =
            after.and_then(|e| row_completed_below(ctx, kind, path, items, e, s.region.1));
        #[cfg(feature = "html")]
        let items = completed.as_deref().unwrap_or(items);
        let mut rr = read_row(ctx, kind, path, T3_COLS, items, span);
        let derived = if was_positional {
            Some(Derivation::Positional)
        } else if from_blocks.get(i).copied().unwrap_or(false) {
            Some(Derivation::ColumnBlock)
        } else {
            None
        };
        if derived.is_some() {
            for c in &mut rr.cells {
                c.derived = derived;
            }
        }
        #[cfg(feature = "html")]
        if let Some(e) = after {
            let e = completed
                .as_ref()
                .and_then(|c| c.last())
                .map_or(e, |x| x.end);
            figures_after_values(ctx, kind, path, e, s.region.1, &mut rr.cells);
        }
        // The row's one reading, its values, is needed only if some row is split: filled in
        // below from the row's cells, which do not change until then.
        readings.push(Vec::new());
        read_rows.push((readings.len() - 1, rows.len()));
        row_index.push(i);
        rows.push(Row {
            row: Cow::Borrowed(path),
            label,
            span,
            subtotal: false,
            cells: rr.cells,
        });
    }
    // 6. Table-level resolution of split rows (C1, C3).
    if !pending.is_empty() {
        let row_index = row_index.as_slice();
        for &(ri, row_pos) in read_rows.as_slice() {
            if let (Some(r), Some(row)) = (readings.get_mut(ri), rows.get(row_pos)) {
                let vals: Vec<Option<i128>> = row
                    .cells
                    .iter()
                    .map(|c| c.value.and_then(|v| v.as_i64()).map(i128::from))
                    .collect();
                *r = vec![Reading {
                    pieces: vec![],
                    values: vals,
                }];
            }
        }
        let pos = |path_pred: &dyn Fn(&str) -> bool| -> Option<usize> {
            row_index
                .iter()
                .position(|&di| descs.get(di).is_some_and(|d| path_pred(d.path)))
        };
        let r1 = pos(&|p| p.starts_with("一、"));
        let r2 = pos(&|p| p.starts_with("二、"));
        let r7 = pos(&|p| p.ends_with("（七）总计"));
        let r4 = pos(&|p| p.starts_with("四、"));
        let results: Vec<usize> = row_index
            .iter()
            .enumerate()
            .filter(|(_, &di)| {
                descs
                    .get(di)
                    .is_some_and(|d| d.path.starts_with("三、") && !d.path.ends_with("（七）总计"))
            })
            .map(|(k, _)| k)
            .collect();
        let mut constraints = Vec::new();
        for col in 0..n {
            if let (Some(a), Some(b), Some(c), Some(e)) = (r1, r2, r7, r4) {
                constraints.push(Constraint {
                    terms: vec![(a, col, 1), (b, col, 1), (c, col, -1), (e, col, -1)],
                });
            }
            if let Some(c) = r7 {
                let mut terms = vec![(c, col, 1)];
                terms.extend(results.iter().map(|&r| (r, col, -1)));
                constraints.push(Constraint { terms });
            }
        }
        let res = split::resolve(&readings, &constraints, &mut ctx.budget);
        for (row_pos, cands) in pending {
            let k = rows.get(..row_pos).map_or(0, |_| 0);
            let _ = k;
            let ri = match row_index.iter().position(|&di| {
                rows.get(row_pos)
                    .is_some_and(|r| descs.get(di).is_some_and(|d| d.path == r.row))
            }) {
                Some(x) => x,
                None => continue,
            };
            let path = rows.get(row_pos).map(|r| r.row.clone()).unwrap_or_default();
            let span = rows.get(row_pos).and_then(|r| r.span);
            let sub = match res.get(ri) {
                Some(Resolution::Unique(idx)) => RowCandidates {
                    readings: cands.readings.get(*idx).cloned().into_iter().collect(),
                    truncated: false,
                },
                Some(Resolution::Ambiguous(ids)) => RowCandidates {
                    readings: ids
                        .iter()
                        .filter_map(|&x| cands.readings.get(x).cloned())
                        .collect(),
                    truncated: cands.truncated,
                },
                _ => RowCandidates {
                    readings: vec![],
                    truncated: cands.truncated,
                },
            };
            let cells = split_outcome(ctx, kind, &path, T3_COLS, &sub, span, None);
            if let Some(r) = rows.get_mut(row_pos) {
                r.cells = cells;
            }
        }
    }
    let start = slots
        .iter()
        .filter_map(|s| s.anchor)
        .map(|a| a.start)
        .min()
        .unwrap_or(from);
    // Where the last value or row label found ends (a table printed blank has labels only).
    let end = slots
        .iter()
        .map(|s| {
            let items = items_of(s).iter().map(|i| i.end).max().unwrap_or(0);
            items.max(s.anchor.map_or(0, |a| a.end))
        })
        .max()
        .unwrap_or(start)
        .max(start);
    fold_cut_off(ctx, kind, &rows, diags_at_start, end, to);
    fold_cut_before(ctx, kind, &rows, diags_at_start, start);
    Some(Table {
        kind,
        template: Some(tpl),
        span: (ctx.map)(start, end),
        rows,
    })
}

/// Read back the column blocks of table 3 ([`crate::colblock`]): rows proven are given their
/// values in `assigned` (and flagged in `from_blocks` when read column by column); the others
/// are named by one T013.
#[allow(clippy::too_many_arguments)]
fn column_blocks<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    descs: &[RowDesc],
    slots: &[Slot],
    anchored_data: &[usize],
    to: usize,
    subtotal_col: Option<usize>,
    assigned: &mut [Option<Vec<Item>>],
    from_blocks: &mut [bool],
) {
    let kind = TableKind::Applications;
    let text = ctx.text;
    let path_of = |i: usize| -> &'static str { descs.get(i).map_or("", |d| d.path) };
    let mut order: Vec<(usize, Anchor)> = anchored_data
        .iter()
        .filter_map(|&i| slots.get(i).and_then(|s| s.anchor).map(|a| (i, a)))
        .collect();
    by_start(&mut order);
    let rows: Vec<(usize, usize, usize)> = order
        .iter()
        .enumerate()
        .map(|(k, (i, a))| {
            let next = order.get(k + 1).map_or(to, |(_, n)| n.start);
            (*i, a.end, next.max(a.end))
        })
        .collect();
    let (blocks, left) = crate::colblock::blocks(text, &rows);
    let cols = T3_COLS.len() + usize::from(subtotal_col.is_some());
    let mut unread: Vec<usize> = left;
    let mut reasons: Vec<String> = Vec::new();
    for b in &blocks {
        match crate::colblock::table3_block(b, cols, subtotal_col) {
            crate::colblock::Verdict::Row(vals) => {
                if let Some(a) = b.rows.first().and_then(|&i| assigned.get_mut(i)) {
                    *a = Some(vals);
                }
            }
            verdict @ (crate::colblock::Verdict::Columns(..)
            | crate::colblock::Verdict::Rows(_)) => {
                let (rows, how) = match verdict {
                    crate::colblock::Verdict::Columns(rows, fails, proven) => {
                        ctx.columns_proven |= proven;
                        let sums = if fails == 0 {
                            "and every row's 总计 equals the sum of its columns".to_string()
                        } else {
                            format!("which the row sums confirm for all rows but {fails}")
                        };
                        (rows, format!("column by column (column-block PDF text); they were read back column by column, {sums}"))
                    }
                    crate::colblock::Verdict::Rows(rows) => {
                        ctx.rows_proven = true;
                        (rows, "row by row; they were read back row by row, and every row's 总计 equals the sum of its columns (column by column it would not)".to_string())
                    }
                    _ => continue,
                };
                for (&i, vals) in b.rows.iter().zip(rows) {
                    if let (Some(a), Some(f)) = (assigned.get_mut(i), from_blocks.get_mut(i)) {
                        *a = Some(vals);
                        *f = true;
                    }
                }
                let first = b.rows.first().map_or("", |&i| path_of(i));
                let last = b.rows.last().map_or("", |&i| path_of(i));
                let span = match (b.values.first(), b.values.last()) {
                    (Some(x), Some(y)) => Some((ctx.map)(x.start, y.end)),
                    _ => None,
                };
                ctx.diags.push(
                    Diagnostic::new(
                        Code::T014,
                        format!(
                            "table 3 ({}): rows `{first}` … `{last}` ({} rows) have their {} numbers printed after the labels, {how}",
                            kind.title(),
                            b.rows.len(),
                            b.values.len(),
                        ),
                    )
                    .with_span(span)
                    .at(Location::table(kind)),
                );
            }
            crate::colblock::Verdict::Unread(why) => {
                let first = b.rows.first().map_or("", |&i| path_of(i));
                reasons.push(format!("after `{first}`: {why}"));
                unread.extend(b.rows.iter().copied());
            }
        }
    }
    if !unread.is_empty() {
        crate::sort_usizes(&mut unread);
        let names = ticked_at(descs, unread.get(..6).unwrap_or(&unread));
        let more = if unread.len() > 6 { ", …" } else { "" };
        let first = unread
            .first()
            .and_then(|&i| slots.get(i))
            .and_then(|s| s.anchor);
        ctx.diags.push(
            Diagnostic::new(
                Code::T013,
                format!(
                    "table 3 ({}): {} of {} row labels have their numbers printed apart from them (column by column) and could not be matched back{}; their values are not read: {}{more}",
                    kind.title(),
                    unread.len(),
                    anchored_data.len(),
                    if reasons.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", reasons.join("; "))
                    },
                    names
                ),
            )
            .with_span(first.map(|a| (ctx.map)(a.start, a.end)))
            .at(Location::table(kind)),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Table 4

const T4_HEADER_LAST: &[&str] = &["总计", "尚未审结", "复议后起诉", "未经复议直接起诉"];

/// What some reports name the total columns (`总计`, the first of [`T4_HEADER_LAST`]): looked
/// for only when no `总计` is found, so that the reports that print `总计` pay no search more.
const T4_TOTAL_OTHER: &str = "合计";

/// Read table 4 in `text[from..to]`.
pub(crate) fn table4<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Option<Template>,
    from: usize,
    to: usize,
) -> Option<Table> {
    table4_by::<false, _>(ctx, tpl, from, to)
}

/// [`table4`] as first written (the words of the header looked for whatever was found, a
/// group's cells copied out of the fifteen): the reference it is tested against.
#[cfg(test)]
fn table4_reference<M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Option<Template>,
    from: usize,
    to: usize,
) -> Option<Table> {
    table4_by::<true, _>(ctx, tpl, from, to)
}

/// [`table4`], or with `FIRST_WRITTEN` set the reference it is held to.
#[inline(always)]
fn table4_by<const FIRST_WRITTEN: bool, M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    tpl: Option<Template>,
    from: usize,
    to: usize,
) -> Option<Table> {
    let kind = TableKind::ReviewLitigation;
    ctx.cells_read = 0;
    let text = ctx.text;
    // Values start after the last header word.
    let (header_start, header_end) = t4_header::<FIRST_WRITTEN>(text, from, to, true);
    // Looked for only when no value was found.
    let has_words = || {
        find_label(text, from, to, "行政复议").is_some()
            || find_label(text, from, to, "结果维持").is_some()
    };
    // As first written, looked for whatever was found.
    let words_first = FIRST_WRITTEN.then(has_words);
    let mut vstart = header_end.unwrap_or(from);
    // The rest of the header row (padding cells) is not data: values start on the next line.
    if let Some(rest) = text.get(vstart..to) {
        if let Some(nl) = rest.find('\n') {
            let line = rest.get(..nl).unwrap_or("");
            if !line.chars().any(|c| c.is_ascii_digit()) {
                vstart += nl;
            }
        }
    }
    let mut items = charged_items(ctx, kind, vstart, to);
    whole_row_of_fifteen(text, &mut items);
    let content = content_count(&items);
    if content == 0 && header_end.is_none() {
        return None;
    }
    if content == 0 && !words_first.unwrap_or_else(has_words) {
        return None;
    }
    // The fifteen columns, kept in place (no allocation a table).
    let all_cols: SmallVec<[Col; 15]> = T4_COLS
        .iter()
        .cycle()
        .take(3 * T4_COLS.len())
        .copied()
        .collect();
    // Groups printed as separate labelled tables (markdown conversions): each label followed by
    // its own header and five values.
    if let Some(rows) = table4_grouped::<FIRST_WRITTEN, _>(ctx, from, to) {
        let start = rows
            .first()
            .and_then(|r| r.span)
            .map_or((ctx.map)(from, from), |s| s);
        let end = rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter_map(|c| c.span)
            .map(|s| s.end)
            .max()
            .unwrap_or(start.end);
        let _ = tpl;
        return Some(Table {
            kind,
            template: tpl,
            span: Span::new(start.start, end.max(start.start)),
            rows,
        });
    }
    let path = "行政复议";
    let span = header_start.map(|s| (ctx.map)(s, header_end.unwrap_or(s)));
    let flattened = text.get(vstart..to).is_some_and(|t| !has_break(t.trim()))
        || one_long_run(text, &items, 15)
        || zero_led(text, &items);
    let cells15: Vec<Cell> = if let (true, Some(runs)) = (flattened, glued_runs(text, &items, 15)) {
        let rr = RowRuns {
            text,
            runs,
            n: 15,
            rule: RowRule::GroupTotals(5),
        };
        let cands = split::row_candidates(&rr, &mut ctx.budget);
        split_outcome(
            ctx,
            kind,
            "行政复议、行政诉讼 (all 15 values)",
            &all_cols,
            &cands,
            span,
            None,
        )
    } else {
        read_row(
            ctx,
            kind,
            "行政复议、行政诉讼 (all 15 values)",
            &all_cols,
            &items,
            span,
        )
        .cells
    };
    // One row a group: sized once instead of grown from nothing.
    let mut rows = Vec::with_capacity(T4_ROWS.len());
    // Each group's five cells are moved out of the fifteen (as first written, copied).
    let copied = if FIRST_WRITTEN {
        cells15.clone()
    } else {
        Vec::new()
    };
    let mut cells15 = cells15.into_iter();
    for (g, name) in T4_ROWS.iter().enumerate() {
        let cells: Vec<Cell> = if FIRST_WRITTEN {
            copied.iter().skip(g * 5).take(5).cloned().collect()
        } else {
            cells15.by_ref().take(5).collect()
        };
        let _ = path;
        rows.push(Row {
            row: Cow::Borrowed(name),
            label: None,
            span: None,
            subtotal: false,
            cells,
        });
    }
    // Diagnostics for the whole run name the table-4 rows.
    for d in ctx.diags.iter_mut() {
        if d.location
            .as_ref()
            .is_some_and(|l| l.row.as_deref() == Some("行政复议、行政诉讼 (all 15 values)"))
        {
            d.message = d.message.replace(
                "行政复议、行政诉讼 (all 15 values)",
                "行政复议 / 行政诉讼/未经复议直接起诉 / 行政诉讼/复议后起诉",
            );
            if let Some(l) = d.location.as_mut() {
                l.row = Some("行政复议".to_string());
            }
            d.message
                .push_str(" [rows 行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉]");
        }
    }
    let end = items
        .iter()
        .filter(|i| i.is_content())
        .map(|i| i.end)
        .max()
        .unwrap_or(vstart);
    let start = header_start.unwrap_or(vstart);
    Some(Table {
        kind,
        template: tpl,
        span: (ctx.map)(start, end.max(start)),
        rows,
    })
}

/// Where table 4's header runs in `text[from..to]`: the first start and the last end of the
/// words that close its columns ([`T4_HEADER_LAST`]), each word's occurrences found one after
/// the other. The start is looked for only when `want_start`.
///
/// Only the earliest start and the latest end count, so after the first word (every
/// occurrence found) a word is looked for before the earliest start (its first occurrence,
/// only if it opens earlier) and from the latest end on, instead of at every occurrence from
/// `from` (three of `总计` and three of `尚未审结` in most reports). No occurrence of a word
/// starts before the end of another word's occurrence and reaches past it: a match holds only
/// the word's characters, white space and page marker lines, and the last character of each
/// word is in no other word but as its last (`诉` and `计` end two each), so such a match would end where
/// the other does. With the `html` feature that does not hold (a match also passes another
/// column's fragments between a wrapped label's lines, which may hold another word: `复议` /
/// `尚未审结   后起诉`), so there every occurrence of every word is found from `from`, as with
/// `FIRST_WRITTEN`, the reference.
///
/// Every word is made of characters beyond ASCII, so no occurrence reaches past the end of the
/// last such character of the range ([`wide_end`]): the range is cut there first, and the search
/// that misses each word's last occurrence does not read the values after the header (a table's
/// values are ASCII), which it read to the end of the range for each word.
/// [`t4_header_in`] over the whole range is the reference it is tested against.
#[inline(always)]
fn t4_header<const FIRST_WRITTEN: bool>(
    text: &str,
    from: usize,
    to: usize,
    want_start: bool,
) -> (Option<usize>, Option<usize>) {
    let to = if FIRST_WRITTEN {
        to
    } else {
        wide_end(text.as_bytes(), from, to)
    };
    t4_header_in::<FIRST_WRITTEN>(text, from, to, want_start)
}

/// The end of the last byte beyond ASCII in `text[from..to]` (`from` when there is none): read
/// backwards a word of eight bytes at a time. Where `to` is a character boundary of a text, so
/// is it, and what follows it up to `to` is ASCII.
fn wide_end(text: &[u8], from: usize, to: usize) -> usize {
    let b = text.get(from..to.min(text.len())).unwrap_or_default();
    let mut words = b.rchunks_exact(8);
    let mut end = b.len();
    for w in &mut words {
        let high = <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes) & 0x8080_8080_8080_8080;
        if high != 0 {
            return from + end - (high.leading_zeros() / 8) as usize;
        }
        end -= 8;
    }
    words
        .remainder()
        .iter()
        .rposition(|&x| x >= 0x80)
        .map_or(from, |p| from + p + 1)
}

/// [`t4_header`] in `text[from..to]` as it was before the range was cut at its last character
/// beyond ASCII (with `FIRST_WRITTEN`, the reference of both).
#[inline(always)]
fn t4_header_in<const FIRST_WRITTEN: bool>(
    text: &str,
    from: usize,
    to: usize,
    want_start: bool,
) -> (Option<usize>, Option<usize>) {
    let mut start: Option<usize> = None;
    let mut end: Option<usize> = None;
    for (k, &w) in T4_HEADER_LAST.iter().enumerate() {
        t4_header_word::<FIRST_WRITTEN>(text, (from, to), want_start, w, &mut start, &mut end);
        if k == 0 && start.is_none() {
            // No `总计`: the total columns' other name.
            t4_header_word::<FIRST_WRITTEN>(
                text,
                (from, to),
                want_start,
                T4_TOTAL_OTHER,
                &mut start,
                &mut end,
            );
        }
    }
    (start, end)
}

/// One word's occurrences in `text[from..to]` joined to the header's `start` and `end` so far
/// ([`t4_header_in`]).
#[inline(always)]
fn t4_header_word<const FIRST_WRITTEN: bool>(
    text: &str,
    (from, to): (usize, usize),
    want_start: bool,
    w: &str,
    start: &mut Option<usize>,
    end: &mut Option<usize>,
) {
    let mut s = from;
    // With `html`, a match may pass another column's fragments between a wrapped label's lines
    // (`other_column_lines`), and so start before another word's occurrence and end past it:
    // every occurrence is looked for, as the reference does.
    if let (false, false, Some(first), Some(last)) =
        (FIRST_WRITTEN, cfg!(feature = "html"), *start, *end)
    {
        if want_start {
            if let Some((a, e)) = find_label_before(text, from, first, to, w) {
                *start = Some(first.min(a));
                *end = Some(last.max(e));
            }
        }
        s = end.unwrap_or(last);
    }
    while let Some((a, e)) = find_label(text, s, to, w) {
        *end = Some(end.map_or(e, |h| h.max(e)));
        *start = Some(start.map_or(a, |h| h.min(a)));
        s = e;
    }
}

fn table4_grouped<const FIRST_WRITTEN: bool, M: MapFn + ?Sized>(
    ctx: &mut Ctx<'_, '_, M>,
    from: usize,
    to: usize,
) -> Option<Vec<Row>> {
    let text = ctx.text;
    let keys = ["行政复议", "未经复议直接起诉", "复议后起诉"];
    let mut anchors = Vec::new();
    let mut groups = Vec::new();
    let mut cur = from;
    for k in keys {
        let (s, e) = find_label(text, cur, to, k)?;
        anchors.push((s, e));
        cur = e;
        // The first group ends where the second key starts: its five values are checked before
        // the third key is looked for (most tables failing here hold no third key after it).
        // Either way the table is not grouped, so the order of the two checks does not matter.
        if let (false, [a0 @ (_, e0), (s1, _)]) = (FIRST_WRITTEN, anchors.as_slice()) {
            let items = region_items_after_header::<FIRST_WRITTEN>(text, *e0, *s1);
            if !fills_columns(&items, 5) {
                return None;
            }
            groups.push((*a0, items));
        }
    }
    for (i, &(s, e)) in anchors.iter().enumerate().skip(groups.len()) {
        let next = anchors.get(i + 1).map_or(to, |a| a.0);
        let items = region_items_after_header::<FIRST_WRITTEN>(text, e, next);
        if !fills_columns(&items, 5) {
            return None;
        }
        groups.push(((s, e), items));
    }
    let mut rows = Vec::new();
    for (g, ((s, e), items)) in groups.iter().enumerate() {
        let name = T4_ROWS.get(g).copied().unwrap_or("");
        let span = Some((ctx.map)(*s, *e));
        let rr = read_row(ctx, TableKind::ReviewLitigation, name, T4_COLS, items, span);
        rows.push(Row {
            row: Cow::Borrowed(name),
            label: text.get(*s..*e).map(|l| label_text(l, name)),
            span,
            subtotal: false,
            cells: rr.cells,
        });
    }
    Some(rows)
}

/// Whether a row's items fill its `n` columns: `n` values or blank marks, or, in a pipe row,
/// fewer with the empty cells between them (`| 117 |  | 165 |`, `|  |  |  |`, a converter's
/// blank cells) making up the `n`, beyond which only empty cells close the row.
fn fills_columns(items: &[Item], n: usize) -> bool {
    let content = content_count(items);
    if content >= n {
        return content == n;
    }
    let cells = items
        .iter()
        .filter(|i| i.is_content() || i.kind == ItemKind::Empty);
    let closing = cells
        .clone()
        .rev()
        .take_while(|i| i.kind == ItemKind::Empty)
        .count();
    let all = cells.count();
    all >= n && all - closing <= n
}

/// Items after the last table-4 header word inside `text[from..to]`.
fn region_items_after_header<const FIRST_WRITTEN: bool>(
    text: &str,
    from: usize,
    to: usize,
) -> Vec<Item> {
    let start = t4_header::<FIRST_WRITTEN>(text, from, to, false)
        .1
        .map_or(from, |e| e.max(from));
    // A group is read only when it holds exactly five values: a sixth ends the reading.
    region_items_bounded(text, start, to, usize::MAX, 6)
}

/// The layout of the table text (for `meta.layout`).
pub(crate) fn detect_layout(text: &str, from: usize, to: usize) -> Layout {
    let t = match text.get(from..to.min(text.len())) {
        Some(t) => t,
        None => return Layout::None,
    };
    let c = LayoutCounts::of(t);
    if c.markdown {
        return Layout::Markdown;
    }
    let lines = c.lines.max(1);
    if lines <= 2 && t.len() > 200 {
        return Layout::Flattened;
    }
    if c.pipes > 0 && c.pipe_lines * 2 >= lines {
        let avg_pipes = c.pipes as f64 / lines as f64;
        return if avg_pipes < 1.6 {
            Layout::CellPerLine
        } else {
            Layout::Pipe
        };
    }
    if c.tab_lines * 2 >= lines {
        return Layout::CellPerLine;
    }
    Layout::PdfText
}

/// What [`detect_layout`] tells a layout by.
#[derive(Debug, Default, PartialEq, Eq)]
struct LayoutCounts {
    /// Lines holding more than blanks.
    lines: usize,
    /// Lines whose last character but blanks is `|`.
    pipe_lines: usize,
    /// Lines starting with a tab.
    tab_lines: usize,
    /// `|` characters.
    pipes: usize,
    /// Whether a markdown rule (`|---`, `| ---`, `|:--`) occurs.
    markdown: bool,
}

/// Whether `l` is white space only, its characters read: [`LayoutCounts::of`]'s rare case, out
/// of line.
#[inline(never)]
fn blank_by_char(l: &str) -> bool {
    l.trim().is_empty()
}

/// Whether `l`'s last character but white space is `|`, its characters read:
/// [`LayoutCounts::of`]'s rare case, out of line.
#[inline(never)]
fn ends_with_pipe_by_char(l: &str) -> bool {
    l.trim_end().ends_with('|')
}

impl LayoutCounts {
    /// The counts of `t`, in one pass over its lines, found with `memchr` (a byte loop over the
    /// table measured twice the instructions), and a count of its `|`. Each line is
    /// looked at from its ends as bytes: only a line whose first (last) byte but ASCII blanks is
    /// not ASCII has its characters read, for Unicode blanks (U+3000) are blank too. Lines split
    /// at `\n` only: the `\r` of a CRLF is blank at either end.
    fn of(t: &str) -> LayoutCounts {
        let bytes = t.as_bytes();
        let mut c = LayoutCounts::default();
        let mut count_line = |l: &str| {
            let lb = l.as_bytes();
            let blank = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
            let non_empty = match lb.iter().position(|b| !blank(b)) {
                None => false,
                Some(i) => match lb.get(i) {
                    // A character beyond ASCII that no white space opens with is not blank.
                    Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => !blank_by_char(l),
                    _ => true,
                },
            };
            let last = lb.iter().rposition(|b| !blank(b));
            let ends_with_pipe = match last.and_then(|i| lb.get(i)) {
                None => false,
                Some(b'|') => true,
                Some(b) if b.is_ascii() => false,
                // A character beyond ASCII whose byte before its last is none of those of the
                // white space (`scan::trim_end_at`) is not blank and not a `|`.
                Some(_) => {
                    matches!(
                        last.and_then(|i| i.checked_sub(1)).and_then(|i| lb.get(i)),
                        Some(0xC2 | 0x80 | 0x81 | 0x9A)
                    ) && ends_with_pipe_by_char(l)
                }
            };
            c.lines += usize::from(non_empty);
            c.pipe_lines += usize::from(ends_with_pipe);
            c.tab_lines += usize::from(lb.first() == Some(&b'\t'));
        };
        let mut line_start = 0usize;
        let mut line_at = |nl: usize| {
            count_line(t.get(line_start..nl).unwrap_or(""));
            line_start = nl + 1;
        };
        // The line feeds found by the AVX2 searcher built once, where the processor has it,
        // rather than through `memchr_iter`, whose every step looks up the searcher to use
        // and builds it again (more than a short line's own tests).
        #[cfg(target_arch = "x86_64")]
        let avx2 = memchr::arch::x86_64::avx2::memchr::One::new(b'\n');
        #[cfg(not(target_arch = "x86_64"))]
        let avx2: Option<memchr::arch::all::memchr::One> = None;
        match avx2 {
            Some(one) => one.iter(bytes).for_each(&mut line_at),
            None => memchr::memchr_iter(b'\n', bytes).for_each(&mut line_at),
        }
        if line_start < bytes.len() {
            count_line(t.get(line_start..).unwrap_or(""));
        }
        // A `|` every few bytes in a pipe table: counted by memchr's vectorised count (its
        // iterator's `count`), not found one by one (a `memchr` call a pipe cost more than the
        // rest of the pass).
        c.pipes = memchr::memchr_iter(b'|', bytes).count();
        // In every rule the second and third bytes after the `|` are dashes: only a table
        // holding such a `|` looks at what follows its pipes. The test is a loop without an
        // early exit over three views of the bytes, in byte lanes (`-` is a common blank cell,
        // so a search for `--` would stop at many false candidates).
        let n = bytes.len().saturating_sub(3);
        let (b0, b2, b3) = (
            bytes.get(..n).unwrap_or_default(),
            bytes.get(2..n + 2).unwrap_or_default(),
            bytes.get(3..n + 3).unwrap_or_default(),
        );
        let ruled = c.pipes > 0
            && b0.iter().zip(b2).zip(b3).fold(0u8, |acc, ((&p, &x), &y)| {
                acc | u8::from((p == b'|') & (x == b'-') & (y == b'-'))
            }) != 0;
        if ruled {
            c.markdown = memchr::memchr_iter(b'|', bytes).any(|p| {
                let after = bytes.get(p + 1..).unwrap_or_default();
                after.starts_with(b"---") || after.starts_with(b" ---") || after.starts_with(b":--")
            });
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_fragment_is_forty_characters_at_most_not_counting_white_space_and_bars() {
        let forty = format!("| {} \n|\t{}\u{3000}", "字".repeat(20), "1".repeat(20));
        assert!(!more_than_a_fragment(""));
        assert!(!more_than_a_fragment(&forty));
        assert!(!more_than_a_fragment(&format!("{forty} | \n")));
        assert!(more_than_a_fragment(&format!("{forty}字")));
        assert!(more_than_a_fragment(&format!("{forty}||a")));
        // A long tail is told without reading it all.
        assert!(more_than_a_fragment(&" | 1".repeat(1 << 20)));
    }

    /// The rows `descs` of a generated table, each drawn as `(how, values)`: with its numbering
    /// (`how` 0), without it (1 or 2) or left out (3), its first key, then its values, each
    /// after `sep`, and `end`; rows past those drawn are printed whole with no values.
    fn push_rows(
        t: &mut String,
        descs: &[crate::template::RowDesc],
        rows: &[(usize, Vec<&str>)],
        sep: &str,
        end: &str,
    ) {
        let none = (0, Vec::new());
        for (d, (how, vals)) in descs
            .iter()
            .zip(rows.iter().chain(std::iter::repeat(&none)))
        {
            if *how == 3 {
                continue;
            }
            if *how == 0 {
                if let Some(n) = d.number {
                    t.push_str(n);
                }
            }
            t.push_str(d.keys.first().copied().unwrap_or(""));
            for v in vals {
                t.push_str(sep);
                t.push_str(v);
            }
            t.push_str(end);
        }
    }

    /// [`find_row_label`] searching every key over the whole range: the reference for the search
    /// bounded by the best anchor so far.
    fn find_row_label_unbounded(
        text: &str,
        from: usize,
        to: usize,
        d: &RowDesc,
        number_required_first: bool,
    ) -> Option<Anchor> {
        let passes: &[bool] = if number_required_first && d.number.is_some() {
            &[true, false]
        } else {
            &[false]
        };
        for &need_number in passes {
            let mut best: Option<Anchor> = None;
            for key in d.keys {
                let short = key.chars().count() < 3;
                if short && !need_number && d.number.is_some() {
                    continue;
                }
                let mut search = from;
                while let Some((s, e)) = find_label(text, search, to, key) {
                    let ext = d.number.and_then(|n| extend_number(text, s, n));
                    if need_number && ext.is_none() {
                        search = s + key.chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                    let a = Anchor {
                        start: ext.unwrap_or(s),
                        end: e,
                    };
                    if best.is_none_or(|b| a.start < b.start) {
                        best = Some(a);
                    }
                    break;
                }
            }
            if best.is_some() {
                return best;
            }
        }
        None
    }

    /// [`fill_row`] as first written: every column absent, then the items read written over the
    /// leading ones: the reference the cells built in order are tested against.
    fn fill_row_reference<'i, M: MapFn + ?Sized>(
        ctx: &Ctx<'_, '_, M>,
        cols: &[Col],
        read: impl Iterator<Item = &'i Item>,
    ) -> Vec<Cell> {
        let mut cells: Vec<Cell> = cols.iter().map(|c| Cell::absent(c.label)).collect();
        for (i, it) in read.enumerate() {
            if let (Some(slot), Some(col)) = (cells.get_mut(i), cols.get(i)) {
                *slot = cell_from_item(ctx, col, it, None);
            }
        }
        cells
    }

    /// [`LayoutCounts::of`] as first written (`str::lines`, `trim`, substring searches): the
    /// reference the byte-level pass is tested against.
    fn layout_counts_reference(t: &str) -> LayoutCounts {
        let (mut lines, mut pipe_lines, mut tab_lines) = (0usize, 0usize, 0usize);
        for l in t.lines() {
            lines += usize::from(!l.trim().is_empty());
            pipe_lines += usize::from(l.trim_end().ends_with('|'));
            tab_lines += usize::from(l.starts_with('\t'));
        }
        LayoutCounts {
            lines,
            pipe_lines,
            tab_lines,
            pipes: t.matches('|').count(),
            markdown: t.contains("|---") || t.contains("| ---") || t.contains("|:--"),
        }
    }

    /// The label `find_row_label` finds and the one the search of every key finds, as spans.
    type Found = Option<(usize, usize)>;
    fn found_and_searched(
        t: &str,
        from: usize,
        to: usize,
        d: &RowDesc,
        req: bool,
    ) -> (Found, Found) {
        let span = |a: Option<Anchor>| a.map(|a| (a.start, a.end));
        (
            span(find_row_label(t, from, to, d, req)),
            span(find_row_label_unbounded(t, from, to, d, req)),
        )
    }

    /// Every row whose label `find_row_label` looks for: tables 3 and 2 of both templates.
    fn label_rows() -> impl Iterator<Item = &'static RowDesc> {
        [Template::V2019, Template::V2021]
            .into_iter()
            .flat_map(|tpl| {
                template::table3(tpl)
                    .iter()
                    .chain(template::table2(tpl).iter().flat_map(|b| b.rows.iter()))
            })
    }

    /// Table text of [`label_text`] with up to eight of `extra` inserted at character offsets,
    /// and a range in it: from a character to a few bytes before its end, moved on to a
    /// character boundary.
    fn pieced_text(extra: Vec<&'static str>) -> impl Strategy<Value = (String, usize, usize)> {
        (
            label_text(),
            prop::collection::vec(prop::sample::select(extra), 0..8),
            prop::collection::vec(0usize..200, 0..8),
            0usize..80,
            0usize..40,
        )
            .prop_map(|(mut t, extra, at, from, cut)| {
                for (p, k) in extra.iter().zip(at.iter().chain(std::iter::repeat(&0))) {
                    let i = t.char_indices().map(|(i, _)| i).nth(*k).unwrap_or(t.len());
                    t.insert_str(i, p);
                }
                let from = t
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(from)
                    .unwrap_or(t.len());
                let to = t.len().saturating_sub(cut);
                let to = (to..=t.len())
                    .find(|&i| t.is_char_boundary(i))
                    .unwrap_or(t.len());
                (t, from, to)
            })
    }

    /// Table text built from the template's keys, numberings, blanks and values.
    fn label_text() -> impl Strategy<Value = String> {
        let mut pieces: Vec<&'static str> = vec![
            " ",
            "  ",
            "\t",
            "\n",
            "\u{3000}",
            "- 5 -\n",
            "Page 5 of 9\n",
            "1",
            "2",
            "3",
            "1.",
            "2、",
            "(",
            ")",
            "(三)",
            "(一)",
            "一、",
            "三、",
            "、",
            ".",
            "，",
            "0",
            "12",
            "|",
            "属于",
            "其他",
            "危及\"",
            "”",
        ];
        for tpl in [Template::V2019, Template::V2021] {
            for d in template::table3(tpl) {
                pieces.extend(d.keys.iter().copied());
            }
        }
        prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|v| v.concat())
    }

    #[test]
    fn every_block_header_is_article_20_and_its_short_form() {
        for b in template::T2_2019.iter().chain(template::T2_2021) {
            let numeral = b
                .short
                .strip_prefix("第(")
                .and_then(|r| r.strip_suffix(")项"))
                .unwrap_or_default();
            assert_eq!(numeral.chars().count(), 1, "{}", b.short);
            assert!(
                ["一", "五", "六", "八", "九"].contains(&numeral),
                "{}",
                b.short
            );
            assert_eq!(b.header, ["第二十条", b.short].concat());
        }
    }

    #[test]
    fn no_key_of_the_template_opens_with_a_character_passed_over_before_a_label() {
        for d in label_rows() {
            assert!(opens_after_numbering(d), "{}", d.path);
        }
    }

    #[test]
    fn no_key_of_the_template_holds_a_character_skipped_between_a_label_s_characters() {
        for d in label_rows() {
            for key in d.keys {
                assert!(!crate::scan::has_skippable(key), "{key}");
            }
        }
    }

    #[test]
    fn every_row_s_keys_open_with_at_most_three_characters_of_three_bytes() {
        // What lets `row_label_next` find every row's label by one `memchr3`: a row breaking
        // it is searched for instead, which costs a table some thousands of instructions.
        for d in label_rows() {
            let mut firsts: Vec<char> = Vec::new();
            for key in d.keys {
                let c = key.chars().next().unwrap_or('\0');
                assert_eq!(c.len_utf8(), 3, "{key}");
                if !firsts.contains(&c) {
                    firsts.push(c);
                }
            }
            assert!(firsts.len() <= 3, "{}", d.path);
        }
    }

    #[test]
    fn a_range_holding_no_key_is_told_without_the_search() {
        // A page whose table was lost leaves each row a range of a few bytes, or of prose: no
        // key opens in it, which is told by the pass that finds keys, not by a search of each.
        for t in [
            "\n",
            "凡本网注明稿件来源的所有文字、图片和音视频稿件，版权均属本网所有。\n",
        ] {
            for d in label_rows() {
                for required in [false, true] {
                    assert!(
                        matches!(
                            row_label_next(t, 0, t.len(), d, required, key_firsts(d, required)),
                            Some(None)
                        ),
                        "{}",
                        d.path
                    );
                    assert!(find_row_label_unbounded(t, 0, t.len(), d, required).is_none());
                }
            }
        }
        // Past the window, a key may still occur: the caller searches.
        let long = format!("{}予以公开", "x".repeat(NEXT_LABEL_WINDOW));
        let d = label_rows()
            .find(|d| d.path.ends_with("（一）予以公开"))
            .expect("row");
        assert!(row_label_next(&long, 0, long.len(), d, false, key_firsts(d, false)).is_none());
        assert!(find_row_label(&long, 0, long.len(), d, false).is_some());
    }

    #[test]
    fn a_label_after_a_group_label_a_remark_or_a_header_is_found_without_the_search() {
        let t3 = template::table3(Template::V2021);
        let t2 = template::table2(Template::V2021);
        let row = |p: &str| {
            t3.iter()
                .chain(t2.iter().flat_map(|b| b.rows.iter()))
                .find(|d| d.path.ends_with(p))
                .copied()
        };
        let cases = [
            (" | 0 | 0 |\n| 三、本年度办理结果 | (一)予以公开 | 1 |", "（一）予以公开", true),
            (
                "(区分处理的,只计这一情形,不计其他情形) | 0 |\n| (三)不予公开 | 1.属于国家秘密 | 0 |",
                "1.属于国家秘密",
                true,
            ),
            (
                "(区分处理的,只计这一情形,不计其他情形) | 0 |\n| (三)不予公开 | 1.属于国家秘密 | 0 |",
                "（三）不予公开",
                true,
            ),
            (
                "\t0\n\t0\n\n\t(六)其他处理\n\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n\t0",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                true,
            ),
            (
                " |\n| 信息内容 | 本年处理决定数量 |\n| 行政处罚 | 0 |",
                "行政处罚",
                false,
            ),
        ];
        for (t, path, required) in cases {
            let d = row(path).unwrap_or_else(|| panic!("{path}"));
            let got = row_label_next(t, 0, t.len(), &d, required, key_firsts(&d, required))
                .flatten()
                .map(|a| (a.start, a.end));
            let want =
                find_row_label_unbounded(t, 0, t.len(), &d, required).map(|a| (a.start, a.end));
            assert!(got.is_some(), "{path}");
            assert_eq!(got, want, "{path}");
        }
    }

    /// Table 3's and table 2's rows' first characters computed when the program is built are
    /// those the search computed at each call, and no row past the template's holds any.
    #[test]
    fn the_key_firsts_built_with_the_program_are_those_computed_at_the_search() {
        for (tpl, built) in [
            (Template::V2019, &T3_KEY_FIRSTS[0]),
            (Template::V2021, &T3_KEY_FIRSTS[1]),
        ] {
            let descs = template::table3(tpl);
            for (i, d) in descs.iter().enumerate() {
                assert_eq!(built[i], key_firsts_reference(d, true), "{}", d.path);
                assert!(built[i].is_some_and(|f| f.n > 0), "{}", d.path);
                assert_eq!(built_key_firsts(&T3_KEY_FIRSTS, tpl, i, d, true), built[i]);
            }
            assert!(built[descs.len()..].iter().all(Option::is_none));
            let rows: Vec<&RowDesc> = template::table2(tpl)
                .iter()
                .flat_map(|b| b.rows.iter())
                .collect();
            let built_t2 = &T2_KEY_FIRSTS[usize::from(tpl == Template::V2021)];
            for (i, d) in rows.iter().enumerate() {
                assert_eq!(built_t2[i], key_firsts_reference(d, false), "{}", d.path);
                assert!(built_t2[i].is_some_and(|f| f.n > 0), "{}", d.path);
                assert_eq!(
                    built_key_firsts(&T2_KEY_FIRSTS, tpl, i, d, false),
                    built_t2[i]
                );
            }
            assert!(built_t2[rows.len()..].iter().all(Option::is_none));
        }
        for d in label_rows() {
            for required in [false, true] {
                assert_eq!(key_firsts(d, required), key_firsts_reference(d, required));
            }
        }
    }

    /// The orders the marks are looked for in name each mark once.
    #[test]
    fn the_mark_orders_are_permutations() {
        for (order, n) in [
            (&ORDER_2019, MARKS_2019.len()),
            (&ORDER_2021, MARKS_2021.len()),
        ] {
            let mut seen = order.to_vec();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    proptest! {
        #[test]
        fn key_firsts_as_a_const_fn_are_the_firsts_found_as_first_written(
            keys in proptest::collection::vec(
                proptest::sample::select(vec![
                    "本年新收", "本年", "本", "上年结转", "上年", "予以公开", "予以", "不予公开",
                    "不予处理", "部分公开", "危及“三安", "危及", "“三安", "属于国家秘密", "a本年",
                    "ab", "é本年", "éé", "𠀀本年", "", "其他", "其他处理", "无法提供", "无法",
                ]),
                0..7,
            ),
            number in proptest::option::of(proptest::sample::select(vec!["一", "(三)", "1"])),
            required in any::<bool>(),
        ) {
            let keys: &'static [&'static str] = Box::leak(keys.into_boxed_slice());
            let d = RowDesc {
                path: "p",
                keys,
                number,
                role: RowRole::Data,
                parent: None,
                cols: T3_COLS,
            };
            prop_assert_eq!(key_firsts(&d, required), key_firsts_reference(&d, required));
        }
    }

    #[cfg(feature = "html")]
    #[test]
    fn the_figures_after_a_rows_text_are_those_that_end_their_lines() {
        let f = |t: &'static str, lines: Option<usize>, max: usize| -> Vec<&'static str> {
            figures_after_text(t, 0, t.len(), lines, max)
                .iter()
                .filter_map(|&(a, b)| t.get(a..b))
                .collect()
        };
        let none: Vec<&str> = Vec::new();
        assert_eq!(f("\n本 年      0\n度 办 （二）", Some(3), 9), ["0"]);
        let rest = "\n息公开申请数量\n\n0\n\n0 2 0 4 70\n";
        assert_eq!(f(rest, None, 9), ["0", "0", "2", "0", "4", "70"]);
        // More than asked for: none.
        assert_eq!(f(rest, None, 5), none);
        // A page header's year, a count with its unit, a numbering: not alone at a line's end.
        assert_eq!(f("\n12/7/26, 9:54 AM 平潭 2021 年度报告\n", None, 9), none);
        assert_eq!(f("\n其中 5件\n3. 属于\n", None, 9), none);
        // A page marker, a pipe table.
        assert_eq!(f("\n- 5 -\n第 3 页\n", None, 9), none);
        assert_eq!(f("\n 0 | 1\n", None, 9), none);
        // Three lines below the values' line, not four.
        assert_eq!(f("\na\nb\n 7\n", Some(3), 9), ["7"]);
        assert_eq!(f("\na\nb\nc\n 7\n", Some(3), 9), none);
        // The rest of the values' line counts from its first character.
        assert_eq!(f("7 件\n", None, 9), none);
        assert_eq!(f(" 件 7\n", None, 9), ["7"]);
    }

    #[test]
    fn table_4s_header_ends_past_a_label_wrapped_beside_another_columns_word() {
        // `复议后起诉` wrapped beside `尚未审结`, printed left of its rest by `pdftotext -layout`.
        let t = "总计       复议\n尚未审结   后起诉\n  1  0";
        let rest = t.find("后起诉").map(|a| a + "后起诉".len());
        let own = t.find("尚未审结").map(|a| a + "尚未审结".len());
        let want = if cfg!(feature = "html") { rest } else { own };
        for want_start in [false, true] {
            assert_eq!(
                t4_header::<false>(t, 0, t.len(), want_start),
                (Some(0), want)
            );
            assert_eq!(
                t4_header::<true>(t, 0, t.len(), want_start),
                (Some(0), want)
            );
        }
    }

    proptest! {
        #[test]
        fn a_label_search_bounded_by_the_best_anchor_finds_what_the_full_search_finds(
            t in label_text(),
            required in any::<bool>(),
        ) {
            for d in label_rows() {
                let (got, want) = found_and_searched(&t, 0, t.len(), d, required);
                prop_assert_eq!(got, want, "{}", d.path);
            }
        }

        #[test]
        fn a_label_cut_by_the_end_of_its_range_is_found_as_the_search_finds_it(
            pre in prop::sample::select(vec!["", " | 0 | 1 |\n| ", "1.", "2、", "(三)", "四、"]),
            cut in 0usize..16,
            required in any::<bool>(),
        ) {
            for d in label_rows() {
                for key in d.keys {
                    let t = format!("{pre}{key} | 0");
                    let to = (pre.len() + key.len()).saturating_sub(cut);
                    let to = (0..=to).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                    let (got, want) = found_and_searched(&t, 0, to, d, required);
                    prop_assert_eq!(got, want, "{} {}", d.path, key);
                }
            }
        }

        #[test]
        fn a_label_verified_where_the_values_end_is_the_label_the_search_finds(
            (t, from, to) in pieced_text(vec![
                "(二)", "(六)", "(七)", "四", "四、", "五、", "二", "一", "第 3 页\n", "Page 3\n", "．", "，",
                "\u{a0}", "\u{2028}", "区分处理的", "| 0 | 0 |\n", "\t7\n", " 0  |\n", "x",
                "5.", "(三) ", "( 三 )", "国家秘密", "本年", "总计", "部分公开",
            ]),
            required in any::<bool>(),
        ) {
            // Pieces the key list lacks, inserted at character offsets of the table text.
            for d in label_rows() {
                let (got, want) = found_and_searched(&t, from, to, d, required);
                prop_assert_eq!(got, want, "{}", d.path);
            }
        }

        #[test]
        fn a_label_found_past_other_labels_is_the_label_verified_where_the_values_end(
            (t, from, to) in pieced_text(vec![
                "三、本年度办理结果", "(区分处理的,只计这一情形,不计其他情形)", "信息内容",
                "本列数据", "| 0 | 0 |\n", "\t7\n", "(二)", "四、", "x", "第 3 页\n", "本年",
                "其他", "三类", "不予", "申请人", "行政", "规范", "总计", "\u{a0}",
            ]),
            required in any::<bool>(),
        ) {
            // Where the label at the first character that can open a key answered, the first
            // key found past the characters that open none answers the same.
            for d in label_rows() {
                let told = row_label_next(&t, from, to, d, required, key_firsts(d, required));
                let got = told.flatten().map(|a| (a.start, a.end));
                let want = find_row_label_unbounded(&t, from, to, d, required)
                    .map(|a| (a.start, a.end));
                // Told: found, or no key in the range; either is the search's answer.
                if told.is_some() {
                    prop_assert_eq!(got, want, "{}", d.path);
                }
                if let Some(old) = row_label_next_by_char(&t, from, to, d, required) {
                    prop_assert_eq!(got, Some((old.start, old.end)), "{}", d.path);
                }
            }
        }

        #[test]
        fn a_label_at_the_end_of_the_window_is_found_as_the_search_finds_it(
            fill in prop::sample::select(vec!["本列", "| 0 ", "其他 ", "信息", "x"]),
            pad in 0usize..8,
            pre in prop::sample::select(vec!["", "1.", "(三)", "四、", " | "]),
            cut in 0usize..6,
            required in any::<bool>(),
        ) {
            // A key beginning, ending or cut just before, at and past the last byte looked at.
            for d in label_rows() {
                for key in d.keys {
                    let mut t = String::new();
                    while t.len() + pre.len() + key.len() < NEXT_LABEL_WINDOW - 4 + pad {
                        t.push_str(fill);
                    }
                    t.push_str(pre);
                    t.push_str(key);
                    t.push_str(" | 0");
                    let to = t.len().saturating_sub(cut);
                    let to = (0..=to).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                    let (got, want) = found_and_searched(&t, 0, to, d, required);
                    prop_assert_eq!(got, want, "{} {}", d.path, key);
                }
            }
        }

        #[test]
        fn a_label_broken_by_white_space_is_found_where_it_is_broken(
            pre in prop::sample::select(vec![
                "", " | 0 | 1 |\n| ", "三、本年度办理结果 | ", "(三)", "1.", "本列数据 | ",
            ]),
            gap in prop::sample::select(vec![" ", "\n", "\u{3000}", "\n- 5 -\n", "  \t", "\u{a0}"]),
            at in 1usize..8,
            required in any::<bool>(),
        ) {
            // The key broken by what the match skips (or by what it does not), then printed as
            // is further on: the broken one is the first occurrence when the match takes it.
            for d in label_rows() {
                for key in d.keys {
                    let i = key.char_indices().map(|(i, _)| i).nth(at).unwrap_or(key.len());
                    let t = format!(
                        "{pre}{}{gap}{} | 0 | {pre}{key} | 1",
                        key.get(..i).unwrap_or_default(),
                        key.get(i..).unwrap_or_default(),
                    );
                    let got = find_row_label(&t, 0, t.len(), d, required)
                        .map(|a| (a.start, a.end));
                    let want = find_row_label_unbounded(&t, 0, t.len(), d, required)
                        .map(|a| (a.start, a.end));
                    prop_assert_eq!(got, want, "{} {:?}", d.path, t);
                }
            }
        }

        #[test]
        fn a_break_found_in_the_bytes_is_a_break_found_in_the_characters(
            parts in prop::collection::vec(prop::sample::select(vec![
                "|", "\n", "\t", "\r", " ", "\u{3000}", "｜", "1", "23", "本年", "x", "\u{2028}",
                "\u{85}", "\u{b}", "丨",
            ]), 0..24),
        ) {
            let t = parts.concat();
            prop_assert_eq!(has_break(&t), has_break_by_char(&t));
            prop_assert_eq!(has_break(t.trim()), has_break_by_char(t.trim()));
        }

        /// [`short_row_message`] against the `format!` it replaces, over paths of any
        /// characters, counts of one to three digits, each way of telling the blank cells and
        /// rows of any blank columns of every table.
        #[test]
        fn a_short_rows_message_is_the_one_format_wrote(
            path in "[a-z0-9、/（）`一二三 ]{0,16}",
            k in prop_oneof![0usize..12, 0usize..1000],
            n in prop_oneof![0usize..16, 0usize..1000],
            blanks in prop::collection::vec(any::<bool>(), 0..20),
            which in 0usize..3,
            how in prop::sample::select(vec![
                "the empty cells are read as blank",
                "no value was found",
                "every cell is empty",
                "the values are placed in the leading columns; which cell is missing cannot be told",
            ]),
        ) {
            let (kind, cols) = match which {
                0 => (TableKind::Applications, T3_COLS),
                1 => (TableKind::ReviewLitigation, T4_COLS),
                _ => (TableKind::ActiveDisclosure, &T3_COLS[..3]),
            };
            let cells: Vec<Cell> = cols
                .iter()
                .cycle()
                .zip(&blanks)
                .map(|(col, &blank)| Cell {
                    value: (!blank).then_some(Number::Int(1)),
                    ..Cell::absent(col.label)
                })
                .collect();
            prop_assert_eq!(
                short_row_message(kind, &path, k, n, how, &cells),
                short_row_message_formatted(kind, &path, k, n, how, &cells)
            );
        }

        #[test]
        fn a_row_of_values_only_is_read_as_first_written(
            vals in prop::collection::vec(prop::sample::select(vec![
                "1", "23", "-", "无", "1.5", "2万元", "-4", "0", "12345678901234567890",
            ]), 0..10),
            sep in prop::sample::select(vec![" ", " | ", "\n", "\t", "|"]),
            which in 0usize..3,
        ) {
            // Values only, as many as the columns (most rows), fewer or more.
            let t = vals.join(sep);
            let items = crate::cells::region_items(&t, 0, t.len());
            let map = |s: usize, e: usize| Span::new(s + 7, e + 7);
            let budget = Budget { steps: 1000, max_readings: 64 };
            let mut ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let mut want_ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let cols = match which {
                0 => T3_COLS,
                1 => T4_COLS,
                _ => &T3_COLS[..3],
            };
            let kind = TableKind::Applications;
            let got = read_row(&mut ctx, kind, "row", cols, &items, None);
            let want = read_row_reference(&mut want_ctx, kind, "row", cols, &items, None);
            prop_assert_eq!(got.cells, want.cells);
            prop_assert_eq!(ctx.diags, want_ctx.diags);
        }

        #[test]
        fn a_row_read_with_its_values_counted_once_is_the_row_read_as_first_written(
            parts in prop::collection::vec(prop::sample::select(vec![
                "|", " ", "\n", "1", "23", "-", "无", "1.5", "2万元", "-4", "x", "本年",
                "12345678901234567890", "1234567890123456789012345", "| |", "(一)",
            ]), 0..48),
            skip in 0usize..4,
            which in 0usize..3,
        ) {
            let t = parts.concat();
            let items = crate::cells::region_items(&t, 0, t.len());
            let items = items.get(skip.min(items.len())..).unwrap_or_default();
            let map = |s: usize, e: usize| Span::new(s + 7, e + 7);
            let budget = Budget { steps: 1000, max_readings: 64 };
            let mut ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let mut want_ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let (kind, cols) = match which {
                0 => (TableKind::Applications, T3_COLS),
                1 => (TableKind::ReviewLitigation, T4_COLS),
                _ => (TableKind::ActiveDisclosure, &T3_COLS[..3]),
            };
            let span = Some(Span::new(1, 3));
            let got = read_row(&mut ctx, kind, "row", cols, items, span);
            let want = read_row_reference(&mut want_ctx, kind, "row", cols, items, span);
            prop_assert_eq!(got.cells, want.cells);
            prop_assert_eq!(ctx.diags, want_ctx.diags);
        }

        #[test]
        fn a_row_filled_in_order_is_the_row_written_over_absent_cells(
            parts in prop::collection::vec(prop::sample::select(vec![
                "|", " ", "\n", "1", "23", "-", "无", "1.5", "2万元", "3元", "-4", "x", "本年",
                "12345678901234567890", "| |",
            ]), 0..40),
            skip in 0usize..4,
            which in 0usize..3,
        ) {
            let t = parts.concat();
            let items = crate::cells::region_items(&t, 0, t.len());
            let map = |s: usize, e: usize| Span::new(s + 7, e + 7);
            let budget = Budget { steps: 1000, max_readings: 64 };
            let ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            // Every kind of value: the units and the integer reading of decimals differ by kind.
            let mixed = [
                Col { label: "a", kind: ValueKind::AmountWanYuan, key: "" },
                Col { label: "b", kind: ValueKind::Signed, key: "" },
                Col { label: "c", kind: ValueKind::Amount, key: "" },
                Col { label: "d", kind: ValueKind::Count, key: "" },
                Col { label: "e", kind: ValueKind::AmountWanYuan, key: "" },
            ];
            let cols: &[Col] = match which {
                0 => T3_COLS,
                1 => T4_COLS,
                _ => &mixed,
            };
            let read = || items.iter().skip(skip).filter(|i| i.is_content() || i.kind == ItemKind::Empty);
            prop_assert_eq!(fill_row(&ctx, cols, read()), fill_row_reference(&ctx, cols, read()));
            let content = || items.iter().skip(skip).filter(|i| i.is_content());
            prop_assert_eq!(fill_row(&ctx, cols, content()), fill_row_reference(&ctx, cols, content()));
        }

        #[test]
        fn table_4_read_with_its_cells_moved_is_table_4_read_with_them_copied(
            parts in prop::collection::vec(prop::sample::select(vec![
                "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
                "其他结果", "尚未审结", "总计", "|", " | ", " ", "\n", "\t", "0", "1", "12", "3",
                "123456", "1234567890123", "-", "无", "x",
            ]), 0..48),
            tpl in prop::sample::select(vec![None, Some(Template::V2019), Some(Template::V2021)]),
            from in prop::option::weighted(0.2, 0usize..40),
        ) {
            let t = parts.concat();
            let from = from.unwrap_or(0);
            let map = |s: usize, e: usize| Span::new(s + 1, e + 2);
            let budget = Budget { steps: 2000, max_readings: 16 };
            let mut ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let mut want_ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let got = table4(&mut ctx, tpl, from, t.len());
            let want = table4_reference(&mut want_ctx, tpl, from, t.len());
            // Each group's cells carry table 4's five labels in order (told apart from the
            // reference, which reads the same columns).
            let labels: Vec<&str> = T4_COLS.iter().map(|c| c.label).collect();
            for r in got.iter().flat_map(|t| t.rows.iter()) {
                let read: Vec<&str> = r.cells.iter().map(|c| c.column.as_ref()).collect();
                prop_assert_eq!(&read, &labels);
            }
            prop_assert_eq!(got, want);
            prop_assert_eq!(ctx.diags, want_ctx.diags);
            prop_assert_eq!(ctx.cells_read, want_ctx.cells_read);
        }

        /// Table 4 read by its three groups (group 1's values checked before the third key is
        /// looked for) is the groups read in the order first written, on texts of the three keys
        /// (each maybe missing or repeated) with three to seven values behind each, and header
        /// words among them.
        #[test]
        fn table_4_groups_checked_one_by_one_are_the_groups_read_together(
            groups in prop::collection::vec(
                (
                    prop::option::weighted(0.2, prop::sample::select(vec![
                        "行政复议", "未经复议直接起诉", "复议后起诉", "", "总计", "尚未审结",
                    ])),
                    prop::collection::vec(
                        prop::sample::select(vec![" 0", " 12", " 7", " 3 ", " -", " 无"]),
                        4..7,
                    ),
                    prop::option::weighted(
                        0.3,
                        prop::sample::select(vec![" |", "\n", " 总计", " 尚未审结", " 复议后起诉"]),
                    ),
                ),
                2..5,
            ),
            from in prop::option::weighted(0.2, 0usize..40),
        ) {
            // The keys in their order, each maybe replaced by another key, a header word or
            // nothing, and followed by four to six values (a header word or a separator maybe
            // before them).
            let keys = ["行政复议", "未经复议直接起诉", "复议后起诉"];
            let mut t = String::new();
            for (i, (key, values, extra)) in groups.iter().enumerate() {
                t.push_str(key.unwrap_or_else(|| keys.get(i).copied().unwrap_or("复议后起诉")));
                t.push_str(extra.unwrap_or(""));
                t.push_str(&values.concat());
            }
            let from = (0..=from.unwrap_or(0).min(t.len()))
                .rev()
                .find(|&k| t.is_char_boundary(k))
                .unwrap_or(0);
            let map = |s: usize, e: usize| Span::new(s + 1, e + 2);
            let budget = Budget { steps: 2000, max_readings: 16 };
            let mut ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let mut want_ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            let got = table4_grouped::<false, _>(&mut ctx, from, t.len());
            let want = table4_grouped::<true, _>(&mut want_ctx, from, t.len());
            prop_assert_eq!(got, want);
            prop_assert_eq!(ctx.diags, want_ctx.diags);
            prop_assert_eq!(ctx.cells_read, want_ctx.cells_read);
        }

        #[test]
        fn the_first_byte_beyond_ascii_read_by_words_is_the_byte_found_one_by_one(
            b in prop::collection::vec(prop_oneof![12 => 0u8..0x80, 1 => 0x80u8..=0xff], 0..48),
        ) {
            prop_assert_eq!(first_non_ascii(&b), first_non_ascii_by_byte(&b));
        }

        #[test]
        fn table_4_header_bounds_searched_past_the_last_end_are_those_of_every_occurrence(
            parts in prop::collection::vec(prop::sample::select(vec![
                "总计", "尚未审结", "复议后起诉", "未经复议直接起诉", "总", "计", "尚未审", "审结",
                "起诉", "复议", "后起诉", "直接起诉", "行政复议", "结果维持", "|", " | ", " ",
                "\n", "\u{3000}", "\n- 5 -\n", "\n第 3 页\n", "\nPage 3 of 8\n", "0", "12", "-",
            ]), 0..40),
            bounds in (0usize..200, 0usize..200),
            want_start: bool,
        ) {
            let t = parts.concat();
            let at = |i: usize| (0..=i.min(t.len())).rev().find(|&k| t.is_char_boundary(k)).unwrap_or(0);
            let (from, to) = (at(bounds.0.min(bounds.1)), at(bounds.0.max(bounds.1)));
            let got = t4_header::<false>(&t, from, to, want_start);
            let want = t4_header::<true>(&t, from, to, true);
            prop_assert_eq!(got.1, want.1);
            if want_start {
                prop_assert_eq!(got.0, want.0);
            }
            // The range cut at its last character beyond ASCII answers as the whole range did.
            prop_assert_eq!(got, t4_header_in::<false>(&t, from, to, want_start));
        }

        #[test]
        fn the_last_byte_beyond_ascii_read_by_words_is_the_byte_found_one_by_one(
            b in prop::collection::vec(prop_oneof![12 => 0u8..0x80, 1 => 0x80u8..=0xff], 0..48),
            from in 0usize..56,
            to in 0usize..56,
        ) {
            let want = b
                .get(from..to.min(b.len()))
                .and_then(|h| h.iter().rposition(|&x| x >= 0x80))
                .map_or(from, |p| from + p + 1);
            prop_assert_eq!(wide_end(&b, from, to), want);
        }

        #[test]
        fn a_label_borrowed_from_the_template_is_the_label_copied(
            parts in prop::collection::vec(prop::sample::select(vec![
                "1.属于国家秘密", "(一)予以公开", "(七)总计", "总计", "计", "(七)", "(", ")", "（",
                "七", "一、本年新收政府信息公开申请数量", "规章", "规范性文件", "行政规范性文件",
                "其他对外管理", "服务事项", "行政复议", "未经复议直接起诉", "3.其他", "其他", " ",
                "\n", "\t", "\u{3000}", "/", "a", "(三)不予公开/1.属于国家秘密", "",
            ]), 0..8),
            path_at in 0usize..64,
            (i, j) in (0usize..9, 0usize..9),
            raw in prop::option::weighted(0.2, (0usize..120, 0usize..120)),
        ) {
            let paths: Vec<&'static str> = template::T3_2019
                .iter()
                .chain(template::T3_2021)
                .map(|d| d.path)
                .chain(template::T2_2019.iter().chain(template::T2_2021).flat_map(|b| b.rows.iter().map(|d| d.path)))
                .chain(T4_ROWS.iter().copied())
                .chain(["", "(七)总计", "a/(一)予以公开"])
                .collect();
            let path = paths.get(path_at % paths.len()).copied().unwrap_or("");
            let t = parts.concat();
            // Anchors at piece boundaries (always on a character boundary), or anywhere.
            let mut bounds = vec![0usize];
            for p in &parts {
                bounds.push(bounds.last().copied().unwrap_or(0) + p.len());
            }
            let (s, e) = raw.unwrap_or((
                bounds.get(i.min(j)).copied().unwrap_or(0),
                bounds.get(i.max(j)).copied().unwrap_or(t.len()),
            ));
            let map = |s: usize, e: usize| Span::new(s + 3, e + 5);
            let budget = Budget { steps: 10, max_readings: 4 };
            let ctx = Ctx::new(&t, &map, budget, usize::MAX, t.len());
            for a in [Some(Anchor { start: s, end: e }), None] {
                let (label, span) = label_of(&ctx, &a, path);
                let (want, want_span) = label_of_reference(&ctx, &a);
                prop_assert_eq!(label.as_deref(), want.as_deref());
                prop_assert_eq!(span, want_span);
                // A label the path ends with is not copied.
                if let (Some(l), Some(w)) = (&label, &want) {
                    prop_assert_eq!(matches!(l, Cow::Borrowed(_)), path.ends_with(w.as_str()) || (w.starts_with('(') && HALF_WIDTH_LABELS.iter().any(|h| h.ends_with(w.as_str()))));
                }
            }
        }

        #[test]
        fn the_layout_counted_in_bytes_is_the_layout_counted_in_characters(
            parts in prop::collection::vec(prop::sample::select(vec![
                "|", "| ", " |", "|---", "| ---", "|:--", "|--", "-", "\n", "\r\n", "\r", "\t",
                " ", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}", "\u{b}", "\u{c}", "\u{1c}", "1",
                "23", "本年", "（一）", "｜", "x", "\u{1680}", "\u{1681}", "\u{205f}", "\u{2010}",
                "\u{a9}", "|\u{3000}",
            ]), 0..40),
        ) {
            let t = parts.concat();
            prop_assert_eq!(LayoutCounts::of(&t), layout_counts_reference(&t));
        }

        #[test]
        fn the_template_verdict_stopping_early_is_the_verdict_of_every_mark_counted(
            picks in prop::collection::vec((0usize..18, any::<bool>()), 0..16),
            from in 0usize..60,
            cut in 0usize..60,
        ) {
            // Marks of both versions, some printed with a space inside, and filler.
            let t: String = picks
                .iter()
                .map(|&(i, spaced)| {
                    let m = MARKS_2019.iter().chain(MARKS_2021).nth(i).copied().unwrap_or("本年");
                    let mut m = m.to_string();
                    if spaced {
                        if let Some((k, _)) = m.char_indices().nth(2) {
                            m.insert(k, ' ');
                        }
                    }
                    m + "| 1 |"
                })
                .collect();
            let from = t.char_indices().map(|(i, _)| i).nth(from).unwrap_or(t.len());
            let to = t.len().saturating_sub(cut);
            let want = detect_template_counting(&t, from, to);
            prop_assert_eq!(detect_template(&t, from, to), want);
        }

        /// The finders built once look for each mark and for its first character.
        #[test]
        fn the_mark_finders_look_for_the_mark_and_its_first_character(i in 0usize..18) {
            let (f19, f21) = mark_finders();
            let marks = MARKS_2019.iter().chain(MARKS_2021);
            if let (Some(m), Some(f)) = (marks.clone().nth(i), f19.iter().chain(f21).nth(i)) {
                let first = m.chars().next().map_or(0, char::len_utf8);
                prop_assert_eq!(f.0.needle(), m.as_bytes());
                prop_assert_eq!(f.1.needle(), m.as_bytes().get(..first).unwrap_or_default());
            }
            prop_assert_eq!(marks.count(), f19.len() + f21.len());
        }

        /// The lists the tables keep on the stack start where they are asked to (on the heap
        /// from the start for the references, which allocate as first written, else on the
        /// stack until they grow past their room) and hold what a vector holds, emptied and
        /// pushed to again.
        #[test]
        fn a_list_kept_on_the_stack_is_the_list_pushed_to_a_vector(
            xs in prop::collection::vec(0u8..255, 0..12),
            heap: bool,
            n in 0usize..12,
            fill in 0u8..3,
        ) {
            let mut list: SmallVec<[u8; 5]> = stack_list(heap);
            prop_assert_eq!(list.spilled(), heap);
            let mut want = Vec::new();
            for &x in &xs {
                list.push(x);
                want.push(x);
                prop_assert_eq!(list.as_slice(), &want[..]);
            }
            prop_assert_eq!(list.spilled(), heap || xs.len() > 5);
            // Emptied, where it is, and pushed to again.
            list.clear();
            prop_assert_eq!(list.as_slice(), &[] as &[u8]);
            for &x in xs.iter().rev() {
                list.push(x);
            }
            want.reverse();
            prop_assert_eq!(list.as_slice(), &want[..]);
            let filled: SmallVec<[u8; 5]> = stack_filled(n, fill, heap);
            prop_assert_eq!(filled.as_slice(), &vec![fill; n][..]);
            prop_assert_eq!(filled.spilled(), heap || n > 5);
        }

        /// Table 3 read with its lists of rows on the stack is table 3 read with them allocated:
        /// rows of either template (some missing, some without their numbering), their values
        /// on the row, blank, too many or too few, glued or apart, the table flattened or
        /// printed column by column, a header with a 小计 column.
        #[test]
        fn table_3_read_with_its_lists_on_the_stack_is_table_3_read_with_them_allocated(
            tpl in prop::sample::select(vec![Template::V2019, Template::V2021]),
            header in 0usize..3,
            rows in prop::collection::vec(
                (0usize..4, prop::collection::vec(prop::sample::select(vec![
                    "0", "1", "12", "3", "-", "无", "5万元", "1234", "12345678", "123456789012",
                    "x", "|",
                ]), 0..10)),
                0..30,
            ),
            sep in prop::sample::select(vec![" ", " | ", "\t", "\n"]),
            end in prop::sample::select(vec!["\n", " ", ""]),
            blocks in prop::collection::vec(prop::sample::select(vec!["0", "1", "2", "10", "-"]), 0..40),
            from in prop::option::weighted(0.2, 0usize..40),
            cut in prop::option::weighted(0.3, prop_oneof![0usize..5, 0usize..160]),
        ) {
            let descs = template::table3(tpl);
            let mut t = String::new();
            match header {
                0 => t.push_str("本列数据的勾稽关系 申请人情况 自然人 商业企业 科研机构 小计 社会公益组织 法律服务机构 其他 总计\n"),
                1 => t.push_str("申请人情况 自然人 法人或其他组织 总计\n"),
                _ => {}
            }
            push_rows(&mut t, descs, &rows, sep, end);
            for v in &blocks {
                t.push_str(v);
                t.push('\n');
            }
            let from = from.unwrap_or(0).min(t.len());
            let from = (from..=t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(t.len());
            let map = |s: usize, e: usize| Span::new(s + 1, e + 2);
            let budget = Budget { steps: 2000, max_readings: 16 };
            let mut ctx = Ctx::new(&t, &map, budget, 400, t.len());
            let mut want_ctx = Ctx::new(&t, &map, budget, 400, t.len());
            // A range of a few bytes or rows (`cut`), which may end inside a character.
            let to = cut.map_or(t.len(), |c| (from + c).min(t.len()));
            let got = table3(&mut ctx, tpl, from, to);
            let want = table3_reference(&mut want_ctx, tpl, from, to);
            prop_assert_eq!(got, want);
            prop_assert_eq!(ctx.diags, want_ctx.diags);
            prop_assert_eq!(ctx.cells_read, want_ctx.cells_read);
            prop_assert_eq!(
                (ctx.t3_detached, ctx.columns_proven, ctx.rows_proven),
                (want_ctx.t3_detached, want_ctx.columns_proven, want_ctx.rows_proven)
            );
        }
    }

    proptest! {
        /// Table 2 read with its lists of headers and anchors on the stack is table 2 read with
        /// them allocated: the blocks of either template, each with its header (full, short or
        /// missing) and its rows (some missing, some without their numbering), their values on
        /// the row, blank, too many or too few, glued or apart, or printed after the labels.
        #[test]
        fn table_2_read_with_its_lists_on_the_stack_is_table_2_read_with_them_allocated(
            tpl in prop::sample::select(vec![Template::V2019, Template::V2021]),
            blocks in prop::collection::vec(
                (0usize..3, prop::collection::vec(
                    (0usize..4, prop::collection::vec(prop::sample::select(vec![
                        "0", "1", "12", "3", "-", "无", "5万元", "1.5", "1234", "12345678",
                        "123456789012", "x", "|",
                    ]), 0..6)),
                    0..12,
                )),
                0..6,
            ),
            sep in prop::sample::select(vec![" ", " | ", "\t", "\n"]),
            end in prop::sample::select(vec!["\n", " ", ""]),
            tail in prop::collection::vec(prop::sample::select(vec!["0", "1", "2", "10", "-"]), 0..20),
            from in prop::option::weighted(0.2, 0usize..40),
            cut in prop::option::weighted(0.3, prop_oneof![0usize..5, 0usize..160]),
        ) {
            let mut t = String::new();
            for (b, (header, rows)) in template::table2(tpl).iter().zip(blocks.iter().chain(std::iter::repeat(&(0, vec![])))) {
                match header {
                    0 => t.push_str(b.header),
                    1 => t.push_str(b.short),
                    _ => {}
                }
                t.push_str(end);
                push_rows(&mut t, b.rows, rows, sep, end);
            }
            for v in &tail {
                t.push_str(v);
                t.push('\n');
            }
            let from = from.unwrap_or(0).min(t.len());
            let from = (from..=t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(t.len());
            let map = |s: usize, e: usize| Span::new(s + 1, e + 2);
            let budget = Budget { steps: 2000, max_readings: 16 };
            for (detached, proven) in [(false, false), (true, true)] {
                let mut ctx = Ctx::new(&t, &map, budget, 400, t.len());
                let mut want_ctx = Ctx::new(&t, &map, budget, 400, t.len());
                for c in [&mut ctx, &mut want_ctx] {
                    c.t3_detached = detached;
                    c.columns_proven = proven;
                }
                // A range of a few bytes or rows (`cut`), which may end inside a character.
                let to = cut.map_or(t.len(), |c| (from + c).min(t.len()));
                let got = table2(&mut ctx, tpl, from, to);
                let want = table2_reference(&mut want_ctx, tpl, from, to);
                prop_assert_eq!(got, want);
                prop_assert_eq!(&ctx.diags, &want_ctx.diags);
                prop_assert_eq!(ctx.cells_read, want_ctx.cells_read);
                prop_assert_eq!(ctx.t2_misfit, want_ctx.t2_misfit);
            }
        }
    }

    /// Both templates' table 2 fits the lists kept on the stack: its blocks, and each block's
    /// rows.
    #[test]
    fn table_2_of_either_template_fits_the_lists_kept_on_the_stack() {
        for tpl in [Template::V2019, Template::V2021] {
            let blocks = template::table2(tpl);
            assert!(blocks.len() <= 8);
            assert!(blocks.iter().all(|b| b.rows.len() <= 24));
        }
    }

    /// Both templates' table 3 fits the lists kept on the stack.
    #[test]
    fn table_3_of_either_template_fits_the_lists_kept_on_the_stack() {
        for tpl in [Template::V2019, Template::V2021] {
            assert!(template::table3(tpl).len() <= T3_ROWS_MAX);
        }
    }

    /// Tables 3 and 2 of every report of the corpus are read as the references read them.
    #[test]
    fn table_3_of_every_corpus_report_is_read_as_first_written() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut seen = 0;
        for e in entries.flatten() {
            let Ok(raw) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let canon = crate::normalise::normalise(&raw, false);
            let t: &str = &canon.text;
            let map = |s: usize, e: usize| Span::new(s, e);
            let budget = Budget {
                steps: 20_000,
                max_readings: 64,
            };
            for tpl in [Template::V2019, Template::V2021] {
                let mut ctx = Ctx::new(t, &map, budget, 100_000, t.len());
                let mut want_ctx = Ctx::new(t, &map, budget, 100_000, t.len());
                let got = table3(&mut ctx, tpl, 0, t.len());
                let want = table3_reference(&mut want_ctx, tpl, 0, t.len());
                seen += usize::from(got.is_some());
                assert_eq!(got, want, "{}", e.path().display());
                assert_eq!(ctx.diags, want_ctx.diags, "{}", e.path().display());
                let got = table2(&mut ctx, tpl, 0, t.len());
                let want = table2_reference(&mut want_ctx, tpl, 0, t.len());
                assert_eq!(got, want, "{}", e.path().display());
                assert_eq!(ctx.diags, want_ctx.diags, "{}", e.path().display());
            }
        }
        assert!(seen > 0);
    }
}
