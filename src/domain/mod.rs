//! Pure domain types and rules: taxonomy, urgency, report lifecycle, regions
//! and contacts. No I/O, no framework types.
//!
//! Every closed set of values is a "code enum": it has an `ALL` slice, a
//! stable snake_case code (`as_str`, `parse`, serde), and a `label_key()`
//! naming its Fluent message, built as `<kind>-<code>` (the code keeps its
//! underscores, e.g. `behaviour-hurt_physically`).

/// Declares a closed enum whose values are stored and exchanged as stable
/// snake_case codes.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident (kind = $kind:literal, key = $prefix:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order it is offered to people.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Human name of this set of values, used in error messages.
            pub const KIND: &'static str = $kind;

            /// The stable code stored in the database and used by serde.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// Parses a stable code (exact match, lowercase).
            pub fn parse(code: &str) -> Result<Self, $crate::domain::DomainError> {
                match code {
                    $($code => Ok(Self::$variant),)+
                    other => Err($crate::domain::DomainError::unknown_code($kind, other)),
                }
            }

            /// Fluent message id of the plain-language label.
            pub const fn label_key(self) -> &'static str {
                match self { $(Self::$variant => concat!($prefix, "-", $code)),+ }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::domain::DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Self::parse(&code).map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub mod account;
pub mod answers;
pub mod area;
pub mod attachment;
pub mod audit;
pub mod behaviour;
pub mod casework;
pub mod contacts;
pub mod destination;
pub mod distress;
pub mod error;
pub mod help;
pub mod identifiers;
pub mod location;
pub mod recruiter;
pub mod region;
pub mod report;
pub mod role;
pub mod screening;
pub mod taxonomy;
pub mod urgency;
pub mod zone;

pub use answers::{ContactPreference, HelpWanted, PhoneVia, ReporterRole, SafeTime, WhenHappened};
pub use behaviour::{Behaviour, Classification, classify};
pub use contacts::{
    Contact, ContactProblem, ContactWarning, Scope, contact_warnings, default_contacts,
    emergency_contacts,
};
pub use destination::Destination;
pub use error::DomainError;
pub use help::{Reach, Whereabouts, contacts_for};
pub use location::{Country, Location};
pub use recruiter::{RecruiterDetails, RecruiterField};
pub use region::{ProvinceEntry, Regency, RegencyKind, Region, RegionCatalog, RegionCode};
pub use report::{ReportId, ReportMeta, Status};
pub use taxonomy::{AgeBand, PkdrtForm, Place, Relation, Sex, TpksForm, ViolenceType};
pub use urgency::{
    Assessment, IndicatorTier, TraffickingIndicator, Urgency, UrgencyInput, UrgencyReason, assess,
};

/// Every Fluent message id the domain types refer to (labels, indicator
/// questions, reporter-facing status texts), so locale tests can check that
/// each one exists.
pub fn fluent_keys() -> Vec<String> {
    fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> impl Iterator<Item = String> {
        all.iter().map(move |v| key(*v).to_owned())
    }
    let mut out: Vec<String> = Vec::new();
    out.extend(keys(ViolenceType::ALL, ViolenceType::label_key));
    out.extend(keys(Place::ALL, Place::label_key));
    out.extend(keys(Relation::ALL, Relation::label_key));
    out.extend(keys(AgeBand::ALL, AgeBand::label_key));
    out.extend(keys(Sex::ALL, Sex::label_key));
    out.extend(keys(TpksForm::ALL, TpksForm::label_key));
    out.extend(keys(PkdrtForm::ALL, PkdrtForm::label_key));
    out.extend(keys(Behaviour::ALL, Behaviour::label_key));
    out.extend(keys(ReporterRole::ALL, ReporterRole::label_key));
    out.extend(keys(WhenHappened::ALL, WhenHappened::label_key));
    out.extend(keys(HelpWanted::ALL, HelpWanted::label_key));
    out.extend(keys(ContactPreference::ALL, ContactPreference::label_key));
    out.extend(keys(PhoneVia::ALL, PhoneVia::label_key));
    out.extend(keys(SafeTime::ALL, SafeTime::label_key));
    out.extend(keys(Destination::ALL, Destination::label_key));
    out.extend(keys(RecruiterField::ALL, RecruiterField::label_key));
    out.extend(keys(
        identifiers::LinkKind::ALL,
        identifiers::LinkKind::label_key,
    ));
    out.extend(Place::ALL.iter().map(|p| p.question_label_key()));
    out.extend(keys(Urgency::ALL, Urgency::label_key));
    out.extend(keys(IndicatorTier::ALL, IndicatorTier::label_key));
    out.extend(keys(
        TraffickingIndicator::ALL,
        TraffickingIndicator::label_key,
    ));
    out.extend(keys(
        TraffickingIndicator::ALL,
        TraffickingIndicator::question_key,
    ));
    out.extend(keys(UrgencyReason::ALL_FIXED, UrgencyReason::label_key));
    out.extend(keys(Status::ALL, Status::label_key));
    out.extend(keys(Status::ALL, Status::reporter_label_key));
    out.extend(keys(RegencyKind::ALL, RegencyKind::label_key));
    out.extend(keys(
        casework::EventKind::ALL,
        casework::EventKind::label_key,
    ));
    out.extend(keys(
        casework::ShareField::ALL,
        casework::ShareField::label_key,
    ));
    out.extend(keys(role::Role::ALL, role::Role::label_key));
    out.extend(Location::FIXED_LABEL_KEYS.iter().map(|k| (*k).to_owned()));
    for province in &RegionCatalog::default_kaltim().provinces {
        out.push(province.code.label_key());
        out.extend(province.regencies.iter().map(|r| r.code.label_key()));
    }
    out
}
