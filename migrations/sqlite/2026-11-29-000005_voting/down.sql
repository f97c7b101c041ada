DROP TABLE grants;
DROP TABLE decisions;
DROP TABLE conflicts;
DROP TABLE votes;
