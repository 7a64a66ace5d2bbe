-- The law in force for PKS (docs/COMPLIANCE.md), signers from their accounts, numbers that do not collide.

-- PP 29/2021 Pasal 95(1)(b): a UMKM supplier is paid in cash or, for a technical reason, at most 15 days
-- after the billing documents are complete; the reason is part of the terms when the PKS does not pay cash.
ALTER TABLE agreement_versions ADD COLUMN payment_technical_reason text;

-- The signer's position (jabatan) is the account's, never typed in at signing.
ALTER TABLE users ADD COLUMN title text;

-- One row per number prefix (PKS/ALFAMART/16.02/2026/): allocation is an upsert on it, so two drafts
-- created at once wait for each other on the row instead of both counting the same rows.
CREATE TABLE agreement_counters (
  prefix  text PRIMARY KEY,
  last    integer NOT NULL CHECK (last >= 1)
);
