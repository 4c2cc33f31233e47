//! The typed report: the JSON contract shared by Rust, Python and JavaScript.

use std::borrow::Cow;

pub use compact_str::CompactString;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// A half-open byte range `[start, end)` in the original input bytes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The template a report follows (template-spec.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Template {
    /// 国办公开办函〔2019〕60号: reports for 2019–2020.
    #[serde(rename = "2019")]
    V2019,
    /// 国办公开办函〔2021〕30号: reports from 2021 on.
    #[serde(rename = "2021")]
    V2021,
}

impl Template {
    /// `"2019"` or `"2021"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::V2019 => "2019",
            Template::V2021 => "2021",
        }
    }
}

/// Script of the report as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Simplified characters.
    #[default]
    Simplified,
    /// Traditional characters.
    Traditional,
}

/// The physical layout the tables were found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// `| a | b |` rows, possibly with `|||` padding.
    Pipe,
    /// One cell per line (`x |`, or tab-indented with blank lines between rows).
    CellPerLine,
    /// Markdown tables (`|---|` separator rows).
    Markdown,
    /// An HTML page or fragment.
    Html,
    /// Text extracted from a PDF: values separated by spaces.
    PdfText,
    /// A whole table on one line, digits possibly glued together.
    Flattened,
    /// Tables drawn with borders (pandoc's `+---+` grids, or box-drawing characters as text
    /// browsers print them), their wrapped rows joined.
    Grid,
    /// No table was found.
    #[default]
    None,
}

/// Counts of repairs made while normalising the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Repairs {
    /// Pinyin annotations removed (`領(lǐng)` → `領`).
    pub pinyin_glosses: usize,
    /// Mojibake runs repaired.
    pub mojibake_repaired: usize,
    /// Mojibake runs that could not be repaired (kept as written, reported).
    pub mojibake_unrecoverable: usize,
}

/// What the report says about itself.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// The title line (`<agency><year>年政府信息公开工作年度报告`), without white space: as written
    /// or as `Options::prose` asks (cleaned of pinyin glosses, or converted to Simplified).
    pub title: Option<String>,
    /// The reporting agency, in Simplified script.
    pub agency: Option<String>,
    /// The year reported on.
    pub year: Option<u16>,
    /// Publication date (ISO 8601, `YYYY-MM-DD`).
    pub published: Option<String>,
    /// The template version, told from the labels present; `null` when it cannot be told.
    pub template: Option<Template>,
    /// True for reports in the pre-2019 (2008 条例) format, which has no national tables.
    pub older_format: bool,
    /// Script of the input.
    pub script: Script,
    /// Encoding the bytes were decoded from (WHATWG name, e.g. `UTF-8`, `GBK`).
    pub encoding: String,
    /// The layout the tables were found in.
    pub layout: Layout,
    /// Statistics period start (`自2024年1月1日`), ISO date.
    pub period_start: Option<String>,
    /// Statistics period end (`至2024年12月31日`), ISO date.
    pub period_end: Option<String>,
    /// Repairs made to the text.
    pub repairs: Repairs,
}

/// The six sections of the report (template-spec.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    ActiveDisclosure,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    ReviewLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionKind {
    /// All kinds in template order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::ActiveDisclosure,
        SectionKind::Applications,
        SectionKind::ReviewLitigation,
        SectionKind::Problems,
        SectionKind::Other,
    ];
    /// The template number, 1–6.
    pub fn number(self) -> u8 {
        match self {
            SectionKind::Overview => 1,
            SectionKind::ActiveDisclosure => 2,
            SectionKind::Applications => 3,
            SectionKind::ReviewLitigation => 4,
            SectionKind::Problems => 5,
            SectionKind::Other => 6,
        }
    }
    /// The official heading.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::Overview => "一、总体情况",
            SectionKind::ActiveDisclosure => "二、主动公开政府信息情况",
            SectionKind::Applications => "三、收到和处理政府信息公开申请情况",
            SectionKind::ReviewLitigation => "四、政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "五、存在的主要问题及改进情况",
            SectionKind::Other => "六、其他需要报告的事项",
        }
    }
}

