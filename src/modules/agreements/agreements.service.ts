// Agreement use cases (C4): draft an MoU (the Dinas) or a PKS (the chain), move a version through its
// lifecycle (submit, return, sign, withdraw, terminate, amend) as guarded state changes with an audit
// row each, render its document, and answer reminders and the queries other modules read.
// Each function takes the request's transaction first and the caller's context second.

import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import {
  agreementPartyOf,
  agreementSigningParty,
  mayAmend,
  mayDraftPks,
  mayEditDraft,
  mayReturn,
  maySubmit,
  mayTerminate,
  mayWithdraw,
} from '../../platform/auth/policy.ts';
import { AppError, type Bilingual, badRequest, conflict, invalidFields, notFound } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import type { Rupiah } from '../../platform/money.ts';

import { requireRegion } from '../regions/regions.service.ts';
import { chainByCode, getOutlet } from '../registry/registry.service.ts';
import { type Copy, type DocumentModel, renderDocument, sha256Hex } from './agreements.document.ts';
import { eligibleProducts, termsInForce } from './agreements.queries.ts';
import {
  addDays,
  agreementNumber,
  canApply,
  daysBetween,
  duplicatePksFinding,
  EVENT_LABEL,
  inForceOn,
  type LifecycleEvent,
  localDate,
  markup,
  PHASE_LABEL,
  type Phase,
  PKS_TEMPLATES,
  periodProblems,
  phaseOn,
  requiredParties,
  STATUS_LABEL,
  shelfPriceFor,
  whenPaid,
} from './agreements.rules.ts';
import type { MouCreate, MouUpdate, PksCreate, PksUpdate } from './agreements.schemas.ts';
import * as store from './agreements.store.ts';
import type { AgreementKind, AgreementVersionsTable, Party, Signatory, VersionStatus } from './agreements.tables.ts';
import { type Finding, judge, type PksTerms, smallSupplyTermApplies } from './compliance.rules.ts';

const AGREEMENT = { id: 'Perjanjian', en: 'Agreement' };
const VERSION = { id: 'Versi perjanjian', en: 'Agreement version' };

type AgreementRow = store.AgreementRow;
type VersionRow = store.VersionRow;

/** "Today" in a region's zone, by the request's clock. */
const todayIn = (ctx: Ctx, regionCode: string) => localDate(regionCode, ctx.now);

// ---- errors ---------------------------------------------------------------------------------------

const invalidTransition = (event: LifecycleEvent, v: { version: number; status: VersionStatus }) =>
  conflict(
    'invalid_transition',
    {
      id: `Tidak dapat ${EVENT_LABEL[event].id}: versi ${v.version} berstatus ${STATUS_LABEL[v.status].id}.`,
      en: `Cannot ${EVENT_LABEL[event].en}: version ${v.version} is ${STATUS_LABEL[v.status].en}.`,
    },
    'status',
  );

const notParty = (event: LifecycleEvent) =>
  new AppError(403, 'not_party', {
    id: `Anda bukan pihak yang berwenang untuk ${EVENT_LABEL[event].id} perjanjian ini.`,
    en: `You are not the party entitled to ${EVENT_LABEL[event].en} this agreement.`,
  });

const staleVersion = (seen: number, latest: number) =>
  conflict(
    'stale_version',
    {
      id: `Versi ${seen} sudah tidak berlaku untuk tindakan ini; versi terbaru adalah ${latest}. Muat ulang dan baca versi terbaru.`,
      en: `Version ${seen} is stale; the latest is version ${latest}. Reload and read the latest version.`,
    },
    'version',
  );

// ---- loading and views ----------------------------------------------------------------------------

interface Loaded {
  a: AgreementRow;
  versions: VersionRow[];
  latest: VersionRow;
  /** The signed or terminated version that governs (the latest one ever signed), if any. */
  governing: VersionRow | null;
  open: VersionRow | null;
}

async function load(db: Database, actor: Actor, id: string): Promise<Loaded> {
  const a = await store.findAgreement(db, actor, id);
  if (!a) throw notFound(AGREEMENT, 'id');
  const versions = await store.versionsOf(db, [a.id]);
  return shape(a, versions);
}

function shape(a: AgreementRow, versions: VersionRow[]): Loaded {
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`agreement ${a.id} has no version`);
  const governing = [...versions].reverse().find((v) => v.status === 'signed' || v.status === 'terminated') ?? null;
  const open = versions.find((v) => v.status === 'draft' || v.status === 'in_review') ?? null;
  return { a, versions, latest, governing, open };
}

const summaryPhase = (l: Loaded, today: string): Phase => (l.governing ? phaseOn(l.governing, today) : phaseOn(l.latest, today));

/** The terms of a PKS version as the rules of trade read them. */
const termsOf = (
  v: Pick<VersionRow, 'starts_on' | 'other_fees' | 'payment_term_days' | 'small_supply_payment_days' | 'payment_technical_reason'>,
): PksTerms => ({
  startsOn: v.starts_on,
  otherFees: v.other_fees,
  paymentTermDays: v.payment_term_days ?? 0,
  smallSupplyPaymentDays: v.small_supply_payment_days,
  paymentTechnicalReason: v.payment_technical_reason,
});

/** A PKS version's findings under the rules in force on its start date (an MoU has none). */
function warningsOf(v: VersionRow): Finding[] {
  if (v.trade_model === null) return [];
  return judge(termsOf(v));
}

/** Refuses to move a PKS that breaks a blocking rule (PP 29/2021 Pasal 95) towards signature. */
function requireCompliant(a: AgreementRow, v: VersionRow) {
  if (a.kind !== 'pks') return;
  const first = warningsOf(v).find((f) => f.severity === 'blocking');
  if (first) throw badRequest(first.rule, first.message, first.field);
}

function summaryView(l: Loaded, today: string) {
  const { a } = l;
  const shown = l.governing ?? l.latest;
  const phase = summaryPhase(l, today);
  return {
    id: a.id,
    kind: a.kind,
    number: a.number,
    phase,
    phaseLabel: PHASE_LABEL[phase],
    latestVersion: l.latest.version,
    openVersion: l.open?.version ?? null,
    government: a.government_id ? { id: a.government_id, name: a.government_name ?? '' } : null,
    chain: { id: a.chain_id, name: a.chain_name, code: a.chain_code ?? '' },
    branch: a.branch_id ? { id: a.branch_id, name: a.branch_name ?? '' } : null,
    umkm: a.umkm_id ? { id: a.umkm_id, name: a.umkm_name ?? '' } : null,
    mou: a.mou_id ? { id: a.mou_id, number: a.mou_number ?? '' } : null,
    regionCode: a.region_code,
    regionName: a.region_name,
    startsOn: shown.starts_on,
    endsOn: shown.ends_on,
    warnings: warningsOf(l.latest.status === 'withdrawn' ? shown : (l.open ?? shown)),
  };
}

