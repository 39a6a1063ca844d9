//! The audit chain: each entry's hash covers the previous entry's hash, so
//! an edited, removed or reordered row breaks every hash after it.

use sha2::{Digest, Sha256};

code_enum! {
    /// What an audit entry records. The codes are hashed into the chain:
    /// never change one.
    pub enum AuditAction (kind = "audit action", key = "audit-action") {
        ReportSubmitted => "report.submitted",
        ReportViewed => "report.viewed",
        ReferralViewed => "referral.viewed",
        AttachmentDownloaded => "attachment.downloaded",
        ReportStatus => "report.status",
        ReportAssigned => "report.assigned",
        ReportNote => "report.note",
        ReportReferred => "report.referred",
        ReportGranted => "report.granted",
        ReportDestroyed => "report.destroyed",
        ReportAlarm => "report.alarm",
        MessageSent => "message.sent",
        MessageReceived => "message.received",
        StatsExported => "stats.exported",
        AccountCreated => "account.created",
        AccountDisabled => "account.disabled",
        AccountPasswordChanged => "account.password_changed",
        AccountReset => "account.reset",
        AccountLocked => "account.locked",
        AccountTotpEnrolled => "account.totp_enrolled",
        AccountEnrolled => "account.enrolled",
        AccountApproved => "account.approved",
        AccountRegions => "account.regions",
        AccountEnabled => "account.enabled",
        LoginOk => "login.ok",
        LoginFailed => "login.failed",
        LoginLocked => "login.locked",
        LoginPasswordOkEnrol => "login.password_ok_enrol",
        Logout => "logout",
        NetworkViewed => "network.viewed",
        WatchlistAdded => "watchlist.added",
        ReportWatchMatch => "report.watch_match",
    }
}

impl AuditAction {
    /// Changes to who may read reports, which every koordinator is told
    /// about (issue 12): a new account, its own password set, its approval,
    /// new regions, a re-enabled account.
    pub const ACCOUNT_CHANGES: &'static [AuditAction] = &[
        Self::AccountCreated,
        Self::AccountEnrolled,
        Self::AccountApproved,
        Self::AccountRegions,
        Self::AccountEnabled,
    ];

    /// Whether the entry records someone reading a report.
    pub fn is_view(self) -> bool {
        matches!(self, Self::ReportViewed | Self::ReferralViewed)
    }
}

/// The hash of one audit entry, as lowercase hex.
///
/// Fields are length-prefixed so that moving bytes between two fields
/// changes the hash.
pub fn chain_hash(
    prev_hash: &str,
    seq: i64,
    at_millis: i64,
    actor: &str,
    action: &str,
    report_id: Option<&str>,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"suara-audit-v1");
    for field in [prev_hash, actor, action, report_id.unwrap_or("-"), detail] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hasher.update(seq.to_be_bytes());
    hasher.update(at_millis.to_be_bytes());
    hex::encode(hasher.finalize())
}

/// One link of the chain, as stored.
pub struct Link<'a> {
    pub seq: i64,
    pub at_millis: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub report_id: Option<&'a str>,
    pub detail: &'a str,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Why a chain does not verify, naming the first entry that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("entry {seq}: expected sequence number {expected}")]
    Gap { seq: i64, expected: i64 },
    #[error("entry {seq}: does not follow the hash of the entry before it")]
    Broken { seq: i64 },
    #[error("entry {seq}: its content does not match its hash")]
    Tampered { seq: i64 },
}

/// Checks links in order, continuing from `(prev_seq, prev_hash)`; returns
/// the new tail.
pub fn verify<'a>(
    mut tail: (i64, String),
    links: impl IntoIterator<Item = Link<'a>>,
) -> Result<(i64, String), ChainError> {
    for link in links {
        if link.seq != tail.0 + 1 {
            return Err(ChainError::Gap {
                seq: link.seq,
                expected: tail.0 + 1,
            });
        }
        if link.prev_hash != tail.1 {
            return Err(ChainError::Broken { seq: link.seq });
        }
        let expected = chain_hash(
            link.prev_hash,
            link.seq,
            link.at_millis,
            link.actor,
            link.action,
            link.report_id,
            link.detail,
        );
        if expected != link.hash {
            return Err(ChainError::Tampered { seq: link.seq });
        }
        tail = (link.seq, link.hash.to_owned());
    }
    Ok(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<(i64, String, String)> {
        let mut prev = String::new();
        let mut out = Vec::new();
        for seq in 1..=n {
            let hash = chain_hash(&prev, seq, seq * 1000, "w1", "view", Some("r1"), "");
            out.push((seq, prev.clone(), hash.clone()));
            prev = hash;
        }
        out
    }

    fn links<'a>(c: &'a [(i64, String, String)], detail: &'static str) -> Vec<Link<'a>> {
        c.iter()
            .map(|(seq, prev, hash)| Link {
                seq: *seq,
                at_millis: seq * 1000,
                actor: "w1",
                action: "view",
                report_id: Some("r1"),
                detail: if *seq == 2 { detail } else { "" },
                prev_hash: prev,
                hash,
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(3);
        assert_eq!(verify((0, String::new()), links(&c, "")).unwrap().0, 3);
    }

    #[test]
    fn an_edited_entry_is_named() {
        let c = chain(3);
        assert_eq!(
            verify((0, String::new()), links(&c, "edited")),
            Err(ChainError::Tampered { seq: 2 })
        );
    }

    #[test]
    fn a_removed_entry_is_a_gap() {
        let mut c = chain(3);
        c.remove(1);
        assert_eq!(
            verify((0, String::new()), links(&c, "")),
            Err(ChainError::Gap {
                seq: 3,
                expected: 2
            })
        );
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_hash() {
        assert_ne!(
            chain_hash("", 1, 0, "ab", "c", None, ""),
            chain_hash("", 1, 0, "a", "bc", None, "")
        );
    }
}
