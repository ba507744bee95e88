-- Places an order for one product and takes it out of stock, all or nothing.
CREATE FUNCTION place_order(p_customer BIGINT, p_sku TEXT, p_quantity INT)
RETURNS BIGINT LANGUAGE plpgsql AS $fn$
DECLARE
  v_product product%ROWTYPE;
  v_order BIGINT;
BEGIN
  SELECT * INTO STRICT v_product FROM product WHERE sku = p_sku;
  UPDATE inventory SET on_hand = on_hand - p_quantity WHERE product_id = v_product.id;
  INSERT INTO purchase_order (customer_id) VALUES (p_customer) RETURNING id INTO v_order;
  INSERT INTO order_item VALUES (v_order, v_product.id, p_quantity, v_product.price);
  RETURN v_order;
END;
$fn$;