async function versionView(db: Database, a: AgreementRow, v: VersionRow, today: string) {
  const [products, relaxations, signatures] = await Promise.all([
    a.kind === 'pks' ? store.productsOf(db, [v.id]) : Promise.resolve([]),
    a.kind === 'mou' ? store.relaxationsOf(db, [v.id]) : Promise.resolve([]),
    store.signaturesOf(db, [v.id]),
  ]);
  const required = requiredParties(a.kind, v.witness_required);
  const signedBy = new Set(signatures.map((s) => s.party));
  return {
    version: v.version,
    status: v.status,
    phase: phaseOn(v, today),
    startsOn: v.starts_on,
    endsOn: v.ends_on,
    recitals: v.recitals,
    changeNote: v.change_note,
    signatories: v.signatories,
    mou:
      a.kind === 'mou'
        ? {
            outletsWithCorner: v.outlets_with_corner ?? 0,
            insideDisplayNote: v.inside_display_note,
            outsideSpots: v.outside_spots ?? 0,
            promotionEventsPerYear: v.promotion_events_per_year ?? 0,
            curationSupport: v.curation_support ?? false,
            mentoringSupport: v.mentoring_support ?? false,
            quota:
              v.quota_bp !== null && v.quota_basis && v.quota_report_months
                ? { bp: v.quota_bp, basis: v.quota_basis, reportEveryMonths: v.quota_report_months }
                : null,
            pksWitness: v.pks_witness ?? false,
            relaxations: relaxations.map((r) => ({ criterionCode: r.criterion_code, note: r.note })),
          }
        : null,
    pks:
      a.kind === 'pks' && v.trade_model && v.settlement_period && v.unsold_goods && v.expired_goods_borne_by
        ? {
            witnessRequired: v.witness_required,
            tradeModel: v.trade_model,
            marginBp: v.margin_bp ?? 0,
            otherFees: v.other_fees,
            paymentTermDays: v.payment_term_days ?? 0,
            smallSupplyPaymentDays: v.small_supply_payment_days,
            paymentTechnicalReason: v.payment_technical_reason,
            settlementPeriod: v.settlement_period,
            unsoldGoods: v.unsold_goods,
            expiredGoodsBorneBy: v.expired_goods_borne_by,
            perishablePickupHours: v.perishable_pickup_hours,
            returnNote: v.return_note,
            deliveryDistrictCodes: v.delivery_district_codes,
            deliveryNote: v.delivery_note,
            products: products.map((p) => {
              const m = markup(p.supplier_price as Rupiah, p.shelf_price as Rupiah);
              return {
                productId: p.product_id,
                name: p.name,
                gtin: p.gtin,
                perishable: p.perishable,
                supplierPrice: p.supplier_price,
                shelfPrice: p.shelf_price,
                markup: m.rupiah as bigint,
                markupBp: m.bpOfShelf,
              };
            }),
            whenPaid: whenPaid({
              tradeModel: v.trade_model,
              settlementPeriod: v.settlement_period,
              paymentTermDays: v.payment_term_days ?? 0,
              startsOn: v.starts_on,
            }),
          }
        : null,
    documentSha256: v.document_sha256,
    submittedAt: v.submitted_at?.toISOString() ?? null,
    signedAt: v.signed_at?.toISOString() ?? null,
    supersededOn: v.superseded_on,
    terminatedOn: v.terminated_on,
    terminationReason: v.termination_reason,
    requiredParties: required,
    signatures: signatures.map((s) => ({
      party: s.party,
      organizationName: s.organization_name,
      signerName: s.signer_name,
      signerTitle: s.signer_title,
      signerRole: s.signer_role,
      signedAt: new Date(s.signed_at).toISOString(),
      documentSha256: s.document_sha256,
    })),
    missingParties: v.status === 'in_review' ? required.filter((p) => !signedBy.has(p)) : [],
    warnings: warningsOf(v),
  };
}

/** Which events this actor may attempt now: the lifecycle's state AND the policy's decision, the same
 *  two checks each handler makes (so a button shown is a request that passes). */
function allowedEvents(actor: Actor, l: Loaded, signedParties: Set<Party>): LifecycleEvent[] {
  const out: LifecycleEvent[] = [];
  const { a } = l;
  const v = l.open;
  if (v) {
    const required = requiredParties(a.kind, v.witness_required);
    if (canApply('edit', v.status) && mayEditDraft(actor, a)) out.push('edit');
    if (canApply('submit', v.status) && maySubmit(actor, a)) out.push('submit');
    if (canApply('return', v.status) && mayReturn(actor, a, required)) out.push('return');
    const signer = agreementSigningParty(actor, a, required);
    if (canApply('sign', v.status) && signer && !signedParties.has(signer)) out.push('sign');
    if (canApply('withdraw', v.status) && mayWithdraw(actor, a)) out.push('withdraw');
  }
  if (l.governing && canApply('terminate', l.governing.status)) {
    if (!v && mayAmend(actor, a)) out.push('amend');
    if (mayTerminate(actor, a)) out.push('terminate');
  }
  return out;
}

export async function listAgreements(db: Database, ctx: Ctx, f: store.AgreementFilter) {
  const page = await store.listAgreements(db, ctx.actor, f);
  const versions = await store.versionsOf(
    db,
    page.items.map((a) => a.id),
  );
  const byAgreement = new Map<string, VersionRow[]>();
  for (const v of versions) byAgreement.set(v.agreement_id, [...(byAgreement.get(v.agreement_id) ?? []), v]);
  return {
    items: page.items.map((a) => summaryView(shape(a, byAgreement.get(a.id) ?? []), todayIn(ctx, a.region_code))),
    total: page.total,
  };
}

/** The warning that the business already has a PKS in force with the same chain for one of `products`
 *  at some day from `from` to `to` (other than the agreement `agreementId` itself). */
async function duplicateWarnings(
  db: Database,
  ctx: Ctx,
  f: { agreementId: string | null; umkmId: string; chainId: string; chainName: string; from: string; to: string },
  products: { productId: string; name: string }[],
): Promise<Finding[]> {
  const rows = await store.pksInForceSharingProducts(db, ctx.actor, { ...f, productIds: products.map((p) => p.productId) });
  const shared = rows
    .map((r) => {
      const index = products.findIndex((p) => p.productId === r.product_id);
      return { number: r.number, productName: products[index]?.name ?? '', index };
    })
    .sort((a, b) => a.index - b.index);
  const finding = duplicatePksFinding(f.chainName, shared);
  return finding ? [finding] : [];
}

/** The duplicate warning of an agreement's open PKS version (none for anything else). */
function openPksDuplicates(db: Database, ctx: Ctx, l: Loaded, products: { productId: string; name: string }[] | undefined, today: string) {
  const v = l.open;
  if (l.a.kind !== 'pks' || !v || v.id !== l.latest.id || !l.a.umkm_id || !products) return Promise.resolve([]);
  return duplicateWarnings(
    db,
    ctx,
    {
      agreementId: l.a.id,
      umkmId: l.a.umkm_id,
      chainId: l.a.chain_id,
      chainName: l.a.chain_name,
      from: v.starts_on > today ? v.starts_on : today,
      to: v.ends_on,
    },
    products,
  );
}

