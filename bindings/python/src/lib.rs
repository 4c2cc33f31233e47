//! The `ogi_report._ogi_report` extension module: a thin layer over the `ogi-report` crate.
//!
//! This file only declares what Python sees; every conversion (arguments → `Options`, inputs →
//! bytes, reports → dicts, failures → exceptions) lives in `convert.rs`. The model is not
//! mirrored class by class: `Report` wraps the Rust report and hands out its parts as plain
//! dicts and lists through serde, so the Python view is the JSON contract by construction.
#![forbid(unsafe_code)]

mod convert;

use pyo3::prelude::*;
use pyo3::types::PyType;

use convert::{EncodingArg, Input, Parser, ProseArg};

/// A parsed annual report (政府信息公开工作年度报告).
#[pyclass(frozen, module = "ogi_report", name = "Report")]
pub struct Report {
    /// The report of the core crate.
    pub(crate) inner: ogi_report::Report,
}

#[pymethods]
impl Report {
    /// Rebuild a report from the JSON of `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, data: String) -> PyResult<Self> {
        convert::from_json(&data)
    }

    /// What the report says about itself: title, agency, year, template, encoding, …
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.meta)
    }

    /// The sections found, in order.
    #[getter]
    fn sections<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.sections)
    }

    /// Table 2 (主动公开政府信息情况), or None.
    #[getter]
    fn active_disclosure<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.active_disclosure)
    }

    /// Table 3 (收到和处理政府信息公开申请情况), or None.
    #[getter]
    fn applications<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.applications)
    }

    /// Table 4 (政府信息公开行政复议、行政诉讼情况), or None.
    #[getter]
    fn review_litigation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.review_litigation)
    }

    /// What the parser repaired, doubted or could not read.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.diagnostics)
    }

    /// Check the arithmetic rules of the template; one diagnostic per broken or unchecked rule.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &convert::guard(|| self.inner.validate())?)
    }

    /// One record per value cell: table, row, column, value, unit, raw, span_start, span_end.
    fn cells<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner.cells())
    }

    /// The report as a dict (the JSON contract).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &self.inner)
    }

    /// The report as JSON; `indent=True` for indented output.
    #[pyo3(signature = (*, indent = false))]
    fn to_json(&self, indent: bool) -> String {
        if indent {
            self.inner.to_json_pretty()
        } else {
            self.inner.to_json()
        }
    }

    fn __repr__(&self) -> String {
        convert::repr(&self.inner)
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::repr_html(slf)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Report>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        convert::reduce(py, &self.inner)
    }
}

/// Parse one report from text (`str`) or raw bytes in any supported encoding.
#[pyfunction]
#[pyo3(
    signature = (data, /, *, prose = ProseArg(ogi_report::Prose::AsWritten), encoding = None, html = None),
    text_signature = "(data, /, *, prose='as_written', encoding=None, html=None)"
)]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    prose: ProseArg,
    encoding: Option<EncodingArg>,
    html: Option<bool>,
) -> PyResult<Report> {
    let parser = Parser::new(prose, encoding, html);
    let input = Input::data(data, "parse")?;
    parser.one(py, input)
}

/// Read and parse one file; I/O problems raise OSError.
#[pyfunction]
#[pyo3(
    signature = (path, /, *, prose = ProseArg(ogi_report::Prose::AsWritten), encoding = None, html = None),
    text_signature = "(path, /, *, prose='as_written', encoding=None, html=None)"
)]
fn parse_path(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    prose: ProseArg,
    encoding: Option<EncodingArg>,
    html: Option<bool>,
) -> PyResult<Report> {
    let parser = Parser::new(prose, encoding, html);
    let input = Input::path(path, "parse_path")?;
    parser.one(py, input)
}

/// Parse many reports (str, bytes or paths) in parallel, without the GIL; results in input order.
#[pyfunction]
#[pyo3(
    signature = (items, /, *, threads = None, prose = ProseArg(ogi_report::Prose::AsWritten), encoding = None, html = None),
    text_signature = "(items, /, *, threads=None, prose='as_written', encoding=None, html=None)"
)]
fn parse_many(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    threads: Option<usize>,
    prose: ProseArg,
    encoding: Option<EncodingArg>,
    html: Option<bool>,
) -> PyResult<Vec<Report>> {
    let parser = Parser::new(prose, encoding, html);
    let inputs = Input::many(items)?;
    parser.many(py, inputs, threads)
}

/// Check the cross-year rules over reports of one agency, in any order.
#[pyfunction]
#[pyo3(signature = (reports, /))]
fn validate_series<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let reports = convert::reports(reports, "validate_series")?;
    convert::to_py(
        py,
        &convert::guard(|| ogi_report::validate_series(&reports))?,
    )
}

/// The columns of `ogi_report.to_pandas` (private: `_frames.py` builds the DataFrame).
#[pyfunction]
#[pyo3(signature = (reports, /))]
fn _cell_columns<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
    convert::cell_columns(py, reports)
}

/// Raise the error a panic inside the parser would raise (tests the guard).
#[pyfunction]
fn _panic_guard_selftest() -> PyResult<()> {
    convert::guard(|| -> () { panic!("self-test") })
}

/// Parse and validate Chinese government information disclosure annual reports.
#[pymodule(name = "_ogi_report")]
mod ogi_report_module {
    #[pymodule_export]
    use super::{
        _cell_columns, _panic_guard_selftest, parse, parse_many, parse_path, validate_series,
        Report,
    };

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
