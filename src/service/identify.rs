//! The identifiers of a report that link it to others (issue 16): found
//! in the recruiter details she typed and in the text of her story while
//! the answers are in memory at submission, and turned at once into blind
//! indexes. Her own contact number is never one of them.

use crate::conversation::{StoryPart, SubmitRequest};
use crate::crypto::{BlindIndex, ServerKey};
use crate::domain::identifiers::{self, Identifier, LinkKind};

/// The identifiers that link this report to others: the recruiter details
/// she typed, and phone numbers, handles and profile links in her story.
/// Her own contact number is not among them.
pub fn identifiers_of(request: &SubmitRequest) -> Vec<Identifier> {
    let mut out = identifiers::from_recruiter(&request.answers.recruiter);
    for part in &request.answers.story {
        if let StoryPart::Text(text) = part {
            for id in identifiers::from_text(text) {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
    }
    out
}

/// The blind indexes of a report's identifiers.
pub fn blind_indexes(server_key: &ServerKey, ids: &[Identifier]) -> Vec<(LinkKind, BlindIndex)> {
    ids.iter()
        .map(|id| {
            (
                id.kind,
                server_key.blind_index(id.kind.as_str(), id.value()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Answers;
    use crate::domain::{ContactPreference, RecruiterField};

    #[test]
    fn numbers_and_links_in_her_story_link_but_her_own_number_does_not() {
        let mut answers = Answers {
            contact: Some(ContactPreference::Phone),
            phone: Some("0813 7777 1111".into()),
            story: vec![StoryPart::Text(
                "Agennya minta saya chat wa.me/6281299990000 dan lihat tiktok.com/@lokerku".into(),
            )],
            ..Answers::default()
        };
        answers.recruiter.add(RecruiterField::Companies, "PT Maju");
        let request = SubmitRequest::new(crate::i18n::Lang::Id, answers);
        let found: Vec<_> = identifiers_of(&request)
            .iter()
            .map(|i| (i.kind, i.value().to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                (LinkKind::Company, "maju".to_owned()),
                (LinkKind::Phone, "+6281299990000".to_owned()),
                (LinkKind::Account, "tiktok/lokerku".to_owned()),
            ]
        );
    }
}
