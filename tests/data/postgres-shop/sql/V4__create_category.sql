CREATE TABLE category (
  id SERIAL PRIMARY KEY,
  parent_id INT REFERENCES category(id),
  name TEXT NOT NULL UNIQUE
);
