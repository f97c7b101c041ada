-- A term shorter than three years completes a predecessor's term: which one (DOMAIN.md).
ALTER TABLE board_appointments ADD COLUMN completes_appointment_id TEXT REFERENCES board_appointments (id);
