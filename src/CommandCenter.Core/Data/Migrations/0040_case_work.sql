-- Duty officers' work on cases: 吹哨 summons, assignee names, 督办 time, officer-registered case numbers.

-- 镇街吹哨、部门报到: every department summoned to a case must check in (报到) and report before it closes.
CREATE TABLE case_summons (
    case_id          bigint NOT NULL REFERENCES cases (id),
    department_code  text NOT NULL REFERENCES departments (code),
    summoned_at      timestamptz NOT NULL,
    checked_in_at    timestamptz,
    reported_at      timestamptz,
    report           text,
    PRIMARY KEY (case_id, department_code),
    CHECK (reported_at IS NULL OR checked_in_at IS NOT NULL)
);

ALTER TABLE cases
    ADD COLUMN assignee_name text,              -- display name of the 分流 target (department, 村居 or grid team)
    ADD COLUMN supervised_at timestamptz;       -- last 督办 (manual or automatic)

-- Officer-registered cases (phone-in / walk-in) get external ids from this sequence: source 'officer'.
CREATE SEQUENCE officer_case_seq;

CREATE INDEX cases_merged_into_idx ON cases (merged_into) WHERE merged_into IS NOT NULL;
-- The duty queue: open cases, most urgent first, newest first.
CREATE INDEX cases_queue_idx ON cases (priority, reported_at DESC) WHERE closed_at IS NULL;
-- The automatic 督办 scans handled cases by deadline.
CREATE INDEX cases_deadline_open_idx ON cases (deadline_at) WHERE closed_at IS NULL AND deadline_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS mediations_case_idx ON mediations (case_id);   -- ingest (0020) creates it too
