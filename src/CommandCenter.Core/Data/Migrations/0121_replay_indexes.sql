-- /replay (issue 16) steps to "the next event": the first case report or case event after a moment.
-- Both are one index probe with these; without them every step would scan the tables.
CREATE INDEX IF NOT EXISTS case_events_at_idx ON case_events (at);
CREATE INDEX IF NOT EXISTS cases_reported_at_idx ON cases (reported_at);
