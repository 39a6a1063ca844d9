//! The accounts the store reads and writes: a case worker as stored, a new
//! one, and the changes an existing one can go through.

use chrono::{DateTime, Utc};

use super::{KeyGrant, Sealed, TotpSecret};
use crate::crypto::{RecipientPublicKey, WrappedPrivateKey};
use crate::domain::area::Area;
use crate::domain::role::Role;

#[derive(Debug, Clone)]
pub struct NewWorker {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub regions: Vec<String>,
    pub agency: Option<String>,
    pub password_hash: String,
    pub totp: Option<Sealed<TotpSecret>>,
    pub public_key: RecipientPublicKey,
    pub private_key: WrappedPrivateKey,
    pub created_at: DateTime<Utc>,
    /// Who created the account (a worker id, `cli`, `demo`).
    pub created_by: Option<String>,
    /// Approved at creation by this actor (the operator's CLI, the demo);
    /// `None` leaves the account waiting for a second person's approval.
    pub approved_by: Option<String>,
    /// A one-time enrolment link the owner sets a password through.
    pub enrolment: Option<Enrolment>,
}

/// A pending enrolment link: the SHA-256 of its token, and when it ends.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub token_hash: Vec<u8>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct Worker {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub regions: Vec<String>,
    pub agency: Option<String>,
    pub password_hash: String,
    pub totp: Option<Sealed<TotpSecret>>,
    pub public_key: RecipientPublicKey,
    pub private_key: WrappedPrivateKey,
    pub disabled: bool,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_totp_step: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<String>,
    /// When a second person (or the operator) approved the account.
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    /// The owner has not yet set a password through the enrolment link.
    pub awaiting_enrolment: bool,
    /// When that link stops working.
    pub enrolment_expires: Option<DateTime<Utc>>,
}

impl Worker {
    /// Approved by a second person (or created by the operator).
    pub fn approved(&self) -> bool {
        self.approved_at.is_some()
    }

    /// Whether the account may hold report keys: active, enrolled with its
    /// own password, and approved.
    pub fn trusted(&self) -> bool {
        !self.disabled && self.approved() && !self.awaiting_enrolment
    }

    /// The worker's regions as codes; an unparsable entry is ignored.
    pub fn region_codes(&self) -> Vec<crate::domain::RegionCode> {
        (self.regions.iter())
            .filter_map(|r| crate::domain::RegionCode::parse(r).ok())
            .collect()
    }

    /// Whether this active worker gets a report in `area` sealed to them:
    /// at submission, and as a candidate for assignment.
    pub fn entitled_to(&self, area: Option<&Area>) -> bool {
        self.trusted()
            && crate::domain::role::entitled_at_submission(self.role, &self.region_codes(), area)
    }
}

/// A change to an existing account, written with its audit entry in one
/// [`super::Batch`]. Each applies to exactly one row, or the batch fails
/// with [`super::StoreError::Stale`].
#[derive(Debug)]
pub enum AccountChange {
    /// The owner's own password and key pair, set through the enrolment
    /// link: only while the link with `token_hash` is pending and unexpired
    /// at `now`, and it is then used up.
    Enrol {
        worker_id: String,
        token_hash: Vec<u8>,
        now: DateTime<Utc>,
        password_hash: String,
        public_key: RecipientPublicKey,
        private_key: WrappedPrivateKey,
    },
    /// A new password for the same key pair (a password change): report
    /// keys sealed to the account stay valid.
    Password {
        worker_id: String,
        password_hash: String,
        private_key: WrappedPrivateKey,
    },
    /// A second person's approval; only of an account not yet approved.
    Approve {
        worker_id: String,
        by: String,
        at: DateTime<Utc>,
    },
    /// New regions (and agency).
    Scope {
        worker_id: String,
        regions: Vec<String>,
        agency: Option<String>,
    },
    Disabled {
        worker_id: String,
        disabled: bool,
    },
}

/// New credentials for a worker, with their report keys re-sealed to the
/// new public key.
#[derive(Debug)]
pub struct CredentialUpdate {
    pub worker_id: String,
    pub password_hash: String,
    pub public_key: RecipientPublicKey,
    pub private_key: WrappedPrivateKey,
    /// `None` keeps the worker's grants as they are (same key pair);
    /// `Some` replaces them all (a new key pair).
    pub keys: Option<Vec<KeyGrant>>,
}
