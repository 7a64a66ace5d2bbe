import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dbOf } from '../../platform/http.ts';
import { zRegion, zRegionListQuery, zRegionPage, zRegionParams } from './regions.schemas.ts';
import { getRegion, searchRegions } from './regions.service.ts';

export async function regionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/regions', {
    config: { policy: 'regions.read' },
    schema: {
      tags: ['regions'],
      summary: 'Wilayah Kemendagri / Kemendagri regions (search by name or code)',
      querystring: zRegionListQuery,
      response: { 200: zRegionPage },
    },
    handler: (req) => searchRegions(dbOf(req), req.query),
  });
  r.get('/api/regions/:code', {
    config: { policy: 'regions.read' },
    schema: { tags: ['regions'], summary: 'Satu wilayah / one region', params: zRegionParams, response: { 200: zRegion } },
    handler: (req) => getRegion(dbOf(req), req.params.code),
  });
}
