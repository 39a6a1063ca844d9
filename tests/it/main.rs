//! Suara's integration tests: one binary, so the crate is linked once.

mod cli;
mod helpers;
mod locales;
mod store;
