// Writes docs/pos-examples/penjualan.xlsx with exceljs (format v1, line level, English headers, a real
// date cell and number cells): `npx tsx docs/pos-examples/make-xlsx.ts`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

export async function writeExampleXlsx(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Penjualan');
  ws.addRow(['Store Code', 'Date', 'Receipt', 'Line', 'GTIN', 'Qty', 'Unit Price', 'Discount']);
  ws.addRow(['A9TW', new Date(Date.UTC(2026, 10, 22)), 'A9TW-0311', 1, '8991853100141', 2, 30000, 0]);
  ws.addRow(['A9TW', new Date(Date.UTC(2026, 10, 22)), 'A9TW-0311', 2, '8992577800416', 1, 'Rp18.000', 'Rp1.000']);
  ws.addRow(['C3HH', '22/11/2026', 'C3HH-0400', 1, '8991193200112', 5, 15000, 0]);
  ws.getColumn(2).numFmt = 'dd/mm/yyyy';
  await wb.xlsx.writeFile(file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeExampleXlsx(path.join(path.dirname(fileURLToPath(import.meta.url)), 'penjualan.xlsx'));
}
