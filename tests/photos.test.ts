// Product photos as the public meets them (issue 13): a maker photographs her terasi at home, and her phone
// writes where into the file. The public gets only the sizes made on upload, upright, cropped to the pages'
// frames and with no metadata; never the file she sent. A photo that cannot be decoded is refused at upload
// with a message at the field, and nothing of it is kept.
import crypto from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathFor } from '../src/platform/files.ts';
import { thumbFile } from '../src/platform/thumbnails.ts';
import { demo, type TestApp, testApp } from './app.ts';
import { uploadAs } from './files.ts';

let t: TestApp;
let product: string;
beforeAll(async () => {
  t = await testApp();
  const mine = (await t.as(demo('umkm'), { method: 'GET', url: '/api/catalogue/mine' })).json();
  product = mine.products.find((p: { published: boolean; outlets: number }) => p.published && p.outlets > 0).id;
});
afterAll(() => t.close());

const HOME = 'Rumah Bu Rusmini, Tulung Selapan -3.2901 105.8123';
/** A phone photo taken sideways (EXIF orientation 6: turn it a quarter clockwise to view), 1200 × 900 as
 *  stored, red on the left and blue on the right (so upright it is red above blue), with where it was taken. */
const phonePhoto = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 600, height: 900, channels: 3, background: '#0000ff' } }, left: 600, top: 0 }])
    .withExif({
      IFD0: { ImageDescription: HOME },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '3/1 17/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 48/1 44/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

/** The colour at (x, y) of an image: 'red', 'blue' or what it is. */
async function colourAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  const [r, , b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
  return r > 200 && b < 60 ? 'red' : b > 200 && r < 60 ? 'blue' : `rgb ${r},${b}`;
}

const anonymous = (url: string) => t.as(null, { method: 'GET', url });

describe('a photo from a phone', () => {
  it("reaches the public in the pages' and the previews' sizes, upright, without metadata; the file she sent stays private", async () => {
    const original = await phonePhoto();
    expect(await sharp(original).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    const up = await uploadAs(t, demo('umkm'), original, 'IMG_20261130.jpg', 'photo');
    expect(up.statusCode, up.body).toBe(201);
    const sha = up.json().sha256 as string;
    const added = await t.as(demo('umkm'), { method: 'POST', url: `/api/products/${product}/photos`, payload: { sha256: sha } });
    expect(added.statusCode, added.body).toBe(201);

    const page = (await anonymous(`/api/public/products/${product}`)).json();
    const at = `/api/public/photos/${sha}`;
    expect(page.photo).toEqual({ small: `${at}/w320.webp`, large: `${at}/w640.webp`, share: `${at}/w640.jpg` });
    for (const [url, format, width, height] of [
      [page.photo.small, 'webp', 320, 240],
      [page.photo.large, 'webp', 640, 480],
      [page.photo.share, 'jpeg', 640, 480],
    ] as const) {
      const res = await anonymous(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe(`image/${format}`);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta).toMatchObject({ format, width, height });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(res.rawPayload.includes('Rusmini')).toBe(false);
      expect(await colourAt(res.rawPayload, width / 2, 4)).toBe('red');
      expect(await colourAt(res.rawPayload, width / 2, height - 5)).toBe('blue');
    }
    // The original is not a public address in any spelling; only a signed-in reader of the product gets it.
    for (const url of [`/api/public/photos/${sha}`, `/api/public/photos/${sha}/original`, `/api/public/photos/${sha}/w640.png`]) {
      expect((await anonymous(url)).statusCode, url).toBeGreaterThanOrEqual(400);
    }
    expect((await anonymous(`/api/files/${sha}`)).statusCode).toBe(401);
  });

  it('a product page shared on WhatsApp previews her photo (JPEG, absolute address, its size), name and price', async () => {
    const res = await anonymous(`/katalog/produk/${product}`);
    expect(res.statusCode).toBe(200);
    const meta = (property: string) =>
      res.body.match(new RegExp(`<meta property="${property}" content="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&');
    const page = (await anonymous(`/api/public/products/${product}`)).json();
    expect(meta('og:image')).toMatch(new RegExp(`^https?://[^/]+${page.photo.share}$`));
    expect([meta('og:image:type'), meta('og:image:width'), meta('og:image:height')]).toEqual(['image/jpeg', '640', '480']);
    expect(meta('og:title')).toContain(page.name);
    expect(meta('og:description')).toContain(page.name);
    expect(meta('og:description')).toMatch(/Rp/);
    expect(meta('og:url')).toMatch(new RegExp(`^https?://[^/]+/katalog/produk/${product}$`));
    expect(meta('og:locale')).toBe('id_ID');
    expect(res.body).toMatch(
      new RegExp(`<link rel="alternate" hrefLang="en" href="https?://[^"]+/katalog/produk/${product}\\?lang=en"`, 'i'),
    );
    // The preview's image is the one served to anyone.
    const image = await anonymous(new URL(meta('og:image') as string).pathname);
    expect(image.headers['content-type']).toBe('image/jpeg');
    // A page with no photo to show promises none.
    const region = await anonymous('/katalog/wilayah/17.71');
    expect(region.body).not.toContain('og:image');
    expect(region.body).toContain('og:title');
  });

  it('stored before its sizes existed, it gets them on its first public request', async () => {
    const up = await uploadAs(
      t,
      demo('umkm'),
      await sharp({ create: { width: 800, height: 800, channels: 3, background: '#225' } })
        .png()
        .toBuffer(),
      'lama.png',
    );
    const sha = up.json().sha256 as string;
    // Uploaded as a document (a permit scan's purpose): no sizes are made for it.
    expect(fs.existsSync(thumbFile(t.config.filesDir, sha, 'w640.webp'))).toBe(false);
    await t.as(demo('umkm'), { method: 'POST', url: `/api/products/${product}/photos`, payload: { sha256: sha } });
    const res = await anonymous(`/api/public/photos/${sha}/w640.webp`);
    expect(res.statusCode).toBe(200);
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 640, height: 480 });
    expect(fs.existsSync(thumbFile(t.config.filesDir, sha, 'w640.webp'))).toBe(true);
  });

  it('that cannot be decoded is refused at the field, and nothing of it is kept', async () => {
    const whole = await phonePhoto();
    const cut = whole.subarray(0, Math.floor(whole.length / 3));
    const filesBefore = await t.handle.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await uploadAs(t, demo('umkm'), cut, 'terpotong.jpg', 'photo');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('file');
    expect(res.json().error.message.id).toContain('Foto tidak dapat dibaca');
    expect(res.json().error.message.en).toContain('cannot be read');
    const filesAfter = await t.handle.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(filesAfter.n)).toBe(Number(filesBefore.n));
    const sha = crypto.createHash('sha256').update(cut).digest('hex');
    expect(fs.existsSync(pathFor(t.config.filesDir, sha))).toBe(false);
    expect(fs.existsSync(thumbFile(t.config.filesDir, sha, 'w320.webp'))).toBe(false);
  });
});
