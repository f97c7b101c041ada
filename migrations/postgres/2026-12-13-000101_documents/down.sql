ALTER TABLE calls DROP COLUMN required_documents;
DROP TABLE document_chunks;
DROP TABLE documents;
