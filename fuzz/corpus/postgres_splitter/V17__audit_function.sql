CREATE FUNCTION ${audit_schema}.record_change() RETURNS trigger
LANGUAGE plpgsql AS $audit$
BEGIN
  -- TG_OP is INSERT, UPDATE or DELETE; a semicolon in a comment; changes nothing.
  INSERT INTO ${audit_schema}.change (table_name, operation, row_data)
  VALUES (TG_TABLE_NAME, TG_OP,
          CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END);
  RETURN COALESCE(NEW, OLD);
END;
$audit$;
