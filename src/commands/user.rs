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
use crate::domain::role::Role;
use crate::service::accounts::{self, AccountError, MIN_PASSWORD_CHARS, NewAccount};
use crate::service::keys;
use crate::store::{self, AuditDraft};

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
    check_username(&new.username)?;
    let regions = check_regions(settings, new.role, &new.regions)?;
    let agency = check_agency(new.role, new.agency.as_deref())?;
    let store = store::connect(settings).await?;
    store.migrate().await?;
    if store.worker_by_username(&new.username).await?.is_some() {
        return Err(AccountError::UsernameTaken.into());
    }

    let mut input = Input::stdin();
    let password = input.line("Password: ", "the password")?;
    check_password(&password)?;

    let id = accounts::create(
        store.as_ref(),
        &PasswordKdf::production(),
        NewAccount {
            username: &new.username,
            role: new.role,
            regions: regions.clone(),
            agency: agency.clone(),
            password: &password,
        },
        Utc::now(),
    )
    .await?;
    let scope = scope(&regions, agency.as_deref());
    store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: ACTOR.to_owned(),
            action: crate::domain::audit::AuditAction::AccountCreated,
            report_id: None,
            detail: format!("account {id}; role {}{scope}", new.role),
        })
        .await?;
    println!(
        "created account {id}: {} ({}{scope})",
        new.username, new.role
    );
    println!(
        "It has no TOTP yet: at the first console login it is asked to enrol an authenticator app."
    );
    Ok(())
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

/// ", regions 64, 64.72, agency polisi" (empty for none of either).
fn scope(regions: &[String], agency: Option<&str>) -> String {
    let mut out = String::new();
    if !regions.is_empty() {
        out.push_str(&format!(", regions {}", regions.join(", ")));
    }
    if let Some(agency) = agency {
        out.push_str(&format!(", agency {agency}"));
    }
    out
}

fn check_username(username: &str) -> Result<(), CommandError> {
    let ok = !username.is_empty()
        && username.chars().count() <= 64
        && !username
            .chars()
            .any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(CommandError::Usage(
            "--username must be 1 to 64 characters without spaces".to_owned(),
        ))
    }
}

/// The regions as stored: each in the configured catalog, without repeats.
fn check_regions(
    settings: &Settings,
    role: Role,
    regions: &[RegionCode],
) -> Result<Vec<String>, CommandError> {
    if regions.is_empty() && role.receives_new_reports() {
        return Err(CommandError::Usage(format!(
            "a {role} account needs --regions (for example --regions 64 or --regions 64.72): \
             new reports in those regions are sealed to it"
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for code in regions {
        if settings.regions.lookup(code).is_none() {
            return Err(CommandError::Usage(format!(
                "region {code} is not in the configured region catalog"
            )));
        }
        if !out.iter().any(|r| r == code.as_str()) {
            out.push(code.as_str().to_owned());
        }
    }
    Ok(out)
}

fn check_agency(role: Role, agency: Option<&str>) -> Result<Option<String>, CommandError> {
    match (role, agency) {
        (Role::Mitra, None) => Err(CommandError::Usage(
            "a mitra account needs --agency CODE: the partner agency whose referrals it reads"
                .to_owned(),
        )),
        (Role::Mitra, Some(code)) => {
            let ok = !code.is_empty()
                && code.len() <= 64
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if ok {
                Ok(Some(code.to_owned()))
            } else {
                Err(CommandError::Usage(
                    "--agency must be 1 to 64 letters, digits, '-', '_' or '.'".to_owned(),
                ))
            }
        }
        (_, Some(_)) => Err(CommandError::Usage(format!(
            "--agency is only for mitra accounts, not {role}"
        ))),
        (_, None) => Ok(None),
    }
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

    #[test]
    fn a_mitra_needs_an_agency_and_only_a_mitra_may_have_one() {
        assert!(check_agency(Role::Mitra, None).is_err());
        assert_eq!(
            check_agency(Role::Mitra, Some("polisi"))
                .unwrap()
                .as_deref(),
            Some("polisi")
        );
        assert!(check_agency(Role::Petugas, Some("polisi")).is_err());
        assert!(check_agency(Role::Mitra, Some("po lisi")).is_err());
    }
}
