-- One person's appointments share a person_id (the id of their first appointment): the
-- term limit counts a person's terms by it, not by their name. Appointments recorded
-- before are linked as the rule then linked them: by the same account, or the same name
-- (ignoring ASCII case) and nationality, to the earliest such appointment.
ALTER TABLE board_appointments ADD COLUMN person_id TEXT NOT NULL DEFAULT '';
UPDATE board_appointments SET person_id = (
    SELECT b.id FROM board_appointments b
    WHERE (b.user_id IS NOT NULL AND b.user_id = board_appointments.user_id)
       OR (lower(b.name) = lower(board_appointments.name)
           AND b.nationality = board_appointments.nationality)
    ORDER BY b.term_start, b.id
    LIMIT 1
);
CREATE INDEX board_appointments_person ON board_appointments (person_id);

-- The Board's decision that chose the chair: the meeting's date and the reference of its
-- record. Designations recorded before carry none.
ALTER TABLE board_chairs ADD COLUMN decided_on DATE;
ALTER TABLE board_chairs ADD COLUMN decision_reference TEXT;
ALTER TABLE board_appointments ALTER COLUMN person_id DROP DEFAULT;
