// Thin HTTP handlers of operations after the shelf door (C7): suggested orders, purchase orders (pesanan),
// delivery notes (surat jalan) and their PDF, goods receipts (BPB), service level, the stock ledger, stock
// counts (stock opname), expiry write-offs, returns (nota retur), reminders, sell-out and reconciliation.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { renderDeliveryNote } from './operations.document.ts';
import * as s from './operations.schemas.ts';
import * as svc from './operations.service.ts';

export async function operationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operations'];

  r.get('/api/operations/suggestions', {
    config: { policy: 'orders.suggest' },
    schema: {
      tags,
      summary: 'Saran pesanan per gerai × produk / suggested order per outlet × product',
      querystring: s.zSuggestionQuery,
      response: { 200: s.zSuggestions },
    },
    handler: (req) => svc.suggestions(dbOf(req), ctxOf(req), req.query),
  });

  // ---- orders ----
  r.post('/api/operations/orders', {
    config: { policy: 'orders.create' },
    schema: { tags, summary: 'Buat pesanan / create a purchase order', body: s.zOrderCreate, response: { 201: s.zOrderDetail } },
    handler: async (req, reply) => reply.code(201).send(await svc.createOrder(dbOf(req), ctxOf(req), req.body)),
  });
  r.get('/api/operations/orders', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Daftar pesanan / purchase orders', querystring: s.zOrderList, response: { 200: s.zOrderPage } },
    handler: (req) => svc.listOrders(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/orders/:id', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Satu pesanan / one purchase order', params: zIdParams, response: { 200: s.zOrderDetail } },
    handler: (req) => svc.getOrder(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/operations/orders/:id/respond', {
    config: { policy: 'orders.respond' },
    schema: {
      tags,
      summary: 'UMKM menjawab pesanan: konfirmasi penuh/sebagian atau tolak / the UMKM answers an order',
      params: zIdParams,
      body: s.zOrderRespond,
      response: { 200: s.zOrderDetail },
    },
    handler: (req) => svc.respondToOrder(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/operations/orders/:id/cancel', {
    config: { policy: 'orders.cancel' },
    schema: {
      tags,
      summary: 'Batalkan pesanan / cancel an order',
      params: zIdParams,
      body: s.zOrderCancel,
      response: { 200: s.zOrderDetail },
    },
    handler: (req) => svc.cancelOrder(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/operations/orders/:id/delivery-notes', {
    config: { policy: 'deliveries.issue' },
    schema: {
      tags,
      summary: 'Terbitkan surat jalan / issue a delivery note',
      params: zIdParams,
      body: s.zDeliveryCreate,
      response: { 201: s.zNoteDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.issueDelivery(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });

  // ---- delivery notes and receipts ----
  r.get('/api/operations/delivery-notes', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Daftar surat jalan / delivery notes', querystring: s.zNoteList, response: { 200: s.zNotePage } },
    handler: (req) => svc.listNotes(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/delivery-notes/:id', {
    config: { policy: 'operations.read' },
    schema: {
      tags,
      summary: 'Satu surat jalan dengan penerimaannya / one delivery note',
      params: zIdParams,
      response: { 200: s.zNoteDetail },
    },
    handler: (req) => svc.getNote(dbOf(req), ctxOf(req), req.params.id),
  });
  r.get('/api/operations/delivery-notes/:id/pdf', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Surat jalan (PDF, Bahasa Indonesia) / the delivery note as a PDF', params: zIdParams },
    handler: async (req, reply) => {
      const n = await svc.getNote(dbOf(req), ctxOf(req), req.params.id);
      const pdf = await renderDeliveryNote(n);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="surat-jalan-${n.number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf"`)
        .send(pdf);
    },
  });
  r.post('/api/operations/delivery-notes/:id/receipt', {
    config: { policy: 'receipts.record' },
    schema: {
      tags,
      summary: 'Catat penerimaan barang (BPB) / record the goods receipt',
      params: zIdParams,
      body: s.zReceiptCreate,
      response: { 201: s.zNoteDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.recordReceipt(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });
  r.get('/api/operations/receipts', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Daftar BPB / goods receipts', querystring: s.zReceiptList, response: { 200: s.zReceiptPage } },
    handler: (req) => svc.listReceipts(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/service-level', {
    config: { policy: 'operations.read' },
    schema: {
      tags,
      summary: 'Tingkat layanan: diterima ÷ dipesan / service level: received ÷ ordered',
      querystring: s.zServiceLevelQuery,
      response: { 200: s.zServiceLevel },
    },
    handler: (req) => svc.serviceLevel(dbOf(req), ctxOf(req), req.query),
  });

  // ---- stock ----
  r.get('/api/operations/stock', {
    config: { policy: 'operations.read' },
    schema: {
      tags,
      summary: 'Stok per gerai × produk × batch / stock on hand',
      querystring: s.zStockQuery,
      response: { 200: s.zStockPage },
    },
    handler: (req) => svc.listStock(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/stock/movements', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Buku stok / the stock ledger', querystring: s.zMovementQuery, response: { 200: s.zMovementPage } },
    handler: (req) => svc.listMovements(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/operations/stock-counts', {
    config: { policy: 'stock.write' },
    schema: {
      tags,
      summary: 'Catat stock opname / record a stock count',
      body: s.zStockCountCreate,
      response: { 201: s.zStockCountResult },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.recordStockCount(dbOf(req), ctxOf(req), req.body)),
  });
  r.get('/api/operations/expiries', {
    config: { policy: 'stock.write' },
    schema: {
      tags,
      summary: 'Pratinjau hapus buku kedaluwarsa / what an expiry write-off would take out now',
      querystring: s.zExpiryCreate,
      response: { 200: s.zExpiryResult },
    },
    handler: (req) => svc.previewExpired(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/operations/expiries', {
    config: { policy: 'stock.write' },
    schema: {
      tags,
      summary: 'Hapus buku stok kedaluwarsa di gerai / write off expired stock at an outlet',
      body: s.zExpiryCreate,
      response: { 200: s.zExpiryResult },
    },
    handler: (req) => svc.writeOffExpired(dbOf(req), ctxOf(req), req.body),
  });

  // ---- returns ----
  r.post('/api/operations/returns', {
    config: { policy: 'returns.write' },
    schema: { tags, summary: 'Buat nota retur / create a return note', body: s.zReturnCreate, response: { 201: s.zReturnDetail } },
    handler: async (req, reply) => reply.code(201).send(await svc.createReturn(dbOf(req), ctxOf(req), req.body)),
  });
  r.get('/api/operations/returns', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Daftar nota retur / return notes', querystring: s.zReturnList, response: { 200: s.zReturnPage } },
    handler: (req) => svc.listReturns(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/returns/:id', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Satu nota retur / one return note', params: zIdParams, response: { 200: s.zReturnDetail } },
    handler: (req) => svc.getReturn(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/operations/returns/:id/pickup', {
    config: { policy: 'returns.pickup' },
    schema: { tags, summary: 'Catat pengambilan retur / record the pickup', params: zIdParams, response: { 200: s.zReturnDetail } },
    handler: (req) => svc.recordPickup(dbOf(req), ctxOf(req), req.params.id),
  });

  // ---- reminders, sell-out, reconciliation ----
  r.get('/api/operations/reminders', {
    config: { policy: 'operations.read' },
    schema: { tags, summary: 'Pengingat operasional / operations reminders', response: { 200: s.zReminders } },
    handler: (req) => svc.reminders(dbOf(req), ctxOf(req)),
  });
  r.get('/api/operations/sell-out', {
    config: { policy: 'operations.read' },
    schema: {
      tags,
      summary: 'Penjualan per produk × gerai untuk pembuat / sell-out per product × outlet',
      querystring: s.zSellOutQuery,
      response: { 200: s.zSellOut },
    },
    handler: (req) => svc.sellOut(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/operations/reconciliation', {
    config: { policy: 'operations.read' },
    schema: {
      tags,
      summary: 'Rekonsiliasi per PKS dan periode / reconciliation per PKS and period',
      querystring: s.zReconciliationQuery,
      response: { 200: s.zReconciliation },
    },
    handler: (req) => svc.reconciliation(dbOf(req), ctxOf(req), req.query),
  });
}
