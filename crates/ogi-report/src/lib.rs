//! ogi-report: parse and validate Chinese government information disclosure annual reports.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cells;
mod decode;
mod diag;
#[cfg(feature = "html")]
mod html;
mod model;
mod normalise;
mod template;
mod mojibake;
mod options;
mod scan;
mod segment;
mod split;
mod t2s;
mod tables;
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
