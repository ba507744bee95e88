DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['customer', 'product', 'purchase_order', 'payment'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    FOR EACH ROW EXECUTE FUNCTION ${audit_schema}.record_change()',
                   t || '_audit', t);
  END LOOP;
END
$$;
