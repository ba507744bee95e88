-- In a file of its own: CONCURRENTLY cannot run in a transaction.
CREATE INDEX CONCURRENTLY review_product ON review (product_id);
