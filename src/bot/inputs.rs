//! Reading a Telegram update as a conversation input. Only what the
//! conversation needs is taken: never her name, username or phone number.

use teloxide::prelude::*;
use teloxide::types::{MediaKind, MessageKind, UpdateKind};

use super::{BotContext, Chat, with_retry};
use crate::conversation::{Input, UnsupportedKind};
use crate::domain::attachment::AttachmentKind;
use crate::i18n::Lang;

/// A file she sent, before it is downloaded and sealed.
pub struct FileOffer {
    pub file_id: teloxide::types::FileId,
    pub kind: AttachmentKind,
    pub size: u64,
    pub name: Option<String>,
    pub mime: Option<String>,
    /// Words sent with the file belong to her story too.
    pub caption: Option<String>,
}

pub enum Event {
    Input(Input),
    File(FileOffer),
}

/// The chat and the event of a private-chat update; `None` for updates the
/// bot has nothing to do with.
pub async fn read(
    _bot: &Bot,
    update: &Update,
    _ctx: &BotContext,
) -> ResponseResult<Option<(Chat, Event)>> {
    let (message, pressed_data, edited) = match &update.kind {
        UpdateKind::Message(m) => (m, None, false),
        UpdateKind::EditedMessage(m) => (m, None, true),
        UpdateKind::CallbackQuery(q) => match (q.regular_message(), &q.data) {
            (Some(m), Some(data)) => (m, Some(data.clone()), false),
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    let user = match &update.kind {
        UpdateKind::CallbackQuery(q) => Some(&q.from),
        _ => message.from.as_ref(),
    };
    let Some(user) = user else { return Ok(None) };
    let chat = Chat {
        id: message.chat.id,
        user_id: i64::try_from(user.id.0).unwrap_or_default(),
        lang: Lang::from_telegram_code(user.language_code.as_deref()),
        pressed: pressed_data.as_ref().map(|_| message.id),
    };
    let event = match (pressed_data, edited) {
        (Some(data), _) => Event::Input(Input::Button(data)),
        (None, true) => Event::Input(Input::Edited),
        (None, false) => message_event(message),
    };
    Ok(Some((chat, event)))
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
                file_id: file.id.clone(),
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

/// In a group the bot collects nothing: it says once that it works only in
/// a private chat, and leaves.
pub async fn leave_group(
    bot: &Bot,
    ctx: &BotContext,
    chat: ChatId,
    update: &Update,
) -> ResponseResult<()> {
    if !matches!(update.kind, UpdateKind::Message(_)) {
        return Ok(());
    }
    let lang = update
        .from()
        .map(|u| Lang::from_telegram_code(u.language_code.as_deref()))
        .unwrap_or(Lang::Id);
    let text = ctx.locales.text(lang, "group-private-only");
    let _ = with_retry(|| bot.send_message(chat, text.clone())).await;
    with_retry(|| bot.leave_chat(chat)).await?;
    Ok(())
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
