// Request and response schemas of operations after the shelf door (C7): suggested orders, purchase orders
// (pesanan) and the maker's answer, delivery notes (surat jalan), goods receipts (BPB), service level, the
// stock ledger, stock counts (stock opname), expiry write-offs, returns (nota retur), reminders, sell-out
// and reconciliation. Lists are {items,total} paged with limit/offset like every other list of the API.
import { z } from 'zod';
import { zDate, zRupiahOut, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';
import { REMINDER_KINDS, type ReminderKind, SUGGESTION_REASONS, VARIANCE_KINDS } from './operations.vocabulary.ts';

export const ORDER_STATUSES = ['sent', 'confirmed', 'partly_confirmed', 'declined', 'cancelled', 'delivered'] as const;
export const DELIVER_TO = ['outlet', 'distribution_centre'] as const;
export const REJECT_REASONS = ['damaged', 'expired', 'wrong_item'] as const;
export const RETURN_REASONS = ['unsold', 'damaged', 'near_expiry', 'expired', 'recall', 'other'] as const;
export const MOVEMENT_KINDS = ['received', 'sold', 'returned', 'expired', 'counted'] as const;
export const MOVEMENT_SOURCES = ['receipt', 'sales', 'return', 'expiry', 'count'] as const;
export const NOTE_STATUSES = ['issued', 'received', 'cancelled'] as const;

const zBi = z.object({ id: z.string(), en: z.string() });
const zQty = z.number().int().min(0).max(1_000_000);
const zPositiveQty = z.number().int().min(1).max(1_000_000);
const zNote = z.string().trim().min(1).max(1000);
const paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

// ---- suggestions ----

export const zSuggestionQuery = z
  .object({
    umkmId: zUuid,
    deliverBy: zDate.optional().describe('Tanggal barang dibutuhkan; bawaan: dua hari lagi / day the goods are wanted'),
    outletId: zUuid.optional(),
  })
  .strict();

export const zSuggestionLine = z.object({
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  productId: z.string(),
  productName: z.string(),
  perishable: z.boolean(),
  velocity: z.number().describe('Unit per hari / units per day'),
  coverDays: z.number().int(),
  onHand: z.number().int(),
  open: z.number().int().describe('Dipesan/dikonfirmasi, belum diterima / ordered or confirmed, not yet received'),
  suggested: z.number().int(),
  unitPrice: zRupiahOut.describe('Harga pemasok PKS yang berlaku / PKS supplier price in force'),
  reasons: z.array(z.object({ code: z.enum(SUGGESTION_REASONS), label: zBi })),
});

export const zSuggestions = z.object({
  umkmId: z.string(),
  umkmName: z.string(),
  deliverBy: z.string(),
  capacity: z.object({
    weekly: z.number().int(),
    confirmed: z.number().int().describe('Sudah dikonfirmasi untuk minggu itu / already confirmed for that week'),
    left: z.number().int(),
  }),
  lines: z.array(zSuggestionLine),
});

// ---- orders ----

export const zOrderCreate = z
  .object({
    umkmId: zUuid,
    deliverTo: z.enum(DELIVER_TO),
    outletId: zUuid.optional().describe('Wajib bila dikirim ke gerai / required when delivered to an outlet'),
    deliverBy: zDate,
    note: zNote.optional(),
    lines: z
      .array(
        z
          .object({
            outletId: zUuid,
            productId: zUuid,
            qty: zPositiveQty,
            qtySuggested: zQty.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.deliverTo === 'outlet' && !o.outletId) ctx.addIssue({ code: 'custom', path: ['outletId'], message: 'required' });
    const seen = new Set<string>();
    o.lines?.forEach((l, i) => {
      if (o.deliverTo === 'outlet' && o.outletId && l.outletId && l.outletId !== o.outletId) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'outletId'], message: 'line_outlet_differs' });
      }
      const k = `${l.outletId}|${l.productId}`;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'productId'], message: 'duplicate_line' });
      seen.add(k);
    });
  });

export const zOrderList = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    umkmId: zUuid.optional(),
    outletId: zUuid.optional(),
    ...paging,
  })
  .strict();

const zOrderCan = z
  .object({ respond: z.boolean(), cancel: z.boolean(), issueDelivery: z.boolean(), receive: z.boolean() })
  .describe('Yang boleh dilakukan pengguna ini / what this user may do');

