// Demo settlement (C8): the statements of every closed period of the demo's sales (the eight weeks' and the
// HUT season's months before them: operations.ts), each PKS telling the
// same story from its oldest period to its newest — paid on time long ago; the period before last billed
// and then paid (Alfamart on time, Indomaret late) or, for the terasi maker of OKI, billed and still unpaid
// past the 15 days of PP 29/2021 Pasal 95, so her Dinas sees it escalated; her first statement disputed
// and answered by a correction; the newest issued and waiting for the maker, or (closed ten days ago or
// less) still to be issued.
// Every step goes through the service at the instant it happens in the story.
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import * as fin from '../modules/settlement/settlement.financing.ts';
import { sweepReminders } from '../modules/settlement/settlement.notices.ts';
import * as svc from '../modules/settlement/settlement.service.ts';
import { actingCtx, type Ctx } from '../platform/auth/actor.ts';
import { addDays } from '../platform/clock.ts';
import type { DemoCalendar } from './calendar.ts';
import { pastAnniversary } from './promotions.ts';

const at = (date: string): Date => new Date(`${date}T03:00:00Z`);

/** The demo's bank: clearly made up, with one account (bank@demo.etalase.id, the demo password). */
export const DEMO_BANK = { name: 'Bank Contoh Daerah (fiktif)', legal: 'PT Bank Contoh Daerah — data demo, bukan bank sungguhan' };

async function seedBank(db: Database): Promise<string> {
  const bank = await sql<{ id: string }>`
    INSERT INTO organizations (id, kind, name, legal_name, region_code, province_code)
    VALUES ('5a1e7c3d-0b4f-4c2a-9d1e-6f0a2b3c4d5e', 'bank', ${DEMO_BANK.name}, ${DEMO_BANK.legal}, '16', '16') RETURNING id`.execute(db);
  const id = bank.rows[0]!.id;
  await sql`INSERT INTO users (id, email, name, password_hash, role, organization_id)
    SELECT '5a1e7c3d-0b4f-4c2a-9d1e-6f0a2b3c4d5f', 'bank@demo.etalase.id', 'Analis Pembiayaan UMKM (demo)', password_hash, 'bank', ${id}
    FROM users WHERE email = 'umkm@demo.etalase.id'`.execute(db);
  return id;
}

