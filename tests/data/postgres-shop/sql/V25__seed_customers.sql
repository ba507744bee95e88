INSERT INTO customer (email, name) VALUES
  ('ada@example.org', 'Ada'),
  ('grace@example.org', 'Grace'),
  ('linus@example.org', 'Linus');
INSERT INTO address (customer_id, line1, city, country)
SELECT id, 'Main street ' || id, 'Springfield', 'US' FROM customer;
