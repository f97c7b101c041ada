DROP TABLE fund;
DROP TABLE audit_events;
DROP TABLE audit_head;
DROP TABLE login_failures;
DROP TABLE users;
