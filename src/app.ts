// buildApp({ db, config }): the whole HTTP application. Tests build exactly this app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DbHandle } from './db/client.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { agreementRoutes } from './modules/agreements/agreements.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { cataloguePages } from './modules/catalogue/catalogue.pages.tsx';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { curationRoutes } from './modules/curation/curation.routes.ts';
import { mentoringRoutes } from './modules/curation/mentoring.routes.ts';
import { marketTestRoutes } from './modules/markettests/markettests.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { operationsRoutes } from './modules/operations/operations.routes.ts';
import { placementRoutes } from './modules/placement/placement.routes.ts';
import { promotionRoutes } from './modules/promotions/promotions.routes.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { salesRoutes } from './modules/sales/sales.routes.ts';
import { securityRoutes } from './modules/security/security.routes.ts';
import { settlementDocumentRoutes, settlementRoutes } from './modules/settlement/settlement.routes.ts';
import { fileRoutes } from './platform/files.routes.ts';
import { registerGuards } from './platform/hardening.ts';
import { registerErrorHandler, registerRequestFrame } from './platform/http.ts';
import { loginPage } from './platform/page/login.tsx';
import { registerSecurityLog } from './platform/security-log.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

/** JSON with bigint as a number when it is safe (money up to 9 quadrillion rupiah), else a string. */
export const toJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    typeof x === 'bigint' ? (x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x.toString()) : x,
  );

export async function buildApp(opts: { handle: DbHandle; config: Config; logger?: boolean }): Promise<FastifyInstance> {
  const { handle, config } = opts;
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; answers are serialised by one function that knows bigint.
  app.setSerializerCompiler(() => toJson);
  app.setReplySerializer(toJson);

  // Phones on slow networks: the web bundle and the coastline map data go out gzip/brotli-compressed.
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyCookie);
  // Headers, rate limits, CSRF, UTF-8 and NUL checks: before the request frame opens a transaction.
  await registerGuards(app, config);
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Etalase API',
        version: '0.1.0',
        description: 'Produk UMKM lokal di rak ritel modern / local UMKM products on modern retail shelves.',
      },
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  registerRequestFrame(app, handle.db, config.clock);
  registerSecurityLog(app, handle.db);

  app.get('/api/health', { config: { policy: 'health.read' }, schema: { tags: ['system'], summary: 'Health' } }, async () => ({
    status: 'ok',
    db: handle.kind,
  }));
  app.get(
    '/api/config',
    {
      config: { policy: 'config.read' },
      schema: { tags: ['system'], summary: 'Konfigurasi untuk aplikasi web / settings the web app needs' },
    },
    async () => ({ demo: config.demo, tileUrl: config.tileUrl ?? null, maxUploadBytes: config.maxUploadBytes }),
  );
  app.get('/api/openapi.json', { config: { policy: 'docs.read' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(regionRoutes);
  await app.register(accountRoutes, { demo: config.demo });
  await app.register(fileRoutes, { config });
  await app.register(registryRoutes);
  await app.register(auditRoutes);
  await app.register(securityRoutes);
  // curation and mentoring (C2, C3)
  await app.register(curationRoutes);
  await app.register(mentoringRoutes);
  // agreements (C4)
  await app.register(agreementRoutes);
  // placement planning (C5)
  await app.register(placementRoutes, { db: handle.db });
  // operations after the shelf door (C7)
  await app.register(operationsRoutes);
  // POS sales (C7)
  await app.register(salesRoutes, { db: handle.db, config });
  // settlement (C8)
  await app.register(settlementRoutes);
  await app.register(settlementDocumentRoutes);
  // promotion campaigns (C9)
  await app.register(promotionRoutes);
  // notifications: the inbox, and the mail settings notify() queues with (issue 11)
  await app.register(notificationRoutes, { config });
  // market tests (C6)
  await app.register(marketTestRoutes);
  // the public catalogue (C11): JSON, and the server-rendered pages shoppers open
  await app.register(catalogueRoutes, { config });
  await app.register(cataloguePages, { config });
  await app.register(loginPage); // the server-rendered sign-in page (before the web app's catch-all)

  // The web app: built by Vite into dist/web; every non-API path answers index.html (client routing).
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, maxAge: '1h', preCompressed: false });
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      // A missing asset (e.g. built after this server started) is a 404, not the HTML page under a JS name.
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
