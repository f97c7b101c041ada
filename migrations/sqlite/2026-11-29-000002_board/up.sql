-- The Board of Trustees: appointments (never deleted; an early end is recorded on the
-- row) and chair designations. Terms are half-open: a trustee sits from term_start up to,
-- not including, term_end (or ended_on when the appointment ended early), so a successor
-- may start on the day a predecessor's term ends. The regional group is not stored: it
-- follows from the nationality.

CREATE TABLE board_appointments (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    experience TEXT NOT NULL,
    appointed_on DATE NOT NULL,
    term_start DATE NOT NULL,
    term_end DATE NOT NULL CHECK (term_end > term_start),
    -- JSON array of ISO 3166-1 alpha-2 codes.
    consulted_member_states TEXT NOT NULL,
    consulted_executive_director_on DATE NOT NULL,
    user_id TEXT,
    ended_on DATE,
    end_reason TEXT CHECK (end_reason IN ('resignation', 'termination', 'end_of_term')),
    end_note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX board_appointments_created ON board_appointments (created_at DESC, id DESC);
CREATE INDEX board_appointments_user ON board_appointments (user_id);

-- The chair for a period [starts_on, ends_on), at most a year.
CREATE TABLE board_chairs (
    id TEXT PRIMARY KEY NOT NULL,
    appointment_id TEXT NOT NULL REFERENCES board_appointments (id),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL CHECK (ends_on > starts_on),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX board_chairs_starts ON board_chairs (starts_on);
