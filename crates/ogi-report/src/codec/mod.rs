//! The decoders behind `decode.rs`: encoding_rs and chardetng, or a small built-in set.
//!
//! # Why two back ends
//!
//! encoding_rs dispatches over every WHATWG encoding at run time (one `match` over all its
//! decoders), so a program that decodes with any `&'static Encoding` links every decoder and
//! its tables: Japanese, Korean and single-byte ones included, about 50 KB of the browser
//! module after gzip. chardetng pins them as well, because it feeds each candidate's bytes to
//! an encoding_rs decoder of that encoding. Reports come in UTF-8, UTF-16, GBK/GB18030 and
//! Big5 only, so the browser build (the `all-encodings` feature off) decodes those four with
//! the code in `lite.rs` and tells GBK from Big5 by which reading puts more of the two-byte
//! characters among the common ones of its script.
//!
//! The encoding_rs `Encoding` statics stay the names of encodings in both builds: comparing or
//! naming them links no decoder.
//!
//! # Pitfalls
//!
//! - `lite.rs` must decode exactly as encoding_rs does (same text, same malformed spans): its
//!   tests compare the two on every two- and four-byte sequence and on random bytes. Its tables
//!   are generated from encoding_rs (`UPDATE_TABLES=1 cargo test -p ogi-report --lib codec`).
//! - The lite decoder is stateless: each call decodes from the start of what it is given, and
//!   a malformed sequence ends the call with no bytes consumed beyond it (encoding_rs may
//!   consume some and hold them; `decode.rs` restarts after the malformed bytes either way).

// With `all-encodings`, compiled for its tests only: they hold it to encoding_rs.
#[cfg(any(test, not(feature = "all-encodings")))]
#[cfg_attr(feature = "all-encodings", allow(dead_code))]
mod lite;

use std::borrow::Cow;

pub(crate) use encoding_rs::{DecoderResult, Encoding};

/// A decoder of one encoding, fed the rest of the input until it is consumed.
#[cfg(feature = "all-encodings")]
pub(crate) type Decoder = encoding_rs::Decoder;
/// A decoder of one encoding, fed the rest of the input until it is consumed.
#[cfg(not(feature = "all-encodings"))]
pub(crate) type Decoder = lite::Decoder;

/// Does this build decode every WHATWG encoding (or only UTF-8, UTF-16, GBK/GB18030, Big5)?
pub(crate) const ALL_ENCODINGS: bool = cfg!(feature = "all-encodings");

/// A decoder for `enc` that ignores byte-order marks.
pub(crate) fn new_decoder(enc: &'static Encoding) -> Decoder {
    #[cfg(feature = "all-encodings")]
    return enc.new_decoder_without_bom_handling();
    #[cfg(not(feature = "all-encodings"))]
    return lite::Decoder::new(enc);
}

/// The encoding a WHATWG label names (ASCII case and surrounding whitespace ignored), if this
/// build decodes it; never the replacement encoding.
pub(crate) fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    #[cfg(feature = "all-encodings")]
    return Encoding::for_label_no_replacement(label);
    #[cfg(not(feature = "all-encodings"))]
    return lite::for_label(label);
}

/// `bytes` decoded with `enc`, malformed sequences replaced by U+FFFD; true if there were any.
pub(crate) fn decode_lossy<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    #[cfg(feature = "all-encodings")]
    return enc.decode_without_bom_handling(bytes);
    #[cfg(not(feature = "all-encodings"))]
    return lite::decode_lossy(enc, bytes);
}

/// `bytes` decoded with `enc`, or `None` at the first malformed sequence.
pub(crate) fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    #[cfg(feature = "all-encodings")]
    return enc.decode_without_bom_handling_and_without_replacement(bytes);
    #[cfg(not(feature = "all-encodings"))]
    return lite::decode_strict(enc, bytes);
}

/// The single character `bytes` decode to with `enc`, or `None` when they are malformed,
/// incomplete or decode to anything but one character: [`decode_strict`] for one character,
/// without allocating (the mojibake tables and repairs call it thousands of times).
pub(crate) fn decode_char_strict(enc: &'static Encoding, bytes: &[u8]) -> Option<char> {
    #[cfg(feature = "all-encodings")]
    {
        let mut dec = enc.new_decoder_without_bom_handling();
        // Callers pass one sequence (at most four bytes), which never fills this buffer.
        let mut buf = [0u8; 16];
        let (res, read, written) = dec.decode_to_utf8_without_replacement(bytes, &mut buf, true);
        if res != DecoderResult::InputEmpty || read != bytes.len() {
            return None;
        }
        one_char(std::str::from_utf8(buf.get(..written)?).ok()?)
    }
    #[cfg(not(feature = "all-encodings"))]
    {
        one_char(&lite::decode_strict(enc, bytes)?)
    }
}

/// The only character of `s`, if it has exactly one.
fn one_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The most likely legacy encoding of `sample` (which is not UTF-8 or UTF-16).
pub(crate) fn detect(sample: &[u8]) -> &'static Encoding {
    #[cfg(feature = "all-encodings")]
    {
        use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
        // No TLD hint: a `.cn` hint turns Big5 into GBK and `.tw` the reverse.
        let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
        det.feed(sample, true);
        det.guess(None, Utf8Detection::Allow)
    }
    #[cfg(not(feature = "all-encodings"))]
    lite::detect(sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030};

    #[test]
    fn one_character_is_decoded_strictly_without_allocating() {
        assert_eq!(decode_char_strict(GB18030, &[0xD6, 0xD0]), Some('中'));
        assert_eq!(decode_char_strict(GB18030, b"A"), Some('A'));
        assert_eq!(decode_char_strict(GB18030, &[0x80]), Some('€'));
        assert_eq!(decode_char_strict(BIG5, &[0xA4, 0xA4]), Some('中'));
        // Incomplete, unmapped, or more than one character.
        assert_eq!(decode_char_strict(GB18030, &[0xD6]), None);
        assert_eq!(decode_char_strict(GB18030, &[0x81, 0x7F]), None);
        assert_eq!(decode_char_strict(GB18030, &[0xD6, 0xD0, 0x41]), None);
        assert_eq!(decode_char_strict(GB18030, &[]), None);
        // The same answers as the allocating decoder on every two-byte GB18030 sequence.
        for lead in 0x81u8..=0xFE {
            for trail in 0x40u8..=0xFE {
                let pair = [lead, trail];
                let whole = decode_strict(GB18030, &pair).and_then(|s| one_char(&s));
                assert_eq!(decode_char_strict(GB18030, &pair), whole, "{pair:02X?}");
            }
        }
    }
}
