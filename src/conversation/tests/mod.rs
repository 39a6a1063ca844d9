//! Tests of the conversation, driven the way the adapter drives it: inputs
//! in, outputs checked. Every text produced is checked for Fluent errors.

mod consent;
mod fastlane;
mod fitting;
mod flow;
mod lock;
mod odd_input;
mod places;
mod replies;
mod safety;
mod stranger;
mod texts;
mod typed;

use super::*;
use crate::domain::attachment::AttachmentKind;
use crate::domain::default_contacts;
use crate::i18n::Lang;

/// What a [`Context`] borrows.
pub(super) struct Fixture {
    pub(super) locales: Locales,
    pub(super) regions: RegionCatalog,
    pub(super) contacts: Vec<Contact>,
    pub(super) limits: Limits,
    pub(super) retention_days: u32,
}

impl Fixture {
    pub(super) fn new() -> Self {
        Self {
            locales: Locales::load().expect("embedded locales load"),
            regions: RegionCatalog::default_kaltim(),
            contacts: default_contacts(),
            limits: Limits::default(),
            retention_days: 365,
        }
    }

    pub(super) fn ctx(&self) -> Context<'_> {
        Context {
            locales: &self.locales,
            regions: &self.regions,
            contacts: &self.contacts,
            limits: self.limits,
            retention_days: self.retention_days,
        }
    }
}

/// One chat: the dialogue and what the bot last said.
pub(super) struct Session<'f> {
    pub(super) fix: &'f Fixture,
    pub(super) d: Dialogue,
    pub(super) out: Vec<Output>,
    keyboard: Option<Keyboard>,
}

impl<'f> Session<'f> {
    pub(super) fn new(fix: &'f Fixture, lang: Lang) -> Self {
        Self {
            fix,
            d: Dialogue::new(lang),
            out: Vec::new(),
            keyboard: None,
        }
    }

    /// Feeds one input, checks every text it produced, and remembers the
    /// last keyboard shown.
    pub(super) fn input(&mut self, input: Input) -> &[Output] {
        let (d, out) = step(self.d.clone(), input, &self.fix.ctx());
        for text in out.iter().filter_map(Output::text) {
            assert_clean(&self.fix.locales, text);
        }
        if let Some(kb) = out.iter().rev().find_map(Output::keyboard) {
            self.keyboard = Some(kb.clone());
        }
        self.d = d;
        self.out = out;
        &self.out
    }

    /// Presses a button of the last keyboard shown (it must be there).
    pub(super) fn press(&mut self, data: &str) -> &[Output] {
        let shown = self
            .keyboard
            .as_ref()
            .is_some_and(|kb| kb.buttons().any(|b| b.data == data));
        assert!(shown, "{data:?} not on the keyboard at {:?}", self.d.step());
        self.input(Input::Button(data.to_owned()))
    }

    pub(super) fn press_all(&mut self, data: &[&str]) {
        for d in data {
            self.press(d);
        }
    }

    pub(super) fn text(&mut self, text: &str) -> &[Output] {
        self.input(Input::Text(text.to_owned()))
    }

    pub(super) fn command(&mut self, name: &str, args: &str) -> &[Output] {
        self.input(Input::Command {
            name: name.to_owned(),
            args: args.to_owned(),
        })
    }

    /// All texts of the last outputs, joined.
    pub(super) fn said(&self) -> String {
        let texts: Vec<&str> = self.out.iter().filter_map(Output::text).collect();
        texts.join("\n---\n")
    }

    /// The request of the last `Submit`, if any.
    pub(super) fn submitted(&self) -> Option<&SubmitRequest> {
        self.out.iter().find_map(|o| match o {
            Output::Submit(req) => Some(&**req),
            _ => None,
        })
    }

    /// Start, agree, and skip the police question: she is at "who is
    /// telling".
    pub(super) fn through_consent(&mut self, safe: &str) {
        self.input(Input::Start);
        self.press_all(&["wl:go", safe]);
        if safe == "sn:n" {
            // The fast lane comes first; she goes on telling.
            self.press("fl:r");
        }
        self.press_all(&["cs:go", "pl:s"]);
        assert_eq!(self.d.step(), &Step::Reporter);
    }

    /// The buttons' callback data of the last keyboard shown.
    pub(super) fn buttons(&self) -> Vec<String> {
        (self.keyboard.iter())
            .flat_map(Keyboard::buttons)
            .map(|b| b.data.clone())
            .collect()
    }

    /// The label of the button with `data` on the last keyboard.
    pub(super) fn label(&self, data: &str) -> String {
        (self.keyboard.iter())
            .flat_map(Keyboard::buttons)
            .find(|b| b.data == data)
            .map(|b| b.label.clone())
            .unwrap_or_else(|| panic!("{data:?} not on the keyboard"))
    }
}

/// The dialogue without the count of odd inputs in a row, to compare
/// drafts: odd input changes nothing else.
pub(super) fn draft(d: &Dialogue) -> Dialogue {
    Dialogue {
        odd: 0,
        ..d.clone()
    }
}

/// A voice note the adapter sealed.
pub(super) fn voice(id: &str) -> AttachmentRef {
    AttachmentRef {
        id: id.to_owned(),
        kind: AttachmentKind::Voice,
        size: 12_345,
    }
}

/// No Fluent error marker, and no message id shown instead of a text.
pub(super) fn assert_clean(locales: &Locales, text: &str) {
    assert!(
        !text.contains('{') && !text.contains('}'),
        "Fluent error in {text:?}"
    );
    assert!(!text.trim().is_empty(), "empty text");
    for lang in Lang::ALL {
        for key in locales.keys(*lang) {
            assert!(!text.contains(key), "missing text {key:?} in {text:?}");
        }
    }
}
