// Request and answer shapes of the settlement API (C8).
import { z } from 'zod';
import { zDate, zPage, zRupiahOut, zUuid } from '../../platform/validation.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });
const STATUSES = ['computed', 'issued', 'disputed', 'superseded', 'accepted', 'billed', 'partly_paid', 'paid'] as const;
const LINE_KINDS = ['sale', 'receipt', 'loss_chain', 'expired_chain', 'return_umkm', 'expired_umkm', 'fee', 'adjustment'] as const;
const AGING = ['d0_15', 'd16_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export const VIEWS = ['all', 'to_issue', 'awaiting_umkm', 'open', 'overdue', 'escalated', 'paid'] as const;

export const zStatement = z.object({
  id: zUuid,
  number: z.string(),
  agreementId: zUuid,
  agreementNumber: z.string(),
  chainId: zUuid,
  chainName: z.string(),
  umkmId: zUuid,
  umkmName: z.string(),
  tradeModel: z.enum(['konsinyasi', 'beli_putus']),
  periodKind: z.enum(['weekly', 'two_weekly', 'monthly']),
  periodStart: z.string(),
  periodEnd: z.string(),
  revision: z.number().int(),
  correctsId: zUuid.nullable(),
  correctedById: zUuid.nullable(),
  status: z.enum(STATUSES),
  statusLabel: zBilingual,
  goods: zRupiahOut,
  fees: zRupiahOut,
  net: zRupiahOut,
  paid: zRupiahOut,
  outstanding: zRupiahOut,
  paymentTermDays: z.number().int(),
  computedAt: z.string(),
  issuedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  disputeNote: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  billingCompleteAt: z.string().nullable(),
  billingCompleteOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  legalDueOn: z.string().nullable(),
  legalReference: z.string().nullable(),
  paidAt: z.string().nullable(),
  payeeId: zUuid.nullable(),
  payeeName: z.string().nullable(),
  today: z.string(),
  daysOpen: z.number().int().nullable(),
  aging: z.enum(AGING).nullable(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  issueLate: z.boolean(),
  can: z.object({
    issue: z.boolean(),
    correct: z.boolean(),
    pay: z.boolean(),
    accept: z.boolean(),
    dispute: z.boolean(),
    bill: z.boolean(),
  }),
});
export const zStatementPage = zPage(zStatement).extend({ outstanding: zRupiahOut });

export const zStatementDetail = zStatement.extend({
  financing: z.object({ id: zUuid, status: z.enum(['open', 'financed', 'withdrawn']) }).nullable(),
  can: zStatement.shape.can.extend({ requestFinancing: z.boolean() }),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      kind: z.enum(LINE_KINDS),
      kindLabel: zBilingual,
      outletId: zUuid.nullable(),
      outletName: z.string().nullable(),
      storeCode: z.string().nullable(),
      productId: zUuid.nullable(),
      productName: z.string().nullable(),
      qty: z.number().int(),
      amount: zRupiahOut,
      feeName: z.string().nullable(),
      feeBp: z.number().int().nullable(),
      note: z.string().nullable(),
      correctsLine: z.number().int().nullable(),
      disputeReason: z.string().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      id: zUuid,
      reference: z.string(),
      amount: zRupiahOut,
      paidOn: z.string(),
      payeeId: zUuid,
      payeeName: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

export const zStatementList = z
  .object({
    view: z.enum(VIEWS).default('all'),
    agreementId: zUuid.optional(),
    umkmId: zUuid.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const zCompute = z.object({ agreementId: zUuid.optional(), from: zDate.optional(), through: zDate.optional() }).strict();
export const zComputed = z.object({ computed: z.number().int(), from: z.string(), through: z.string() });

const zReason = z.string().trim().min(1).max(1000);
export const zDispute = z
  .object({
    note: zReason,
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), reason: zReason }).strict())
      .max(1000)
      .default([]),
  })
  .strict();

/** A signed adjustment in rupiah (a correction may add or take away). */
const zSignedRupiah = z
  .number()
  .int({ message: 'rupiah_invalid' })
  .min(-1_000_000_000_000, { message: 'rupiah_invalid' })
  .max(1_000_000_000_000, { message: 'rupiah_invalid' })
  .refine((n) => n !== 0, { message: 'rupiah_invalid' })
  .transform((n) => BigInt(n));
export const zCorrect = z
  .object({
    adjustments: z
      .array(z.object({ lineNo: z.number().int().min(1).nullable().default(null), amount: zSignedRupiah, note: zReason }).strict())
      .max(200)
      .default([]),
  })
  .strict();

export const zBill = z.object({ invoiceNumber: z.string().trim().min(1).max(60) }).strict();

export const zPay = z
  .object({
    reference: z.string().trim().min(1).max(120),
    amount: z
      .number()
      .int({ message: 'rupiah_invalid' })
      .min(1, { message: 'rupiah_invalid' })
      .max(1_000_000_000_000, { message: 'rupiah_invalid' })
      .transform((n) => BigInt(n)),
    paidOn: zDate,
    idempotencyKey: z.string().trim().min(8).max(200),
  })
  .strict();

export const zLineParams = z.object({ id: zUuid, line: z.coerce.number().int().min(1) }).strict();
export const zLineDays = z.object({
  lineNo: z.number().int(),
  days: z.array(z.object({ day: z.string(), qty: z.number().int(), amount: zRupiahOut })),
});

export const zTrialBalance = z.object({
  debit: zRupiahOut,
  credit: zRupiahOut,
  accounts: z.array(
    z.object({
      ownerId: zUuid,
      ownerName: z.string(),
      account: z.string(),
      accountLabel: zBilingual,
      counterpartyId: zUuid.nullable(),
      counterpartyName: z.string().nullable(),
      debit: zRupiahOut,
      credit: zRupiahOut,
    }),
  ),
});

export const zAccountQuery = z
  .object({
    organizationId: zUuid.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export const zAccountStatement = z.object({
  organizationId: zUuid,
  total: z.number().int(),
  items: z.array(
    z.object({
      journalId: z.string(),
      kind: z.string(),
      occurredOn: z.string(),
      memo: z.string().nullable(),
      statementId: zUuid.nullable(),
      statementNumber: z.string().nullable(),
      account: z.string(),
      accountLabel: zBilingual,
      counterpartyId: zUuid.nullable(),
      counterpartyName: z.string().nullable(),
      amount: zRupiahOut,
      balance: zRupiahOut,
    }),
  ),
});

export const zDelays = z.object({
  chains: z.array(
    z.object({
      chainId: zUuid,
      chainName: z.string(),
      paidCount: z.number().int(),
      medianDaysToPay: z.number().nullable(),
      openCount: z.number().int(),
      openAmount: zRupiahOut,
      overdueCount: z.number().int(),
      overdueAmount: zRupiahOut,
      escalatedCount: z.number().int(),
      escalatedAmount: zRupiahOut,
      notIssuedCount: z.number().int(),
    }),
  ),
});

export const zSummary = z.object({
  outstanding: zRupiahOut,
  openCount: z.number().int(),
  overdueCount: z.number().int(),
  overdueAmount: zRupiahOut,
  escalatedCount: z.number().int(),
  awaitingInvoice: z.number().int(),
  next: z
    .object({ id: zUuid, number: z.string(), dueOn: z.string().nullable(), outstanding: zRupiahOut, chainName: z.string() })
    .nullable(),
  buckets: z.array(z.object({ bucket: z.enum(AGING), label: zBilingual, count: z.number().int(), amount: zRupiahOut })),
});

// ---- early payment ----

export const zBanks = z.object({ items: z.array(z.object({ id: zUuid, name: z.string() })) });
export const zFinancingAsk = z.object({ bankIds: z.array(zUuid).min(1).max(20) }).strict();
export const zOfferInput = z
  .object({
    rateBp: z.number().int().min(0).max(10_000),
    tenorDays: z.number().int().min(1).max(365),
    fee: z
      .number()
      .int({ message: 'rupiah_invalid' })
      .min(0, { message: 'rupiah_invalid' })
      .max(1_000_000_000_000, { message: 'rupiah_invalid' })
      .transform((n) => BigInt(n)),
  })
  .strict();
const zOffer = z.object({
  id: zUuid,
  bankId: zUuid,
  bankName: z.string(),
  rateBp: z.number().int(),
  tenorDays: z.number().int(),
  fee: zRupiahOut,
  face: zRupiahOut,
  discount: zRupiahOut,
  advance: zRupiahOut,
  status: z.enum(['offered', 'accepted', 'declined']),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  can: z.object({ accept: z.boolean() }),
});
export const zFinancingRequest = z.object({
  id: zUuid,
  status: z.enum(['open', 'financed', 'withdrawn']),
  createdAt: z.string(),
  evidencePdfSha256: z.string(),
  banks: z.array(z.object({ id: zUuid, name: z.string() })),
  statement: zStatementDetail,
  offers: z.array(zOffer),
  evidence: z
    .object({
      sellOut: z.array(
        z.object({
          day: z.string(),
          outlet: z.string(),
          storeCode: z.string(),
          product: z.string(),
          qty: z.number().int(),
          value: zRupiahOut,
        }),
      ),
      receipts: z.array(
        z.object({ number: z.string(), receivedOn: z.string(), outlet: z.string(), product: z.string(), accepted: z.number().int() }),
      ),
    })
    .nullable(),
  can: z.object({ offer: z.boolean() }),
});
export const zFinancingPage = zPage(
  z.object({
    id: zUuid,
    status: z.enum(['open', 'financed', 'withdrawn']),
    createdAt: z.string(),
    statementId: zUuid,
    statementNumber: z.string(),
    net: zRupiahOut,
    periodStart: z.string(),
    periodEnd: z.string(),
    umkmName: z.string(),
    chainName: z.string(),
    offers: z.number().int(),
    bestAdvance: zRupiahOut.nullable(),
  }),
);
export const zFinancingList = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
