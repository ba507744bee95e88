SELECT place_order(c.id, 'BK-001', 1) FROM customer c WHERE c.name = 'Ada';
SELECT place_order(c.id, 'GD-001', 2) FROM customer c WHERE c.name = 'Grace';
SELECT place_order(c.id, 'BK-003', 1) FROM customer c WHERE c.name = 'Grace';
