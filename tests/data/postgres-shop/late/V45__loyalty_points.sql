ALTER TABLE customer ADD COLUMN points INT NOT NULL DEFAULT 0;
UPDATE customer SET points = lifetime_value(id) / 100;
