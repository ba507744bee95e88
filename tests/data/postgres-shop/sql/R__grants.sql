-- Re-applied whenever it changes.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO PUBLIC;
