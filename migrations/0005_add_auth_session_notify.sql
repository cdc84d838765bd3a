-- Tells every listener which session stopped being what it was (revoked, its principal or expiry changed, deleted),
-- once the change commits. The embedded database's process keeps resolved sessions in memory and drops an entry on
-- this notice, whichever code path made the change (an UPDATE anywhere, a clean-up DELETE).
CREATE FUNCTION auth_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mts_auth_session', encode(OLD.token_hash, 'hex'));
  RETURN NULL;
END $$;

CREATE TRIGGER auth_session_changed_on_update AFTER UPDATE ON auth_session FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.principal IS DISTINCT FROM NEW.principal
    OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION auth_session_changed();

CREATE TRIGGER auth_session_changed_on_delete AFTER DELETE ON auth_session FOR EACH ROW
  EXECUTE FUNCTION auth_session_changed();
