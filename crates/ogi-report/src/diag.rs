//! Diagnostics: stable codes, severities, locations in the template's own words.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Span, TableKind};

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $s:literal, $sev:ident ;)*) => {
        /// A stable diagnostic code. The string form (`"T003"`) never changes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $s)] $name, )*
        }
        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
            /// The stable string form.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $s,)* }
            }
            /// The severity this code is raised with.
            pub fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev,)* }
            }
            /// Parse the string form.
            pub fn from_str_code(s: &str) -> Option<Code> {
                // A search of [`Code::ALL`] by [`Code::as_str`]: a `match` on the strings
                // compared each in code of its own (1.2 KB of WebAssembly).
                Code::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

/// A code is read from its string form by [`Code::from_str_code`]: the derived reader matched
/// the same strings in two more functions of its own (4 KB of WebAssembly).
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::from_str_code(&s).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&s),
                &"a diagnostic code such as `T003`",
            )
        })
    }
}

codes! {
    /// D001 — the input was not UTF-8; it was decoded from the detected encoding.
    D001 = "D001", Info;
    /// D002 — bytes that do not decode were replaced by U+FFFD.
    D002 = "D002", Warning;
    /// D003 — the input exceeds `Options::max_input_bytes`; only its head was parsed.
    D003 = "D003", Error;
    /// N001 — pinyin annotations glued to characters were removed for matching.
    N001 = "N001", Info;
    /// N002 — a mojibake run (UTF-8 read as GBK) was repaired. One per run for the first 100
    /// runs of a report, then one that counts the rest (`meta.repairs` counts them all).
    N002 = "N002", Warning;
    /// N003 — a mojibake run could not be repaired; it is kept as written. Listed as N002 is.
    N003 = "N003", Warning;
    /// N004 — HTML input: the report text was taken from the page's markup.
    N004 = "N004", Info;
    /// N005 — prose conversion asked for, but no narrative converter is compiled in.
    N005 = "N005", Info;
    /// N006 — grid tables (`+---+` borders, or box-drawn) read as pipe rows, the lines of each
    /// row wrapped over several joined into one; or, with the `html` feature, pipe rows without
    /// borders continued on the lines below them (`antiword`'s drawing of a Word table, a
    /// cell's text wrapped in its padded column) joined into one.
    N006 = "N006", Info;
    /// N007 — character references left in a text that is not markup (`&nbsp;`, `&ldquo;`,
    /// `&amp;nbsp;`) were decoded; so were a converter's markdown escapes (`3\.其他`), its links
    /// and pandoc's spans (`[23]{.underline}`, unwrapped), its empty anchors (`<a id="_Toc1"></a>`,
    /// dropped), and a JSON string's escapes (`\n`, `\u4e00`).
    N007 = "N007", Info;
    /// N008 — line numbers (`cat -n`, `grep -n`) or email quoting (`> `) a tool put before every
    /// line were removed before the text was read.
    N008 = "N008", Info;
    /// N009 — a hard-wrapped text (its lines broken at a fixed width by a mail client or
    /// a terminal) had its breaks joined before it was read.
    N009 = "N009", Info;
    /// S001 — a section heading was not found.
    S001 = "S001", Warning;
    /// S002 — the report follows the pre-2019 (2008 条例) format; its tables are not read.
    S002 = "S002", Info;
    /// S003 — the title, agency or year could not be found.
    S003 = "S003", Info;
    /// S004 — an older-format report (2008 条例) has a section that is none of the template's six
    /// (`四、依申请信息公开收费情况`): its heading is named, and its text is kept in the section
    /// before it.
    S004 = "S004", Info;
    /// S005 — the statistics period the report states lies in neither end in the year it reports
    /// on (`2022年…年度报告` stating `自2021年1月1日起至2021年12月31日止`): one of the two is a
    /// slip, often a period kept from the year before.
    S005 = "S005", Warning;
    /// T001 — a table is absent from the report.
    T001 = "T001", Warning;
    /// T002 — the template version could not be told from the labels.
    T002 = "T002", Warning;
    /// T003 — a row label of the template was not found.
    T003 = "T003", Warning;
    /// T004 — a row holds fewer values than the template has columns.
    T004 = "T004", Warning;
    /// T005 — a row holds more values than the template has columns; the surplus is not used.
    /// Also: figures stand alone after a table-3 row's values and the text that ends them
    /// (neither a figure its cell wrapped nor the rest of the row's values); they are not used.
    T005 = "T005", Warning;
    /// T006 — a cell's text is not a number.
    T006 = "T006", Warning;
    /// T007 — glued digits were split by the template's rules (one split satisfies them); or a
    /// figure wrapped in its narrow cell (`3` on the row's line, `0` below) was read whole, the
    /// one reading under which the row's sum holds.
    T007 = "T007", Info;
    /// T008 — glued digits admit several splits; the cells are left null.
    T008 = "T008", Warning;
    /// T009 — glued digits admit no split satisfying the rules; the cells are left null.
    T009 = "T009", Error;
    /// T010 — row labels were lost; values were assigned to rows by position.
    T010 = "T010", Warning;
    /// T011 — an extra column (e.g. 法人或其他组织小计), or a row the template does not have
    /// (e.g. table 2's 其他主动公开文件, its values quoted), was recognised and left out.
    T011 = "T011", Info;
    /// T012 — a limit of `Options` was reached; the rest of the work was skipped.
    T012 = "T012", Error;
    /// T013 — numbers were extracted apart from their row labels and could not be matched back to
    /// their rows (or a row's figures follow other rows' labels stacked with none between them,
    /// and break its sum); those rows' values are not read.
    T013 = "T013", Error;
    /// T014 — numbers printed apart from their row labels (column-block PDF text, or each value
    /// before its label) were read back into their rows, in the order the row sums prove or
    /// the one that reads every value; or a table-3 row's values stand on both sides of its
    /// label's rest, and were read together as the row's sum proves (figures glued by narrow
    /// columns after the rest, `0000`, a digit a cell where their digits are the cells lacking);
    /// or a table-3 label found wrapped down its column below a line of figures standing in that
    /// column, whose tokens there do not spell the row's label: those figures may be the row's,
    /// and the values after the label were read.
    T014 = "T014", Warning;
    /// T015 — the text ends inside a table (a page cut off when it was saved or crawled): the
    /// rows after the last one read are missing. One diagnostic names them, instead of a T003
    /// for each; a table cut off after its header names all its rows, and each table after the
    /// one the text ends in is named too (instead of a T001). Likewise when the text starts
    /// inside a table (a page whose head was cut off): one T015 names the rows before the first
    /// one read, and each table before it is named too.
    T015 = "T015", Warning;
    /// T016 — an Article 20 block's printed header names other columns than the template's, or
    /// names them in another order: a row's values are placed under the columns it names; a
    /// value under a column the template does not have (the other version's) is not placed.
    T016 = "T016", Warning;
    /// V001 — C1: 一 + 二 ≠ （七）总计 + 四 in a column of table 3.
    V001 = "V001", Error;
    /// V002 — C2: 总计 ≠ 自然人 + the five 法人或其他组织 columns in a row of table 3.
    V002 = "V002", Error;
    /// V003 — C3: （七）总计 ≠ the sum of the result rows in a column of table 3.
    V003 = "V003", Error;
    /// V004 — C4: a printed group subtotal ≠ the sum of its sub-rows.
    V004 = "V004", Error;
    /// V005 — C5: a table-3 cell is not a non-negative integer.
    V005 = "V005", Error;
    /// V006 — C6: this year's 二、上年结转 ≠ last year's 四、结转下年度继续办理.
    V006 = "V006", Warning;
    /// V007 — C7: a number stated in the prose differs from table 3.
    V007 = "V007", Warning;
    /// V008 — C8: a table-4 group's 总计 ≠ the sum of its four results.
    V008 = "V008", Error;
    /// V009 — C9: a table-4 cell is not a non-negative integer.
    V009 = "V009", Error;
    /// V010 — C10: a review/litigation count stated in the prose differs from table 4.
    V010 = "V010", Warning;
    /// V011 — C11: a table-2 count is negative or fractional, or a fee amount is negative.
    V011 = "V011", Error;
    /// V012 — C12: 现行有效件数 ≠ last year's + 本年制发件数 − 本年废止件数.
    V012 = "V012", Warning;
    /// V013 — C13: next year's 上一年项目数量 ≠ this year's + 本年增/减.
    V013 = "V013", Warning;
    /// V100 — a rule could not be checked because an operand is blank.
    V100 = "V100", Info;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Information: a repair or a derivation that went well.
    Info,
    /// Something is missing or was repaired; the data may be incomplete.
    Warning,
    /// A rule of the template is broken, or a table could not be read.
    Error,
}

