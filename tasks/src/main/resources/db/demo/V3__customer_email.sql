-- Customers gain an optional email, unique when present.
ALTER TABLE customers ADD COLUMN email text;
CREATE UNIQUE INDEX customers_email_idx ON customers (email) WHERE email IS NOT NULL;
