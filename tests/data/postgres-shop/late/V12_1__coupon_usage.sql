-- Merged late: a lower version than what is applied, needs outOfOrder.
CREATE TABLE coupon_usage (
  code TEXT NOT NULL REFERENCES coupon(code),
  order_id BIGINT NOT NULL REFERENCES purchase_order(id),
  PRIMARY KEY (code, order_id)
);
