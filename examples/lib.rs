//! Runnable examples of ogi-report; see `rust/` (each is run by CI on `tests/corpus`).
#![forbid(unsafe_code)]
