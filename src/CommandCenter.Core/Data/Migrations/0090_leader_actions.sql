-- Leaders act on cases: 批示 (an instruction; a case_events row 'instruct' plus notices to the unit and to
-- the center), 包案 (a leader takes personal charge of a hard case) and a leader's 督办 (the officers' 督办).
-- 包案 lives beside the case rather than in it: ingest and the state machine's UPDATE never touch it, and a
-- case has at most one leader in charge at a time.
CREATE TABLE case_leads (
    case_id     bigint PRIMARY KEY REFERENCES cases (id),
    leader      text NOT NULL,                 -- "显示名（用户名）" as in case_events
    since       timestamptz NOT NULL,
    note        text NOT NULL
);
CREATE INDEX case_leads_since_idx ON case_leads (since DESC);

-- A notice to the unit that a leader took charge of its case.
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check
    CHECK (kind IN ('urge', 'supervise', 'due-soon', 'instruction', 'sign-overdue', 'lead'));

-- Unread notices to the center (batches of 批示, 超时未签收) for the duty queue's bell.
CREATE INDEX notices_center_unread_idx ON notices (created_at DESC) WHERE unit_code IS NULL AND read_at IS NULL;