export async function getAgreement(db: Database, ctx: Ctx, id: string) {
  const l = await load(db, ctx.actor, id);
  const today = todayIn(ctx, l.a.region_code);
  const view = await versionView(db, l.a, l.latest, today);
  const duplicates = await openPksDuplicates(db, ctx, l, view.pks?.products, today);
  const current = { ...view, warnings: [...view.warnings, ...duplicates] };
  const signedParties = new Set(current.signatures.map((s) => s.party));
  const summary = summaryView(l, today);
  return {
    ...summary,
    warnings: [...summary.warnings, ...duplicates],
    today,
    versions: l.versions.map((v) => ({
      version: v.version,
      status: v.status,
      phase: phaseOn(v, today),
      startsOn: v.starts_on,
      endsOn: v.ends_on,
      changeNote: v.change_note,
    })),
    current,
    myParty: agreementPartyOf(ctx.actor, l.a),
    allowed: allowedEvents(ctx.actor, l, signedParties),
  };
}

export async function getVersion(db: Database, ctx: Ctx, id: string, version: number) {
  const l = await load(db, ctx.actor, id);
  const v = l.versions.find((x) => x.version === version);
  if (!v) throw notFound(VERSION, 'version');
  return versionView(db, l.a, v, todayIn(ctx, l.a.region_code));
}

// ---- documents ------------------------------------------------------------------------------------

/** `withholdPersonal`: a draft preview read by a chain with no reason yet to know the owner (UU 27/2022)
 *  names the business only; the naskah, rendered once and signed by the parties, names the owner. */
async function documentModel(db: Database, a: AgreementRow, v: VersionRow, withholdPersonal = false): Promise<DocumentModel> {
  // The document does not depend on the day it is printed: the same version renders the same bytes.
  const view = await versionView(db, a, v, v.starts_on);
  const parties: DocumentModel['parties'] = [];
  if (a.government_id) {
    parties.push({ party: 'government', name: a.government_name ?? '', legalName: a.government_name, detail: null });
  }
  parties.push({
    party: 'chain',
    name: a.branch_name ?? a.chain_name,
    legalName: a.branch_legal_name ?? a.chain_legal_name,
    detail: null,
  });
  if (a.umkm_id) {
    const u = await store.umkmDetail(db, a.umkm_id);
    if (u) {
      parties.push({
        party: 'umkm',
        name: u.name,
        legalName: u.legal_name ?? u.name,
        detail: withholdPersonal ? null : `milik ${u.owner_name}${u.nib ? `, NIB ${u.nib}` : ''}, beralamat di ${u.address}`,
      });
    }
  }
  return {
    kind: a.kind,
    number: a.number,
    version: v.version,
    regionCode: a.region_code,
    regionName: a.region_name,
    startsOn: v.starts_on,
    endsOn: v.ends_on,
    recitals: v.recitals,
    changeNote: v.change_note,
    parties,
    signatories: v.signatories,
    requiredParties: view.requiredParties,
    mou: view.mou,
    pks: view.pks
      ? {
          ...view.pks,
          smallSupplyTermApplies: smallSupplyTermApplies(v.starts_on),
          mouNumber: a.mou_number ?? '',
          deliveryDistricts: await store.regionNames(db, view.pks.deliveryDistrictCodes),
          products: view.pks.products.map((p) => ({
            name: p.name,
            gtin: p.gtin,
            supplierPrice: p.supplierPrice,
            shelfPrice: p.shelfPrice,
          })),
        }
      : null,
    warnings: view.warnings,
  };
}

/** Renders the naskah of a stored version (as an admin would see it) and returns it with its SHA-256;
 *  the demo seeder uses it so its documents are exactly what submitting would have rendered. */
export async function renderNaskah(db: Database, agreementId: string, version: number, at: Date) {
  const admin: Actor = {
    userId: null,
    role: 'admin',
    organizationId: null,
    regionCode: null,
    chainId: null,
    branchId: null,
    outletId: null,
    chainCode: null,
  };
  const l = await load(db, admin, agreementId);
  const v = l.versions.find((x) => x.version === version);
  if (!v) throw notFound(VERSION, 'version');
  const pdf = await renderDocument(await documentModel(db, l.a, v), 'naskah', [], at);
  return { pdf, sha256: sha256Hex(pdf) };
}

/** The PDF of a version: a draft preview (watermarked, never signed), the stored naskah (the exact bytes
 *  signed), or the signed copy (the naskah's content with the signing records in the signature blocks). */
export async function versionDocument(db: Database, ctx: Ctx, id: string, version: number, wanted: 'signed' | 'naskah') {
  const l = await load(db, ctx.actor, id);
  const v = l.versions.find((x) => x.version === version);
  if (!v) throw notFound(VERSION, 'version');
  const filename = `${l.a.number.replaceAll('/', '-')}-v${v.version}`;
  if (v.status === 'draft' || v.status === 'withdrawn' || !v.document_sha256) {
    const withhold = l.a.umkm_id !== null && !(await store.mayReadPersonalData(db, ctx.actor, l.a.umkm_id));
    const pdf = await renderDocument(await documentModel(db, l.a, v, withhold), 'draft', [], v.updated_at);
    return { pdf, sha256: sha256Hex(pdf), filename: `${filename}-draf.pdf`, copy: 'draft' as Copy };
  }
  const stored = await store.documentOf(db, v.id);
  const signatures = await store.signaturesOf(db, [v.id]);
  if (wanted === 'naskah' || signatures.length === 0) {
    if (!stored?.document_pdf) throw notFound(VERSION, 'version');
    return { pdf: stored.document_pdf, sha256: v.document_sha256, filename: `${filename}-naskah.pdf`, copy: 'naskah' as Copy };
  }
  const pdf = await renderDocument(
    await documentModel(db, l.a, v),
    'signed',
    signatures.map((s) => ({
      party: s.party,
      signerName: s.signer_name,
      signerTitle: s.signer_title,
      signerRole: s.signer_role,
      signedAt: new Date(s.signed_at),
      documentSha256: s.document_sha256,
    })),
    v.signed_at ?? v.submitted_at ?? v.updated_at,
  );
  return { pdf, sha256: sha256Hex(pdf), filename: `${filename}-ttd.pdf`, copy: 'signed' as Copy };
}

// ---- drafting -------------------------------------------------------------------------------------

/** A date for people in both languages (messages name dates, never as YYYY-MM-DD). */
const dateBoth = (d: string): Bilingual => ({ id: formatDate(d, 'id'), en: formatDate(d, 'en') });

/** Refuses a period that does not make sense on `today` (agreements.rules.ts periodProblems), naming
 *  every problem at its field at once. */
function checkPeriod(kind: AgreementKind, p: { startsOn: string; endsOn: string }, today: string, moment: 'draft' | 'amendment' | 'sign') {
  const problems = periodProblems(kind, p, today, moment, dateBoth);
  const first = problems[0];
  if (first) throw invalidFields(problems, first.code);
}

