//! The thin teloxide adapter over [`crate::conversation`]: a Telegram
//! update becomes an [`Input`]; each [`Output`] becomes Bot API calls or a
//! store effect. The conversation decides; this module only carries.

mod deliver;
pub mod effects;
pub mod files;
mod inputs;
mod menu;
pub mod outbox;
pub mod session;

use std::sync::Arc;

use chrono::{Duration, Utc};
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{ChatKind, UpdateKind};

use crate::config::Settings;
use crate::conversation::{Context, Input, Limits, step};
use crate::crypto::{ReporterRef, ServerKey};
use crate::domain::{Contact, RegionCatalog};
use crate::i18n::{Lang, Locales};
use crate::store::Store;
use session::{Session, Sessions};

pub use deliver::{redacted, with_retry};

/// Logs errors of the update listener (getUpdates) without their URL,
/// which carries the token.
pub struct ListenerErrors;

impl teloxide::error_handlers::ErrorHandler<teloxide::RequestError> for ListenerErrors {
    fn handle_error(
        self: Arc<Self>,
        error: teloxide::RequestError,
    ) -> futures::future::BoxFuture<'static, ()> {
        tracing::warn!(error = %redacted(&error), "polling for updates failed; retrying");
        Box::pin(async {})
    }
}
pub use menu::set_commands;

/// Everything a handler needs, shared by all of them.
pub struct BotContext {
    pub store: Arc<dyn Store>,
    pub server_key: Arc<ServerKey>,
    pub locales: Arc<Locales>,
    pub regions: RegionCatalog,
    pub contacts: Vec<Contact>,
    pub limits: Limits,
    pub max_attachment_bytes: u64,
    pub draft_ttl: Duration,
    /// The task force's alert group, if configured.
    pub alert_chat: Option<i64>,
    /// Days reports are kept after closing, as told at consent.
    pub retention_days: u32,
}

impl BotContext {
    pub fn new(
        settings: &Settings,
        store: Arc<dyn Store>,
        server_key: Arc<ServerKey>,
        locales: Arc<Locales>,
    ) -> Self {
        let c = &settings.conversation;
        Self {
            store,
            server_key,
            locales,
            regions: settings.regions.clone(),
            contacts: settings.contacts.clone(),
            limits: Limits {
                max_attachments: c.max_attachments,
                max_story_chars: c.max_story_chars,
            },
            max_attachment_bytes: c.max_attachment_bytes,
            draft_ttl: Duration::hours(i64::from(c.draft_ttl_hours)),
            alert_chat: settings.console.alert_chat_id,
            retention_days: settings.retention.days_after_close,
        }
    }

    fn conversation(&self) -> Context<'_> {
        Context {
            locales: &self.locales,
            regions: &self.regions,
            contacts: &self.contacts,
            limits: self.limits,
            retention_days: self.retention_days,
        }
    }

    fn sessions(&self) -> Sessions<'_> {
        Sessions {
            store: self.store.as_ref(),
            key: &self.server_key,
            ttl: self.draft_ttl,
        }
    }
}

/// The update tree. Teloxide hands updates of one chat to the handler one
/// at a time, which is what keeps a session's load-step-save consistent.
pub fn schema() -> UpdateHandler<teloxide::RequestError> {
    dptree::entry().endpoint(on_update)
}

/// What the handler learned about the update's chat.
pub struct Chat {
    pub id: ChatId,
    pub user_id: i64,
    pub lang: Lang,
    /// The message the pressed button sits on, for in-place edits.
    pub pressed: Option<teloxide::types::MessageId>,
}

impl Chat {
    fn reporter_ref(&self, key: &ServerKey) -> ReporterRef {
        key.reporter_ref(self.user_id, self.id.0)
    }
}

async fn on_update(bot: Bot, update: Update, ctx: Arc<BotContext>) -> ResponseResult<()> {
    // Errors end here, logged without detail that could carry the token
    // (reqwest puts the request URL, token included, in its messages).
    if let Err(err) = on_update_inner(&bot, &update, &ctx).await {
        tracing::error!(error = %err.redacted(), "update failed");
    }
    Ok(())
}

async fn on_update_inner(
    bot: &Bot,
    update: &Update,
    ctx: &BotContext,
) -> Result<(), effects::EffectError> {
    if let UpdateKind::CallbackQuery(q) = &update.kind {
        // Answer at once so her button stops spinning, whatever it was,
        // even on a message too old for the bot to see.
        let _ = with_retry(|| bot.answer_callback_query(q.id.clone())).await;
    }
    // A redelivered update (after a crash, or a webhook retry) changes nothing twice.
    match ctx
        .store
        .mark_update_processed(i64::from(update.id.0), Utc::now())
        .await
    {
        Ok(true) => {}
        Ok(false) => return Ok(()),
        Err(err) => tracing::error!(error = %err, "cannot record update; handling it anyway"),
    }
    if let Some(chat) = update
        .chat()
        .filter(|c| !matches!(c.kind, ChatKind::Private(_)))
    {
        // The task force's own alert group: the bot stays, and reads nothing.
        if ctx.alert_chat == Some(chat.id.0) {
            return Ok(());
        }
        return Ok(inputs::leave_group(bot, ctx, chat.id, update).await?);
    }
    let Some((chat, event)) = inputs::read(bot, update, ctx).await? else {
        return Ok(());
    };
    if let Err(err) = handle(bot, ctx, &chat, event, update).await {
        tracing::error!(error = %err.redacted(), "update failed; telling her to try again");
        let text = ctx.locales.text(chat.lang, "error-generic");
        with_retry(|| bot.send_message(chat.id, text.clone())).await?;
    }
    Ok(())
}

/// Load the session, run the conversation, carry out what it asks, save.
async fn handle(
    bot: &Bot,
    ctx: &BotContext,
    chat: &Chat,
    event: inputs::Event,
    update: &Update,
) -> Result<(), effects::EffectError> {
    let now = Utc::now();
    let chat_ref = chat.reporter_ref(&ctx.server_key);
    let sessions = ctx.sessions();
    let mut session = sessions
        .load(&chat_ref, now)
        .await?
        .unwrap_or_else(|| Session::new(chat.lang));
    if let Some(message) = update_message(update) {
        session.track(message.id.0, message.date.timestamp());
    }
    let inputs = match event {
        inputs::Event::Input(input) => vec![input],
        inputs::Event::File(mut file) => {
            let caption = file.caption.take().filter(|c| !c.trim().is_empty());
            let mut inputs = vec![files::accept(bot, ctx, &mut session, file).await?];
            inputs.extend(caption.map(Input::Text));
            inputs
        }
    };
    let mut run = effects::Run {
        bot,
        ctx,
        chat,
        chat_ref: &chat_ref,
        erased: false,
    };
    for input in inputs {
        run.step(&mut session, input).await?;
    }
    if run.erased {
        sessions.delete(&chat_ref).await?;
    } else {
        sessions.save(&chat_ref, &session, now).await?;
    }
    Ok(())
}

fn update_message(update: &Update) -> Option<&Message> {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => Some(m),
        _ => None,
    }
}

/// One conversation step, for [`effects::Run`] to feed results back.
pub(crate) fn advance(
    session: &mut Session,
    input: Input,
    ctx: &BotContext,
) -> Vec<crate::conversation::Output> {
    let dialogue = std::mem::replace(
        &mut session.dialogue,
        crate::conversation::Dialogue::new(Lang::Id),
    );
    let (dialogue, outputs) = step(dialogue, input, &ctx.conversation());
    session.dialogue = dialogue;
    outputs
}
