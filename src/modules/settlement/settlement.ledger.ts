// The ledger (C8): double-entry, append-only journals of what each party owes. Every posting goes through
// `postJournals`: its entries are staged, each journal's content is hashed in SQL, a journal whose
// idempotency key is already used with the same content is a no-op and with other content an error, and
// only new journals are written. That every journal balances is checked by the database at commit
// (migrations/0014_settlement.sql), not only here.
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { conflict } from '../../platform/errors.ts';
import type { JournalKind, LedgerAccount } from './settlement.tables.ts';

/** One entry of a journal: debit > 0, credit < 0, never 0 (zero entries are dropped before writing). */
export interface EntryInput {
  ownerId: string;
  account: LedgerAccount;
  counterpartyId: string | null;
  amount: bigint;
}

export interface JournalInput {
  key: string;
  kind: JournalKind;
  occurredOn: string;
  statementId: string | null;
  districtCode: string | null;
  memo: string | null;
  /** A reversal: the journal it undoes. */
  reversesId?: string | null;
  entries: EntryInput[];
}

const STAGE = sql.raw('ledger_stage');

async function ensureStage(db: Database) {
  // Per connection; emptied at every commit, and after each use.
  await sql`CREATE TEMP TABLE IF NOT EXISTS ledger_stage (
      key text NOT NULL, kind text NOT NULL, occurred_on date NOT NULL, statement_id uuid, district_code text, memo text,
      reverses_id bigint,
      owner_id uuid NOT NULL, account text NOT NULL, counterparty_id uuid, amount bigint NOT NULL
    ) ON COMMIT DELETE ROWS`.execute(db);
}

/** Posts journals given in TypeScript. */
export async function postJournals(db: Database, journals: JournalInput[]): Promise<{ written: number; replayed: number }> {
  const rows = journals.flatMap((j) =>
    j.entries
      .filter((e) => e.amount !== 0n)
      .map((e) => ({
        key: j.key,
        kind: j.kind,
        occurred_on: j.occurredOn,
        statement_id: j.statementId,
        district_code: j.districtCode,
        memo: j.memo,
        reverses_id: j.reversesId ?? null,
        owner_id: e.ownerId,
        account: e.account,
        counterparty_id: e.counterpartyId,
        amount: e.amount.toString(),
      })),
  );
  if (!rows.length) return { written: 0, replayed: 0 };
  return postStaged(
    db,
    sql`SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(key text, kind text, occurred_on date,
      statement_id uuid, district_code text, memo text, reverses_id bigint, owner_id uuid, account text, counterparty_id uuid, amount bigint)`,
  );
}

/** Posts journals whose entries a query yields (columns: key, kind, occurred_on, statement_id,
 *  district_code, memo, reverses_id, owner_id, account, counterparty_id, amount), set-wise: many statements at once. */
export async function postStaged(db: Database, source: RawBuilder<unknown>): Promise<{ written: number; replayed: number }> {
  // The stage lives until commit: always inside a transaction (the caller's, or its own).
  if (!db.isTransaction) return db.transaction().execute((tx) => postStaged(tx, source));
  await ensureStage(db);
  await sql`TRUNCATE ${STAGE}`.execute(db);
  await sql`INSERT INTO ${STAGE} SELECT key, kind, occurred_on, statement_id, district_code, memo, reverses_id, owner_id, account, counterparty_id, amount
    FROM (${source}) s WHERE amount <> 0`.execute(db);
  // The content of a journal, hashed: its kind, day, statement and every entry in a fixed order.
  await sql`CREATE TEMP TABLE IF NOT EXISTS ledger_stage_journals (key text PRIMARY KEY, kind text, occurred_on date,
      statement_id uuid, district_code text, memo text, reverses_id bigint, content text, id bigint) ON COMMIT DELETE ROWS`.execute(db);
  await sql`TRUNCATE ledger_stage_journals`.execute(db);
  await sql`INSERT INTO ledger_stage_journals (key, kind, occurred_on, statement_id, district_code, memo, reverses_id, content)
    SELECT key, min(kind), min(occurred_on), min(statement_id::text)::uuid, min(district_code), min(memo), min(reverses_id),
      encode(sha256(convert_to(min(kind) || '|' || min(occurred_on)::text || '|' || coalesce(min(statement_id::text), '') || '|' || coalesce(min(reverses_id)::text, '') || '|' ||
        string_agg(owner_id::text || '/' || account || '/' || coalesce(counterparty_id::text, '') || '=' || amount::text, ';'
          ORDER BY owner_id, account, counterparty_id NULLS FIRST, amount), 'UTF8')), 'hex')
    FROM ${STAGE} GROUP BY key`.execute(db);
  const clash = await sql<{ key: string }>`SELECT s.key FROM ledger_stage_journals s JOIN ledger_journals j ON j.idempotency_key = s.key
    WHERE j.content_sha256 <> s.content LIMIT 1`.execute(db);
  if (clash.rows.length) {
    throw conflict('idempotency_key_reused', {
      id: `Kunci idempotensi "${clash.rows[0]?.key}" sudah dipakai untuk posting yang lain isinya.`,
      en: `Idempotency key "${clash.rows[0]?.key}" was already used for a posting with other content.`,
    });
  }
  const inserted = await sql<{
    id: string;
    key: string;
  }>`INSERT INTO ledger_journals (idempotency_key, content_sha256, kind, occurred_on, statement_id, district_code, memo, reverses_id)
    SELECT key, content, kind, occurred_on, statement_id, district_code, memo, reverses_id FROM ledger_stage_journals ORDER BY key
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key AS key`.execute(db);
  const total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_stage_journals`.execute(db)).rows[0]?.n ?? 0);
  if (inserted.rows.length) {
    await sql`UPDATE ledger_stage_journals s SET id = j.id FROM ledger_journals j
      WHERE j.idempotency_key = s.key AND j.created_txid = txid_current()`.execute(db);
    await sql`INSERT INTO ledger_entries (journal_id, owner_id, account, counterparty_id, amount)
      SELECT j.id, e.owner_id, e.account, e.counterparty_id, e.amount FROM ${STAGE} e JOIN ledger_stage_journals j ON j.key = e.key
      WHERE j.id IS NOT NULL`.execute(db);
  }
  await sql`TRUNCATE ${STAGE}`.execute(db);
  await sql`TRUNCATE ledger_stage_journals`.execute(db);
  return { written: inserted.rows.length, replayed: total - inserted.rows.length };
}

/** The entries that undo a journal: the same accounts with the signs turned. */
export async function reverseJournal(db: Database, journalId: string, key: string, occurredOn: string, memo: string) {
  const j = await db.selectFrom('ledger_journals').selectAll().where('id', '=', journalId).executeTakeFirst();
  if (!j) return null;
  const entries = await db.selectFrom('ledger_entries').selectAll().where('journal_id', '=', journalId).execute();
  await postJournals(db, [
    {
      key,
      kind: 'reversal',
      occurredOn,
      statementId: j.statement_id,
      districtCode: j.district_code,
      memo,
      reversesId: j.id,
      entries: entries.map((e) => ({ ownerId: e.owner_id, account: e.account, counterpartyId: e.counterparty_id, amount: -e.amount })),
    },
  ]);
  // A reversal journal names the journal it undoes (unique: a journal is undone once).
  const rev = await db.selectFrom('ledger_journals').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  return rev.id;
}
