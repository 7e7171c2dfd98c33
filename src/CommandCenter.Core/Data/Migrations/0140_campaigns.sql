-- 专项任务 (campaigns pushed down to the grids, issue 15): a leader or officer sets a campaign's period, target grids
-- and counters (排查户数 / 约谈 / 整改 …); grid workers report per grid. Every report is kept as a history row; the
-- current totals per grid live in campaign_progress, updated in the same transaction as the report (under a row
-- lock), so totals are always the exact sum of the history.
CREATE TABLE campaigns (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text NOT NULL CHECK (length(btrim(title)) > 0),
    description  text NOT NULL DEFAULT '',
    starts_on    date NOT NULL,
    ends_on      date NOT NULL,
    scope        text NOT NULL,                 -- how the targets were chosen: 全部网格 / 片区：西片、东片 / 指定 12 个网格
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    ended_at     timestamptz,                   -- ended early by hand (otherwise it ends after ends_on)
    ended_by     text,
    on_wall_at   timestamptz,                   -- shown as the walls' campaign layer since
    on_wall_by   text,
    CHECK (ends_on >= starts_on)
);
-- One campaign layer on the walls at a time: the wall shows one legend.
CREATE UNIQUE INDEX campaigns_one_on_wall ON campaigns ((true)) WHERE on_wall_at IS NOT NULL;

-- The counters in order. Counter 0 is the base every rate divides by (排查/认定户数); the others are subsets of it
-- (约谈, 整改), so their totals may not exceed the base's: 约谈率 = 约谈 / 排查, 整改率 = 整改 / 排查 (seed 002:
-- 878 认定, 713 约谈 = 81%, 387 整改 = 44%).
CREATE TABLE campaign_counters (
    campaign_id  bigint NOT NULL REFERENCES campaigns (id),
    ord          smallint NOT NULL CHECK (ord BETWEEN 0 AND 5),
    label        text NOT NULL CHECK (length(btrim(label)) > 0),
    grid_target  integer CHECK (grid_target > 0),   -- optional target per grid
    PRIMARY KEY (campaign_id, ord),
    UNIQUE (campaign_id, label)
);

-- The target grids, fixed at creation (the name kept, so a report reads the same after a grid import).
CREATE TABLE campaign_grids (
    campaign_id  bigint NOT NULL REFERENCES campaigns (id),
    grid_code    text NOT NULL,
    grid_name    text NOT NULL,
    region_name  text,
    PRIMARY KEY (campaign_id, grid_code)
);

-- Current totals per grid (one element per counter, in ord order). A grid without a row has not reported.
CREATE TABLE campaign_progress (
    campaign_id      bigint NOT NULL,
    grid_code        text NOT NULL,
    totals           integer[] NOT NULL CHECK (0 <= ALL (totals)),
    reports          integer NOT NULL,
    last_report_at   timestamptz NOT NULL,
    last_reported_by text NOT NULL,
    PRIMARY KEY (campaign_id, grid_code),
    FOREIGN KEY (campaign_id, grid_code) REFERENCES campaign_grids (campaign_id, grid_code)
);

-- The history: each report's change (deltas; negative = a correction) and the grid's totals after it.
-- (source, external_id) makes a resent report a duplicate, as for every ingest record.
CREATE TABLE campaign_reports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  bigint NOT NULL,
    grid_code    text NOT NULL,
    deltas       integer[] NOT NULL,
    totals       integer[] NOT NULL,
    reported_at  timestamptz NOT NULL,             -- when the worker reported (the phone's or the sender's time)
    received_at  timestamptz NOT NULL,
    reported_by  text NOT NULL,                    -- "显示名（用户名）" or the sender's worker name and id
    source       text NOT NULL,
    external_id  text NOT NULL,
    note         text NOT NULL DEFAULT '',
    UNIQUE (source, external_id),
    FOREIGN KEY (campaign_id, grid_code) REFERENCES campaign_grids (campaign_id, grid_code)
);
CREATE INDEX campaign_reports_grid_idx ON campaign_reports (campaign_id, grid_code, id);
