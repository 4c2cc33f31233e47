//! ogi-report: parse and validate Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! ```
//! let report = ogi_report::parse("四、政府信息公开行政复议、行政诉讼情况\n\
//!     行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n\
//!     1 | 0 | 0 | 3 | 4 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
//! let t4 = report.review_litigation.as_ref().expect("table 4");
//! assert_eq!(t4.value("行政复议", "总计"), Some(ogi_report::Number::Int(4)));
//! ```
//!
//! The pipeline is `decode → normalise → segment → tables`, then [`Report::validate`] applies
//! the template's arithmetic rules. Parsing never fails: everything repaired, doubted or missing
//! is a [`Diagnostic`] with a stable [`Code`], a byte [`Span`] into the input and, for table
//! problems, the canonical table/row/column labels of the template.
//!
//! # Diagnostic codes
//!
//! | code | severity | meaning | example message |
//! |---|---|---|---|
//! | `D001` | info | decoded from a non-UTF-8 encoding; or an encoding label not obeyed (unknown, or one a build without `all-encodings` does not decode) | `decoded from GBK` |
//! | `D002` | warning | undecodable bytes replaced by U+FFFD | `3 undecodable bytes replaced by U+FFFD` |
//! | `D003` | error | input longer than `Options::max_input_bytes`; only its head was parsed | `the input has 300000000 bytes, more than the limit of 268435456` |
//! | `N001` | info | pinyin glosses removed for matching | `240 pinyin annotations glued to characters were removed for matching` |
//! | `N002` | warning | mojibake repaired; one diagnostic per run for the first 100 runs, then one more that counts the rest (all are counted in `meta.repairs`); or a whole text misread one byte a character, read again (`mojibake repaired: the whole text is UTF-8 bytes read one byte a character …`) | ``mojibake repaired: `鏀垮簻` reads `政府` ``; `37 more mojibake runs repaired, not listed one by one: 137 in all (…)` |
//! | `N003` | warning | mojibake that cannot be repaired, kept; listed as `N002` is | ``mojibake that cannot be repaired, kept as written: `楷?!奔` `` |
//! | `N004` | info | HTML input read from the page's markup | `HTML input: the report text and tables were read from the page's markup` |
//! | `N005` | info | prose conversion without a narrative converter compiled in; the built-in character table was used | `no narrative converter is compiled in` |
//! | `N006` | info | grid tables (`+---+` borders, or box-drawn `┌─┬─┐`) read as pipe rows, the lines of a row wrapped over several joined | `grid tables: 26 rows read between border lines, 9 of them joined from several lines` |
//! | `N007` | info | character references left in a text that is not markup (`&nbsp;`, `&ldquo;`, `&amp;nbsp;` escaped twice), a converter's markdown escapes (`3\.其他`), links and pandoc's spans (`[23]{.underline}`, unwrapped) and empty anchors (`<a id="_Toc1"></a>`, dropped), or a JSON string's escapes, decoded before it was read | `42 character references and 5 markdown links and spans unwrapped (`[…](…)`, `[…]{…}`) in the text decoded (the first: `&nbsp;`)` |
//! | `N008` | info | line numbers (`cat -n`, `nl`, `grep -n`, `12: `) or email quoting (`> `) before every line, removed before the text was read | ``line numbers before the lines removed: 214 lines (the first: `1`)`` |
//! | `N009` | info | a hard-wrapped text (lines broken at a fixed width by a mail client or a terminal; an ideograph two columns) had its breaks joined before it was read | ``hard-wrapped text: 277 line breaks at 40 columns joined (the first after `…年度`)`` |
//! | `S001` | warning | a section heading not found | `section 6 (六、其他需要报告的事项) not found` |
//! | `S002` | info | pre-2019 report: no national tables | `the report follows the pre-2019 format (2008 条例)` |
//! | `S003` | info | no title naming agency and year, or a title naming no agency | `no title line naming the agency and year was found`; `the title names no agency, …` |
//! | `S004` | info | an older-format section that is none of the six (the fees', the consultations', a statistics table's) | ``四、依申请信息公开收费情况` heads a section of the older format that is none of the template's six; its text is kept in section 3 (…)`` |
//! | `S005` | warning | the period stated is not of the year reported on | `the statistics period 2021-01-01 – 2021-12-31 is not of the year 2022 the report is for: one of the two is a slip, such as a period kept from the year before` |
//! | `T001` | warning | a table is absent | `table 4 (政府信息公开行政复议、行政诉讼情况) is absent: none of its 3 rows was read (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉)` |
//! | `T002` | warning | template version not told by the labels | `template 2021 assumed from the report year` |
//! | `T003` | warning | a row label not found | ``table 3, row `四、结转下年度继续办理`: label not found`` |
//! | `T004` | warning | a row with fewer cells (values or blank marks) than columns | ``row `…/5.属于三类内部事务信息`: 6 of 7 cells`` |
//! | `T005` | warning | a row with more values than columns; or figures standing alone after a table-3 row's values and the text that ends them, not used | ``row `…/规范性文件`: 4 values for 3 columns`` |
//! | `T006` | warning | a cell that is not a number | ``cell `约3件` is not a number`` |
//! | `T007` | info | glued digits split by the template's rules; or a figure wrapped in its narrow cell (`3` / `0`) read whole, as the row's sum proves | ``row `（一）予以公开`: glued digits split as 6 \| 0 \| 0 \| 0 \| 0 \| 1 \| 7`` |
//! | `T008` | warning | glued digits with several valid splits; cells left null | ``row `…/行政规范性文件`: glued digits admit 10 splits`` |
//! | `T009` | error | glued digits with no valid split | ``glued digits admit no split into 7 values`` |
//! | `T010` | warning | row labels lost; values assigned by position | ``row `…/1.属于国家秘密`: its label is missing; its 7 values were taken by position`` |
//! | `T011` | info | an extra 法人或其他组织小计 column, or a row the template does not have (table 2's 其他主动公开文件), left out | `the header has a 法人或其他组织小计 column`; ``row `其他主动公开文件` after …: a row the template does not have; its values (56 45) are recognised and left out`` |
//! | `T012` | error | a limit of `Options` reached | `the splitter's work bound was reached` |
//! | `T013` | error | numbers extracted apart from their row labels (column-block PDF text) that cannot be matched back to their rows, or a table-3 row's figures after other rows' labels stacked with none between them that break its sum; those rows are not read | `table 3: 11 row labels have no values next to them …` |
//! | `T014` | warning | numbers printed apart from their row labels (column by column, or row by row), read back into their rows in the order the row sums prove; or a table-2 block of one column whose values each stand before their label (cells marked `derived: column_block`); or a table-3 row's values on both sides of its label's rest, read together as its sum proves | ``table 3: rows `一、…` … `（四）…/1.…` (13 rows) … read back column by column`` |
//! | `T015` | warning | the text ends inside a table (a page cut off when saved or crawled): the rows after the last one read are missing, named in one diagnostic (they get no T003 each); a table cut off after its header, and each table after the one the text ends in, is named so too (no T001) | ``table 3: the text ends inside the table, after row `二、上年结转政府信息公开申请数量`; the 23 rows after it are missing (…): the page looks cut off`` |
//! | `T016` | warning | an Article 20 block's printed header names other columns than the template's (the other version's), or in another order: the values are placed under the columns it names; one under a column the template lacks is not placed | ``row `第二十条第（八）项/行政事业性收费`: its block's header prints 本年收费金额（单位：万元）… not a column of the 2019 template: `11.5` not placed`` |
//! | `V001` | error | C1: 一 + 二 ≠ （七）总计 + 四 | `C1 broken in table 3, column 总计: …` |
//! | `V002` | error | C2: 总计 ≠ sum of the six applicant columns | `C2 broken in table 3, row …` |
//! | `V003` | error | C3: （七）总计 ≠ sum of the result rows | `C3 broken in table 3, column 自然人: …` |
//! | `V004` | error | C4: printed group subtotal ≠ its sub-rows | `C4 broken: （三）不予公开 …` |
//! | `V005` | error | C5: table-3 value not a non-negative integer | `C5: …` |
//! | `V006` | warning | C6: 上年结转 ≠ last year's 结转下年度 | `C6: 2021 二、上年结转 … ≠ 2020 四、结转下年度继续办理 …` |
//! | `V007` | warning | C7: prose count ≠ table 3 | `section 一 states 17 applications received; table 3 总计 says 95` |
//! | `V008` | error | C8: table-4 group 总计 ≠ sum of its results | `C8 broken in table 4, row 行政复议: …` |
//! | `V009` | error | C9: table-4 value not a non-negative integer | `C9: …` |
//! | `V010` | warning | C10: prose review/litigation count ≠ table 4 | `section 一 states 行政复议 2; table 4 says 3` |
//! | `V011` | error | C11: table-2 value of the wrong kind | `C11: 本年收费金额 is negative` |
//! | `V012` | warning | C12: 现行有效件数 ≠ last year's + 制发 − 废止 | `C12: …` |
//! | `V013` | warning | C13: 上一年项目数量 ≠ last year's + 增/减 | `C13: …` |
//! | `V100` | info | a rule not checkable: an operand is blank | `C2 not checkable for row …: 总计 is blank` |
#![forbid(unsafe_code)]
// Library code never panics on any input: no unwrap/expect, no explicit panics, no indexing
// that input could push out of bounds. Tests may use all of these.
//
// Allowlist (each `#[allow]` sits on the item, with the reason next to it):
// - `t2s/mod.rs`: `count_dense`, `build_dense`, `build_sparse` and the sortedness check index
//   arrays in `const` evaluation; an index out of bounds there fails the build, never a run.
// - `split.rs`: the `POW10` table, likewise built by the compiler.
// - `validate/prose.rs`: `Words::new`, the first characters of the word lists, likewise.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![warn(missing_docs)]

