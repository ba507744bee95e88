DO $check$
BEGIN
  IF EXISTS (SELECT 1 FROM inventory WHERE on_hand < 0) THEN
    RAISE EXCEPTION 'negative stock';
  END IF;
  RAISE NOTICE 'stock checked: % products', (SELECT count(*) FROM inventory);
END
$check$;
