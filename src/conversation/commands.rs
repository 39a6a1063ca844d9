//! Commands, and the actions available from anywhere: quick exit, stop,
//! start over, language, help contacts.

use super::Context;
use super::dialogue::Dialogue;
use super::io::{Command, Output};
use super::questions::ask;
use super::render::{Kb, Prompt, language_row, t};
use super::replies;
use super::sending::draft_files;
use super::steps::Step;
use super::summary::{contacts_prompt, with_contacts};
use crate::i18n::Lang;

/// Handles a command other than `/start`.
pub(super) fn on_command(d: &mut Dialogue, name: &str, args: &str, ctx: &Context) -> Vec<Output> {
    let Some(command) = Command::parse(name) else {
        return hint(d, ctx, "conv-unknown-command");
    };
    match command {
        Command::Start => start_over(d, ctx),
        Command::Emergency => vec![contacts_prompt(d, ctx).send()],
        Command::Erase => erase(d, ctx),
        Command::Language => match Lang::parse(&args.trim().to_lowercase()) {
            Ok(lang) => set_lang(d, lang, ctx, false),
            Err(_) => {
                let keyboard = Kb::new(ctx, d.lang, &d.step)
                    .row(language_row(ctx))
                    .exit()
                    .build();
                let prompt = Prompt {
                    keyboard,
                    ..Prompt::plain(t(ctx, d.lang, "conv-lang-choose"))
                };
                vec![prompt.send()]
            }
        },
        Command::Stop if d.step == Step::Reply => replies::cancel(d, ctx),
        Command::Stop => stop(d, ctx),
        Command::Status => match args.trim() {
            "" => vec![Prompt::plain(t(ctx, d.lang, "conv-status-need-code")).send()],
            code => vec![Output::ShowStatus {
                code: code.to_owned(),
            }],
        },
        Command::Messages => vec![replies::show_messages(d, ctx)],
        Command::Add => replies::begin(d, ctx),
        Command::Help => {
            let keyboard = Kb::new(ctx, d.lang, &d.step).exit().build();
            let prompt = Prompt {
                keyboard,
                ..Prompt::plain(t(ctx, d.lang, "conv-help"))
            };
            vec![prompt.send()]
        }
        Command::SafeWord => {
            if d.step == Step::Submitting {
                return hint(d, ctx, "conv-sending");
            }
            if d.step != Step::SafeWord {
                d.detour = Some(std::mem::replace(&mut d.step, Step::SafeWord));
            }
            vec![ask(d, ctx).send()]
        }
    }
}

/// A short note, then the current question again with its buttons.
pub(super) fn hint(d: &Dialogue, ctx: &Context, key: &str) -> Vec<Output> {
    vec![ask(d, ctx).after(&t(ctx, d.lang, key)).send()]
}

/// A button she could not have been offered here: nothing changes.
pub(super) fn stale(d: &Dialogue, ctx: &Context) -> Vec<Output> {
    hint(d, ctx, "conv-stale-button")
}

/// Quick exit and `/hapus`: the adapter erases the chat and the dialogue;
/// then one neutral line says honestly what could not be erased.
pub(super) fn erase(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    *d = Dialogue::new(d.lang);
    vec![
        Output::EraseChat,
        Prompt::plain(t(ctx, d.lang, "conv-erased")).send(),
    ]
}

/// `/batal` or "not now" at consent: nothing is sent, the draft is
/// dropped, and the help contacts are still shown.
pub(super) fn stop(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.step == Step::Submitting {
        return hint(d, ctx, "conv-sending");
    }
    let text = with_contacts(d, ctx, "conv-stopped", false);
    let mut out: Vec<Output> = draft_files(d).into_iter().collect();
    reset(d, Step::Stopped);
    let keyboard = ask(d, ctx).keyboard;
    out.push(
        Prompt {
            keyboard,
            ..Prompt::plain(text)
        }
        .send(),
    );
    out
}

/// `/start` or `/mulai`: the welcome again, with an empty draft.
pub(super) fn start_over(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.step == Step::Submitting {
        // The result of sending must still find her dialogue.
        return hint(d, ctx, "conv-sending");
    }
    let mut out: Vec<Output> = draft_files(d).into_iter().collect();
    reset(d, Step::Welcome);
    out.push(ask(d, ctx).send());
    out
}

/// A fresh dialogue at `step`, keeping only her language and safe word.
fn reset(d: &mut Dialogue, step: Step) {
    let safe_word = d.safe_word.take();
    *d = Dialogue {
        step,
        safe_word,
        ..Dialogue::new(d.lang)
    };
}

/// Switches language and asks the current step again in it; a language
/// button on the welcome edits the welcome in place.
pub(super) fn set_lang(d: &mut Dialogue, lang: Lang, ctx: &Context, button: bool) -> Vec<Output> {
    d.lang = lang;
    let prompt = ask(d, ctx);
    if button && d.step == Step::Welcome {
        vec![prompt.replace()]
    } else {
        vec![prompt.send()]
    }
}
