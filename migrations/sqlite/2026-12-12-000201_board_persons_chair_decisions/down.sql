ALTER TABLE board_chairs DROP COLUMN decision_reference;
ALTER TABLE board_chairs DROP COLUMN decided_on;
DROP INDEX board_appointments_person;
ALTER TABLE board_appointments DROP COLUMN person_id;
