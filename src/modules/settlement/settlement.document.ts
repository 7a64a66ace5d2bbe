// A statement (rekap tagihan) as documents in Bahasa Indonesia: a PDF to print, send or keep, and an XLSX to
// check it in a spreadsheet (the lines, and the days behind every goods line). Both are read with the
// visibility of GET /api/settlement/statements/:id (getStatement first: a statement the caller may not see
// is a 404). The PDF is deterministic for one statement and one `now` — the printing time in its footer and
// its creation date both come from ctx.now — because its SHA-256 goes into a bank's evidence pack.
// pdfmake 0.3 with the standard fonts and the no-fetch policy of the agreements document (imported for
// that setup and for pdfText, which keeps text to what those fonts can draw).
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pdfmake from 'pdfmake';
import type { Database } from '../../db/client.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { formatBasisPoints, formatDate, formatDateTime, formatNumber, formatPeriod, formatRupiah } from '../../platform/format.ts';
import { label } from '../../vocabulary.ts';
import { pdfText, sha256Hex } from '../agreements/agreements.document.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';
import { getStatement } from './settlement.service.ts';

export type StatementDetail = Awaited<ReturnType<typeof getStatement>>;
type Line = StatementDetail['lines'][number];

/** What the documents print beyond the statement itself: its PKS region (for the zone of the printing
 *  time) and the instant it was printed. */
export interface StatementPrint {
  regionCode: string;
  printedAt: Date;
}

const SOURCE_NOTE = 'Dihitung oleh Etalase dari data penjualan POS, penerimaan barang dan retur';

export const documentTitle = (s: Pick<StatementDetail, 'tradeModel'>) =>
  s.tradeModel === 'beli_putus' ? 'Rekap Tagihan Beli Putus' : 'Rekap Tagihan Konsinyasi';

/** The file name of a statement's document: its number with the slashes made dashes. */
export const documentFileName = (s: Pick<StatementDetail, 'number'>, ext: 'pdf' | 'xlsx') =>
  `${s.number.replace(/[/\\]+/g, '-').replace(/[^A-Za-z0-9._-]+/g, '-')}.${ext}`;

const tanggal = (d: string | null) => (d ? formatDate(d, 'id') : '—');

/** What a line says besides its product: the fee with its rate, an adjustment's reason. */
function lineDetail(l: Line): string {
  if (l.kind === 'fee') return l.feeName ? `${l.feeName}${l.feeBp !== null ? ` (${formatBasisPoints(l.feeBp, 'id')})` : ''}` : '';
  if (l.kind === 'adjustment') return l.note ?? '';
  return '';
}

const outletKey = (l: Line) => (l.outletName ? `${l.outletName}${l.storeCode ? ` (${l.storeCode})` : ''}` : 'Seluruh rekap');

/** The lines grouped by outlet in the order they first appear (as on the statement's page). */
function byOutlet(lines: Line[]): [string, Line[]][] {
  const groups = new Map<string, Line[]>();
  for (const l of lines) groups.set(outletKey(l), [...(groups.get(outletKey(l)) ?? []), l]);
  return [...groups.entries()];
}

const PAGE_MARGIN = 40;
const right = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right', ...extra });
const fact = (name: string, value: string) => [{ text: name, bold: true }, pdfText(value)];

