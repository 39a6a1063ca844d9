//! Application services: the steps that combine the store and the crypto
//! module, shared by the bot, the console and the CLI.

pub mod access;
pub mod accounts;
pub mod alerts;
pub mod apply;
pub mod audit;
pub mod casework;
pub mod identify;
pub mod keys;
pub mod links;
pub mod login;
pub mod outbox;
pub mod passwords;
pub mod reporter;
pub mod retention;
pub mod rotate;
pub mod session;
pub mod submit;
pub mod watchlist;
