//! HTML pages and fragments → a pipe-row text plus an offset map.

use crate::textmap::OffsetMap;

/// The linearised page.
pub(crate) struct Linearized {
    pub text: String,
    pub map: OffsetMap,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// Cheap check whether the input is HTML.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let _ = text;
    false
}

/// Linearise a page.
pub(crate) fn linearize(input: &str) -> Linearized {
    Linearized {
        text: input.to_string(),
        map: OffsetMap::identity(input.len()),
        title: None,
        published: None,
    }
}
