// Codes of operations after the shelf door (C7), with their labels (gathered in src/vocabulary.ts):
// pesanan (purchase order) status, where it is delivered, why goods were refused at the door (BPB), why they
// go back to the maker (nota retur), the kinds of stock movement, who bears a loss, who owns stock on the
// shelf, the reasons behind a suggested quantity, the variances reconciliation lists, and reminder kinds.
import type { Bilingual } from '../../platform/errors.ts';
import type { DeliverTo, LossBearer, MovementKind, OrderStatus, RejectReason, ReturnReason } from './operations.tables.ts';

export const SUGGESTION_REASONS = [
  'velocity_history',
  'velocity_plan',
  'no_velocity',
  'stock_covers',
  'open_orders',
  'capped_expiry',
  'capped_capacity',
  'perishable_not_accepted',
] as const;
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number];

export const VARIANCE_KINDS = ['sale_without_delivery', 'receipt_short', 'receipt_rejected', 'count_difference'] as const;
export type VarianceKind = (typeof VARIANCE_KINDS)[number];

export const REMINDER_KINDS = [
  'order_awaiting_answer',
  'order_not_shipped',
  'delivery_not_received',
  'pickup_due',
  'pickup_overdue',
  'batch_expiring',
  'expired_not_written_off',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export type StockOwner = 'umkm' | 'chain';
export type DeliveryNoteStatus = 'issued' | 'received' | 'cancelled';

export const OPERATIONS_VOCABULARY = {
  orderStatus: {
    sent: { id: 'Menunggu jawaban UMKM', en: 'Awaiting the UMKM’s answer' },
    confirmed: { id: 'Dikonfirmasi', en: 'Confirmed' },
    partly_confirmed: { id: 'Dikonfirmasi sebagian', en: 'Partly confirmed' },
    declined: { id: 'Ditolak', en: 'Declined' },
    cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
    delivered: { id: 'Sudah diterima gerai', en: 'Delivered' },
  } satisfies Record<OrderStatus, Bilingual>,
  deliverTo: {
    outlet: { id: 'Langsung ke gerai', en: 'To the outlet' },
    distribution_centre: { id: 'Ke pusat distribusi (DC)', en: 'To the distribution centre' },
  } satisfies Record<DeliverTo, Bilingual>,
  deliveryNoteStatus: {
    issued: { id: 'Diterbitkan, belum diterima', en: 'Issued, not yet received' },
    received: { id: 'Diterima', en: 'Received' },
    cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  } satisfies Record<DeliveryNoteStatus, Bilingual>,
  rejectReason: {
    damaged: { id: 'Rusak', en: 'Damaged' },
    expired: { id: 'Kedaluwarsa', en: 'Expired' },
    wrong_item: { id: 'Barang salah', en: 'Wrong item' },
  } satisfies Record<RejectReason, Bilingual>,
  returnReason: {
    unsold: { id: 'Tidak laku', en: 'Unsold' },
    damaged: { id: 'Rusak', en: 'Damaged' },
    near_expiry: { id: 'Mendekati kedaluwarsa', en: 'Near expiry' },
    expired: { id: 'Kedaluwarsa', en: 'Expired' },
    recall: { id: 'Penarikan produk', en: 'Recall' },
    other: { id: 'Lainnya', en: 'Other' },
  } satisfies Record<ReturnReason, Bilingual>,
  movementKind: {
    received: { id: 'Diterima', en: 'Received' },
    sold: { id: 'Terjual', en: 'Sold' },
    returned: { id: 'Diretur ke UMKM', en: 'Returned to the UMKM' },
    expired: { id: 'Kedaluwarsa, dihapusbukukan', en: 'Expired, written off' },
    counted: { id: 'Selisih stock opname', en: 'Stock count difference' },
  } satisfies Record<MovementKind, Bilingual>,
  lossBearer: {
    umkm: { id: 'Ditanggung UMKM', en: 'Borne by the UMKM' },
    chain: { id: 'Ditanggung ritel', en: 'Borne by the chain' },
  } satisfies Record<LossBearer, Bilingual>,
  stockOwner: {
    umkm: { id: 'Milik UMKM (konsinyasi)', en: 'Owned by the UMKM (consignment)' },
    chain: { id: 'Milik ritel (beli putus)', en: 'Owned by the chain (outright purchase)' },
  } satisfies Record<StockOwner, Bilingual>,
  suggestionReason: {
    velocity_history: { id: 'Laju jual 28 hari terakhir', en: 'Sales rate over the last 28 days' },
    velocity_plan: { id: 'Belum ada penjualan: perkiraan rencana penempatan', en: 'No sales yet: the placement plan’s estimate' },
    no_velocity: { id: 'Belum ada penjualan maupun perkiraan', en: 'No sales and no estimate yet' },
    stock_covers: { id: 'Stok di gerai masih cukup', en: 'Stock at the outlet still covers it' },
    open_orders: { id: 'Dikurangi pesanan yang belum diterima', en: 'Less orders not yet received' },
    capped_expiry: { id: 'Dibatasi agar laku sebelum kedaluwarsa', en: 'Capped to sell before expiry' },
    capped_capacity: { id: 'Dibatasi kapasitas produksi mingguan UMKM', en: 'Capped by the UMKM’s weekly capacity' },
    perishable_not_accepted: { id: 'Gerai tidak menerima produk basah', en: 'The outlet takes no perishables' },
  } satisfies Record<SuggestionReason, Bilingual>,
  varianceKind: {
    sale_without_delivery: { id: 'Penjualan tanpa pengiriman tercatat', en: 'Sale with no recorded delivery' },
    receipt_short: { id: 'Kurang saat diterima', en: 'Short at receipt' },
    receipt_rejected: { id: 'Ditolak saat diterima', en: 'Rejected at receipt' },
    count_difference: { id: 'Selisih stock opname', en: 'Stock count difference' },
  } satisfies Record<VarianceKind, Bilingual>,
  operationsReminder: {
    order_awaiting_answer: { id: 'Pesanan menunggu jawaban', en: 'Order awaiting an answer' },
    order_not_shipped: { id: 'Pesanan belum dikirim', en: 'Order not yet shipped' },
    delivery_not_received: { id: 'Surat jalan belum diterima', en: 'Delivery note not yet received' },
    pickup_due: { id: 'Retur menunggu diambil', en: 'Return awaiting pickup' },
    pickup_overdue: { id: 'Retur terlambat diambil', en: 'Return pickup overdue' },
    batch_expiring: { id: 'Batch segera kedaluwarsa', en: 'Batch expiring soon' },
    expired_not_written_off: { id: 'Stok kedaluwarsa belum dihapus', en: 'Expired stock not written off' },
  } satisfies Record<ReminderKind, Bilingual>,
};
