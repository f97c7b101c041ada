-- Documents: the files a Fund keeps beside its records. A row is never updated nor
-- deleted: a new version is a new row of the same series (the first version's id), and
-- (series_id, version) being unique means two instances superseding one version at once
-- cannot both succeed. The owner is a record of another table, named by its type and id;
-- organization_id is the organisation that record belongs to (for a grant, its grantee),
-- kept here so that access is decided without reading the owner again.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    series_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    supersedes TEXT UNIQUE REFERENCES documents (id),
    owner_type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL,
    chunk_count INTEGER NOT NULL CHECK (chunk_count > 0),
    uploaded_by TEXT REFERENCES users (id),
    uploaded_at TIMESTAMP NOT NULL,
    UNIQUE (series_id, version)
);
CREATE INDEX documents_owner ON documents (owner_type, owner_id);

-- The bytes, in order: a file is written and read a chunk at a time, so neither an upload
-- nor a download ever holds a whole file in memory, and every instance and every backup
-- of the database holds them.
CREATE TABLE document_chunks (
    document_id TEXT NOT NULL REFERENCES documents (id),
    seq INTEGER NOT NULL CHECK (seq >= 0),
    bytes BYTEA NOT NULL,
    PRIMARY KEY (document_id, seq)
);

-- The kinds of document an application to a call must carry (a JSON array of kinds).
ALTER TABLE calls ADD COLUMN required_documents TEXT NOT NULL DEFAULT '[]';
