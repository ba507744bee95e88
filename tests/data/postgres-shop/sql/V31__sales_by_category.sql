CREATE MATERIALIZED VIEW sales_by_category AS
SELECT cat.name AS category, sum(i.quantity) AS items, sum(i.quantity * i.unit_price) AS cents
FROM order_item i
JOIN product p ON p.id = i.product_id
JOIN category cat ON cat.id = p.category_id
GROUP BY cat.name
WITH DATA;
CREATE UNIQUE INDEX sales_by_category_name ON sales_by_category (category);
