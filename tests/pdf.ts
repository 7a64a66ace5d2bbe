// The text of a PDF as a reader would search it, read back with pdfjs (tests only).
import { createRequire } from 'node:module';
import path from 'node:path';

export async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The standard fonts' metrics ship with pdfjs-dist itself: no network.
  const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl })
    .promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((x) => ('str' in x ? x.str : '')).join(' '));
  }
  await doc.destroy();
  // Collapse the layout's spacing (and the no-break space Intl puts after "Rp") for searching.
  return parts.join('\n').replace(/[\s\u00a0]+/g, ' ');
}

/** Every piece of text of a PDF with its page, position and width in points (origin bottom-left), and
 *  each page's size: to measure that nothing is drawn outside the printable area. */
export async function pdfLayout(pdf: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl })
    .promise;
  const pages: { width: number; height: number; items: { text: string; x: number; y: number; width: number }[] }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items.flatMap((x) =>
      'str' in x && x.str.trim() !== '' ? [{ text: x.str, x: x.transform[4] as number, y: x.transform[5] as number, width: x.width }] : [],
    );
    pages.push({ width, height, items });
  }
  await doc.destroy();
  return pages;
}
