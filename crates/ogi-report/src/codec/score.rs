//! The GBK-or-Big5 score of a byte sample: common characters minus rare ones minus four per
//! invalid byte, under each reading. The lite build's detector decides by it alone; the full
//! build decides by it when it is decisive and asks chardetng otherwise.

/// How a reading classes one two-byte character.
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
pub(crate) fn score(bytes: &[u8], gbk: bool) -> i64 {
    let mut score = 0i64;
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        if lead.is_ascii() {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        let class = if !(0x81..=0xFE).contains(&lead) {
            Class::Invalid
        } else if gbk {
            if trail.is_ascii_digit() && bytes.get(i + 3).is_some_and(u8::is_ascii_digit) {
                // A four-byte sequence: valid, and rare in reports.
                i += 2;
                Class::Rare
            } else {
                gbk_class(lead, trail)
            }
        } else {
            big5_class(lead, trail)
        };
        match class {
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
