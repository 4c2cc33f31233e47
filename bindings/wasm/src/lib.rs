//! WebAssembly binding of ogi-report: the npm package `ogi-report`.
//!
//! Four functions over plain objects — `parse`, `validate`, `cells`, `validateSeries` — the same
//! API as every other surface (DESIGN §6). A report is returned as the object its JSON contract
//! describes, so `JSON.stringify(parse(x))` equals the native `serde_json` output, and the same
//! object (or its JSON parsed back) is accepted by the other functions.
//!
//! Panics: wasm32 builds abort on panic (`panic = "abort"`), so a panic cannot be caught: the
//! call that panicked throws a `RuntimeError: unreachable`, and a panic hook schedules a fresh
//! instance (wasm-bindgen's `schedule_reinit`), created before the next call, so the module
//! stays usable (state is per call, so nothing is lost). The core is written never to panic on any
//! input; the node tests feed it random bytes and hostile inputs to hold it to that. The
//! `panic-hook` feature prints the panic message on the console should one ever happen.
#![forbid(unsafe_code)]

/// The allocator: talc instead of the Rust default for wasm32, dlmalloc. Parsing allocates a few
/// hundred small blocks per report (rows, cells, diagnostics); dlmalloc's `malloc`, `free` and
/// `realloc` took ≈ 6 % of `parse` in Node, and talc is also ≈ 2 KB smaller after gzip.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod convert;
mod tape;

use convert::Input;
pub use convert::{ParseOptions, ProseOption};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &str = include_str!("../types/report.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &str = r#"
/** The `diagnostic` attached to an error raised by this package (E001 input, E002 options, E003 report object, E004 output). */
export interface BindingDiagnostic {
  code: "E001" | "E002" | "E003" | "E004";
  severity: "error";
  message: string;
}
/** Errors thrown by `parse`, `validate`, `cells` and `validateSeries` (only for wrong argument types). */
export interface OgiReportError extends Error {
  name: "OgiReportError";
  diagnostic: BindingDiagnostic;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object of `parse` (typed for TypeScript as the generated `ParseOptions`).
    #[wasm_bindgen(typescript_type = "ParseOptions")]
    pub type JsParseOptions;
}

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Rebuild a value written by `tape::write` (the views into memory are read at once), with the
    /// instance's shape table and its copy of the string dictionary.
    #[wasm_bindgen(js_name = readTape, catch)]
    #[allow(clippy::too_many_arguments)]
    fn read_tape(
        tape: &[f64],
        text: &[u16],
        ends: &[u32],
        first_shape: u32,
        fresh: JsValue,
        table: &js_sys::Array,
        dict: &js_sys::Array,
        fresh_strings: &[u32],
        first_string: u32,
        reset: bool,
    ) -> Result<JsValue, JsValue>;

    /// Write a JS value as a tape for `tape::read`: `[codes, text, ends]`, the array values of
    /// the keys `empty` in the objects `depth` levels down written empty.
    #[wasm_bindgen(js_name = writeTape, catch)]
    fn write_tape(
        value: &JsValue,
        empty: &js_sys::Array,
        depth: u32,
    ) -> Result<js_sys::Array, JsValue>;
}

/// Runs when the module is instantiated: a panic (which aborts the instance, see the crate
/// docs) schedules a fresh instance for the next call, so that one failed call never leaves
/// the module unusable.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        #[cfg(feature = "panic-hook")]
        console_error_panic_hook::hook(info);
        #[cfg(not(feature = "panic-hook"))]
        let _ = info;
        wasm_bindgen::handler::schedule_reinit();
    }));
}

/// Panics while the result writer's shape registry is borrowed, as a panic in the middle of
/// writing a result would: without a fresh instance every later call would fail. For the test
/// that a panic leaves the module usable (feature `test-panic` only).
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = panicForTests, skip_typescript)]
pub fn panic_for_tests() {
    tape::panic_while_writing();
}

/// Parse a report held as text or as bytes in any supported encoding. Never fails on content:
/// problems are in `report.diagnostics`. Throws an `OgiReportError` only for wrong argument types.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    options: Option<JsParseOptions>,
) -> Result<JsValue, JsValue> {
    let options = convert::options(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
    let report = match convert::input(&input)? {
        Input::Text(s) => ogi_report::parse_with(&s, &options),
        Input::Bytes(b) => ogi_report::parse_bytes_with(&b, &options),
    };
    convert::to_js(&report)
}

/// Check every arithmetic rule of the template on a report returned by `parse`.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<JsValue, JsValue> {
    // The rules never read the parser's diagnostics: they are not handed over.
    let report = convert::report(&report, "validate", &["diagnostics"])?;
    convert::to_js(&report.validate())
}

/// One tidy record per value cell of every table, with the template's canonical labels.
#[wasm_bindgen(unchecked_return_type = "TidyCell[]")]
pub fn cells(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<JsValue, JsValue> {
    // Tidy cells come from the tables alone.
    let report = convert::report(&report, "cells", &["diagnostics", "sections"])?;
    convert::to_js(&report.cells())
}

/// Check the cross-year rules over reports of one agency, in any order.
#[wasm_bindgen(js_name = validateSeries, unchecked_return_type = "Diagnostic[]")]
pub fn validate_series(
    #[wasm_bindgen(unchecked_param_type = "Report[]")] reports: JsValue,
) -> Result<JsValue, JsValue> {
    // The cross-year rules read the agencies, years and tables.
    let reports = convert::reports(&reports, "validateSeries", &["diagnostics", "sections"])?;
    convert::to_js(&ogi_report::validate_series(&reports))
}

/// The version of this package (the core's version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
