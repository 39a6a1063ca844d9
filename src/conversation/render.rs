//! The pieces messages are made of: texts in her language, prompts, and
//! keyboards whose callback data carry the step's tag.

use super::Context;
use super::callback::{self, Action, EXIT, LANG_PREFIX};
use super::dialogue::Dialogue;
use super::io::{Button, Keyboard, Output};
use super::steps::Step;
use crate::domain::{RegionCode, ReporterRole};
use crate::i18n::{FluentArgs, Lang};

/// Longest button label, in characters, so two fit side by side.
pub const MAX_LABEL_CHARS: usize = 24;

/// A message ready to go out.
#[derive(Debug, Clone)]
pub(super) struct Prompt {
    pub(super) text: String,
    pub(super) keyboard: Option<Keyboard>,
    pub(super) protect: bool,
}

impl Prompt {
    pub(super) fn plain(text: String) -> Self {
        Self {
            text,
            keyboard: None,
            protect: false,
        }
    }

    /// The same prompt with a short note in front (a kind hint, or a
    /// thank-you before the next question).
    pub(super) fn after(mut self, note: &str) -> Self {
        self.text = format!("{note}\n\n{}", self.text);
        self
    }

    pub(super) fn send(self) -> Output {
        Output::Send {
            text: self.text,
            keyboard: self.keyboard,
            protect_content: self.protect,
            urgent: false,
        }
    }

    /// Sent ahead of every ordinary message when Telegram's limits make the
    /// bot wait: the numbers for a woman in danger.
    pub(super) fn send_urgent(self) -> Output {
        Output::Send {
            text: self.text,
            keyboard: self.keyboard,
            protect_content: self.protect,
            urgent: true,
        }
    }

    pub(super) fn replace(self) -> Output {
        Output::Replace {
            text: self.text,
            keyboard: self.keyboard,
            protect_content: self.protect,
        }
    }
}

/// The text of `key` in `lang`.
pub(super) fn t(ctx: &Context, lang: Lang, key: &str) -> String {
    ctx.locales.text(lang, key)
}

/// The text of `key` with string variables.
pub(super) fn ta(ctx: &Context, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        fa.set(*name, value.clone());
    }
    ctx.locales.text_args(lang, key, &fa)
}

/// The text of `key` with one number variable (for Fluent plurals and
/// numeric variants such as `[0]`).
pub(super) fn tn(ctx: &Context, lang: Lang, key: &str, name: &str, n: u32) -> String {
    let mut fa = FluentArgs::new();
    fa.set(name, n);
    ctx.locales.text_args(lang, key, &fa)
}

/// Put in front of a chosen option's label.
pub(super) const TICK: &str = "✓ ";

/// `label`, ticked if `chosen`. Labels that can be ticked are at most
/// [`MAX_LABEL_CHARS`] − 2 characters, so the tick still fits.
pub(super) fn ticked(label: String, chosen: bool) -> String {
    if chosen {
        format!("{TICK}{label}")
    } else {
        label
    }
}

/// A label from data (a region name from config), cut to fit a button.
pub(super) fn fit(label: String) -> String {
    let room = MAX_LABEL_CHARS - TICK.chars().count();
    if label.chars().count() <= room {
        return label;
    }
    let mut cut: String = label.chars().take(room - 1).collect();
    cut.push('…');
    cut
}

/// The name of a region: the locale's, else the catalog's, else the code.
pub(super) fn region_name(ctx: &Context, lang: Lang, code: &RegionCode) -> String {
    ctx.locales
        .try_text(lang, &code.label_key())
        .or_else(|| ctx.regions.name(code).map(str::to_owned))
        .unwrap_or_else(|| code.as_str().to_owned())
}

/// `myself` or `other`, the selector of texts that speak about the victim.
pub(super) fn who(d: &Dialogue) -> String {
    match d.answers.reporter {
        Some(ReporterRole::SomeoneElse) => "other",
        _ => "myself",
    }
    .to_owned()
}

/// Builds the keyboard of one step.
pub(super) struct Kb<'c, 'a> {
    ctx: &'c Context<'a>,
    lang: Lang,
    tag: String,
    rows: Vec<Vec<Button>>,
}

impl<'c, 'a> Kb<'c, 'a> {
    pub(super) fn new(ctx: &'c Context<'a>, lang: Lang, step: &Step) -> Self {
        Self {
            ctx,
            lang,
            tag: step.tag(),
            rows: Vec::new(),
        }
    }

    pub(super) fn button(&self, key: &str, action: Action) -> Button {
        self.labelled(t(self.ctx, self.lang, key), action)
    }

    pub(super) fn labelled(&self, label: String, action: Action) -> Button {
        Button {
            label,
            data: callback::encode(&self.tag, &action),
        }
    }

    pub(super) fn row(mut self, row: Vec<Button>) -> Self {
        self.rows.push(row);
        self
    }

    /// Buttons two to a row.
    pub(super) fn pairs(mut self, buttons: Vec<Button>) -> Self {
        let mut it = buttons.into_iter().peekable();
        while it.peek().is_some() {
            self.rows.push(it.by_ref().take(2).collect());
        }
        self
    }

    /// One button per domain value, labelled with its plain-language text,
    /// the ones she chose ticked.
    pub(super) fn values<T: Copy>(
        self,
        all: &[T],
        key: fn(T) -> &'static str,
        code: fn(T) -> &'static str,
        chosen: impl Fn(T) -> bool,
    ) -> Self {
        let buttons = (all.iter())
            .map(|v| {
                let label = ticked(t(self.ctx, self.lang, key(*v)), chosen(*v));
                self.labelled(label, Action::Value(code(*v).to_owned()))
            })
            .collect();
        self.pairs(buttons)
    }

    /// "Lewati" (if `skip`) and "Kembali", then "Keluar cepat".
    pub(super) fn nav(self, skip: bool) -> Self {
        let mut row = Vec::new();
        if skip {
            row.push(self.button("answer-skip", Action::Skip));
        }
        row.push(self.button("conv-btn-back", Action::Back));
        self.row(row).exit()
    }

    /// "Keluar cepat" alone.
    pub(super) fn exit(self) -> Self {
        let exit = Button {
            label: t(self.ctx, self.lang, "conv-btn-exit"),
            data: EXIT.to_owned(),
        };
        self.row(vec![exit])
    }

    pub(super) fn build(self) -> Option<Keyboard> {
        Some(Keyboard { rows: self.rows })
    }
}

/// The language buttons (`lg:id`, `lg:en`), each in its own language.
pub(super) fn language_row(ctx: &Context) -> Vec<Button> {
    (Lang::ALL.iter())
        .map(|l| Button {
            label: t(ctx, *l, l.label_key()),
            data: format!("{LANG_PREFIX}{}", l.code()),
        })
        .collect()
}
