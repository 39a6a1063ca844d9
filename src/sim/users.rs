//! What simulated people do: sign up, send messages of every kind, edit
//! them, press buttons, and talk in groups. Each action stores the message
//! and queues the matching update.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::entities::command_entities;
use super::error::SimError;
use super::objects::{StoreOpts, store_message, user_json};
use super::state::{ChatKind, ChatRec, Inner, SimState, SimUser};
pub use super::user_content::UserMessage;
use super::user_content::content_for;

/// Data for a new simulated user.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewUser {
    /// First name (required).
    pub first_name: String,
    /// Optional last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Optional username without @.
    #[serde(default)]
    pub username: Option<String>,
    /// Client language, e.g. `id` or `en`.
    #[serde(default)]
    pub language_code: Option<String>,
}

/// Which inline button to press.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ButtonRef {
    /// Restrict to this message (default: newest bot message with a match).
    #[serde(default)]
    pub message_id: Option<i64>,
    /// Button label.
    #[serde(default)]
    pub label: Option<String>,
    /// Button callback_data.
    #[serde(default)]
    pub data: Option<String>,
    /// Send `data` on message `message_id` even though no button carries
    /// it, as a modified client could: bots must not trust callback data.
    #[serde(default)]
    pub forged: bool,
}

fn new_chat(id: i64, kind: ChatKind, title: Option<String>) -> ChatRec {
    ChatRec {
        id,
        kind,
        title,
        messages: Vec::new(),
        next_message_id: 1,
        action_until: None,
        reply_keyboard: None,
        bot_left: false,
    }
}

impl SimState {
    fn queue(&self, inner: &mut Inner, kind: &str, payload: Value) {
        inner.push_update(kind, payload);
        self.update_notify.notify_waiters();
        self.touch();
    }

    /// Creates a user and her private chat (chat id = user id).
    pub fn create_user(&self, new: NewUser) -> Result<SimUser, SimError> {
        if new.first_name.trim().is_empty() {
            return Err(SimError::Invalid("first_name is required".into()));
        }
        let mut inner = self.lock();
        let id = inner.next_user_id;
        inner.next_user_id += 1;
        let user = SimUser {
            id,
            first_name: new.first_name,
            last_name: new.last_name,
            username: new.username,
            language_code: new.language_code,
            chat_id: id,
            blocked: false,
        };
        inner.users.insert(id, user.clone());
        inner
            .chats
            .insert(id, new_chat(id, ChatKind::Private, None));
        drop(inner);
        self.touch();
        Ok(user)
    }

    /// All users, oldest first.
    pub fn users(&self) -> Vec<SimUser> {
        self.lock().users.values().cloned().collect()
    }

    /// Marks the user as having blocked (or unblocked) the bot.
    pub fn set_blocked(&self, user_id: i64, blocked: bool) -> Result<(), SimError> {
        let mut inner = self.lock();
        let u = inner
            .users
            .get_mut(&user_id)
            .ok_or(SimError::UnknownUser(user_id))?;
        u.blocked = blocked;
        Ok(())
    }

    /// The user sends `msg` to her private chat or to group `chat_id`;
    /// returns the Message delivered to the bot.
    pub fn user_send(
        &self,
        user_id: i64,
        chat_id: Option<i64>,
        msg: UserMessage,
    ) -> Result<Value, SimError> {
        let mut inner = self.lock();
        let user = inner
            .users
            .get(&user_id)
            .cloned()
            .ok_or(SimError::UnknownUser(user_id))?;
        let chat_id = chat_id.unwrap_or(user.chat_id);
        if !inner.chats.contains_key(&chat_id) {
            return Err(SimError::UnknownChat(chat_id));
        }
        let date = self.now_with(&inner);
        let (content, kind) = content_for(&mut inner, date, msg)?;
        let opts = StoreOpts {
            kind: kind.into(),
            ..Default::default()
        };
        let m = store_message(
            self,
            &mut inner,
            chat_id,
            user_json(&user),
            false,
            content,
            opts,
        )
        .map_err(|e| SimError::Invalid(e.description))?;
        self.queue(&mut inner, "message", m.clone());
        Ok(m)
    }

    /// The user edits the text of one of her messages (edited_message update).
    pub fn user_edit(
        &self,
        user_id: i64,
        chat_id: Option<i64>,
        message_id: i64,
        text: &str,
    ) -> Result<Value, SimError> {
        let mut inner = self.lock();
        let chat_id = chat_id.unwrap_or(user_id);
        if !inner.users.contains_key(&user_id) {
            return Err(SimError::UnknownUser(user_id));
        }
        let now = self.now_with(&inner);
        let chat = inner
            .chats
            .get_mut(&chat_id)
            .ok_or(SimError::UnknownChat(chat_id))?;
        let m = chat
            .messages
            .iter_mut()
            .find(|m| m.message_id == message_id && !m.deleted && !m.from_bot)
            .filter(|m| m.json["from"]["id"].as_i64() == Some(user_id))
            .ok_or(SimError::UnknownMessage(chat_id, message_id))?;
        let key = if m.json.get("text").is_some() {
            "text"
        } else {
            "caption"
        };
        m.json[key] = json!(text);
        if key == "text" {
            let ents = command_entities(text);
            m.json["entities"] = Value::Array(ents);
            if m.json["entities"].as_array().is_some_and(Vec::is_empty)
                && let Some(o) = m.json.as_object_mut()
            {
                o.remove("entities");
            }
        }
        m.json["edit_date"] = json!(now);
        m.edited = true;
        let edited = m.json.clone();
        self.queue(&mut inner, "edited_message", edited.clone());
        Ok(edited)
    }

