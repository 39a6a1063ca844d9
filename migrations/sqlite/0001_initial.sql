-- Suara schema, version 1 (SQLite).
-- Times are Unix milliseconds (BIGINT) so that the same SQL runs on both
-- databases. Columns named *_sealed hold AES-256-GCM ciphertext; everything
-- else is the coarse metadata a stolen database may reveal.

CREATE TABLE case_workers (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    regions         TEXT NOT NULL DEFAULT '',
    agency          TEXT,
    password_hash   TEXT NOT NULL,
    totp_sealed     BLOB,
    public_key      BLOB NOT NULL,
    private_sealed  BLOB NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins   BIGINT NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    last_totp_step  BIGINT,
    created_at      BIGINT NOT NULL
);

CREATE TABLE reports (
    id               TEXT PRIMARY KEY,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    status           TEXT NOT NULL,
    urgency          TEXT NOT NULL,
    urgency_rank     BIGINT NOT NULL,
    region_code      TEXT,
    age_band         TEXT,
    victim_sex       TEXT,
    reporter_role    TEXT,
    contact_allowed  BOOLEAN NOT NULL,
    assigned_to      TEXT REFERENCES case_workers (id),
    acknowledged_at  BIGINT,
    closed_at        BIGINT,
    receipt_hash     BLOB NOT NULL UNIQUE,
    reporter_ref     BLOB,
    chat_sealed      BLOB,
    payload_sealed   BLOB NOT NULL
);
-- The triage queue: most urgent first, then oldest.
CREATE INDEX reports_queue ON reports (urgency_rank DESC, created_at, id);
CREATE INDEX reports_status ON reports (status, urgency_rank DESC, created_at);
CREATE INDEX reports_region ON reports (region_code, urgency_rank DESC, created_at);
CREATE INDEX reports_assigned ON reports (assigned_to, urgency_rank DESC, created_at);
CREATE INDEX reports_reporter ON reports (reporter_ref);

CREATE TABLE report_types (
    report_id      TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    violence_type  TEXT NOT NULL,
    PRIMARY KEY (report_id, violence_type)
);
CREATE INDEX report_types_type ON report_types (violence_type, report_id);

-- A report key sealed (HPKE) to one recipient: a case worker or the recovery key.
CREATE TABLE report_keys (
    report_id   TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    recipient   TEXT NOT NULL,
    key_sealed  BLOB NOT NULL,
    granted_by  TEXT,
    granted_at  BIGINT NOT NULL,
    PRIMARY KEY (report_id, recipient)
);
CREATE INDEX report_keys_recipient ON report_keys (recipient);

-- Attachments are sealed while she is still writing, before the report row
-- exists, so report_id has no foreign key; deleting a report or a draft
-- deletes them explicitly.
CREATE TABLE attachments (
    id              TEXT PRIMARY KEY,
    report_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    size_bytes      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    meta_sealed     BLOB NOT NULL,
    content_sealed  BLOB NOT NULL
);
CREATE INDEX attachments_report ON attachments (report_id, created_at);

-- One row per open conversation, keyed by a keyed hash of the chat.
CREATE TABLE dialogues (
    chat_key      BLOB PRIMARY KEY,
    state_sealed  BLOB NOT NULL,
    key_id        TEXT NOT NULL,
    updated_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX dialogues_expiry ON dialogues (expires_at);

CREATE TABLE reporter_messages (
    id            TEXT PRIMARY KEY,
    report_id     TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    direction     TEXT NOT NULL,
    author_id     TEXT,
    body_sealed   BLOB NOT NULL,
    created_at    BIGINT NOT NULL,
    delivered_at  BIGINT,
    read_at       BIGINT
);
CREATE INDEX reporter_messages_report ON reporter_messages (report_id, created_at);

-- Append-only, hash-chained. report_id has no foreign key: the record of
-- who opened a report outlives the report.
CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    report_id  TEXT,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_report ON audit_log (report_id, seq);

-- The head of the audit chain. Appending starts by updating this row, which
-- serialises appenders on both databases.
CREATE TABLE audit_head (
    id    BIGINT PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key        TEXT UNIQUE,
    kind             TEXT NOT NULL,
    chat_sealed      BLOB NOT NULL,
    payload_sealed   BLOB NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending',
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    locked_until     BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE processed_updates (
    update_id     BIGINT PRIMARY KEY,
    processed_at  BIGINT NOT NULL
);

-- Fixed-window counters shared by all replicas (receipt guesses, logins).
CREATE TABLE rate_limits (
    bucket        TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    hits          BIGINT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
