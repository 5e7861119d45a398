-- Alerts: one row per source that has had a problem. problem_since is when the current problem began (null when
-- the source is fine); alerted_at is set by the one node that claimed the alert for this problem, with a
-- conditional UPDATE ... WHERE alerted_at IS NULL, so a restart or a second node never sends it again.
CREATE TABLE alert_state (
    source_id        VARCHAR(100) NOT NULL PRIMARY KEY,
    problem          VARCHAR(20),
    problem_since    TIMESTAMP WITH TIME ZONE,
    alerted_at       TIMESTAMP WITH TIME ZONE,
    alerted_problem  VARCHAR(20)
);
