CREATE FUNCTION remember_price() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.price IS DISTINCT FROM OLD.price THEN
    INSERT INTO price_history (product_id, price) VALUES (NEW.id, NEW.price);
  END IF;
  RETURN NEW;
END;
$body$;

CREATE TRIGGER product_price AFTER INSERT OR UPDATE OF price ON product
  FOR EACH ROW EXECUTE FUNCTION remember_price();