/// One of the six sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Template number, 1–6.
    pub number: u8,
    /// Which section this is.
    pub kind: SectionKind,
    /// The heading as written.
    pub heading: String,
    /// The body (tables included), as written or as `Options::prose` asks.
    pub text: String,
    /// Heading and body in the input.
    pub span: Span,
}

// Read back by hand ([`NumberVisitor`]), not by serde's `untagged` derive: its buffer passes
// every number to each variant as a float, which put float formatting (about 18 KB) in the
// WebAssembly module, whose reader hands over no float.
/// A number as printed in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Number {
    /// A count (`本年增/减` may be negative).
    Int(i64),
    /// An amount, exactly as printed (`168.61`); serialised as a string.
    Decimal(#[schemars(with = "String")] Decimal),
}

impl Number {
    /// The count, when this is an integer.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(*i),
            Number::Decimal(d) if d.fract().is_zero() => i64::try_from(*d).ok(),
            Number::Decimal(_) => None,
        }
    }
    /// The value as an exact decimal.
    pub fn as_decimal(&self) -> Decimal {
        match self {
            Number::Int(i) => Decimal::from(*i),
            Number::Decimal(d) => *d,
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
}

/// [`Number`]'s reader: an integer that fits `i64` is `Int`; a larger one, a float and a
/// string are read by `Decimal`'s own reader (a string as `"168.61"` or in scientific notation).
struct NumberVisitor;

impl<'de> serde::de::Visitor<'de> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an integer, or a decimal as a number or a string")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
        Ok(Number::Int(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
        Ok(i64::try_from(v).map_or_else(|_| Number::Decimal(Decimal::from(v)), Number::Int))
    }

    // `Decimal`'s reader of a string, which `Decimal`'s own `Deserialize` calls too: it reads
    // scientific notation (`"1e3"`) as well. That `Deserialize` tries again, on an error, a
    // reader of scientific notation that takes no more than the first (2 KB of WebAssembly).
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
        v.to_string()
            .parse::<Decimal>()
            .map(Number::Decimal)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Number, E> {
        v.parse::<Decimal>()
            .map(Number::Decimal)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Decimal(d) => write!(f, "{d}"),
        }
    }
}

/// How a value was obtained, when not read directly from its own cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// Split out of a run of glued digits by the template's arithmetic rules.
    Split,
    /// Assigned by position because the row labels were lost.
    Positional,
    /// Read back from a block of numbers printed apart from their row labels (column-block PDF
    /// text: column by column; or row by row), in the order the template's row sums prove; or
    /// from a table-2 block whose values each stand before their label.
    ColumnBlock,
}

/// One value cell of a table: `{ value, raw, span }` plus its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    // Borrowed from the template when parsed (no allocation per cell); serialized as a string.
    /// Canonical column label (template-spec.md §6), e.g. `自然人`, `本年增/减`.
    pub column: Cow<'static, str>,
    /// The number; `null` when the cell is blank or absent (never 0).
    pub value: Option<Number>,
    // Borrowed from the template when parsed.
    /// The unit written with an amount (`万元`, `元`); `null` for a bare number.
    pub unit: Option<Cow<'static, str>>,
    // A `CompactString` keeps a text of up to 24 bytes (12 in WebAssembly) inline, which is
    // nearly every cell, so a cell costs no allocation of its own; it dereferences to `str`.
    /// The cell text as written; `null` when the cell is absent.
    #[schemars(with = "Option<String>")]
    pub raw: Option<CompactString>,
    /// The cell in the input; `null` when the cell is absent.
    pub span: Option<Span>,
    /// Set when the value was derived rather than read from its own cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

