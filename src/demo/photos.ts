// Demo product photos (C11): every product on the public catalogue gets a picture of a pack, drawn here as
// SVG and rasterised by sharp (plainly synthetic: a pack of the product's own colour, no text, no real
// brand). They go through the same path as a maker's upload from her phone would (stored by SHA-256, with
// their public sizes made at once), so the demo's Merchant feed lists its products and the pages show images.
// They need the files directory: the CLI's `demo` and `seed` pass it; a database seeded without one (the test
// suite's template) has no demo photos.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../db/client.ts';
import { pathFor, writeAtomically } from '../platform/files.ts';
import { keepThumbnails, renderThumbnails } from '../platform/thumbnails.ts';

/** A number from 0 to 1 that a name always gives. */
const unit = (name: string, salt: string) => crypto.createHash('sha256').update(`${salt}:${name}`).digest().readUInt32BE(0) / 2 ** 32;

/** The pack of one product, 800 × 600: a pouch in its colour on a table, a window with its contents. */
export function packSvg(name: string): string {
  const hue = Math.round(unit(name, 'hue') * 360);
  const tilt = Math.round((unit(name, 'tilt') - 0.5) * 10);
  const bits = Array.from({ length: 9 }, (_, i) => {
    const x = 330 + (i % 3) * 60 + Math.round(unit(name, `x${i}`) * 20);
    const y = 270 + Math.floor(i / 3) * 45 + Math.round(unit(name, `y${i}`) * 14);
    const r = 18 + Math.round(unit(name, `r${i}`) * 10);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${(hue + 30) % 360} 60% 78%)" stroke="hsl(${hue} 40% 55%)" stroke-width="3"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
  <rect width="800" height="600" fill="hsl(${hue} 25% 94%)"/>
  <rect y="470" width="800" height="130" fill="hsl(30 30% 72%)"/>
  <ellipse cx="400" cy="500" rx="210" ry="26" fill="hsl(30 20% 55%)" opacity="0.5"/>
  <g transform="rotate(${tilt} 400 300)">
    <path d="M230 110 h340 l-10 380 q0 16 -16 16 h-288 q-16 0 -16 -16 z" fill="hsl(${hue} 62% 46%)"/>
    <rect x="230" y="96" width="340" height="34" rx="6" fill="hsl(${hue} 62% 34%)"/>
    <rect x="268" y="160" width="264" height="54" rx="10" fill="hsl(${hue} 70% 90%)"/>
    <rect x="296" y="178" width="208" height="18" rx="9" fill="hsl(${hue} 50% 40%)"/>
    <rect x="290" y="236" width="220" height="170" rx="70" fill="hsl(${hue} 30% 97%)"/>
    ${bits}
    <rect x="296" y="430" width="120" height="14" rx="7" fill="hsl(${hue} 70% 88%)"/>
  </g>
</svg>`;
}

/** Gives each published product without a photo its drawn pack; files first, then the rows. */
export async function seedDemoPhotos(db: Database, log: (s: string) => void, filesDir: string): Promise<void> {
  const products = await sql<{ id: string; name: string; umkm_id: string }>`
    SELECT p.id, p.name, p.umkm_id FROM products p
    WHERE p.published_at IS NOT NULL AND p.archived_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM product_photos ph WHERE ph.product_id = p.id AND ph.archived_at IS NULL)
    ORDER BY p.id`.execute(db);
  for (const p of products.rows) {
    const data = await sharp(Buffer.from(packSvg(`${p.umkm_id}:${p.name}`)))
      .jpeg({ quality: 80 })
      .toBuffer();
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const target = pathFor(filesDir, sha256);
    if (!fs.existsSync(target)) writeAtomically(target, data);
    keepThumbnails(filesDir, sha256, await renderThumbnails(data));
    await db
      .insertInto('files')
      .values({ sha256, mime: 'image/jpeg', size_bytes: data.length })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await db
      .insertInto('file_uploads')
      .values({ sha256, tenant_id: p.umkm_id })
      .onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing())
      .execute();
    await db.insertInto('product_photos').values({ product_id: p.id, sha256 }).execute();
  }
  log(`  foto produk demo / demo product photos: ${products.rows.length}`);
}
