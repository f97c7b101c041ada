-- The budget a grant's agreement sets, at the award: labelled lines that add up to the
-- award exactly. Reports spend against these lines; a budget revision (an amendment)
-- replaces them, its record keeping the lines before and after.
CREATE TABLE grant_budget_lines (
    grant_id TEXT NOT NULL REFERENCES grants (id),
    line INTEGER NOT NULL CHECK (line > 0),
    label TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (grant_id, line),
    UNIQUE (grant_id, label)
);
