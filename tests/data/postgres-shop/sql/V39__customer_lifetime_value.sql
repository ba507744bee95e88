CREATE FUNCTION lifetime_value(p_customer BIGINT) RETURNS BIGINT
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sum(amount), 0)::bigint FROM payment p
  JOIN purchase_order o ON o.id = p.order_id
  WHERE o.customer_id = p_customer
$$;
