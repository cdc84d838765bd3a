-- The per-phone limit of submissions inside the submission's own statement (one round trip instead of a transaction
-- of four). The advisory lock per phone serialises a phone's submissions; the count that follows runs with a snapshot
-- taken after the lock (each query of a volatile PL/pgSQL function takes its own), so it sees every case of that
-- phone committed before, even by a statement that started earlier. At the limit it raises PA429, which aborts the
-- whole statement: no case, event, file, audit entry or SMS is left. The lock is held until that statement commits.
CREATE FUNCTION petition_phone_slot(p_phone text, p_limit integer) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('petition-phone:' || p_phone));
  IF (SELECT count(*) FROM (SELECT 1 FROM petition WHERE sender_phone = p_phone
        AND received_at > now() - interval '1 day' LIMIT p_limit) x) >= p_limit THEN
    RAISE EXCEPTION 'petition phone limit reached' USING ERRCODE = 'PA429';
  END IF;
  RETURN true;
END $$;