impl Cell {
    /// An absent cell.
    pub fn absent(column: impl Into<Cow<'static, str>>) -> Self {
        Cell {
            column: column.into(),
            value: None,
            unit: None,
            raw: None,
            span: None,
            derived: None,
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    // Borrowed from the template when parsed.
    /// Canonical row path (template-spec.md §6), e.g. `三、本年度办理结果/（三）不予公开/1.属于国家秘密`.
    pub row: Cow<'static, str>,
    // Borrowed from the template when the label as written is the end of the row's path or of
    // its half-width form (`1.属于国家秘密`, `(一)予以公开`), which is nearly every label: no
    // allocation per row; serialized as a string.
    /// The row label as written; `null` when the label was not found.
    pub label: Option<Cow<'static, str>>,
    /// The label in the input.
    pub span: Option<Span>,
    /// True for a group subtotal row printed by some producers (checked by rule C4).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subtotal: bool,
    /// The value cells, in template column order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell of a canonical column.
    pub fn cell(&self, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column == column)
    }
}

/// Which of the three statistical tables.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Table 2: 主动公开政府信息情况 (Article 20).
    ActiveDisclosure,
    /// Table 3: 收到和处理政府信息公开申请情况.
    Applications,
    /// Table 4: 政府信息公开行政复议、行政诉讼情况.
    ReviewLitigation,
}

impl TableKind {
    /// The table's number in the template (2, 3, 4).
    pub fn number(self) -> u8 {
        match self {
            TableKind::ActiveDisclosure => 2,
            TableKind::Applications => 3,
            TableKind::ReviewLitigation => 4,
        }
    }
    /// The table's name in the template.
    pub fn title(self) -> &'static str {
        match self {
            TableKind::ActiveDisclosure => "主动公开政府信息情况",
            TableKind::Applications => "收到和处理政府信息公开申请情况",
            TableKind::ReviewLitigation => "政府信息公开行政复议、行政诉讼情况",
        }
    }
}

/// One statistical table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Which table.
    pub kind: TableKind,
    /// The template whose rows and columns it follows (`null` for table 4 when the report's
    /// template cannot be told: table 4 is the same in both).
    pub template: Option<Template>,
    /// The table in the input.
    pub span: Span,
    /// Rows in template order (every template row is present; missing ones have absent cells).
    pub rows: Vec<Row>,
}

impl Table {
    /// The row of a canonical row path.
    pub fn row(&self, row: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.row == row && !r.subtotal)
    }
    /// The value at a canonical row and column.
    pub fn value(&self, row: &str, column: &str) -> Option<Number> {
        self.row(row)?.cell(column)?.value
    }
}

/// The parsed report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Metadata.
    pub meta: Meta,
    /// The sections found, in order.
    pub sections: Vec<Section>,
    /// Table 2: 主动公开政府信息情况.
    pub active_disclosure: Option<Table>,
    /// Table 3: 收到和处理政府信息公开申请情况.
    pub applications: Option<Table>,
    /// Table 4: 政府信息公开行政复议、行政诉讼情况.
    pub review_litigation: Option<Table>,
    /// Everything the parser repaired, doubted or could not read.
    pub diagnostics: Vec<Diagnostic>,
}

/// One tidy cell: the flat record users filter on (`Report::cells`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TidyCell {
    /// 2, 3 or 4.
    pub table: u8,
    // Row, column and unit are borrowed from the template when parsed; `raw` is inline up to
    // 24 bytes, like `Cell::raw`: a tidy cell costs no allocation of its own.
    /// Canonical row path.
    pub row: Cow<'static, str>,
    /// Canonical column label.
    pub column: Cow<'static, str>,
    /// The number, `null` when blank or absent.
    pub value: Option<Number>,
    /// Unit of an amount.
    pub unit: Option<Cow<'static, str>>,
    /// Cell text as written.
    #[schemars(with = "Option<String>")]
    pub raw: Option<CompactString>,
    /// Start of the cell in the input.
    pub span_start: Option<usize>,
    /// End of the cell in the input.
    pub span_end: Option<usize>,
}

impl TidyCell {
    /// The record of cell `c` of row `r` in table number `table` (inlined: built in its place
    /// in the list, not returned through a copy).
    #[inline]
    fn of(table: u8, r: &Row, c: &Cell) -> TidyCell {
        TidyCell::with_row(table, r.row.clone(), c)
    }