function checkSignatories(kind: 'mou' | 'pks', list: Signatory[] | undefined, witness: boolean) {
  const allowed = requiredParties(kind, witness);
  (list ?? []).forEach((s, i) => {
    if (!allowed.includes(s.party)) {
      throw badRequest(
        'signatory_party_invalid',
        { id: 'Penanda tangan harus mewakili salah satu pihak perjanjian.', en: 'A signatory must represent a party of the agreement.' },
        `signatories.${i}.party`,
      );
    }
  });
  if (new Set((list ?? []).map((s) => s.party)).size !== (list ?? []).length) {
    throw badRequest(
      'signatory_duplicate',
      { id: 'Satu penanda tangan untuk setiap pihak.', en: 'One signatory per party.' },
      'signatories',
    );
  }
}

async function checkBranch(db: Database, chainId: string, branchId: string | null | undefined) {
  if (!branchId) return null;
  const b = await db.selectFrom('organizations').select(['id', 'parent_id', 'kind']).where('id', '=', branchId).executeTakeFirst();
  if (b?.kind !== 'branch' || b.parent_id !== chainId) throw notFound({ id: 'Cabang', en: 'Branch' }, 'branchId');
  return b.id;
}

const mouColumns = (t: Partial<MouUpdate>): Updateable<AgreementVersionsTable> => ({
  ...(t.startsOn !== undefined ? { starts_on: t.startsOn } : {}),
  ...(t.endsOn !== undefined ? { ends_on: t.endsOn } : {}),
  ...(t.recitals !== undefined ? { recitals: t.recitals } : {}),
  ...(t.signatories !== undefined ? { signatories: JSON.stringify(t.signatories) } : {}),
  ...(t.outletsWithCorner !== undefined ? { outlets_with_corner: t.outletsWithCorner } : {}),
  ...(t.insideDisplayNote !== undefined ? { inside_display_note: t.insideDisplayNote } : {}),
  ...(t.outsideSpots !== undefined ? { outside_spots: t.outsideSpots } : {}),
  ...(t.promotionEventsPerYear !== undefined ? { promotion_events_per_year: t.promotionEventsPerYear } : {}),
  ...(t.curationSupport !== undefined ? { curation_support: t.curationSupport } : {}),
  ...(t.mentoringSupport !== undefined ? { mentoring_support: t.mentoringSupport } : {}),
  ...(t.quota !== undefined
    ? { quota_bp: t.quota?.bp ?? null, quota_basis: t.quota?.basis ?? null, quota_report_months: t.quota?.reportEveryMonths ?? null }
    : {}),
  ...(t.pksWitness !== undefined ? { pks_witness: t.pksWitness } : {}),
});

const pksColumns = (t: Partial<PksUpdate>): Updateable<AgreementVersionsTable> => ({
  ...(t.startsOn !== undefined ? { starts_on: t.startsOn } : {}),
  ...(t.endsOn !== undefined ? { ends_on: t.endsOn } : {}),
  ...(t.recitals !== undefined ? { recitals: t.recitals } : {}),
  ...(t.signatories !== undefined ? { signatories: JSON.stringify(t.signatories) } : {}),
  ...(t.tradeModel !== undefined ? { trade_model: t.tradeModel } : {}),
  ...(t.marginBp !== undefined ? { margin_bp: t.marginBp } : {}),
  ...(t.otherFees !== undefined ? { other_fees: JSON.stringify(t.otherFees) } : {}),
  ...(t.paymentTermDays !== undefined ? { payment_term_days: t.paymentTermDays } : {}),
  ...(t.smallSupplyPaymentDays !== undefined ? { small_supply_payment_days: t.smallSupplyPaymentDays } : {}),
  ...(t.paymentTechnicalReason !== undefined ? { payment_technical_reason: t.paymentTechnicalReason } : {}),
  ...(t.settlementPeriod !== undefined ? { settlement_period: t.settlementPeriod } : {}),
  ...(t.unsoldGoods !== undefined ? { unsold_goods: t.unsoldGoods } : {}),
  ...(t.expiredGoodsBorneBy !== undefined ? { expired_goods_borne_by: t.expiredGoodsBorneBy } : {}),
  ...(t.perishablePickupHours !== undefined ? { perishable_pickup_hours: t.perishablePickupHours } : {}),
  ...(t.returnNote !== undefined ? { return_note: t.returnNote } : {}),
  ...(t.deliveryDistrictCodes !== undefined ? { delivery_district_codes: t.deliveryDistrictCodes } : {}),
  ...(t.deliveryNote !== undefined ? { delivery_note: t.deliveryNote } : {}),
});

async function replaceRelaxations(db: Database, versionId: string, list: { criterionCode: string; note: string }[]) {
  await db.deleteFrom('agreement_relaxations').where('version_id', '=', versionId).execute();
  const unique = new Map(list.map((r) => [r.criterionCode, r]));
  if (unique.size !== list.length) {
    throw badRequest(
      'relaxation_duplicate',
      { id: 'Setiap persyaratan cukup disebut sekali.', en: 'Name each requirement once.' },
      'relaxations',
    );
  }
  if (list.length) {
    await db
      .insertInto('agreement_relaxations')
      .values(list.map((r) => ({ version_id: versionId, criterion_code: r.criterionCode, note: r.note })))
      .execute();
  }
}

async function replaceProducts(db: Database, versionId: string, umkmId: string, list: PksCreate['products']) {
  const ids = list.map((p) => p.productId);
  if (new Set(ids).size !== ids.length) {
    throw badRequest('product_duplicate', { id: 'Setiap produk cukup disebut sekali.', en: 'List each product once.' }, 'products');
  }
  const owned = await db
    .selectFrom('products')
    .select('id')
    .where('id', 'in', ids)
    .where('umkm_id', '=', umkmId)
    .where('archived_at', 'is', null)
    .execute();
  const ok = new Set(owned.map((p) => p.id));
  const bad = ids.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw notFound({ id: 'Produk UMKM ini', en: "This UMKM's product" }, `products.${bad}.productId`);
  const below = list.flatMap((p, i) =>
    p.shelfPrice < p.supplierPrice
      ? [
          {
            field: `products.${i}.shelfPrice`,
            message: { id: 'Harga rak tidak boleh di bawah harga pemasok.', en: 'The shelf price must not be below the supplier price.' },
          },
        ]
      : [],
  );
  if (below.length) throw invalidFields(below, 'shelf_below_supplier');
  await db.deleteFrom('agreement_products').where('version_id', '=', versionId).execute();
  await db
    .insertInto('agreement_products')
    .values(
      list.map((p) => ({ version_id: versionId, product_id: p.productId, supplier_price: p.supplierPrice, shelf_price: p.shelfPrice })),
    )
    .execute();
}

