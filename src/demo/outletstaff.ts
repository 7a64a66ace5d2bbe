// Demo outlet staff (issue 10): toko@demo.etalase.id works at one Alfamart store in Kota Bengkulu, chosen
// among those with stock on the shelf: goods still to receive first, then most batches, then most receipts
// (in the demo, a store the Bengkulu branch orders for directly; most others get theirs through the
// distribution centre, whose orders are the branch's) — and sees only that store's orders, receipts,
// stock, returns and sales. Its organisation is the store's branch (Alfamart Cabang Bengkulu).
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import { rng, uuidFrom } from './prng.ts';

export const OUTLET_STAFF_EMAIL = 'toko@demo.etalase.id';

export async function seedOutletStaff(db: Database, log: (s: string) => void): Promise<void> {
  // The store with goods still to receive, then the most batches on its shelf today, then the most receipts
  // since its current shelf began (a past season's, e.g. the HUT bazar's, are not its daily work; ties: by store code).
  const pick = await sql<{ id: string; chain_id: string; branch_id: string | null; name: string; store_code: string }>`
    SELECT o.id, o.chain_id, o.branch_id, o.name, o.store_code FROM outlets o
      JOIN organizations c ON c.id = o.chain_id AND c.chain_code = 'alfamart'
    WHERE o.district_code LIKE '17.71.%' AND o.archived_at IS NULL
      AND (SELECT coalesce(sum(qty), 0) FROM stock_movements sm WHERE sm.outlet_id = o.id) > 0
    ORDER BY EXISTS (SELECT 1 FROM delivery_notes dn JOIN purchase_orders po ON po.id = dn.order_id
        WHERE po.outlet_id = o.id AND dn.status = 'issued') DESC,
      (SELECT count(*) FROM (SELECT 1 FROM stock_movements sm WHERE sm.outlet_id = o.id AND sm.batch_id IS NOT NULL
        GROUP BY sm.product_id, sm.batch_id HAVING sum(sm.qty) > 0) b) DESC,
      (SELECT count(*) FROM goods_receipts gr JOIN delivery_notes dn ON dn.id = gr.delivery_note_id
        JOIN purchase_orders po ON po.id = dn.order_id WHERE po.outlet_id = o.id
          AND gr.received_on >= (SELECT min(pl.starts_on) FROM placements pl WHERE pl.outlet_id = o.id AND pl.ends_on IS NULL)) DESC,
      o.store_code
    LIMIT 1`.execute(db);
  const outlet = pick.rows[0];
  // The same password as every demo account (its hash is that of the chain's head-office account).
  const head = await db.selectFrom('users').select('password_hash').where('email', '=', 'alfamart@demo.etalase.id').executeTakeFirst();
  if (!outlet || !head) return;
  await db
    .insertInto('users')
    .values({
      id: uuidFrom(rng('outletstaff:ids')),
      email: OUTLET_STAFF_EMAIL,
      name: `Staf Toko ${outlet.name}`,
      password_hash: head.password_hash,
      role: 'retailer',
      organization_id: outlet.branch_id ?? outlet.chain_id,
      outlet_id: outlet.id,
    })
    .execute();
  log(`  staf toko / outlet staff: ${OUTLET_STAFF_EMAIL} (${outlet.name}, ${outlet.store_code})`);
}