export const zOrder = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  chainId: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  chainName: z.string(),
  branchId: z.string().nullable(),
  branchName: z.string().nullable(),
  orderedByName: z.string().nullable().describe('Siapa yang memesan / who placed the order'),
  umkmId: z.string(),
  umkmName: z.string(),
  agreementId: z.string(),
  agreementNumber: z.string(),
  deliverTo: z.enum(DELIVER_TO),
  outletId: z.string().nullable(),
  outletName: z.string().nullable(),
  orderedOn: z.string(),
  deliverBy: z.string(),
  note: z.string().nullable(),
  declineReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  totals: z.object({
    lines: z.number().int(),
    ordered: z.number().int(),
    confirmed: z.number().int().nullable(),
    shipped: z.number().int(),
    accepted: z.number().int(),
    amount: zRupiahOut.describe('Nilai pesanan (dikonfirmasi bila sudah dijawab) / order value (confirmed once answered)'),
  }),
  can: zOrderCan,
});
export const zOrderPage = z.object({ items: z.array(zOrder), total: z.number().int() });

export const zOrderLine = z.object({
  id: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  productId: z.string(),
  productName: z.string(),
  perishable: z.boolean(),
  shelfLifeDays: z.number().int(),
  qtyOrdered: z.number().int(),
  qtySuggested: z.number().int().nullable(),
  qtyConfirmed: z.number().int().nullable(),
  qtyShipped: z.number().int(),
  qtyAccepted: z.number().int(),
  unitPrice: zRupiahOut,
});

export const zNoteSummary = z.object({
  id: z.string(),
  number: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.enum(NOTE_STATUSES),
  umkmId: z.string(),
  umkmName: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  chainName: z.string(),
  deliverTo: z.enum(DELIVER_TO),
  destinationName: z.string().describe('Gerai atau pusat distribusi tujuan / destination outlet or DC'),
  shipOn: z.string(),
  createdAt: z.string(),
  receiptId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  totals: z.object({
    qty: z.number().int(),
    accepted: z.number().int().nullable(),
    rejected: z.number().int().nullable(),
    short: z.number().int().nullable(),
  }),
  can: z.object({ receive: z.boolean() }),
});

export const zReceiptSummary = z.object({
  id: z.string(),
  number: z.string(),
  deliveryNoteId: z.string(),
  deliveryNoteNumber: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  chainName: z.string(),
  receivedOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  totals: z.object({ delivered: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), short: z.number().int() }),
});

export const zOrderDetail = zOrder.extend({
  lines: z.array(zOrderLine),
  deliveryNotes: z.array(zNoteSummary),
  receipts: z.array(zReceiptSummary),
});

