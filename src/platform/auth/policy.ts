// THE policy module. Every authorisation decision is made here: which role may call which action
// (routes declare their action in `config.policy`), and which rows each actor may see (scopes the
// stores turn into SQL). A foreign id therefore answers 404 — the row is simply not in the actor's data.
import { sql } from 'kysely';
import type { Role } from '../../db/types.ts';
import { regionCovers } from '../../modules/regions/regions.rules.ts';
import type { Actor } from './actor.ts';

/** Who asks: a role, the public — and 'outlet', a retailer account bound to one store (users.outlet_id):
 *  the chain's staff at that outlet, whose actions are listed apart ('retailer' here means head office and
 *  branch staff). */
export type Audience = Role | 'public' | 'outlet';
const ALL: Audience[] = ['public', 'admin', 'pemda', 'retailer', 'outlet', 'umkm', 'mentor', 'bank'];
const SIGNED_IN: Audience[] = ['admin', 'pemda', 'retailer', 'outlet', 'umkm', 'mentor', 'bank'];

/** Action → who may attempt it. Row-level scope is applied on top, by the functions below. */
export const POLICY = {
  'health.read': ALL,
  'config.read': ALL,
  'docs.read': ALL,
  'auth.login': ALL,
  'auth.logout': ALL,
  'me.read': SIGNED_IN,
  'regions.read': ALL,
  'organizations.read': SIGNED_IN,
  'organizations.write': ['admin'],
  // outlet staff read their own outlet (outletScope); they do not edit outlets (the branch does)
  'outlets.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'outlets.write': ['admin', 'retailer'],
  'umkm.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'umkm.create': ['admin', 'pemda'],
  'umkm.update': ['admin', 'pemda', 'umkm'],
  'umkm.archive': ['admin', 'pemda'],
  'products.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'products.write': ['admin', 'pemda', 'umkm'],
  'files.upload': SIGNED_IN,
  'files.read': SIGNED_IN,
  'users.read': ['admin'],
  'users.write': ['admin'],
  'audit.read': ['admin'],
  'security.read': ['admin'],
  // curation and mentoring (C2, C3)
  // outlet staff have no part in curation (nor in mentoring, plans or user administration)
  'requirements.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'requirements.write': ['admin', 'retailer'],
  'curation.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'curation.manage': ['admin', 'pemda', 'retailer'],
  'relaxations.read': ['admin', 'pemda', 'retailer'],
  'relaxations.write': ['admin', 'pemda'],
  'bottlenecks.read': ['admin', 'pemda', 'retailer'],
  'funnel.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'mentoring.read': ['admin', 'pemda', 'umkm', 'mentor'],
  'mentoring.manage': ['admin', 'pemda'],
  'mentoring.record': ['admin', 'pemda', 'mentor'],
  'mentoring.respond': ['umkm'],
  // agreements (C4)
  // outlet staff read only the PKS of makers whose goods are on their shelf (agreementScope): the makers
  // they order from and the terms their orders, stock and returns follow
  'agreements.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'agreements.mou.write': ['admin', 'pemda'],
  'agreements.pks.write': ['admin', 'retailer'],
  'agreements.sign': ['pemda', 'retailer', 'umkm'],
  'agreements.transition': ['admin', 'pemda', 'retailer', 'umkm'],
  'agreements.reminders': ['admin', 'pemda', 'retailer', 'umkm'],
  'agreements.queries': ['admin', 'pemda', 'retailer'],
  // placement planning (C5)
  'placement.plans.read': ['admin', 'pemda', 'retailer'],
  'placement.plans.create': ['admin', 'pemda', 'retailer'],
  'placement.plans.approve': ['retailer'],
  'placements.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'placements.lock': ['retailer'],
  // operations after the shelf door (C7): pesanan, surat jalan, BPB, stock ledger, nota retur
  // outlet staff: the same, for their one outlet only (scopes and the may* decisions below)
  'operations.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'orders.suggest': ['retailer', 'outlet'],
  'orders.create': ['retailer', 'outlet'],
  'orders.respond': ['umkm'],
  'orders.cancel': ['retailer', 'outlet'],
  'deliveries.issue': ['umkm'],
  'receipts.record': ['retailer', 'outlet'],
  'stock.write': ['retailer', 'outlet'],
  'returns.write': ['retailer', 'outlet'],
  'returns.pickup': ['retailer', 'outlet', 'umkm'],
  // POS sales (C7): a chain (head office or branch staff) imports for its own chain, an admin for any;
  // the import history is the chain's; the sales summary is read within salesScope (a mentor: none).
  // Outlet staff do not import: a chain's POS file covers all its stores and comes from the chain's own
  // system; they read their store's sales in the summary and the sell-out.
  'sales.import': ['admin', 'retailer'],
  'sales.imports.read': ['admin', 'retailer'],
  'sales.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  // settlement (C8): statements, payments and the ledger. A Dinas watches the payments to the UMKM of its
  // region; outlet staff have no part in money (the head office or branch settles).
  // a bank reads only the statements offered to it (statementScope)
  'settlement.read': ['admin', 'pemda', 'retailer', 'umkm', 'bank'],
  'settlement.compute': ['admin', 'retailer'],
  'settlement.issue': ['retailer'],
  'settlement.respond': ['umkm'],
  'settlement.correct': ['retailer'],
  'settlement.bill': ['umkm'],
  'settlement.pay': ['retailer'],
  'settlement.ledger.read': ['admin', 'pemda'],
  'settlement.account.read': ['admin', 'retailer', 'umkm'],
  'settlement.delays.read': ['admin', 'pemda'],
  // early payment: the UMKM offers an accepted statement to banks she chooses and accepts one offer; a bank
  // (its own role) sees what is offered to it, with the evidence, and makes offers
  'financing.read': ['admin', 'umkm', 'bank'],
  'financing.request': ['umkm'],
  'financing.offer': ['bank'],
  'financing.accept': ['umkm'],
  // market tests (C6): a chain's head office or branch starts a test and records its decision; its outlets'
  // staff read the tests at their store; the maker reads her products' tests and their criteria; a Dinas
  // watches those of its makers and those at outlets in its region (marketTestScope)
  'markettests.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'markettests.manage': ['retailer'],
  // expansion (C6): the chain proposes a passed product for one more regency; the chain (its branch that runs
  // those outlets) and, across a province border, that region's Dinas accept; the maker and her Dinas watch
  'expansion.read': ['admin', 'pemda', 'retailer', 'umkm'],
  'expansion.propose': ['retailer'],
  'expansion.respond': ['pemda', 'retailer'],
  // notifications (issue 11): everyone signed in reads, and marks read, their own inbox (notificationScope)
  'notifications.read': SIGNED_IN,
  // promotion campaigns (C9): a chain's head office or branch runs them; a Dinas watches its region's; a
  // maker reads those featuring her products (her rows only); outlet staff read their store's, for the
  // materials list. Results (sales figures over several outlets) are not a store's business.
  'promotions.read': ['admin', 'pemda', 'retailer', 'outlet', 'umkm'],
  'promotions.results': ['admin', 'pemda', 'retailer', 'umkm'],
  'promotions.manage': ['retailer'],
  // the public catalogue (C11): anyone reads it, signed in or not (it holds only what makers published and
  // what is on a shelf under a PKS in force); only the maker decides what of hers is public (mayPublish)
  'catalogue.read': ALL,
  'catalogue.publish': ['umkm'],
} as const satisfies Record<string, Audience[]>;

