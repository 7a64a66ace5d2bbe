// Thin HTTP handlers of promotion campaigns (C9): the list, the form's choices, creating and cancelling a
// campaign, its detail, its results and its materials list for store staff.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './promotions.schemas.ts';
import * as svc from './promotions.service.ts';

export async function promotionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['promotions'];
  const one = { params: zIdParams, response: { 200: s.zCampaignDetail } };

  r.get('/api/promotions', {
    config: { policy: 'promotions.read' },
    schema: { tags, summary: 'Kampanye promosi / promotion campaigns', querystring: s.zCampaignList, response: { 200: s.zCampaignPage } },
    handler: (req) => svc.listCampaigns(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/promotions/options', {
    config: { policy: 'promotions.manage' },
    schema: {
      tags,
      summary: 'Pilihan formulir kampanye / the campaign form’s choices',
      querystring: s.zOptionsQuery,
      response: { 200: s.zCampaignOptions },
    },
    handler: (req) => svc.options(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/promotions', {
    config: { policy: 'promotions.manage' },
    schema: { tags, summary: 'Buat kampanye / create a campaign', body: s.zCampaignCreate, response: { 200: s.zCampaignDetail } },
    handler: (req) => svc.createCampaign(dbOf(req), ctxOf(req), req.body),
  });
  r.get('/api/promotions/:id', {
    config: { policy: 'promotions.read' },
    schema: { tags, summary: 'Satu kampanye / one campaign', ...one },
    handler: (req) => svc.getCampaign(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/promotions/:id/cancel', {
    config: { policy: 'promotions.manage' },
    schema: { tags, summary: 'Batalkan kampanye / cancel a campaign', ...one },
    handler: (req) => svc.cancelCampaign(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/promotions/:id/results', {
    config: { policy: 'promotions.results' },
    schema: { tags, summary: 'Hasil kampanye / campaign results', params: zIdParams, response: { 200: s.zCampaignResults } },
    handler: (req) => svc.campaignResults(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/promotions/:id/materials', {
    config: { policy: 'promotions.read' },
    schema: { tags, summary: 'Daftar materi per gerai / materials list per outlet', params: zIdParams, response: { 200: s.zMaterials } },
    handler: (req) => svc.materials(dbOf(req), ctxOf(req), req.params.id),
  });
}
