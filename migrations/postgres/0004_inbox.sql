-- Suara schema, version 4 (PostgreSQL): an inbox of received updates, an
-- outbox that carries every reply in per-chat order, and leases.

-- Updates as received, sealed, until applied. Applying one deletes its row
-- and records it in applied_updates, in the same transaction.
CREATE TABLE inbox (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel          TEXT NOT NULL,
    update_id        BIGINT NOT NULL,
    chat_key         BYTEA NOT NULL,
    payload_sealed   BYTEA NOT NULL,
    received_at      BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    locked_until     BIGINT,
    UNIQUE (channel, update_id)
);
CREATE INDEX inbox_chat ON inbox (chat_key, id);

CREATE TABLE applied_updates (
    channel     TEXT NOT NULL,
    update_id   BIGINT NOT NULL,
    applied_at  BIGINT NOT NULL,
    PRIMARY KEY (channel, update_id)
);
DROP TABLE processed_updates;

-- Every outgoing message, per chat and in order. chat_key is the keyed hash
-- of her chat (empty for the task force's group); sent_ids are the message
-- ids a row produced, so that quick exit can delete them.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'telegram';
ALTER TABLE outbox ADD COLUMN chat_key BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE outbox ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_ids TEXT;
CREATE INDEX outbox_chat ON outbox (chat_key, id);

-- A short PIN she may set after sending, to open messages later instead
-- of her code: a keyed hash bound to the report, never the digits.
ALTER TABLE reports ADD COLUMN pin_hash BYTEA;

-- Named leases: the one poller of a bot token, and so on.
CREATE TABLE leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   BIGINT NOT NULL
);
