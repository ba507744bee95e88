DROP VIEW IF EXISTS customer_totals;
CREATE VIEW customer_totals AS
SELECT c.id, c.name, COALESCE(SUM(o.total_cents), 0) AS total_cents
FROM customer c LEFT JOIN purchase_order o ON o.customer_id = c.id
GROUP BY c.id, c.name;
