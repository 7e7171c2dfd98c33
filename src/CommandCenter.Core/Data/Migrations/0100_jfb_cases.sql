-- 纠风办: a case whose 回访 is 不满意 a second time goes to the 纠风办 for accountability (seed 002).
-- One row per escalated case with its handling record: 交办 (to whom it was handed, with instructions),
-- 处理结果 and 问责. The row is made by a trigger the moment `cases.escalated_jfb` turns true, so every
-- path that escalates — the officer's 回访, an ingested callback, an import — lists the case without
-- knowing about this table. The escalation time is the 回访 that escalated it (callback_at), which is
-- the moment the officer path and ingest both stamp.
CREATE TABLE jfb_cases (
    case_id              bigint PRIMARY KEY REFERENCES cases (id),
    escalated_at         timestamptz NOT NULL,
    assigned_to          text,            -- 交办: unit or person held to account
    assigned_note        text,
    assigned_at          timestamptz,
    result               text,            -- 处理结果
    result_at            timestamptz,
    accountability       text,            -- 问责: e.g. 约谈、通报批评、责令整改、无需问责（说明）
    accountability_at    timestamptz,
    updated_by           text,
    updated_at           timestamptz,
    version              integer NOT NULL DEFAULT 1   -- optimistic concurrency for the officer's form
);
-- Weekly / monthly / annual reports count escalations in a period: an index range, never a scan of cases.
CREATE INDEX jfb_cases_escalated_idx ON jfb_cases (escalated_at);

CREATE FUNCTION jfb_cases_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jfb_cases (case_id, escalated_at)
    VALUES (NEW.id, coalesce(NEW.callback_at, NEW.updated_at))
    ON CONFLICT (case_id) DO NOTHING;
    RETURN NULL;
END
$$;

-- Row triggers with a WHEN clause: the function runs only for the rare escalation, so the write path
-- (ingest's COPY + upsert of thousands of rows) pays one boolean test per row.
CREATE TRIGGER jfb_cases_insert AFTER INSERT ON cases
    FOR EACH ROW WHEN (NEW.escalated_jfb) EXECUTE FUNCTION jfb_cases_track();
CREATE TRIGGER jfb_cases_update AFTER UPDATE OF escalated_jfb ON cases
    FOR EACH ROW WHEN (NEW.escalated_jfb AND NOT OLD.escalated_jfb) EXECUTE FUNCTION jfb_cases_track();

INSERT INTO jfb_cases (case_id, escalated_at)
SELECT id, coalesce(callback_at, updated_at) FROM cases WHERE escalated_jfb
ON CONFLICT (case_id) DO NOTHING;
