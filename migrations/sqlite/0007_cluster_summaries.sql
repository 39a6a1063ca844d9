-- Suara schema, version 7 (SQLite): one row per network, so the networks
-- page reads its 50 rows instead of grouping every clustered report (at a
-- million reports that grouping took ~300 ms). The row is kept in the
-- transaction that links a report, merges networks or destroys a report.
-- Areas and types are clear metadata the reports table already holds:
-- region codes and violence types, comma-separated.
CREATE TABLE cluster_summaries (
    cluster_id  TEXT PRIMARY KEY,
    size        BIGINT NOT NULL,
    first_at    BIGINT NOT NULL,
    last_at     BIGINT NOT NULL,
    areas       TEXT NOT NULL,
    types       TEXT NOT NULL
);
-- The page: latest activity first.
CREATE INDEX cluster_summaries_last ON cluster_summaries (last_at DESC, cluster_id);

-- Networks formed before this version.
INSERT INTO cluster_summaries (cluster_id, size, first_at, last_at, areas, types)
SELECT c.cluster_id, COUNT(*), MIN(r.created_at), MAX(r.created_at),
       COALESCE((SELECT group_concat(a.region_code, ',') FROM (
           SELECT DISTINCT r2.region_code FROM report_clusters c2
           JOIN reports r2 ON r2.id = c2.report_id
           WHERE c2.cluster_id = c.cluster_id AND r2.region_code IS NOT NULL
           ORDER BY r2.region_code) a), ''),
       COALESCE((SELECT group_concat(v.violence_type, ',') FROM (
           SELECT DISTINCT t.violence_type FROM report_clusters c3
           JOIN report_types t ON t.report_id = c3.report_id
           WHERE c3.cluster_id = c.cluster_id
           ORDER BY t.violence_type) v), '')
FROM report_clusters c JOIN reports r ON r.id = c.report_id
GROUP BY c.cluster_id HAVING COUNT(*) >= 2;
