CREATE FUNCTION ${audit_schema}.purge_before(p_cutoff TIMESTAMPTZ) RETURNS INT
LANGUAGE plpgsql AS $$
DECLARE
  n INT;
BEGIN
  DELETE FROM ${audit_schema}.change WHERE changed_at < p_cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
