// Upload and download of files. Knowing a file's SHA-256 is the capability to read it: hashes are only
// shown inside records the reader may see (a content hash cannot be guessed without the content).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';
import { fileTooLarge, findFile, storeFile } from './files.ts';
import { ctxOf, dbOf, transactionOf } from './http.ts';

const badMultipart = () =>
  new AppError(
    400,
    'multipart_invalid',
    {
      id: 'Unggahan terputus atau rusak; kirim ulang berkasnya.',
      en: 'The upload was cut off or malformed; send the file again.',
    },
    'file',
  );

/** Errors of the multipart stream itself (a body cut short, a broken boundary) are the client's: 400. */
const asClientError = (e: unknown): never => {
  if (e instanceof AppError) throw e;
  throw badMultipart();
};

const zStored = z.object({ sha256: z.string(), mime: z.string(), size: z.number() });

export async function fileRoutes(app: FastifyInstance, opts: { config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { filesDir, maxUploadBytes, quotaBytes } = opts.config;

  r.post('/api/files', {
    config: { policy: 'files.upload' },
    schema: {
      tags: ['files'],
      summary: 'Unggah berkas (multipart, kolom "file") / upload a file: JPEG, PNG, WebP or PDF',
      consumes: ['multipart/form-data'],
      querystring: z
        .object({
          purpose: z
            .enum(['photo', 'document'])
            .optional()
            .describe('photo: gambar saja / images only; document (bawaan / default): juga PDF / PDF too'),
        })
        .strict(),
      response: { 201: zStored },
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
      const part = await req.file().catch((e: { code?: string }) => {
        if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') return undefined;
        return asClientError(e);
      });
      if (part?.fieldname !== 'file') {
        throw new AppError(400, 'file_missing', { id: 'Kolom "file" wajib diisi.', en: 'The "file" field is required.' }, 'file');
      }
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxUploadBytes);
        return asClientError(e);
      }
      // The multipart stream stops at the limit and flags the part as truncated; when its last chunk was read
      // before the flag was set, toBuffer() returns the first maxUploadBytes silently. Never store a cut file.
      if (part.file.truncated || data.length > maxUploadBytes) throw fileTooLarge(maxUploadBytes);
      return reply
        .code(201)
        .send(await storeFile(await transactionOf(req, reply), ctxOf(req), { filesDir, quotaBytes, purpose: req.query.purpose }, data));
    },
  });

  r.get('/api/files/:sha256', {
    config: { policy: 'files.read' },
    schema: {
      tags: ['files'],
      summary: 'Unduh berkas / download a file',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    },
    handler: async (req, reply) => {
      const f = await findFile(dbOf(req), req.actor, filesDir, req.params.sha256);
      reply
        .type(f.mime)
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header('content-disposition', f.mime === 'application/pdf' ? `attachment; filename="${f.sha256.slice(0, 12)}.pdf"` : 'inline')
        .header('cache-control', 'private, max-age=31536000, immutable');
      return reply.send(fs.createReadStream(f.path));
    },
  });
}
