-- Suara schema, version 6 (SQLite): networks. Reports that name the same
-- recruiter, agency, phone number or account are linked through blind
-- indexes: 128 bits of an HMAC (under a key derived from the server key)
-- of each identifier's normal form. The identifiers themselves stay in
-- the sealed payload; a stolen database holds only the hashes and kinds.

-- One identifier of one report: its kind and blind index.
CREATE TABLE report_links (
    report_id  TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    blind      BLOB NOT NULL,
    PRIMARY KEY (report_id, kind, blind)
);
-- Matching a new report: one index probe per identifier, index-only.
CREATE INDEX report_links_blind ON report_links (kind, blind, report_id);

-- Reports linked to at least one other, by cluster. A cluster's id is the
-- smallest report id in it; clusters merge as reports arrive.
CREATE TABLE report_clusters (
    report_id   TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    cluster_id  TEXT NOT NULL,
    linked_at   BIGINT NOT NULL
);
CREATE INDEX report_clusters_cluster ON report_clusters (cluster_id, report_id);

-- Identifiers known to the police, KP2MI or partner agencies: the entry
-- (identifier, source) sealed under the server key, indexed like a report's.
CREATE TABLE watchlist (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    blind         BLOB NOT NULL,
    entry_sealed  BLOB NOT NULL,
    added_at      BIGINT NOT NULL,
    added_by      TEXT NOT NULL
);
CREATE INDEX watchlist_blind ON watchlist (kind, blind);

-- A report that matched the watchlist when it arrived: the kinds matched.
CREATE TABLE report_watch (
    report_id   TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    kinds       TEXT NOT NULL,
    matched_at  BIGINT NOT NULL
);
