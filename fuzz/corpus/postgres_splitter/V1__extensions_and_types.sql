-- Types shared by the shop's tables.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE DOMAIN money_cents AS BIGINT CHECK (VALUE >= 0);
CREATE DOMAIN email AS TEXT CHECK (VALUE ~ '^[^@ ]+@[^@ ]+$');
