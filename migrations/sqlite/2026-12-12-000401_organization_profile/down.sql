ALTER TABLE organizations DROP COLUMN version;
ALTER TABLE organizations DROP COLUMN postal_address;
ALTER TABLE organizations DROP COLUMN contact_phone;
ALTER TABLE organizations DROP COLUMN contact_name;
