CREATE TABLE price_history (
  product_id BIGINT NOT NULL REFERENCES product(id),
  price money_cents NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
