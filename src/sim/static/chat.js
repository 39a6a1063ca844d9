// Chat page for the Telegram simulator. All data is rendered with
// textContent: bot text is untrusted input.
"use strict";

let currentUser = null;
let lastTranscript = "";
let lastUsers = "";

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function userFromPath() {
  const m = location.pathname.match(/^\/chat\/(-?\d+)$/);
  return m ? Number(m[1]) : null;
}

function renderUsers(users) {
  const key = JSON.stringify(users) + currentUser;
  if (key === lastUsers) return;
  lastUsers = key;
  const list = document.getElementById("users");
  list.replaceChildren();
  for (const u of users) {
    const li = el("li", u.id === currentUser ? "active" : "");
    const a = el("a", "", u.first_name + (u.language_code ? " (" + u.language_code + ")" : ""));
    a.href = "/chat/" + u.id;
    li.appendChild(a);
    list.appendChild(li);
  }
}

function time(unix) {
  const d = new Date(unix * 1000);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function label(entry) {
  const icons = { photo: "📷 Photo", voice: "🎤 Voice message", document: "📄 Document",
    sticker: "Sticker", location: "📍 Location", contact: "👤 Contact" };
  if (entry.kind === "document" && entry.message.document) {
    return "📄 " + (entry.message.document.file_name || "Document");
  }
  if (entry.kind === "sticker" && entry.message.sticker) return entry.message.sticker.emoji || "Sticker";
  return icons[entry.kind] || "";
}

function renderEntry(entry) {
  const mine = entry.direction === "from_user";
  const row = el("div", "row " + (mine ? "mine" : "theirs"));
  if (entry.deleted) {
    row.appendChild(el("div", "deleted", "message deleted"));
    return row;
  }
  const bubble = el("div", "bubble");
  if (entry.message.forward_origin) {
    bubble.appendChild(el("div", "forwarded", "Forwarded from " +
      (entry.message.forward_origin.sender_user_name || "someone")));
  }
  const media = label(entry);
  if (media) bubble.appendChild(el("div", "media", media));
  const body = entry.text !== null ? entry.text : entry.caption;
  if (body) bubble.appendChild(el("div", "text", body));
  const meta = el("div", "meta", (entry.edited ? "edited " : "") + time(entry.date) +
    (entry.protect_content ? " 🔒" : "") + (entry.disable_notification ? " 🔕" : ""));
  bubble.appendChild(meta);
  row.appendChild(bubble);
  const kb = entry.reply_markup && entry.reply_markup.inline_keyboard;
  if (kb) {
    const keys = el("div", "inline-keyboard");
    for (const r of kb) {
      const line = el("div", "kb-row");
      for (const b of r) {
        const btn = el("button", "kb-button", b.text + (b.url ? " ↗" : ""));
        btn.type = "button";
        if (b.callback_data !== undefined) {
          btn.addEventListener("click", () => press(entry.message_id, b.callback_data));
        } else if (b.url) {
          btn.addEventListener("click", () => alert("Opens link: " + b.url));
        }
        line.appendChild(btn);
      }
      keys.appendChild(line);
    }
    row.appendChild(keys);
  }
  for (const a of entry.callback_answers) {
    if (a.text) row.appendChild(el("div", a.show_alert ? "answer alert" : "answer", a.text));
  }
  return row;
}

function renderTranscript(t) {
  const key = JSON.stringify(t);
  if (key === lastTranscript) return;
  lastTranscript = key;
  const box = document.getElementById("messages");
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
  box.replaceChildren(...t.entries.map(renderEntry));
  if (atBottom) box.scrollTop = box.scrollHeight;
  document.getElementById("chat-status").textContent =
    t.action === "typing" ? "typing…" : (t.action ? t.action.replace(/_/g, " ") + "…" : "bot");
  const rk = document.getElementById("reply-keyboard");
  rk.replaceChildren();
  const rows = t.reply_keyboard && t.reply_keyboard.keyboard;
  if (rows) {
    for (const r of rows) {
      const line = el("div", "kb-row");
      for (const b of r) {
        const text = typeof b === "string" ? b : b.text;
        const btn = el("button", "kb-button", text);
        btn.type = "button";
        btn.addEventListener("click", () => sendText(text));
        line.appendChild(btn);
      }
      rk.appendChild(line);
    }
  }
}

async function press(messageId, data) {
  try {
    await api("POST", "/control/users/" + currentUser + "/press", { message_id: messageId, data });
  } catch (e) { alert(e.message); }
  refresh();
}

async function sendMessage(body) {
  if (currentUser === null) return;
  try {
    await api("POST", "/control/users/" + currentUser + "/messages", body);
  } catch (e) { alert(e.message); }
  refresh();
}

function sendText(text) {
  if (text) sendMessage({ kind: "text", text });
}

async function refresh() {
  try {
    const users = await api("GET", "/control/users");
    if (currentUser === null && users.length > 0) currentUser = users[0].id;
    renderUsers(users);
    const me = users.find((u) => u.id === currentUser);
    document.getElementById("chat-title").textContent = me ? me.first_name : "Pick or create a user";
    if (me) renderTranscript(await api("GET", "/control/chats/" + currentUser + "/transcript"));
  } catch (e) {
    document.getElementById("chat-status").textContent = "offline: " + e.message;
  }
}

function loop() {
  refresh().finally(() => setTimeout(loop, 800));
}

document.addEventListener("DOMContentLoaded", () => {
  currentUser = userFromPath();
  document.getElementById("composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = document.getElementById("text");
    sendText(input.value);
    input.value = "";
  });
  document.getElementById("attach-photo").addEventListener("click", () => {
    const input = document.getElementById("text");
    sendMessage({ kind: "photo", caption: input.value || null });
    input.value = "";
  });
  document.getElementById("attach-voice").addEventListener("click", () =>
    sendMessage({ kind: "voice", duration: 4 }));
  document.getElementById("new-user").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = document.getElementById("new-name").value.trim();
    const lang = document.getElementById("new-lang").value;
    if (!name) return;
    try {
      const u = await api("POST", "/control/users", { first_name: name, language_code: lang });
      location.href = "/chat/" + u.id;
    } catch (e) { alert(e.message); }
  });
  loop();
});
