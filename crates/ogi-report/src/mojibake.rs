//! Mojibake: UTF-8 bytes read as GBK (reversible) and GBK read one byte out of phase.

use std::ops::Range;

/// A damaged run found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MojibakeRun {
    /// Byte range of the run in the text.
    pub range: Range<usize>,
    /// The repaired text, when the damage is reversible.
    pub repaired: Option<String>,
}

/// Find the mojibake runs of `text`, in order, non-overlapping.
pub(crate) fn find_mojibake(text: &str) -> Vec<MojibakeRun> {
    let _ = text;
    Vec::new()
}
