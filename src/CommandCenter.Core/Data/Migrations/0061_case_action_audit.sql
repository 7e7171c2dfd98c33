-- Every officer action on a case (and every automatic 督办) also lands in the audit log, in the same
-- transaction as the case event itself: no code path can act on a case without leaving an audit line.
-- Status changes reported by source systems ('source-update') are machine traffic, already in the
-- case timeline, and stay out of the audit log. The actor is "显示名（用户名）" for people, so the role
-- is looked up by the user name in the brackets.
CREATE FUNCTION case_events_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    login text := substring(NEW.actor from '（([^（）]+)）$');
BEGIN
    INSERT INTO audit_log (at, actor, actor_role, action, target, details)
    VALUES (NEW.at, NEW.actor,
            (SELECT role FROM users WHERE lower(user_name) = lower(login)),
            'case.action', '事件 #' || NEW.case_id,
            jsonb_strip_nulls(jsonb_build_object('action', NEW.action, 'from', NEW.from_status, 'to', NEW.to_status)));
    RETURN NULL;
END
$$;

CREATE TRIGGER case_events_audit AFTER INSERT ON case_events
    FOR EACH ROW WHEN (NEW.action <> 'source-update') EXECUTE FUNCTION case_events_audit();
