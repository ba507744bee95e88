CREATE OR REPLACE VIEW revenue_by_day AS
SELECT date_trunc('day', paid_at) AS day, sum(amount) AS cents
FROM payment GROUP BY 1;
