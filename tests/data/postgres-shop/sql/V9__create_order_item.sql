CREATE TABLE order_item (
  order_id BIGINT NOT NULL REFERENCES purchase_order(id) ON DELETE CASCADE,
  product_id BIGINT NOT NULL REFERENCES product(id),
  quantity INT NOT NULL CHECK (quantity > 0),
  unit_price money_cents NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
