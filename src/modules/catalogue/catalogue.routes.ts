// The public catalogue's JSON (C11): the same answers the server-rendered pages show (catalogue.pages.tsx),
// for apps and partners; and the maker's own settings (what of hers is public).
import fs from 'node:fs';
import fastifyEtag from '@fastify/etag';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { originOf } from '../../platform/page/page.tsx';
import { THUMB_MIME, THUMB_NAMES, THUMBS, thumbnail } from '../../platform/thumbnails.ts';
import { localInventoryTsv, marketplaceCsv, merchantTsv, regionFeed } from './catalogue.feeds.ts';
import {
  zCodeParams,
  zIdParams,
  zMakerPage,
  zMyCatalogue,
  zProductPage,
  zProfileBody,
  zPublishBody,
  zRegionPage,
  zRegionPageQuery,
  zSearchAnswer,
  zSearchQuery,
  zWhereQuery,
} from './catalogue.schemas.ts';
import * as svc from './catalogue.service.ts';

const tags = ['catalogue'];
/** Public answers may be kept a minute by the browser and shared caches: they hold nothing personal. */
const publicCache = 'public, max-age=60';

/** A photo's public size changes only when the product leaves the catalogue (then 404): a day. */
const photoCache = 'public, max-age=86400';
/** Feeds change with the day's placements and stock: an hour in caches; ETag answers 304 to a poller. */
const feedCache = 'public, max-age=3600';
/** A feed is a whole region's catalogue: a client asks for it a few times a minute at most. */
const FEED_RATE = { max: 20, timeWindow: 60_000 };
const FEEDS = ['merchant.tsv', 'local-inventory.tsv', 'marketplace.csv', 'products.json'] as const;

export async function catalogueRoutes(app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/public/photos/:sha256/:size', {
    config: { policy: 'catalogue.read', cache: photoCache },
    schema: {
      tags,
      summary:
        'Foto produk di katalog: 320 atau 640 px, tanpa metadata (bukan berkas asli) / a catalogue product photo: 320 or 640 px, without metadata (never the original)',
      params: z
        .object({
          sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'sha256_invalid' }),
          size: z.enum(THUMB_NAMES),
        })
        .strict(),
    },
    handler: async (req, reply) => {
      await svc.photoFile(dbOf(req), req.now, req.params.sha256);
      const file = await thumbnail(config.filesDir, req.params.sha256, req.params.size);
      if (!file) return reply.code(404).send();
      reply.type(THUMB_MIME[THUMBS[req.params.size].format]).header('content-disposition', 'inline');
      return reply.send(fs.createReadStream(file));
    },
  });
  await app.register(async (feeds) => {
    await feeds.register(fastifyEtag);
    const f = feeds.withTypeProvider<ZodTypeProvider>();
    f.get('/api/public/feeds/:code/:file', {
      config: { policy: 'catalogue.read', rateLimit: FEED_RATE, cache: feedCache },
      schema: {
        tags,
        summary:
          'Feed produk suatu daerah: Google Merchant Center (utama dan inventaris lokal), CSV marketplace, JSON / a region’s product feeds',
        params: z.object({ code: zCodeParams.shape.code, file: z.enum(FEEDS) }).strict(),
      },
      handler: async (req, reply) => {
        const feed = await regionFeed(dbOf(req), req.now, req.params.code, originOf(req, config));
        const name = `etalase-${req.params.code}-${req.params.file}`;
        reply.header('content-disposition', `inline; filename="${name}"`);
        switch (req.params.file) {
          case 'merchant.tsv': {
            const { body, withoutPhoto } = merchantTsv(feed);
            reply.header('x-items-without-photo', String(withoutPhoto));
            return reply.type('text/tab-separated-values; charset=utf-8').send(body);
          }
          case 'local-inventory.tsv':
            return reply.type('text/tab-separated-values; charset=utf-8').send(localInventoryTsv(feed));
          case 'marketplace.csv':
            return reply.type('text/csv; charset=utf-8').send(marketplaceCsv(feed));
          default:
            return reply
              .type('application/json; charset=utf-8')
              .send(JSON.stringify(feed, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
        }
      },
    });
  });
  r.get('/api/public/products', {
    config: { policy: 'catalogue.read', cache: publicCache },
    schema: {
      tags,
      summary: 'Cari produk lokal di gerai / search local products on the shelves (no sign-in)',
      querystring: zSearchQuery,
      response: { 200: zSearchAnswer },
    },
    handler: (req) => svc.searchCatalogue(dbOf(req), req.now, { ...req.query, region: req.query.region }),
  });
  r.get('/api/public/products/:id', {
    config: { policy: 'catalogue.read', cache: publicCache },
    schema: {
      tags,
      summary: 'Satu produk dan gerai yang menjualnya, terdekat dulu / a product and the outlets carrying it, nearest first',
      params: zIdParams,
      querystring: zWhereQuery,
      response: { 200: zProductPage },
    },
    handler: (req) => svc.productPage(dbOf(req), req.now, req.params.id, req.query),
  });
  r.get('/api/public/makers/:id', {
    config: { policy: 'catalogue.read', cache: publicCache },
    schema: { tags, summary: 'Halaman publik seorang pembuat / a maker’s public page', params: zIdParams, response: { 200: zMakerPage } },
    handler: (req) => svc.makerPage(dbOf(req), req.now, req.params.id),
  });
  r.get('/api/public/regions/:code', {
    config: { policy: 'catalogue.read', cache: publicCache },
    schema: {
      tags,
      summary: 'Produk lokal suatu daerah / a region’s local products',
      params: zCodeParams,
      querystring: zRegionPageQuery,
      response: { 200: zRegionPage },
    },
    handler: (req) => svc.regionPage(dbOf(req), req.now, req.params.code, req.query),
  });

  r.get('/api/catalogue/mine', {
    config: { policy: 'catalogue.publish' },
    schema: { tags, summary: 'Apa yang saya tampilkan di katalog publik / what of mine is public', response: { 200: zMyCatalogue } },
    handler: (req) => svc.myCatalogue(dbOf(req), ctxOf(req)),
  });
  r.put('/api/catalogue/mine/profile', {
    config: { policy: 'catalogue.publish' },
    schema: {
      tags,
      summary: 'Cerita usaha dan nomor telepon di halaman publik / story and phone on my public page',
      body: zProfileBody,
      response: { 200: zMyCatalogue },
    },
    handler: (req) => svc.updateMyProfile(dbOf(req), ctxOf(req), req.body),
  });
  r.put('/api/catalogue/mine/products/:id', {
    config: { policy: 'catalogue.publish' },
    schema: {
      tags,
      summary: 'Tampilkan atau sembunyikan produk di katalog publik / publish or hide a product',
      params: zIdParams,
      body: zPublishBody,
      response: { 200: zMyCatalogue },
    },
    handler: (req) => svc.publishProduct(dbOf(req), ctxOf(req), req.params.id, req.body.published),
  });
}