/// Where in the template a diagnostic points, in the template's own words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Section number 1–6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<u8>,
    /// Table number 2, 3 or 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u8>,
    /// Canonical row path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// Canonical column label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Location {
    /// A location in a table.
    pub fn table(kind: TableKind) -> Self {
        Location {
            section: Some(kind.number()),
            table: Some(kind.number()),
            ..Default::default()
        }
    }
    /// A location at a row of a table.
    pub fn row(kind: TableKind, row: &str) -> Self {
        Location {
            row: Some(row.to_string()),
            ..Location::table(kind)
        }
    }
    /// A location at a cell of a table.
    pub fn cell(kind: TableKind, row: &str, column: &str) -> Self {
        Location {
            column: Some(column.to_string()),
            ..Location::row(kind, row)
        }
    }
}

/// One cell a validation rule involves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CellRef {
    /// Table number.
    pub table: u8,
    /// Canonical row path.
    pub row: String,
    /// Canonical column label.
    pub column: String,
    /// The cell in the input, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A problem, repair or remark about the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Severity.
    pub severity: Severity,
    /// A message naming the section, table, row and column in the template's words.
    pub message: String,
    /// Where in the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Where in the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What a rule expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the report holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// Every cell a rule involves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellRef>,
    /// Candidate readings (ambiguous glued digits), each a list of values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Vec<String>>,
}

impl Diagnostic {
    /// A diagnostic with the code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span: None,
            location: None,
            expected: None,
            actual: None,
            cells: Vec::new(),
            candidates: Vec::new(),
        }
    }
    /// Set the span.
    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }
    /// Set the location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
    /// Set expected and actual.
    pub fn expected_actual(
        mut self,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }
    /// Line and column (1-based, in characters) of the span start in `input`.
    pub fn line_col(&self, input: &str) -> Option<(usize, usize)> {
        let start = self.span?.start.min(input.len());
        let before = input.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, col))
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}[{}]: {}", self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    /// Every code is written and read back as its string form; an unknown one is an error that
    /// names it.
    #[test]
    fn a_code_reads_back_from_its_string_form() {
        for &c in Code::ALL {
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).ok(), Some(c), "{json}");
        }
        let err = serde_json::from_str::<Code>("\"T999\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains(
                "invalid value: string \"T999\", expected a diagnostic code such as `T003`"
            ),
            "{err}"
        );
        assert!(serde_json::from_str::<Code>("3").is_err());
    }
}
