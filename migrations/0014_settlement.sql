-- Settlement (C8): statements per PKS settlement period, their lifecycle and payment clock, and a
-- double-entry ledger of what each party owes. The ledger is append-only; every journal balances, which
-- the database checks when the transaction commits (a deferred constraint trigger), whoever writes it.

-- The settlement periods a PKS can name, computed in one place. weekly: Monday to Sunday (ISO week);
-- two_weekly: the 1st to the 15th and the 16th to the month's end; monthly: the calendar month.
CREATE FUNCTION settlement_period_start(kind text, d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind
    WHEN 'weekly' THEN d - (extract(isodow FROM d)::int - 1)
    WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d)::date
                                ELSE date_trunc('month', d)::date + 15 END
    ELSE date_trunc('month', d)::date END
$$;
CREATE FUNCTION settlement_period_end(kind text, d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind
    WHEN 'weekly' THEN d - (extract(isodow FROM d)::int - 1) + 6
    WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d)::date + 14
                                ELSE (date_trunc('month', d) + interval '1 month')::date - 1 END
    ELSE (date_trunc('month', d) + interval '1 month')::date - 1 END
$$;

-- A statement (rekap tagihan) of one PKS for one period. A dispute is resolved by a corrected statement
-- (revision + 1, `corrects_id`), never by editing: the disputed one becomes 'superseded'.
-- status: computed (the chain's draft) → issued → accepted | disputed (→ superseded) → billed (the UMKM's
-- invoice is in: the payment clock starts) → partly_paid → paid.
CREATE TABLE settlement_statements (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number               text NOT NULL UNIQUE,
  agreement_id         uuid NOT NULL REFERENCES agreements(id),
  version_id           uuid NOT NULL REFERENCES agreement_versions(id),   -- the terms it follows
  chain_id             uuid NOT NULL REFERENCES organizations(id),
  branch_id            uuid REFERENCES organizations(id),
  umkm_id              uuid NOT NULL REFERENCES organizations(id),
  umkm_district_code   text NOT NULL,                                     -- whose Dinas watches the payment
  region_code          text NOT NULL,                                     -- the PKS's region (local dates)
  trade_model          text NOT NULL CHECK (trade_model IN ('konsinyasi', 'beli_putus')),
  period_kind          text NOT NULL CHECK (period_kind IN ('weekly', 'two_weekly', 'monthly')),
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  revision             integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
  corrects_id          uuid UNIQUE REFERENCES settlement_statements(id),
  status               text NOT NULL DEFAULT 'computed'
                       CHECK (status IN ('computed', 'issued', 'disputed', 'superseded', 'accepted', 'billed', 'partly_paid', 'paid')),
  goods                bigint NOT NULL,                                   -- rupiah: sum of the goods lines (signed)
  fees                 bigint NOT NULL CHECK (fees >= 0),                 -- rupiah: the PKS fees deducted
  net                  bigint NOT NULL,                                   -- goods − fees = the sum of all lines
  paid                 bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  payment_term_days    integer NOT NULL CHECK (payment_term_days >= 0),
  pks_starts_on        date NOT NULL,                                     -- which rules of trade apply
  computed_at          timestamptz NOT NULL,
  issued_at            timestamptz,
  issued_by            uuid REFERENCES users(id),
  responded_at         timestamptz,
  responded_by         uuid REFERENCES users(id),
  dispute_note         text,
  invoice_number       text,
  billing_complete_at  timestamptz,                                       -- starts the clock
  billing_complete_on  date,                                              -- its local date
  due_on               date,                                              -- billing complete + PKS term
  legal_due_on         date,                                              -- billing complete + the legal maximum
  paid_at              timestamptz,
  payee_id             uuid REFERENCES organizations(id),                 -- the UMKM, or the bank it assigned to
  created_by           uuid REFERENCES users(id),
  CHECK (period_end >= period_start),
  CHECK (net = goods - fees),
  CHECK (paid <= greatest(net, 0)),
  CHECK ((revision = 0) = (corrects_id IS NULL)),
  CHECK (status IN ('computed', 'issued', 'disputed', 'superseded', 'accepted') OR billing_complete_at IS NOT NULL OR net <= 0),
  CHECK (status <> 'paid' OR paid = greatest(net, 0)),
  CHECK (status <> 'disputed' OR dispute_note IS NOT NULL)
);
-- One live statement per PKS and period.
CREATE UNIQUE INDEX settlement_statements_live_idx ON settlement_statements (agreement_id, period_start) WHERE status <> 'superseded';
CREATE INDEX settlement_statements_chain_idx ON settlement_statements (chain_id, period_end DESC);
CREATE INDEX settlement_statements_umkm_idx ON settlement_statements (umkm_id, period_end DESC);
CREATE INDEX settlement_statements_district_idx ON settlement_statements (umkm_district_code text_pattern_ops);
CREATE INDEX settlement_statements_open_idx ON settlement_statements (legal_due_on) WHERE status IN ('billed', 'partly_paid');

