// Thin HTTP handlers of the agreements module (C4): schema in, service call, view out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './agreements.schemas.ts';
import * as svc from './agreements.service.ts';
import { catalogue } from './compliance.rules.ts';

export async function agreementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agreements'];

  r.get('/api/agreements', {
    config: { policy: 'agreements.read' },
    schema: { tags, summary: 'Daftar MoU dan PKS / list MoUs and PKS', querystring: s.zAgreementList, response: { 200: s.zAgreementPage } },
    handler: (req) => svc.listAgreements(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/agreements/reminders', {
    config: { policy: 'agreements.reminders' },
    schema: {
      tags,
      summary: 'Pengingat: berakhir dalam 30/60 hari, menunggu tanda tangan, catatan kepatuhan / reminders',
      querystring: s.zRemindersQuery,
      response: { 200: s.zReminders },
    },
    handler: (req) => svc.reminders(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/agreements/rules', {
    config: { policy: 'agreements.read' },
    schema: {
      tags,
      summary: 'Aturan perdagangan yang dipakai menilai PKS, menurut tanggal berlaku / the rules of trade PKS are judged by',
      response: { 200: s.zRuleCatalogue },
    },
    handler: () => ({ items: catalogue() }),
  });
  r.get('/api/agreements/terms', {
    config: { policy: 'agreements.read' },
    schema: {
      tags,
      summary: 'Ketentuan PKS yang berlaku untuk produk di gerai pada tanggal / terms in force for a product at an outlet',
      querystring: s.zTermsQuery,
      response: { 200: s.zTermsInForce },
    },
    handler: (req) => svc.termsFor(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/agreements/eligible-products', {
    config: { policy: 'agreements.queries' },
    schema: {
      tags,
      summary: 'Produk dengan PKS berlaku untuk jaringan ritel di wilayah / products eligible for a chain in a region',
      querystring: s.zEligibleQuery,
      response: { 200: s.zEligible },
    },
    handler: (req) => svc.eligibleFor(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/agreements/pks-template', {
    config: { policy: 'agreements.pks.write' },
    schema: {
      tags,
      summary: 'Draf PKS dari templat jaringan ritel / a PKS draft from the chain template',
      querystring: s.zPksTemplateQuery,
      response: { 200: s.zPksTemplate },
    },
    handler: (req) => svc.pksTemplate(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/agreements/:id', {
    config: { policy: 'agreements.read' },
    schema: {
      tags,
      summary: 'Satu perjanjian dengan riwayat versi / one agreement with its versions',
      params: zIdParams,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.getAgreement(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/agreements/:id/versions/:version', {
    config: { policy: 'agreements.read' },
    schema: { tags, summary: 'Satu versi perjanjian / one version', params: s.zVersionParams, response: { 200: s.zVersion } },
    handler: (req) => svc.getVersion(dbOf(req), ctxOf(req), req.params.id, req.params.version),
  });
  r.get('/api/agreements/:id/versions/:version/document.pdf', {
    config: { policy: 'agreements.read' },
    schema: {
      tags,
      summary: 'PDF versi: salinan bertanda tangan, atau naskah persis yang ditandatangani / the PDF of a version',
      params: s.zVersionParams,
      querystring: s.zDocumentQuery,
    },
    handler: async (req, reply) => {
      const doc = await svc.versionDocument(dbOf(req), ctxOf(req), req.params.id, req.params.version, req.query.copy);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('x-document-sha256', doc.sha256)
        .header('x-document-copy', doc.copy)
        .send(doc.pdf);
    },
  });

  r.post('/api/agreements/mou', {
    config: { policy: 'agreements.mou.write' },
    schema: { tags, summary: 'Buat draf MoU / draft an MoU', body: s.zMouCreate, response: { 201: s.zAgreementDetail } },
    handler: async (req, reply) => reply.code(201).send(await svc.createMou(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/agreements/mou/:id', {
    config: { policy: 'agreements.mou.write' },
    schema: {
      tags,
      summary: 'Ubah draf MoU / edit an MoU draft',
      params: zIdParams,
      body: s.zMouUpdate,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.updateDraft(dbOf(req), ctxOf(req), req.params.id, 'mou', req.body),
  });
  r.post('/api/agreements/pks', {
    config: { policy: 'agreements.pks.write' },
    schema: { tags, summary: 'Buat draf PKS / draft a PKS', body: s.zPksCreate, response: { 201: s.zAgreementDetail } },
    handler: async (req, reply) => reply.code(201).send(await svc.createPks(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/agreements/pks/:id', {
    config: { policy: 'agreements.pks.write' },
    schema: {
      tags,
      summary: 'Ubah draf PKS / edit a PKS draft',
      params: zIdParams,
      body: s.zPksUpdate,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.updateDraft(dbOf(req), ctxOf(req), req.params.id, 'pks', req.body),
  });

  r.post('/api/agreements/:id/submit', {
    config: { policy: 'agreements.transition' },
    schema: {
      tags,
      summary: 'Ajukan untuk ditinjau dan ditandatangani / submit for review',
      params: zIdParams,
      body: s.zSubmit,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.submit(dbOf(req), ctxOf(req), req.params.id, req.body.version),
  });
  r.post('/api/agreements/:id/return', {
    config: { policy: 'agreements.transition' },
    schema: {
      tags,
      summary: 'Kembalikan ke draf dengan catatan / return to draft',
      params: zIdParams,
      body: s.zReturn,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.returnToDraft(dbOf(req), ctxOf(req), req.params.id, req.body.version, req.body.note),
  });
  r.post('/api/agreements/:id/withdraw', {
    config: { policy: 'agreements.transition' },
    schema: {
      tags,
      summary: 'Tarik versi yang terbuka / withdraw the open version',
      params: zIdParams,
      body: s.zWithdraw,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.withdraw(dbOf(req), ctxOf(req), req.params.id, req.body.version, req.body.reason),
  });
  r.post('/api/agreements/:id/sign', {
    config: { policy: 'agreements.sign' },
    schema: {
      tags,
      summary: 'Tanda tangani naskah yang dibaca / sign the document read',
      params: zIdParams,
      body: s.zSign,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.sign(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/agreements/:id/terminate', {
    config: { policy: 'agreements.transition' },
    schema: {
      tags,
      summary: 'Akhiri perjanjian dengan alasan / terminate with a reason',
      params: zIdParams,
      body: s.zTerminate,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.terminate(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/agreements/:id/amend', {
    config: { policy: 'agreements.transition' },
    schema: {
      tags,
      summary: 'Buat adendum (versi baru) / amend (a new version)',
      params: zIdParams,
      body: s.zAmend,
      response: { 200: s.zAgreementDetail },
    },
    handler: (req) => svc.amend(dbOf(req), ctxOf(req), req.params.id, req.body.changeNote),
  });
}