export type Action = keyof typeof POLICY;

export const isAction = (a: unknown): a is Action => typeof a === 'string' && a in POLICY;

/** Outlet staff: a retailer account bound to one outlet. */
export const isOutletStaff = (actor: Actor): actor is Actor & { outletId: string } =>
  actor.role === 'retailer' && actor.outletId !== null && actor.outletId !== undefined;

/** The one outlet an actor works for (outlet staff), or null: whatever it reads or records per outlet is
 *  that outlet's only. */
export const staffOutletOf = (actor: Actor): string | null => (isOutletStaff(actor) ? actor.outletId : null);

/** The audience an actor belongs to in POLICY. */
export const audienceOf = (actor: Actor): Audience => (isOutletStaff(actor) ? 'outlet' : actor.role);

export function allows(actor: Actor, action: Action): boolean {
  return (POLICY[action] as readonly Audience[]).includes(audienceOf(actor));
}

/** The tenant an upload belongs to: the uploader's organisation, or the user itself when it has none. */
export const fileTenantOf = (actor: Actor): string | null => actor.organizationId ?? actor.userId;

/** A stored file may be attached to a record (permit scan, product photo) only by a tenant that uploaded
 *  it, or an administrator: knowing a content hash is not a right to the file. */
export function mayAttachFile(actor: Actor, uploaderTenants: readonly string[]): boolean {
  if (actor.role === 'admin') return true;
  const tenant = fileTenantOf(actor);
  return tenant !== null && uploaderTenants.includes(tenant);
}

// ---- Row scopes ------------------------------------------------------------------------------------
// Each returns a SQL condition over the given column references; stores AND it into their WHERE.

type Cond = ReturnType<typeof sql<boolean>>;
const TRUE = sql<boolean>`true`;
const FALSE = sql<boolean>`false`;

/** Region prefix match: '36.04' covers '36.04', '36.04.01', '36.04.01.2001'. */
export const inRegion = (column: string, code: string) =>
  sql<boolean>`(${sql.ref(column)} = ${code} OR ${sql.ref(column)} LIKE ${`${code}.%`})`;

/** The record's region contains the given one: a province-wide MoU covers a regency. */
export const coversRegion = (column: string, code: string) =>
  sql<boolean>`(${code} = ${sql.ref(column)} OR ${code} LIKE ${sql.ref(column)} || '.%')`;

/** Either way: a Dinas sees what lies in its region and what covers it (a province-wide record concerns a regency). */
export const regionOverlaps = (column: string, code: string) => sql<boolean>`(${inRegion(column, code)} OR ${coversRegion(column, code)})`;

/** Outlets: a chain sees its own (a branch, its branch); a Dinas sees its region; a UMKM its province. */
export function outletScope(actor: Actor, t = 'outlets'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (isOutletStaff(actor)) return sql<boolean>`${sql.ref(`${t}.id`)} = ${actor.outletId}`;
      if (actor.branchId) return sql<boolean>`${sql.ref(`${t}.branch_id`)} = ${actor.branchId}`;
      return actor.chainId ? sql<boolean>`${sql.ref(`${t}.chain_id`)} = ${actor.chainId}` : FALSE;
    case 'pemda':
      return actor.regionCode ? inRegion(`${t}.district_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.regionCode ? sql<boolean>`${sql.ref(`${t}.province_code`)} = ${actor.regionCode}` : FALSE;
    default:
      return FALSE;
  }
}

/** UMKM (and everything they own, through `umkmIdColumn`): a UMKM sees itself only; a mentor their
 *  assignments; a Dinas its region; a chain reads all — but only the business name, its district and its
 *  products, unless `mayReadUmkmPersonalData` grants more. */
export function umkmScope(actor: Actor, umkmIdColumn: string, villageColumn: string | null): Cond {
  switch (actor.role) {
    case 'admin':
    case 'retailer':
      return TRUE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${sql.ref(umkmIdColumn)} = ${actor.organizationId}` : FALSE;
    case 'mentor':
      return actor.userId
        ? sql<boolean>`${sql.ref(umkmIdColumn)} IN (SELECT umkm_id FROM mentor_assignments WHERE mentor_user_id = ${actor.userId})`
        : FALSE;
    case 'pemda':
      if (!actor.regionCode) return FALSE;
      if (villageColumn) return inRegion(villageColumn, actor.regionCode);
      return sql<boolean>`${sql.ref(umkmIdColumn)} IN (SELECT organization_id FROM umkm_profiles p WHERE ${inRegion('p.village_code', actor.regionCode)})`;
    default:
      return FALSE;
  }
}

/** Whether the actor may change a UMKM record it can see (a chain reads, it does not edit). */
export const canEditUmkm = (actor: Actor) => actor.role === 'admin' || actor.role === 'pemda' || actor.role === 'umkm';

