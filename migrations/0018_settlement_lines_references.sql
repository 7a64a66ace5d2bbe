-- Settlement speed (issue 11, point 8; bench/settlement.ts, docs/BENCHMARKS.md), 2 of 2: the lines' references.
-- The references of a statement's lines, checked once per INSERT instead of once per row. A foreign key
-- checks every inserted row with a query of its own: a month's 550,000 lines × 3 references took ~6 s of
-- the ~7 s their INSERT took (PostgreSQL 15, 2 cores); one anti-join of the whole insert against the three
-- tables takes ~0.35 s. Lines are append-only (0014), so checking what is inserted is checking what is
-- there. The other half of a foreign key — a statement, outlet or product that lines name cannot be
-- deleted, nor its id changed — is kept by row triggers on those tables, as the foreign key's own were.
ALTER TABLE settlement_lines
  DROP CONSTRAINT settlement_lines_statement_id_fkey,
  DROP CONSTRAINT settlement_lines_outlet_id_fkey,
  DROP CONSTRAINT settlement_lines_product_id_fkey;

CREATE FUNCTION settlement_lines_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad record;
BEGIN
  -- EXECUTE: planned for this insert's row count (a cached plan of a 10-line correction would probe an
  -- index per row of a month's insert).
  EXECUTE $q$
    SELECT a.statement_id, a.line_no,
      CASE WHEN NOT EXISTS (SELECT 1 FROM settlement_statements s WHERE s.id = a.statement_id) THEN 'statement'
           WHEN a.outlet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outlets o WHERE o.id = a.outlet_id) THEN 'outlet'
           ELSE 'product' END AS what
    FROM added a
    WHERE NOT EXISTS (SELECT 1 FROM settlement_statements s WHERE s.id = a.statement_id)
       OR (a.outlet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outlets o WHERE o.id = a.outlet_id))
       OR (a.product_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM products p WHERE p.id = a.product_id))
    LIMIT 1 $q$ INTO bad;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'settlement line % of statement % names a % that does not exist', bad.line_no, bad.statement_id, bad.what
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER settlement_lines_references AFTER INSERT ON settlement_lines
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION settlement_lines_references();

-- A statement, outlet or product named by a line stays: not deleted, its id not changed. TG_ARGV[0]: the
-- column of settlement_lines that names it.
CREATE FUNCTION settlement_lines_keep_named() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE named boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM settlement_lines WHERE %I = $1)', TG_ARGV[0]) INTO named USING OLD.id;
  IF named THEN
    RAISE EXCEPTION '% % is named by settlement lines', TG_TABLE_NAME, OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER settlement_lines_keep_statement BEFORE DELETE OR UPDATE OF id ON settlement_statements
  FOR EACH ROW EXECUTE FUNCTION settlement_lines_keep_named('statement_id');
CREATE TRIGGER settlement_lines_keep_outlet BEFORE DELETE OR UPDATE OF id ON outlets
  FOR EACH ROW EXECUTE FUNCTION settlement_lines_keep_named('outlet_id');
CREATE TRIGGER settlement_lines_keep_product BEFORE DELETE OR UPDATE OF id ON products
  FOR EACH ROW EXECUTE FUNCTION settlement_lines_keep_named('product_id');
