//! Suara's integration tests: one binary, so the crate is linked once.

mod app;
mod backup;
mod bot;
mod browser;
mod canary;
mod cli;
mod cli_accounts;
mod console;
mod conversation;
mod deploy;
mod faults;
mod helpers;
mod layers;
mod load_smoke;
mod locales;
mod migrations;
mod ops;
mod reply;
mod rotation;
mod service;
mod sim;
mod spec;
mod status_limits;
mod store;