mod aligned;
mod cells;
mod codec;
mod colblock;
mod decode;
mod diag;
mod grid;
#[cfg(feature = "html")]
mod html;
mod model;
mod mojibake;
mod normalise;
mod options;
mod parse;
#[cfg(feature = "html")]
mod prefix;
#[cfg(feature = "html")]
mod reflow;
mod reread;
mod scan;
mod segment;
mod split;
mod t2s;
mod tables;
mod tabs;
mod template;
mod textmap;

pub use diag::{CellRef, Code, Diagnostic, Location, Severity};
pub use model::*;
pub use options::{Converter, Options, Prose};
mod validate;

/// A cell's value built by a function the first time it is asked for: the tables and sets the
/// parser builds once.
///
/// `OnceLock::get_or_init` is instantiated for each closure it is given, and each instance is
/// a copy of the `Once` machinery in the WebAssembly module; given a function pointer, the cells
/// of one type share one. Only the first call goes through the pointer.
pub(crate) trait BuiltOnce<T> {
    /// The value, built by `init` on the first call.
    fn built_once(&'static self, init: fn() -> T) -> &'static T;
}

impl<T> BuiltOnce<T> for std::sync::OnceLock<T> {
    fn built_once(&'static self, init: fn() -> T) -> &'static T {
        self.get_or_init(init)
    }
}

impl Report {
    /// Check every arithmetic rule of the template (C1–C5, C7–C11) and return the findings.
    pub fn validate(&self) -> Vec<Diagnostic> {
        validate::validate(self)
    }
}

/// `v` in ascending order, as `sort_unstable` leaves it, sorted as `(x, 0)` pairs: the module's
/// one instance of the sort of `(usize, usize)`, none of its own for `usize`.
pub(crate) fn sort_usizes(v: &mut [usize]) {
    let mut pairs: Vec<(usize, usize)> = v.iter().map(|&x| (x, 0)).collect();
    pairs.sort_unstable();
    for (slot, &(x, _)) in v.iter_mut().zip(&pairs) {
        *slot = x;
    }
}

/// Check the cross-year rules (C6, C12, C13) over reports of the same agency, in any order.
pub fn validate_series(reports: &[Report]) -> Vec<Diagnostic> {
    validate::validate_series(reports)
}

/// Parse a report held as text. Never fails: problems are diagnostics in the report.
pub fn parse(input: &str) -> Report {
    parse::parse_str_with(input, &Options::default())
}

/// Parse a report held as text, with options.
pub fn parse_with(input: &str, options: &Options) -> Report {
    parse::parse_str_with(input, options)
}

/// Parse a report held as bytes in any supported encoding (detected, or forced by `Options`).
pub fn parse_bytes(input: &[u8]) -> Report {
    parse::parse_bytes_with(input, &Options::default())
}

/// Parse bytes with options.
pub fn parse_bytes_with(input: &[u8], options: &Options) -> Report {
    parse::parse_bytes_with(input, options)
}

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod doc_tests {
    #[test]
    fn every_code_is_in_the_crate_docs_table() {
        let docs = include_str!("lib.rs");
        for c in crate::Code::ALL {
            assert!(
                docs.contains(&format!("//! | `{}` |", c.as_str())),
                "{} missing from the diagnostics table",
                c.as_str()
            );
        }
    }
}

/// Entry points for the fuzz targets; not a stable API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// Split `digits` (runs separated by spaces) into `n` values under rule 0 (free), 1 (last is
    /// the sum) or 2 (groups of five with totals), and check every reading against its rule.
    pub fn split_check(digits: &str, n: usize, rule: u8) {
        crate::split::fuzz_check(digits, n, rule);
    }
}
