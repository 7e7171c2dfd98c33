-- Named walls (issue 16): each kiosk credential is a wall; where it stands is reported by its heartbeats,
-- and the duty desk can send it commands (focus a grid or 片区, spotlight a case, switch the scene).

-- One row per wall: written by the node that holds its circuit or hub connection. "Online" is a fresh
-- heartbeat, not a flag, so a wall whose node died shows as offline without anyone cleaning up.
CREATE TABLE wall_presence (
    kiosk_id           bigint PRIMARY KEY REFERENCES kiosk_credentials (id),
    connection_id      text,
    node               text NOT NULL,
    online_since       timestamptz NOT NULL,
    last_heartbeat_at  timestamptz NOT NULL,
    position           bigint NOT NULL DEFAULT 0,   -- change-log position the wall's picture is complete up to
    disconnected_at    timestamptz,
    ip                 text,
    user_agent         text
);

-- A command from the desk to one wall or to all. Stored (and announced with a 'wall-command' change-log
-- entry) so every web node's walls follow it and a wall that reconnects picks up the one in force.
CREATE TABLE wall_commands (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('focus', 'spotlight', 'scene')),
    target_kiosk_id  bigint REFERENCES kiosk_credentials (id),   -- null: every wall
    grid_code        text,
    region_code      text,
    case_id          bigint REFERENCES cases (id),
    label            text NOT NULL,                               -- what the desk and the wall call it
    issued_at        timestamptz NOT NULL,
    issued_by        text NOT NULL,
    expires_at       timestamptz NOT NULL,
    released_at      timestamptz,
    released_by      text,
    CHECK (kind <> 'spotlight' OR case_id IS NOT NULL),
    CHECK (kind <> 'focus' OR grid_code IS NOT NULL OR region_code IS NOT NULL),
    CHECK (expires_at > issued_at)
);
CREATE INDEX wall_commands_active_idx ON wall_commands (expires_at) WHERE released_at IS NULL;
