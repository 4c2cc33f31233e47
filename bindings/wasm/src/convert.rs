//! JS values ⇄ core types: the options object, the input, and errors that carry a diagnostic.
//!
//! Results cross the boundary as a tape of numbers and one string table, rebuilt by
//! `js/tape.js` into exactly the object the JSON contract describes (`tests/expected/*.json`):
//! `None` is `null`, maps are objects, integers are numbers. `tape.rs` says why this is faster
//! than JSON text, which was itself ≈ 1.5× faster than building the object field by field with
//! `serde-wasm-bindgen` (one boundary call per field). Report objects given to `validate`,
//! `cells` and `validateSeries` come in the same way backwards (`writeTape` in `js/tape.js`,
//! [`crate::tape::read`]), and so do the options.

use js_sys::{Reflect, Uint8Array};
use ogi_report::{Options, Prose, Report};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

/// Options of `parse`, in camelCase; every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParseOptions {
    /// How section text and the title are returned (default `"as_written"`; `"simplified"` needs the `t2s` build).
    #[tsify(optional)]
    #[serde(default)]
    pub prose: Option<ProseOption>,
    /// Force an encoding by WHATWG label (`"gbk"`, `"big5"`, `"utf-16le"`, …) instead of
    /// detecting it. The package decodes UTF-8, UTF-16, GBK/GB18030 and Big5; another label is
    /// ignored, with a D001 diagnostic.
    #[tsify(optional)]
    #[serde(default)]
    pub encoding: Option<String>,
    /// Treat the input as HTML (`true`), as text (`false`), or detect (left out).
    #[tsify(optional)]
    #[serde(default)]
    pub html: Option<bool>,
    /// Inputs longer than this many bytes are cut, with diagnostic D003.
    #[tsify(optional)]
    #[serde(default)]
    pub max_input_bytes: Option<u32>,
}

/// The keys of `ParseOptions` as JS spells them.
const OPTION_KEYS: [&str; 4] = ["prose", "encoding", "html", "maxInputBytes"];

/// How section text and the title are returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum ProseOption {
    /// Exactly as written.
    AsWritten,
    /// Pinyin glosses removed, reversible mojibake repaired.
    Clean,
    /// Cleaned and converted to Simplified script.
    Simplified,
}

impl ParseOptions {
    /// The core options these stand for.
    pub fn to_core(&self) -> Options {
        let mut o = Options::default();
        if let Some(p) = self.prose {
            o = o.with_prose(match p {
                ProseOption::AsWritten => Prose::AsWritten,
                ProseOption::Clean => Prose::Clean,
                ProseOption::Simplified => Prose::Simplified,
            });
        }
        if let Some(e) = &self.encoding {
            o = o.with_encoding(e.clone());
        }
        if self.html.is_some() {
            o = o.with_html(self.html);
        }
        if let Some(n) = self.max_input_bytes {
            o = o.with_max_input_bytes(usize::try_from(n).unwrap_or(usize::MAX));
        }
        o
    }
}

/// Codes of the errors the binding itself raises (the core never fails on input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The input is neither a string nor bytes.
    Input,
    /// The options object does not fit `ParseOptions`.
    Options,
    /// A report object does not fit the `Report` type.
    Report,
    /// A result could not be turned into a JS value.
    Output,
}

impl ErrorCode {
    fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Input => "E001",
            ErrorCode::Options => "E002",
            ErrorCode::Report => "E003",
            ErrorCode::Output => "E004",
        }
    }
}

/// Mirror of the core's `Diagnostic` shape for errors raised by the binding.
#[derive(Serialize)]
struct BindingDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
}

/// An `Error` whose `diagnostic` property holds `{ code, severity: "error", message }`.
pub fn error(code: ErrorCode, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("OgiReportError");
    let diag = BindingDiagnostic {
        code: code.as_str(),
        severity: "error",
        message,
    };
    if let Ok(d) = to_js(&diag) {
        // Reflect::set only fails on frozen or proxied objects; a fresh Error is neither.
        let _ = Reflect::set(&err, &JsValue::from_str("diagnostic"), &d);
    }
    err.into()
}

/// The input of `parse`: text, or bytes in any supported encoding.
pub enum Input {
    /// A JS string (already Unicode; spans count its UTF-8 bytes).
    Text(String),
    /// A `Uint8Array` or `ArrayBuffer`.
    Bytes(Vec<u8>),
}

/// Read the input of `parse`.
pub fn input(value: &JsValue) -> Result<Input, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(Input::Text(s));
    }
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Ok(Input::Bytes(a.to_vec()));
    }
    if let Some(b) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Input::Bytes(Uint8Array::new(b).to_vec()));
    }
    Err(error(
        ErrorCode::Input,
        "parse: the input must be a string or a Uint8Array",
    ))
}

