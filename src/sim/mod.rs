//! Local stand-in for the Telegram Bot API (9.1, as used by teloxide 0.17).
//!
//! [`start`] binds an HTTP server that answers `POST /bot<token>/<method>`
//! like Telegram, serves files at `/file/bot<token>/<path>`, offers a JSON
//! control API under `/control/...` and a phone-like chat page at `/`.
//! [`SimHandle`] gives tests the same control operations in-process.

mod control;
mod entities;
mod error;
mod faults;
mod handle;
mod log;
mod media;
mod methods;
mod misc;
mod objects;
mod page;
mod params;
mod server;
mod state;
mod transcript;
mod updates;
mod user_content;
mod users;
mod validate;

pub use entities::utf16_len;
pub use error::{ApiError, SimError};
pub use faults::{Chaos, FaultKind, FaultPlan, FloodLimit};
pub use handle::{SimConfig, SimHandle, Simulator, start};
pub use log::{METHODS, RequestRecord, UploadRecord};
pub use state::{ChatKind, SimState, SimUser};
pub use transcript::{Direction, Transcript, TranscriptEntry};
pub use users::{ButtonRef, NewUser, UserMessage};
