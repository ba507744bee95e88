CREATE VIEW product_rating AS
SELECT p.sku, round(avg(r.stars), 2) AS stars, count(r.id) AS reviews
FROM product p LEFT JOIN review r ON r.product_id = p.id
GROUP BY p.sku;
