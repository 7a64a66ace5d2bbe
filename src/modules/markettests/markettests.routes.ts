// Thin HTTP handlers of market tests (uji pasar, C6).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as x from './expansion.service.ts';
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

  // expansion (ekspansi)
  r.get('/api/market-tests/:id/expansion', {
    config: { policy: 'markettests.read' },
    schema: {
      tags,
      summary: 'Kandidat ekspansi produk yang lolos / where a passed product could go next',
      params: zIdParams,
      response: { 200: s.zExpansionOptions },
    },
    handler: (req) => x.expansionOptions(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/market-tests/:id/expansion', {
    config: { policy: 'expansion.propose' },
    schema: {
      tags,
      summary: 'Usulkan ekspansi ke satu kabupaten/kota / propose one regency',
      params: zIdParams,
      body: s.zPropose,
      response: { 200: s.zProposalDetail },
    },
    handler: (req) => x.propose(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/expansion', {
    config: { policy: 'expansion.read' },
    schema: { tags, summary: 'Usulan ekspansi / expansion proposals', querystring: s.zProposalList, response: { 200: s.zProposalPage } },
    handler: (req) => x.listProposals(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/expansion/:id', {
    config: { policy: 'expansion.read' },
    schema: { tags, summary: 'Satu usulan ekspansi / one proposal', params: zIdParams, response: { 200: s.zProposalDetail } },
    handler: (req) => x.getProposal(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/expansion/:id/accept', {
    config: { policy: 'expansion.respond' },
    schema: { tags, summary: 'Setujui usulan ekspansi / accept', params: zIdParams, response: { 200: s.zProposalDetail } },
    handler: (req) => x.acceptProposal(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/expansion/:id/decline', {
    config: { policy: 'expansion.respond' },
    schema: { tags, summary: 'Tolak usulan ekspansi / decline', params: zIdParams, body: s.zDecline, response: { 200: s.zProposalDetail } },
    handler: (req) => x.declineProposal(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
}
