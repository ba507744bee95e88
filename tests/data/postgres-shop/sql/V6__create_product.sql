CREATE TABLE product (
  id BIGSERIAL PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category_id INT REFERENCES category(id),
  supplier_id INT REFERENCES supplier(id),
  price money_cents NOT NULL
);
