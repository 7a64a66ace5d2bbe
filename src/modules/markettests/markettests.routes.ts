// Thin HTTP handlers of market tests (uji pasar, C6).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './markettests.schemas.ts';
import * as svc from './markettests.service.ts';

export async function marketTestRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market-tests'];
  r.get('/api/market-tests', {
    config: { policy: 'markettests.read' },
    schema: { tags, summary: 'Uji pasar / market tests', querystring: s.zTestList, response: { 200: s.zTestPage } },
    handler: (req) => svc.listTests(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/market-tests/options', {
    config: { policy: 'markettests.manage' },
    schema: {
      tags,
      summary: 'Produk dan gerai yang dapat diuji / what the chain may test where',
      querystring: s.zOptionsQuery,
      response: { 200: s.zOptions },
    },
    handler: (req) => svc.testOptions(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/market-tests', {
    config: { policy: 'markettests.manage' },
    schema: { tags, summary: 'Mulai uji pasar / start a market test', body: s.zStartTest, response: { 200: s.zTestDetail } },
    handler: (req) => svc.startTest(dbOf(req), ctxOf(req), req.body),
  });
  r.get('/api/market-tests/:id', {
    config: { policy: 'markettests.read' },
    schema: {
      tags,
      summary: 'Satu uji pasar dan posisinya hari ini / one test and its standing',
      params: zIdParams,
      response: { 200: s.zTestDetail },
    },
    handler: (req) => svc.getTest(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/market-tests/:id/decisions', {
    config: { policy: 'markettests.manage' },
    schema: {
      tags,
      summary: 'Catat keputusan: lolos, diperpanjang, gagal / record the decision',
      params: zIdParams,
      body: s.zDecide,
      response: { 200: s.zTestDetail },
    },
    handler: (req) => svc.decide(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
}
