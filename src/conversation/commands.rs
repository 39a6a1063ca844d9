//! Commands, and the actions available from anywhere: quick exit, stop,
//! start over, language, help contacts; and the short answers to input
//! that answers nothing.

use super::Context;
use super::callback::Action;
use super::dialogue::Dialogue;
use super::helplines::{contacts_prompt, with_contacts};
use super::io::{Command, Output};
use super::questions::ask;
use super::render::{Kb, Prompt, language_row, t};
use super::sending::draft_files;
use super::steps::Step;
use super::{lock, replies};
use crate::i18n::Lang;

/// Handles a command other than `/start`.
pub(super) fn on_command(d: &mut Dialogue, name: &str, args: &str, ctx: &Context) -> Vec<Output> {
    let Some(command) = Command::parse(name) else {
        return odd(d, ctx, "conv-unknown-command");
    };
    match command {
        Command::Start => start_over(d, ctx),
        Command::Emergency => vec![contacts_prompt(d, ctx).send_urgent()],
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
        Command::Stop if matches!(d.step, Step::Unlock(_) | Step::Pin) => lock::cancel(d, ctx),
        Command::Stop => stop(d, ctx),
        Command::Status => match args.trim() {
            "" => vec![Prompt::plain(t(ctx, d.lang, "conv-status-need-code")).send()],
            // Her code must not stay on screen under the command.
            code => vec![
                Output::DeleteIncoming,
                Output::ShowStatus {
                    code: code.to_owned(),
                },
            ],
        },
        Command::Messages => lock::messages(d, args, ctx),
        Command::Add => lock::reply(d, ctx),
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

/// The current question, for a note to go in front of: on the welcome a
/// short line with its buttons, never the whole welcome again.
fn ask_again(d: &Dialogue, ctx: &Context) -> Prompt {
    if d.step != Step::Welcome {
        return ask(d, ctx);
    }
    let kb = Kb::new(ctx, d.lang, &d.step);
    let start = kb.button("conv-btn-start", Action::Go);
    Prompt {
        keyboard: kb.row(language_row(ctx)).row(vec![start]).exit().build(),
        ..Prompt::plain(t(ctx, d.lang, "conv-welcome-short"))
    }
}

/// A short note, then the current question again with its buttons.
pub(super) fn hint(d: &Dialogue, ctx: &Context, key: &str) -> Vec<Output> {
    vec![ask_again(d, ctx).after(&t(ctx, d.lang, key)).send()]
}

/// Input that answers nothing (a sticker, an unknown command, an old
/// button): the note and the question the first time; after that only
/// the note and the buttons, so a burst of stickers gets short answers.
pub(super) fn odd(d: &mut Dialogue, ctx: &Context, key: &str) -> Vec<Output> {
    let note = t(ctx, d.lang, key);
    odd_note(d, ctx, &note)
}

/// [`odd`] with a note already rendered.
pub(super) fn odd_note(d: &mut Dialogue, ctx: &Context, note: &str) -> Vec<Output> {
    let again = d.odd > 0;
    d.odd = d.odd.saturating_add(1);
    let prompt = if again {
        Prompt {
            keyboard: ask(d, ctx).keyboard,
            ..Prompt::plain(note.to_owned())
        }
    } else {
        ask_again(d, ctx).after(note)
    };
    vec![prompt.send()]
}

/// A button she could not have been offered here: nothing changes.
pub(super) fn stale(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    odd(d, ctx, "conv-stale-button")
}

/// Quick exit and `/hapus`: the adapter erases the chat and the dialogue;
/// then one bland word. It is the last thing on her screen and the chat
/// list's preview, so it says nothing of what was erased or why; what
/// erasing cannot reach is explained under `/bantuan`.
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

/// A fresh draft at `step`, keeping what is hers beyond one report: her
/// language, safe word and its alarm, the lock, and her last report's
/// place and way back.
fn reset(d: &mut Dialogue, step: Step) {
    let old = std::mem::replace(d, Dialogue::new(d.lang));
    *d = Dialogue {
        step,
        safe_word: old.safe_word,
        silent_alarm: old.silent_alarm,
        locked: old.locked,
        contactable: old.contactable,
        help_place: old.help_place,
        ..Dialogue::new(old.lang)
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
