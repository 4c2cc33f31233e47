//! The GBK-or-Big5 score of a byte sample: common characters minus rare ones minus four per
//! invalid byte, under each reading. The lite build's detector decides by it alone; the full
//! build decides by it when it is decisive and asks chardetng otherwise.

/// How a reading classes one two-byte character.
#[cfg(test)]
#[derive(Clone, Copy)]
enum Class {
    /// Among the characters of everyday text in that script, or its common punctuation.
    Common,
    /// Valid, but rare in Chinese prose (symbols, level-2 and extension characters).
    Rare,
    /// Not a character of that encoding.
    Invalid,
}

/// Common characters minus rare ones minus four per invalid byte, under one reading.
///
/// A valid two-byte character counts one up or one down, told by comparisons of its bytes
/// without a branch ([`gbk_common`], [`big5_common`]): reading GBK text as Big5 (as the
/// detector does, to weigh one reading against the other), common and rare characters
/// alternate with no pattern a branch predictor can follow. Only the invalid bytes and GBK's
/// four-byte sequences, rare in a report, take a branch of their own. What [`score_by_class`]
/// counts: a proptest holds it.
// The lite build's detector reads a sample at once; the full build's reads it in steps.
#[cfg_attr(feature = "all-encodings", allow(dead_code))]
pub(crate) fn score(bytes: &[u8], gbk: bool) -> i64 {
    score_from(bytes, gbk, 0, usize::MAX).0
}

/// [`score`] of the units (ASCII bytes, pairs, four-byte sequences, invalid bytes) of `bytes`
/// that start at `start` and before `stop`, and where the next unit starts: the score of a
/// sample read a step at a time, each step taking up where the last one's units ended, is the
/// score of the sample read at once.
pub(crate) fn score_from(bytes: &[u8], gbk: bool, start: usize, stop: usize) -> (i64, usize) {
    if gbk {
        score_with(bytes, true, gbk_common, start, stop)
    } else {
        score_with(bytes, false, big5_common, start, stop)
    }
}

