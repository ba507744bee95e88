-- a trigger body holds semicolons
CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT /* free text */);
CREATE TRIGGER log_insert AFTER INSERT ON audit
BEGIN
  INSERT INTO audit (note) VALUES ('it''s ' || "new".note);
  SELECT CASE WHEN 1 THEN 'end;' END;
END;
PRAGMA foreign_keys = ON;
INSERT INTO [audit] (note) VALUES (`x`), (X'00ff');
