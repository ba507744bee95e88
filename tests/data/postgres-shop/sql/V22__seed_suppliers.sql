INSERT INTO supplier (name, contact) VALUES
  ('Paper & Ink Ltd', 'orders@paper-ink.example'),
  ('Green Thumb GmbH', 'sales@greenthumb.example'),
  ('O''Reilly-ish Press', 'hello@press.example');
