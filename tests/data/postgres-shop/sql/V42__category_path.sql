CREATE VIEW category_path AS
WITH RECURSIVE tree AS (
  SELECT id, name::text AS path FROM category WHERE parent_id IS NULL
  UNION ALL
  SELECT c.id, t.path || ' / ' || c.name FROM category c JOIN tree t ON c.parent_id = t.id
)
SELECT id, path FROM tree;
