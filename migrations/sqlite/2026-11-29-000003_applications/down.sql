DROP TABLE application_transitions;
DROP TABLE applications;
DROP TABLE calls;
DROP TABLE organizations;
