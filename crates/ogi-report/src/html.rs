//! HTML pages and fragments → a pipe-row text plus an offset map.
