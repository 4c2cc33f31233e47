//! ogi-report: parse and validate Chinese government information disclosure annual reports.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decode;
mod diag;
#[cfg(feature = "html")]
mod html;
mod model;
mod mojibake;
mod options;
mod split;
mod t2s;
mod textmap;

pub use diag::{CellRef, Code, Diagnostic, Location, Severity};
pub use model::*;
pub use options::{Converter, Options, Prose};
