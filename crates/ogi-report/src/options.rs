//! Parsing options.

/// How section text and the title are returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Prose {
    /// Exactly as written (pinyin glosses and mojibake included).
    #[default]
    AsWritten,
    /// Pinyin glosses removed and reversible mojibake repaired; script unchanged.
    Clean,
    /// Cleaned, then converted to Simplified script with the narrative converter
    /// (needs the `t2s` or `opencc` feature; without one, the same as `Clean` plus a diagnostic).
    Simplified,
}

/// Which backend converts narrative text to Simplified script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Converter {
    /// The first backend compiled in: `opencc-fmmseg` (feature `t2s`), else OpenCC (feature `opencc`).
    #[default]
    Auto,
    /// The pure-Rust `opencc-fmmseg` backend (feature `t2s`).
    Fmmseg,
    /// The OpenCC C++ library through `opencc-rust` (feature `opencc`).
    Opencc,
}

/// Options of [`crate::parse_with`] and [`crate::parse_bytes_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// How section text and the title are returned (default: as written).
    pub prose: Prose,
    /// Narrative converter backend (used with `Prose::Simplified`).
    pub converter: Converter,
    /// Force an encoding by WHATWG label (`"gbk"`, `"big5"`, …) instead of detecting it.
    pub encoding: Option<String>,
    /// Inputs longer than this are cut, with diagnostic D003 (default 256 MiB; at most 1 GiB is
    /// ever parsed, whatever this says).
    pub max_input_bytes: usize,
    /// Bound on the glued-digit splitter's search steps per table (default 2,000,000); a row whose
    /// search it cuts short is left blank under T012 naming the row.
    pub max_split_steps: usize,
    /// Bound on the cells (values and empty cells) read per table (default 100,000); past it the
    /// rest of the table is not read and T012 names the table.
    pub max_cells: usize,
    /// Treat the input as HTML (`Some(true)`), as text (`Some(false)`), or detect (`None`).
    pub html: Option<bool>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prose: Prose::AsWritten,
            converter: Converter::Auto,
            encoding: None,
            max_input_bytes: 256 << 20,
            max_split_steps: 2_000_000,
            max_cells: 100_000,
            html: None,
        }
    }
}

impl Options {
    /// Default options.
    pub fn new() -> Self {
        Self::default()
    }
    /// Set how section text and the title are returned.
    pub fn with_prose(mut self, prose: Prose) -> Self {
        self.prose = prose;
        self
    }
    /// Set the narrative converter backend.
    pub fn with_converter(mut self, converter: Converter) -> Self {
        self.converter = converter;
        self
    }
    /// Force an encoding by WHATWG label.
    pub fn with_encoding(mut self, label: impl Into<String>) -> Self {
        self.encoding = Some(label.into());
        self
    }
    /// Set the input size bound.
    pub fn with_max_input_bytes(mut self, n: usize) -> Self {
        self.max_input_bytes = n;
        self
    }
    /// Set the splitter work bound.
    pub fn with_max_split_steps(mut self, n: usize) -> Self {
        self.max_split_steps = n;
        self
    }
    /// Set the cell bound.
    pub fn with_max_cells(mut self, n: usize) -> Self {
        self.max_cells = n;
        self
    }
    /// Force or forbid HTML handling.
    pub fn with_html(mut self, html: Option<bool>) -> Self {
        self.html = html;
        self
    }
}
