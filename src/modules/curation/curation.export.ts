// Bottleneck report as files: CSV (csv-stringify) and XLSX (exceljs), with Indonesian column headings,
// for the Forum Fasilitasi Kemitraan UMKM and for lobbying the chains.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { label } from '../../vocabulary.ts';
import type { getBottlenecks } from './curation.service.ts';

type Report = Awaited<ReturnType<typeof getBottlenecks>>;

const HEADINGS = [
  'Kode kriteria',
  'Kriteria',
  'Produk tidak lolos',
  'UMKM tidak lolos',
  'Produk lolos bila hanya kriteria ini dilonggarkan',
  'UMKM lolos bila hanya kriteria ini dilonggarkan',
];

const rowsOf = (r: Report) =>
  r.criteria.map((c) => [c.code, c.label.id, c.failingProducts, c.failingUmkm, c.passIfRelaxed, c.passIfRelaxedUmkm] as const);

export const exportFileName = (r: Report, ext: 'csv' | 'xlsx') => `hambatan-kurasi-${r.regionCode}-${r.chainCode}.${ext}`;

export function bottlenecksCsv(r: Report): string {
  // A BOM so spreadsheet programs on Windows read the Indonesian text as UTF-8.
  return `\ufeff${stringify([HEADINGS, ...rowsOf(r)])}`;
}

export async function bottlenecksXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Etalase';
  const ws = wb.addWorksheet('Hambatan kurasi');
  ws.addRow([`Hambatan kurasi — ${r.regionName} (${r.regionCode}), ${label('chain', r.chainCode).id}`]).font = { bold: true, size: 13 };
  ws.addRow([`Produk dinilai: ${r.products}; UMKM: ${r.umkm}; lolos: ${r.passing}`]);
  ws.addRow([]);
  const head = ws.addRow(HEADINGS);
  head.font = { bold: true };
  for (const row of rowsOf(r)) ws.addRow([...row]);
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 60 : i === 0 ? 20 : 18;
  });
  const g = wb.addWorksheet('Pelonggaran (greedy)');
  g.addRow([`Himpunan pelonggaran kecil agar ${r.greedy.target} produk lagi lolos — metode greedy, belum tentu yang terkecil`]).font = {
    bold: true,
  };
  g.addRow(['Langkah', 'Kode kriteria', 'Kriteria', 'Tambahan produk lolos', 'Kumulatif']).font = { bold: true };
  r.greedy.steps.forEach((s, i) => {
    g.addRow([i + 1, s.code, s.label.id, s.newlyPassing, s.cumulative]);
  });
  g.columns.forEach((col, i) => {
    col.width = i === 2 ? 60 : 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
