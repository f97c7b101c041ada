DROP TABLE grant_public_summaries;
