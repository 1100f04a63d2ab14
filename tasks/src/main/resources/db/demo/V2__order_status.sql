-- Orders gain a status; existing rows are 'placed'.
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'placed';
CREATE INDEX orders_status_idx ON orders (status);
