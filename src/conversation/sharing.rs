//! What of a report a referral may show: the answers grouped by the
//! parts a case worker chooses to share ([`ShareField`]).
//!
//! Kept beside the answers so that every field added to [`Answers`] is
//! placed in a group here; the test builds a report with every field set
//! and checks that sharing nothing leaves nothing.

use super::answers::{Answers, StoryPart, SubmitRequest};
use crate::domain::casework::ShareField;

impl SubmitRequest {
    /// The request limited to `fields`. Files are never shared: a liaison
    /// sees that there were some, and asks the task force. Her answer about
    /// the police is always kept, so whoever receives a referral honours it.
    pub fn shared(mut self, fields: &[ShareField]) -> Self {
        let has = |f| fields.contains(&f);
        let Answers {
            safe_now,
            reporter,
            behaviours,
            indicators,
            when,
            location,
            relation,
            age_band,
            victim_is_child,
            victim_sex,
            story,
            help,
            contact,
            phone,
            police_ok: _,
            place,
            still_abroad,
            origin,
            perpetrator_sex,
            recruiter,
            disability,
            subdistrict,
            phone_via,
            safe_times,
            short_message,
        } = &mut self.answers;
        if !has(ShareField::WhatHappened) {
            *safe_now = None;
            behaviours.clear();
            indicators.clear();
            *short_message = false;
            self.classification = Default::default();
            self.assessment.reasons.clear();
        }
        if !has(ShareField::Victim) {
            *reporter = None;
            *age_band = None;
            *victim_is_child = None;
            *victim_sex = None;
            *disability = None;
            *relation = None;
            *perpetrator_sex = None;
            *recruiter = Default::default();
        }
        if !has(ShareField::Place) {
            *location = None;
            *when = None;
            *place = None;
            *still_abroad = None;
            *origin = None;
            *subdistrict = None;
        }
        if !has(ShareField::Help) {
            help.clear();
        }
        if has(ShareField::Story) {
            story.retain(|p| matches!(p, StoryPart::Text(_)));
        } else {
            story.clear();
        }
        if !has(ShareField::Contact) {
            *contact = None;
            *phone = None;
            *phone_via = None;
            safe_times.clear();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::WhereAnswer;
    use crate::domain::*;

    fn everything() -> SubmitRequest {
        let mut a = Answers {
            safe_now: Some(false),
            reporter: Some(ReporterRole::Myself),
            behaviours: Behaviour::ALL.iter().copied().collect(),
            indicators: [(TraffickingIndicator::LockedIn, true)].into(),
            when: Some(WhenHappened::Today),
            location: Some(WhereAnswer::Abroad { country: None }),
            relation: Some(Relation::Perekrut),
            age_band: Some(AgeBand::A13_17),
            victim_is_child: Some(true),
            victim_sex: Some(Sex::Perempuan),
            story: vec![StoryPart::Text("x".into())],
            help: [HelpWanted::Legal].into(),
            contact: Some(ContactPreference::Phone),
            phone: Some("0812".into()),
            police_ok: Some(false),
            place: Some(Place::TempatKerja),
            still_abroad: Some(true),
            origin: Some(RegionCode::parse("64.05").unwrap()),
            perpetrator_sex: Some(Sex::LakiLaki),
            disability: Some(true),
            subdistrict: Some("Desa".into()),
            phone_via: Some(PhoneVia::Whatsapp),
            safe_times: [SafeTime::Morning].into(),
            short_message: true,
            ..Answers::default()
        };
        a.recruiter.add(RecruiterField::Phones, "0812");
        SubmitRequest::new(crate::i18n::Lang::Id, a)
    }

    #[test]
    fn sharing_nothing_keeps_only_her_answer_about_the_police() {
        let shared = everything().shared(&[]);
        let expected = Answers {
            police_ok: Some(false),
            ..Answers::default()
        };
        assert_eq!(shared.answers, expected);
        assert!(shared.assessment.reasons.is_empty());
    }

    #[test]
    fn a_payload_stored_before_the_new_answers_still_opens() {
        let full = serde_json::to_value(everything()).unwrap();
        let mut old = full.clone();
        let answers = old["answers"].as_object_mut().unwrap();
        for field in [
            "police_ok",
            "place",
            "still_abroad",
            "origin",
            "perpetrator_sex",
            "recruiter",
            "disability",
            "subdistrict",
            "phone_via",
            "safe_times",
            "short_message",
        ] {
            assert!(answers.remove(field).is_some(), "{field}");
        }
        let opened: SubmitRequest = serde_json::from_value(old).unwrap();
        assert_eq!(opened.answers.police_ok, None);
        assert!(opened.answers.recruiter.is_empty());
        assert_eq!(opened.answers.story, everything().answers.story);
    }

    #[test]
    fn sharing_everything_keeps_everything_but_files() {
        let full = everything();
        assert_eq!(full.clone().shared(ShareField::ALL), full);
    }

    #[test]
    fn recruiter_details_go_with_who_did_it_and_phone_times_with_contact() {
        let victim = everything().shared(&[ShareField::Victim]);
        assert_eq!(victim.answers.recruiter.phones, ["0812"]);
        assert!(victim.answers.safe_times.is_empty());
        let contact = everything().shared(&[ShareField::Contact]);
        assert!(contact.answers.recruiter.is_empty());
        assert_eq!(contact.answers.phone_via, Some(PhoneVia::Whatsapp));
    }
}
