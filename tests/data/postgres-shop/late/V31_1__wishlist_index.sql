CREATE INDEX CONCURRENTLY wishlist_product ON wishlist (product_id);