/// Read the options of `parse` (`undefined`/`null` mean the defaults).
pub fn options(value: &JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || value.is_instance_of::<js_sys::Array>() {
        return Err(error(
            ErrorCode::Options,
            "parse: options must be an object such as { prose: \"clean\" }",
        ));
    }
    // `deny_unknown_fields` would reject the others too, but this message names the valid keys:
    // a misspelt or snake_case key is an error rather than silently ignored.
    let keys = Reflect::own_keys(value).unwrap_or_else(|_| js_sys::Array::new());
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_else(|| String::from("(symbol)"));
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(error(
                ErrorCode::Options,
                &format!(
                    "parse: unknown option `{key}` (expected one of {})",
                    OPTION_KEYS.join(", ")
                ),
            ));
        }
    }
    let o: ParseOptions = from_tape(value, &[], 0)
        .map_err(|e| error(ErrorCode::Options, &format!("parse: invalid options: {e}")))?;
    Ok(o.to_core())
}

/// Read a report object (as returned by `parse`, or its JSON parsed back).
///
/// The arrays under the report's keys `skip` are handed over empty: `what` never reads them.
pub fn report(value: &JsValue, what: &str, skip: &[&str]) -> Result<Report, JsValue> {
    from_tape(value, skip, 0).map_err(|e| {
        error(
            ErrorCode::Report,
            &format!("{what}: not a report object: {e}"),
        )
    })
}

/// Read an array of report objects.
///
/// The arrays under each report's keys `skip` are handed over empty: `what` never reads them.
pub fn reports(value: &JsValue, what: &str, skip: &[&str]) -> Result<Vec<Report>, JsValue> {
    if !value.is_instance_of::<js_sys::Array>() {
        return Err(error(
            ErrorCode::Report,
            &format!("{what}: expected an array of report objects"),
        ));
    }
    from_tape(value, skip, 1).map_err(|e| {
        error(
            ErrorCode::Report,
            &format!("{what}: not an array of report objects: {e}"),
        )
    })
}

/// A JS value (a report, or an array of them) read through a tape written by `js/tape.js`, the
/// arrays under the keys `skip` of the objects `depth` levels down written empty.
fn from_tape<T: DeserializeOwned>(value: &JsValue, skip: &[&str], depth: u32) -> Result<T, String> {
    let skip: js_sys::Array = skip.iter().map(|k| JsValue::from_str(k)).collect();
    let parts = crate::write_tape(value, &skip, depth).map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map_or_else(
            || String::from("it could not be read"),
            |e| String::from(e.message()),
        )
    })?;
    let codes = parts
        .get(0)
        .unchecked_into::<js_sys::Float64Array>()
        .to_vec();
    let text = parts.get(1).as_string().unwrap_or_default();
    let ends = parts
        .get(2)
        .unchecked_into::<js_sys::Uint32Array>()
        .to_vec();
    crate::tape::read(&codes, &text, &ends).map_err(|e| e.to_string())
}

/// A value as the plain object its JSON parses to, handed over as a tape (see `tape.rs`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let t = crate::tape::write(value).map_err(|e| error(ErrorCode::Output, &e.to_string()))?;
    let fresh = if t.new_shapes.1.is_empty() {
        JsValue::UNDEFINED
    } else {
        t.new_shapes
            .1
            .iter()
            .map(|keys| {
                keys.iter()
                    .map(|k| JsValue::from_str(k))
                    .collect::<js_sys::Array>()
            })
            .collect::<js_sys::Array>()
            .into()
    };
    let read = SHAPE_TABLE.with(|table| {
        DICT_TABLE.with(|dict| {
            crate::read_tape(
                &t.tape,
                &t.text,
                &t.ends,
                t.new_shapes.0,
                fresh,
                table,
                dict,
                &t.fresh,
                t.first_string,
                t.reset,
            )
        })
    });
    read.map_err(|_| {
        crate::tape::forget_strings();
        error(ErrorCode::Output, "the result could not be rebuilt in JS")
    })
}

thread_local! {
    /// The JS copy of this instance's shapes (`tape::SHAPES`), held here rather than in
    /// `js/tape.js`: two instances of the module may share that JS module, and their shape ids
    /// differ.
    static SHAPE_TABLE: js_sys::Array = js_sys::Array::new();
    /// The JS copy of this instance's string dictionary (`tape::Dict`), for the same reason.
    static DICT_TABLE: js_sys::Array = js_sys::Array::new();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_map_to_core() {
        let o = ParseOptions {
            prose: Some(ProseOption::Clean),
            encoding: Some("gbk".into()),
            html: Some(false),
            max_input_bytes: Some(10),
        }
        .to_core();
        assert_eq!(o.prose, Prose::Clean);
        assert_eq!(o.encoding.as_deref(), Some("gbk"));
        assert_eq!(o.html, Some(false));
        assert_eq!(o.max_input_bytes, 10);
        assert_eq!(ParseOptions::default().to_core(), Options::default());
    }
}