    /// The record of cell `c` of the row at path `row` in table number `table` (inlined, as
    /// [`TidyCell::of`]). Its column, unit and raw text are cloned in place, the allocation of
    /// an owned or heap-held one out of line: a parsed cell's column and unit are borrowed from
    /// the template and its raw text held inline (nearly every cell's), so the loop over a
    /// row's cells keeps no call to the allocator.
    #[inline(always)]
    fn with_row(table: u8, row: Cow<'static, str>, c: &Cell) -> TidyCell {
        TidyCell {
            table,
            row,
            column: cow_clone(&c.column),
            value: c.value,
            unit: c.unit.as_ref().map(cow_clone),
            raw: c.raw.as_ref().map(raw_clone),
            span_start: c.span.map(|s| s.start),
            span_end: c.span.map(|s| s.end),
        }
    }
}

/// `c.clone()`, an owned text copied out of line.
// The `Cow` itself is read: a borrowed text is copied as that borrow.
#[allow(clippy::ptr_arg)]
#[inline(always)]
fn cow_clone(c: &Cow<'static, str>) -> Cow<'static, str> {
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(s) => Cow::Owned(owned_clone(s)),
    }
}

/// `s.to_owned()`, out of line.
#[cold]
#[inline(never)]
fn owned_clone(s: &str) -> String {
    s.to_owned()
}

/// `r.clone()`, a raw text held on the heap copied out of line.
#[inline(always)]
fn raw_clone(r: &CompactString) -> CompactString {
    if r.is_heap_allocated() {
        heap_clone(r)
    } else {
        r.clone()
    }
}

/// `r.clone()` of a raw text held on the heap, out of line.
#[cold]
#[inline(never)]
fn heap_clone(r: &CompactString) -> CompactString {
    r.clone()
}

