// Codes of settlement (C8), with their labels (gathered in src/vocabulary.ts): a statement's status, the
// kinds of its lines, the settlement periods a PKS names, aging buckets, and the ledger's accounts.
import type { Bilingual } from '../../platform/errors.ts';
import type { AgingBucket } from './settlement.rules.ts';
import type { LedgerAccount, LineKind, PeriodKind, StatementStatus } from './settlement.tables.ts';

export const SETTLEMENT_VOCABULARY = {
  statementStatus: {
    computed: { id: 'Dihitung, belum diterbitkan', en: 'Computed, not yet issued' },
    issued: { id: 'Diterbitkan, menunggu jawaban UMKM', en: 'Issued, awaiting the UMKM' },
    disputed: { id: 'Disanggah UMKM', en: 'Disputed by the UMKM' },
    superseded: { id: 'Diganti rekap koreksi', en: 'Replaced by a correction' },
    accepted: { id: 'Disetujui, menunggu faktur', en: 'Accepted, awaiting the invoice' },
    billed: { id: 'Tagihan lengkap, menunggu pembayaran', en: 'Billing complete, awaiting payment' },
    partly_paid: { id: 'Dibayar sebagian', en: 'Partly paid' },
    paid: { id: 'Lunas', en: 'Paid' },
  } satisfies Record<StatementStatus, Bilingual>,
  statementLineKind: {
    sale: { id: 'Terjual (konsinyasi)', en: 'Sold (consignment)' },
    receipt: { id: 'Diterima gerai (beli putus)', en: 'Received (outright purchase)' },
    loss_chain: { id: 'Retur ditanggung toko', en: 'Return borne by the store' },
    expired_chain: { id: 'Kedaluwarsa ditanggung toko', en: 'Expired, borne by the store' },
    return_umkm: { id: 'Retur ditanggung UMKM', en: 'Return borne by the UMKM' },
    expired_umkm: { id: 'Kedaluwarsa ditanggung UMKM', en: 'Expired, borne by the UMKM' },
    fee: { id: 'Biaya sesuai PKS', en: 'Fee under the PKS' },
    adjustment: { id: 'Koreksi', en: 'Adjustment' },
  } satisfies Record<LineKind, Bilingual>,
  settlementPeriod: {
    weekly: { id: 'Mingguan (Senin–Minggu)', en: 'Weekly (Monday–Sunday)' },
    two_weekly: { id: 'Dua mingguan (tgl 1–15, 16–akhir bulan)', en: 'Two-weekly (1st–15th, 16th–month end)' },
    monthly: { id: 'Bulanan', en: 'Monthly' },
  } satisfies Record<PeriodKind, Bilingual>,
  agingBucket: {
    d0_15: { id: '0–15 hari', en: '0–15 days' },
    d16_30: { id: '16–30 hari', en: '16–30 days' },
    d31_60: { id: '31–60 hari', en: '31–60 days' },
    d61_90: { id: '61–90 hari', en: '61–90 days' },
    d90_plus: { id: 'Lebih dari 90 hari', en: 'Over 90 days' },
  } satisfies Record<AgingBucket, Bilingual>,
  ledgerAccount: {
    purchases: { id: 'Pembelian barang UMKM', en: 'Purchases of UMKM goods' },
    payable: { id: 'Utang kepada pemasok', en: 'Owed to the supplier' },
    fee_income: { id: 'Pendapatan biaya', en: 'Fee income' },
    cash: { id: 'Kas / bank', en: 'Cash / bank' },
    sales: { id: 'Penjualan ke toko', en: 'Sales to the store' },
    receivable: { id: 'Piutang', en: 'Receivable' },
    fee_expense: { id: 'Biaya kepada toko', en: 'Fees paid to the store' },
    financing_cost: { id: 'Biaya pembiayaan', en: 'Financing cost' },
  } satisfies Record<LedgerAccount, Bilingual>,
};
