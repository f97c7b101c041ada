ALTER TABLE organizations DROP COLUMN psea_measures_since;
ALTER TABLE organizations DROP COLUMN direct_assistance_since;
