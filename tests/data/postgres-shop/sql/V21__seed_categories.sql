COPY category (id, parent_id, name) FROM stdin;
1	\N	Books
2	1	Science fiction
3	1	Cooking
4	\N	Garden
5	4	Tools\tand things
\.
SELECT setval('category_id_seq', (SELECT max(id) FROM category));
