//! The plain-language behaviours a reporter picks ("what happened"), and how
//! they map to legal and statistical categories behind the scenes.
//!
//! The mapping is a first suggestion for the case worker, not a legal
//! finding; the console lets the worker correct it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::taxonomy::{PkdrtForm, TpksForm, ViolenceType};

code_enum! {
    /// One everyday description of what happened; several may apply.
    pub enum Behaviour (kind = "behaviour", key = "behaviour") {
        /// Hit or hurt physically.
        HurtPhysically => "hurt_physically",
        /// Threatened, insulted or controlled.
        ThreatenedControlled => "threatened_controlled",
        /// Touched or forced sexually.
        SexualTouchForced => "sexual_touch_forced",
        /// Sexual images or messages online.
        SexualOnline => "sexual_online",
        /// Forced to work, not paid, documents held, not free to leave.
        ForcedLabour => "forced_labour",
        /// Promised a job and deceived.
        JobDeception => "job_deception",
        /// Married off or forced to marry.
        ForcedMarriage => "forced_marriage",
        /// Neglected, not provided for.
        Neglected => "neglected",
        /// Something else.
        Other => "other",
    }
}

impl Behaviour {
    /// Simfoni-PPA violence types this behaviour is counted under.
    ///
    /// Forced marriage is sexual violence because UU 12/2022 lists it among
    /// the TPKS forms. Forced labour counts as exploitation and trafficking:
    /// held documents and not being free to leave are the "means" and forced
    /// work the "purpose" of UU 21/2007 art. 1(1). Job deception is the
    /// classic recruitment-by-fraud of the same article.
    pub fn violence_types(&self) -> &'static [ViolenceType] {
        use ViolenceType as V;
        match self {
            Self::HurtPhysically => &[V::Fisik],
            Self::ThreatenedControlled => &[V::Psikis],
            Self::SexualTouchForced | Self::SexualOnline | Self::ForcedMarriage => &[V::Seksual],
            Self::ForcedLabour => &[V::Eksploitasi, V::Trafficking],
            Self::JobDeception => &[V::Trafficking],
            Self::Neglected => &[V::Penelantaran],
            Self::Other => &[V::Lainnya],
        }
    }

    /// UU 12/2022 art. 4(1) forms this behaviour points to. Only the obvious
    /// ones: the finer forms (contraception, sterilisation, torture, slavery)
    /// are for the case worker to record after reading the story.
    pub fn tpks_forms(&self) -> &'static [TpksForm] {
        match self {
            Self::SexualTouchForced => &[TpksForm::PelecehanFisik],
            Self::SexualOnline => &[TpksForm::BerbasisElektronik],
            Self::ForcedMarriage => &[TpksForm::PemaksaanPerkawinan],
            _ => &[],
        }
    }

    /// UU 23/2004 art. 5 form, which applies only if the perpetrator is in
    /// the household (see [`super::Relation::is_household`]).
    pub fn pkdrt_form(&self) -> Option<PkdrtForm> {
        match self {
            Self::HurtPhysically => Some(PkdrtForm::Fisik),
            Self::ThreatenedControlled => Some(PkdrtForm::Psikis),
            Self::SexualTouchForced | Self::ForcedMarriage => Some(PkdrtForm::Seksual),
            Self::Neglected => Some(PkdrtForm::Penelantaran),
            _ => None,
        }
    }

    /// Whether this behaviour suggests trafficking (UU 21/2007), so the
    /// trafficking indicator questions should be asked and the task force
    /// should look at it.
    ///
    /// Forced labour and job deception each describe a "means" (confinement,
    /// debt, fraud) used for exploitation. Forced marriage is included too:
    /// marriage arranged for payment and followed by exploitation
    /// ("pengantin pesanan") is a known TPPO pattern, and this flag is a
    /// screening signal, so a false alarm costs a few questions while a
    /// miss costs a victim.
    pub fn is_trafficking_like(&self) -> bool {
        matches!(
            self,
            Self::ForcedLabour | Self::JobDeception | Self::ForcedMarriage
        )
    }
}

/// Categories suggested by a set of behaviours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// Simfoni-PPA types.
    pub violence_types: BTreeSet<ViolenceType>,
    /// TPKS forms.
    pub tpks_forms: BTreeSet<TpksForm>,
    /// PKDRT forms, relevant only if the perpetrator is in the household.
    pub pkdrt_forms: BTreeSet<PkdrtForm>,
    /// Whether any behaviour suggests trafficking.
    pub trafficking_like: bool,
}

/// Maps the behaviours a reporter chose to suggested categories.
pub fn classify(behaviours: &[Behaviour]) -> Classification {
    let mut out = Classification::default();
    for b in behaviours {
        out.violence_types
            .extend(b.violence_types().iter().copied());
        out.tpks_forms.extend(b.tpks_forms().iter().copied());
        out.pkdrt_forms.extend(b.pkdrt_form());
        out.trafficking_like |= b.is_trafficking_like();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_behaviours_round_trip() {
        assert_eq!(Behaviour::ALL.len(), 9);
        for b in Behaviour::ALL {
            assert_eq!(Behaviour::parse(b.as_str()).unwrap(), *b);
        }
    }

    #[test]
    fn every_behaviour_maps_to_a_violence_type() {
        for b in Behaviour::ALL {
            assert!(!b.violence_types().is_empty(), "{b}");
        }
    }

    #[test]
    fn empty_input_classifies_to_nothing() {
        assert_eq!(classify(&[]), Classification::default());
    }

    #[test]
    fn classify_unions_and_deduplicates() {
        let c = classify(&[
            Behaviour::SexualTouchForced,
            Behaviour::SexualOnline,
            Behaviour::HurtPhysically,
        ]);
        assert_eq!(
            c.violence_types.into_iter().collect::<Vec<_>>(),
            [ViolenceType::Fisik, ViolenceType::Seksual]
        );
        assert_eq!(
            c.tpks_forms.into_iter().collect::<Vec<_>>(),
            [TpksForm::PelecehanFisik, TpksForm::BerbasisElektronik]
        );
        assert_eq!(c.pkdrt_forms.len(), 2);
        assert!(!c.trafficking_like);
    }

    #[test]
    fn trafficking_like_behaviours() {
        let like: Vec<_> = Behaviour::ALL
            .iter()
            .filter(|b| b.is_trafficking_like())
            .collect();
        assert_eq!(
            like,
            [
                &Behaviour::ForcedLabour,
                &Behaviour::JobDeception,
                &Behaviour::ForcedMarriage
            ]
        );
        let c = classify(&[Behaviour::JobDeception]);
        assert!(c.trafficking_like);
        assert!(c.violence_types.contains(&ViolenceType::Trafficking));
    }

    #[test]
    fn forced_marriage_is_a_tpks_form() {
        let c = classify(&[Behaviour::ForcedMarriage]);
        assert!(c.tpks_forms.contains(&TpksForm::PemaksaanPerkawinan));
        assert!(c.violence_types.contains(&ViolenceType::Seksual));
    }
}