/** Personal data of a UMKM (UU 27/2022 Pelindungan Data Pribadi): owner name, phone, NIB, street address,
 *  village and exact coordinates. Whoever already has the business in its row scope for a public duty or
 *  as itself (admin, its Dinas, the business, its assigned mentor) reads them. A chain reads them only
 *  once it has a reason: the business is in one of the chain's curation rounds, or holds a PKS with the
 *  chain (branch staff: their branch's or the chain-wide ones) that has left the draft stage — submitted
 *  for review, signed, superseded or terminated. A draft (or a withdrawn draft) does not count: the chain
 *  writes it alone, so counting it would let a chain unlock any business by drafting. Condition over the
 *  UMKM's id column, for stores to mask columns with. */
export function mayReadUmkmPersonalData(actor: Actor, umkmIdColumn: string): Cond {
  const umkm = sql.ref(umkmIdColumn);
  switch (actor.role) {
    case 'admin':
    case 'pemda':
    case 'umkm':
    case 'mentor':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      return sql<boolean>`(EXISTS (SELECT 1 FROM curation_entries pce JOIN curation_rounds pcr ON pcr.id = pce.round_id
          WHERE pce.umkm_id = ${umkm} AND ${curationRoundScope(actor, 'pcr')})
        OR EXISTS (SELECT 1 FROM agreements pa WHERE pa.kind = 'pks' AND pa.umkm_id = ${umkm} AND ${agreementScope(actor, 'pa')}
          AND EXISTS (SELECT 1 FROM agreement_versions pav WHERE pav.agreement_id = pa.id
            AND pav.status IN ('in_review', 'signed', 'superseded', 'terminated'))))`;
    default:
      return FALSE;
  }
}

/** A stored file may be downloaded by the tenant that uploaded it, by whoever may read a product it is the
 *  photo of, and — a permit scan shows the owner's name — by whoever may read that owner's personal data.
 *  Knowing a content hash is not a right to the file: anything else is a 404. */
export function fileReadScope(actor: Actor, shaColumn: string): Cond {
  if (actor.role === 'admin') return TRUE;
  const sha = sql.ref(shaColumn);
  const tenant = fileTenantOf(actor);
  return sql<boolean>`(
    ${tenant ? sql<boolean>`EXISTS (SELECT 1 FROM file_uploads fu WHERE fu.sha256 = ${sha} AND fu.tenant_id = ${tenant})` : FALSE}
    OR EXISTS (SELECT 1 FROM product_photos fph JOIN products fp ON fp.id = fph.product_id
      WHERE fph.sha256 = ${sha} AND ${umkmScope(actor, 'fp.umkm_id', null)})
    OR EXISTS (SELECT 1 FROM product_permits fpp JOIN products fp ON fp.id = fpp.product_id
      WHERE fpp.scan_sha256 = ${sha} AND ${umkmScope(actor, 'fp.umkm_id', null)} AND ${mayReadUmkmPersonalData(actor, 'fp.umkm_id')}))`;
}

/** A region filter on UMKM-owned rows that does not reveal a withheld village: down to the district for
 *  everyone; finer (a village code) only where the owner's personal data may be read. */
export function umkmInRegion(actor: Actor, code: string, c: { umkmId: string; village: string; district: string }): Cond {
  if (code.split('.').length <= 3) return inRegion(c.district, code);
  return sql<boolean>`(${inRegion(c.village, code)} AND ${mayReadUmkmPersonalData(actor, c.umkmId)})`;
}

/** Moving a UMKM to another village (and so, maybe, out of its Dinas's region) is its Dinas's decision
 *  (inside the Dinas's region) or an admin's: the business cannot take itself out of its Dinas's view. */
export const mayMoveUmkm = (actor: Actor) => actor.role === 'admin' || actor.role === 'pemda';

// ---- curation and mentoring (C2, C3) ----

/** Requirement sets: published ones are public to every signed-in user (a UMKM must know what is asked);
 *  drafts only to their own chain and admin. */
export function requirementSetScope(actor: Actor, t = 'rs'): Cond {
  if (actor.role === 'admin') return TRUE;
  const published = sql<boolean>`${sql.ref(`${t}.status`)} <> 'draft'`;
  if (actor.role === 'retailer' && actor.chainId) return sql<boolean>`(${published} OR ${sql.ref(`${t}.chain_id`)} = ${actor.chainId})`;
  return published;
}

/** Curation rounds: a chain its own; a Dinas its region's; a UMKM rounds holding its products; a mentor
 *  rounds holding products of their assigned UMKM. */
export function curationRoundScope(actor: Actor, t = 'r'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      // outlet staff have no part in curation
      return actor.chainId && !isOutletStaff(actor) ? sql<boolean>`${sql.ref(`${t}.chain_id`)} = ${actor.chainId}` : FALSE;
    case 'pemda':
      return actor.regionCode ? regionOverlaps(`${t}.region_code`, actor.regionCode) : FALSE;
    case 'umkm':
    case 'mentor':
      return sql<boolean>`EXISTS (SELECT 1 FROM curation_entries ce WHERE ce.round_id = ${sql.ref(`${t}.id`)} AND ${umkmScope(actor, 'ce.umkm_id', null)})`;
    default:
      return FALSE;
  }
}

/** A product in a round: the round must be visible and the product's business too (a Dinas sees its
 *  region's products in a province-wide round, a UMKM its own). */
export function curationEntryScope(actor: Actor, e = 'e', r = 'r'): Cond {
  return sql<boolean>`(${curationRoundScope(actor, r)} AND ${umkmScope(actor, `${e}.umkm_id`, `${e}.village_code`)})`;
}

/** Curation outcomes (funnel, bottlenecks, a product's status and history): counted only from entries the
 *  actor may see in rounds it may see — a chain its own rounds only (never a competitor's results), a Dinas
 *  every chain's rounds in its region, a UMKM its own products, a mentor their assignees'. */
export const curationOutcomeScope = (actor: Actor, e = 'e', r = 'r'): Cond => curationEntryScope(actor, e, r);

/** Curators' notes are internal: the business itself reads its gap list, not the curators' remarks. */
export const canReadCurationNotes = (actor: Actor) => actor.role !== 'umkm' && actor.role !== 'public';

