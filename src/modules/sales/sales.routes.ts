// Thin HTTP handlers of POS sales (C7, docs/POS.md). An upload is streamed to a file under filesDir (up to
// POS_MAX_UPLOAD_BYTES, its own limit: a POS export is larger than a photo), never held in memory whole;
// a small file is imported inside the request, a large one by a job (202, then poll GET …/{id}). The
// import runs on the outer handle in its own transactions (the request frame opens none for an upload).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { createJobRunner } from '../../jobs/jobs.ts';
import { AppError } from '../../platform/errors.ts';
import { fileTooLarge } from '../../platform/files.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';
import * as s from './sales.schemas.ts';
import * as svc from './sales.service.ts';

/** The largest POS file accepted by upload (a national day of line-level sales is ~100 MB). */
export const POS_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const badUpload = (code: string, id: string, en: string, field = 'file') => new AppError(400, code, { id, en }, field);

export async function salesRoutes(app: FastifyInstance, opts: { db: Database; config: Config; jobThresholdBytes?: number }) {
  const runner = createJobRunner(opts.db, (msg, err) => app.log.error({ err }, msg));
  const queued = new WeakSet<FastifyRequest>();
  app.addHook('onReady', async () => runner.kick());
  app.addHook('onResponse', async (req, reply) => {
    if (queued.has(req) && reply.statusCode < 400) runner.kick();
  });
  app.addHook('onClose', async () => runner.stop());
  const uploads = path.join(opts.config.filesDir, 'sales-imports');

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sales'];

  r.post('/api/sales/imports', {
    config: { policy: 'sales.import' },
    schema: {
      tags,
      summary: 'Impor berkas penjualan POS (multipart: file, correction, chain) / import a POS sales file',
      description: 'Format v1: docs/POS.md. A file above 1 MB is imported by a job: 202 with the import id.',
      consumes: ['multipart/form-data'],
      response: { 200: s.zImportAnswer, 202: s.zImportQueued },
    },
    handler: async (req, reply) => {
      if (!req.isMultipart()) {
        throw new AppError(
          415,
          'multipart_required',
          { id: 'Kirim berkas sebagai multipart/form-data.', en: 'Send the file as multipart/form-data.' },
          'file',
        );
      }
      const ctx = ctxOf(req);
      const fields: Record<string, string> = {};
      let upload: { file: string; size: number; name: string } | null = null;
      let out: fs.WriteStream | null = null;
      fs.mkdirSync(uploads, { recursive: true });
      try {
        for await (const part of req.parts({ limits: { fileSize: POS_MAX_UPLOAD_BYTES, files: 1, fields: 5 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || upload) {
              part.file.resume();
              continue;
            }
            const file = path.join(uploads, `${crypto.randomUUID()}.upload`);
            upload = { file, size: 0, name: part.filename || 'penjualan.csv' };
            out = fs.createWriteStream(file);
            await pipeline(part.file, out);
            if (part.file.truncated) throw fileTooLarge(POS_MAX_UPLOAD_BYTES);
            upload.size = fs.statSync(file).size;
          } else {
            fields[part.fieldname] = String(part.value ?? '');
          }
        }
      } catch (e) {
        // The file may still be opening when the upload breaks off: wait until its stream has closed, or
        // removing it could come before the file exists and leave it behind.
        if (out && !out.closed) await new Promise<void>((resolve) => out?.once('close', () => resolve()));
        if (upload) fs.rmSync(upload.file, { force: true });
        if (e instanceof AppError) throw e;
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(POS_MAX_UPLOAD_BYTES);
        throw badUpload(
          'multipart_invalid',
          'Unggahan terputus atau rusak; kirim ulang berkasnya.',
          'The upload was cut off or malformed; send the file again.',
        );
      }
      if (!upload) throw badUpload('file_missing', 'Kolom "file" wajib diisi.', 'The "file" field is required.');
      const chainField = fields.chain?.trim().toLowerCase() || undefined;
      try {
        if (chainField && !(CHAIN_CODES as readonly string[]).includes(chainField)) {
          throw badUpload('chain_invalid', 'Jaringan ritel tidak dikenal.', 'Unknown retail chain.', 'chain');
        }
        const chain = await svc.chainFor(opts.db, ctx, chainField as ChainCode | undefined);
        const correction = ['true', '1', 'on', 'yes'].includes((fields.correction ?? '').toLowerCase());
        const out = await svc.startUpload(
          opts.db,
          { chainId: chain.id, source: 'upload', fileName: upload.name.slice(0, 200), correction, createdBy: ctx.actor.userId },
          upload,
          opts.jobThresholdBytes,
        );
        if (out.status === 'queued') {
          queued.add(req);
          return reply.code(202).send(out);
        }
        return { importId: out.importId, status: out.status, ...out.summary };
      } catch (e) {
        fs.rmSync(upload.file, { force: true });
        throw e;
      }
    },
  });

  r.post('/api/sales/lines', {
    config: { policy: 'sales.import' },
    schema: {
      tags,
      summary: 'Kirim penjualan sebagai JSON (≤ 10.000 baris) / send sales lines as JSON (up to 10,000)',
      body: s.zSalesBatch,
      response: { 200: s.zImportAnswer },
    },
    handler: async (req) => {
      const out = await svc.importBatch(dbOf(req), ctxOf(req), req.body);
      return { importId: out.importId, status: out.status, ...out.summary };
    },
  });

  r.get('/api/sales/imports', {
    config: { policy: 'sales.imports.read' },
    schema: { tags, summary: 'Riwayat impor / past imports', querystring: s.zImportList, response: { 200: s.zImportPage } },
    handler: (req) => svc.listImports(dbOf(req), ctxOf(req), req.query),
  });

  r.get('/api/sales/imports/:id', {
    config: { policy: 'sales.imports.read' },
    schema: {
      tags,
      summary: 'Satu impor: status, kemajuan, ringkasan / one import',
      params: zIdParams,
      response: { 200: s.zImportDetail },
    },
    handler: (req) => svc.getImport(dbOf(req), ctxOf(req), req.params.id),
  });

  r.get('/api/sales/imports/:id/rejects.csv', {
    config: { policy: 'sales.imports.read' },
    schema: { tags, summary: 'Baris yang ditolak (CSV) / rejected rows as CSV', params: zIdParams, produces: ['text/csv'] },
    handler: async (req, reply) => {
      const out = await svc.rejectsCsv(dbOf(req), opts.db, ctxOf(req), req.params.id);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${out.fileName}"`);
      return reply.send(out.stream);
    },
  });

  r.get('/api/sales/summary', {
    config: { policy: 'sales.read' },
    schema: {
      tags,
      summary: 'Ringkasan penjualan: baris, unit, omzet / sales summary: lines, units, revenue',
      querystring: s.zSummaryQuery,
      response: { 200: s.zSalesSummary },
    },
    handler: (req) => svc.salesSummary(dbOf(req), ctxOf(req), req.query),
  });
}
