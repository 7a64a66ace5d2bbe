// Who is told what about a statement (C8), through the inbox and, where mail is set up, by email
// (notifications module): each event of the lifecycle tells the other party, and a sweep tells of the
// clock — due soon and overdue to the chain and the UMKM, past the legal deadline to the Dinas of the
// UMKM's region and the chain (once per statement), not issued seven days after the period to the chain.
// Every notice has a key, so an event or a sweep run twice tells nobody twice.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Bilingual } from '../../platform/errors.ts';
import { formatDate, formatRupiah } from '../../platform/format.ts';
import { type NotificationKind, notify } from '../notifications/notifications.service.ts';
import { timeZoneCaseSql } from '../regions/regions.rules.ts';
import { DUE_SOON_DAYS, ISSUE_WITHIN_DAYS } from './settlement.rules.ts';

export interface StatementFacts {
  id: string;
  number: string;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string;
  net: bigint;
  paid: bigint;
}

const link = (id: string) => `/settlement/${id}`;
const chainOrgs = (s: StatementFacts) => [s.chain_id, ...(s.branch_id ? [s.branch_id] : [])];

async function facts(db: Database, id: string): Promise<StatementFacts> {
  return db
    .selectFrom('settlement_statements')
    .select(['id', 'number', 'chain_id', 'branch_id', 'umkm_id', 'net', 'paid'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

type Event = 'issued' | 'disputed' | 'accepted' | 'corrected' | 'paid';

const EVENTS: Record<
  Event,
  { kind: NotificationKind; to: 'umkm' | 'chain'; title: (s: StatementFacts) => Bilingual; body: (s: StatementFacts) => Bilingual }
> = {
  issued: {
    kind: 'statement_issued',
    to: 'umkm',
    title: (s) => ({ id: `Rekap tagihan ${s.number} diterbitkan`, en: `Statement ${s.number} issued` }),
    body: (s) => ({
      id: `Periksa rinciannya (${formatRupiah(s.net)}), lalu setujui atau sanggah.`,
      en: `Check its lines (${formatRupiah(s.net)}), then accept or dispute it.`,
    }),
  },
  disputed: {
    kind: 'statement_disputed',
    to: 'chain',
    title: (s) => ({ id: `Rekap ${s.number} disanggah UMKM`, en: `Statement ${s.number} disputed by the UMKM` }),
    body: () => ({ id: 'Baca alasannya dan terbitkan rekap koreksi.', en: 'Read the reasons and issue a corrected statement.' }),
  },
  accepted: {
    kind: 'statement_accepted',
    to: 'chain',
    title: (s) => ({ id: `Rekap ${s.number} disetujui UMKM`, en: `Statement ${s.number} accepted by the UMKM` }),
    body: (s) => ({
      id: `${formatRupiah(s.net)} disepakati; jam pembayaran mulai saat fakturnya masuk.`,
      en: `${formatRupiah(s.net)} agreed; the payment clock starts when the invoice arrives.`,
    }),
  },
  corrected: {
    kind: 'statement_corrected',
    to: 'umkm',
    title: (s) => ({ id: `Rekap koreksi ${s.number} diterbitkan`, en: `Corrected statement ${s.number} issued` }),
    body: (s) => ({
      id: `Rekap baru ${formatRupiah(s.net)}: periksa dan setujui.`,
      en: `New statement of ${formatRupiah(s.net)}: check and accept it.`,
    }),
  },
  paid: {
    kind: 'statement_paid',
    to: 'umkm',
    title: (s) => ({ id: `Pembayaran rekap ${s.number}`, en: `Payment of statement ${s.number}` }),
    body: (s) => ({
      id: `Sudah dibayar ${formatRupiah(s.paid)} dari ${formatRupiah(s.net)}.`,
      en: `${formatRupiah(s.paid)} of ${formatRupiah(s.net)} paid.`,
    }),
  },
};

/** Tells the other party of a lifecycle event (inside the event's transaction). `seq` tells apart events
 *  that recur (each payment). */
export async function tellEvent(db: Database, id: string, event: Event, at: Date, seq = '') {
  const s = await facts(db, id);
  const e = EVENTS[event];
  await notify(db, {
    organizationIds: e.to === 'umkm' ? [s.umkm_id] : chainOrgs(s),
    kind: e.kind,
    title: e.title(s),
    body: e.body(s),
    link: link(s.id),
    entityId: s.id,
    key: `statement:${s.id}:${event}${seq ? `:${seq}` : ''}`,
    at,
  });
}

/** Tells of early payment: the banks a statement is offered to; the UMKM of an offer; the chain and the
 *  bank of an accepted one (the chain now pays the bank). */
export async function tellFinancing(
  db: Database,
  e: {
    kind: 'financing_offered' | 'financing_offer_received' | 'financing_accepted';
    statementId: string;
    to: string[];
    link: string;
    key: string;
    at: Date;
    bankName?: string;
  },
) {
  const s = await facts(db, e.statementId);
  const text: Record<typeof e.kind, { title: Bilingual; body: Bilingual }> = {
    financing_offered: {
      title: { id: `Pengajuan pembayaran dini: ${s.number}`, en: `Early-payment request: ${s.number}` },
      body: {
        id: `Tagihan ${formatRupiah(s.net)} ditawarkan kepada bank Anda, dengan buktinya.`,
        en: `A bill of ${formatRupiah(s.net)} is offered to your bank, with its evidence.`,
      },
    },
    financing_offer_received: {
      title: { id: `Penawaran bank untuk ${s.number}`, en: `A bank's offer for ${s.number}` },
      body: {
        id: `${e.bankName ?? 'Bank'} menawarkan pembayaran dini. Bandingkan dan pilih.`,
        en: `${e.bankName ?? 'A bank'} offers early payment. Compare and choose.`,
      },
    },
    financing_accepted: {
      title: {
        id: `Rekap ${s.number} dialihkan ke ${e.bankName ?? 'bank'}`,
        en: `Statement ${s.number} assigned to ${e.bankName ?? 'a bank'}`,
      },
      body: {
        id: `Pembayaran rekap ini (${formatRupiah(s.net)}) kini kepada ${e.bankName ?? 'bank'}.`,
        en: `This statement (${formatRupiah(s.net)}) is now paid to ${e.bankName ?? 'the bank'}.`,
      },
    },
  };
  await notify(db, { organizationIds: e.to, kind: e.kind, ...text[e.kind], link: e.link, entityId: s.id, key: e.key, at: e.at });
}

/** The clock's notices for every open statement, once each (keys per statement and kind). Returns how
 *  many statements it told of. */
export async function sweepReminders(db: Database, now: Date, issueWithinDays = ISSUE_WITHIN_DAYS): Promise<number> {
  const today = sql`(${now}::timestamptz AT TIME ZONE ${sql.raw(timeZoneCaseSql('st.region_code'))})::date`;
  const rows = await sql<
    StatementFacts & {
      region_code: string;
      umkm_district_code: string;
      due_on: string | null;
      legal_due_on: string | null;
      period_end: string;
      status: string;
      what: string;
    }
  >`
    SELECT st.id, st.number, st.chain_id, st.branch_id, st.umkm_id, st.net, st.paid, st.region_code, st.umkm_district_code,
      st.due_on::text AS due_on, st.legal_due_on::text AS legal_due_on, st.period_end::text AS period_end, st.status, w.what
    FROM settlement_statements st
    CROSS JOIN LATERAL (VALUES
      (CASE WHEN st.status IN ('billed', 'partly_paid') AND st.net > st.paid AND ${today} > st.legal_due_on THEN 'escalated' END),
      (CASE WHEN st.status IN ('billed', 'partly_paid') AND st.net > st.paid AND ${today} > least(st.due_on, st.legal_due_on) THEN 'overdue' END),
      (CASE WHEN st.status IN ('billed', 'partly_paid') AND st.net > st.paid AND ${today} <= least(st.due_on, st.legal_due_on)
            AND least(st.due_on, st.legal_due_on) - ${today} <= ${DUE_SOON_DAYS} THEN 'due_soon' END),
      (CASE WHEN st.status = 'computed' AND ${today} - st.period_end > ${issueWithinDays} THEN 'not_issued' END)) AS w(what)
    WHERE w.what IS NOT NULL AND st.status IN ('computed', 'billed', 'partly_paid')
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'statement:' || st.id || ':' || w.what)`.execute(db);
  for (const s of rows.rows) {
    const outstanding = formatRupiah(s.net - s.paid);
    const due = s.legal_due_on && s.due_on ? (s.legal_due_on < s.due_on ? s.legal_due_on : s.due_on) : (s.due_on ?? s.legal_due_on);
    const when = (lang: 'id' | 'en') => (due ? formatDate(due, lang) : '');
    const key = `statement:${s.id}:${s.what}`;
    const base = { link: link(s.id), entityId: s.id, key, at: now };
    if (s.what === 'escalated') {
      const dinas = (
        await sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'government' AND archived_at IS NULL
          AND (${s.umkm_district_code} = region_code OR ${s.umkm_district_code} LIKE region_code || '.%')`.execute(db)
      ).rows.map((r) => r.id);
      await notify(db, {
        ...base,
        organizationIds: [...dinas, ...chainOrgs(s)],
        kind: 'statement_escalated',
        title: { id: `Pembayaran UMKM lewat batas 15 hari: ${s.number}`, en: `UMKM payment past the 15-day limit: ${s.number}` },
        body: {
          id: `${outstanding} belum dibayar sejak batas ${formatDate(s.legal_due_on ?? '', 'id')} (PP 29/2021 Pasal 95 ayat (1) huruf b).`,
          en: `${outstanding} unpaid since the limit of ${formatDate(s.legal_due_on ?? '', 'en')} (PP 29/2021 Pasal 95 ayat (1) huruf b).`,
        },
      });
    } else if (s.what === 'overdue') {
      await notify(db, {
        ...base,
        organizationIds: [s.umkm_id, ...chainOrgs(s)],
        kind: 'payment_overdue',
        title: { id: `Tagihan ${s.number} terlambat dibayar`, en: `Bill ${s.number} is overdue` },
        body: { id: `${outstanding} jatuh tempo ${when('id')}.`, en: `${outstanding} was due ${when('en')}.` },
      });
    } else if (s.what === 'due_soon') {
      await notify(db, {
        ...base,
        organizationIds: chainOrgs(s),
        kind: 'payment_due_soon',
        title: { id: `Tagihan ${s.number} segera jatuh tempo`, en: `Bill ${s.number} falls due soon` },
        body: { id: `Bayar ${outstanding} paling lambat ${when('id')}.`, en: `Pay ${outstanding} by ${when('en')}.` },
      });
    } else {
      await notify(db, {
        ...base,
        organizationIds: chainOrgs(s),
        kind: 'statement_not_issued',
        title: { id: `Rekap ${s.number} belum diterbitkan`, en: `Statement ${s.number} not yet issued` },
        body: {
          id: `Periode berakhir ${formatDate(s.period_end, 'id')}; terbitkan rekapnya kepada UMKM.`,
          en: `The period ended ${formatDate(s.period_end, 'en')}; issue the statement to the UMKM.`,
        },
      });
    }
  }
  return rows.rows.length;
}

/** The server's reminder loop: a sweep at start and every `intervalMs`, each in its own transaction, one at
 *  a time. Returns a stop function. */
export function startReminders(
  db: Database,
  clock: () => Date,
  log: (msg: string, err?: unknown) => void = () => {},
  intervalMs = 15 * 60_000,
) {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await db.transaction().execute((tx) => sweepReminders(tx, clock()));
    } catch (e) {
      log('settlement reminders failed', e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  const first = setTimeout(round, 1_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