/** Relaxations: a chain its own; a Dinas its region's. */
export function relaxationScope(actor: Actor, t = 'x'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      return actor.chainId ? sql<boolean>`${sql.ref(`${t}.chain_id`)} = ${actor.chainId}` : FALSE;
    case 'pemda':
      return actor.regionCode ? regionOverlaps(`${t}.region_code`, actor.regionCode) : FALSE;
    default:
      return FALSE;
  }
}

/** Mentoring programs: a Dinas its region's; a mentor the programs they run; a UMKM those it is invited to. */
export function mentoringProgramScope(actor: Actor, t = 'mp'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'pemda':
      return actor.regionCode ? regionOverlaps(`${t}.region_code`, actor.regionCode) : FALSE;
    case 'mentor':
      return actor.userId ? sql<boolean>`${sql.ref(`${t}.mentor_user_id`)} = ${actor.userId}` : FALSE;
    case 'umkm':
      return actor.organizationId
        ? sql<boolean>`EXISTS (SELECT 1 FROM mentoring_enrolments me WHERE me.program_id = ${sql.ref(`${t}.id`)} AND me.umkm_id = ${actor.organizationId})`
        : FALSE;
    default:
      return FALSE;
  }
}

/** Mentors a programme may be given (mirrors mayAssignMentor in SQL): an admin any; a Dinas an independent
 *  mentor (no organisation) or one of its own staff. */
export function assignableMentorScope(actor: Actor, t = 'u'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'pemda':
      return actor.organizationId
        ? sql<boolean>`(${sql.ref(`${t}.organization_id`)} IS NULL OR ${sql.ref(`${t}.organization_id`)} = ${actor.organizationId})`
        : sql<boolean>`${sql.ref(`${t}.organization_id`)} IS NULL`;
    default:
      return FALSE;
  }
}

/** Organisations other than UMKM (governments, chains, branches, banks) are known to every signed-in
 *  user by name; UMKM organisations follow the UMKM scope. */
export function organizationScope(actor: Actor, t = 'organizations'): Cond {
  if (actor.role === 'admin') return TRUE;
  return sql<boolean>`(${sql.ref(`${t}.kind`)} <> 'umkm' OR ${umkmScope(actor, `${t}.id`, null)})`;
}

/** Agreements (C4): a chain sees its own (branch staff: their branch's and the chain-wide ones); a Dinas
 *  the agreements of its region, and the wider ones covering it; a UMKM only its own PKS; a mentor none. */
export function agreementScope(actor: Actor, t = 'agreements'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      if (isOutletStaff(actor)) {
        // The PKS (chain-wide or its branch's) of makers with a product placed at the outlet.
        return sql<boolean>`(${col('kind')} = 'pks' AND ${col('chain_id')} = ${actor.chainId}
          AND (${col('branch_id')} IS NULL OR ${col('branch_id')} = ${actor.branchId})
          AND ${col('umkm_id')} IN (SELECT asp.umkm_id FROM placements asp WHERE asp.outlet_id = ${actor.outletId}))`;
      }
      if (actor.branchId) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('branch_id')} IS NULL OR ${col('branch_id')} = ${actor.branchId}))`;
      }
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      if (!actor.regionCode) return FALSE;
      return sql<boolean>`(${regionOverlaps(`${t}.region_code`, actor.regionCode)} OR ${col('government_id')} = ${actor.organizationId})`;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`(${col('kind')} = 'pks' AND ${col('umkm_id')} = ${actor.organizationId})` : FALSE;
    default:
      return FALSE;
  }
}

// ---- placement planning (C5) ----

/** Placement plans: a chain its own (branch staff: the plans of their branch); a Dinas the plans for
 *  places inside its region; nobody else (a plan is the chain's internal proposal until approved). */
export function placementPlanScope(actor: Actor, t = 'pp'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId || isOutletStaff(actor)) return FALSE;
      if (actor.branchId) return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND ${col('branch_id')} = ${actor.branchId})`;
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      return actor.regionCode ? inRegion(`${t}.region_code`, actor.regionCode) : FALSE;
    default:
      return FALSE;
  }
}

/** Placements (a product on an outlet's shelf): a chain its own outlets' (a branch, its branch's); a Dinas
 *  those at outlets in its region; a UMKM those of its own products — the scope of every record kept per
 *  outlet (outletRecordScope). */
export const placementScope = (actor: Actor, t = 'pl'): Cond => outletRecordScope(actor, t);

// ---- curation, mentoring and placement: write decisions ----
// One function per decision. The service calls it before acting (false → 404 for a record the actor only
// reads, so a reader learns nothing more) and the views expose it as `can` so the web shows exactly the
// buttons the server would accept.

/** The chain an action is taken for: a chain's staff always act for their own chain (naming another is
 *  'foreign'); others must name one ('missing' when they did not). */
export function chainActedFor<C extends string>(actor: Actor, named: C | null | undefined): { chainCode: C } | 'foreign' | 'missing' {
  if (actor.role === 'retailer') {
    if (!actor.chainCode || (named && named !== actor.chainCode)) return 'foreign';
    return { chainCode: actor.chainCode as C };
  }
  return named ? { chainCode: named } : 'missing';
}

const within = (outer: string | null, inner: string) => outer !== null && regionCovers(outer, inner);

/** A requirement set is edited (and published) by its own chain's head office, or the admin. */
export const mayEditRequirementSet = (actor: Actor, set: { chain_id: string }) =>
  actor.role === 'admin' || (actor.role === 'retailer' && actor.branchId === null && actor.chainId === set.chain_id);

/** A curation round is run (products added, marks given, closed) by its chain, or by a Dinas whose region
 *  contains the round's — a regency Dinas reads a province-wide round but does not run it. */
export function mayManageRound(actor: Actor, round: { chain_id: string | null; region_code: string }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'retailer':
      return actor.chainId !== null && actor.chainId === round.chain_id;
    case 'pemda':
      return within(actor.regionCode, round.region_code);
    default:
      return false;
  }
}

/** Who may open a curation round in a region: the Dinas of that region, the admin, or a chain that holds an
 *  MoU in force there — curation is part of a programme with the government, and a round is also what gives
 *  a chain a reason to read the participants' personal data (UU 27/2022), so a chain cannot open one
 *  anywhere it likes to reach everybody's. */
