-- The language a user reads mail in (issue 13): English unless they choose French with
-- PATCH /api/v1/me. Mail is rendered in each recipient's language when it is queued.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
