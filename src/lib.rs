//! Suara: anonymous, encrypted reports of violence and trafficking over
//! Telegram, and the triage console where case workers answer them.
//!
//! See `docs/ARCHITECTURE.md` for the module map and the path a report takes.

#![forbid(unsafe_code)]

pub mod app;
pub mod bot;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod conversation;
pub mod crypto;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod samples;
pub mod service;
pub mod sim;
pub mod store;
pub mod telemetry;
