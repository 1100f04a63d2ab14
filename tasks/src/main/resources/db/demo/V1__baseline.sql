-- The demo service's schema before any upgrade: customers and their orders.
CREATE TABLE customers (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL DEFAULT 'customer',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id          bigserial PRIMARY KEY,
  customer_id bigint REFERENCES customers (id),
  amount      numeric(12, 2) NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
