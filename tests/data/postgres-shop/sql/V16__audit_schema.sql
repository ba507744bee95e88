-- The audit trail lives in a schema of its own, named by a placeholder.
CREATE SCHEMA ${audit_schema};
CREATE TABLE ${audit_schema}.change (
  id BIGSERIAL PRIMARY KEY,
  table_name TEXT NOT NULL,
  operation TEXT NOT NULL,
  row_data JSONB,
  changed_by TEXT NOT NULL DEFAULT current_user,
  changed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
