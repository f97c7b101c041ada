-- A grant's public summary: the text the secretariat approves for publication (the IATI
-- activity's description). The application's own summary is the applicant's free text,
-- which may name a victim, so nothing of it is published; only this approved text is.
-- One row per grant, replaced by a new approval (each one audited with the text before).
CREATE TABLE grant_public_summaries (
    grant_id TEXT PRIMARY KEY NOT NULL REFERENCES grants (id),
    summary TEXT NOT NULL,
    approved_by TEXT NOT NULL REFERENCES users (id),
    approved_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1)
);
