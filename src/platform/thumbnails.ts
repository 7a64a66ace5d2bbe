// The public sizes of a product photo (C11), made with sharp when the photo is uploaded: turned upright by its
// EXIF orientation, cropped to 4:3, WebP for the pages and JPEG for link previews (WhatsApp does not show a
// WebP preview) and Merchant Center, and without any metadata block: a phone's photo may carry the GPS
// position of the maker's home, so the original file is never public, only these. A photo stored before they
// existed gets them on its first public request.
import fs from 'node:fs';
import sharp from 'sharp';
import { AppError } from './errors.ts';
import { pathFor, writeAtomically } from './files.ts';

/** The card (320 × 240) and the product page (640 × 480) in WebP; the share preview and feeds in JPEG. */
export const THUMBS = {
  'w320.webp': { width: 320, format: 'webp' },
  'w640.webp': { width: 640, format: 'webp' },
  'w640.jpg': { width: 640, format: 'jpeg' },
} as const;
export type ThumbName = keyof typeof THUMBS;
export const THUMB_NAMES = Object.keys(THUMBS) as [ThumbName, ...ThumbName[]];
export const THUMB_MIME = { webp: 'image/webp', jpeg: 'image/jpeg' } as const;
const ASPECT = 3 / 4;
/** 100 megapixels: more than any phone camera in use takes at full size, and a bound on a decompression bomb. */
const MAX_INPUT_PIXELS = 100_000_000;

export const thumbFile = (filesDir: string, sha256: string, name: ThumbName) => `${pathFor(filesDir, sha256)}.${name}`;

const unreadable = () =>
  new AppError(
    422,
    'photo_unreadable',
    {
      id: 'Foto tidak dapat dibaca (berkas rusak, terpotong, atau lebih dari 100 megapiksel); ambil atau simpan ulang fotonya.',
      en: 'The photo cannot be read (damaged, cut short, or over 100 megapixels); take or save it again.',
    },
    'file',
  );

/** Every public size of an image, in memory; a photo sharp cannot decode is refused (422) before anything is kept. */
export async function renderThumbnails(data: Buffer): Promise<Map<ThumbName, Buffer>> {
  const out = new Map<ThumbName, Buffer>();
  try {
    for (const name of THUMB_NAMES) {
      const { width, format } = THUMBS[name];
      const sized = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate()
        .resize(width, Math.round(width * ASPECT), { fit: 'cover', position: 'attention' });
      out.set(name, await (format === 'webp' ? sized.webp({ quality: 72 }) : sized.jpeg({ quality: 78, mozjpeg: true })).toBuffer());
    }
  } catch {
    throw unreadable();
  }
  return out;
}

export function keepThumbnails(filesDir: string, sha256: string, thumbs: Map<ThumbName, Buffer>) {
  for (const [name, buf] of thumbs) {
    const target = thumbFile(filesDir, sha256, name);
    if (!fs.existsSync(target)) writeAtomically(target, buf);
  }
}

/** The file of one public size, made from the stored original when it is missing; null without an original. */
export async function thumbnail(filesDir: string, sha256: string, name: ThumbName): Promise<string | null> {
  const target = thumbFile(filesDir, sha256, name);
  if (fs.existsSync(target)) return target;
  const original = pathFor(filesDir, sha256);
  if (!fs.existsSync(original)) return null;
  keepThumbnails(filesDir, sha256, await renderThumbnails(fs.readFileSync(original)));
  return target;
}
