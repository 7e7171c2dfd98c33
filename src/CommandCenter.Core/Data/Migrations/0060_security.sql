-- Security: people who log in, the wall screens' kiosk credentials, server-side sessions and the
-- append-only audit log (PIPL; MLPS 2.0 level 3: identification, lockout, session timeout, audit).

-- People. The kiosk (大屏) is not a user: it signs in with a kiosk credential (below).
CREATE TABLE users (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name             text NOT NULL CHECK (user_name ~ '^[A-Za-z0-9._-]{2,40}$'),
    display_name          text NOT NULL,
    role                  text NOT NULL CHECK (role IN ('officer', 'leader', 'admin')),
    password_hash         text NOT NULL,               -- ASP.NET Core PasswordHasher (PBKDF2), never the password
    must_change_password  boolean NOT NULL DEFAULT true,
    failed_count          integer NOT NULL DEFAULT 0,  -- consecutive failures since the last success / lockout
    lockout_until         timestamptz,
    disabled_at           timestamptz,
    created_at            timestamptz NOT NULL,
    password_changed_at   timestamptz,
    last_login_at         timestamptz
);
-- User names compare case-insensitively: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX users_user_name_uq ON users (lower(user_name));

-- A wall screen's credential: a long random token shown once as a link (/kiosk/{token}); only its
-- SHA-256 is stored. It never expires; revoking it drops every screen signed in with it.
CREATE TABLE kiosk_credentials (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    location     text NOT NULL DEFAULT '',
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- Server-side sessions: the cookie carries only the session id, so logout, revocation, a disabled
-- account or a changed role end a session everywhere (every browser tab, circuit and hub connection)
-- and the idle timeout is decided here, not by whatever a cookie claims.
CREATE TABLE auth_sessions (
    id            uuid PRIMARY KEY,
    user_id       bigint REFERENCES users (id),
    kiosk_id      bigint REFERENCES kiosk_credentials (id),
    role          text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    ended_at      timestamptz,
    end_reason    text,
    ip            text,
    user_agent    text,
    CHECK ((user_id IS NULL) <> (kiosk_id IS NULL))
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX auth_sessions_kiosk_idx ON auth_sessions (kiosk_id) WHERE ended_at IS NULL;

-- The audit log: who, when, what, from where, on what. Append-only: the triggers below refuse any
-- UPDATE and TRUNCATE, and any DELETE of a row younger than the retention period (180 days, i.e. at
-- least 6 months as MLPS level 3 asks). Older rows may be purged by an operator, nothing else can.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,            -- user name, 'kiosk:<name>', 'system' or the name tried at a failed login
    actor_role  text,
    action      text NOT NULL,            -- see AuditActions.cs
    target      text,
    ip          text,
    succeeded   boolean NOT NULL DEFAULT true,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (lower(actor), at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.at < now() - interval '180 days' THEN
            RETURN OLD;  -- past the retention period: an operator may purge it
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit rows are kept at least 180 days and are never changed';
END
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- ASP.NET Core data-protection keys (they encrypt the authentication cookies and antiforgery tokens).
-- Kept in the database so every web node reads the same key ring and a wall screen's cookie survives
-- restarts and redeployments: a screen signed in once stays signed in until its credential is revoked.
CREATE TABLE data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
