//! Who may open which report. The rule follows the keys: a worker opens a
//! report only if its key was sealed to them (a petugas, moreover, only
//! while it is unassigned or assigned to them); a liaison opens only a
//! referral to their agency that was sealed to them. Anything else is
//! "not found", so nobody learns that a report they may not see exists.

use crate::conversation::SubmitRequest;
use crate::crypto::fields::ReportPayload;
use crate::crypto::{CryptoError, ReportKey, UnlockedPrivateKey, open_report_key};
use crate::domain::ReportId;
use crate::domain::casework::ShareField;
use crate::domain::role::{Permission, Role};
use crate::store::{Recipient, Referral, ReportMeta, Store, StoreError, Worker};

/// A signed-in case worker: the account and its unlocked private key.
pub struct Actor<'a> {
    pub worker: &'a Worker,
    pub key: &'a UnlockedPrivateKey,
}

/// How much of a report the viewer holds.
pub enum Access {
    /// The report key: everything (koordinator, petugas).
    Full(ReportKey),
    /// A referral's key: only the fields it shares (mitra).
    Referral {
        referral: Box<Referral>,
        key: ReportKey,
    },
}

/// A report the viewer may see, with the key to read it.
pub struct Opened {
    pub meta: ReportMeta,
    pub access: Access,
}

#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Missing, or not this worker's to see: the same answer either way.
    #[error("not found")]
    NotFound,
    #[error("the report cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AccessError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AccessError::NotFound,
            other => AccessError::Store(other),
        }
    }
}

impl From<CryptoError> for AccessError {
    fn from(err: CryptoError) -> Self {
        AccessError::Unreadable(err.to_string())
    }
}

impl Opened {
    pub fn is_full(&self) -> bool {
        matches!(self.access, Access::Full(_))
    }

    /// The answers and story as this viewer may see them: all of it, or a
    /// referral's part with the fields it shares.
    pub async fn request(
        &self,
        store: &dyn Store,
    ) -> Result<(SubmitRequest, Option<Vec<ShareField>>), AccessError> {
        let (bytes, shown) = match &self.access {
            Access::Full(key) => {
                let sealed = store.report_payload(&self.meta.id).await?;
                let id = self.meta.id.to_string();
                (key.open::<ReportPayload>(&id, &sealed)?, None)
            }
            Access::Referral { referral, key } => (
                key.open(&referral.id, &referral.payload)?,
                Some(referral.fields.clone()),
            ),
        };
        let request: SubmitRequest =
            serde_json::from_slice(&bytes).map_err(|e| AccessError::Unreadable(e.to_string()))?;
        // A referral's payload holds only its fields already; cutting it
        // again keeps it so even for one sealed before a field existed.
        let request = match &shown {
            Some(fields) => request.shared(fields),
            None => request,
        };
        Ok((request, shown))
    }

    /// The report key, for what only full access allows.
    pub fn report_key(&self) -> Result<&ReportKey, AccessError> {
        match &self.access {
            Access::Full(key) => Ok(key),
            Access::Referral { .. } => Err(AccessError::NotFound),
        }
    }
}

/// Opens report `id` for `who`, or answers "not found".
pub async fn open(store: &dyn Store, who: &Actor<'_>, id: &str) -> Result<Opened, AccessError> {
    let id = ReportId::parse(id).map_err(|_| AccessError::NotFound)?;
    if !who.worker.role.may(Permission::WorkReports) {
        return Err(AccessError::NotFound);
    }
    let meta = store.report_meta(&id).await?;
    let me = &who.worker.id;
    let access = if who.worker.role == Role::Mitra {
        let (referral, sealed) = store
            .referral_for(&id, me)
            .await?
            .ok_or(AccessError::NotFound)?;
        // A liaison who moved to another agency leaves its referrals behind.
        if who.worker.agency.as_deref() != Some(referral.agency.as_str()) {
            return Err(AccessError::NotFound);
        }
        let key =
            open_report_key(&sealed, who.key, &referral.id).map_err(|_| AccessError::NotFound)?;
        Access::Referral {
            referral: Box::new(referral),
            key,
        }
    } else {
        // A petugas loses a report once it is someone else's.
        if !who.worker.role.may(Permission::AssignOthers)
            && meta.assigned_to.as_ref().is_some_and(|a| a != me)
        {
            return Err(AccessError::NotFound);
        }
        let sealed = store
            .report_key(&id, &Recipient::Worker(me.clone()))
            .await?
            .ok_or(AccessError::NotFound)?;
        let key = open_report_key(&sealed, who.key, &id.to_string())
            .map_err(|_| AccessError::NotFound)?;
        Access::Full(key)
    };
    Ok(Opened { meta, access })
}
