// Uploaded files (permit scans, product photos): the type is judged by content (magic bytes), never by
// name; stored by SHA-256 outside the database, written atomically, deduplicated by content.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from './errors.ts';

export const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export const fileTooLarge = (max: number) =>
  new AppError(
    413,
    'file_too_large',
    {
      id: `Berkas terlalu besar; maksimal ${Math.floor(max / 1024 / 1024)} MB.`,
      en: `File too large; at most ${Math.floor(max / 1024 / 1024)} MB.`,
    },
    'file',
  );

export function pathFor(filesDir: string, sha256: string) {
  return path.join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function storeFile(db: Database, filesDir: string, data: Buffer) {
  if (data.length === 0) {
    throw new AppError(400, 'file_empty', { id: 'Berkas kosong.', en: 'The file is empty.' }, 'file');
  }
  const type = await fileTypeFromBuffer(data);
  if (!type || !(ALLOWED_MIME as readonly string[]).includes(type.mime)) {
    throw new AppError(
      415,
      'file_type',
      {
        id: 'Jenis berkas tidak diterima; unggah JPEG, PNG, WebP atau PDF (dinilai dari isinya, bukan namanya).',
        en: 'File type not accepted; upload JPEG, PNG, WebP or PDF (judged by content, not by name).',
      },
      'file',
    );
  }
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const target = pathFor(filesDir, sha256);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  }
  await db
    .insertInto('files')
    .values({ sha256, mime: type.mime, size_bytes: data.length })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return { sha256, mime: type.mime, size: data.length };
}

export async function findFile(db: Database, filesDir: string, sha256: string) {
  const row = await db.selectFrom('files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  const file = row ? pathFor(filesDir, sha256) : null;
  if (!row || !file || !fs.existsSync(file)) throw notFound({ id: 'Berkas', en: 'File' }, 'sha256');
  return { ...row, path: file };
}

/** A file referenced by a record must exist (uploaded first). */
export async function requireFile(db: Database, sha256: string, field: string, kinds: readonly string[] = ALLOWED_MIME) {
  const row = await db.selectFrom('files').select(['mime']).where('sha256', '=', sha256).executeTakeFirst();
  if (!row) throw notFound({ id: 'Berkas', en: 'File' }, field);
  if (!kinds.includes(row.mime)) {
    throw new AppError(400, 'file_type', { id: 'Jenis berkas tidak sesuai.', en: 'Wrong kind of file.' }, field);
  }
}
