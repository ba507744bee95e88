INSERT INTO payment (order_id, amount)
SELECT id, order_total(id) FROM purchase_order;
UPDATE purchase_order SET status = 'paid';
