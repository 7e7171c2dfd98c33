-- Handling units work their own cases: accounts bound to a unit (承办单位) or a grid team (网格员),
-- admin-editable departments, and notices (催办 / 督办 / 临期 / 批示) with read receipts.

-- Two new person roles. Both act for one unit: a department code, a 村居 (community) code or a grid
-- code (a grid team), exactly the codes cases.assignee_code holds after 分流.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('officer', 'leader', 'admin', 'unit', 'worker'));
ALTER TABLE users
    ADD COLUMN unit_code  text,
    ADD COLUMN grid_codes text[] NOT NULL DEFAULT '{}';   -- a 网格员's grids (the cases of these grids are theirs too)
-- A unit account without a unit would see nothing or, worse, be tempting to "fix" with a wildcard.
ALTER TABLE users ADD CONSTRAINT users_unit_bound
    CHECK ((role IN ('unit', 'worker')) = (unit_code IS NOT NULL));
CREATE INDEX users_unit_code_idx ON users (unit_code) WHERE unit_code IS NOT NULL AND disabled_at IS NULL;

-- Departments become admin-editable: a disabled one is no longer offered for 分流 / 吹哨, but stays
-- for the cases already sent to it.
ALTER TABLE departments
    ADD COLUMN active     boolean NOT NULL DEFAULT true,
    ADD COLUMN sort_order integer NOT NULL DEFAULT 0;

-- Notices to a unit (unit_code set) or to the center's duty officers (unit_code NULL).
CREATE TABLE notices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    unit_code   text,
    kind        text NOT NULL CHECK (kind IN ('urge', 'supervise', 'due-soon', 'instruction', 'sign-overdue')),
    text        text NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    read_at     timestamptz,
    read_by     text,
    -- Automatic notices are sent once: e.g. 'due-soon:<case>:<deadline>'; manual ones leave it NULL.
    once_key    text UNIQUE,
    CHECK ((read_at IS NULL) = (read_by IS NULL))
);
CREATE INDEX notices_unit_unread_idx ON notices (unit_code, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notices_case_idx ON notices (case_id, created_at);

-- The work list: a unit's open cases.
CREATE INDEX cases_assignee_open_idx ON cases (assignee_code) WHERE closed_at IS NULL;
