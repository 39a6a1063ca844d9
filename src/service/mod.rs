//! Application services: the steps that combine the store and the crypto
//! module, shared by the bot, the console and the CLI.

pub mod accounts;
pub mod alerts;
pub mod keys;
pub mod login;
pub mod messages;
pub mod retention;
pub mod rotate;
pub mod submit;