export function mayOpenRound(actor: Actor, round: { region_code: string; chainHasMou: boolean }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'pemda':
      return within(actor.regionCode, round.region_code);
    case 'retailer':
      return actor.branchId === null && round.chainHasMou;
    default:
      return false;
  }
}

/** A relaxation is withdrawn by the government that agreed it, or the admin. */
export const mayArchiveRelaxation = (actor: Actor, relaxation: { government_id: string }) =>
  actor.role === 'admin' || (actor.role === 'pemda' && actor.organizationId === relaxation.government_id);

/** A Dinas acts inside its own region only (create a round or a programme, request a plan there). */
export const mayActInRegion = (actor: Actor, regionCode: string) => actor.role !== 'pemda' || within(actor.regionCode, regionCode);

/** A mentoring programme is managed (invitations, re-curation) by the Dinas whose region contains it, or the admin. */
export const mayManageProgram = (actor: Actor, program: { region_code: string }) =>
  actor.role === 'admin' || (actor.role === 'pemda' && within(actor.regionCode, program.region_code));

/** Sessions and attendance are recorded by the programme's mentor, its Dinas, or the admin. */
export const mayRecordSession = (actor: Actor, program: { region_code: string; mentor_user_id: string | null }) =>
  mayManageProgram(actor, program) || (actor.role === 'mentor' && actor.userId !== null && actor.userId === program.mentor_user_id);

/** A programme's mentor: an active mentor account, independent or on the Dinas's own staff (an admin may
 *  assign any). Only whoever may manage programmes assigns one. */
export const mayAssignMentor = (actor: Actor, mentor: { role: string; organization_id: string | null; disabled_at: unknown }) =>
  mentor.role === 'mentor' &&
  mentor.disabled_at === null &&
  (actor.role === 'admin' ||
    (actor.role === 'pemda' && (mentor.organization_id === null || mentor.organization_id === actor.organizationId)));

/** Only the business itself answers its own pending invitation. */
export const mayRespondToInvitation = (actor: Actor, program: { my_status?: string | null }) =>
  actor.role === 'umkm' && program.my_status === 'invited';

/** A placement plan is approved by its own chain: the head office any of its plans, branch staff their branch's. */
export const mayApprovePlan = (actor: Actor, plan: { chain_id: string; branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === plan.chain_id &&
  (actor.branchId === null || actor.branchId === plan.branch_id);

/** A placement is locked against re-planning by its chain: the head office, or the branch of its outlet. */
export const mayLockPlacement = (actor: Actor, placement: { chain_id: string; outlet_branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === placement.chain_id &&
  (actor.branchId === null || actor.branchId === placement.outlet_branch_id);

// ---- agreements: write decisions ----
// Who may act on an agreement, and as which party. The service calls these before every change and the
// detail view calls the same ones for the buttons it offers ("allowed"), so the two cannot disagree.
// Whether the version's state allows the event is the lifecycle's business (agreements.rules.ts).

export type AgreementParty = 'government' | 'chain' | 'umkm';

/** The parties recorded on an agreement row. */
export interface AgreementParties {
  kind: 'mou' | 'pks';
  government_id: string | null;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string | null;
}

/** The party the actor acts for in this agreement, if any: the Dinas of the MoU's government, the chain's
 *  staff (branch staff only for their branch's agreements), the UMKM itself. Admins act for no party. */
export function agreementPartyOf(actor: Actor, a: AgreementParties): AgreementParty | null {
  if (actor.role === 'pemda' && actor.organizationId && actor.organizationId === a.government_id) return 'government';
  // Outlet staff read their makers' PKS but sign and change none: the agreement is the chain's (or branch's).
  if (
    actor.role === 'retailer' &&
    !isOutletStaff(actor) &&
    actor.chainId === a.chain_id &&
    (!actor.branchId || actor.branchId === a.branch_id)
  )
    return 'chain';
  if (actor.role === 'umkm' && actor.organizationId && actor.organizationId === a.umkm_id) return 'umkm';
  return null;
}

/** The drafting party writes the text: the Dinas for an MoU, the chain for a PKS (and an admin, for support). */
const isDrafter = (actor: Actor, a: AgreementParties) =>
  actor.role === 'admin' || agreementPartyOf(actor, a) === (a.kind === 'mou' ? 'government' : 'chain');

/** May edit the open draft. */
export const mayEditDraft = (actor: Actor, a: AgreementParties) => isDrafter(actor, a);
/** May send the draft for signatures. */
export const maySubmit = (actor: Actor, a: AgreementParties) => isDrafter(actor, a);
/** May withdraw the open version. */
export const mayWithdraw = (actor: Actor, a: AgreementParties) => isDrafter(actor, a);
/** May open an amendment of the signed version. */
export const mayAmend = (actor: Actor, a: AgreementParties) => isDrafter(actor, a);

/** May send a version in review back to draft: any party that must sign it, or an admin. */
export function mayReturn(actor: Actor, a: AgreementParties, required: readonly AgreementParty[]): boolean {
  if (actor.role === 'admin') return true;
  const p = agreementPartyOf(actor, a);
  return p !== null && required.includes(p);
}

/** The party this actor signs for, or null: only a party whose signature the version requires. An admin
 *  never signs (a signature is a party's consent). Whether that party already signed is the caller's. */
export function agreementSigningParty(actor: Actor, a: AgreementParties, required: readonly AgreementParty[]): AgreementParty | null {
  const p = agreementPartyOf(actor, a);
  return p !== null && required.includes(p) ? p : null;
}

/** May terminate: either party of an MoU; the chain or the UMKM of a PKS (the witnessing Dinas is no
 *  party to the trade); an admin. */
export function mayTerminate(actor: Actor, a: AgreementParties): boolean {
  if (actor.role === 'admin') return true;
  const p = agreementPartyOf(actor, a);
  return a.kind === 'mou' ? p !== null : p === 'chain' || p === 'umkm';
}

/** May draft a PKS under this MoU: the MoU's chain (its staff), or an admin. */
export const mayDraftPks = (actor: Actor, mou: AgreementParties) =>
  actor.role === 'admin' || (actor.role === 'retailer' && !isOutletStaff(actor) && actor.chainId === mou.chain_id);

// ---- user administration ----
// Decided for issue 9: accounts are administered by the installation's administrators only. A Dinas does
// not create, disable or re-scope accounts, not even its own staff's: an account's scope is what decides
// whose personal data it reads (UU 27/2022), so one role answers for every grant of it.

/** May change this account (profile, role, scope, title), disable or enable it, reset its password. */
export const mayManageUser = (actor: Actor, _user: { id: string }) => actor.role === 'admin';

// ---- operations after the shelf door (C7) ----
// Scopes: a chain sees its own (branch staff: the outlets of their branch and the orders of their branch);
// a UMKM its own; a Dinas what lies at outlets (or under PKS) in its region; a mentor nothing; an admin all.

/** Purchase orders (pesanan): branch staff see the orders their branch placed or that deliver to one of
 *  its outlets; a Dinas the orders under PKS of (or covering) its region. Delivery notes and receipts follow
 *  their order. */
export function orderScope(actor: Actor, t = 'po'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      // Outlet staff: the orders delivered to their store (a distribution-centre order is the branch's).
      if (isOutletStaff(actor)) return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND ${col('outlet_id')} = ${actor.outletId})`;
      if (actor.branchId) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('branch_id')} = ${actor.branchId}
          OR EXISTS (SELECT 1 FROM purchase_order_lines osl JOIN outlets oso ON oso.id = osl.outlet_id
            WHERE osl.order_id = ${col('id')} AND oso.branch_id = ${actor.branchId})))`;
      }
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      return actor.regionCode ? regionOverlaps(`${t}.region_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${col('umkm_id')} = ${actor.organizationId}` : FALSE;
    default:
      return FALSE;
  }
}

/** Records kept per outlet (placements, stock movements, nota retur, sales lines: columns chain_id, outlet_id,
 *  umkm_id, district_code): a chain its own outlets' (a branch, its branch's); a Dinas those at outlets in its region;
 *  a UMKM those of its own products. */
export function outletRecordScope(actor: Actor, t: string): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      if (isOutletStaff(actor)) return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND ${col('outlet_id')} = ${actor.outletId})`;
      if (actor.branchId) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND ${col('outlet_id')} IN (SELECT id FROM outlets WHERE branch_id = ${actor.branchId}))`;
      }
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      return actor.regionCode ? inRegion(`${t}.district_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${col('umkm_id')} = ${actor.organizationId}` : FALSE;
    default:
      return FALSE;
  }
}

