// Thin HTTP handlers of settlement (C8): statements and their lifecycle, payments, the trial balance,
// statements of account and the Dinas's view of payment delays.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { renderStatementPdf, statementXlsx } from './settlement.document.ts';
import * as f from './settlement.financing.ts';
import * as s from './settlement.schemas.ts';
import * as svc from './settlement.service.ts';

export async function settlementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settlement'];
  const one = { params: zIdParams, response: { 200: s.zStatementDetail } };

  r.get('/api/settlement/statements', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Rekap tagihan / statements', querystring: s.zStatementList, response: { 200: s.zStatementPage } },
    handler: (req) => svc.listStatements(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/settlement/summary', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Kapan saya dibayar? / what is owed and when', response: { 200: s.zSummary } },
    handler: (req) => svc.summary(dbOf(req), ctxOf(req)),
  });
  r.post('/api/settlement/statements/compute', {
    config: { policy: 'settlement.compute' },
    schema: {
      tags,
      summary: 'Hitung rekap periode yang sudah tutup / compute closed periods',
      body: s.zCompute,
      response: { 200: s.zComputed },
    },
    handler: (req) => svc.compute(dbOf(req), ctxOf(req), req.body),
  });
  r.get('/api/settlement/statements/:id', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Satu rekap tagihan / one statement', ...one },
    handler: (req) => svc.getStatement(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/settlement/statements/:id/lines/:line/days', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Rincian harian satu baris / one line per day', params: s.zLineParams, response: { 200: s.zLineDays } },
    handler: (req) => svc.statementLineDays(dbOf(req), ctxOf(req), req.params.id, req.params.line),
  });
  r.post('/api/settlement/statements/:id/issue', {
    config: { policy: 'settlement.issue' },
    schema: { tags, summary: 'Terbitkan rekap / issue a statement', ...one },
    handler: (req) => svc.issue(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/settlement/statements/:id/accept', {
    config: { policy: 'settlement.respond' },
    schema: { tags, summary: 'UMKM menyetujui rekap / the UMKM accepts', ...one },
    handler: (req) => svc.accept(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/settlement/statements/:id/dispute', {
    config: { policy: 'settlement.respond' },
    schema: { tags, summary: 'UMKM menyanggah baris rekap / the UMKM disputes lines', body: s.zDispute, ...one },
    handler: (req) => svc.dispute(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/settlement/statements/:id/correct', {
    config: { policy: 'settlement.correct' },
    schema: { tags, summary: 'Terbitkan rekap koreksi / issue a corrected statement', body: s.zCorrect, ...one },
    handler: (req) => svc.correct(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/settlement/statements/:id/invoice', {
    config: { policy: 'settlement.bill' },
    schema: { tags, summary: 'UMKM mengirim faktur: tagihan lengkap / the UMKM sends her invoice', body: s.zBill, ...one },
    handler: (req) => svc.bill(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/settlement/statements/:id/payments', {
    config: { policy: 'settlement.pay' },
    schema: { tags, summary: 'Catat pembayaran / record a payment', body: s.zPay, ...one },
    handler: (req) => svc.pay(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/settlement/trial-balance', {
    config: { policy: 'settlement.ledger.read' },
    schema: { tags, summary: 'Neraca saldo / trial balance', response: { 200: s.zTrialBalance } },
    handler: (req) => svc.trialBalance(dbOf(req), ctxOf(req)),
  });
  r.get('/api/settlement/account', {
    config: { policy: 'settlement.account.read' },
    schema: {
      tags,
      summary: 'Rekening koran: utang-piutang / statement of account',
      querystring: s.zAccountQuery,
      response: { 200: s.zAccountStatement },
    },
    handler: (req) => svc.accountStatement(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/settlement/delays', {
    config: { policy: 'settlement.delays.read' },
    schema: { tags, summary: 'Keterlambatan pembayaran per jaringan / payment delays per chain', response: { 200: s.zDelays } },
    handler: (req) => svc.delays(dbOf(req), ctxOf(req)),
  });

  // ---- early payment ----
  r.get('/api/settlement/banks', {
    config: { policy: 'financing.read' },
    schema: { tags, summary: 'Bank yang dapat dipilih / banks to choose from', response: { 200: s.zBanks } },
    handler: (req) => f.listBanks(dbOf(req)),
  });
  r.post('/api/settlement/statements/:id/financing', {
    config: { policy: 'financing.request' },
    schema: {
      tags,
      summary: 'Ajukan rekap untuk pembayaran dini / offer a statement for early payment',
      params: zIdParams,
      body: s.zFinancingAsk,
      response: { 201: s.zFinancingRequest },
    },
    handler: async (req, reply) => reply.code(201).send(await f.requestFinancing(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });
  r.get('/api/settlement/financing', {
    config: { policy: 'financing.read' },
    schema: {
      tags,
      summary: 'Pengajuan pembiayaan / financing requests',
      querystring: s.zFinancingList,
      response: { 200: s.zFinancingPage },
    },
    handler: (req) => f.listRequests(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/settlement/financing/:id', {
    config: { policy: 'financing.read' },
    schema: {
      tags,
      summary: 'Satu pengajuan dengan buktinya / one request with its evidence',
      params: zIdParams,
      response: { 200: s.zFinancingRequest },
    },
    handler: (req) => f.getRequest(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/settlement/financing/:id/evidence.pdf', {
    config: { policy: 'financing.read' },
    schema: { tags, summary: 'Rekap PDF sebagaimana diajukan / the statement PDF as offered', params: zIdParams },
    handler: async (req, reply) => {
      const doc = await f.evidencePdf(dbOf(req), ctxOf(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="bukti-${req.params.id}.pdf"`)
        .header('x-document-sha256', doc.sha256)
        .send(doc.pdf);
    },
  });
  r.post('/api/settlement/financing/:id/offers', {
    config: { policy: 'financing.offer' },
    schema: {
      tags,
      summary: 'Bank memberi penawaran / a bank makes an offer',
      params: zIdParams,
      body: s.zOfferInput,
      response: { 200: s.zFinancingRequest },
    },
    handler: (req) => f.makeOffer(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/settlement/financing/offers/:id/accept', {
    config: { policy: 'financing.accept' },
    schema: {
      tags,
      summary: 'UMKM menerima penawaran / the UMKM accepts an offer',
      params: zIdParams,
      response: { 200: s.zFinancingRequest },
    },
    handler: (req) => f.acceptOffer(dbOf(req), ctxOf(req), req.params.id),
  });
}

/** The statement as documents (PDF, XLSX), with the visibility of the statement itself. */
export async function settlementDocumentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settlement'];
  r.get('/api/settlement/statements/:id/pdf', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Rekap tagihan sebagai PDF (Bahasa Indonesia) / the statement as a PDF', params: zIdParams },
    handler: async (req, reply) => {
      const doc = await renderStatementPdf(dbOf(req), ctxOf(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${doc.fileName}"`)
        .header('x-document-sha256', doc.sha256)
        .send(doc.pdf);
    },
  });
  r.get('/api/settlement/statements/:id/xlsx', {
    config: { policy: 'settlement.read' },
    schema: { tags, summary: 'Rekap tagihan sebagai Excel, dengan rincian harian / the statement as XLSX', params: zIdParams },
    handler: async (req, reply) => {
      const doc = await statementXlsx(dbOf(req), ctxOf(req), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${doc.fileName}"`)
        .send(doc.xlsx);
    },
  });
}
