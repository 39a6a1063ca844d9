//! `suara user add` and `suara user reset`: console accounts from the
//! command line. Secrets (passwords, the recovery key) come from standard
//! input, never from arguments, which other users of the machine can see.

use std::io::{BufRead, IsTerminal, Write};

use chrono::Utc;
use zeroize::Zeroizing;

use super::CommandError;
use crate::config::Settings;
use crate::crypto::{PasswordKdf, RecoveryKey};
use crate::domain::RegionCode;
use crate::domain::account::{AccountRuleError, NewAccount};
use crate::domain::role::Role;
use crate::service::accounts::{self, AccountError, MIN_PASSWORD_CHARS};
use crate::service::keys;
use crate::store;

/// Who runs these commands, as the audit log and key grants record it.
const ACTOR: &str = "cli";

/// `suara user add`, as parsed.
pub struct NewUser {
    pub username: String,
    pub role: Role,
    pub regions: Vec<RegionCode>,
    pub agency: Option<String>,
}

/// Creates an account: arguments checked before the password is asked for.
pub async fn add(settings: &Settings, new: NewUser) -> Result<(), CommandError> {
    let regions: Vec<&str> = new.regions.iter().map(|r| r.as_str()).collect();
    let account = NewAccount::parse(
        &new.username,
        new.role,
        &regions,
        new.agency.as_deref(),
        &settings.regions,
    )
    .map_err(usage)?;
    let store = store::connect(settings).await?;
    store.migrate().await?;
    if (store.worker_by_username(account.username.as_str()).await?).is_some() {
        return Err(AccountError::UsernameTaken.into());
    }

    let mut input = Input::stdin();
    let password = input.line("Password: ", "the password")?;
    check_password(&password)?;

    // Announced to the task force's group too, when one is configured and
    // the server key is at hand (the audit log and the console tell every
    // koordinator in any case).
    let announce = match settings.console.alert_chat_id {
        Some(chat) => match (
            keys::load_server_key(settings),
            crate::i18n::Locales::load(),
        ) {
            (Ok(key), Ok(locales)) => Some((chat, key, locales)),
            _ => None,
        },
        None => None,
    };
    let group = announce
        .as_ref()
        .map(|(chat, key, locales)| accounts::AlertGroup {
            server_key: key,
            locales,
            chat: *chat,
        });
    let id = accounts::create_announced(
        store.as_ref(),
        &PasswordKdf::production(),
        &account,
        &password,
        ACTOR,
        Utc::now(),
        group.as_ref(),
    )
    .await?;
    println!(
        "created account {id}: {} ({}{})",
        account.username.as_str(),
        account.role,
        account.scope()
    );
    println!(
        "It has no TOTP yet: at the first console login it is asked to enrol an authenticator app."
    );
    println!(
        "Approved at creation by the operator (cli): every koordinator sees it under \"Who reads reports\"."
    );
    Ok(())
}

/// An account rule broken on the command line, named by its flag.
fn usage(err: AccountRuleError) -> CommandError {
    CommandError::Usage(match err {
        AccountRuleError::Username => {
            "--username must be 1 to 64 letters, digits, '.', '_' or '-'".to_owned()
        }
        AccountRuleError::RegionsNeeded(role) => format!(
            "a {role} account needs --regions (for example --regions 64 or --regions 64.72): \
             new reports in those regions are sealed to it"
        ),
        AccountRuleError::AgencyNeeded => {
            "a mitra account needs --agency CODE: the partner agency whose referrals it reads"
                .to_owned()
        }
        AccountRuleError::BadAgency => {
            "--agency must be 1 to 64 letters, digits, '-', '_' or '.'".to_owned()
        }
        AccountRuleError::AgencyNotAllowed(role) => {
            format!("--agency is only for mitra accounts, not {role}")
        }
        other => other.to_string(),
    })
}

/// Resets a forgotten password with the recovery key, then makes the
/// account start over: TOTP to enrol again, no open sessions, no lockout.
pub async fn reset(settings: &Settings, username: &str) -> Result<(), CommandError> {
    let store = store::connect(settings).await?;
    store.migrate().await?;
    let worker = store
        .worker_by_username(username)
        .await?
        .ok_or(AccountError::NoSuchAccount)?;
    let expected = keys::recovery_public_key(store.as_ref()).await?;

    let mut input = Input::stdin();
    let paper = input.line("Recovery key: ", "the recovery key")?;
    let password = input.line("New password: ", "the new password")?;
    let recovery = RecoveryKey::from_paper(&paper)
        .map_err(|e| CommandError::RecoveryKey(format!("{e}; nothing was changed")))?;
    if recovery.public_key().to_hex() != expected.to_hex() {
        return Err(CommandError::RecoveryKey(
            "it is not this database's recovery key (the public key differs); nothing was changed"
                .to_owned(),
        ));
    }
    check_password(&password)?;

    let regranted = accounts::reset_with_recovery(
        store.as_ref(),
        &PasswordKdf::production(),
        &recovery,
        username,
        &password,
        ACTOR,
    )
    .await?;
    store.set_totp(&worker.id, None).await?;
    let sessions = store.delete_sessions_of(&worker.id).await?;
    store.record_login(&worker.id).await?;
    println!(
        "password of {username} reset: {regranted} report {} re-granted to its new key",
        plural(regranted as u64, "key", "keys")
    );
    println!(
        "TOTP cleared (enrolled again at the next login), {sessions} console {} ended, lockout lifted",
        plural(sessions, "session", "sessions")
    );
    Ok(())
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Refuses a short password before any key work; the message names the
/// minimum, never the password.
fn check_password(password: &str) -> Result<(), CommandError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword.into());
    }
    Ok(())
}

/// Standard input, one line per secret. On a terminal each line gets a
/// prompt on stderr; piped, the lines are read as they come.
struct Input<R> {
    reader: R,
    interactive: bool,
}

impl Input<std::io::StdinLock<'static>> {
    fn stdin() -> Self {
        let stdin = std::io::stdin();
        Self {
            interactive: stdin.is_terminal(),
            reader: stdin.lock(),
        }
    }
}

impl<R: BufRead> Input<R> {
    /// The next line without its line ending. End of input before any
    /// character is an error naming `what` was expected.
    fn line(&mut self, prompt: &str, what: &str) -> Result<Zeroizing<String>, CommandError> {
        if self.interactive {
            let mut err = std::io::stderr();
            write!(err, "{prompt}")?;
            err.flush()?;
        }
        let mut line = Zeroizing::new(String::new());
        if self.reader.read_line(&mut line)? == 0 {
            return Err(CommandError::Usage(format!(
                "expected {what} on standard input, one line each"
            )));
        }
        let end = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(end);
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piped(text: &'static str) -> Input<&'static [u8]> {
        Input {
            reader: text.as_bytes(),
            interactive: false,
        }
    }

    #[test]
    fn lines_lose_their_line_ending_but_keep_inner_and_trailing_spaces() {
        let mut input = piped("ABCD EFGH\r\n  kata sandi panjang \n");
        assert_eq!(input.line("", "a").unwrap().as_str(), "ABCD EFGH");
        assert_eq!(
            input.line("", "b").unwrap().as_str(),
            "  kata sandi panjang "
        );
    }

    #[test]
    fn a_missing_line_names_what_was_expected() {
        let mut input = piped("only one line");
        assert!(input.line("", "the recovery key").is_ok());
        let err = input.line("", "the new password").unwrap_err();
        assert!(err.to_string().contains("the new password"), "{err}");
    }
}