/** The stock ledger and stock on hand. */
export const stockScope = (actor: Actor, t = 'sm') => outletRecordScope(actor, t);
/** Nota retur. */
export const returnScope = (actor: Actor, t = 'rn') => outletRecordScope(actor, t);
/** POS sales lines (sell-out). */
export const salesLineScope = (actor: Actor, t = 'sl') => outletRecordScope(actor, t);

/** The chain's staff acting for an outlet: its head office, the branch it belongs to, or its own staff
 *  (`id`: the outlet's id; absent or null — a distribution centre — never an outlet's staff). */
const actsForOutlet = (actor: Actor, outlet: { chain_id: string; branch_id: string | null; id?: string | null }) =>
  actor.role === 'retailer' &&
  actor.chainId === outlet.chain_id &&
  (actor.branchId === null || actor.branchId === outlet.branch_id) &&
  (!isOutletStaff(actor) || (outlet.id != null && outlet.id === actor.outletId));

/** An order for an outlet is placed by its chain: the head office for any outlet, branch staff for their
 *  branch's. An admin does not order (an order is the chain's commitment to buy). */
export const mayOrderFor = (actor: Actor, outlet: { id: string; chain_id: string; branch_id: string | null }) =>
  actsForOutlet(actor, outlet);

/** An order delivered to a distribution centre is the branch's (or the head office's): outlet staff order
 *  for their own store only. */
export const mayOrderToDistributionCentre = (actor: Actor) => actor.role === 'retailer' && !isOutletStaff(actor);

/** Only the maker answers an order sent to her, while it waits for her answer. */
export const mayRespondToOrder = (actor: Actor, order: { umkm_id: string; status: string }) =>
  actor.role === 'umkm' && actor.organizationId === order.umkm_id && order.status === 'sent';

/** The ordering chain cancels (head office any of its orders, a branch its own, an outlet's staff those
 *  delivered to their store) before any delivery note. */
export const mayCancelOrder = (
  actor: Actor,
  order: { chain_id: string; branch_id: string | null; outlet_id?: string | null; cancellable: boolean },
) =>
  actor.role === 'retailer' &&
  actor.chainId === order.chain_id &&
  (actor.branchId === null || actor.branchId === order.branch_id) &&
  (!isOutletStaff(actor) || (order.outlet_id != null && order.outlet_id === actor.outletId)) &&
  order.cancellable;

/** The maker issues delivery notes (surat jalan) for her confirmed order while some of it is still to ship. */
export const mayIssueDelivery = (actor: Actor, order: { umkm_id: string; shippable: boolean }) =>
  actor.role === 'umkm' && actor.organizationId === order.umkm_id && order.shippable;

/** A receipt (BPB) is recorded by the receiving side: for goods to an outlet its head office, branch or
 *  the outlet's own staff (`outlet_id`); for a distribution centre (no outlet_id) the ordering branch or the
 *  head office. Once per delivery note. */
export const mayRecordReceipt = (
  actor: Actor,
  note: { chain_id: string; branch_id: string | null; outlet_id?: string | null; status: string },
) => actsForOutlet(actor, { ...note, id: note.outlet_id ?? null }) && note.status === 'issued';

/** Stock at an outlet (counts, expiry write-offs, returns) is handled by the outlet's chain staff. */
export const mayWriteStock = (actor: Actor, outlet: { id: string; chain_id: string; branch_id: string | null }) =>
  actsForOutlet(actor, outlet);

/** A pickup of returned goods is recorded by the outlet's chain staff or by the maker, once. */
export const mayRecordPickup = (
  actor: Actor,
  ret: { chain_id: string; outlet_id?: string | null; outlet_branch_id: string | null; umkm_id: string; picked_up: boolean },
) =>
  !ret.picked_up &&
  (actsForOutlet(actor, { chain_id: ret.chain_id, branch_id: ret.outlet_branch_id, id: ret.outlet_id ?? null }) ||
    (actor.role === 'umkm' && actor.organizationId === ret.umkm_id));

