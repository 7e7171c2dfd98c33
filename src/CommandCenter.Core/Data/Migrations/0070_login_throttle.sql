-- Failed logins counted per (name as typed, client address), and per name over all addresses (address
-- '*'). Keyed by the name as typed, not by the account, so an unknown name is throttled exactly like a
-- real one and the answers never tell which accounts exist (issue 12). See LoginThrottle.cs.
CREATE TABLE login_throttle (
    user_key        text NOT NULL,          -- lower(trim(name as typed))
    address         text NOT NULL,          -- client address, '' when unknown, '*' for all addresses together
    failed_count    integer NOT NULL,
    first_failed_at timestamptz NOT NULL,
    locked_until    timestamptz,
    PRIMARY KEY (user_key, address)
);

-- "Has this address signed in to this account before?" is asked on every attempt against a locked account.
CREATE INDEX auth_sessions_user_ip_idx ON auth_sessions (user_id, ip);
