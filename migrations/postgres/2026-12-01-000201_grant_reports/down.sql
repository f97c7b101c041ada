DROP TABLE grant_report_spending;
DROP TABLE grant_report_beneficiaries;
DROP TABLE grant_reports;
