//! Telegram's send limits, as token buckets: about 30 messages per second
//! per bot across all chats, and about one per second in one chat with a
//! short burst allowed. A send over either limit is refused with 429 and
//! `parameters.retry_after`, the whole seconds until it would pass.

use std::collections::HashMap;
use std::time::Instant;

/// The limits' parameters.
#[derive(Debug, Clone, Copy)]
pub struct LimitConfig {
    /// Messages per second across chats, and the burst over it.
    pub global_rate: f64,
    pub global_burst: f64,
    /// Messages per second in one chat, and the burst over it.
    pub chat_rate: f64,
    pub chat_burst: f64,
}

impl Default for LimitConfig {
    fn default() -> Self {
        Self {
            global_rate: 30.0,
            global_burst: 30.0,
            chat_rate: 1.0,
            chat_burst: 3.0,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn full(burst: f64, now: Instant) -> Self {
        Self {
            tokens: burst,
            last: now,
        }
    }

    fn refill(&mut self, now: Instant, rate: f64, burst: f64) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.last = now;
    }

    /// Seconds until one token is there (0 if one is there now).
    fn wait(&self, rate: f64) -> f64 {
        if self.tokens >= 1.0 {
            0.0
        } else {
            (1.0 - self.tokens) / rate
        }
    }
}

/// The buckets of one bot.
#[derive(Debug)]
pub struct Limiter {
    config: LimitConfig,
    global: Bucket,
    chats: HashMap<i64, Bucket>,
}

impl Limiter {
    pub fn new(config: LimitConfig) -> Self {
        Self {
            config,
            global: Bucket::full(config.global_burst, Instant::now()),
            chats: HashMap::new(),
        }
    }

    /// Takes one message from both buckets, or tells how many whole
    /// seconds to wait (at least 1, as Telegram says).
    pub fn admit(&mut self, chat: i64, now: Instant) -> Result<(), u32> {
        let c = self.config;
        self.global.refill(now, c.global_rate, c.global_burst);
        let bucket = self
            .chats
            .entry(chat)
            .or_insert_with(|| Bucket::full(c.chat_burst, now));
        bucket.refill(now, c.chat_rate, c.chat_burst);
        let wait = bucket
            .wait(c.chat_rate)
            .max(self.global.wait(c.global_rate));
        if wait > 0.0 {
            return Err(wait.ceil().max(1.0) as u32);
        }
        bucket.tokens -= 1.0;
        self.global.tokens -= 1.0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_chat_gets_its_burst_then_one_a_second() {
        let mut l = Limiter::new(LimitConfig::default());
        let t = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.admit(1, t), Ok(()));
        }
        assert_eq!(l.admit(1, t), Err(1));
        assert_eq!(l.admit(2, t), Ok(()));
        assert_eq!(l.admit(1, t + Duration::from_millis(1000)), Ok(()));
    }

    #[test]
    fn the_bot_gets_thirty_a_second_across_chats() {
        let mut l = Limiter::new(LimitConfig::default());
        let t = Instant::now();
        for chat in 0..30 {
            assert_eq!(l.admit(chat, t), Ok(()));
        }
        assert_eq!(l.admit(99, t), Err(1));
        assert_eq!(l.admit(99, t + Duration::from_millis(40)), Ok(()));
    }
}
