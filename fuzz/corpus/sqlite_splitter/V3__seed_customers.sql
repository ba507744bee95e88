INSERT INTO customer (email, name) VALUES ('ada@example.com', 'Ada; Countess of Lovelace');
INSERT INTO customer (email, name, country) VALUES ('grace@example.com', 'Grace ''Amazing'' Hopper', 'US');
