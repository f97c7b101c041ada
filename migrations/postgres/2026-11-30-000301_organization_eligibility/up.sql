-- Eligibility facts (DOMAIN.md): when the organisation began direct assistance to victims,
-- and when it adopted measures against sexual exploitation and abuse (NULL: none declared).
-- Existing organisations are taken to have assisted since their registration; PSEA
-- measures are not presumed, so they stay undeclared until the organisation states them.
ALTER TABLE organizations ADD COLUMN direct_assistance_since DATE;
UPDATE organizations SET direct_assistance_since = registered_on;
ALTER TABLE organizations ALTER COLUMN direct_assistance_since SET NOT NULL;
ALTER TABLE organizations ADD COLUMN psea_measures_since DATE;
