CREATE FUNCTION order_total(p_order BIGINT) RETURNS BIGINT
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT COALESCE(sum(quantity * unit_price), 0) FROM order_item WHERE order_id = p_order;
END;
