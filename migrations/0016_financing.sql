-- Early payment on verified sell-through (C8): a bank's staff are their own role, scoped to the bank's
-- organisation. A UMKM offers an accepted, unpaid statement to banks she chooses; each may make one offer
-- (rate, fee, tenor); she accepts one, and the statement is assigned to that bank — once, ever.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'pemda', 'retailer', 'umkm', 'mentor', 'bank'));

-- A bank account belongs to a bank.
CREATE FUNCTION users_bank_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role = 'bank' AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = NEW.organization_id AND kind = 'bank') THEN
    RAISE EXCEPTION 'a bank account must belong to a bank' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_bank_organization BEFORE INSERT OR UPDATE OF role, organization_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_bank_organization();

-- A statement offered for early payment, and the banks it is offered to.
CREATE TABLE financing_requests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  statement_id  uuid NOT NULL REFERENCES settlement_statements(id),
  umkm_id       uuid NOT NULL REFERENCES organizations(id),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'financed', 'withdrawn')),
  -- the evidence as offered: the statement's PDF at that moment and its SHA-256, kept as the banks saw it
  evidence_pdf     bytea NOT NULL,
  evidence_sha256  text NOT NULL CHECK (evidence_sha256 ~ '^[0-9a-f]{64}$'),
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- One open or financed request per statement.
CREATE UNIQUE INDEX financing_requests_live_idx ON financing_requests (statement_id) WHERE status <> 'withdrawn';

CREATE TABLE financing_request_banks (
  request_id  uuid NOT NULL REFERENCES financing_requests(id),
  bank_id     uuid NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (request_id, bank_id)
);
CREATE INDEX financing_request_banks_bank_idx ON financing_request_banks (bank_id);

-- A bank's offer: it pays the UMKM `advance` now and collects the statement's whole outstanding amount
-- from the chain; `discount` (interest for the tenor + fee) is what the UMKM pays for it.
CREATE TABLE financing_offers (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id     uuid NOT NULL REFERENCES financing_requests(id),
  statement_id   uuid NOT NULL REFERENCES settlement_statements(id),
  bank_id        uuid NOT NULL REFERENCES organizations(id),
  rate_bp        integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),   -- per year
  tenor_days     integer NOT NULL CHECK (tenor_days BETWEEN 1 AND 365),
  fee            bigint NOT NULL CHECK (fee >= 0),
  face           bigint NOT NULL CHECK (face > 0),                        -- the outstanding amount bought
  discount       bigint NOT NULL CHECK (discount >= 0),
  advance        bigint NOT NULL CHECK (advance > 0),
  status         text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'declined')),
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  accepted_at    timestamptz,
  CHECK (advance + discount = face),
  UNIQUE (request_id, bank_id)
);
-- One financing per statement, ever.
CREATE UNIQUE INDEX financing_offers_once_idx ON financing_offers (statement_id) WHERE status = 'accepted';
