-- A screening result's checklist: each eligibility criterion (by name), the secretariat's
-- finding, its note and what the records showed, as JSON text on the result's move.
ALTER TABLE application_transitions ADD COLUMN checklist TEXT;
