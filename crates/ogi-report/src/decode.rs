//! Bytes → text: BOM, UTF-8, UTF-16LE/BE, GB18030/GBK, Big5 (encoding_rs + chardetng).
//!
//! # Order of decisions
//!
//! 1. A label forced by the caller (a WHATWG label; an unknown one is ignored and said so).
//! 2. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE).
//! 3. Valid UTF-8: the input is borrowed as it is, with an identity map. This is the common case
//!    and runs at memory speed (`std::str::from_utf8`); nothing is copied.
//! 4. HTML: a `<meta charset>` / `<meta http-equiv content="…charset=…">` prescan of the first
//!    1024 bytes, tolerant of merged attributes (`<meta charset=utf-8 name=viewport …>`). A page
//!    that declares UTF-8 but is not valid UTF-8 is misdeclared: detection decides instead.
//! 5. UTF-16 without BOM, detected here from NUL bytes on even/odd positions plus a plausibility
//!    check of the decoded sample; chardetng does not look for it.
//! 6. chardetng, with no TLD hint: a `.cn` hint turns Big5 into GBK and `.tw` the reverse.
//!    Without the `all-encodings` feature (the browser build), a GBK-or-Big5 choice of
//!    `codec/lite.rs` instead, and labels naming other encodings are not obeyed (D001 says so):
//!    see `codec/mod.rs` for why.
//!
//! GBK is decoded with the GB18030 decoder (a superset: GBK files in the wild contain the odd
//! four-byte sequence), but the name reported is the detected one.
//!
//! # The offset map
//!
//! encoding_rs reports neither per-character offsets nor where valid stretches end, except
//! through `decode_to_string_without_replacement`, which stops at each malformed sequence and
//! says how long it was. Each valid stretch between two malformed sequences is then walked
//! again with the encoding's byte structure (GB18030: ASCII and 0x80 are one byte, a lead
//! followed by 0x30–0x39 starts four bytes, other leads two; Big5: two bytes, four pointers
//! give two characters; UTF-16: two or four bytes) in lock step with the decoded characters,
//! and runs of same-shaped characters are pushed as one uniform segment. If the walk ever
//! disagrees with the decoded text (an encoding without a structural walker here, or a corner
//! of the decoder this walk does not model), the rest of the stretch becomes one replace
//! segment: the map stays total and monotone, only coarser.

use std::borrow::Cow;

