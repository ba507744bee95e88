CREATE TABLE wishlist (
  customer_id BIGINT NOT NULL REFERENCES customer(id),
  product_id BIGINT NOT NULL REFERENCES product(id),
  PRIMARY KEY (customer_id, product_id)
);
