-- VACUUM runs outside a transaction, detected like CONCURRENTLY.
VACUUM ANALYZE product;
