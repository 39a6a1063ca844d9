//! Reading a Telegram update as what to apply: only what the conversation
//! needs is taken, never her name, username or phone number.

use teloxide::types::{ChatKind, MediaKind, Message, MessageKind, Update, UpdateKind};

use crate::conversation::{Input, UnsupportedKind};
use crate::domain::attachment::AttachmentKind;
use crate::i18n::Lang;
use crate::service::apply::{Event, FileOffer, Incoming};

/// The channel name of every update read here.
pub const CHANNEL: &str = "telegram";

/// What an update is to the bot.
pub enum Read {
    /// Something she did in her private chat.
    Private(Box<Incoming>),
    /// A message in a group: the bot says it works only in private, and
    /// leaves (unless it is the task force's alert group).
    Group {
        chat: i64,
        lang: Lang,
        message: bool,
    },
    /// Nothing the bot acts on.
    Ignore,
}

/// The chat and user of an update, for the inbox's per-chat order.
pub fn chat_and_user(update: &Update) -> Option<(i64, i64)> {
    let chat = update.chat()?.id.0;
    let user = update
        .from()
        .map(|u| i64::try_from(u.id.0).unwrap_or_default());
    Some((chat, user.unwrap_or_default()))
}

/// Reads an update (stored as inbox row `inbox_id`) as what to apply.
pub fn read(update: &Update, inbox_id: i64) -> Read {
    if let Some(chat) = update
        .chat()
        .filter(|c| !matches!(c.kind, ChatKind::Private(_)))
    {
        let lang = update
            .from()
            .map(|u| Lang::from_telegram_code(u.language_code.as_deref()))
            .unwrap_or(Lang::Id);
        return Read::Group {
            chat: chat.id.0,
            lang,
            message: matches!(update.kind, UpdateKind::Message(_)),
        };
    }
    let (message, pressed_data, edited) = match &update.kind {
        UpdateKind::Message(m) => (m, None, false),
        UpdateKind::EditedMessage(m) => (m, None, true),
        UpdateKind::CallbackQuery(q) => match (q.regular_message(), &q.data) {
            (Some(m), Some(data)) => (m, Some(data.clone()), false),
            _ => return Read::Ignore,
        },
        _ => return Read::Ignore,
    };
    let user = match &update.kind {
        UpdateKind::CallbackQuery(q) => Some(&q.from),
        _ => message.from.as_ref(),
    };
    let Some(user) = user else {
        return Read::Ignore;
    };
    let event = match (&pressed_data, edited) {
        (Some(data), _) => Event::Input(Input::Button(data.clone())),
        (None, true) => Event::Input(Input::Edited),
        (None, false) => message_event(message),
    };
    // Her own message is remembered for quick exit; a pressed button's
    // message is the bot's, found through the outbox.
    let own = (pressed_data.is_none() && !edited)
        .then(|| (i64::from(message.id.0), message.date.timestamp()));
    Read::Private(Box::new(Incoming {
        channel: CHANNEL.to_owned(),
        update_id: i64::from(update.id.0),
        inbox_id,
        chat_id: message.chat.id.0,
        user_id: i64::try_from(user.id.0).unwrap_or_default(),
        lang: Lang::from_telegram_code(user.language_code.as_deref()),
        message: own,
        pressed: pressed_data.map(|_| i64::from(message.id.0)),
        event,
    }))
}

fn message_event(message: &Message) -> Event {
    if message.forward_origin().is_some() {
        return Event::Input(Input::Unsupported(UnsupportedKind::Forward));
    }
    let MessageKind::Common(common) = &message.kind else {
        return Event::Input(Input::Unsupported(UnsupportedKind::Other));
    };
    let caption = message.caption().map(str::to_owned);
    let file =
        |file: &teloxide::types::FileMeta, kind, name: Option<&str>, mime: Option<String>| {
            Event::File(FileOffer {
                handle: file.id.0.clone(),
                kind,
                size: u64::from(file.size),
                name: name.map(str::to_owned),
                mime,
                caption: caption.clone(),
            })
        };
    match &common.media_kind {
        MediaKind::Text(t) => text_event(&t.text),
        MediaKind::Voice(v) => file(
            &v.voice.file,
            AttachmentKind::Voice,
            None,
            v.voice.mime_type.as_ref().map(|m| m.to_string()),
        ),
        MediaKind::Audio(a) => file(
            &a.audio.file,
            AttachmentKind::Audio,
            a.audio.file_name.as_deref(),
            a.audio.mime_type.as_ref().map(|m| m.to_string()),
        ),
        MediaKind::Photo(p) => match p.photo.iter().max_by_key(|s| s.width * s.height) {
            Some(largest) => file(
                &largest.file,
                AttachmentKind::Photo,
                None,
                Some("image/jpeg".to_owned()),
            ),
            None => Event::Input(Input::Unsupported(UnsupportedKind::Other)),
        },
        MediaKind::Document(d) => file(
            &d.document.file,
            AttachmentKind::Document,
            d.document.file_name.as_deref(),
            d.document.mime_type.as_ref().map(|m| m.to_string()),
        ),
        MediaKind::Video(v) => file(
            &v.video.file,
            AttachmentKind::Video,
            v.video.file_name.as_deref(),
            v.video.mime_type.as_ref().map(|m| m.to_string()),
        ),
        MediaKind::VideoNote(v) => file(
            &v.video_note.file,
            AttachmentKind::Video,
            None,
            Some("video/mp4".to_owned()),
        ),
        MediaKind::Sticker(_) | MediaKind::Animation(_) => {
            Event::Input(Input::Unsupported(UnsupportedKind::Sticker))
        }
        MediaKind::Location(_) | MediaKind::Venue(_) => {
            Event::Input(Input::Unsupported(UnsupportedKind::Location))
        }
        MediaKind::Contact(_) => Event::Input(Input::Unsupported(UnsupportedKind::Contact)),
        MediaKind::Poll(_) => Event::Input(Input::Unsupported(UnsupportedKind::Poll)),
        _ => Event::Input(Input::Unsupported(UnsupportedKind::Other)),
    }
}

/// `/start` is the conversation's start; any other `/name args` is a
/// command. `@botname` after the name is dropped.
fn text_event(text: &str) -> Event {
    let Some(rest) = text.strip_prefix('/') else {
        return Event::Input(Input::Text(text.to_owned()));
    };
    let (head, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = head.split('@').next().unwrap_or_default().to_lowercase();
    if name.is_empty() {
        return Event::Input(Input::Text(text.to_owned()));
    }
    Event::Input(match name.as_str() {
        "start" => Input::Start,
        _ => Input::Command {
            name,
            args: args.trim().to_owned(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        match text_event(text) {
            Event::Input(i) => i,
            Event::File(_) => unreachable!(),
        }
    }

    #[test]
    fn commands_are_split_from_their_arguments_and_bot_names() {
        assert_eq!(input("/start"), Input::Start);
        assert_eq!(input("/START@suara_bot"), Input::Start);
        assert_eq!(
            input("/status  ABCD-EFGH "),
            Input::Command {
                name: "status".into(),
                args: "ABCD-EFGH".into()
            }
        );
        assert_eq!(input("/"), Input::Text("/".into()));
        assert_eq!(input("tolong"), Input::Text("tolong".into()));
    }
}
