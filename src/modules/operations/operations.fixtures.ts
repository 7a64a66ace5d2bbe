// Test fixtures of operations: a fresh product of a UMKM added to its PKS version in force, so that a test
// has an outlet × product of its own however much history the demo gives the outlet.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';

export async function freshProduct(
  db: Database,
  f: { umkmId: string; agreementId: string; name: string; perishable?: boolean; shelfLifeDays?: number },
): Promise<{ id: string; name: string }> {
  const row = await sql<{ id: string }>`
    INSERT INTO products (umkm_id, province_code, name, category, net_content, net_unit, supplier_price, retail_price,
      shelf_life_days, storage, perishable)
    SELECT umkm_id, province_code, ${f.name}, category, net_content, net_unit, supplier_price, retail_price,
      ${f.shelfLifeDays ?? 365}, storage, ${f.perishable ?? false}
    FROM products WHERE umkm_id = ${f.umkmId} ORDER BY name LIMIT 1
    RETURNING id`.execute(db);
  const id = row.rows[0]!.id;
  await sql`INSERT INTO agreement_products (version_id, product_id, supplier_price, shelf_price)
    SELECT v.id, ${id}, 12000, 15000 FROM agreement_versions v
    WHERE v.agreement_id = ${f.agreementId} AND v.status IN ('signed', 'superseded')`.execute(db);
  return { id, name: f.name };
}
