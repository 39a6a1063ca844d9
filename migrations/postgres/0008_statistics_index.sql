-- Suara schema, version 8 (PostgreSQL): the statistics page and the Simfoni
-- export count reports by month, place, age band, sex, urgency and status,
-- and take the median times to first response and to closing. Each count
-- scanned the whole reports table, sealed payload included (about a
-- gigabyte at a million reports: 17 s for the page). This index holds
-- every column those counts read, so they scan it instead.
CREATE INDEX reports_stats ON reports (
    created_at, region_code, status, urgency, age_band, victim_sex,
    acknowledged_at, closed_at, id
);
