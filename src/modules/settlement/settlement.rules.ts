// The rules of settlement (C8), pure: the lifecycle of a statement, its payment clock (the contract's
// due date and the legal deadline), aging, escalation, and the journals each event posts. No I/O.
import { addDays, daysBetween } from '../../platform/clock.ts';
import { mulDiv, type Rupiah } from '../../platform/money.ts';
import { MAX_PAYMENT_DAYS, REGIME_CHANGE } from '../agreements/compliance.rules.ts';
import type { EntryInput } from './settlement.ledger.ts';
import type { LedgerAccount, StatementStatus } from './settlement.tables.ts';

/** Days after a period ends within which the chain should issue its statement (app setting, this default). */
export const ISSUE_WITHIN_DAYS = 7;
/** "Due soon": this many days or fewer before the contract's due date. */
export const DUE_SOON_DAYS = 3;

export type StatementEvent = 'issue' | 'accept' | 'dispute' | 'correct' | 'bill' | 'pay';

/** Which event each status allows. */
const NEXT: Record<StatementEvent, readonly StatementStatus[]> = {
  issue: ['computed'],
  accept: ['issued'],
  dispute: ['issued'],
  correct: ['disputed'],
  bill: ['accepted'],
  pay: ['billed', 'partly_paid'],
};

export const allowsEvent = (status: StatementStatus, event: StatementEvent) => NEXT[event].includes(status);

/** Statuses whose money is agreed and not yet all paid. */
export const OPEN_STATUSES: readonly StatementStatus[] = ['accepted', 'billed', 'partly_paid'];

/** The legal deadline for paying a UMK-M supplier, from the rules in force on the PKS's start date:
 *  PP 29/2021 Pasal 95 ayat (1) huruf b — at most 15 days after the billing documents are complete, whatever
 *  the amount; before 2021-05-01 (Permendag 70/2013) the 15 days held for supplies up to Rp10.000.000 only. */
export function legalDeadline(pksStartsOn: string, billingCompleteOn: string, net: bigint): { on: string; reference: string } | null {
  if (pksStartsOn >= REGIME_CHANGE)
    return { on: addDays(billingCompleteOn, MAX_PAYMENT_DAYS), reference: 'PP 29/2021 Pasal 95 ayat (1) huruf b' };
  if (net <= 10_000_000n) return { on: addDays(billingCompleteOn, MAX_PAYMENT_DAYS), reference: 'Permendag 70/2013' };
  return null;
}

export type AgingBucket = 'd0_15' | 'd16_30' | 'd31_60' | 'd61_90' | 'd90_plus';
export const AGING_BUCKETS: readonly AgingBucket[] = ['d0_15', 'd16_30', 'd31_60', 'd61_90', 'd90_plus'];

/** Aging of an unpaid bill, by days since its billing documents were complete. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 15) return 'd0_15';
  if (days <= 30) return 'd16_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90_plus';
}

export interface ClockFacts {
  status: StatementStatus;
  net: bigint;
  paid: bigint;
  billingCompleteOn: string | null;
  dueOn: string | null;
  legalDueOn: string | null;
  periodEnd: string;
}

export interface Clock {
  outstanding: bigint;
  /** Days since billing complete (null before). */
  daysOpen: number | null;
  aging: AgingBucket | null;
  dueSoon: boolean;
  /** Unpaid past the contract's due date or the legal deadline, whichever comes first (a contract term
   *  longer than the law allows does not make a payment on time). */
  overdue: boolean;
  /** Past the legal deadline, unpaid: the Dinas sees it, the chain is reminded. */
  escalated: boolean;
  /** A computed statement the chain has not issued within ISSUE_WITHIN_DAYS of the period's end. */
  issueLate: boolean;
}

/** Where a statement stands on `today` (the local date of its PKS region). */
export function clockOf(s: ClockFacts, today: string, issueWithinDays = ISSUE_WITHIN_DAYS): Clock {
  const outstanding = s.net > s.paid ? s.net - s.paid : 0n;
  const unpaid = outstanding > 0n && (s.status === 'billed' || s.status === 'partly_paid');
  const daysOpen = s.billingCompleteOn ? daysBetween(s.billingCompleteOn, today) : null;
  const firstDue = [s.dueOn, s.legalDueOn].filter((d): d is string => d !== null).sort()[0] ?? null;
  return {
    outstanding,
    daysOpen,
    aging: unpaid && daysOpen !== null ? agingBucket(daysOpen) : null,
    dueSoon: unpaid && firstDue !== null && today <= firstDue && daysBetween(today, firstDue) <= DUE_SOON_DAYS,
    overdue: unpaid && firstDue !== null && today > firstDue,
    escalated: unpaid && s.legalDueOn !== null && today > s.legalDueOn,
    issueLate: s.status === 'computed' && daysBetween(s.periodEnd, today) > issueWithinDays,
  };
}

