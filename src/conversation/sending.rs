//! Sending: handing the report to the adapter, the receipt, and what
//! happens to the draft.

use super::Context;
use super::answers::{StoryPart, SubmitRequest};
use super::dialogue::Dialogue;
use super::helplines::{HelpPlace, with_contacts};
use super::io::Output;
use super::questions::ask;
use super::render::{Prompt, t, ta};
use super::steps::Step;

/// Hands the finished report to the adapter and waits for the result.
pub(super) fn submit(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    d.step = Step::Submitting;
    let request = SubmitRequest::new(d.lang, d.answers.clone());
    vec![
        Prompt::plain(t(ctx, d.lang, "conv-sending")).send(),
        Output::Submit(Box::new(request)),
    ]
}

/// The report is stored: the code (once, protected), what happens next,
/// the contacts. The draft is forgotten; her messages are open, since she
/// holds the code on screen right now.
pub(super) fn on_submitted(d: &mut Dialogue, code: &str, ctx: &Context) -> Vec<Output> {
    if d.step != Step::Submitting {
        // Not ours to show: she erased or started over meanwhile, and a
        // code appearing later on her screen could betray her.
        return Vec::new();
    }
    let reachable = d.answers.contact.is_some_and(|c| c.allows_contact());
    let contact = if reachable { "yes" } else { "no" }.to_owned();
    let receipt = ta(
        ctx,
        d.lang,
        "conv-receipt",
        &[("code", code.to_owned()), ("contact", contact)],
    );
    // "No contact" drops /pesan and /tambah: nothing links this chat to
    // the report, so they could only disappoint her.
    let key = if reachable {
        "conv-next-steps"
    } else {
        "conv-next-steps-no-contact"
    };
    let next = with_contacts(d, ctx, key, false);
    let old = std::mem::replace(d, Dialogue::new(d.lang));
    *d = Dialogue {
        step: Step::Done,
        safe_word: old.safe_word,
        silent_alarm: old.silent_alarm,
        locked: false,
        contactable: reachable,
        help_place: HelpPlace::of(&old.answers).or(old.help_place),
        ..Dialogue::new(old.lang)
    };
    let receipt = Prompt {
        protect: true,
        ..Prompt::plain(receipt)
    };
    let mut next = Prompt::plain(next);
    next.keyboard = ask(d, ctx).keyboard;
    vec![receipt.send(), next.send()]
}

/// Storing failed: back to the summary, nothing lost.
pub(super) fn on_submit_failed(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.step != Step::Submitting {
        return Vec::new();
    }
    d.step = Step::Summary;
    vec![
        ask(d, ctx)
            .after(&t(ctx, d.lang, "conv-send-failed"))
            .send(),
    ]
}

/// The files of the draft, to discard when the draft is dropped.
pub(super) fn draft_files(d: &Dialogue) -> Option<Output> {
    let ids: Vec<String> = (d.answers.story.iter())
        .filter_map(|p| match p {
            StoryPart::Attachment(a) => Some(a.id.clone()),
            StoryPart::Text(_) => None,
        })
        .collect();
    (!ids.is_empty()).then_some(Output::Discard {
        attachment_ids: ids,
    })
}