export const zOrderRespond = z
  .object({
    decision: z.enum(['confirm', 'decline']),
    lines: z
      .array(z.object({ lineId: zUuid, qty: zQty }).strict())
      .min(1)
      .max(500)
      .optional()
      .describe('Hanya baris yang dikonfirmasi kurang dari pesanan / only lines confirmed below the order'),
    reason: zNote.optional().describe('Wajib bila menolak / required when declining'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.decision === 'decline' && !o.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
  });

export const zOrderCancel = z.object({ reason: zNote }).strict();

// ---- delivery notes ----

export const zDeliveryCreate = z
  .object({
    shipOn: zDate,
    lines: z
      .array(
        z
          .object({
            orderLineId: zUuid,
            qty: zPositiveQty,
            batchCode: z
              .string()
              .trim()
              .min(1)
              .max(40)
              .regex(/^[\p{L}\p{N}._/-]+$/u, { message: 'batch_code_invalid' }),
            producedOn: zDate,
            expiresOn: zDate.optional().describe('Bawaan: tanggal produksi + masa simpan / default: production + shelf life'),
          })
          .strict()
          .superRefine((l, ctx) => {
            if (l.expiresOn && l.producedOn && l.expiresOn < l.producedOn) {
              ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'expires_before_production' });
            }
          }),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const zNoteList = z
  .object({
    status: z.enum(NOTE_STATUSES).optional(),
    orderId: zUuid.optional(),
    ...paging,
  })
  .strict();
export const zNotePage = z.object({ items: z.array(zNoteSummary), total: z.number().int() });

export const zNoteLine = z.object({
  id: z.string(),
  orderLineId: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  productId: z.string(),
  productName: z.string(),
  batchId: z.string(),
  batchCode: z.string(),
  producedOn: z.string(),
  expiresOn: z.string(),
  qty: z.number().int(),
  accepted: z.number().int().nullable(),
  rejected: z.number().int().nullable(),
  short: z.number().int().nullable(),
  rejectReason: z.enum(REJECT_REASONS).nullable(),
});

export const zNoteDetail = zNoteSummary.extend({
  lines: z.array(zNoteLine),
  receipt: zReceiptSummary.nullable(),
});

export const zReceiptCreate = z
  .object({
    receivedOn: zDate.optional().describe('Bawaan: hari ini di tempat tujuan / default: today at the destination'),
    note: zNote.optional(),
    lines: z
      .array(
        z
          .object({
            deliveryLineId: zUuid,
            accepted: zQty,
            rejected: zQty.optional(),
            rejectReason: z.enum(REJECT_REASONS).optional(),
          })
          .strict()
          .superRefine((l, ctx) => {
            if ((l.rejected ?? 0) > 0 && !l.rejectReason) ctx.addIssue({ code: 'custom', path: ['rejectReason'], message: 'required' });
          }),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const zReceiptList = z.object({ umkmId: zUuid.optional(), ...paging }).strict();
export const zReceiptPage = z.object({ items: z.array(zReceiptSummary), total: z.number().int() });

// ---- service level ----

export const zServiceLevelQuery = z
  .object({
    by: z.enum(['umkm', 'outlet']).default('umkm'),
    from: zDate.optional(),
    to: zDate.optional(),
    ...paging,
  })
  .strict();

const zServiceTotals = z.object({
  ordered: z.number().int(),
  confirmed: z.number().int(),
  received: z.number().int(),
  ofOrdered: z.number().nullable(),
  ofConfirmed: z.number().nullable(),
});
export const zServiceLevel = z.object({
  by: z.enum(['umkm', 'outlet']),
  from: z.string(),
  to: z.string(),
  total: z.number().int().describe('Berapa baris (UMKM atau gerai) / how many rows in all'),
  all: zServiceTotals.describe('Semua baris dijumlah / every row summed'),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      ordered: z.number().int(),
      confirmed: z.number().int(),
      received: z.number().int(),
      ofOrdered: z.number().nullable().describe('Diterima ÷ dipesan / received ÷ ordered'),
      ofConfirmed: z.number().nullable().describe('Diterima ÷ dikonfirmasi / received ÷ confirmed'),
    }),
  ),
});

// ---- stock ----

export const zStockQuery = z
  .object({ outletId: zUuid.optional(), productId: zUuid.optional(), umkmId: zUuid.optional(), ...paging })
  .strict();

export const zStockRow = z.object({
  id: z.string().describe('gerai|produk|batch / outlet|product|batch'),
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  productId: z.string(),
  productName: z.string(),
  perishable: z.boolean(),
  umkmId: z.string(),
  umkmName: z.string(),
  batchId: z.string().nullable(),
  batchCode: z.string().nullable(),
  producedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  onHand: z.number().int(),
  owner: z.enum(['umkm', 'chain']),
});
export const zStockPage = z.object({ items: z.array(zStockRow), total: z.number().int() });

export const zMovementQuery = z
  .object({ outletId: zUuid.optional(), productId: zUuid.optional(), batchId: zUuid.optional(), ...paging })
  .strict();
export const zMovement = z.object({
  id: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  productId: z.string(),
  productName: z.string(),
  batchId: z.string().nullable(),
  batchCode: z.string().nullable(),
  kind: z.enum(MOVEMENT_KINDS),
  qty: z.number().int(),
  occurredOn: z.string(),
  source: z.enum(MOVEMENT_SOURCES),
  sourceId: z.string(),
  variance: z.boolean(),
  createdAt: z.string(),
});
export const zMovementPage = z.object({ items: z.array(zMovement), total: z.number().int() });

export const zStockCountCreate = z
  .object({
    outletId: zUuid,
    countedOn: zDate.optional(),
    note: zNote.optional(),
    lines: z
      .array(z.object({ productId: zUuid, batchId: zUuid.optional(), counted: zQty }).strict())
      .min(1)
      .max(2000),
  })
  .strict();

export const zStockCountResult = z.object({
  id: z.string(),
  outletId: z.string(),
  countedOn: z.string(),
  lines: z.array(
    z.object({
      productId: z.string(),
      batchId: z.string().nullable(),
      expected: z.number().int(),
      counted: z.number().int(),
      difference: z.number().int(),
    }),
  ),
  movements: z.number().int(),
});

export const zExpiryCreate = z.object({ outletId: zUuid }).strict();
export const zExpiryResult = z.object({
  outletId: z.string(),
  on: z.string(),
  writtenOff: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      batchId: z.string(),
      batchCode: z.string(),
      expiresOn: z.string(),
      qty: z.number().int(),
      borneBy: z.enum(['umkm', 'chain']),
    }),
  ),
  total: z.number().int(),
});

