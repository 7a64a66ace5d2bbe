// Uploaded files (permit scans, product photos): the type is judged by content (magic bytes), never by
// name; stored by SHA-256 outside the database, written atomically, deduplicated by content. Each tenant
// that uploads a file is recorded (file_uploads): that is what it may attach, and what counts against its
// storage quota.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import { audit } from './audit.ts';
import type { Actor, Ctx } from './auth/actor.ts';
import { fileReadScope, fileTenantOf, mayAttachFile } from './auth/policy.ts';
import { AppError, notFound } from './errors.ts';
import { refused } from './security-log.ts';
import { keepThumbnails, renderThumbnails } from './thumbnails.ts';

export const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** A product photo is an image; a permit scan may also be a PDF. */
export const IMAGE_MIME = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type FilePurpose = 'photo' | 'document';

/** The refusal of a file of the wrong kind, saying what this purpose takes (a photo never mentions PDF). */
export const wrongFileType = (purpose: FilePurpose, status = 415, field = 'file') =>
  new AppError(
    status,
    'file_type',
    purpose === 'photo'
      ? {
          id: 'Foto harus berupa gambar JPEG, PNG atau WebP (dinilai dari isinya, bukan namanya).',
          en: 'A photo must be a JPEG, PNG or WebP image (judged by content, not by name).',
        }
      : {
          id: 'Jenis berkas tidak diterima; unggah JPEG, PNG, WebP atau PDF (dinilai dari isinya, bukan namanya).',
          en: 'File type not accepted; upload JPEG, PNG, WebP or PDF (judged by content, not by name).',
        },
    field,
  );

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

/** A whole file or none: written beside its place, then renamed into it. */
export function writeAtomically(target: string, data: Buffer) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const quotaExceeded = (used: number, quota: number) =>
  new AppError(
    409,
    'storage_quota_exceeded',
    {
      id: `Ruang penyimpanan organisasi Anda penuh (${mib(used)} dari ${mib(quota)} terpakai). Hapus berkas yang tidak dipakai atau hubungi admin.`,
      en: `Your organisation's storage is full (${mib(used)} of ${mib(quota)} used). Remove unused files or ask an administrator.`,
    },
    'file',
  );

/** Bytes stored by a tenant: each distinct file it uploaded, once. */
export async function storedBytes(db: Database, tenant: string): Promise<number> {
  const r = await db
    .selectFrom('file_uploads as u')
    .innerJoin('files as f', 'f.sha256', 'u.sha256')
    .select(sql<string>`coalesce(sum(f.size_bytes), 0)`.as('n'))
    .where('u.tenant_id', '=', tenant)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Stores an upload for the actor's tenant, within its quota: checked under a per-tenant lock so two
 *  concurrent uploads cannot both squeeze under it. Nothing is written to disk when it is refused. */
export async function storeFile(
  db: Database,
  ctx: Ctx,
  opts: { filesDir: string; quotaBytes: number; purpose?: FilePurpose },
  data: Buffer,
) {
  const { filesDir } = opts;
  const tenant = fileTenantOf(ctx.actor);
  if (!tenant) throw new Error('an upload needs a signed-in actor');
  if (data.length === 0) {
    throw new AppError(400, 'file_empty', { id: 'Berkas kosong.', en: 'The file is empty.' }, 'file');
  }
  const type = await fileTypeFromBuffer(data);
  const purpose = opts.purpose ?? 'document';
  const allowed: readonly string[] = purpose === 'photo' ? IMAGE_MIME : ALLOWED_MIME;
  if (!type || !allowed.includes(type.mime)) throw wrongFileType(purpose);
  // A photo's public sizes are made now: one that cannot be decoded is refused before anything is kept.
  const thumbs = purpose === 'photo' ? await renderThumbnails(data) : null;
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`files:${tenant}`}))`.execute(db);
  const mine = await db
    .selectFrom('file_uploads')
    .select('sha256')
    .where('tenant_id', '=', tenant)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!mine) {
    const used = await storedBytes(db, tenant);
    if (used + data.length > opts.quotaBytes) throw quotaExceeded(used, opts.quotaBytes);
  }
  const target = pathFor(filesDir, sha256);
  if (!fs.existsSync(target)) writeAtomically(target, data);
  if (thumbs) keepThumbnails(filesDir, sha256, thumbs);
  await db
    .insertInto('files')
    .values({ sha256, mime: type.mime, size_bytes: data.length })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  await db
    .insertInto('file_uploads')
    .values({ sha256, tenant_id: tenant, uploaded_by: ctx.actor.userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing())
    .execute();
  const stored = { sha256, mime: type.mime, size: data.length };
  await audit(db, ctx, { action: 'upload', entity: 'file', entityId: sha256, after: { ...stored, tenant } });
  return stored;
}

export async function findFile(db: Database, actor: Actor, filesDir: string, sha256: string) {
  const row = await db
    .selectFrom('files as f')
    .selectAll()
    .where('f.sha256', '=', sha256)
    .where(fileReadScope(actor, 'f.sha256'))
    .executeTakeFirst();
  const file = row ? pathFor(filesDir, sha256) : null;
  if (!row || !file || !fs.existsSync(file)) throw notFound({ id: 'Berkas', en: 'File' }, 'sha256');
  return { ...row, path: file };
}

/** A file referenced by a record must exist (uploaded first) and have been uploaded by the actor's tenant:
 *  another tenant's file answers exactly like a missing one, and is recorded as a cross-tenant attempt. */
export async function requireFile(db: Database, actor: Actor, sha256: string, field: string, kinds: readonly string[] = ALLOWED_MIME) {
  const row = await db.selectFrom('files').select(['mime']).where('sha256', '=', sha256).executeTakeFirst();
  const missing = notFound({ id: 'Berkas', en: 'File' }, field);
  if (!row) throw missing;
  const uploaders = await db.selectFrom('file_uploads').select('tenant_id').where('sha256', '=', sha256).execute();
  if (
    !mayAttachFile(
      actor,
      uploaders.map((u) => u.tenant_id),
    )
  )
    throw refused('cross_tenant_refused', missing, { file: sha256, field });
  if (!kinds.includes(row.mime)) throw wrongFileType(kinds.includes('application/pdf') ? 'document' : 'photo', 400, field);
}
