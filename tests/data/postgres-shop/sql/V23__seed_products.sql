-- Prices are in ${currency} cents.
COPY product (sku, name, category_id, supplier_id, price) FROM STDIN;
BK-001	Dune	2	1	1299
BK-002	Foundation	2	1	1099
BK-003	Salt, Fat, Acid, Heat	3	3	2450
GD-001	Spade	5	2	3500
GD-002	Watering can	5	2	1800
GD-003	Seeds "mixed"	4	2	350
\.
