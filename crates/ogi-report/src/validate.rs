//! Validation: the arithmetic rules of the template (勾稽关系).

use crate::diag::Diagnostic;
use crate::model::Report;

/// Check every single-report rule.
pub(crate) fn validate(report: &Report) -> Vec<Diagnostic> {
    let _ = report;
    Vec::new()
}

/// Check the cross-year rules over reports of one agency.
pub(crate) fn validate_series(reports: &[Report]) -> Vec<Diagnostic> {
    let _ = reports;
    Vec::new()
}