    /// Creates a basic group with the given members and adds the bot (a
    /// `new_chat_members` service message from the first member).
    pub fn create_group(&self, title: &str, member_ids: &[i64]) -> Result<i64, SimError> {
        let mut inner = self.lock();
        let Some(first) = member_ids.first() else {
            return Err(SimError::Invalid(
                "a group needs at least one member".into(),
            ));
        };
        let creator = inner
            .users
            .get(first)
            .cloned()
            .ok_or(SimError::UnknownUser(*first))?;
        if let Some(missing) = member_ids.iter().find(|id| !inner.users.contains_key(id)) {
            return Err(SimError::UnknownUser(*missing));
        }
        let id = inner.next_group_id;
        inner.next_group_id -= 1;
        inner
            .chats
            .insert(id, new_chat(id, ChatKind::Group, Some(title.to_owned())));
        let bot = self.bot_user_json();
        let mut content = Map::new();
        content.insert("new_chat_members".into(), json!([bot]));
        let opts = StoreOpts {
            kind: "new_chat_members".into(),
            ..Default::default()
        };
        let m = store_message(
            self,
            &mut inner,
            id,
            user_json(&creator),
            false,
            content,
            opts,
        )
        .map_err(|e| SimError::Invalid(e.description))?;
        self.queue(&mut inner, "message", m);
        Ok(id)
    }

    /// The user presses an inline button (callback_query update); when no
    /// inline button matches, a reply-keyboard button with that label is
    /// "pressed" by sending its text.
    pub fn press_button(
        &self,
        user_id: i64,
        chat_id: Option<i64>,
        which: ButtonRef,
    ) -> Result<Value, SimError> {
        let mut inner = self.lock();
        let user = inner
            .users
            .get(&user_id)
            .cloned()
            .ok_or(SimError::UnknownUser(user_id))?;
        let chat_id = chat_id.unwrap_or(user_id);
        let chat = inner
            .chats
            .get(&chat_id)
            .ok_or(SimError::UnknownChat(chat_id))?;
        let matches = |b: &Value| {
            which
                .label
                .as_deref()
                .is_none_or(|l| b["text"].as_str() == Some(l))
                && which
                    .data
                    .as_deref()
                    .is_none_or(|d| b["callback_data"].as_str() == Some(d))
        };
        let found = chat
            .messages
            .iter()
            .rev()
            .filter(|m| m.from_bot && !m.deleted)
            .filter(|m| which.message_id.is_none_or(|id| id == m.message_id))
            .find_map(|m| {
                if which.forged {
                    let data = which.data.as_deref()?;
                    return Some((m.message_id, m.json.clone(), json!({"callback_data": data})));
                }
                let rows = m.json["reply_markup"]["inline_keyboard"].as_array()?;
                let b = rows
                    .iter()
                    .filter_map(Value::as_array)
                    .flatten()
                    .find(|b| matches(b))?;
                Some((m.message_id, m.json.clone(), b.clone()))
            });
        let Some((message_id, message, button)) = found else {
            let label = which.label.clone().unwrap_or_default();
            let in_reply_kb = chat.reply_keyboard.as_ref().is_some_and(|kb| {
                kb["keyboard"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_array)
                    .flatten()
                    .any(|b| b.as_str() == Some(&label) || b["text"].as_str() == Some(&label))
            });
            drop(inner);
            if in_reply_kb && which.message_id.is_none() {
                return self.user_send(user_id, Some(chat_id), UserMessage::Text(label));
            }
            return Err(SimError::NoSuchButton(
                which.label.or(which.data).unwrap_or_default(),
            ));
        };
        let Some(data) = button["callback_data"].as_str() else {
            return Err(SimError::Invalid("button has no callback_data".into()));
        };
        let id = format!("{}{:06}", user_id, inner.serial());
        inner.callbacks.insert(
            id.clone(),
            super::state::CallbackRec {
                chat_id,
                message_id,
                answered: false,
            },
        );
        let q = json!({"id": id, "from": user_json(&user), "message": message,
            "chat_instance": format!("{}", chat_id.unsigned_abs() * 31 + 7), "data": data});
        self.queue(&mut inner, "callback_query", q.clone());
        Ok(q)
    }
}
