ALTER TABLE shipment ADD COLUMN tracking TEXT;
INSERT INTO shipment (order_id, carrier, shipped_at, tracking)
SELECT id, 'ACME', now(), 'TRK' || lpad(id::text, 6, '0') FROM purchase_order;
UPDATE purchase_order SET status = 'shipped';
