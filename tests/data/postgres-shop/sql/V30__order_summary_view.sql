CREATE VIEW order_summary AS
SELECT o.id, c.name AS customer, o.status, order_total(o.id) AS total_cents
FROM purchase_order o JOIN customer c ON c.id = o.customer_id;