/** POS imports (`t` = sales_imports): a chain's staff see their chain's imports (head office and branches
 *  import for the same chain); an admin all. */
export function salesImportScope(actor: Actor, t = 'si'): Cond {
  if (actor.role === 'admin') return TRUE;
  if (isOutletStaff(actor)) return FALSE;
  if (actor.role === 'retailer' && actor.chainId) return sql<boolean>`${sql.ref(`${t}.chain_id`)} = ${actor.chainId}`;
  return FALSE;
}

/** POS sales lines for the sales summary: the same scope as every record kept per outlet. */
export const salesScope = (actor: Actor, t = 'sl') => salesLineScope(actor, t);

// ---- settlement (C8) ----

/** Statements (`t` = settlement_statements): a chain its own (branch staff: their branch's and the
 *  chain-wide ones; outlet staff none); a UMKM its own once issued (a computed statement is the chain's
 *  draft); a Dinas those of the UMKM of its region (by the business's district), whichever chain pays. */
export function statementScope(actor: Actor, t = 'st'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId || isOutletStaff(actor)) return FALSE;
      if (actor.branchId)
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('branch_id')} IS NULL OR ${col('branch_id')} = ${actor.branchId}))`;
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      return actor.regionCode ? inRegion(`${t}.umkm_district_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`(${col('umkm_id')} = ${actor.organizationId} AND ${col('status')} <> 'computed')` : FALSE;
    case 'bank':
      // only what a UMKM offered to this bank for early payment
      return actor.organizationId
        ? sql<boolean>`EXISTS (SELECT 1 FROM financing_requests fr JOIN financing_request_banks frb ON frb.request_id = fr.id
            WHERE fr.statement_id = ${col('id')} AND frb.bank_id = ${actor.organizationId})`
        : FALSE;
    default:
      return FALSE;
  }
}

/** Ledger journals (`t` = ledger_journals) in a trial balance: all for an admin; for a Dinas those of the
 *  UMKM of its region (whole journals, so its trial balance balances too). */
export function journalScope(actor: Actor, t = 'lj'): Cond {
  if (actor.role === 'admin') return TRUE;
  if (actor.role === 'pemda' && actor.regionCode) return inRegion(`${t}.district_code`, actor.regionCode);
  return FALSE;
}

/** Whose statement of account an actor reads: an admin anyone's; a chain's staff (not an outlet's) their
 *  chain's; a UMKM its own. */
export const mayReadAccountOf = (actor: Actor, organizationId: string) =>
  actor.role === 'admin' ||
  (actor.role === 'retailer' && !isOutletStaff(actor) && actor.chainId === organizationId) ||
  (actor.role === 'umkm' && actor.organizationId === organizationId);

/** The chain's side of a statement (issue, correct, record a payment): its head office, or branch staff
 *  for their branch's PKS; never an outlet's staff. */
export const actsForStatementChain = (actor: Actor, s: { chain_id: string; branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === s.chain_id &&
  (actor.branchId === null || actor.branchId === s.branch_id);

/** The UMKM's side (accept, dispute, send the invoice): the business itself. */
export const actsForStatementUmkm = (actor: Actor, s: { umkm_id: string }) => actor.role === 'umkm' && actor.organizationId === s.umkm_id;

/** Computing statements: an admin for any chain; a chain's head office or branch for its own. */
export const mayComputeFor = (actor: Actor) =>
  actor.role === 'admin'
    ? { chainId: null as string | null }
    : actor.role === 'retailer' && actor.chainId && !isOutletStaff(actor)
      ? { chainId: actor.chainId }
      : null;
/** Notifications (`t` = notifications): each person's inbox is their own — whatever their role, an admin
 *  included, nobody reads or marks another user's notices. */
export function notificationScope(actor: Actor, t = 'n'): Cond {
  return actor.userId ? sql<boolean>`${sql.ref(`${t}.user_id`)} = ${actor.userId}` : FALSE;
}

/** Financing requests (`t` = financing_requests): a UMKM its own; a bank those offered to it; an admin all. */
export function financingScope(actor: Actor, t = 'fr'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${sql.ref(`${t}.umkm_id`)} = ${actor.organizationId}` : FALSE;
    case 'bank':
      return actor.organizationId
        ? sql<boolean>`EXISTS (SELECT 1 FROM financing_request_banks frb WHERE frb.request_id = ${sql.ref(`${t}.id`)} AND frb.bank_id = ${actor.organizationId})`
        : FALSE;
    default:
      return FALSE;
  }
}

/** A bank offers on a request made to it, while it is open. */
export const mayOfferOn = (actor: Actor, r: { status: string; bank_ids: string[] }) =>
  actor.role === 'bank' && actor.organizationId !== null && r.status === 'open' && r.bank_ids.includes(actor.organizationId);

// ---- market tests (C6) ----

/** Market tests (`t` = market_tests): a chain its own (branch staff: those it runs and those at its outlets;
 *  outlet staff: those at their store); the maker her products'; a Dinas those of the makers of its region
 *  and those at outlets in its region — never another chain's through a count or a list. */
export function marketTestScope(actor: Actor, t = 'mt'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      if (isOutletStaff(actor)) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND EXISTS (SELECT 1 FROM market_test_outlets mto
          WHERE mto.test_id = ${col('id')} AND mto.outlet_id = ${actor.outletId}))`;
      }
      if (actor.branchId) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('branch_id')} = ${actor.branchId}
          OR EXISTS (SELECT 1 FROM market_test_outlets mto JOIN outlets mo ON mo.id = mto.outlet_id
            WHERE mto.test_id = ${col('id')} AND mo.branch_id = ${actor.branchId})))`;
      }
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      if (!actor.regionCode) return FALSE;
      return sql<boolean>`(${inRegion(`${t}.umkm_district_code`, actor.regionCode)} OR EXISTS (SELECT 1 FROM market_test_outlets mto
        WHERE mto.test_id = ${col('id')} AND ${inRegion('mto.district_code', actor.regionCode)}))`;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${col('umkm_id')} = ${actor.organizationId}` : FALSE;
    default:
      return FALSE;
  }
}

