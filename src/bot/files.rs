//! A file she sends is downloaded into memory through getFile, sealed at
//! once with the draft's report key, and stored. The plaintext never
//! touches disk, and the buffer is wiped after sealing.

use chrono::Utc;
use teloxide::net::Download;
use teloxide::prelude::*;
use zeroize::Zeroizing;

use super::effects::EffectError;
use super::inputs::FileOffer;
use super::session::Session;
use super::{BotContext, with_retry};
use crate::conversation::{AttachmentRef, Input, RejectReason};
use crate::crypto::fields::{AttachmentBody, AttachmentMeta};
use crate::store::NewAttachment;

/// Turns a file offer into the conversation's input, sealing the file if
/// the conversation can take it now.
pub async fn accept(
    bot: &Bot,
    ctx: &BotContext,
    session: &mut Session,
    offer: FileOffer,
) -> Result<Input, EffectError> {
    let kind = offer.kind;
    if !session.dialogue.accepts_attachments() {
        // Nothing is downloaded; the conversation explains when files help.
        return Ok(Input::Attachment(AttachmentRef {
            id: String::new(),
            kind,
            size: offer.size,
        }));
    }
    if session.dialogue.answers().attachments().count() >= ctx.limits.max_attachments {
        return Ok(Input::AttachmentRejected {
            reason: RejectReason::TooMany,
        });
    }
    if offer.size > ctx.max_attachment_bytes {
        return Ok(Input::AttachmentRejected {
            reason: RejectReason::TooLarge,
        });
    }
    let file = with_retry(|| bot.get_file(offer.file_id.clone())).await?;
    let mut bytes = Zeroizing::new(Vec::with_capacity(usize::try_from(offer.size).unwrap_or(0)));
    bot.download_file(&file.path, &mut *bytes).await?;
    if bytes.len() as u64 > ctx.max_attachment_bytes {
        return Ok(Input::AttachmentRejected {
            reason: RejectReason::TooLarge,
        });
    }
    let draft = session.draft();
    let key = draft.key();
    let draft_id = draft.id;
    let id = uuid::Uuid::new_v4().to_string();
    let context = format!("{draft_id}/{id}");
    let meta = serde_json::json!({ "name": offer.name, "mime": offer.mime }).to_string();
    ctx.store
        .insert_attachment(&NewAttachment {
            id: id.clone(),
            report_id: draft_id,
            kind,
            size_bytes: bytes.len() as i64,
            created_at: Utc::now(),
            meta: key.seal::<AttachmentMeta>(&context, meta.as_bytes())?,
            content: key.seal::<AttachmentBody>(&context, &bytes)?,
        })
        .await?;
    tracing::info!(report.id = %draft_id, size = bytes.len(), "attachment sealed");
    Ok(Input::Attachment(AttachmentRef {
        id,
        kind,
        size: bytes.len() as u64,
    }))
}
