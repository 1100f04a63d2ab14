-- The stand-in metadata service's first schema (service 2.0.0): flows and their runs.
CREATE TABLE flows (
  flow_id    text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE runs (
  id         bigserial PRIMARY KEY,
  flow_id    text NOT NULL REFERENCES flows (flow_id),
  status     text NOT NULL DEFAULT 'running'
);
