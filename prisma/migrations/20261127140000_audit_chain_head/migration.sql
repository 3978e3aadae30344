-- The audit chain's head for an append, in one round trip (app/server/audit.server.ts): the
-- transaction-scoped advisory lock that serialises appends, then the last event's hash. The function
-- is VOLATILE, so its second statement takes a new snapshot once the lock is held (READ COMMITTED):
-- it sees the events that a concurrent append committed while this one waited.
CREATE FUNCTION "audit_chain_head"("lock_key" BIGINT) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  "head" TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock("lock_key");
  SELECT "hash" INTO "head" FROM "audit_event" ORDER BY "sequence" DESC LIMIT 1;
  RETURN "head";
END
$$;
