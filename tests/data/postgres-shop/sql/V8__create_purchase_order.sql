CREATE TABLE purchase_order (
  id BIGSERIAL PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customer(id),
  status order_status NOT NULL DEFAULT 'new',
  placed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
