//! The help contacts as she is shown them, for where she is: her local
//! service first at home; abroad her country's embassy, the services that
//! answer from anywhere in their `+62` form, and a line saying that 110
//! and 129 work only in Indonesia. WhatsApp numbers are `wa.me` links, so
//! one tap opens the chat.

use serde::{Deserialize, Serialize};

use super::Context;
use super::answers::{Answers, WhereAnswer};
use super::callback::Action;
use super::dialogue::Dialogue;
use super::render::{Kb, Prompt, t, ta};
use crate::domain::help::indonesia_only_left_out;
use crate::domain::{Destination, Reach, RegionCode, Whereabouts, contacts_for};
use crate::i18n::Lang;

/// Where her help contacts are for: kept after a report is sent, so
/// `/darurat` still shows her local service once the draft is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HelpPlace {
    /// In Indonesia, in this region if she said.
    Indonesia(Option<RegionCode>),
    /// Abroad, in one of the main destination countries if she said.
    Abroad(Option<Destination>),
}

impl HelpPlace {
    fn whereabouts(&self) -> Whereabouts {
        match self {
            Self::Indonesia(region) => Whereabouts::Indonesia(region.clone()),
            Self::Abroad(country) => Whereabouts::Abroad(*country),
        }
    }

    /// Where she is now, from her answers: abroad unless she said she is
    /// back, then where she left from.
    pub(super) fn of(a: &Answers) -> Option<Self> {
        match &a.location {
            Some(WhereAnswer::Region(code)) => Some(Self::Indonesia(Some(code.clone()))),
            Some(WhereAnswer::Abroad { .. }) if a.still_abroad == Some(false) => {
                Some(Self::Indonesia(a.origin.clone()))
            }
            Some(WhereAnswer::Abroad { country }) => {
                Some(Self::Abroad(country.as_ref().and_then(Destination::of)))
            }
            None => None,
        }
    }
}

/// Where she is, as far as her answers (or her last report) tell.
pub(super) fn whereabouts(d: &Dialogue) -> Whereabouts {
    HelpPlace::of(&d.answers)
        .or_else(|| d.help_place.clone())
        .map_or(Whereabouts::Unknown, |p| p.whereabouts())
}

/// One line per contact, "• SAPA 129: Telepon 129, WhatsApp https://…",
/// then the note about numbers that work only in Indonesia, if abroad.
pub(super) fn contact_lines(
    ctx: &Context,
    lang: Lang,
    place: &Whereabouts,
    urgent_only: bool,
) -> String {
    let mut lines: Vec<String> = contacts_for(ctx.contacts, place, urgent_only)
        .iter()
        .map(|r| line(ctx, lang, r))
        .collect();
    if indonesia_only_left_out(place) {
        lines.push(t(ctx, lang, "contacts-abroad-note"));
    }
    lines.join("\n")
}

fn line(ctx: &Context, lang: Lang, r: &Reach) -> String {
    let ways: Vec<String> = [
        ("contact-call", r.phone.map(str::to_owned)),
        ("contact-call-abroad", r.phone_abroad.map(str::to_owned)),
        ("contact-whatsapp", r.whatsapp.clone()),
        ("contact-web", r.web.map(web_link)),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some(ta(ctx, lang, key, &[("number", value?)])))
    .collect();
    format!("• {}: {}", r.contact.name, ways.join(", "))
}

/// The first contact she should call from where she is, on one line,
/// for the short help line under an answer that was not understood.
pub(super) fn first_line(d: &Dialogue, ctx: &Context) -> String {
    let place = whereabouts(d);
    contacts_for(ctx.contacts, &place, true)
        .first()
        .map(|r| line(ctx, d.lang, r).trim_start_matches("• ").to_owned())
        .unwrap_or_default()
}

/// An official page as a link Telegram makes tappable.
fn web_link(address: &str) -> String {
    if address.starts_with("https://") || address.starts_with("http://") {
        address.to_owned()
    } else {
        format!("https://{address}")
    }
}

/// `key`'s text followed by the contacts for where she is.
pub(super) fn with_contacts(d: &Dialogue, ctx: &Context, key: &str, urgent_only: bool) -> String {
    let lines = contact_lines(ctx, d.lang, &whereabouts(d), urgent_only);
    format!("{}\n{lines}", t(ctx, d.lang, key))
}

/// The help contacts, with "Lanjutkan" to ask the current step again: for
/// `/darurat` and the safe word. The draft is untouched.
pub(super) fn contacts_prompt(d: &Dialogue, ctx: &Context) -> Prompt {
    let kb = Kb::new(ctx, d.lang, &d.step);
    let resume = kb.button("conv-btn-resume", Action::Resume);
    Prompt {
        text: with_contacts(d, ctx, "conv-contacts", false),
        keyboard: kb.row(vec![resume]).exit().build(),
        protect: false,
    }
}
