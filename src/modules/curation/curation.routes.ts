// Thin HTTP handlers of curation (C2): schema in, service call, view out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { bottlenecksCsv, bottlenecksXlsx, exportFileName } from './curation.export.ts';
import * as s from './curation.schemas.ts';
import * as svc from './curation.service.ts';

export async function curationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['curation'];

  // requirement sets
  r.get('/api/curation/requirement-sets', {
    config: { policy: 'requirements.read' },
    schema: {
      tags,
      summary: 'Persyaratan kurasi per jaringan dan kategori / requirement sets',
      querystring: s.zRequirementSetList,
      response: { 200: s.zRequirementSetPage },
    },
    handler: (req) => svc.listRequirementSets(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/curation/requirement-sets/:id', {
    config: { policy: 'requirements.read' },
    schema: {
      tags,
      summary: 'Satu versi persyaratan / one requirement set version',
      params: zIdParams,
      response: { 200: s.zRequirementSet },
    },
    handler: (req) => svc.getRequirementSet(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/curation/requirement-sets', {
    config: { policy: 'requirements.write' },
    schema: {
      tags,
      summary: 'Buat draf versi baru / create a draft version',
      body: s.zRequirementSetCreate,
      response: { 201: s.zRequirementSet },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.createRequirementSet(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/curation/requirement-sets/:id', {
    config: { policy: 'requirements.write' },
    schema: {
      tags,
      summary: 'Ubah draf / update a draft',
      params: zIdParams,
      body: s.zRequirementSetUpdate,
      response: { 200: s.zRequirementSet },
    },
    handler: (req) => svc.updateRequirementSet(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/curation/requirement-sets/:id/publish', {
    config: { policy: 'requirements.write' },
    schema: { tags, summary: 'Terbitkan draf / publish a draft', params: zIdParams, response: { 200: s.zRequirementSet } },
    handler: (req) => svc.publishRequirementSet(dbOf(req), ctxOf(req), req.params.id),
  });

  // rounds and entries
  r.get('/api/curation/rounds', {
    config: { policy: 'curation.read' },
    schema: { tags, summary: 'Putaran kurasi / curation rounds', querystring: s.zRoundList, response: { 200: s.zRoundPage } },
    handler: (req) => svc.listRounds(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/curation/rounds', {
    config: { policy: 'curation.manage' },
    schema: { tags, summary: 'Buka putaran kurasi / open a curation round', body: s.zRoundCreate, response: { 201: s.zRound } },
    handler: async (req, reply) => reply.code(201).send(await svc.createRound(dbOf(req), ctxOf(req), req.body)),
  });
  r.get('/api/curation/rounds/:id', {
    config: { policy: 'curation.read' },
    schema: { tags, summary: 'Satu putaran kurasi / one round', params: zIdParams, response: { 200: s.zRound } },
    handler: (req) => svc.getRound(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/curation/rounds/:id/entries', {
    config: { policy: 'curation.read' },
    schema: {
      tags,
      summary: 'Produk dalam putaran dan hasilnya / products of a round and their results',
      params: zIdParams,
      querystring: s.zEntryList,
      response: { 200: s.zEntryPage },
    },
    handler: (req) => svc.listEntries(dbOf(req), ctxOf(req), req.params.id, req.query),
  });
  r.get('/api/curation/rounds/:id/facets', {
    config: { policy: 'curation.read' },
    schema: {
      tags,
      summary: 'Kecamatan dan kriteria gagal dalam putaran, dengan jumlahnya / districts and failed criteria of a round',
      params: zIdParams,
      response: { 200: s.zRoundFacets },
    },
    handler: (req) => svc.roundFacets(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/curation/rounds/:id/candidates', {
    config: { policy: 'curation.manage' },
    schema: {
      tags,
      summary: 'Produk yang masih dapat ditambahkan ke putaran / products that can still be added to a round',
      params: zIdParams,
      querystring: s.zCandidateList,
      response: { 200: s.zCandidatePage },
    },
    handler: (req) => svc.listCandidates(dbOf(req), ctxOf(req), req.params.id, req.query),
  });
  r.post('/api/curation/rounds/:id/products', {
    config: { policy: 'curation.manage' },
    schema: {
      tags,
      summary: 'Pilih produk; kriteria otomatis langsung dinilai / add products, automatic criteria evaluated at once',
      params: zIdParams,
      body: s.zAddProducts,
      response: { 200: s.zAddProductsResult },
    },
    handler: (req) => svc.addProducts(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/curation/rounds/:id/evaluate', {
    config: { policy: 'curation.manage' },
    schema: {
      tags,
      summary: 'Nilai ulang dari data terbaru / re-evaluate from the registry',
      params: zIdParams,
      response: { 200: s.zRound },
    },
    handler: (req) => svc.evaluateRound(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/curation/rounds/:id/close', {
    config: { policy: 'curation.manage' },
    schema: { tags, summary: 'Tutup putaran (hasil final) / close the round', params: zIdParams, response: { 200: s.zRound } },
    handler: (req) => svc.closeRound(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/curation/entries/:id', {
    config: { policy: 'curation.read' },
    schema: {
      tags,
      summary: 'Hasil per kriteria dan daftar kekurangan / results per criterion and gap list',
      params: zIdParams,
      response: { 200: s.zEntry },
    },
    handler: (req) => svc.getEntry(dbOf(req), ctxOf(req), req.params.id),
  });
  r.patch('/api/curation/entries/:id', {
    config: { policy: 'curation.manage' },
    schema: {
      tags,
      summary: 'Nilai kurator dan catatan / curator scores, attestations and notes',
      params: zIdParams,
      body: s.zEntryUpdate,
      response: { 200: s.zEntry },
    },
    handler: (req) => svc.updateEntry(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/curation/gap-lists', {
    config: { policy: 'curation.read' },
    schema: {
      tags,
      summary: 'Daftar kekurangan per produk (hasil kurasi terakhir) / gap lists per product',
      querystring: s.zGapListQuery,
      response: { 200: s.zGapListPage },
    },
    handler: (req) => svc.listGapLists(dbOf(req), ctxOf(req), req.query),
  });

  // relaxations
  r.get('/api/curation/relaxations', {
    config: { policy: 'relaxations.read' },
    schema: {
      tags,
      summary: 'Pelonggaran persyaratan / relaxations',
      querystring: s.zRelaxationList,
      response: { 200: s.zRelaxationPage },
    },
    handler: (req) => svc.listRelaxations(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/curation/relaxations', {
    config: { policy: 'relaxations.write' },
    schema: { tags, summary: 'Catat pelonggaran / record a relaxation', body: s.zRelaxationCreate, response: { 201: s.zRelaxation } },
    handler: async (req, reply) => reply.code(201).send(await svc.createRelaxation(dbOf(req), ctxOf(req), req.body)),
  });
  r.post('/api/curation/relaxations/:id/archive', {
    config: { policy: 'relaxations.write' },
    schema: { tags, summary: 'Akhiri pelonggaran / archive a relaxation', params: zIdParams, response: { 200: s.zRelaxation } },
    handler: (req) => svc.archiveRelaxation(dbOf(req), ctxOf(req), req.params.id),
  });

  // analytics
  r.get('/api/curation/bottlenecks', {
    config: { policy: 'bottlenecks.read' },
    schema: {
      tags,
      summary: 'Hambatan kurasi per kriteria / bottleneck analytics',
      querystring: s.zBottleneckQuery,
      response: { 200: s.zBottleneckReport },
    },
    handler: (req) => svc.getBottlenecks(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/curation/bottlenecks/export', {
    config: { policy: 'bottlenecks.read' },
    schema: {
      tags,
      summary: 'Unduh hambatan kurasi (CSV/XLSX) / export bottlenecks',
      querystring: s.zBottleneckExportQuery,
      response: { 200: z.any().describe('text/csv atau / or XLSX') },
    },
    handler: async (req, reply) => {
      const { format, ...q } = req.query;
      const report = await svc.getBottlenecks(dbOf(req), ctxOf(req), q);
      reply.header('content-disposition', `attachment; filename="${exportFileName(report, format)}"`);
      // A string with a non-JSON type and a Buffer are sent as they are, past the JSON serialiser.
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(bottlenecksCsv(report));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await bottlenecksXlsx(report));
    },
  });
  r.get('/api/curation/funnel', {
    config: { policy: 'funnel.read' },
    schema: { tags, summary: 'Corong produk per tahap / product funnel', querystring: s.zFunnelQuery, response: { 200: s.zFunnel } },
    handler: (req) => svc.getFunnel(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/curation/products/:id/status', {
    config: { policy: 'funnel.read' },
    schema: {
      tags,
      summary: 'Tahap produk dan riwayat kurasi / product stage and curation history',
      params: zIdParams,
      response: { 200: s.zProductStatus },
    },
    handler: (req) => svc.getProductStatus(dbOf(req), ctxOf(req), req.params.id),
  });
}