/** A market test is started at outlets by the chain that runs them: its head office for any of its outlets, a
 *  branch for its own (never outlet staff: a test is the chain's commitment to the maker). */
export const mayRunTestAt = (actor: Actor, outlet: { chain_id: string; branch_id: string | null }) =>
  actor.role === 'retailer' && !isOutletStaff(actor) && actsForOutlet(actor, outlet);

/** Its decisions are recorded by the chain's head office, or the branch that runs it. */
export const mayDecideTest = (actor: Actor, test: { chain_id: string; branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === test.chain_id &&
  (actor.branchId === null || actor.branchId === test.branch_id);

/** The shelf facts a funnel counts (PKS, placements, market tests; `chainColumn` their chain): a chain learns
 *  only what happened with itself — never that a competitor tests or lists a product; everyone else who may
 *  see the product sees its whole path. */
export const funnelShelfScope = (actor: Actor, chainColumn: string): Cond =>
  actor.role === 'retailer' ? (actor.chainId ? sql<boolean>`${sql.ref(chainColumn)} = ${actor.chainId}` : FALSE) : TRUE;

// ---- expansion (C6) ----

/** Expansion proposals (`t` = expansion_proposals): a chain its own (branch staff: those for outlets it runs
 *  and those of tests it ran; outlet staff none); a Dinas those of makers of its region and those into its
 *  region; the maker her own. */
export function expansionScope(actor: Actor, t = 'ep'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId || isOutletStaff(actor)) return FALSE;
      if (actor.branchId) {
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('target_branch_id')} = ${actor.branchId}
          OR EXISTS (SELECT 1 FROM market_tests emt WHERE emt.id = ${col('test_id')} AND emt.branch_id = ${actor.branchId})))`;
      }
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      if (!actor.regionCode) return FALSE;
      return sql<boolean>`(${inRegion(`${t}.umkm_district_code`, actor.regionCode)} OR ${regionOverlaps(`${t}.target_region_code`, actor.regionCode)})`;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${col('umkm_id')} = ${actor.organizationId}` : FALSE;
    default:
      return FALSE;
  }
}

/** A passed product is proposed for more outlets by the chain that ran its test (head office, or that branch). */
export const mayProposeExpansion = (actor: Actor, test: { chain_id: string; branch_id: string | null; status: string }) =>
  test.status === 'passed' && mayDecideTest(actor, test);

/** The chain's acceptance: its head office, or the branch that runs the target outlets. */
export const mayAcceptExpansionForChain = (actor: Actor, p: { chain_id: string; target_branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === p.chain_id &&
  (actor.branchId === null || actor.branchId === p.target_branch_id);

/** The other region's acceptance: staff of the Dinas the proposal names. */
export const mayAcceptExpansionForGovernment = (actor: Actor, p: { target_government_id: string | null }) =>
  actor.role === 'pemda' && p.target_government_id !== null && actor.organizationId === p.target_government_id;

// ---- promotion campaigns (C9) ----

/** Campaigns (`t` = promotion_campaigns): a chain its own (branch staff: their branch's, and the head
 *  office's that hold one of their branch's outlets); outlet staff those at their store; a Dinas those in
 *  (or covering) its region; a UMKM those featuring one of her products. */
export function promotionScope(actor: Actor, t = 'pc'): Cond {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (!actor.chainId) return FALSE;
      if (isOutletStaff(actor))
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND EXISTS (SELECT 1 FROM promotion_outlets pso
          WHERE pso.campaign_id = ${col('id')} AND pso.outlet_id = ${actor.outletId}))`;
      if (actor.branchId)
        return sql<boolean>`(${col('chain_id')} = ${actor.chainId} AND (${col('branch_id')} = ${actor.branchId}
          OR EXISTS (SELECT 1 FROM promotion_outlets pso JOIN outlets psoo ON psoo.id = pso.outlet_id
            WHERE pso.campaign_id = ${col('id')} AND psoo.branch_id = ${actor.branchId})))`;
      return sql<boolean>`${col('chain_id')} = ${actor.chainId}`;
    case 'pemda':
      return actor.regionCode ? regionOverlaps(`${t}.region_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.organizationId
        ? sql<boolean>`EXISTS (SELECT 1 FROM promotion_products psp WHERE psp.campaign_id = ${col('id')} AND psp.umkm_id = ${actor.organizationId})`
        : FALSE;
    default:
      return FALSE;
  }
}

/** The featured products of a campaign the actor reads (`t` = promotion_products): a maker her own rows
 *  only (not other makers' discounts); whoever sees the campaign, all of them. */
export function promotionProductScope(actor: Actor, t = 'pp'): Cond {
  if (actor.role === 'umkm') return actor.organizationId ? sql<boolean>`${sql.ref(`${t}.umkm_id`)} = ${actor.organizationId}` : FALSE;
  return TRUE;
}

/** The campaign outlets the actor reads (`t` = promotion_outlets): outlet staff their store only. */
export function promotionOutletScope(actor: Actor, t = 'po'): Cond {
  return isOutletStaff(actor) ? sql<boolean>`${sql.ref(`${t}.outlet_id`)} = ${actor.outletId}` : TRUE;
}

/** A campaign is created and cancelled by its chain: the head office, or branch staff for their branch's
 *  (a branch campaign) — never an outlet's staff. */
export const mayManageCampaign = (actor: Actor, c: { chain_id: string; branch_id: string | null }) =>
  actor.role === 'retailer' &&
  !isOutletStaff(actor) &&
  actor.chainId === c.chain_id &&
  (actor.branchId === null || actor.branchId === c.branch_id);

/** Whether the actor may create campaigns at all, and for which chain and branch. */
export const campaignOwnerOf = (actor: Actor) =>
  actor.role === 'retailer' && !isOutletStaff(actor) && actor.chainId ? { chainId: actor.chainId, branchId: actor.branchId } : null;

/** The maker alone publishes or hides her products, her story and her phone number in the public catalogue. */
export const mayPublish = (actor: Actor, owner: { umkm_id: string }) => actor.role === 'umkm' && actor.organizationId === owner.umkm_id;
