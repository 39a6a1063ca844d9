//! What of a report a viewer may see. A case worker holding the report key
//! sees everything; a partner agency's liaison sees only the parts the
//! referral shares: not only in the answers, but in every clear column
//! shown around them (issue 12): the urgency and types go with "what
//! happened", the region with "place", age band and sex with "the
//! victim". What is not shared is said as such, never shown as "not
//! answered" or as a default.

use maud::{Markup, html};

use super::layout::Ui;
use crate::domain::casework::ShareField;

/// The parts a viewer may see: all of them, or a referral's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope(Option<Vec<ShareField>>);

impl Scope {
    /// A case worker with the report key.
    pub fn full() -> Self {
        Self(None)
    }

    /// A liaison, through a referral sharing `fields`.
    pub fn referral(fields: &[ShareField]) -> Self {
        Self(Some(fields.to_vec()))
    }

    /// A referral's fields, or everything.
    pub fn of(fields: Option<&[ShareField]>) -> Self {
        fields.map_or_else(Self::full, Self::referral)
    }

    /// Whether the part is visible.
    pub fn shows(&self, field: ShareField) -> bool {
        self.0.as_ref().is_none_or(|f| f.contains(&field))
    }

    /// Whether this is the task force's own view: assignment, deadlines,
    /// timeline, messages and files belong to it alone.
    pub fn task_force(&self) -> bool {
        self.0.is_none()
    }

    /// The shared parts, for a referral.
    pub fn shared(&self) -> Option<&[ShareField]> {
        self.0.as_deref()
    }

    /// The parts a referral keeps back.
    pub fn withheld(&self) -> Vec<ShareField> {
        (ShareField::ALL.iter().copied())
            .filter(|f| !self.shows(*f))
            .collect()
    }
}

/// The words for a part that was not shared.
pub fn not_shared(ui: &Ui) -> Markup {
    html! { span.muted.not-shared { (ui.t("shown-not-shared")) } }
}

/// `value` if `field` is shared, else "not shared".
pub fn or_not_shared(ui: &Ui, scope: &Scope, field: ShareField, value: Markup) -> Markup {
    if scope.shows(field) {
        value
    } else {
        not_shared(ui)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_referral_shows_its_parts_and_withholds_the_rest() {
        let scope = Scope::referral(&[ShareField::Help, ShareField::Place]);
        assert!(scope.shows(ShareField::Help) && scope.shows(ShareField::Place));
        assert!(!scope.shows(ShareField::WhatHappened));
        assert!(!scope.task_force());
        assert_eq!(scope.withheld().len(), ShareField::ALL.len() - 2);
        assert!(Scope::full().task_force() && Scope::full().withheld().is_empty());
    }
}