/// [`score_from`] under one reading, `common` telling a valid character's class.
#[inline(always)]
fn score_with(
    bytes: &[u8],
    gbk: bool,
    common: impl Fn(u8, u8) -> bool,
    start: usize,
    stop: usize,
) -> (i64, usize) {
    let mut score = 0i64;
    let mut i = start;
    while let Some(&lead) = bytes.get(i) {
        if i >= stop {
            break;
        }
        if lead.is_ascii() {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        // Valid under either reading: a lead of 0x81..=0xFE, a trail of 0x40..=0x7E or of
        // 0xA1..=0xFE, and for GBK also of 0x80..=0xA0.
        let valid_trail =
            matches!(trail, 0x40..=0x7E | 0xA1..=0xFE) | (gbk & (0x80..=0xA0).contains(&trail));
        if (0x81..=0xFE).contains(&lead) & valid_trail {
            let counted = !uncounted(bytes, i, lead, trail);
            score += (2 * i64::from(common(lead, trail)) - 1) * i64::from(counted);
            i += 2;
            continue;
        }
        if gbk
            && (0x81..=0xFE).contains(&lead)
            && trail.is_ascii_digit()
            && bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
        {
            // A four-byte sequence: valid, and rare in reports.
            score -= 1;
            i += 4;
            continue;
        }
        // Invalid; for GBK also a digit trail that opens no four-byte sequence.
        score -= 4;
        i += 1;
    }
    (score, i)
}

/// Whether the pair at `i` is left out of both readings' scores: GBK's box-drawing characters
/// (GB2312's row 9, 0xA9A4..=0xA9EF, and GBK's double lines, 0xA854..=0xA877), and a pair
/// written again right after itself.
///
/// A table a text browser draws (`┌──┬──┐`, `│`) is mostly such pairs, and read as Big5 they
/// are everyday characters: counted, they made a GBK page of drawn tables read as Big5. Left
/// out, the text in the cells decides. A Big5 text loses the evidence of the few characters
/// with those bytes, and of a character doubled (`常常`) its second.
#[inline(always)]
fn uncounted(bytes: &[u8], i: usize, lead: u8, trail: u8) -> bool {
    let drawn = ((lead == 0xA9) & (0xA4..=0xEF).contains(&trail))
        | ((lead == 0xA8) & (0x54..=0x77).contains(&trail));
    let again = i >= 2 && bytes.get(i - 2..i) == bytes.get(i..i + 2);
    drawn | again
}

/// Whether a valid GBK pair is common: GB2312 level 1, punctuation (row 1) or a full-width
/// form (row 3), with a trail of 0xA1..=0xFE ([`gbk_class`]).
#[inline(always)]
fn gbk_common(lead: u8, trail: u8) -> bool {
    (matches!(lead, 0xB0..=0xD7) | (lead == 0xA1) | (lead == 0xA3)) & (trail >= 0xA1)
}

/// Whether a valid Big5 pair is common ([`big5_class`]): an everyday character (leads
/// 0xA4..=0xC5, and 0xC6 with a trail below 0x7F), or punctuation and symbols (leads 0xA1 and
/// 0xA2, and 0xA3 with a trail up to 0xBF).
#[inline(always)]
fn big5_common(lead: u8, trail: u8) -> bool {
    matches!(lead, 0xA1..=0xA2 | 0xA4..=0xC5)
        | ((lead == 0xC6) & (trail <= 0x7E))
        | ((lead == 0xA3) & (trail <= 0xBF))
}

/// [`score`] as first written, each pair classed by a `match` ([`gbk_class`], [`big5_class`])
/// and the class matched to count it: the reference it is held to.
#[cfg(test)]
fn score_by_class(bytes: &[u8], gbk: bool) -> i64 {
    let mut score = 0i64;
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        if lead.is_ascii() {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        let mut four = false;
        let class = if !(0x81..=0xFE).contains(&lead) {
            Class::Invalid
        } else if gbk {
            if trail.is_ascii_digit() && bytes.get(i + 3).is_some_and(u8::is_ascii_digit) {
                // A four-byte sequence: valid, and rare in reports.
                i += 2;
                four = true;
                Class::Rare
            } else {
                gbk_class(lead, trail)
            }
        } else {
            big5_class(lead, trail)
        };
        match class {
            Class::Common | Class::Rare if !four && uncounted(bytes, i, lead, trail) => i += 2,
            Class::Common => {
                score += 1;
                i += 2;
            }
            Class::Rare => {
                score -= 1;
                i += 2;
            }
            Class::Invalid => {
                score -= 4;
                i += 1;
            }
        }
    }
    score
}

/// The class of a two-byte sequence read as GBK.
#[cfg(test)]
fn gbk_class(lead: u8, trail: u8) -> Class {
    match (lead, trail) {
        (_, 0x40..=0x7E | 0x80..=0xA0) => Class::Rare,
        // GB2312 level 1; punctuation (row 1) and full-width forms (row 3).
        (0xB0..=0xD7 | 0xA1 | 0xA3, 0xA1..=0xFE) => Class::Common,
        (_, 0xA1..=0xFE) => Class::Rare,
        _ => Class::Invalid,
    }
}

/// The class of a two-byte sequence read as Big5.
#[cfg(test)]
fn big5_class(lead: u8, trail: u8) -> Class {
    match (lead, trail) {
        (_, 0x40..=0x7E | 0xA1..=0xFE) if (0xA4..=0xC5).contains(&lead) => Class::Common,
        (0xC6, 0x40..=0x7E) => Class::Common,
        // Punctuation and symbols (0xA140–0xA3BF).
        (0xA1..=0xA2, 0x40..=0x7E | 0xA1..=0xFE) | (0xA3, 0x40..=0x7E | 0xA1..=0xBF) => {
            Class::Common
        }
        (_, 0x40..=0x7E | 0xA1..=0xFE) => Class::Rare,
        _ => Class::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// Up to `max` bytes of every value, weighted towards lead bytes, digits (GBK's four-byte
    /// sequences, cut or whole) and the trail bytes both readings share.
    fn sample_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            proptest::prop_oneof![
                proptest::arbitrary::any::<u8>(),
                0x81u8..=0xFE,
                0x30u8..=0x39,
                0xA1u8..=0xFE,
            ],
            0..max,
        )
    }

    proptest::proptest! {
        /// Both readings count what the classes counted, on bytes of every value, runs of
        /// digits (GBK's four-byte sequences, cut or whole) and pairs cut at the end.
        #[test]
        fn the_score_without_branches_is_the_score_by_class(bytes in sample_bytes(64)) {
            for gbk in [true, false] {
                proptest::prop_assert_eq!(score(&bytes, gbk), score_by_class(&bytes, gbk));
            }
        }
    }

    proptest::proptest! {
        /// A sample scored a step at a time, each step taking up where the last one's units
        /// ended, scores as the sample read at once, and the steps end where its units end:
        /// steps of any length, over pairs cut by a step, four-byte sequences and invalid bytes.
        #[test]
        fn a_sample_scored_in_steps_scores_as_it_read_at_once(
            bytes in sample_bytes(200),
            step in 1usize..40,
        ) {
            for gbk in [true, false] {
                let (mut total, mut at, mut stop) = (0i64, 0usize, 0usize);
                while stop < bytes.len() {
                    stop += step;
                    let (s, next) = score_from(&bytes, gbk, at, stop);
                    proptest::prop_assert!(next >= stop.min(bytes.len()) && next >= at);
                    total += s;
                    at = next;
                }
                proptest::prop_assert_eq!(total, score(&bytes, gbk));
            }
        }
    }

    /// Every pair of bytes, alone and followed by two digits, under both readings.
    #[test]
    fn every_pair_scores_as_its_class() {
        for lead in 0..=255u8 {
            for trail in 0..=255u8 {
                for bytes in [[lead, trail, b'a', b'a'], [lead, trail, b'1', b'2']] {
                    for gbk in [true, false] {
                        assert_eq!(
                            score(&bytes, gbk),
                            score_by_class(&bytes, gbk),
                            "{lead:02X} {trail:02X} {gbk}"
                        );
                    }
                }
            }
        }
    }
}
