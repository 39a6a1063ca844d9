-- The console: sessions, a report's timeline and notes, and referrals to
-- partner agencies.

-- A signed-in console session. The cookie holds a random token; only its
-- SHA-256 is stored. The worker's private key, unlocked at login, is kept
-- sealed under a key derived from that token, so a copy of this table
-- opens nothing without the browser's cookie.
CREATE TABLE console_sessions (
    id_hash     BYTEA PRIMARY KEY,
    worker_id   TEXT NOT NULL REFERENCES case_workers (id) ON DELETE CASCADE,
    stage       TEXT NOT NULL,
    key_sealed  BYTEA,
    csrf        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX console_sessions_worker ON console_sessions (worker_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- What happened to a report: status changes, assignment, notes, referrals,
-- messages. Reasons and notes are sealed with the report key.
CREATE TABLE report_events (
    id           TEXT PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    at           BIGINT NOT NULL,
    actor_id     TEXT,
    kind         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    subject      TEXT,
    body_sealed  BYTEA
);
CREATE INDEX report_events_report ON report_events (report_id, at);

-- A referral shares chosen fields of a report with a partner agency. The
-- shared fields are sealed with a fresh referral key, sealed in turn to
-- each liaison (mitra) of the agency: they never hold the report key.
CREATE TABLE referrals (
    id              TEXT PRIMARY KEY,
    report_id       TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    agency          TEXT NOT NULL,
    fields          TEXT NOT NULL,
    referred_by     TEXT,
    at              BIGINT NOT NULL,
    payload_sealed  BYTEA NOT NULL
);
CREATE INDEX referrals_agency ON referrals (agency, report_id);
CREATE INDEX referrals_report ON referrals (report_id);

CREATE TABLE referral_keys (
    referral_id  TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    worker_id    TEXT NOT NULL,
    key_sealed   BYTEA NOT NULL,
    PRIMARY KEY (referral_id, worker_id)
);

ALTER TABLE reports ADD COLUMN referred BOOLEAN NOT NULL DEFAULT FALSE;
-- The default queue: open reports only, most urgent first, then oldest.
CREATE INDEX reports_open_queue ON reports (urgency_rank DESC, created_at, id)
    WHERE closed_at IS NULL;
CREATE INDEX reports_created ON reports (created_at);
