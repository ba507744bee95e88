CREATE TABLE payment (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES purchase_order(id),
  amount money_cents NOT NULL,
  paid_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
