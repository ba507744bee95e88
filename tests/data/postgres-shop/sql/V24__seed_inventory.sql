INSERT INTO inventory (product_id, on_hand)
SELECT id, 10 * id FROM product;
