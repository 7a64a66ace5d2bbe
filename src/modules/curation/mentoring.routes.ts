// Thin HTTP handlers of mentoring (C3): schema in, service call, view out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './curation.schemas.ts';
import * as m from './mentoring.schemas.ts';
import * as mentoring from './mentoring.service.ts';

export async function mentoringRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mtags = ['mentoring'];
  r.get('/api/mentoring/programs', {
    config: { policy: 'mentoring.read' },
    schema: {
      tags: mtags,
      summary: 'Program pendampingan / mentoring programs',
      querystring: m.zProgramList,
      response: { 200: m.zProgramPage },
    },
    handler: (req) => mentoring.listPrograms(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/mentoring/mentors', {
    config: { policy: 'mentoring.manage' },
    schema: {
      tags: mtags,
      summary: 'Pendamping yang dapat ditugaskan / mentors a programme may be given',
      querystring: m.zPageQuery,
      response: { 200: m.zMentorPage },
    },
    handler: (req) => mentoring.listMentors(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/mentoring/programs', {
    config: { policy: 'mentoring.manage' },
    schema: { tags: mtags, summary: 'Buat program / create a program', body: m.zProgramCreate, response: { 201: m.zProgramDetail } },
    handler: async (req, reply) => reply.code(201).send(await mentoring.createProgram(dbOf(req), ctxOf(req), req.body)),
  });
  r.get('/api/mentoring/programs/:id', {
    config: { policy: 'mentoring.read' },
    schema: { tags: mtags, summary: 'Satu program / one program', params: zIdParams, response: { 200: m.zProgramDetail } },
    handler: (req) => mentoring.getProgram(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/mentoring/programs/:id/suggestions', {
    config: { policy: 'mentoring.manage' },
    schema: {
      tags: mtags,
      summary: 'Usulan peserta dari kekurangan kurasi / suggested participants from gaps',
      params: zIdParams,
      querystring: m.zPageQuery,
      response: { 200: m.zSuggestions },
    },
    handler: (req) => mentoring.suggestParticipants(dbOf(req), ctxOf(req), req.params.id, req.query),
  });
  r.post('/api/mentoring/programs/:id/enrolments', {
    config: { policy: 'mentoring.manage' },
    schema: {
      tags: mtags,
      summary: 'Undang UMKM / invite businesses',
      params: zIdParams,
      body: m.zEnrol,
      response: { 200: m.zProgramDetail },
    },
    handler: (req) => mentoring.enrol(dbOf(req), ctxOf(req), req.params.id, req.body.umkmIds),
  });
  r.post('/api/mentoring/programs/:id/respond', {
    config: { policy: 'mentoring.respond' },
    schema: {
      tags: mtags,
      summary: 'Terima atau tolak undangan / accept or decline an invitation',
      params: zIdParams,
      body: m.zRespond,
      response: { 200: m.zProgramDetail },
    },
    handler: (req) => mentoring.respond(dbOf(req), ctxOf(req), req.params.id, req.body.accept),
  });
  r.post('/api/mentoring/programs/:id/sessions', {
    config: { policy: 'mentoring.record' },
    schema: {
      tags: mtags,
      summary: 'Catat sesi, kehadiran dan catatan pendamping / record a session',
      params: zIdParams,
      body: m.zSessionCreate,
      response: { 201: m.zProgramDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await mentoring.addSession(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });
  r.post('/api/mentoring/programs/:id/recurate', {
    config: { policy: 'mentoring.manage' },
    schema: {
      tags: mtags,
      summary: 'Kurasi ulang produk peserta / re-curate the participants',
      params: zIdParams,
      body: m.zRecurate,
      response: { 201: s.zRound },
    },
    handler: async (req, reply) => reply.code(201).send(await mentoring.recurate(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });
  r.get('/api/mentoring/programs/:id/outcome', {
    config: { policy: 'mentoring.read' },
    schema: { tags: mtags, summary: 'Sebelum/sesudah pendampingan / before and after', params: zIdParams, response: { 200: m.zOutcome } },
    handler: (req) => mentoring.programOutcome(dbOf(req), ctxOf(req), req.params.id),
  });
}
