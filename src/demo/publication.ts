// Demo data of the public catalogue (C11): what makers chose to show. Makers with goods on a shelf today
// published their products (published_at: the day their first shelf began); two products stay out, each for
// the reason a shopper must not meet it: Bu Sri Wahyuni published her Kerupuk Udang before any outlet took it
// (published, not placed: absent), and Kerupuk Ikan Cahaya keeps its Keripik Kulit Ikan 100 g off the
// catalogue although stores carry it (placed, not published: absent). A few makers wrote their story; one
// shows her phone for orders.
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import type { DemoCalendar } from './calendar.ts';

const STORIES: Record<string, string> = {
  'Kerupuk Ikan Bu Yulia':
    'Sejak 2009 saya menggoreng kerupuk dari ikan tenggiri dan udang segar hasil nelayan Pantai Malabero. Tanpa pengawet, dijemur di bawah matahari Bengkulu.',
  'Kerupuk Ikan Cahaya':
    'Usaha keluarga di Kampung Melayu: tiga ibu rumah tangga mengolah udang tangkapan pagi menjadi kerupuk yang renyah dan gurih.',
  'Terasi Udang Tulung Selapan Bu Rusmini':
    'Terasi udang rebon dari Tulung Selapan, OKI, dibuat seperti resep nenek: udang dijemur, ditumbuk, difermentasi, lalu dicetak blok.',
  'Kerupuk Kemplang Dua Saudara':
    'Kemplang ikan gabus dipanggang di atas bara, khas Ogan Komering Ilir. Dua bersaudara, satu dapur, sejak 2015.',
};
/** The maker who takes orders by phone (she chose to show it). */
const SHOWS_PHONE = 'Kerupuk Ikan Bu Yulia';

export async function seedPublication(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  const today = cal.today;
  // Makers with a placement in force today: every product of theirs is published, from their first shelf's day.
  const published = await sql<{ n: number }>`
    WITH makers AS (
      SELECT p.umkm_id, min(pl.starts_on) AS since FROM placements pl JOIN products p ON p.id = pl.product_id
      WHERE pl.starts_on <= ${today}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${today}::date)
      GROUP BY p.umkm_id)
    UPDATE products p SET published_at = (m.since::timestamp AT TIME ZONE 'Asia/Jakarta') + interval '10 hours'
    FROM makers m
    WHERE p.umkm_id = m.umkm_id AND p.archived_at IS NULL
      AND NOT (p.name = 'Keripik Kulit Ikan 100 g' AND p.umkm_id = (SELECT id FROM organizations WHERE name = 'Kerupuk Ikan Cahaya'))
    RETURNING 1 AS n`.execute(db);
  // Published, never placed: the catalogue must not list it.
  await sql`
    UPDATE products SET published_at = ${cal.now}
    WHERE name = 'Kerupuk Udang 200 g' AND umkm_id = (SELECT id FROM organizations WHERE name = 'Kerupuk Ikan Bu Sri Wahyuni')`.execute(db);
  for (const [maker, story] of Object.entries(STORIES)) {
    await sql`
      UPDATE umkm_profiles SET story = ${story}, show_phone = ${maker === SHOWS_PHONE}
      WHERE organization_id = (SELECT id FROM organizations WHERE kind = 'umkm' AND name = ${maker})`.execute(db);
  }
  log(`  katalog publik / public catalogue: ${published.rows.length + 1} produk diterbitkan, ${Object.keys(STORIES).length} cerita usaha`);
}
