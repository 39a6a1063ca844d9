//! Texts in Indonesian (default and fallback) and English, from Fluent
//! files embedded in the binary.
//!
//! Message ids: domain labels are `<kind>-<code>` (see [`crate::domain`]);
//! other texts are `<area>-<item>` (e.g. `error-generic`, `lang-en`).
//! Lookups fall back to Indonesian and then to the id itself, so a missing
//! text never breaks a conversation; the tests make sure none is missing.

mod lang;
mod parity;

use std::collections::BTreeMap;
use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentError, FluentResource};
use thiserror::Error;

pub use fluent_bundle::{FluentArgs, FluentValue};
pub use lang::Lang;
use parity::MessageInfo;
pub use parity::check_parity;

/// Why the locale files could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum I18nError {
    /// A Fluent syntax error.
    #[error("{file}:{line}: Fluent syntax error: {message}")]
    Parse {
        /// File, relative to `locales/`.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the parser expected.
        message: String,
    },
    /// The same message id defined twice for one language.
    #[error("{file}: message {key:?} is already defined for this language")]
    Duplicate {
        /// File of the second definition.
        file: String,
        /// The message id.
        key: String,
    },
    /// A language code other than "id" or "en".
    #[error("unknown language {0:?}: expected \"id\" or \"en\"")]
    UnknownLang(String),
}

macro_rules! ftl {
    ($lang:ident, $dir:literal, $name:literal) => {
        (
            Lang::$lang,
            concat!($dir, "/", $name),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/locales/",
                $dir,
                "/",
                $name
            )),
        )
    };
}

/// The embedded locale files: (language, path under `locales/`, contents).
pub const FILES: &[(Lang, &str, &str)] = &[
    ftl!(Id, "id", "common.ftl"),
    ftl!(Id, "id", "taxonomy.ftl"),
    ftl!(Id, "id", "bot.ftl"),
    ftl!(Id, "id", "conversation.ftl"),
    ftl!(Id, "id", "console.ftl"),
    ftl!(En, "en", "common.ftl"),
    ftl!(En, "en", "taxonomy.ftl"),
    ftl!(En, "en", "bot.ftl"),
    ftl!(En, "en", "conversation.ftl"),
    ftl!(En, "en", "console.ftl"),
];

/// All texts, ready to format. Cheap to share: `Send + Sync`, put it in an
/// `Arc`.
pub struct Locales {
    bundles: Vec<FluentBundle<FluentResource>>,
    messages: Vec<BTreeMap<String, MessageInfo>>,
}

impl fmt::Debug for Locales {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts: Vec<_> = self.messages.iter().map(BTreeMap::len).collect();
        f.debug_struct("Locales")
            .field("messages", &counts)
            .finish()
    }
}

impl Locales {
    /// Loads the embedded files.
    pub fn load() -> Result<Self, I18nError> {
        Self::from_sources(FILES)
    }

    /// Loads the given files (language, name for errors, Fluent source),
    /// e.g. a deployment's own wording.
    pub fn from_sources(files: &[(Lang, &str, &str)]) -> Result<Self, I18nError> {
        let mut bundles: Vec<_> = Lang::ALL
            .iter()
            .map(|l| {
                let mut b = FluentBundle::new_concurrent(vec![l.langid()]);
                // Unicode isolation marks show up as junk in Telegram.
                b.set_use_isolating(false);
                b
            })
            .collect();
        let mut messages = vec![BTreeMap::new(); Lang::ALL.len()];
        for (lang, file, source) in files {
            let resource = FluentResource::try_new((*source).to_owned()).map_err(|(_, errs)| {
                let err = &errs[0];
                I18nError::Parse {
                    file: (*file).to_owned(),
                    line: 1 + source[..err.pos.start.min(source.len())]
                        .matches('\n')
                        .count(),
                    message: err.kind.to_string(),
                }
            })?;
            let found: &mut BTreeMap<String, MessageInfo> = &mut messages[lang.index()];
            for (key, info) in parity::collect(&resource, file) {
                if found.insert(key.clone(), info).is_some() {
                    return Err(I18nError::Duplicate {
                        file: (*file).to_owned(),
                        key,
                    });
                }
            }
            bundles[lang.index()]
                .add_resource(resource)
                .map_err(|errs| match errs.into_iter().next() {
                    Some(FluentError::Overriding { id, .. }) => I18nError::Duplicate {
                        file: (*file).to_owned(),
                        key: id,
                    },
                    other => I18nError::Parse {
                        file: (*file).to_owned(),
                        line: 0,
                        message: format!("{other:?}"),
                    },
                })?;
        }
        Ok(Self { bundles, messages })
    }

    /// The text for `key`, in `lang`, else Indonesian, else the key itself.
    pub fn text(&self, lang: Lang, key: &str) -> String {
        self.text_args(lang, key, &FluentArgs::new())
    }

    /// Like [`Self::text`] with variables, e.g.
    /// `FluentArgs::from_iter([("number", "129")])`.
    pub fn text_args(&self, lang: Lang, key: &str, args: &FluentArgs) -> String {
        self.try_text_args(lang, key, args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text for `key` in `lang` or Indonesian, or `None` if neither has
    /// it (e.g. to fall back to a region's name from the catalog).
    pub fn try_text(&self, lang: Lang, key: &str) -> Option<String> {
        self.try_text_args(lang, key, &FluentArgs::new())
    }

    fn try_text_args(&self, lang: Lang, key: &str, args: &FluentArgs) -> Option<String> {
        [lang, Lang::Id].into_iter().find_map(|l| {
            let bundle = &self.bundles[l.index()];
            let pattern = bundle.get_message(key)?.value()?;
            // A missing variable renders as `{$name}`; still better than nothing.
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, Some(args), &mut errors)
                    .into_owned(),
            )
        })
    }

    /// Whether `lang` itself (without fallback) has the message.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.messages[lang.index()].contains_key(key)
    }

    /// Every message id of `lang`, sorted.
    pub fn keys(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.messages[lang.index()].keys().map(String::as_str)
    }

    fn info(&self, lang: Lang) -> &BTreeMap<String, MessageInfo> {
        &self.messages[lang.index()]
    }
}

#[cfg(test)]
mod tests;
