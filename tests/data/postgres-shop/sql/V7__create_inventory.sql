CREATE TABLE inventory (
  product_id BIGINT PRIMARY KEY REFERENCES product(id),
  on_hand INT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
