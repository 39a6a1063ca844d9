-- Suara schema, version 7 (PostgreSQL): one row per network, so the networks
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

-- Networks formed before this version: three grouped passes joined,
-- never a query per network (correlated, that took PostgreSQL over 20
-- minutes at 10,000 networks). Rows are read back sorted.
WITH sizes AS (
    SELECT c.cluster_id, COUNT(*) AS n, MIN(r.created_at) AS f, MAX(r.created_at) AS l
    FROM report_clusters c JOIN reports r ON r.id = c.report_id
    GROUP BY c.cluster_id HAVING COUNT(*) >= 2
), places AS (
    SELECT p.cluster_id, string_agg(p.region_code, ',') AS joined FROM (
        SELECT DISTINCT c.cluster_id, r.region_code
        FROM report_clusters c JOIN reports r ON r.id = c.report_id
        WHERE r.region_code IS NOT NULL) p
    GROUP BY p.cluster_id
), kinds AS (
    SELECT k.cluster_id, string_agg(k.violence_type, ',') AS joined FROM (
        SELECT DISTINCT c.cluster_id, t.violence_type
        FROM report_clusters c JOIN report_types t ON t.report_id = c.report_id) k
    GROUP BY k.cluster_id
)
INSERT INTO cluster_summaries (cluster_id, size, first_at, last_at, areas, types)
SELECT s.cluster_id, s.n, s.f, s.l, COALESCE(p.joined, ''), COALESCE(k.joined, '')
FROM sizes s
LEFT JOIN places p ON p.cluster_id = s.cluster_id
LEFT JOIN kinds k ON k.cluster_id = s.cluster_id;