// ---- journals ----
// Each party's own books balance: a chain's purchases against what it owes and the fees it earns; a
// UMKM's sales against what it is owed and the fees it pays; a bank's claim against its cash and fee.

export interface Parties {
  chainId: string;
  umkmId: string;
}

/** A statement agreed: the chain owes the net, has bought the goods and earned the fees; the UMKM mirrors
 *  it. One row per entry: whose books, which account, against whom, which amount of the statement, sign.
 *  The property test and the set-wise posting (settlement.service.ts postAccepted) both read this layout. */
export const ACCEPTED_LAYOUT = [
  { owner: 'chain', account: 'purchases', counterparty: 'umkm', amount: 'goods', sign: 1 },
  { owner: 'chain', account: 'payable', counterparty: 'umkm', amount: 'net', sign: -1 },
  { owner: 'chain', account: 'fee_income', counterparty: 'umkm', amount: 'fees', sign: -1 },
  { owner: 'umkm', account: 'receivable', counterparty: 'chain', amount: 'net', sign: 1 },
  { owner: 'umkm', account: 'fee_expense', counterparty: 'chain', amount: 'fees', sign: 1 },
  { owner: 'umkm', account: 'sales', counterparty: 'chain', amount: 'goods', sign: -1 },
] as const satisfies readonly {
  owner: 'chain' | 'umkm';
  account: LedgerAccount;
  counterparty: 'chain' | 'umkm';
  amount: 'goods' | 'net' | 'fees';
  sign: 1 | -1;
}[];

export function acceptedEntries(p: Parties, goods: bigint, fees: bigint): EntryInput[] {
  const amounts = { goods, fees, net: goods - fees };
  const party = { chain: p.chainId, umkm: p.umkmId };
  return ACCEPTED_LAYOUT.map((e) => ({
    ownerId: party[e.owner],
    account: e.account,
    counterpartyId: party[e.counterparty],
    amount: BigInt(e.sign) * amounts[e.amount],
  }));
}

/** A payment by the chain to the payee (the UMKM, or the bank the statement is assigned to). */
export function paymentEntries(p: Parties & { payeeId: string }, amount: bigint): EntryInput[] {
  return [
    { ownerId: p.chainId, account: 'payable', counterpartyId: p.payeeId, amount },
    { ownerId: p.chainId, account: 'cash', counterpartyId: null, amount: -amount },
    { ownerId: p.payeeId, account: 'cash', counterpartyId: null, amount },
    { ownerId: p.payeeId, account: 'receivable', counterpartyId: p.chainId, amount: -amount },
  ];
}

// ---- early payment ----

/** A bank's offer on `face` rupiah due from the chain: interest for the tenor at the yearly rate (basis
 *  points, actual/365, rounded half up) plus the fee is the discount; the UMKM receives the rest now. */
export function offerTerms(face: bigint, o: { rateBp: number; tenorDays: number; fee: bigint }) {
  const interest = mulDiv(face as Rupiah, BigInt(o.rateBp) * BigInt(o.tenorDays), 10_000n * 365n);
  const discount = interest + o.fee;
  return { face, interest, discount, advance: face - discount };
}

export interface FinancedParties extends Parties {
  bankId: string;
}

/** The advance: the UMKM's claim on the chain becomes cash (less the discount, a financing cost); the bank
 *  pays that cash, holds the claim on the chain, and earns the discount. */
export function advanceEntries(p: FinancedParties, face: bigint, discount: bigint): EntryInput[] {
  const advance = face - discount;
  return [
    { ownerId: p.umkmId, account: 'cash', counterpartyId: null, amount: advance },
    { ownerId: p.umkmId, account: 'financing_cost', counterpartyId: p.bankId, amount: discount },
    { ownerId: p.umkmId, account: 'receivable', counterpartyId: p.chainId, amount: -face },
    { ownerId: p.bankId, account: 'receivable', counterpartyId: p.chainId, amount: face },
    { ownerId: p.bankId, account: 'cash', counterpartyId: null, amount: -advance },
    { ownerId: p.bankId, account: 'fee_income', counterpartyId: p.umkmId, amount: -discount },
  ];
}

/** The assignment: what the chain owes the UMKM for the statement it now owes the bank. */
export function assignmentEntries(p: FinancedParties, face: bigint): EntryInput[] {
  return [
    { ownerId: p.chainId, account: 'payable', counterpartyId: p.umkmId, amount: face },
    { ownerId: p.chainId, account: 'payable', counterpartyId: p.bankId, amount: -face },
  ];
}
