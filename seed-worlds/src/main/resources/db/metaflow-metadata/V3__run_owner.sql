-- Service 2.0.2: every run names who started it; runs are listed per flow.
ALTER TABLE runs ADD COLUMN owner text NOT NULL DEFAULT 'unknown';
CREATE INDEX runs_by_flow ON runs (flow_id, id);
