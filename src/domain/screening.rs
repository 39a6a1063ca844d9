//! Which danger signs are asked, so the questions fit what she told.
//!
//! Everyone is asked the three urgent ones (locked in, hurt or threatened,
//! the person near her now). Then only the signs that belong to what she
//! chose, at most [`MAX_RELEVANT`], in the order of
//! [`TraffickingIndicator::ALL`]: a woman reporting her husband's threats
//! is not asked about her passport, and a woman deceived by a recruiter is
//! not asked fourteen questions in a row. "Is a child in danger now" is
//! asked in the child branch, once the victim is known to be a child.

use std::collections::BTreeSet;

use super::behaviour::Behaviour;
use super::urgency::TraffickingIndicator as I;

/// The urgent questions asked of everyone, in this order.
pub const URGENT_FOR_EVERYONE: [I; 3] = [I::LockedIn, I::ViolenceOrThreats, I::ControllerPresent];

/// Most further signs asked after the urgent ones.
pub const MAX_RELEVANT: usize = 5;

/// The signs that belong to one behaviour.
fn signs_of(b: Behaviour) -> &'static [I] {
    match b {
        Behaviour::ForcedLabour => &[
            I::DocumentsHeld,
            I::DebtBondage,
            I::WagesWithheld,
            I::ContactRestricted,
            I::MovementRestricted,
            I::AddressUnknown,
        ],
        Behaviour::JobDeception => &[
            I::DocumentsHeld,
            I::DebtBondage,
            I::JobDiffers,
            I::SocialMediaJobOffer,
            I::ScamWorkAbroad,
        ],
        Behaviour::ForcedMarriage => &[I::ContactRestricted, I::MovementRestricted, I::DebtBondage],
        Behaviour::ThreatenedControlled => &[I::ContactRestricted, I::MovementRestricted],
        _ => &[],
    }
}

/// The further signs to ask for `behaviours`: at most [`MAX_RELEVANT`].
pub fn relevant_signs(behaviours: &BTreeSet<Behaviour>) -> Vec<I> {
    let wanted: BTreeSet<I> = behaviours
        .iter()
        .flat_map(|b| signs_of(*b).iter().copied())
        .collect();
    (I::ALL.iter())
        .copied()
        .filter(|i| wanted.contains(i))
        .take(MAX_RELEVANT)
        .collect()
}

/// Every sign asked, in order: the urgent three, then the relevant ones.
pub fn screening(behaviours: &BTreeSet<Behaviour>) -> Vec<I> {
    let mut out = URGENT_FOR_EVERYONE.to_vec();
    out.extend(relevant_signs(behaviours));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(bs: &[Behaviour]) -> BTreeSet<Behaviour> {
        bs.iter().copied().collect()
    }

    #[test]
    fn everyone_gets_the_three_urgent_questions_and_nothing_unrelated() {
        let hit = screening(&set(&[Behaviour::HurtPhysically]));
        assert_eq!(hit, URGENT_FOR_EVERYONE);
        assert_eq!(screening(&BTreeSet::new()), URGENT_FOR_EVERYONE);
    }

    #[test]
    fn a_wife_who_is_controlled_is_asked_about_her_phone_and_going_out_only() {
        let signs = relevant_signs(&set(&[Behaviour::ThreatenedControlled]));
        assert_eq!(signs, [I::ContactRestricted, I::MovementRestricted]);
    }

    #[test]
    fn forced_marriage_no_longer_brings_the_job_questions() {
        let signs = relevant_signs(&set(&[Behaviour::ForcedMarriage]));
        assert!(!signs.contains(&I::WagesWithheld) && !signs.contains(&I::JobDiffers));
    }

    #[test]
    fn never_more_than_five_further_signs_and_no_urgent_one_twice() {
        let all = set(Behaviour::ALL);
        let signs = relevant_signs(&all);
        assert_eq!(signs.len(), MAX_RELEVANT);
        let asked = screening(&all);
        let unique: BTreeSet<_> = asked.iter().collect();
        assert_eq!(unique.len(), asked.len());
        assert!(
            !asked.contains(&I::ChildInDanger),
            "asked in the child branch"
        );
    }
}
