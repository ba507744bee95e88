CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO setting VALUES ('currency', '${currency}'), ('schema', '${flyway:defaultSchema}');
