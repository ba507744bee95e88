CREATE OR REPLACE FUNCTION advance_order(p_order BIGINT) RETURNS order_status
LANGUAGE plpgsql AS $$
DECLARE
  v order_status;
BEGIN
  UPDATE purchase_order SET status = CASE status
      WHEN 'new' THEN 'paid'::order_status
      WHEN 'paid' THEN 'shipped'::order_status
      ELSE status END
  WHERE id = p_order RETURNING status INTO v;
  RETURN v;
END;
$$;