-- The lines: goods per product × outlet (sold, or received for an outright purchase), losses borne by the
-- chain (consignment) or deductions borne by the UMKM (outright), each PKS fee split over the outlets,
-- and adjustments a correction makes. Signed rupiah: + owed to the UMKM, − deducted.
CREATE TABLE settlement_lines (
  statement_id  uuid NOT NULL REFERENCES settlement_statements(id),
  line_no       integer NOT NULL CHECK (line_no >= 1),
  kind          text NOT NULL CHECK (kind IN ('sale', 'receipt', 'loss_chain', 'expired_chain', 'return_umkm', 'expired_umkm', 'fee', 'adjustment')),
  outlet_id     uuid REFERENCES outlets(id),
  product_id    uuid REFERENCES products(id),
  qty           integer NOT NULL DEFAULT 0,
  amount        bigint NOT NULL,
  fee_name      text,                                                     -- kind 'fee': the PKS's name for it
  fee_bp        integer CHECK (fee_bp BETWEEN 0 AND 10000),
  note          text,                                                     -- kind 'adjustment': why
  corrects_line integer,                                                  -- kind 'adjustment': the disputed line
  PRIMARY KEY (statement_id, line_no),
  CHECK (kind <> 'fee' OR (fee_name IS NOT NULL AND fee_bp IS NOT NULL)),
  CHECK (kind <> 'adjustment' OR note IS NOT NULL)
);

-- A line the UMKM disputes, with her reason.
CREATE TABLE settlement_disputes (
  statement_id  uuid NOT NULL REFERENCES settlement_statements(id),
  line_no       integer NOT NULL,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (statement_id, line_no),
  FOREIGN KEY (statement_id, line_no) REFERENCES settlement_lines (statement_id, line_no)
);

-- Payments the chain records (partial ones too). The idempotency key makes a retried request a no-op.
CREATE TABLE settlement_payments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  statement_id     uuid NOT NULL REFERENCES settlement_statements(id),
  idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 200),
  payee_id         uuid NOT NULL REFERENCES organizations(id),
  reference        text NOT NULL CHECK (length(reference) BETWEEN 1 AND 120),
  amount           bigint NOT NULL CHECK (amount > 0),
  paid_on          date NOT NULL,
  recorded_by      uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX settlement_payments_statement_idx ON settlement_payments (statement_id);

-- A statement's net is the sum of its lines, checked when the transaction commits.
CREATE FUNCTION settlement_statement_sums() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO total FROM settlement_lines WHERE statement_id = NEW.id;
  IF total <> NEW.net THEN
    RAISE EXCEPTION 'statement % nets % but its lines sum to %', NEW.number, NEW.net, total USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER settlement_statement_sums AFTER INSERT ON settlement_statements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION settlement_statement_sums();

-- Lines, disputes and payments are written once.
CREATE FUNCTION settlement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER settlement_lines_append_only BEFORE UPDATE OR DELETE ON settlement_lines
  FOR EACH ROW EXECUTE FUNCTION settlement_append_only();
CREATE TRIGGER settlement_payments_append_only BEFORE UPDATE OR DELETE ON settlement_payments
  FOR EACH ROW EXECUTE FUNCTION settlement_append_only();

-- ---- the ledger ----------------------------------------------------------------------------------------
-- A journal groups the entries of one event (a statement accepted, a payment, an advance); its
-- idempotency key names the event, and the SHA-256 of its content tells a replay (a no-op) from a
-- different posting under a used key (refused). An account is (owner, account, counterparty): what the
-- owner's books hold against the other party. Amounts are signed rupiah: debit > 0, credit < 0.
CREATE TABLE ledger_journals (
  id               bigserial PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  content_sha256   text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  kind             text NOT NULL CHECK (kind IN ('statement_accepted', 'payment', 'advance', 'assignment', 'reversal')),
  occurred_on      date NOT NULL,
  statement_id     uuid REFERENCES settlement_statements(id),
  reverses_id      bigint UNIQUE REFERENCES ledger_journals(id),
  district_code    text,                                                  -- the UMKM's, for a Dinas's view
  memo             text,
  created_txid     bigint NOT NULL DEFAULT txid_current(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX ledger_journals_statement_idx ON ledger_journals (statement_id);
CREATE INDEX ledger_journals_district_idx ON ledger_journals (district_code text_pattern_ops);

CREATE TABLE ledger_entries (
  id               bigserial PRIMARY KEY,
  journal_id       bigint NOT NULL REFERENCES ledger_journals(id),
  owner_id         uuid NOT NULL REFERENCES organizations(id),
  account          text NOT NULL CHECK (account IN ('purchases', 'payable', 'fee_income', 'cash', 'sales', 'receivable', 'fee_expense', 'financing_cost')),
  counterparty_id  uuid REFERENCES organizations(id),
  amount           bigint NOT NULL CHECK (amount <> 0)
);
CREATE INDEX ledger_entries_journal_idx ON ledger_entries (journal_id);
CREATE INDEX ledger_entries_owner_idx ON ledger_entries (owner_id, account, counterparty_id);

-- Every journal has two entries or more and sums to zero, checked at commit.
CREATE FUNCTION ledger_journal_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE n integer; total bigint;
BEGIN
  SELECT count(*), coalesce(sum(amount), 0) INTO n, total FROM ledger_entries WHERE journal_id = NEW.id;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'journal % (%) does not balance: % entries summing to %', NEW.id, NEW.idempotency_key, n, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_journal_balances AFTER INSERT ON ledger_journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balances();

-- Entries go only into a journal written in the same transaction: a committed journal is closed.
CREATE FUNCTION ledger_entries_same_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added a JOIN ledger_journals j ON j.id = a.journal_id WHERE j.created_txid <> txid_current()) THEN
    RAISE EXCEPTION 'ledger entries may only be added to a journal written in the same transaction' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_same_transaction AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_same_transaction();

-- Never updated, deleted or truncated: a correction is a reversing journal.
CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION settlement_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION settlement_append_only();
CREATE TRIGGER ledger_journals_no_truncate BEFORE TRUNCATE ON ledger_journals
  FOR EACH STATEMENT EXECUTE FUNCTION settlement_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION settlement_append_only();
