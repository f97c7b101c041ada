ALTER TABLE application_transitions DROP COLUMN checklist;
