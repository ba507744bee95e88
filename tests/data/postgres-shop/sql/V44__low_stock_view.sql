CREATE VIEW low_stock AS
SELECT p.sku, i.on_hand FROM inventory i JOIN product p ON p.id = i.product_id
WHERE i.on_hand < 20;