// ---- returns (nota retur) ----

export const zReturnCreate = z
  .object({
    outletId: zUuid,
    reason: z.enum(RETURN_REASONS),
    note: zNote.optional(),
    lines: z
      .array(z.object({ batchId: zUuid, qty: zPositiveQty }).strict())
      .min(1)
      .max(500),
  })
  .strict()
  .superRefine((o, ctx) => {
    const seen = new Set<string>();
    o.lines?.forEach((l, i) => {
      if (seen.has(l.batchId)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'batchId'], message: 'duplicate_line' });
      seen.add(l.batchId);
    });
  });

export const zReturnList = z.object({ outletId: zUuid.optional(), ...paging }).strict();

export const zReturn = z.object({
  id: z.string(),
  number: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  districtCode: z
    .string()
    .describe('Kecamatan gerai: zona waktu batas pengambilan / the outlet’s district: the zone its pickup times are told in'),
  chainName: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  agreementId: z.string(),
  reason: z.enum(RETURN_REASONS),
  borneBy: z.enum(['umkm', 'chain']),
  returnedOn: z.string(),
  pickupDueAt: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  qty: z.number().int(),
  can: z.object({ pickup: z.boolean() }),
});
export const zReturnPage = z.object({ items: z.array(zReturn), total: z.number().int() });
export const zReturnDetail = zReturn.extend({
  lines: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      batchId: z.string(),
      batchCode: z.string(),
      expiresOn: z.string(),
      qty: z.number().int(),
    }),
  ),
});

// ---- reminders, sell-out, reconciliation ----

export const zReminders = z.object({
  today: z.string(),
  reminders: z.array(
    z.object({
      kind: z.enum(REMINDER_KINDS),
      id: z.string(),
      text: zBi,
      target: z.object({ kind: z.enum(['order', 'delivery_note', 'return', 'stock']), id: z.string() }),
      due: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  counts: z
    .object(Object.fromEntries(REMINDER_KINDS.map((k) => [k, z.number().int()])) as Record<ReminderKind, z.ZodNumber>)
    .describe('Berapa pengingat tiap jenis (tepat; daftar memuat yang paling mendesak) / exact count per kind'),
  total: z.number().int(),
});

export const zSellOutQuery = z
  .object({
    from: zDate.optional(),
    to: zDate.optional(),
    productId: zUuid.optional(),
    outletId: zUuid.optional(),
    ...paging,
  })
  .strict();

export const zSellOutRow = z.object({
  id: z.string().describe('produk|gerai / product|outlet'),
  productId: z.string(),
  productName: z.string(),
  perishable: z.boolean(),
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  units: z.number().int(),
  perDay: z.number(),
  perWeek: z.number(),
  daily: z.array(z.object({ date: z.string(), units: z.number().int() })),
  onHand: z.number().int(),
  daysOfCover: z.number().nullable(),
  expiringSoon: z.array(z.object({ batchId: z.string(), batchCode: z.string(), expiresOn: z.string(), onHand: z.number().int() })),
  nextDelivery: z.number().int().describe('Saran kirim berikutnya / what to deliver next'),
});
export const zSellOut = z.object({ from: z.string(), to: z.string(), items: z.array(zSellOutRow), total: z.number().int() });

export const zReconciliationQuery = z.object({ agreementId: zUuid, from: zDate.optional(), to: zDate.optional() }).strict();

const zFlows = z.object({
  opening: z.number().int(),
  received: z.number().int(),
  sold: z.number().int(),
  returned: z.number().int(),
  expired: z.number().int(),
  counted: z.number().int(),
  closing: z.number().int(),
  delivered: z.number().int().describe('Dikirim menurut surat jalan yang diterima / shipped on received notes'),
  rejected: z.number().int(),
  short: z.number().int(),
});

export const zReconciliation = z.object({
  agreementId: z.string(),
  agreementNumber: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    zFlows.extend({
      outletId: z.string(),
      outletName: z.string(),
      productId: z.string(),
      productName: z.string(),
    }),
  ),
  totals: zFlows,
  identityHolds: z.boolean().describe('penutup = pembuka + diterima − terjual − diretur − kedaluwarsa ± opname'),
  variances: z.array(
    z.object({
      kind: z.enum(VARIANCE_KINDS),
      label: zBi,
      outletId: z.string(),
      productId: z.string(),
      batchId: z.string().nullable(),
      qty: z.number().int(),
      occurredOn: z.string(),
      sourceId: z.string(),
    }),
  ),
});
