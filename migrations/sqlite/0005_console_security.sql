-- Suara schema, version 5 (SQLite): console security. A reader account is
-- approved by a second person and sets its own password; names that are
-- no account lock like real ones.

-- Who created an account and who approved it (a koordinator, or a second
-- admin). An account receives report keys, and an admin account
-- administers, only once approved. Accounts that exist before this
-- version were made by the operator and count as approved.
ALTER TABLE case_workers ADD COLUMN created_by TEXT;
ALTER TABLE case_workers ADD COLUMN approved_at BIGINT;
ALTER TABLE case_workers ADD COLUMN approved_by TEXT;
UPDATE case_workers SET approved_at = created_at, approved_by = 'migration';

-- A one-time enrolment link: only the SHA-256 of its token is kept, until
-- the owner sets a password through it or it expires. Until then the
-- account has no usable password and no key pair of its own.
ALTER TABLE case_workers ADD COLUMN enrol_hash BLOB;
ALTER TABLE case_workers ADD COLUMN enrol_expires BIGINT;
CREATE UNIQUE INDEX case_workers_enrol ON case_workers (enrol_hash);

-- Consecutive failed logins for a name that is no account, keyed by an
-- HMAC of the name (a password typed into the name field is never kept),
-- so that such a name locks exactly like an account does.
CREATE TABLE login_failures (
    name_hash      BLOB PRIMARY KEY,
    failed_logins  BIGINT NOT NULL DEFAULT 0,
    locked_until   BIGINT,
    updated_at     BIGINT NOT NULL
);
