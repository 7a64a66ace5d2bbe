// Files for tests that upload: a real PNG (built here with zlib: content decides the type, not the name) and
// the multipart upload the web app sends.
import zlib from 'node:zlib';
import type { TestApp } from './app.ts';

/** A real 1×1 PNG, built with zlib (content decides the type, not the name). */
export function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 200, 50, 50]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart body with one part "file", the way the web app sends an upload. */
export function multipart(content: Buffer, filename: string) {
  const boundary = '----etalase';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file through the API as `email`, the way the web app sends it (multipart). */
export async function uploadAs(t: TestApp, email: string, content: Buffer, filename: string, purpose?: 'photo' | 'document') {
  return t.as(email, {
    method: 'POST',
    url: purpose ? `/api/files?purpose=${purpose}` : '/api/files',
    ...multipart(content, filename),
  });
}