use encoding_rs::{BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::codec::{self, DecoderResult, Encoding};

use crate::diag::{Code, Diagnostic};
use crate::model::Span;
use crate::textmap::OffsetMap;

/// At most this many D002 diagnostics name a malformed sequence; one summary follows.
const MAX_MALFORMED_DIAGS: usize = 20;
/// chardetng sees at most this much of the input (cut at an ASCII byte): it runs at a few MB/s,
/// and a few kilobytes of a report decide as well as the whole file.
const DETECT_PREFIX: usize = 16 * 1024;
/// UTF-16 sniffing looks at this much of the input.
const UTF16_SAMPLE: usize = 64 * 1024;
/// What a build without `all-encodings` decodes, for D001 messages.
const LITE_ENCODINGS: &str = "UTF-8, UTF-16, GBK/GB18030, Big5";

/// The decoded text, the encoding it came from, and the map back to the input bytes.
pub(crate) struct Decoded<'a> {
    /// The decoded text.
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding (`"UTF-8"`, `"GBK"`, `"Big5"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    /// From offsets in `text` to offsets in the input bytes.
    pub map: OffsetMap,
    /// D001 (which encoding) and D002 (malformed bytes) diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// How the encoding was chosen, for the D001 message.
#[derive(Clone, Copy)]
enum Why {
    Forced,
    Bom,
    Meta,
    Utf16Sniff,
    Detected,
}

/// Decode `bytes`; `forced` is a WHATWG label that overrides detection.
pub(crate) fn decode<'a>(bytes: &'a [u8], forced: Option<&str>) -> Decoded<'a> {
    let mut diagnostics = Vec::new();
    if let Some(label) = forced {
        match codec::for_label(label.trim().as_bytes()) {
            Some(enc) => {
                let skip = bom_len_for(bytes, enc);
                return finish(bytes, skip, enc, Why::Forced, diagnostics);
            }
            None if codec::ALL_ENCODINGS => diagnostics.push(Diagnostic::new(
                Code::D001,
                format!("unknown encoding label `{label}` ignored; the encoding was detected"),
            )),
            None => diagnostics.push(Diagnostic::new(
                Code::D001,
                format!(
                    "encoding label `{label}` ignored: unknown, or not one this build decodes \
                     ({LITE_ENCODINGS}); the encoding was detected"
                ),
            )),
        }
    }
    if let Some((enc, skip)) = Encoding::for_bom(bytes) {
        return finish(bytes, skip, enc, Why::Bom, diagnostics);
    }
    // simdutf8 validates at memory speed, 20–40× std's `from_utf8` on CJK text (measured).
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
            map: OffsetMap::identity(bytes.len()),
            diagnostics,
        };
    }
    match html_meta(bytes) {
        (Some(enc), _) => {
            if enc != UTF_8 {
                return finish(bytes, 0, enc, Why::Meta, diagnostics);
            }
        }
        // The full build ignores a label it does not know, as browsers do.
        (None, Some(label)) if !codec::ALL_ENCODINGS => diagnostics.push(Diagnostic::new(
            Code::D001,
            format!(
                "the page's <meta> charset `{}` is unknown, or not one this build decodes \
                 ({LITE_ENCODINGS}); the encoding was detected",
                String::from_utf8_lossy(&label)
            ),
        )),
        (None, _) => {}
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return finish(bytes, 0, enc, Why::Utf16Sniff, diagnostics);
    }
    let enc = detect(bytes);
    finish(bytes, 0, enc, Why::Detected, diagnostics)
}

/// Length of a BOM at the start of `bytes` that belongs to `enc` (0 when none).
fn bom_len_for(bytes: &[u8], enc: &'static Encoding) -> usize {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc || (bom_enc == UTF_8 && enc == UTF_8) => len,
        _ => 0,
    }
}

/// The detector's guess (chardetng, or `codec/lite.rs`) over a prefix of the input, cut after an ASCII byte.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let sample = if bytes.len() > DETECT_PREFIX {
        let head = bytes.get(..DETECT_PREFIX).unwrap_or(bytes);
        match head.iter().rposition(|&b| b < 0x80) {
            Some(i) => head.get(..=i).unwrap_or(head),
            None => head,
        }
    } else {
        bytes
    };
    codec::detect(sample)
}

/// Decode everything after the first `skip` bytes with `enc`, building map and diagnostics.
fn finish<'a>(
    bytes: &'a [u8],
    skip: usize,
    enc: &'static Encoding,
    why: Why,
    mut diagnostics: Vec<Diagnostic>,
) -> Decoded<'a> {
    let body = bytes.get(skip..).unwrap_or_default();
    let mut map = OffsetMap::new();
    map.skip_source(skip);
    if enc == UTF_8 {
        if let Ok(text) = simdutf8::basic::from_utf8(body) {
            map.push_copy(body.len());
            let text = Cow::Borrowed(text);
            return Decoded {
                text,
                encoding: UTF_8.name(),
                map,
                diagnostics,
            };
        }
    }
    // GBK content in the wild strays into GB18030; the superset decodes both identically.
    let decoder_enc = if enc == GBK { GB18030 } else { enc };
    let mut malformed: Vec<(usize, usize)> = Vec::new();
    let text = decode_mapped(body, skip, decoder_enc, &mut map, &mut malformed);
    if enc != UTF_8 {
        let how = match why {
            Why::Forced => "as requested",
            Why::Bom => "by its byte-order mark",
            Why::Meta => "as its <meta> charset declares",
            Why::Utf16Sniff => "detected from the NUL bytes of UTF-16 text",
            Why::Detected => "detected",
        };
        diagnostics.push(
            Diagnostic::new(Code::D001, format!("decoded from {} ({how})", enc.name()))
                .with_span(Some(Span::new(0, bytes.len()))),
        );
    }
    push_malformed_diags(&malformed, &mut diagnostics);
    Decoded {
        text: Cow::Owned(text),
        encoding: enc.name(),
        map,
        diagnostics,
    }
}

/// D002 per malformed span (adjacent ones merged), at most [`MAX_MALFORMED_DIAGS`], then a sum.
fn push_malformed_diags(spans: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in spans {
        match merged.last_mut() {
            Some(last) if last.1 >= s => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    for &(s, e) in merged.iter().take(MAX_MALFORMED_DIAGS) {
        out.push(
            Diagnostic::new(
                Code::D002,
                format!(
                    "{} byte(s) that do not decode were replaced by U+FFFD",
                    e - s
                ),
            )
            .with_span(Some(Span::new(s, e))),
        );
    }
    if merged.len() > MAX_MALFORMED_DIAGS {
        let bytes: usize = merged.iter().map(|&(s, e)| e - s).sum();
        let first = merged.get(MAX_MALFORMED_DIAGS).map_or(0, |m| m.0);
        let last = merged.last().map_or(first, |m| m.1);
        out.push(
            Diagnostic::new(
                Code::D002,
                format!(
                    "{} more malformed sequences not listed ({} in all, {bytes} bytes replaced)",
                    merged.len() - MAX_MALFORMED_DIAGS,
                    merged.len()
                ),
            )
            .with_span(Some(Span::new(first, last))),
        );
    }
}

/// Decode `src` (which starts at input offset `base`), pushing map segments and malformed spans.
fn decode_mapped(
    src: &[u8],
    base: usize,
    enc: &'static Encoding,
    map: &mut OffsetMap,
    malformed: &mut Vec<(usize, usize)>,
) -> String {
    let mut decoder = codec::new_decoder(enc);
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(src.len())
        .unwrap_or_else(|| src.len().saturating_mul(3));
    let mut out = String::with_capacity(cap.saturating_add(16));
    let mut pos = 0usize; // input consumed by the decoder
    let mut stretch_src = 0usize; // start of the current valid stretch in `src`
    let mut stretch_out = 0usize; // start of its output in `out`
                                  // Bounded: each round consumes input, reports a malformed sequence, or grows the output.
    loop {
        let rest = src.get(pos..).unwrap_or_default();
        let (res, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        pos = pos.saturating_add(read).min(src.len());
        match res {
            DecoderResult::InputEmpty => {
                let text = out.get(stretch_out..).unwrap_or_default();
                let bytes = src.get(stretch_src..).unwrap_or_default();
                map_stretch(enc, bytes, text, map);
                break;
            }
            DecoderResult::OutputFull => {
                out.reserve(rest.len().saturating_mul(3).max(64));
            }
            DecoderResult::Malformed(bad, extra) => {
                let bad_end = pos.saturating_sub(usize::from(extra)).max(stretch_src);
                let bad_start = bad_end.saturating_sub(usize::from(bad)).max(stretch_src);
                let text = out.get(stretch_out..).unwrap_or_default();
                let bytes = src.get(stretch_src..bad_start).unwrap_or_default();
                map_stretch(enc, bytes, text, map);
                out.push('\u{FFFD}');
                map.push_replace('\u{FFFD}'.len_utf8(), bad_end - bad_start);
                malformed.push((base + bad_start, base + bad_end));
                stretch_src = bad_end;
                stretch_out = out.len();
            }
        }
    }
    // The map must cover exactly the text and the input, whatever happened above.
    let d_gap = out.len().saturating_sub(map.derived_len());
    let s_gap = (base + src.len()).saturating_sub(map.source_len());
    map.push_replace(d_gap, s_gap);
    out
}

/// Batches per-character (derived, source) widths into copy and uniform segments.
struct RunBuilder<'m> {
    map: &'m mut OffsetMap,
    count: usize,
    dw: usize,
    sw: usize,
}

impl RunBuilder<'_> {
    #[inline(always)]
    fn push(&mut self, dw: usize, sw: usize) {
        self.push_n(dw, sw, 1);
    }
    /// `n` characters of the same shape.
    #[inline(always)]
    fn push_n(&mut self, dw: usize, sw: usize, n: usize) {
        if self.count > 0 && (dw, sw) == (self.dw, self.sw) {
            self.count += n;
            return;
        }
        self.flush();
        self.count = n;
        self.dw = dw;
        self.sw = sw;
    }
    fn flush(&mut self) {
        if self.count == 0 {
            return;
        }
        if self.dw == 1 && self.sw == 1 {
            self.map.push_copy(self.count);
        } else {
            self.map.push_uniform(self.count, self.dw, self.sw);
        }
        self.count = 0;
    }
}

/// Map one valid stretch: `bytes` decoded to exactly `text`.
///
/// GB18030 (and GBK, decoded as GB18030), the legacy encoding of most reports, is walked by
/// [`walk_gb18030`]; the others a character at a time ([`walk_by_char`]).
fn map_stretch(enc: &'static Encoding, bytes: &[u8], text: &str, map: &mut OffsetMap) {
    map_stretch_by(enc, bytes, text, map, false);
}

/// [`map_stretch`], or with `by_char` set every encoding walked a character at a time
/// ([`walk_by_char`]): the reference [`walk_gb18030`] is held to.
fn map_stretch_by(
    enc: &'static Encoding,
    bytes: &[u8],
    text: &str,
    map: &mut OffsetMap,
    by_char: bool,
) {
    if enc == UTF_8 && text.len() == bytes.len() {
        map.push_copy(bytes.len());
        return;
    }
    let mut rb = RunBuilder {
        map,
        count: 0,
        dw: 0,
        sw: 0,
    };
    let (i, d_done) = if enc == GB18030 && !by_char {
        walk_gb18030(bytes, text, &mut rb)
    } else {
        walk_by_char(enc, bytes, text, &mut rb)
    };
    rb.flush();
    // Whatever the walk did not account for becomes one coarse segment.
    map.push_replace(
        text.len().saturating_sub(d_done),
        bytes.len().saturating_sub(i),
    );
}

/// The characters of a valid GB18030 stretch `bytes` and of its decoding `text` paired off into
/// `rb`; returns how far each was walked. A unit's length is told by its bytes (1 up to 0x80,
/// 4 when a digit follows the lead, else 2), its character's by the first byte of that
/// character in `text`: no character is decoded, and the encoding is not asked at every one.
/// A run of ASCII bytes, which decode to themselves, is one push. What
/// [`map_stretch_by_char`] makes of the stretch: a proptest holds it.
fn walk_gb18030(bytes: &[u8], text: &str, rb: &mut RunBuilder<'_>) -> (usize, usize) {
    let t = text.as_bytes();
    let (mut i, mut d) = (0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            let run = ascii_prefix_len(bytes.get(i..).unwrap_or_default());
            // The text holds the same bytes: never more than is left of it.
            let n = run.min(t.len().saturating_sub(d));
            if n == 0 {
                break;
            }
            rb.push_n(1, 1, n);
            i += n;
            d += n;
            continue;
        }
        // A run of two-byte units whose characters take three bytes (ideographs and CJK
        // punctuation, most of a report): counted in one loop and pushed at once.
        let mut n = 0usize;
        while let (Some(0x81..=0xFE), Some(&trail), Some(0xE0..=0xEF)) = (
            bytes.get(i + 2 * n),
            bytes.get(i + 2 * n + 1),
            t.get(d + 3 * n),
        ) {
            if trail.is_ascii_digit() {
                break;
            }
            n += 1;
        }
        if n > 0 {
            rb.push_n(3, 2, n);
            i += 2 * n;
            d += 3 * n;
            continue;
        }
        let sw = match b {
            0x80 => 1,
            0xFF => break,
            _ if matches!(bytes.get(i + 1), Some(0x30..=0x39)) => 4,
            _ => 2,
        };
        let Some(&lead) = t.get(d) else { break };
        let dw = utf8_len(lead);
        if i + sw > bytes.len() {
            break;
        }
        rb.push(dw, sw);
        i += sw;
        d += dw;
    }
    (i, d)
}

/// Bytes in the UTF-8 character whose first byte is `lead`.
#[inline(always)]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Length of the run of ASCII bytes that starts `b`, eight bytes a step. (encoding_rs's
/// `Encoding::ascii_valid_up_to`, a call out of line set up for long runs, made GBK parsing
/// 0.96× as fast: between a report's ideographs the runs are a few bytes.)
#[inline]
fn ascii_prefix_len(b: &[u8]) -> usize {
    let mut n = 0usize;
    while let Some(w) = b.get(n..n + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let high = u64::from_le_bytes(w) & 0x8080_8080_8080_8080;
        if high != 0 {
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b
        .get(n..)
        .unwrap_or_default()
        .iter()
        .take_while(|x| x.is_ascii())
        .count()
}

/// [`map_stretch`]'s walk a character at a time, for every encoding: each unit's length asked
/// of the encoding, each character decoded. The walk of the encodings other than GB18030, and
/// the reference [`walk_gb18030`] is held to ([`map_stretch_by_char`]).
fn walk_by_char(
    enc: &'static Encoding,
    bytes: &[u8],
    text: &str,
    rb: &mut RunBuilder<'_>,
) -> (usize, usize) {
    let mut chars = text.chars();
    let mut i = 0usize;
    let mut d_done = 0usize;
    let structural = enc == GB18030 || enc == BIG5 || enc == UTF_16LE || enc == UTF_16BE;
    if structural || enc.is_single_byte() || enc == UTF_8 {
        while i < bytes.len() {
            let Some(sw) = unit_len(enc, bytes, i) else {
                break;
            };
            let n_chars = if enc == BIG5 && is_big5_pair(bytes, i) {
                2
            } else {
                1
            };
            let mut dw = 0usize;
            let mut ok = true;
            for _ in 0..n_chars {
                match chars.next() {
                    Some(c) => dw += c.len_utf8(),
                    None => ok = false,
                }
            }
            if !ok || i + sw > bytes.len() {
                break;
            }
            rb.push(dw, sw);
            i += sw;
            d_done += dw;
        }
    }
    (i, d_done)
}

/// [`map_stretch`] with every encoding walked a character at a time (tests only).
#[cfg(test)]
fn map_stretch_by_char(enc: &'static Encoding, bytes: &[u8], text: &str, map: &mut OffsetMap) {
    map_stretch_by(enc, bytes, text, map, true);
}

/// Byte length of the character starting at `i` in a valid stretch.
fn unit_len(enc: &'static Encoding, bytes: &[u8], i: usize) -> Option<usize> {
    let b = *bytes.get(i)?;
    if enc == UTF_8 {
        return Some(utf8_len(b));
    }
    if enc.is_single_byte() {
        return Some(1);
    }
    if enc == GB18030 {
        return match b {
            0x00..=0x80 => Some(1),
            0x81..=0xFE => match bytes.get(i + 1) {
                Some(0x30..=0x39) => Some(4),
                _ => Some(2),
            },
            0xFF => None,
        };
    }
    if enc == BIG5 {
        return Some(if b < 0x80 { 1 } else { 2 });
    }
    let unit = |j: usize| -> Option<u16> {
        let a = *bytes.get(j)?;
        let c = *bytes.get(j + 1)?;
        Some(if enc == UTF_16LE {
            u16::from_le_bytes([a, c])
        } else {
            u16::from_be_bytes([a, c])
        })
    };
    let u = unit(i)?;
    Some(if (0xD800..0xDC00).contains(&u) { 4 } else { 2 })
}

/// Big5 pointers that decode to two code points (a letter plus a combining mark).
fn is_big5_pair(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&0x88) && matches!(bytes.get(i + 1), Some(0x62 | 0x64 | 0xA3 | 0xA5))
}

/// Tags whose presence near the start makes an input HTML ([`looks_like_html`]), lower case.
const HTML_TAGS: [&[u8]; 8] = [
    b"<html",
    b"<meta",
    b"<!doctype",
    b"<head",
    b"<body",
    b"<p>",
    b"<div",
    b"<table",
];

/// Does the input look like HTML (a tag near its start)?
///
/// Every tag of [`HTML_TAGS`] opens with `<`: each `<` of `head` (found by `memchr`) is compared
/// with them, case aside, rather than every window of a lower-cased copy with each tag (a text
/// report, GBK most often, has few `<` or none). What [`looks_like_html_by_windows`] tells.
fn looks_like_html(head: &[u8]) -> bool {
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    if first.and_then(|i| head.get(i)) == Some(&b'<') {
        return true;
    }
    memchr::memchr_iter(b'<', head).any(|at| {
        let rest = head.get(at..).unwrap_or_default();
        HTML_TAGS.iter().any(|tag| {
            rest.get(..tag.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(tag))
        })
    })
}

/// [`looks_like_html`] as first written, every window of the lower-cased head compared with
/// each tag: the reference it is held to.
#[cfg(test)]
fn looks_like_html_by_windows(head: &[u8]) -> bool {
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    if first.and_then(|i| head.get(i)) == Some(&b'<') {
        return true;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    HTML_TAGS
        .iter()
        .any(|pat| lower.windows(pat.len()).any(|w| w == *pat))
}

/// The encoding a `<meta>` in the first 1024 bytes declares (WHATWG prescan, simplified).
#[cfg(test)]
fn html_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    html_meta(bytes).0
}

/// The encoding a `<meta>` in the first 1024 bytes declares, and else the first declared
/// charset that names no encoding this build decodes.
fn html_meta(bytes: &[u8]) -> (Option<&'static Encoding>, Option<Vec<u8>>) {
    let mut unknown = None;
    let enc = html_meta_scan(bytes, &mut unknown);
    (enc, unknown)
}

/// [`html_meta`]'s scan; labels not understood are left in `unknown` (the first one).
fn html_meta_scan(bytes: &[u8], unknown: &mut Option<Vec<u8>>) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if !looks_like_html(head) {
        return None;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut i = 0usize;
    while let Some(off) = find(lower.get(i..)?, b"<meta") {
        let start = i + off + 5;
        // A `<meta` must be followed by whitespace or `/` to be the tag.
        if !matches!(
            lower.get(start),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        ) {
            i = start;
            continue;
        }
        let end = lower
            .get(start..)
            .and_then(|s| s.iter().position(|&b| b == b'>'));
        let tag = match end {
            Some(e) => lower.get(start..start + e)?,
            None => lower.get(start..)?,
        };
        if let Some(enc) = meta_tag_charset(tag, unknown) {
            // WHATWG: a declared UTF-16 means the page is really ASCII-compatible.
            return Some(if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            });
        }
        i = start;
    }
    None
}

/// `charset` of one lower-cased `<meta …>` attribute list; a value naming no encoding this
/// build decodes goes to `unknown` unless one is there already.
fn meta_tag_charset(tag: &[u8], unknown: &mut Option<Vec<u8>>) -> Option<&'static Encoding> {
    let mut lookup = |v: &[u8]| {
        let enc = codec::for_label(v);
        if enc.is_none() && unknown.is_none() && !v.is_empty() {
            *unknown = Some(v.to_vec());
        }
        enc
    };
    let attrs = parse_attrs(tag);
    let get = |name: &[u8]| {
        attrs
            .iter()
            .find(|(n, _)| n.as_slice() == name)
            .map(|(_, v)| v)
    };
    if let Some(v) = get(b"charset") {
        if let Some(enc) = lookup(v) {
            return Some(enc);
        }
    }
    // Lenient where WHATWG is strict: a `content` holding `charset=` counts even without
    // `http-equiv=Content-Type`, which some generated pages leave out.
    let content = get(b"content")?;
    let at = find(content, b"charset")?;
    let rest = content.get(at + 7..)?;
    let rest = rest.get(rest.iter().position(|b| !b.is_ascii_whitespace())?..)?;
    let rest = rest.strip_prefix(b"=")?;
    let rest = rest.get(rest.iter().position(|b| !b.is_ascii_whitespace())?..)?;
    let (value, _) = match rest.first() {
        Some(q @ (b'"' | b'\'')) => {
            let body = rest.get(1..)?;
            let e = body.iter().position(|b| b == q).unwrap_or(body.len());
            (body.get(..e)?, ())
        }
        _ => {
            let e = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b';' || b == b'"' || b == b'\'')
                .unwrap_or(rest.len());
            (rest.get(..e)?, ())
        }
    };
    lookup(value)
}

/// Attribute (name, value) pairs of a tag body; values unquoted, names lower-cased already.
fn parse_attrs(tag: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let n = tag.len();
    let at = |j: usize| tag.get(j).copied().unwrap_or(0);
    while i < n {
        while i < n && (at(i).is_ascii_whitespace() || at(i) == b'/') {
            i += 1;
        }
        let ns = i;
        while i < n && !at(i).is_ascii_whitespace() && at(i) != b'=' && at(i) != b'/' {
            i += 1;
        }
        let name = tag.get(ns..i).unwrap_or_default().to_vec();
        while i < n && at(i).is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Vec::new();
        if i < n && at(i) == b'=' {
            i += 1;
            while i < n && at(i).is_ascii_whitespace() {
                i += 1;
            }
            let q = at(i);
            if q == b'"' || q == b'\'' {
                i += 1;
                let vs = i;
                while i < n && at(i) != q {
                    i += 1;
                }
                value = tag.get(vs..i).unwrap_or_default().to_vec();
                i += 1;
            } else {
                let vs = i;
                while i < n && !at(i).is_ascii_whitespace() {
                    i += 1;
                }
                value = tag.get(vs..i).unwrap_or_default().to_vec();
            }
        }
        if name.is_empty() && value.is_empty() {
            i += 1;
            continue;
        }
        out.push((name, value));
    }
    out
}

/// First occurrence of `pat` in `hay`.
fn find(hay: &[u8], pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, pat)
}

/// UTF-16 without BOM: NULs concentrated on one parity, and a decoded sample that reads as text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(UTF16_SAMPLE) & !1)?;
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut z_even, mut z_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            z_even += usize::from(*a == 0);
            z_odd += usize::from(*b == 0);
        }
    }
    // ASCII (digits, newlines) in UTF-16 gives NULs on one parity only; at least 1 pair in 100.
    // CJK characters at U+xx00 (一 is U+4E00) put NULs on the other parity, so the test is a
    // clear majority, not exclusivity; the decoded sample below has the last word.
    let enc = if z_odd * 100 >= pairs && z_even * 3 <= z_odd {
        UTF_16LE
    } else if z_even * 100 >= pairs && z_odd * 3 <= z_even {
        UTF_16BE
    } else {
        return None;
    };
    let (text, _) = codec::decode_lossy(enc, sample);
    let (mut total, mut good) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        good += usize::from(plausible_text_char(c));
    }
    (total > 0 && good * 100 >= total * 90).then_some(enc)
}

/// Characters expected in a report: CJK, ASCII text, punctuation, full-width forms.
fn plausible_text_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}'..='\u{17F}'
        | '\u{2000}'..='\u{206F}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;
    use std::path::PathBuf;

    /// The corpus folder: `$OGI_CORPUS_DIR`, or `shared/corpus` / `tests/corpus` above the crate.
    fn corpus_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("OGI_CORPUS_DIR") {
            return PathBuf::from(d);
        }
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for anc in here.ancestors() {
            for sub in ["shared/corpus", "tests/corpus", "../shared/corpus"] {
                let p = anc.join(sub);
                if p.join("seeds").is_dir() {
                    return p;
                }
            }
        }
        let p = PathBuf::from("/work/shared/corpus");
        assert!(
            p.join("seeds").is_dir(),
            "corpus not found; set OGI_CORPUS_DIR"
        );
        p
    }

    fn seed(prefix: &str) -> String {
        let dir = corpus_dir().join("seeds");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("seeds dir")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
            })
            .collect();
        names.sort();
        let p = names
            .first()
            .unwrap_or_else(|| panic!("seed {prefix} not found"));
        std::fs::read_to_string(p).expect("utf-8 seed")
    }

    fn all_seeds() -> Vec<(String, String)> {
        ["000", "001", "002", "003", "004"]
            .iter()
            .map(|p| (p.to_string(), seed(p)))
            .collect()
    }

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        if enc == UTF_16LE || enc == UTF_16BE {
            let le = enc == UTF_16LE;
            return text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
        }
        let (bytes, _, _) = enc.encode(text);
        bytes.into_owned()
    }

    /// Simplified seeds (002, 003) in GBK and the Traditional ones (001, 004) in Big5, with the
    /// characters Big5 cannot hold dropped.
    fn reencoded() -> Vec<(String, &'static Encoding, String, Vec<u8>)> {
        let mut v = Vec::new();
        for (name, text) in all_seeds() {
            if name == "002" || name == "003" {
                v.push((name.clone(), GBK, text.clone(), encode(GBK, &text)));
            }
            if name == "001" || name == "004" {
                let kept: String = text
                    .chars()
                    .filter(|c| {
                        let mut b = [0u8; 4];
                        !BIG5.encode(c.encode_utf8(&mut b)).2
                    })
                    .collect();
                v.push((name.clone(), BIG5, kept.clone(), encode(BIG5, &kept)));
            }
        }
        v
    }

    /// Every character maps back to source bytes that decode to exactly that character.
    fn assert_map_exact(d: &Decoded<'_>, bytes: &[u8], enc: &'static Encoding) {
        assert_eq!(d.map.derived_len(), d.text.len());
        assert_eq!(d.map.source_len(), bytes.len());
        let dec = if enc == GBK { GB18030 } else { enc };
        for (i, c) in d.text.char_indices() {
            let (s, e) = d.map.map_range(i, i + c.len_utf8());
            let (piece, _) = dec.decode_without_bom_handling(&bytes[s..e]);
            assert_eq!(
                piece.chars().next(),
                Some(c),
                "char {c:?} at {i} maps to {s}..{e}"
            );
        }
    }

    #[test]
    fn valid_utf8_is_borrowed_with_identity_map() {
        let text = seed("002");
        let d = decode(text.as_bytes(), None);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.map.segment_count(), 1);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn gbk_and_big5_seeds_round_trip_with_exact_maps() {
        for (name, enc, text, bytes) in reencoded() {
            let d = decode(&bytes, None);
            assert_eq!(d.encoding, enc.name(), "seed {name}");
            assert_eq!(d.text, text, "seed {name}");
            assert_eq!(d.diagnostics.len(), 1, "seed {name}: {:?}", d.diagnostics);
            assert_eq!(d.diagnostics[0].code, Code::D001);
            assert!(d.diagnostics[0].message.contains(enc.name()));
            assert_map_exact(&d, &bytes, enc);
            // Far fewer segments than characters: runs of same-width characters merge.
            assert!(
                d.map.segment_count() * 4 < text.chars().count(),
                "seed {name}"
            );
        }
    }

    #[test]
    fn utf16_seeds_round_trip_with_and_without_bom() {
        for (name, text) in all_seeds() {
            for enc in [UTF_16LE, UTF_16BE] {
                let body = encode(enc, &text);
                let bom: &[u8] = if enc == UTF_16LE {
                    &[0xFF, 0xFE]
                } else {
                    &[0xFE, 0xFF]
                };
                let with_bom: Vec<u8> = bom.iter().copied().chain(body.iter().copied()).collect();
                for bytes in [&body, &with_bom] {
                    let d = decode(bytes, None);
                    assert_eq!(d.encoding, enc.name(), "seed {name}");
                    assert_eq!(d.text, text, "seed {name} {}", enc.name());
                    assert_map_exact(&d, bytes, enc);
                }
                let d = decode(&with_bom, None);
                assert_eq!(d.map.map_start(0), 2, "the BOM is skipped");
            }
        }
    }

    #[test]
    fn gbk_span_of_a_phrase_points_at_its_bytes() {
        let text = seed("002");
        let bytes = encode(GBK, &text);
        let d = decode(&bytes, None);
        let at = d.text.find("行政许可").expect("phrase in seed 002");
        let (s, e) = d.map.map_range(at, at + "行政许可".len());
        assert_eq!(e - s, 8);
        let (piece, _) = GBK.decode_without_bom_handling(&bytes[s..e]);
        assert_eq!(piece, "行政许可");
        assert_eq!(&bytes[s..e], &encode(GBK, "行政许可")[..]);
    }

    #[test]
    fn malformed_bytes_become_fffd_with_their_span() {
        let mut bytes = encode(GBK, "政府信息");
        bytes.extend_from_slice(&[0xFF, 0xFF]);
        bytes.extend(encode(GBK, "公开工作"));
        bytes.push(0xFF);
        bytes.extend(encode(GBK, "年度报告"));
        let d = decode(&bytes, Some("gbk"));
        assert_eq!(d.text, "政府信息\u{FFFD}\u{FFFD}公开工作\u{FFFD}年度报告");
        let d002: Vec<_> = d
            .diagnostics
            .iter()
            .filter(|x| x.code == Code::D002)
            .collect();
        assert_eq!(
            d002.len(),
            2,
            "adjacent bad bytes merge into one diagnostic"
        );
        assert_eq!(d002[0].span, Some(Span::new(8, 10)));
        assert_eq!(d002[1].span, Some(Span::new(18, 19)));
        let at = d.text.find('公').expect("公");
        assert_eq!(d.map.map_start(at), 10);
        assert_map_exact(&d, &bytes, GBK);
    }

    #[test]
    fn many_malformed_sequences_are_summarised() {
        let mut bytes = Vec::new();
        for _ in 0..30 {
            bytes.extend(encode(GBK, "政府"));
            bytes.push(0xFF);
        }
        let d = decode(&bytes, Some("GBK"));
        let d002: Vec<_> = d
            .diagnostics
            .iter()
            .filter(|x| x.code == Code::D002)
            .collect();
        assert_eq!(d002.len(), 21);
        assert!(
            d002[20].message.contains("30 in all"),
            "{}",
            d002[20].message
        );
        assert_eq!(d.text.matches('\u{FFFD}').count(), 30);
    }

    #[test]
    fn chardetng_is_not_fooled_by_200_byte_prefixes() {
        for (name, enc, _, bytes) in reencoded() {
            let mut cut = bytes.len().min(200);
            // Cut after a whole character: back up to an ASCII byte.
            while cut > 0 && bytes[cut - 1] >= 0x80 {
                cut -= 1;
            }
            let d = decode(&bytes[..cut], None);
            assert_eq!(d.encoding, enc.name(), "seed {name}, {cut} bytes");
        }
    }

    #[test]
    fn html_meta_charset_is_obeyed() {
        let body = "<html><head><meta charset=gbk></head><body><p>政府信息公开工作年度报告</p>";
        let bytes = encode(GBK, body);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text, body);
        assert!(d.diagnostics[0].message.contains("<meta>"));
        // Merged attributes and the http-equiv form.
        let merged = encode(
            GBK,
            "<meta charset=gb2312 name=viewport content=\"width=device-width\"><p>政府",
        );
        assert_eq!(html_meta_charset(&merged), Some(GBK));
        let equiv =
            br#"<!DOCTYPE html><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=big5">"#;
        assert_eq!(html_meta_charset(equiv), Some(BIG5));
        assert_eq!(html_meta_charset(b"<metadata charset=gbk>"), None);
        assert_eq!(html_meta_charset(b"plain text charset=gbk"), None);
    }

    #[test]
    fn forced_label_wins_and_unknown_label_is_reported() {
        let bytes = encode(BIG5, "政府資訊公開");
        let d = decode(&bytes, Some("big5"));
        assert_eq!((d.encoding, &*d.text), ("Big5", "政府資訊公開"));
        let gbk = encode(GBK, "政府信息公开工作年度报告");
        let d = decode(&gbk, Some("no-such-encoding"));
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.diagnostics[0].code, Code::D001);
        assert!(d.diagnostics[0].message.contains("no-such-encoding"));
    }

    /// A page declaring an encoding outside UTF-8, UTF-16, GBK/GB18030 and Big5: the full
    /// build obeys it; the browser build says it cannot and detects.
    #[test]
    fn meta_charset_of_another_encoding() {
        let page =
            "<html><head><meta charset=\"shift_jis\"></head><body><p>政府信息公开工作年度报告</p>";
        let bytes = encode(GBK, page);
        let d = decode(&bytes, None);
        if codec::ALL_ENCODINGS {
            assert_eq!(d.encoding, "Shift_JIS");
            assert!(d.diagnostics[0].message.contains("<meta>"));
        } else {
            assert_eq!((d.encoding, &*d.text), ("GBK", page));
            assert_eq!(d.diagnostics.len(), 2, "{:?}", d.diagnostics);
            assert_eq!(d.diagnostics[0].code, Code::D001);
            assert!(d.diagnostics[0].message.contains("`shift_jis`"));
            assert!(d.diagnostics[0]
                .message
                .contains("not one this build decodes"));
            assert!(d.diagnostics[1]
                .message
                .contains("decoded from GBK (detected)"));
        }
        // Forced, the same label.
        let d = decode(&bytes, Some("Shift_JIS"));
        if codec::ALL_ENCODINGS {
            assert_eq!(d.encoding, "Shift_JIS");
        } else {
            assert_eq!((d.encoding, &*d.text), ("GBK", page));
            assert!(d.diagnostics[0].message.contains("`Shift_JIS` ignored"));
        }
    }

    #[test]
    fn utf8_bom_is_skipped_and_borrowed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("一、总体情况".as_bytes());
        let d = decode(&bytes, None);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.text, "一、总体情况");
        assert_eq!(d.map.map_range(0, 3), (3, 6));
    }

    #[test]
    fn invalid_utf8_forced_is_replaced_and_mapped() {
        let bytes = b"ab\xE4\xB8cd".to_vec();
        let d = decode(&bytes, Some("utf-8"));
        assert_eq!(d.text, "ab\u{FFFD}cd");
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].span, Some(Span::new(2, 4)));
        assert_eq!(d.map.map_range(5, 6), (4, 5));
    }

    #[test]
    fn hostile_inputs_never_panic_and_maps_are_total() {
        let mut seedv = 0x2545_F491_u32;
        for len in [0usize, 1, 2, 3, 7, 64, 1000, 4097] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seedv ^= seedv << 13;
                    seedv ^= seedv >> 17;
                    seedv ^= seedv << 5;
                    (seedv >> 24) as u8
                })
                .collect();
            for forced in [
                None,
                Some("gb18030"),
                Some("big5"),
                Some("utf-16le"),
                Some("shift_jis"),
            ] {
                let d = decode(&bytes, forced);
                assert_eq!(d.map.derived_len(), d.text.len());
                assert_eq!(d.map.source_len(), bytes.len());
                let mut last = 0;
                for (i, _) in d.text.char_indices() {
                    let s = d.map.map_start(i);
                    assert!(s >= last && s <= bytes.len());
                    last = s;
                }
            }
        }
    }

    #[test]
    fn ten_megabytes_of_gbk_make_a_compact_map() {
        let one = seed("002");
        let n = 10_000_000 / one.len() + 1;
        let text = one.repeat(n);
        let bytes = encode(GBK, &one).repeat(n);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text.len(), text.len());
        // About one segment per switch between ASCII and CJK, never one per character.
        let n_chars = text.chars().count();
        assert!(
            d.map.segment_count() * 5 < n_chars,
            "{} segments",
            d.map.segment_count()
        );
    }

    /// `cargo test -p ogi-report --release --lib decode::tests::throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn throughput() {
        let text = seed("002").repeat(10_000_000 / 5910 + 1);
        let t = std::time::Instant::now();
        let d = decode(text.as_bytes(), None);
        let dt = t.elapsed();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        eprintln!("UTF-8 {} MB: {:?}", text.len() / 1_000_000, dt);
        let bytes = encode(GBK, &text);
        let t = std::time::Instant::now();
        let d = decode(&bytes, None);
        let dt = t.elapsed();
        eprintln!(
            "GBK {} MB: {:?} ({:.0} MB/s), {} segments for {} chars",
            bytes.len() / 1_000_000,
            dt,
            bytes.len() as f64 / 1e6 / dt.as_secs_f64(),
            d.map.segment_count(),
            d.text.chars().count()
        );
    }

    proptest::proptest! {
        /// A GB18030 stretch is mapped by its bytes as it was a character at a time: the same
        /// segments for the whole stretch, and for the stretch with its text cut short (the
        /// walk stops where the text does, and the rest is one coarse segment).
        /// Characters of every GB18030 shape: ASCII, 0x80 (`€`), two-byte GBK (ideographs,
        /// punctuation, full-width forms, Greek, pinyin letters, `·`), four-byte sequences
        /// (beyond GBK, beyond the BMP), and any character.
        #[test]
        fn a_gb18030_stretch_maps_as_it_did_a_character_at_a_time(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "政府", "信息公开", "a", "12", "|", "\n", " ", "€", "，", "。", "（一）", "ａ",
                    "α", "é", "·", "\u{80}", "\u{A0}", "😀", "\u{E5E5}", "\u{FFFF}", "\u{3000}",
                    "0123456789abcdef",
                ]).prop_map(str::to_string),
                proptest::arbitrary::any::<char>().prop_map(String::from),
            ], 0..40),
            cut in 0usize..8,
        ) {
            let text = parts.concat();
            let bytes = encode(GB18030, &text);
            let (decoded, had_errors) = GB18030.decode_without_bom_handling(&bytes);
            proptest::prop_assert!(!had_errors);
            let mut ends: Vec<usize> = decoded.char_indices().map(|(i, _)| i).collect();
            ends.push(decoded.len());
            let short = ends.len().saturating_sub(1 + cut);
            for t in [&decoded[..], &decoded[..ends[short]]] {
                let (mut fast, mut slow) = (OffsetMap::new(), OffsetMap::new());
                map_stretch(GB18030, &bytes, t, &mut fast);
                map_stretch_by_char(GB18030, &bytes, t, &mut slow);
                proptest::prop_assert_eq!(&fast, &slow);
            }
        }

        /// A head of tags, text, `<` and stray case: HTML or not as every window told.
        #[test]
        fn the_html_test_by_each_lt_is_the_test_by_every_window(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<html", "<HTML>", "<meta", "<!DOCTYPE", "<!doctype", "<head", "<Body", "<p>",
                "<P>", "<p", "<div", "<DIV class", "<table", "<tab", "<", "<<", " ", "\n", "a",
                "政府", "\u{FF1C}", "html", "p>", "<\u{00E9}",
            ]), 0..8),
        ) {
            let head = parts.concat();
            proptest::prop_assert_eq!(
                looks_like_html(head.as_bytes()),
                looks_like_html_by_windows(head.as_bytes())
            );
        }
    }
}
