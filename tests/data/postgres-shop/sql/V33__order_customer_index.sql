CREATE INDEX purchase_order_customer ON purchase_order (customer_id, placed_at DESC);