async function checkDeliveryZone(db: Database, region: { code: string; name: string }, codes: string[]) {
  if (codes.length === 0) return;
  const found = await db.selectFrom('regions').select(['code', 'level']).where('code', 'in', codes).execute();
  const problems = codes.flatMap((c, i) => {
    const r = found.find((x) => x.code === c);
    if (r?.level === 'district' && (c === region.code || c.startsWith(`${region.code}.`))) return [];
    return [
      {
        field: `deliveryDistrictCodes.${i}`,
        message: {
          id: `Kecamatan pengiriman ${i + 1} tidak berada di wilayah MoU (${region.name}).`,
          en: `Delivery district ${i + 1} is not in the MoU's region (${region.name}).`,
        },
      },
    ];
  });
  if (problems.length) throw invalidFields(problems, 'delivery_zone_invalid');
}

export async function createMou(db: Database, ctx: Ctx, input: MouCreate) {
  return getAgreement(db, ctx, await insertMou(db, ctx, input));
}

/** Creates the MoU draft and returns its id (the demo seeds through this, without building views). */
export async function insertMou(db: Database, ctx: Ctx, input: MouCreate): Promise<string> {
  const { actor } = ctx;
  const governmentId = actor.role === 'pemda' ? actor.organizationId : input.governmentId;
  if (actor.role === 'pemda' && input.governmentId && input.governmentId !== governmentId)
    throw notFound({ id: 'Pemerintah daerah', en: 'Government' }, 'governmentId');
  if (!governmentId)
    throw badRequest('government_required', { id: 'Pemerintah daerah wajib diisi.', en: 'The government is required.' }, 'governmentId');
  const gov = await db.selectFrom('organizations').select(['id', 'region_code', 'kind']).where('id', '=', governmentId).executeTakeFirst();
  if (gov?.kind !== 'government' || !gov.region_code) throw notFound({ id: 'Pemerintah daerah', en: 'Government' }, 'governmentId');
  const regionCode = input.regionCode ?? gov.region_code;
  if (!(regionCode === gov.region_code || regionCode.startsWith(`${gov.region_code}.`))) {
    throw badRequest(
      'outside_region',
      { id: 'Wilayah MoU harus berada di wilayah pemerintah daerah.', en: "The MoU's region must lie within the government's." },
      'regionCode',
    );
  }
  const region = await db.selectFrom('regions').select(['code', 'level']).where('code', '=', regionCode).executeTakeFirst();
  if (!region || (region.level !== 'province' && region.level !== 'regency')) {
    throw notFound({ id: `Kode wilayah ${regionCode}`, en: `Region ${regionCode}` }, 'regionCode');
  }
  checkPeriod('mou', input, localDate(regionCode, ctx.now), 'draft');
  checkSignatories('mou', input.signatories, false);
  const chain = await chainByCode(db, input.chainCode);
  const branchId = await checkBranch(db, chain.id, input.branchId);
  const prefix = agreementNumber('mou', regionCode, input.chainCode, input.startsOn.slice(0, 4), 0).replace(/000$/, '');
  const number = agreementNumber('mou', regionCode, input.chainCode, input.startsOn.slice(0, 4), await store.nextSequence(db, prefix));
  const a = await db
    .insertInto('agreements')
    .values({
      kind: 'mou',
      number,
      government_id: gov.id,
      chain_id: chain.id,
      branch_id: branchId,
      region_code: regionCode,
      province_code: regionCode.slice(0, 2),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const values: Insertable<AgreementVersionsTable> = {
    agreement_id: a.id,
    version: 1,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    created_by: actor.userId,
    ...(mouColumns({ ...input, signatories: input.signatories ?? [] }) as object),
  } as Insertable<AgreementVersionsTable>;
  const v = await db.insertInto('agreement_versions').values(values).returning('id').executeTakeFirstOrThrow();
  await replaceRelaxations(db, v.id, input.relaxations ?? []);
  await audit(db, ctx, { action: 'create', entity: 'agreement', entityId: a.id, after: { number, kind: 'mou', ...input } });
  return a.id;
}

/** A PKS draft prefilled from the chain's template: the UMKM's products at their registered prices. */
export async function pksTemplate(db: Database, ctx: Ctx, q: { mouId: string; umkmId: string }) {
  const mou = await load(db, ctx.actor, q.mouId);
  if (mou.a.kind !== 'mou') throw notFound({ id: 'MoU', en: 'MoU' }, 'mouId');
  const u = await store.umkmDetail(db, q.umkmId);
  if (!u) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'umkmId');
  const tpl = PKS_TEMPLATES[mou.a.chain_code as ChainCode];
  const products = await db
    .selectFrom('products')
    .select(['id', 'name', 'supplier_price', 'retail_price'])
    .where('umkm_id', '=', q.umkmId)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  const governing = mou.governing ?? mou.latest;
  const today = todayIn(ctx, mou.a.region_code);
  const startsOn = today > governing.starts_on ? today : governing.starts_on;
  return {
    mouId: mou.a.id,
    umkmId: u.id,
    startsOn,
    endsOn: governing.ends_on,
    tradeModel: tpl.tradeModel,
    marginBp: tpl.marginBp,
    otherFees: tpl.otherFees,
    paymentTermDays: tpl.paymentTermDays,
    smallSupplyPaymentDays: tpl.smallSupplyPaymentDays,
    paymentTechnicalReason: tpl.paymentTechnicalReason,
    settlementPeriod: tpl.settlementPeriod,
    unsoldGoods: tpl.unsoldGoods,
    expiredGoodsBorneBy: tpl.expiredGoodsBorneBy,
    perishablePickupHours: tpl.perishablePickupHours,
    returnNote: tpl.returnNote,
    deliveryDistrictCodes: [],
    products: products.map((p) => {
      const supplier = p.supplier_price as Rupiah;
      const fromMargin = shelfPriceFor(supplier, tpl.marginBp);
      return {
        productId: p.id,
        name: p.name,
        supplierPrice: Number(supplier),
        // The registered suggested shelf price when it leaves the margin, else one computed from it.
        shelfPrice: Number((p.retail_price as bigint) >= fromMargin ? p.retail_price : fromMargin),
      };
    }),
  };
}

export async function createPks(db: Database, ctx: Ctx, input: PksCreate) {
  return getAgreement(db, ctx, await insertPks(db, ctx, input));
}

/** Creates the PKS draft and returns its id. */
export async function insertPks(db: Database, ctx: Ctx, input: PksCreate): Promise<string> {
  const { actor } = ctx;
  const mou = await load(db, actor, input.mouId);
  if (mou.a.kind !== 'mou') throw notFound({ id: 'MoU', en: 'MoU' }, 'mouId');
  if (!mayDraftPks(actor, mou.a)) throw notFound({ id: 'MoU', en: 'MoU' }, 'mouId');
  const signedMou = mou.versions.find((v) => v.status === 'signed');
  if (!signedMou) {
    throw conflict(
      'mou_not_signed',
      { id: 'PKS hanya dapat dibuat di bawah MoU yang sudah ditandatangani.', en: 'A PKS is made only under a signed MoU.' },
      'mouId',
    );
  }
  const u = await store.umkmDetail(db, input.umkmId);
  if (!u) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'umkmId');
  if (!(u.village_code.startsWith(`${mou.a.region_code}.`) || u.village_code === mou.a.region_code)) {
    throw badRequest(
      'umkm_outside_region',
      { id: 'UMKM berada di luar wilayah MoU.', en: "The UMKM is outside the MoU's region." },
      'umkmId',
    );
  }
  checkPeriod('pks', input, todayIn(ctx, mou.a.region_code), 'draft');
  const witness = signedMou.pks_witness ?? false;
  checkSignatories('pks', input.signatories, witness);
  await checkDeliveryZone(db, { code: mou.a.region_code, name: mou.a.region_name }, input.deliveryDistrictCodes);
  const branchId = actor.branchId ?? (await checkBranch(db, mou.a.chain_id, input.branchId ?? mou.a.branch_id));
  const chainCode = mou.a.chain_code as ChainCode;
  const year = input.startsOn.slice(0, 4);
  const prefix = agreementNumber('pks', mou.a.region_code, chainCode, year, 0).replace(/0000$/, '');
  const number = agreementNumber('pks', mou.a.region_code, chainCode, year, await store.nextSequence(db, prefix));
  const a = await db
    .insertInto('agreements')
    .values({
      kind: 'pks',
      number,
      government_id: mou.a.government_id,
      chain_id: mou.a.chain_id,
      branch_id: branchId,
      umkm_id: u.id,
      mou_id: mou.a.id,
      region_code: mou.a.region_code,
      province_code: mou.a.province_code,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const values = {
    agreement_id: a.id,
    version: 1,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    witness_required: witness,
    created_by: actor.userId,
    ...pksColumns({ ...input, signatories: input.signatories ?? [] }),
  } as Insertable<AgreementVersionsTable>;
  const v = await db.insertInto('agreement_versions').values(values).returning('id').executeTakeFirstOrThrow();
  await replaceProducts(db, v.id, u.id, input.products);
  await audit(db, ctx, { action: 'create', entity: 'agreement', entityId: a.id, after: { number, kind: 'pks', ...input } });
  return a.id;
}

/** Edits the open draft (the drafting party only). */
export async function updateDraft(db: Database, ctx: Ctx, id: string, kind: 'mou' | 'pks', patch: MouUpdate | PksUpdate) {
  const l = await load(db, ctx.actor, id);
  if (l.a.kind !== kind) throw notFound(AGREEMENT, 'id');
  if (!mayEditDraft(ctx.actor, l.a)) throw notParty('edit');
  await store.lockAgreement(db, id);
  const v = l.open ?? l.latest;
  if (!canApply('edit', v.status)) throw invalidTransition('edit', v);
  const before = await versionView(db, l.a, v, todayIn(ctx, l.a.region_code));
  checkPeriod(
    kind,
    { startsOn: patch.startsOn ?? v.starts_on, endsOn: patch.endsOn ?? v.ends_on },
    todayIn(ctx, l.a.region_code),
    v.version > 1 ? 'amendment' : 'draft',
  );
  checkSignatories(kind, patch.signatories, v.witness_required);
  const set = kind === 'mou' ? mouColumns(patch as MouUpdate) : pksColumns(patch as PksUpdate);
  await db
    .updateTable('agreement_versions')
    .set({ ...set, updated_at: sql`now()` })
    .where('id', '=', v.id)
    .execute();
  if (kind === 'mou' && (patch as MouUpdate).relaxations) await replaceRelaxations(db, v.id, (patch as MouUpdate).relaxations ?? []);
  if (kind === 'pks') {
    const p = patch as PksUpdate;
    if (p.deliveryDistrictCodes) await checkDeliveryZone(db, { code: l.a.region_code, name: l.a.region_name }, p.deliveryDistrictCodes);
    if (p.products) await replaceProducts(db, v.id, l.a.umkm_id as string, p.products);
  }
  const view = await getAgreement(db, ctx, id);
  await audit(db, ctx, { action: 'edit', entity: 'agreement', entityId: id, before, after: view.current });
  return view;
}

// ---- lifecycle ------------------------------------------------------------------------------------

/** Loads, locks and checks that the event applies to the version the caller saw. */
async function guarded(db: Database, ctx: Ctx, id: string, seenVersion: number | null) {
  const l = await load(db, ctx.actor, id);
  await store.lockAgreement(db, id);
  // Re-read under the lock: another request may have moved the agreement since.
  const fresh = shape(l.a, await store.versionsOf(db, [id]));
  if (seenVersion !== null && seenVersion !== fresh.latest.version) throw staleVersion(seenVersion, fresh.latest.version);
  return fresh;
}

async function setStatus(
  db: Database,
  ctx: Ctx,
  l: Loaded,
  v: VersionRow,
  to: VersionStatus,
  extra: Updateable<AgreementVersionsTable>,
  event: string,
  note?: unknown,
) {
  await db
    .updateTable('agreement_versions')
    .set({ ...extra, status: to, updated_at: sql`now()` })
    .where('id', '=', v.id)
    .where('status', '=', v.status)
    .execute();
  await audit(db, ctx, {
    action: event,
    entity: 'agreement',
    entityId: l.a.id,
    before: { version: v.version, status: v.status },
    after: { version: v.version, status: to, ...(note ? { note } : {}) },
  });
}

export async function submit(db: Database, ctx: Ctx, id: string, seen: number) {
  await applySubmit(db, ctx, id, seen, ctx.now);
  return getAgreement(db, ctx, id);
}

/** draft → in_review: renders the naskah and fixes its SHA-256. `at` is the submission time (the demo
 *  seeds fixed times; requests pass the clock). Returns the naskah's SHA-256. */
export async function applySubmit(db: Database, ctx: Ctx, id: string, seen: number, at: Date): Promise<string> {
  const l = await guarded(db, ctx, id, seen);
  const v = l.latest;
  if (!canApply('submit', v.status)) throw invalidTransition('submit', v);
  if (!maySubmit(ctx.actor, l.a)) throw notParty('submit');
  checkPeriod(
    l.a.kind,
    { startsOn: v.starts_on, endsOn: v.ends_on },
    localDate(l.a.region_code, at),
    v.version > 1 ? 'amendment' : 'draft',
  );
  requireCompliant(l.a, v);
  if (l.a.kind === 'pks') {
    const mou = await db
      .selectFrom('agreement_versions')
      .select(['starts_on', 'ends_on'])
      .where('agreement_id', '=', l.a.mou_id as string)
      .where('status', '=', 'signed')
      .executeTakeFirst();
    if (!mou)
      throw conflict('mou_not_signed', { id: 'MoU induk tidak lagi berlaku.', en: 'The parent MoU is no longer in force.' }, 'mouId');
    if (v.starts_on < mou.starts_on || v.ends_on > mou.ends_on) {
      throw badRequest(
        'outside_mou_period',
        {
          id: `Jangka waktu PKS harus di dalam jangka waktu MoU (${dateBoth(mou.starts_on).id} s.d. ${dateBoth(mou.ends_on).id}).`,
          en: `The PKS period must lie within the MoU's (${dateBoth(mou.starts_on).en} to ${dateBoth(mou.ends_on).en}).`,
        },
        'startsOn',
      );
    }
    const n = await db
      .selectFrom('agreement_products')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('version_id', '=', v.id)
      .executeTakeFirstOrThrow();
    if (n.n === 0)
      throw badRequest(
        'products_required',
        { id: 'PKS harus mencakup sedikitnya satu produk.', en: 'A PKS covers at least one product.' },
        'products',
      );
  }
  const previous = l.governing;
  if (previous && v.starts_on < previous.starts_on) {
    throw badRequest(
      'amendment_starts_early',
      { id: 'Adendum tidak boleh berlaku sebelum versi yang diubahnya.', en: 'An amendment cannot start before the version it amends.' },
      'startsOn',
    );
  }
  const submittedAt = at;
  const pdf = await renderDocument(await documentModel(db, l.a, v), 'naskah', [], submittedAt);
  const sha = sha256Hex(pdf);
  await setStatus(db, ctx, l, v, 'in_review', { document_pdf: pdf, document_sha256: sha, submitted_at: submittedAt }, 'submit', {
    documentSha256: sha,
  });
  return sha;
}

export async function returnToDraft(db: Database, ctx: Ctx, id: string, seen: number, note: string) {
  const l = await guarded(db, ctx, id, seen);
  const v = l.latest;
  if (!canApply('return', v.status)) throw invalidTransition('return', v);
  if (!mayReturn(ctx.actor, l.a, requiredParties(l.a.kind, v.witness_required))) throw notParty('return');
  // The document will change: every signature given to it is void, and the naskah is rendered anew.
  await db
    .updateTable('agreement_signatures')
    .set({ voided_at: sql`now()` })
    .where('version_id', '=', v.id)
    .where('voided_at', 'is', null)
    .execute();
  await setStatus(db, ctx, l, v, 'draft', { document_pdf: null, document_sha256: null, submitted_at: null }, 'return', note);
  return getAgreement(db, ctx, id);
}

export async function withdraw(db: Database, ctx: Ctx, id: string, seen: number, reason?: string) {
  const l = await guarded(db, ctx, id, seen);
  const v = l.latest;
  if (!canApply('withdraw', v.status)) throw invalidTransition('withdraw', v);
  if (!mayWithdraw(ctx.actor, l.a)) throw notParty('withdraw');
  await db
    .updateTable('agreement_signatures')
    .set({ voided_at: sql`now()` })
    .where('version_id', '=', v.id)
    .where('voided_at', 'is', null)
    .execute();
  await setStatus(db, ctx, l, v, 'withdrawn', {}, 'withdraw', reason);
  return getAgreement(db, ctx, id);
}

export async function sign(db: Database, ctx: Ctx, id: string, input: { version: number; documentSha256: string }) {
  await applySign(db, ctx, id, input, ctx.now);
  return getAgreement(db, ctx, id);
}

/** What a signature of this party says when the signer's account has no jabatan: a description of the
 *  party, never a title the signer might not hold. */
const PARTY_SIGNER: Record<Party, string> = {
  government: 'Perwakilan Pemerintah Daerah',
  chain: 'Perwakilan jaringan ritel',
  umkm: 'Pemilik usaha',
};

/** Records one party's signature of the naskah it read; the last one makes the version signed. The
 *  signer's name and jabatan are those of the signing account (users.name, users.title). */
export async function applySign(db: Database, ctx: Ctx, id: string, input: { version: number; documentSha256: string }, at: Date) {
  const l = await guarded(db, ctx, id, input.version);
  const v = l.latest;
  if (!canApply('sign', v.status)) throw invalidTransition('sign', v);
  const party = agreementSigningParty(ctx.actor, l.a, requiredParties(l.a.kind, v.witness_required));
  if (!party) throw notParty('sign');
  const required = requiredParties(l.a.kind, v.witness_required);
  if (input.documentSha256 !== v.document_sha256) {
    throw conflict(
      'document_changed',
      {
        id: 'Dokumen yang Anda baca bukan naskah yang sedang ditandatangani. Unduh dan baca naskah terbaru.',
        en: 'The document you read is not the one being signed. Download and read the current document.',
      },
      'documentSha256',
    );
  }
  const signatures = await store.signaturesOf(db, [v.id]);
  if (signatures.some((s) => s.party === party)) {
    throw conflict(
      'already_signed',
      { id: 'Pihak Anda sudah menandatangani versi ini.', en: 'Your party has already signed this version.' },
      'version',
    );
  }
  // A version sent before the rule it breaks was in the catalogue is refused here too, and so is one whose
  // period has passed while it waited for signatures.
  requireCompliant(l.a, v);
  checkPeriod(l.a.kind, { startsOn: v.starts_on, endsOn: v.ends_on }, localDate(l.a.region_code, at), 'sign');
  const account = await db
    .selectFrom('users')
    .select(['name', 'title'])
    .where('id', '=', ctx.actor.userId as string)
    .executeTakeFirstOrThrow();
  const organizationId = party === 'government' ? l.a.government_id : party === 'chain' ? (l.a.branch_id ?? l.a.chain_id) : l.a.umkm_id;
  await db
    .insertInto('agreement_signatures')
    .values({
      version_id: v.id,
      party,
      organization_id: organizationId as string,
      user_id: ctx.actor.userId as string,
      signer_name: account.name,
      signer_title: account.title?.trim() || PARTY_SIGNER[party],
      signer_role: ctx.actor.role,
      signed_at: at,
      document_sha256: v.document_sha256,
    })
    .execute();
  await audit(db, ctx, {
    action: 'sign',
    entity: 'agreement',
    entityId: l.a.id,
    after: { version: v.version, party, documentSha256: v.document_sha256, signedAt: at.toISOString() },
  });
  const signed = new Set([...signatures.map((s) => s.party), party]);
  if (required.every((p) => signed.has(p))) {
    // The last signature makes the version binding; a version it amends stays in force until its start.
    if (l.governing?.status === 'signed') {
      await setStatus(db, ctx, l, l.governing, 'superseded', { superseded_on: v.starts_on }, 'supersede', {
        by: v.version,
        from: v.starts_on,
      });
    }
    await setStatus(db, ctx, l, v, 'signed', { signed_at: at }, 'signed');
  }
}

export async function terminate(db: Database, ctx: Ctx, id: string, input: { reason: string; effectiveOn?: string }) {
  const l = await guarded(db, ctx, id, null);
  const v = l.governing;
  if (!v || !canApply('terminate', v.status)) throw invalidTransition('terminate', v ?? l.latest);
  if (!mayTerminate(ctx.actor, l.a)) throw notParty('terminate');
  const today = todayIn(ctx, l.a.region_code);
  const on = input.effectiveOn ?? today;
  // Termination looks forward: rewriting which days were covered would falsify sales already settled.
  if (on < today) {
    throw badRequest(
      'termination_in_past',
      { id: 'Tanggal berakhirnya tidak boleh sebelum hari ini.', en: 'The termination date cannot be before today.' },
      'effectiveOn',
    );
  }
  if (on > addDays(v.ends_on, 1)) {
    throw badRequest(
      'termination_after_end',
      { id: 'Perjanjian sudah berakhir sebelum tanggal itu.', en: 'The agreement ends before that date.' },
      'effectiveOn',
    );
  }
  if (l.open) await setStatus(db, ctx, l, l.open, 'withdrawn', {}, 'withdraw', 'perjanjian diakhiri / agreement terminated');
  await setStatus(db, ctx, l, v, 'terminated', { terminated_on: on, termination_reason: input.reason }, 'terminate', {
    reason: input.reason,
    effectiveOn: on,
  });
  return getAgreement(db, ctx, id);
}

/** An amendment: a new draft version copying the signed one; the signed one stays in force meanwhile. */
export async function amend(db: Database, ctx: Ctx, id: string, changeNote: string) {
  const l = await guarded(db, ctx, id, null);
  const v = l.governing;
  if (!v || !canApply('amend', v.status)) throw invalidTransition('amend', v ?? l.latest);
  if (!mayAmend(ctx.actor, l.a)) throw notParty('amend');
  if (l.open) {
    throw conflict(
      'amendment_open',
      { id: `Versi ${l.open.version} masih terbuka.`, en: `Version ${l.open.version} is still open.` },
      'version',
    );
  }
  const {
    id: _id,
    agreement_id,
    version,
    status,
    document_sha256,
    submitted_at,
    signed_at,
    superseded_on,
    terminated_on,
    termination_reason,
    created_at,
    updated_at,
    ...terms
  } = v;
  const created = await db
    .insertInto('agreement_versions')
    .values({
      ...terms,
      agreement_id,
      version: l.latest.version + 1,
      change_note: changeNote,
      signatories: JSON.stringify(v.signatories),
      other_fees: JSON.stringify(v.other_fees),
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO agreement_products (version_id, product_id, supplier_price, shelf_price)
    SELECT ${created.id}, product_id, supplier_price, shelf_price FROM agreement_products WHERE version_id = ${v.id}`.execute(db);
  await sql`INSERT INTO agreement_relaxations (version_id, criterion_code, note)
    SELECT ${created.id}, criterion_code, note FROM agreement_relaxations WHERE version_id = ${v.id}`.execute(db);
  await audit(db, ctx, {
    action: 'amend',
    entity: 'agreement',
    entityId: id,
    before: { version: v.version },
    after: { version: l.latest.version + 1, changeNote },
  });
  return getAgreement(db, ctx, id);
}

// ---- reminders and queries ------------------------------------------------------------------------

/** What each party's home shows: agreements ending within 30 or 60 days, versions waiting for
 *  signatures (marked when it is this actor's), and PKS the rules of trade flag — a signed PKS breaking
 *  PP 29/2021 Pasal 95 is shown to each of its parties and to the Dinas of its region. */
export async function reminders(db: Database, ctx: Ctx, q: { date?: string }) {
  const now = ctx.now;
  const anchor = q.date ?? localDate(ctx.actor.regionCode ?? '31', now);
  const c = await store.reminderCandidates(db, ctx.actor, addDays(anchor, -1), addDays(anchor, 61));
  const expiring = c.ending.flatMap((r) => {
    const today = q.date ?? localDate(r.region_code, now);
    if (r.terminated_on && r.terminated_on <= today) return [];
    const daysLeft = daysBetween(today, r.ends_on);
    if (daysLeft < 0 || daysLeft > 60 || r.starts_on > today) return [];
    return [{ id: r.id, kind: r.kind, number: r.number, endsOn: r.ends_on, daysLeft, within: (daysLeft <= 30 ? 30 : 60) as 30 | 60 }];
  });
  const sigs = await store.signaturesOf(
    db,
    c.reviewing.map((r) => r.version_id),
  );
  const awaitingSignature = c.reviewing.map((r) => {
    const signed = new Set(sigs.filter((s) => s.version_id === r.version_id).map((s) => s.party));
    const missing = requiredParties(r.kind, r.witness_required).filter((p) => !signed.has(p));
    const mine = agreementPartyOf(ctx.actor, r);
    return {
      id: r.id,
      kind: r.kind,
      number: r.number,
      version: r.version,
      missingParties: missing,
      mine: mine !== null && missing.includes(mine),
    };
  });
  const flagged = c.pks.flatMap((r) => {
    const today = q.date ?? localDate(r.region_code, now);
    const live = r.status === 'in_review' || inForceOn(r, today) || r.starts_on > today;
    const warnings = judge(termsOf(r));
    return live && warnings.length ? [{ id: r.id, number: r.number, warnings }] : [];
  });
  // Ended by another party in the last 30 days (or from a date still to come): each party is told.
  const terminated = (await store.recentlyTerminated(db, ctx.actor, addDays(anchor, -30)))
    .filter((r) => r.by_org !== ctx.actor.organizationId)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      umkmName: r.umkm_name,
      terminatedOn: r.terminated_on as string,
      reason: r.termination_reason ?? '',
      byName: r.by_name,
    }));
  return { today: anchor, expiring, awaitingSignature, flagged: flagged.slice(0, 100), terminated };
}

/** Terms in force for a product at an outlet, as this actor may see them (outlet and agreement scoped). */
export async function termsFor(db: Database, ctx: Ctx, q: { productId: string; outletId: string; date?: string }) {
  const outlet = await getOutlet(db, ctx, q.outletId);
  const date = q.date ?? todayIn(ctx, outlet.districtCode);
  const t = await termsInForce(db, { productId: q.productId, outletId: q.outletId, date });
  if (!t || !(await store.findAgreement(db, ctx.actor, t.agreementId))) {
    throw notFound({ id: 'Ketentuan PKS yang berlaku', en: 'Terms in force' }, 'productId');
  }
  return { ...t, supplierPrice: t.supplierPrice as bigint, shelfPrice: t.shelfPrice as bigint };
}

export async function eligibleFor(db: Database, ctx: Ctx, q: { chainCode?: ChainCode; regionCode: string; date?: string }) {
  const { actor } = ctx;
  let chainCode = q.chainCode;
  if (actor.role === 'retailer') {
    if (chainCode && chainCode !== actor.chainCode) throw notFound({ id: 'Jaringan ritel', en: 'Chain' }, 'chainCode');
    chainCode = actor.chainCode ?? undefined;
  }
  if (!chainCode) throw badRequest('chain_required', { id: 'Jaringan ritel wajib diisi.', en: 'The chain is required.' }, 'chainCode');
  if (actor.role === 'pemda') {
    const own = actor.regionCode ?? '';
    if (!(q.regionCode === own || q.regionCode.startsWith(`${own}.`))) throw notFound({ id: 'Wilayah', en: 'Region' }, 'regionCode');
  }
  await requireRegion(
    db,
    q.regionCode,
    ({ 2: 'province', 5: 'regency', 8: 'district' } as const)[q.regionCode.length as 2 | 5 | 8] ?? 'village',
    'regionCode',
  );
  const items = await eligibleProducts(db, { chainCode, regionCode: q.regionCode, date: q.date ?? todayIn(ctx, q.regionCode) });
  return { items };
}
