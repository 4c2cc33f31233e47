//! ogi-report: parse and validate Chinese government information disclosure annual reports.
#![forbid(unsafe_code)]

#![warn(missing_docs)]

mod cells;
mod decode;
mod diag;
#[cfg(feature = "html")]
mod html;
mod model;
mod mojibake;
mod normalise;
mod options;
mod parse;
mod scan;
mod segment;
mod split;
mod t2s;
mod tables;
mod template;
mod textmap;

pub use diag::{CellRef, Code, Diagnostic, Location, Severity};
pub use model::*;
pub use options::{Converter, Options, Prose};
mod validate;

impl Report {
    /// Check every arithmetic rule of the template (C1–C5, C7–C11) and return the findings.
    pub fn validate(&self) -> Vec<Diagnostic> {
        validate::validate(self)
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
