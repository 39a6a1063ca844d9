//! Keeping under Telegram's send limits (about 30 messages a second per
//! bot, about one a second per chat with short bursts), so a surge meets a
//! queue instead of a storm of 429s. When the bot must wait, help for a
//! woman in danger is sent first: an urgent send takes the next free slot
//! before any ordinary one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket over all chats, plus a small one per chat.
pub struct Pacer {
    state: Mutex<State>,
    per_second: f64,
    burst: f64,
    /// Messages a second one chat gets after its burst (0: no per-chat pace).
    chat_rate: f64,
}

/// How fast the bot may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Over all chats (0: no limit).
    pub overall: u32,
    /// To one chat, after a burst of three (0: no per-chat pace).
    pub per_chat: u32,
}

struct State {
    tokens: f64,
    refilled: Instant,
    /// Urgent sends waiting: ordinary ones leave them the next tokens.
    urgent_waiting: usize,
    /// Per chat: messages it may get now, and when that was counted.
    chats: HashMap<i64, (f64, Instant)>,
}

/// Messages one chat may get at once before the one-a-second pace.
const CHAT_BURST: u32 = 3;

impl Pacer {
    /// `per_second` over all chats (0: no limit, e.g. a local Bot API server),
    /// and one a second per chat.
    pub fn new(per_second: u32) -> Self {
        Self::paced(Pace {
            overall: per_second,
            per_chat: 1,
        })
    }

    /// Paced as `pace` says.
    pub fn paced(pace: Pace) -> Self {
        let per_second = f64::from(pace.overall);
        Self {
            state: Mutex::new(State {
                tokens: per_second,
                refilled: Instant::now(),
                urgent_waiting: 0,
                chats: HashMap::new(),
            }),
            per_second,
            burst: per_second.max(1.0),
            chat_rate: f64::from(pace.per_chat),
        }
    }

    /// Waits for a slot to send to `chat`.
    pub async fn acquire(&self, chat: i64, urgent: bool) {
        if self.per_second <= 0.0 {
            return;
        }
        let mut counted = false;
        loop {
            let wait = {
                let mut s = self.state.lock().expect("not poisoned");
                let now = Instant::now();
                let elapsed = now.duration_since(s.refilled).as_secs_f64();
                s.tokens = (s.tokens + elapsed * self.per_second).min(self.burst);
                s.refilled = now;
                let chat_wait = chat_wait(&mut s.chats, chat, now, urgent, self.chat_rate);
                let mine = urgent || s.urgent_waiting == 0;
                if s.tokens >= 1.0 && mine && chat_wait.is_zero() {
                    s.tokens -= 1.0;
                    if counted {
                        s.urgent_waiting -= 1;
                    }
                    take_chat_slot(&mut s.chats, chat, now);
                    if s.chats.len() > 10_000 {
                        // Chats quiet for a few seconds have a full bucket again.
                        s.chats
                            .retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(5));
                    }
                    return;
                }
                if urgent && !counted {
                    s.urgent_waiting += 1;
                    counted = true;
                }
                let token_wait =
                    Duration::from_secs_f64(((1.0 - s.tokens) / self.per_second).max(0.0));
                token_wait.max(chat_wait).max(Duration::from_millis(5))
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// How long `chat` must wait: each chat has a bucket of [`CHAT_BURST`]
/// messages refilled at `rate` a second (0: never waits). An urgent message
/// to her never waits for her own pace (Telegram allows short bursts).
fn chat_wait(
    chats: &mut HashMap<i64, (f64, Instant)>,
    chat: i64,
    now: Instant,
    urgent: bool,
    rate: f64,
) -> Duration {
    if rate <= 0.0 {
        return Duration::ZERO;
    }
    let Some((tokens, at)) = chats.get_mut(&chat) else {
        return Duration::ZERO;
    };
    *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(f64::from(CHAT_BURST));
    *at = now;
    if urgent || *tokens >= 1.0 {
        Duration::ZERO
    } else {
        Duration::from_secs_f64((1.0 - *tokens) / rate)
    }
}

fn take_chat_slot(chats: &mut HashMap<i64, (f64, Instant)>, chat: i64, now: Instant) {
    let entry = chats.entry(chat).or_insert((f64::from(CHAT_BURST), now));
    entry.0 -= 1.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sends_beyond_the_rate_wait_and_urgent_ones_go_first() {
        let pacer = std::sync::Arc::new(Pacer::new(2));
        let start = tokio::time::Instant::now();
        for chat in 0..2 {
            pacer.acquire(chat, false).await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(10),
            "the burst is free"
        );
        let order = std::sync::Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (chat, urgent) in [(10, false), (11, false), (12, true)] {
            let (pacer, order) = (pacer.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                pacer.acquire(chat, urgent).await;
                order.lock().unwrap().push(chat);
            }));
            tokio::task::yield_now().await;
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(order.lock().unwrap()[0], 12, "the urgent one first");
        assert!(start.elapsed() >= Duration::from_millis(900), "paced");
    }

    #[tokio::test(start_paused = true)]
    async fn no_limit_means_no_wait() {
        let pacer = Pacer::new(0);
        for _ in 0..1000 {
            pacer.acquire(1, false).await;
        }
    }
}
