-- Cases (事件) and everything that feeds them: the closed loop 受理 → 分流 → 督办 → 反馈 → 考核.
CREATE TABLE categories (
    code              text PRIMARY KEY,
    name              text NOT NULL UNIQUE,
    group_name        text NOT NULL,
    time_limit_hours  integer NOT NULL CHECK (time_limit_hours > 0),   -- deadline from 分流
    is_dispute        boolean NOT NULL DEFAULT false,                  -- 矛盾纠纷: may be mediated
    sort_order        integer NOT NULL DEFAULT 0,
    active            boolean NOT NULL DEFAULT true
);

INSERT INTO categories (code, name, group_name, time_limit_hours, is_dispute, sort_order) VALUES
    ('drainpipe',      '落水管老化破裂',     '基础设施', 72,  false, 10),
    ('sewer',          '下水道堵塞',         '基础设施', 48,  false, 11),
    ('septic',         '化粪池满溢',         '基础设施', 24,  false, 12),
    ('property',       '物业纠纷',           '矛盾纠纷', 168, true,  20),
    ('parking',        '停车难/乱停车',      '城市管理', 72,  false, 30),
    ('dog',            '养狗纠纷',           '矛盾纠纷', 72,  true,  21),
    ('noise',          '邻里噪音',           '矛盾纠纷', 48,  true,  22),
    ('sanitation',     '垃圾分类/环境卫生',  '城市管理', 48,  false, 31),
    ('group_rental',   '群租房',             '平安建设', 120, false, 40),
    ('safety',         '安全隐患(消防/燃气)', '平安建设', 12,  false, 41),
    ('public_order',   '治安',               '平安建设', 24,  false, 42),
    ('illegal_build',  '违章搭建',           '城市管理', 168, false, 32),
    ('assistance',     '困难群众帮扶/微心愿', '民生服务', 168, false, 50),
    ('dispute',        '矛盾纠纷',           '矛盾纠纷', 168, true,  23);

-- Departments and teams a case can be dispatched to (分流) or summoned by 吹哨.
CREATE TABLE departments (
    code  text PRIMARY KEY,
    name  text NOT NULL UNIQUE,
    kind  text NOT NULL CHECK (kind IN ('部门', '村居', '网格'))
);
INSERT INTO departments (code, name, kind) VALUES
    ('zhujian',   '住建',     '部门'),
    ('chengguan', '城管',     '部门'),
    ('gongan',    '公安',     '部门'),
    ('shichang',  '市场监管', '部门'),
    ('wuye',      '物业',     '部门'),
    ('xiaofang',  '消防',     '部门'),
    ('minzheng',  '民政',     '部门'),
    ('sifa',      '司法所',   '部门');

CREATE TABLE cases (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source             text NOT NULL,                 -- the system that sent it ('grid-app', '12345', 'officer', ...)
    external_id        text NOT NULL,                 -- its id in that system; (source, external_id) is the identity
    channel            text NOT NULL,                 -- 来源渠道: 网格员巡查 / 12345热线 / 视频告警 / ...
    category_code      text NOT NULL REFERENCES categories (code),
    title              text NOT NULL,
    description        text NOT NULL DEFAULT '',
    address            text,
    location           geometry(Point, 4326),
    grid_code          text,                          -- null when outside every grid (see location_flag)
    location_flag      text,                          -- null = inside a grid; 'outside' / 'swapped' / 'missing'
    nearest_grid_code  text,
    nearest_grid_m     double precision,
    reporter_name      text,
    reporter_phone     text,
    priority           smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 3),  -- 1 紧急, 2 较急, 3 一般
    status             text NOT NULL,                 -- see CaseStatus.cs
    occurred_at        timestamptz,
    reported_at        timestamptz NOT NULL,
    accepted_at        timestamptz,                   -- 受理
    dispatched_at      timestamptz,                   -- 分流
    assignee_code      text,                          -- department / 村居 / grid team the case is dispatched to
    deadline_at        timestamptz,
    feedback_at        timestamptz,                   -- 反馈
    closed_at          timestamptz,                   -- 办结
    supervise_level    smallint NOT NULL DEFAULT 0,   -- 督办 0–3
    satisfaction       text,                          -- last 回访 result: 满意 / 基本满意 / 不满意
    callback_at        timestamptz,
    unsatisfied_count  smallint NOT NULL DEFAULT 0,
    escalated_jfb      boolean NOT NULL DEFAULT false, -- escalated to 纠风办 after a second 不满意
    reopened_count     smallint NOT NULL DEFAULT 0,
    merged_into        bigint REFERENCES cases (id),   -- a duplicate linked to its primary; counted once
    source_updated_at  timestamptz,                    -- newest update seen from the source (out-of-order guard)
    version            integer NOT NULL DEFAULT 1,     -- optimistic concurrency for officer actions
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cases_source_external_uq UNIQUE (source, external_id)
);
CREATE INDEX cases_open_idx ON cases (status) WHERE closed_at IS NULL;
CREATE INDEX cases_accepted_idx ON cases (accepted_at);
CREATE INDEX cases_closed_idx ON cases (closed_at);
CREATE INDEX cases_grid_idx ON cases (grid_code);
CREATE INDEX cases_location_idx ON cases USING gist (location);

-- The timeline and audit trail of every case: who did what, when, from which status to which.
CREATE TABLE case_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text,
    note        text,
    data        jsonb
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

-- Grid workers' patrols: start / check-in / visit / end with a position.
CREATE TABLE patrol_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text NOT NULL,
    external_id   text NOT NULL,
    worker_id     text NOT NULL,
    worker_name   text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('start', 'check-in', 'visit', 'end')),
    at            timestamptz NOT NULL,
    location      geometry(Point, 4326),
    grid_code     text,
    location_flag text,
    CONSTRAINT patrol_events_source_external_uq UNIQUE (source, external_id)
);
CREATE INDEX patrol_events_at_idx ON patrol_events (at);
CREATE INDEX patrol_events_worker_idx ON patrol_events (worker_id, at);

-- 矛盾纠纷调解 outcomes.
CREATE TABLE mediations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text NOT NULL,
    external_id    text NOT NULL,
    case_id        bigint REFERENCES cases (id),
    case_ref       text,                      -- the source's reference when the case is not (yet) known here
    grid_code      text,
    mediator_type  text NOT NULL,             -- 人民调解员 / 红管家 / 行业调委会 / ...
    level          text NOT NULL CHECK (level IN ('网格', '社区', '街道', '区')),
    outcome        text CHECK (outcome IN ('调解成功', '部分达成', '调解失败')),
    failure_route  text CHECK (failure_route IN ('转诉讼', '转信访')),
    agreement      text,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    CONSTRAINT mediations_source_external_uq UNIQUE (source, external_id)
);
CREATE INDEX mediations_ended_idx ON mediations (ended_at);

-- Everything ingest refused, verbatim, with the reason: nothing is silently dropped.
CREATE TABLE rejects (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now(),
    source       text,
    stream       text NOT NULL,               -- incidents / patrols / mediations / import
    line_no      integer,
    raw          text NOT NULL,               -- the raw record (invalid UTF-8 kept as escaped text)
    reason       text NOT NULL
);
CREATE INDEX rejects_received_idx ON rejects (received_at DESC);

-- Ingest API keys, one per source; only a hash is stored.
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text NOT NULL,
    key_hash    text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
