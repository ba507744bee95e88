CREATE OR REPLACE FUNCTION search_products(p_term TEXT)
RETURNS SETOF product LANGUAGE sql STABLE AS $$
  SELECT * FROM product WHERE name ILIKE '%' || p_term || '%' ORDER BY sku
$$;
