CREATE PROCEDURE refresh_reports() LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW sales_by_category;
END;
$$;
CALL refresh_reports();
