DROP TABLE grant_budget_lines;