/** The pdfmake document definition of a statement (pure: no I/O). */
export function statementDefinition(s: StatementDetail, p: StatementPrint) {
  const t = pdfText;
  const title = documentTitle(s);
  const printed = formatDateTime(p.printedAt, p.regionCode, 'id');

  const facts: unknown[][] = [
    fact('Jaringan ritel', s.chainName),
    fact('UMKM', s.umkmName),
    fact('Nomor PKS', s.agreementNumber),
    fact('Periode', formatPeriod(s.periodStart, s.periodEnd, 'id')),
    fact('Model dagang', label('tradeModel', s.tradeModel).id),
    fact('Status', s.statusLabel.id),
  ];
  if (s.revision > 0) facts.push(fact('Revisi', `Rekap koreksi ke-${s.revision}, mengganti rekap yang disanggah`));
  if (s.invoiceNumber) facts.push(fact('Nomor faktur UMKM', s.invoiceNumber));
  if (s.payeeName && s.payeeId !== s.umkmId) facts.push(fact('Dibayarkan kepada', s.payeeName));

  const head = ['No', 'Produk / keterangan', 'Jenis', 'Jumlah', 'Nilai'].map((h, i) => ({
    text: h,
    bold: true,
    ...(i >= 3 ? { alignment: 'right' } : {}),
  }));
  const body: unknown[][] = [head];
  for (const [outlet, lines] of byOutlet(s.lines)) {
    body.push([{ text: t(outlet), colSpan: 5, bold: true, fillColor: '#eef2ee', margin: [0, 2, 0, 2] }, {}, {}, {}, {}]);
    for (const l of lines) {
      const detail = lineDetail(l);
      const what = [l.productName, detail].filter(Boolean).join(' — ') || '—';
      body.push([
        String(l.lineNo),
        {
          stack: [
            t(what),
            ...(l.disputeReason ? [{ text: t(`Disanggah: ${l.disputeReason}`), italics: true, fontSize: 7, color: '#8a4b00' }] : []),
          ],
        },
        t(label('statementLineKind', l.kind).id),
        right(l.kind === 'fee' || l.kind === 'adjustment' ? '' : formatNumber(l.qty, 'id')),
        right(formatRupiah(l.amount), { noWrap: true }),
      ]);
    }
    const subtotal = lines.reduce((a, l) => a + l.amount, 0n);
    body.push([
      { text: 'Subtotal gerai', colSpan: 4, italics: true, alignment: 'right' },
      {},
      {},
      {},
      right(formatRupiah(subtotal), { bold: true, noWrap: true }),
    ]);
  }
  if (s.lines.length === 0) body.push([{ text: 'Tidak ada baris pada periode ini.', colSpan: 5, italics: true }, {}, {}, {}, {}]);

  const totals: unknown[][] = [
    ['Nilai barang', right(formatRupiah(s.goods))],
    ['Biaya sesuai PKS', right(formatRupiah(s.fees))],
    [{ text: 'Bersih dibayar', bold: true }, right(formatRupiah(s.net), { bold: true })],
    ['Sudah dibayar', right(formatRupiah(s.paid))],
    [{ text: 'Sisa', bold: true }, right(formatRupiah(s.outstanding), { bold: true })],
  ];

  const clock: unknown[] = [{ text: 'JAM PEMBAYARAN', style: 'heading' }];
  if (s.billingCompleteOn) {
    const rows: unknown[][] = [
      fact('Tanggal tagihan lengkap', `${tanggal(s.billingCompleteOn)}${s.invoiceNumber ? ` (faktur ${s.invoiceNumber})` : ''}`),
      fact(`Jatuh tempo menurut PKS (${s.paymentTermDays} hari)`, tanggal(s.dueOn)),
      fact(
        'Batas menurut hukum',
        s.legalDueOn ? `${tanggal(s.legalDueOn)} (${s.legalReference ?? ''})` : 'Tidak ada batas hukum untuk PKS dan tagihan ini',
      ),
    ];
    if (s.status !== 'paid' && s.daysOpen !== null)
      rows.push(
        fact(
          `Keadaan per ${tanggal(s.today)}`,
          `${s.daysOpen} hari sejak tagihan lengkap${s.escalated ? '; lewat batas menurut hukum' : s.overdue ? '; lewat jatuh tempo' : ''}`,
        ),
      );
    clock.push({ table: { widths: [190, '*'], body: rows }, layout: 'lightHorizontalLines' });
    if (s.dueOn && s.legalDueOn && s.dueOn > s.legalDueOn)
      clock.push({
        text: `Jangka bayar PKS (${s.paymentTermDays} hari) melebihi batas 15 hari PP 29/2021 Pasal 95; yang berlaku adalah batas menurut hukum.`,
        fontSize: 8,
        color: '#8a4b00',
        margin: [0, 4, 0, 0],
      });
  } else {
    clock.push({
      text: 'Jam pembayaran mulai berjalan saat UMKM mengirim fakturnya (tagihan lengkap): jatuh tempo menurut PKS dan batas menurut hukum dihitung dari tanggal itu.',
      fontSize: 9,
    });
  }

  const payments: unknown[] = [{ text: 'PEMBAYARAN', style: 'heading' }];
  if (s.payments.length) {
    payments.push({
      table: {
        headerRows: 1,
        widths: [100, '*', 130, 90],
        body: [
          [
            { text: 'Tanggal bayar', bold: true },
            { text: 'Referensi', bold: true },
            { text: 'Kepada', bold: true },
            { text: 'Jumlah', bold: true, alignment: 'right' },
          ],
          ...s.payments.map((x) => [tanggal(x.paidOn), t(x.reference), t(x.payeeName), right(formatRupiah(x.amount), { noWrap: true })]),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 9,
    });
  } else {
    payments.push({ text: 'Belum ada pembayaran.', fontSize: 9 });
  }

  const watermark =
    s.status === 'superseded'
      ? { watermark: { text: 'DIGANTI KOREKSI', opacity: 0.1, bold: true } }
      : s.status === 'computed'
        ? { watermark: { text: 'DRAF', opacity: 0.12, bold: true } }
        : {};

  return {
    info: {
      title: t(`${title} ${s.number}`),
      subject: 'Rekap tagihan',
      creator: 'Etalase',
      producer: 'Etalase (pdfmake)',
      creationDate: p.printedAt,
    },
    pageSize: 'A4',
    pageMargins: [PAGE_MARGIN, 44, PAGE_MARGIN, 58],
    ...watermark,
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center' },
      heading: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
    },
    content: [
      { text: title, style: 'title' },
      { text: t(`Nomor: ${s.number}`), alignment: 'center', margin: [0, 2, 0, 12] },
      { table: { widths: [130, '*'], body: facts }, layout: 'noBorders', fontSize: 9, margin: [0, 0, 0, 4] },
      { text: 'RINCIAN PER GERAI', style: 'heading' },
      { table: { headerRows: 1, widths: [18, '*', 118, 40, 78], body }, layout: 'lightHorizontalLines', fontSize: 8.5 },
      {
        columns: [
          { width: '*', text: '' },
          { width: 250, table: { widths: ['*', 100], body: totals }, layout: 'lightHorizontalLines', fontSize: 9.5 },
        ],
        margin: [0, 10, 0, 0],
      },
      ...(s.disputeNote ? [{ text: t(`Sanggahan UMKM: ${s.disputeNote}`), fontSize: 9, margin: [0, 8, 0, 0] }] : []),
      { unbreakable: true, stack: clock },
      { unbreakable: true, stack: payments },
    ],
    footer: (page: number, pages: number) => ({
      margin: [PAGE_MARGIN, 12, PAGE_MARGIN, 0],
      fontSize: 7,
      color: '#555555',
      columns: [
        { stack: [t(`${s.number} · dicetak ${printed}`), SOURCE_NOTE] },
        { text: `halaman ${page} dari ${pages}`, alignment: 'right', width: 80 },
      ],
    }),
  };
}

/** The region of a statement's PKS (the zone its dates and the printing time are read in). */
async function regionOf(db: Database, id: string): Promise<string> {
  const r = await db.selectFrom('settlement_statements').select('region_code').where('id', '=', id).executeTakeFirstOrThrow();
  return r.region_code;
}

/** The statement as a PDF and its SHA-256; the same statement at the same `now` gives the same bytes. */
export async function renderStatementPdf(db: Database, ctx: Ctx, id: string): Promise<{ pdf: Buffer; sha256: string; fileName: string }> {
  const s = await getStatement(db, ctx, id);
  const def = statementDefinition(s, { regionCode: await regionOf(db, id), printedAt: ctx.now });
  const pdf = await pdfmake.createPdf(def as Record<string, unknown>).getBuffer();
  return { pdf, sha256: sha256Hex(pdf), fileName: documentFileName(s, 'pdf') };
}

// ---- the spreadsheet ----

export interface LineDay {
  lineNo: number;
  day: string;
  qty: number;
  amount: bigint;
}

const ds = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The days behind every goods line of a statement in one query: `statementLineDays` (settlement.service.ts)
 *  for all its lines at once, read as the computation reads the facts (settlement.compute.ts) — consignment
 *  sell-out net of till returns at the supplier price of the version in force that day, outright purchases
 *  as accepted goods receipts at the order's price. The caller has checked the statement is visible. */
export async function statementDays(db: Database, s: Pick<StatementDetail, 'id' | 'agreementId' | 'periodStart' | 'periodEnd'>) {
  const from = sql`${s.periodStart}::date`;
  const through = sql`${s.periodEnd}::date`;
  const inForce = (d: string) => inForceSql('v', sql<string>`${sql.raw(d)}`);
  const rows = await sql<{ line_no: number; day: string | Date; qty: string; amount: string }>`
    SELECT l.line_no, d.day, d.qty, d.amount
    FROM settlement_lines l
    JOIN (
      SELECT 'sale' AS kind, s.outlet_id, s.product_id, s.sales_date AS day, s.qty, s.qty * ap.supplier_price AS amount
      FROM (SELECT outlet_id, product_id, sales_date, sum(qty) AS qty FROM sales_lines
            WHERE agreement_id = ${s.agreementId} AND sales_date BETWEEN ${from} AND ${through}
            GROUP BY outlet_id, product_id, sales_date) s
      JOIN agreement_versions v ON v.agreement_id = ${s.agreementId} AND ${inForce('s.sales_date')} AND v.trade_model = 'konsinyasi'
      JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = s.product_id
      WHERE s.qty <> 0
      UNION ALL
      SELECT 'receipt', dl.outlet_id, dl.product_id, gr.received_on, sum(grl.qty_accepted), sum(grl.qty_accepted * pol.unit_price)
      FROM goods_receipts gr
      JOIN goods_receipt_lines grl ON grl.receipt_id = gr.id
      JOIN delivery_note_lines dl ON dl.id = grl.delivery_line_id
      JOIN purchase_order_lines pol ON pol.id = dl.order_line_id
      JOIN purchase_orders po ON po.id = pol.order_id
      JOIN agreement_versions v ON v.agreement_id = po.agreement_id AND ${inForce('gr.received_on')} AND v.trade_model = 'beli_putus'
      WHERE po.agreement_id = ${s.agreementId} AND gr.received_on BETWEEN ${from} AND ${through} AND grl.qty_accepted > 0
      GROUP BY dl.outlet_id, dl.product_id, gr.received_on
    ) d ON d.kind = l.kind AND d.outlet_id = l.outlet_id AND d.product_id = l.product_id
    WHERE l.statement_id = ${s.id} AND l.kind IN ('sale', 'receipt')
    ORDER BY l.line_no, d.day`.execute(db);
  return rows.rows.map((r): LineDay => ({ lineNo: r.line_no, day: ds(r.day), qty: Number(r.qty), amount: BigInt(r.amount) }));
}

/** Rupiah in a cell: a number, shown as on an invoice (the spreadsheet's locale groups the thousands). */
const RUPIAH_FORMAT = '"Rp"#,##0;-"Rp"#,##0';
/** A date cell shown the Indonesian way ("1 Desember 2026"): locale 0421 is Bahasa Indonesia. */
const DATE_FORMAT = '[$-421]d mmmm yyyy';
/** A calendar date as a date cell: midnight UTC is the exact spreadsheet day. */
const dateCell = (d: string) => new Date(`${d}T00:00:00Z`);

export async function statementXlsx(db: Database, ctx: Ctx, id: string): Promise<{ xlsx: Buffer; fileName: string }> {
  const s = await getStatement(db, ctx, id);
  const regionCode = await regionOf(db, id);
  const days = await statementDays(db, s);
  const lineOf = new Map(s.lines.map((l) => [l.lineNo, l]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Etalase';
  wb.created = ctx.now;
  wb.modified = ctx.now;

  const ws = wb.addWorksheet('Rekap');
  ws.addRow([`${documentTitle(s)} ${s.number}`]).font = { bold: true, size: 13 };
  const facts: [string, string | number | Date, string?][] = [
    ['Nomor', s.number],
    ['Jaringan ritel', s.chainName],
    ['UMKM', s.umkmName],
    ['Nomor PKS', s.agreementNumber],
    ['Periode', formatPeriod(s.periodStart, s.periodEnd, 'id')],
    ['Model dagang', label('tradeModel', s.tradeModel).id],
    ['Status', s.statusLabel.id],
    ['Nilai barang', Number(s.goods), RUPIAH_FORMAT],
    ['Biaya sesuai PKS', Number(s.fees), RUPIAH_FORMAT],
    ['Bersih dibayar', Number(s.net), RUPIAH_FORMAT],
    ['Sudah dibayar', Number(s.paid), RUPIAH_FORMAT],
    ['Sisa', Number(s.outstanding), RUPIAH_FORMAT],
  ];
  if (s.billingCompleteOn) facts.push(['Tanggal tagihan lengkap', dateCell(s.billingCompleteOn), DATE_FORMAT]);
  if (s.dueOn) facts.push([`Jatuh tempo menurut PKS (${s.paymentTermDays} hari)`, dateCell(s.dueOn), DATE_FORMAT]);
  if (s.legalDueOn) facts.push([`Batas menurut hukum (${s.legalReference ?? ''})`, dateCell(s.legalDueOn), DATE_FORMAT]);
  facts.push(['Dicetak', formatDateTime(ctx.now, regionCode, 'id')], ['Sumber', SOURCE_NOTE]);
  for (const [name, value, numFmt] of facts) {
    // The fact's name spans the first three columns (the lines' "No", outlet and store code below it are
    // narrow); its value sits in the wide product column, where a rupiah amount or a date has room.
    const row = ws.addRow([name, null, null, value]);
    ws.mergeCells(row.number, 1, row.number, 3);
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(4);
    cell.alignment = { horizontal: 'left' };
    if (numFmt) cell.numFmt = numFmt;
  }
  ws.addRow([]);
  const head = ws.addRow(['No', 'Gerai', 'Kode toko', 'Produk', 'Jenis', 'Keterangan', 'Jumlah', 'Nilai']);
  head.font = { bold: true };
  const first = head.number + 1;
  for (const l of s.lines) {
    const row = ws.addRow([
      l.lineNo,
      l.outletName ?? '',
      l.storeCode ?? '',
      l.productName ?? '',
      label('statementLineKind', l.kind).id,
      [lineDetail(l), l.disputeReason ? `Disanggah: ${l.disputeReason}` : ''].filter(Boolean).join('; '),
      l.kind === 'fee' || l.kind === 'adjustment' ? null : l.qty,
      Number(l.amount),
    ]);
    row.getCell(8).numFmt = RUPIAH_FORMAT;
  }
  const last = ws.rowCount;
  const total = ws.addRow([
    'Bersih dibayar',
    null,
    null,
    null,
    null,
    null,
    null,
    { formula: `SUM(H${first}:H${last})`, result: Number(s.net) },
  ]);
  total.font = { bold: true };
  total.getCell(8).numFmt = RUPIAH_FORMAT;
  [6, 22, 12, 32, 28, 36, 10, 16].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  const h = wb.addWorksheet('Harian');
  h.addRow(['Baris', 'Gerai', 'Kode toko', 'Produk', 'Tanggal', 'Jumlah', 'Nilai']).font = { bold: true };
  for (const d of days) {
    const l = lineOf.get(d.lineNo);
    const row = h.addRow([
      d.lineNo,
      l?.outletName ?? '',
      l?.storeCode ?? '',
      l?.productName ?? '',
      dateCell(d.day),
      d.qty,
      Number(d.amount),
    ]);
    row.getCell(5).numFmt = DATE_FORMAT;
    row.getCell(7).numFmt = RUPIAH_FORMAT;
  }
  [7, 24, 12, 32, 18, 10, 16].forEach((w, i) => {
    h.getColumn(i + 1).width = w;
  });
  h.views = [{ state: 'frozen', ySplit: 1 }];
  for (const sheet of [ws, h]) sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  return { xlsx: Buffer.from(await wb.xlsx.writeBuffer()), fileName: documentFileName(s, 'xlsx') };
}
