// Thin HTTP handlers of placement planning (C5). Plans too big to solve inside the request are queued as
// jobs; the runner is kicked once the request's transaction has committed (onResponse), so it never
// reads a plan that does not exist yet, and it uses the outer handle, never a request's transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { createJobRunner } from '../../jobs/jobs.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './placement.schemas.ts';
import * as svc from './placement.service.ts';

export async function placementRoutes(app: FastifyInstance, opts: { db: Database }) {
  const runner = createJobRunner(opts.db, (msg, err) => app.log.error({ err }, msg));
  const queued = new WeakSet<FastifyRequest>();
  // Jobs left queued by a previous run (or stale ones from a process that died) start with the server.
  app.addHook('onReady', async () => runner.kick());
  app.addHook('onResponse', async (req, reply) => {
    if (queued.has(req) && reply.statusCode < 400) runner.kick();
  });
  app.addHook('onClose', async () => runner.stop());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['placement'];

  r.post('/api/placement/plans', {
    config: { policy: 'placement.plans.create' },
    schema: {
      tags,
      summary: 'Minta rencana penempatan / request a placement plan',
      body: s.zPlanCreate,
      response: { 201: s.zPlanCreated },
    },
    handler: async (req, reply) => {
      const out = await svc.requestPlan(dbOf(req), ctxOf(req), req.body);
      if (out.queued) queued.add(req);
      return reply.code(201).send(out);
    },
  });
  r.get('/api/placement/plans', {
    config: { policy: 'placement.plans.read' },
    schema: { tags, summary: 'Daftar rencana / list plans', querystring: s.zPlanList, response: { 200: s.zPlanPage } },
    handler: (req) => svc.listPlans(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/placement/plans/:id', {
    config: { policy: 'placement.plans.read' },
    schema: {
      tags,
      summary: 'Satu rencana: kemajuan, butir, selisih / one plan: progress, items, diff',
      params: zIdParams,
      response: { 200: s.zPlanDetail },
    },
    handler: (req) => svc.getPlan(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/placement/plans/:id/approve', {
    config: { policy: 'placement.plans.approve' },
    schema: {
      tags,
      summary: 'Setujui seluruh atau sebagian rencana / approve all or part of a plan',
      params: zIdParams,
      body: s.zPlanApprove,
      response: { 200: s.zPlanApproved },
    },
    handler: (req) => svc.approvePlan(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/placements', {
    config: { policy: 'placements.read' },
    schema: {
      tags,
      summary: 'Penempatan produk di gerai / placements',
      querystring: s.zPlacementList,
      response: { 200: s.zPlacementPage },
    },
    handler: (req) => svc.listPlacements(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/placements/:id/lock', {
    config: { policy: 'placements.lock' },
    schema: {
      tags,
      summary: 'Kunci atau buka penempatan / lock or unlock a placement',
      params: zIdParams,
      body: s.zPlacementLock,
      response: { 200: s.zPlacement },
    },
    handler: (req) => svc.setPlacementLock(dbOf(req), ctxOf(req), req.params.id, req.body.locked),
  });
}
