-- Outlet staff (issue 10, point 1 and 3): a retailer account bound to ONE outlet (store) of its chain. Its
-- organisation stays the chain's head office or the branch the outlet belongs to; outlet_id narrows the
-- account's scope to that store: its orders, receipts (BPB), stock, counts, write-offs, returns and sales.
-- NULL for every other account.
ALTER TABLE users ADD COLUMN outlet_id uuid REFERENCES outlets(id);
ALTER TABLE users ADD CONSTRAINT users_outlet_retailer_only CHECK (outlet_id IS NULL OR role = 'retailer');
CREATE INDEX users_outlet_idx ON users (outlet_id) WHERE outlet_id IS NOT NULL;

-- The outlet belongs to the account's organisation: the chain itself, or the branch the outlet is under
-- (checked by the service with a bilingual answer; this trigger is the last line for any other writer).
CREATE FUNCTION users_outlet_in_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.outlet_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM outlets o WHERE o.id = NEW.outlet_id
      AND (o.chain_id = NEW.organization_id OR o.branch_id = NEW.organization_id)
  ) THEN
    RAISE EXCEPTION 'users.outlet_id must be an outlet of the user''s chain or branch' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_outlet_in_organization BEFORE INSERT OR UPDATE OF outlet_id, organization_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_outlet_in_organization();
