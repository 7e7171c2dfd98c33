-- 值班表 and 交接班. The duty roster names, per shift, the 带班领导 and the 值班员 on duty (the wall shows them);
-- a handover is the outgoing officer's note plus what was open and urgent at that moment, kept as it was
-- (a snapshot, not a query re-run later), and the incoming officer's signature.
CREATE TABLE duty_shifts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    leader      text NOT NULL CHECK (length(btrim(leader)) > 0),        -- 带班领导
    officers    text[] NOT NULL CHECK (cardinality(officers) > 0),       -- 值班员
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX duty_shifts_time_idx ON duty_shifts (starts_at, ends_at);

CREATE TABLE shift_handovers (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    signed_at     timestamptz NOT NULL,
    from_officer  text NOT NULL,                 -- "显示名（用户名）"
    note          text NOT NULL,
    open_cases    jsonb NOT NULL,                -- the open urgent and overdue cases at signed_at
    urgent_count  integer NOT NULL,
    overdue_count integer NOT NULL,
    to_officer    text,
    accepted_at   timestamptz,
    accept_note   text,
    CHECK ((to_officer IS NULL) = (accepted_at IS NULL)),
    CHECK (to_officer IS NULL OR to_officer <> from_officer)
);
CREATE INDEX shift_handovers_signed_idx ON shift_handovers (signed_at DESC);
