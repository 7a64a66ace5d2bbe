// Kysely table types of operations after the shelf door (C7): purchase orders, delivery notes, batches,
// goods receipts, returns, stock counts and the stock ledger — beside migrations/0010_operations.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<bigint, bigint | number, bigint | number>;

export type DeliverTo = 'outlet' | 'distribution_centre';
export type OrderStatus = 'sent' | 'confirmed' | 'partly_confirmed' | 'declined' | 'cancelled' | 'delivered';
export type RejectReason = 'damaged' | 'expired' | 'wrong_item';
export type ReturnReason = 'unsold' | 'damaged' | 'near_expiry' | 'expired' | 'recall' | 'other';
export type LossBearer = 'umkm' | 'chain';
export type MovementKind = 'received' | 'sold' | 'returned' | 'expired' | 'counted';
export type MovementSource = 'receipt' | 'sales' | 'return' | 'expiry' | 'count';

export interface OperationCountersTable {
  prefix: string;
  last: number;
}

export interface PurchaseOrdersTable {
  id: Generated<string>;
  number: string;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string;
  agreement_id: string;
  region_code: string;
  province_code: string;
  deliver_to: DeliverTo;
  outlet_id: string | null;
  ordered_on: DateCol;
  deliver_by: DateCol;
  status: ColumnType<OrderStatus, OrderStatus | undefined, OrderStatus>;
  note: string | null;
  decline_reason: string | null;
  responded_at: NullableTs;
  responded_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PurchaseOrderLinesTable {
  id: Generated<string>;
  order_id: string;
  outlet_id: string;
  product_id: string;
  qty_ordered: number;
  qty_suggested: number | null;
  qty_confirmed: number | null;
  unit_price: Money;
}

export interface StockBatchesTable {
  id: Generated<string>;
  product_id: string;
  umkm_id: string;
  batch_code: string;
  produced_on: DateCol;
  expires_on: DateCol;
  created_at: Generated<Date>;
}

export interface DeliveryNotesTable {
  id: Generated<string>;
  number: string;
  order_id: string;
  umkm_id: string;
  chain_id: string;
  province_code: string;
  ship_on: DateCol;
  status: ColumnType<
    'issued' | 'received' | 'cancelled',
    'issued' | 'received' | 'cancelled' | undefined,
    'issued' | 'received' | 'cancelled'
  >;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DeliveryNoteLinesTable {
  id: Generated<string>;
  note_id: string;
  order_line_id: string;
  outlet_id: string;
  product_id: string;
  batch_id: string;
  qty: number;
}

export interface GoodsReceiptsTable {
  id: Generated<string>;
  number: string;
  delivery_note_id: string;
  chain_id: string;
  umkm_id: string;
  province_code: string;
  received_on: DateCol;
  note: string | null;
  received_by: string | null;
  created_at: Generated<Date>;
}

export interface GoodsReceiptLinesTable {
  receipt_id: string;
  delivery_line_id: string;
  qty_accepted: number;
  qty_rejected: ColumnType<number, number | undefined, number>;
  reject_reason: RejectReason | null;
}

export interface ReturnNotesTable {
  id: Generated<string>;
  number: string;
  outlet_id: string;
  chain_id: string;
  umkm_id: string;
  agreement_id: string;
  province_code: string;
  district_code: string;
  reason: ReturnReason;
  borne_by: LossBearer;
  returned_on: DateCol;
  pickup_due_at: NullableTs;
  picked_up_at: NullableTs;
  picked_up_by: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ReturnNoteLinesTable {
  note_id: string;
  product_id: string;
  batch_id: string;
  qty: number;
}

export interface StockCountsTable {
  id: Generated<string>;
  outlet_id: string;
  chain_id: string;
  counted_on: DateCol;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface StockCountLinesTable {
  count_id: string;
  product_id: string;
  batch_id: string | null;
  expected_qty: number;
  counted_qty: number;
}

export interface StockMovementsTable {
  id: Generated<string>;
  outlet_id: string;
  product_id: string;
  batch_id: string | null;
  umkm_id: string;
  chain_id: string;
  province_code: string;
  district_code: string;
  kind: MovementKind;
  qty: number;
  occurred_on: DateCol;
  source: MovementSource;
  source_id: string;
  variance: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OperationTables {
  operation_counters: OperationCountersTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  stock_batches: StockBatchesTable;
  delivery_notes: DeliveryNotesTable;
  delivery_note_lines: DeliveryNoteLinesTable;
  goods_receipts: GoodsReceiptsTable;
  goods_receipt_lines: GoodsReceiptLinesTable;
  return_notes: ReturnNotesTable;
  return_note_lines: ReturnNoteLinesTable;
  stock_counts: StockCountsTable;
  stock_count_lines: StockCountLinesTable;
  stock_movements: StockMovementsTable;
}