export async function seedSettlement(db: Database, log: (s: string) => void, cal: DemoCalendar) {
  const admin = actingCtx({ role: 'admin' }, cal.now);
  const bankId = await seedBank(db);
  const bank = (d: string): Ctx => actingCtx({ role: 'bank', organizationId: bankId }, at(d));
  let financed = false;
  // From June of the anchor's year, and from the month of the HUT season (operations.ts) when that is earlier: a
  // consignment PKS settles what sold at the bazar HUT too, so its periods are here, issued and paid on time long
  // ago like every older period (never the newest two, whose story is told below).
  const seasonMonth = `${pastAnniversary(cal.today).start.slice(0, 7)}-01`;
  const from = seasonMonth < cal.d('2026-06-01') ? seasonMonth : cal.d('2026-06-01');
  const { computed } = await svc.compute(db, admin, { from });
  const terasi = (await sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = 'umkm@demo.etalase.id'`.execute(db))
    .rows[0]?.id;
  const rows = (
    await sql<{ id: string; agreement_id: string; chain_id: string; chain_code: string; umkm_id: string; period_end: string; net: string }>`
      SELECT s.id, s.agreement_id, s.chain_id, c.chain_code, s.umkm_id, s.period_end::text AS period_end, s.net::text AS net
      FROM settlement_statements s JOIN organizations c ON c.id = s.chain_id
      ORDER BY s.agreement_id, s.period_start DESC`.execute(db)
  ).rows;
  const byPks = new Map<string, typeof rows>();
  for (const r of rows) byPks.set(r.agreement_id, [...(byPks.get(r.agreement_id) ?? []), r]);
  let seq = 0;
  for (const list of byPks.values()) {
    for (const [recency, s] of list.entries()) {
      const chain = (d: string): Ctx => actingCtx({ role: 'retailer', chainId: s.chain_id, organizationId: s.chain_id }, at(d));
      const umkm = (d: string): Ctx => actingCtx({ role: 'umkm', organizationId: s.umkm_id }, at(d));
      const end = s.period_end;
      const past = (d: string) => d < cal.today;
      if (recency === 0) {
        // The newest: issued two days after it closed and waiting for the maker; closed ten days ago or less:
        // still to be issued (past seven days the chain is flagged late).
        if (past(addDays(end, 11))) await svc.issue(db, chain(addDays(end, 2)), s.id);
        continue;
      }
      let id = s.id;
      const oldest = recency === list.length - 1;
      await svc.issue(db, chain(addDays(end, 1)), id);
      if (oldest && s.umkm_id === terasi) {
        // Her first statement: one line disputed, corrected by the chain with an adjustment.
        await svc.dispute(db, umkm(addDays(end, 2)), id, {
          note: 'Dua bungkus terjual belum tercatat di rekap.',
          lines: [{ lineNo: 1, reason: 'Menurut catatan saya terjual 2 bungkus lebih banyak di gerai ini.' }],
        });
        const corrected = await svc.correct(db, chain(addDays(end, 3)), id, {
          adjustments: [
            { lineNo: 1, amount: 24_000n, note: 'Dua bungkus terjual yang belum masuk data kasir (dicek dengan jurnal kasir).' },
          ],
        });
        id = corrected.id;
      }
      await svc.accept(db, umkm(addDays(end, 3)), id);
      const current = await svc.getStatement(db, admin, id);
      if (current.status === 'paid') continue; // nothing owed
      const billedOn = addDays(end, 4);
      await svc.bill(db, umkm(billedOn), id, { invoiceNumber: `INV/${s.chain_code.toUpperCase()}/${String(++seq).padStart(4, '0')}` });
      // The period before last of the terasi maker stays unpaid: past the legal 15 days by now.
      if (recency === 1 && s.umkm_id === terasi) continue;
      // One Alfamart statement of another maker is financed early by the demo bank, which the chain pays.
      if (recency === 1 && !financed && s.chain_code === 'alfamart' && s.umkm_id !== terasi && past(addDays(billedOn, 3))) {
        financed = true;
        const req = await fin.requestFinancing(db, umkm(addDays(billedOn, 1)), id, { bankIds: [bankId] });
        const offered = await fin.makeOffer(db, bank(addDays(billedOn, 2)), req.id, { rateBp: 1200, tenorDays: 14, fee: 5_000n });
        await fin.acceptOffer(db, umkm(addDays(billedOn, 3)), offered.offers[0]!.id);
      }
      const late = recency === 1 && s.chain_code === 'indomaret';
      const paidOn = addDays(billedOn, late ? 24 : 9);
      if (!past(paidOn)) continue;
      const net = current.net;
      if (late) {
        // Late, and in two parts.
        const half = net / 2n;
        await svc.pay(db, chain(addDays(billedOn, 17)), id, {
          reference: `TRF-${seq}-1`,
          amount: half,
          paidOn: addDays(billedOn, 17),
          idempotencyKey: `demo-pay-${id}-1`,
        });
        await svc.pay(db, chain(paidOn), id, { reference: `TRF-${seq}-2`, amount: net - half, paidOn, idempotencyKey: `demo-pay-${id}-2` });
      } else {
        await svc.pay(db, chain(paidOn), id, { reference: `TRF-${seq}`, amount: net, paidOn, idempotencyKey: `demo-pay-${id}` });
      }
    }
  }
  // The clock's reminders of the seeding day: the Dinas and the chain read the late bills in their inbox.
  await sweepReminders(db, cal.now);
  log(`Rekap tagihan / statements: ${computed}`);
}