impl Report {
    /// The three tables that were found, in template order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        [
            &self.active_disclosure,
            &self.applications,
            &self.review_litigation,
        ]
        .into_iter()
        .flatten()
    }
    /// The table of a kind, when found.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::ActiveDisclosure => self.active_disclosure.as_ref(),
            TableKind::Applications => self.applications.as_ref(),
            TableKind::ReviewLitigation => self.review_litigation.as_ref(),
        }
    }
    /// The section of a kind, when found.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
    /// One record per value cell of every table, with canonical labels (subtotal rows excluded).
    pub fn cells(&self) -> Vec<TidyCell> {
        // Sized once: a report has a few hundred cells, and regrowing copies them all.
        let n = self
            .tables()
            .flat_map(|t| t.rows.iter().filter(|r| !r.subtotal))
            .map(|r| r.cells.len())
            .sum();
        let mut out = Vec::with_capacity(n);
        for t in self.tables() {
            let table = t.kind.number();
            for r in t.rows.iter().filter(|r| !r.subtotal) {
                // A row's cells are extended at once (a slice's length is known), each record
                // written in its place, instead of pushed one by one. A row's path borrowed
                // from the template (nearly every row's) is copied into each record as that
                // borrow, without a clone's test of what it holds per cell.
                if let Cow::Borrowed(row) = r.row {
                    out.extend(
                        r.cells
                            .iter()
                            .map(|c| TidyCell::with_row(table, Cow::Borrowed(row), c)),
                    );
                } else {
                    out.extend(r.cells.iter().map(|c| TidyCell::of(table, r, c)));
                }
            }
        }
        out
    }
    /// The report as JSON (the contract of every surface).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_read_back_from_an_integer_a_float_or_a_string() {
        let read = |json: &str| serde_json::from_str::<Number>(json).map_err(|e| e.to_string());
        let dec = |s: &str| Number::Decimal(s.parse().unwrap_or_default());
        assert_eq!(read("12"), Ok(Number::Int(12)));
        assert_eq!(read("-3"), Ok(Number::Int(-3)));
        // Past i64, a decimal; a float as its shortest string reads; a string exactly.
        assert_eq!(
            read("18446744073709551615"),
            Ok(dec("18446744073709551615"))
        );
        assert_eq!(read("168.61"), Ok(dec("168.61")));
        assert_eq!(read("0.1"), Ok(dec("0.1")));
        assert_eq!(read("12.0"), Ok(dec("12")));
        assert_eq!(read("\"4068.208\""), Ok(dec("4068.208")));
        assert_eq!(read("\"4068.2080\""), Ok(dec("4068.2080")));
        assert_eq!(read("\"1e3\""), Ok(dec("1000")));
        let err = read("true").unwrap_err();
        assert!(
            err.contains("expected an integer, or a decimal as a number or a string"),
            "{err}"
        );
        assert!(read("\"12 件\"").is_err());
        // What is written reads back as itself.
        for n in [Number::Int(-7), dec("168.61"), dec("0.50")] {
            let json = serde_json::to_string(&n).unwrap_or_default();
            assert_eq!(read(&json), Ok(n), "{json}");
        }
    }

    /// [`Report::cells`] as first written, one record pushed per cell: the reference it is
    /// tested against.
    fn cells_reference(report: &Report) -> Vec<TidyCell> {
        let mut out = Vec::new();
        for t in report.tables() {
            for r in t.rows.iter().filter(|r| !r.subtotal) {
                for c in &r.cells {
                    // Each field cloned as it is, not by the clones out of line.
                    out.push(TidyCell {
                        table: t.kind.number(),
                        row: r.row.clone(),
                        column: c.column.clone(),
                        value: c.value,
                        unit: c.unit.clone(),
                        raw: c.raw.clone(),
                        span_start: c.span.map(|s| s.start),
                        span_end: c.span.map(|s| s.end),
                    });
                }
            }
        }
        out
    }

    /// A generated cell: column index, value, and whether it has a unit, a raw text and a span.
    type CellPick = (usize, Option<i64>, bool, bool, bool);

    /// A table of `kind` from `(row index, subtotal, cells)`, each cell `(column index, value,
    /// unit, raw, span)`; the row and column names borrowed or owned by their index.
    fn table(kind: TableKind, rows: &[(usize, bool, Vec<CellPick>)]) -> Table {
        const NAMES: &[&str] = &["一、本年新收", "总计", "自然人", "万元", "a", ""];
        let name = |i: usize| -> Cow<'static, str> {
            let s = NAMES.get(i % NAMES.len()).copied().unwrap_or_default();
            if i % 2 == 0 {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(format!("{s}{i}"))
            }
        };
        Table {
            kind,
            template: None,
            span: Span::default(),
            rows: rows
                .iter()
                .map(|(ri, subtotal, cells)| Row {
                    row: name(*ri),
                    label: None,
                    span: None,
                    subtotal: *subtotal,
                    cells: cells
                        .iter()
                        .enumerate()
                        .map(|(k, &(ci, v, unit, raw, span))| Cell {
                            column: name(ci),
                            value: v.map(Number::Int),
                            unit: unit.then(|| name(ci + 1)),
                            // Past 24 bytes a raw text is held on the heap.
                            raw: raw.then(|| CompactString::from("7".repeat(k * 5 + 1))),
                            span: span.then(|| Span::new(k, k + ci + 1)),
                            derived: None,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    proptest::proptest! {
        /// The tidy cells extended row by row are the records pushed one by one: on reports
        /// with any of the three tables absent, subtotal rows, empty rows, blank cells, units,
        /// raw texts inline and on the heap, spans, and names borrowed or owned.
        #[test]
        fn cells_are_the_reference(
            tables in proptest::collection::vec(
                proptest::option::weighted(0.8, proptest::collection::vec(
                    (
                        0usize..12,
                        proptest::bool::weighted(0.2),
                        proptest::collection::vec(
                            (
                                0usize..12,
                                proptest::option::weighted(0.8, -5i64..1000),
                                proptest::bool::weighted(0.2),
                                proptest::bool::weighted(0.8),
                                proptest::bool::weighted(0.8),
                            ),
                            0..9,
                        ),
                    ),
                    0..8,
                )),
                3,
            ),
        ) {
            let mut tables = tables.into_iter();
            let mut next = |kind| tables.next().flatten().map(|rows| table(kind, &rows));
            let report = Report {
                active_disclosure: next(TableKind::ActiveDisclosure),
                applications: next(TableKind::Applications),
                review_litigation: next(TableKind::ReviewLitigation),
                ..Default::default()
            };
            proptest::prop_assert_eq!(report.cells(), cells_reference(&report));
        }
    }
}
