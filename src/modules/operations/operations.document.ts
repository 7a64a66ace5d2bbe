// The delivery note (surat jalan) as a PDF in Bahasa Indonesia, to print or show on the phone: its number,
// the parties, the destination, each line with its batch, production and expiry dates and quantity, and
// signature boxes for the sender (pengirim) and the receiver (penerima). pdfmake 0.3 with the standard
// fonts and the no-fetch policy set up by the agreements document (imported for that setup).
import pdfmake from 'pdfmake';
import { formatDate, formatNumber } from '../../platform/format.ts';
import { label } from '../../vocabulary.ts';
import { pdfText } from '../agreements/agreements.document.ts';

export interface DeliveryNoteModel {
  number: string;
  orderNumber: string;
  shipOn: string;
  umkmName: string;
  chainName: string;
  deliverTo: 'outlet' | 'distribution_centre';
  destinationName: string;
  status: 'issued' | 'received' | 'cancelled';
  lines: {
    storeCode: string;
    outletName: string;
    productName: string;
    batchCode: string;
    producedOn: string;
    expiresOn: string;
    qty: number;
  }[];
}

export function deliveryNoteDefinition(m: DeliveryNoteModel) {
  const t = (s: string) => pdfText(s);
  const total = m.lines.reduce((a, l) => a + l.qty, 0);
  const body: unknown[][] = [
    ['No', 'Gerai', 'Produk', 'Batch', 'Tgl. produksi', 'Kedaluwarsa', 'Jumlah'].map((h) => ({ text: h, bold: true })),
    ...m.lines.map((l, i) => [
      String(i + 1),
      t(`${l.storeCode} ${l.outletName}`),
      t(l.productName),
      t(l.batchCode),
      formatDate(l.producedOn, 'id'),
      formatDate(l.expiresOn, 'id'),
      { text: formatNumber(l.qty, 'id'), alignment: 'right' },
    ]),
    [
      { text: 'Jumlah seluruhnya', colSpan: 6, bold: true },
      {},
      {},
      {},
      {},
      {},
      { text: formatNumber(total, 'id'), alignment: 'right', bold: true },
    ],
  ];
  const box = (title: string, name: string) => ({
    stack: [
      { text: title, bold: true, alignment: 'center' },
      { text: t(name), alignment: 'center', fontSize: 9 },
      { text: '\n\n\n\n', fontSize: 9 },
      { text: '(nama dan tanda tangan)', alignment: 'center', fontSize: 8 },
      { text: 'Tanggal: ....................', alignment: 'center', fontSize: 8, margin: [0, 4, 0, 0] },
    ],
    margin: [0, 0, 0, 0],
  });
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    info: { title: t(`Surat Jalan ${m.number}`), subject: 'Surat jalan', creator: 'Etalase' },
    content: [
      { text: 'SURAT JALAN', fontSize: 16, bold: true, alignment: 'center' },
      { text: t(`Nomor: ${m.number}`), alignment: 'center', margin: [0, 2, 0, 12] },
      {
        table: {
          widths: [130, '*'],
          body: [
            ['Pengirim (UMKM)', t(m.umkmName)],
            ['Penerima', t(m.chainName)],
            ['Tujuan', t(`${label('deliverTo', m.deliverTo).id}: ${m.destinationName}`)],
            ['Nomor pesanan', t(m.orderNumber)],
            ['Tanggal kirim', formatDate(m.shipOn, 'id')],
            ['Status', label('deliveryNoteStatus', m.status).id],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 12],
      },
      { table: { headerRows: 1, widths: [16, '*', '*', 50, 84, 84, 36], body }, layout: 'lightHorizontalLines', fontSize: 9 },
      {
        text: 'Barang diterima dalam keadaan baik sesuai jumlah di atas, kecuali yang dicatat pada bukti penerimaan barang (BPB).',
        fontSize: 8,
        margin: [0, 10, 0, 16],
      },
      {
        table: {
          widths: ['*', '*'],
          body: [[box('Pengirim', m.umkmName), box('Penerima', m.destinationName)]],
        },
      },
    ],
    footer: (page: number, pages: number) => ({
      margin: [40, 10, 40, 0],
      fontSize: 8,
      columns: [{ text: t(`Surat jalan ${m.number}`) }, { text: `halaman ${page} dari ${pages}`, alignment: 'right', width: 90 }],
    }),
  };
}

export async function renderDeliveryNote(m: DeliveryNoteModel): Promise<Buffer> {
  return pdfmake.createPdf(deliveryNoteDefinition(m) as Record<string, unknown>).getBuffer();
}
