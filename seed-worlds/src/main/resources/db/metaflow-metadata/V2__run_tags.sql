-- Service 2.0.1: runs carry tags.
CREATE TABLE run_tags (
  run_id bigint NOT NULL REFERENCES runs (id),
  tag    text   NOT NULL,
  PRIMARY KEY (run_id, tag)
);
