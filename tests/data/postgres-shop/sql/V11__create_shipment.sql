CREATE TABLE shipment (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES purchase_order(id),
  carrier TEXT NOT NULL,
  shipped_at TIMESTAMPTZ
);
