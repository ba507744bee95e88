CREATE TABLE purchase_order (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    updated_at  TEXT
);

CREATE INDEX purchase_order_customer_idx ON purchase_order (customer_id);

-- Keep updated_at current; the trigger body holds statements of its own.
CREATE TRIGGER purchase_order_touch AFTER UPDATE ON purchase_order
BEGIN
    UPDATE purchase_order SET updated_at = datetime('now') WHERE id = NEW.id;
END;
