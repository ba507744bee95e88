INSERT INTO review (product_id, customer_id, stars, body)
SELECT p.id, c.id, 5, E'Great read;\nwould buy again'
FROM product p, customer c WHERE p.sku = 'BK-001' AND c.name = 'Ada';
