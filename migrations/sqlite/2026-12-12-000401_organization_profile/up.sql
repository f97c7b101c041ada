-- An organisation keeps its profile up to date: a contact person and telephone, a postal
-- address (free text: the formats of the world's addresses differ too much for fields),
-- and a version that every change of the row increments, so that an edit made on what
-- the editor saw cannot silently overwrite a change made since (optimistic concurrency).
ALTER TABLE organizations ADD COLUMN contact_name TEXT;
ALTER TABLE organizations ADD COLUMN contact_phone TEXT;
ALTER TABLE organizations ADD COLUMN postal_address TEXT;
ALTER TABLE organizations ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);
