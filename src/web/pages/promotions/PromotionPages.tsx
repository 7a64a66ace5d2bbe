// Promotion campaigns (C9) on the phone. The chain: its campaigns, a form to plan one (period, outlets of a
// region with a display each, featured products under its PKS with an optional price promotion and who
// pays for it), the checks against the MoU and PKS, and after the campaign what it did to sales. Store
// staff: the materials list of their store (what display, which products, which price tags). The Dinas
// and the makers follow the campaigns of their region / featuring their products.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api, qs } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { FormProblem, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { BackLink, Badge, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatBasisPoints, formatDate, formatNumber, formatPeriod, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { useToday } from '../operations/parts.tsx';

type Campaign = Item<'/api/promotions'>;
type Detail = Answer<'/api/promotions/{id}'>;
type Results = Answer<'/api/promotions/{id}/results'>;
type Materials = Answer<'/api/promotions/{id}/materials'>;
type Options = Answer<'/api/promotions/options'>;
type CreateBody = Body<'/api/promotions'>;
type Phase = Campaign['phase'];
type Display = CreateBody['outlets'][number]['display'];
type Funder = NonNullable<CreateBody['products'][number]['fundedBy']>;

const DISPLAYS: Display[] = ['pojok_umkm', 'eye_level', 'end_cap', 'terrace'];
const FUNDERS: Funder[] = ['chain', 'umkm', 'government', 'shared'];
const DISPLAY_LABEL: Record<Display, [string, string]> = {
  pojok_umkm: ['Pojok UMKM (di dalam gerai)', 'UMKM corner (inside)'],
  eye_level: ['Rak setinggi mata (di dalam gerai)', 'Eye-level shelf (inside)'],
  end_cap: ['Ujung rak / gondola (di dalam gerai)', 'End of aisle (inside)'],
  terrace: ['Teras gerai (di luar gerai)', 'Outlet terrace (outside)'],
};
const FUNDER_LABEL: Record<Funder, [string, string]> = {
  chain: ['Ditanggung jaringan ritel', 'Funded by the chain'],
  umkm: ['Ditanggung UMKM', 'Funded by the UMKM'],
  government: ['Ditanggung pemerintah daerah', 'Funded by the local government'],
  shared: ['Dibagi jaringan ritel dan UMKM', 'Shared by the chain and the UMKM'],
};

const tone = (p: Phase) => (p === 'running' ? 'ok' : p === 'cancelled' ? 'bad' : p === 'upcoming' ? 'warn' : 'neutral');
const useManager = () => {
  const me = useUser();
  return me.role === 'retailer' && !me.outlet;
};

// ---- the list ----

function CampaignCard({ c }: { c: Campaign }) {
  const { t, tx, lang } = useI18n();
  return (
    <li className="card item" data-testid="campaign">
      <Link href={`/promotions/${c.id}`} className="item-title" translate="no">
        {c.name}
      </Link>
      <p className="op-meta">
        {formatPeriod(c.startsOn, c.endsOn, lang)} · <span translate="no">{c.regionName}</span>
      </p>
      <p className="op-meta">
        <span translate="no">{c.branchName ?? c.chainName}</span> ·{' '}
        {t('{o} gerai, {p} produk', '{o} outlets, {p} products', {
          o: formatNumber(c.outletCount, lang),
          p: formatNumber(c.productCount, lang),
        })}
      </p>
      <p>
        <Badge tone={tone(c.phase)}>{tx(c.phaseLabel)}</Badge>
      </p>
    </li>
  );
}

export function PromotionListPage() {
  const { t } = useI18n();
  const manager = useManager();
  const lp = useListParams();
  const phase = lp.get('phase') as Phase | '';
  const q = useQuery({
    queryKey: ['promotions', phase, lp.offset],
    queryFn: () =>
      api.get<Answer<'/api/promotions'>>(`/api/promotions${qs({ phase: phase || undefined, limit: lp.limit, offset: lp.offset })}`),
  });
  const phases: [Phase, string][] = [
    ['upcoming', t('Akan datang', 'Upcoming')],
    ['running', t('Sedang berjalan', 'Running')],
    ['ended', t('Selesai', 'Ended')],
    ['cancelled', t('Dibatalkan', 'Cancelled')],
  ];
  return (
    <>
      <PageHeader
        title={t('Kampanye promosi', 'Promotion campaigns')}
        subtitle={t(
          'Pajangan dan promosi produk UMKM di gerai, dengan hasil penjualannya.',
          'Displays and promotions of UMKM products in outlets, with what they sold.',
        )}
        testId="promotions-title"
      >
        {manager && (
          <ButtonLink href="/promotions/new" primary testId="new-campaign">
            {t('Buat kampanye', 'New campaign')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SelectField
          name="phase"
          label={t('Tahap', 'Phase')}
          value={phase}
          placeholder={t('Semua', 'All')}
          options={phases}
          onChange={(v) => lp.setFilter({ phase: v || null })}
        />
      </div>
      <ListBody
        query={q}
        empty={t('Belum ada kampanye.', 'No campaigns yet.')}
        render={(c) => <CampaignCard key={c.id} c={c} />}
        page={lp.page}
        onPage={lp.setPage}
        testId="campaigns"
      />
    </>
  );
}

// ---- the form ----

interface ProductPick {
  discountPct: string;
  fundedBy: Funder | '';
  sharePct: string;
}

const pctToBp = (s: string): number | null => {
  const v = s.replace(',', '.').trim();
  if (!v) return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
};

export function PromotionFormPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const today = useToday('17');
  const [name, setName] = useState('');
  const [regionCode, setRegion] = useState('');
  const [startsOn, setStarts] = useState('');
  const [endsOn, setEnds] = useState('');
  const [products, setProducts] = useState<Map<string, ProductPick>>(new Map());
  const [outlets, setOutlets] = useState<Map<string, Display>>(new Map());
  const [allOutlets, setAllOutlets] = useState(false);
  const f = useFormErrors();
  const ready = regionCode.split('.').length >= 2 && /^\d{4}-\d{2}-\d{2}$/.test(startsOn);
  const opts = useQuery({
    queryKey: ['promotions', 'options', regionCode, startsOn, endsOn],
    enabled: ready,
    queryFn: () =>
      api.get<Options>(
        `/api/promotions/options${qs({ regionCode, startsOn, endsOn: /^\d{4}-\d{2}-\d{2}$/.test(endsOn) ? endsOn : startsOn })}`,
      ),
  });
  const o = opts.data;
  const shownOutlets = useMemo(() => {
    if (!o) return [];
    if (allOutlets) return o.outlets;
    const wanted = new Set(o.products.filter((p) => products.has(p.productId)).flatMap((p) => p.placedAt));
    return o.outlets.filter((x) => wanted.has(x.id) || outlets.has(x.id));
  }, [o, products, outlets, allOutlets]);
  const chosenProducts = o ? o.products.filter((p) => products.has(p.productId)) : [];
  const chosenOutlets = o ? o.outlets.filter((x) => outlets.has(x.id)) : [];
  const terraces = [...outlets.values()].filter((d) => d === 'terrace').length;

  const body = (): CreateBody => ({
    name: name.trim(),
    regionCode,
    startsOn,
    endsOn,
    outlets: chosenOutlets.map((x) => ({ outletId: x.id, display: outlets.get(x.id) as Display })),
    products: chosenProducts.map((p) => {
      const pick = products.get(p.productId) as ProductPick;
      const discountBp = pctToBp(pick.discountPct);
      return {
        productId: p.productId,
        discountBp,
        fundedBy: pick.fundedBy || null,
        umkmShareBp: pick.fundedBy === 'shared' ? pctToBp(pick.sharePct) : null,
      };
    }),
  });
  const save = useMutation({
    mutationFn: (b: CreateBody) => api.post<Detail>('/api/promotions', b),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: ['promotions'] });
      navigate(`/promotions/${d.id}`);
    },
    onError: (e) =>
      f.fromApi(e, (field) => {
        if (['name', 'regionCode', 'startsOn', 'endsOn', 'outlets', 'products'].includes(field)) return field;
        const m = /^(outlets|products)\.(\d+)\.(\w+)$/.exec(field);
        if (!m) return null;
        if (m[1] === 'outlets') return `outlets.${m[2]}`;
        return m[3] === 'productId' ? `products.${m[2]}` : `products.${m[2]}.${m[3]}`;
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, { id: string; en: string }> = {};
    if (!name.trim()) missing.name = { id: 'Nama kampanye wajib diisi.', en: 'The campaign name is required.' };
    if (!regionCode) missing.regionCode = { id: 'Pilih wilayah kampanye.', en: 'Choose the campaign region.' };
    if (!startsOn) missing.startsOn = { id: 'Hari pertama wajib diisi.', en: 'The first day is required.' };
    if (!endsOn) missing.endsOn = { id: 'Hari terakhir wajib diisi.', en: 'The last day is required.' };
    if (ready && chosenProducts.length === 0)
      missing.products = { id: 'Pilih paling sedikit satu produk.', en: 'Choose at least one product.' };
    if (ready && chosenOutlets.length === 0)
      missing.outlets = { id: 'Pilih paling sedikit satu gerai.', en: 'Choose at least one outlet.' };
    if (Object.keys(missing).length) return f.setClient(missing);
    f.reset();
    save.mutate(body());
  };
  const setPick = (id: string, patch: Partial<ProductPick>) =>
    setProducts((m) => new Map(m).set(id, { ...(m.get(id) ?? { discountPct: '', fundedBy: '', sharePct: '' }), ...patch }));

  return (
    <>
      <BackLink href="/promotions" label={t('Kampanye promosi', 'Promotion campaigns')} />
      <PageHeader title={t('Buat kampanye promosi', 'New promotion campaign')} testId="campaign-form-title" />
      <form className="form card" onSubmit={submit} noValidate data-testid="campaign-form">
        <FormProblem error={f.general} />
        <TextField
          name="name"
          label={t('Nama kampanye', 'Campaign name')}
          value={name}
          onChange={(v) => {
            setName(v);
            f.clear('name');
          }}
          error={f.err('name')}
          hint={t('Contoh: HUT Kota Bengkulu ke-308', 'E.g. HUT Kota Bengkulu ke-308')}
          maxLength={160}
          translate="no"
        />
        <RegionPicker
          name="regionCode"
          label={t('Wilayah kampanye', 'Campaign region')}
          value={regionCode}
          onChange={(v) => {
            setRegion(v);
            setOutlets(new Map());
            f.clear('regionCode');
          }}
          depth="regency"
          error={f.err('regionCode')}
        />
        <div className="grid-2">
          <TextField
            name="startsOn"
            type="date"
            label={t('Hari pertama', 'First day')}
            value={startsOn}
            min={today}
            onChange={(v) => {
              setStarts(v);
              f.clear('startsOn');
            }}
            error={f.err('startsOn')}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t('Hari terakhir', 'Last day')}
            value={endsOn}
            min={startsOn || today}
            onChange={(v) => {
              setEnds(v);
              f.clear('endsOn');
            }}
            error={f.err('endsOn')}
          />
        </div>
        {!ready && (
          <p className="muted">
            {t(
              'Pilih wilayah dan hari pertama untuk memilih produk dan gerai.',
              'Choose the region and the first day to pick products and outlets.',
            )}
          </p>
        )}
        {ready && opts.isPending && <Loading />}
        {ready && opts.error && <Problem error={opts.error} onRetry={() => opts.refetch()} />}
        {o && (
          <>
            <fieldset className="field" data-field="products">
              <legend>{t('Produk yang ditampilkan', 'Featured products')}</legend>
              <p className="hint">
                {t(
                  'Produk dengan PKS yang berlaku pada hari pertama dan sedang dipajang di gerai wilayah ini.',
                  'Products under a PKS in force on the first day and on the shelf at outlets of this region.',
                )}
              </p>
              {f.err('products') && (
                <p className="field-error" role="alert">
                  {lang === 'id' ? f.err('products')?.id : f.err('products')?.en}
                </p>
              )}
              {o.products.length === 0 && <p className="empty">{t('Tidak ada produk yang memenuhi.', 'No product qualifies.')}</p>}
              <ul className="cards">
                {o.products.map((p) => {
                  const pick = products.get(p.productId);
                  const i = chosenProducts.findIndex((x) => x.productId === p.productId);
                  const at = (s: string) => `products.${i}${s}`;
                  const funded = pick?.fundedBy === 'umkm' || pick?.fundedBy === 'shared';
                  return (
                    <li key={p.productId} className="card" data-field={i >= 0 ? at('') : undefined} data-testid="campaign-product">
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={!!pick}
                          onChange={(e) =>
                            setProducts((m) => {
                              const n = new Map(m);
                              if (e.target.checked) n.set(p.productId, { discountPct: '', fundedBy: '', sharePct: '' });
                              else n.delete(p.productId);
                              return n;
                            })
                          }
                        />{' '}
                        <span translate="no">{p.productName}</span>
                      </label>
                      <p className="op-meta">
                        <span translate="no">{p.umkmName}</span> · <span translate="no">{p.agreementNumber}</span>
                        {p.shelfPrice !== null && ` · ${formatRupiah(p.shelfPrice)}`} ·{' '}
                        {t('di {n} gerai', 'at {n} outlets', { n: formatNumber(p.placedAt.length, lang) })}
                      </p>
                      {i >= 0 && f.err(at('')) && (
                        <p className="field-error" role="alert">
                          {lang === 'id' ? f.err(at(''))?.id : f.err(at(''))?.en}
                        </p>
                      )}
                      {pick && (
                        <div className="grid-2">
                          <TextField
                            name={at('.discountBp')}
                            label={t('Potongan harga (%) — boleh kosong', 'Discount (%) — optional')}
                            inputMode="decimal"
                            value={pick.discountPct}
                            onChange={(v) => {
                              setPick(p.productId, { discountPct: v });
                              f.clear(at('.discountBp'));
                            }}
                            error={f.err(at('.discountBp'))}
                            hint={
                              funded
                                ? t(
                                    'Bagian UMKM dihitung sebagai biaya: bersama biaya lain PKS ({b}) paling banyak 15% dari nilai tagihannya (Permendag 23/2021 Pasal 11) — paling banyak {m} dari harga rak bila UMKM menanggung seluruhnya.',
                                    "The UMKM's part counts as a fee: with the PKS's other fees ({b}) at most 15% of her billed value (Permendag 23/2021 Pasal 11) — at most {m} of the shelf price if she funds all of it.",
                                    { b: formatBasisPoints(p.otherFeesBp, lang), m: formatBasisPoints(p.maxUmkmFundedBp, lang) },
                                  )
                                : undefined
                            }
                          />
                          <SelectField
                            name={at('.fundedBy')}
                            label={t('Ditanggung oleh', 'Funded by')}
                            value={pick.fundedBy}
                            placeholder={t('— tanpa potongan —', '— no discount —')}
                            options={FUNDERS.map((x) => [x, lang === 'id' ? FUNDER_LABEL[x][0] : FUNDER_LABEL[x][1]])}
                            onChange={(v) => {
                              setPick(p.productId, { fundedBy: v });
                              f.clear(at('.fundedBy'));
                            }}
                            error={f.err(at('.fundedBy'))}
                          />
                          {pick.fundedBy === 'shared' && (
                            <TextField
                              name={at('.umkmShareBp')}
                              label={t('Bagian UMKM dari potongan (%)', "The UMKM's share of the discount (%)")}
                              inputMode="decimal"
                              value={pick.sharePct}
                              onChange={(v) => {
                                setPick(p.productId, { sharePct: v });
                                f.clear(at('.umkmShareBp'));
                              }}
                              error={f.err(at('.umkmShareBp'))}
                            />
                          )}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
            <fieldset className="field" data-field="outlets">
              <legend>{t('Gerai dan pajangannya', 'Outlets and their display')}</legend>
              <p className="hint">
                {o.mou
                  ? t(
                      'MoU {m}: {s} tempat di luar gerai. Dipakai {u} tempat teras.',
                      'MoU {m}: {s} spots outside outlets. {u} terrace spots used.',
                      { m: o.mou.number, s: formatNumber(o.mou.outsideSpots ?? 0, lang), u: formatNumber(terraces, lang) },
                    )
                  : t('Tidak ada MoU yang berlaku: hanya pajangan di dalam gerai.', 'No MoU in force: displays inside outlets only.')}
              </p>
              {f.err('outlets') && (
                <p className="field-error" role="alert">
                  {lang === 'id' ? f.err('outlets')?.id : f.err('outlets')?.en}
                </p>
              )}
              <label className="check">
                <input type="checkbox" checked={allOutlets} onChange={(e) => setAllOutlets(e.target.checked)} data-testid="all-outlets" />{' '}
                {t(
                  'Tampilkan semua {n} gerai (bukan hanya yang memajang produk terpilih)',
                  'Show all {n} outlets (not only those carrying the chosen products)',
                  {
                    n: formatNumber(o.outlets.length, lang),
                  },
                )}
              </label>
              {shownOutlets.length === 0 && <p className="empty">{t('Pilih produk dahulu.', 'Choose products first.')}</p>}
              <ul className="cards">
                {shownOutlets.map((x) => {
                  const display = outlets.get(x.id);
                  const i = chosenOutlets.findIndex((y) => y.id === x.id);
                  return (
                    <li key={x.id} className="card" data-field={i >= 0 ? `outlets.${i}` : undefined} data-testid="campaign-outlet">
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={!!display}
                          onChange={(e) =>
                            setOutlets((m) => {
                              const n = new Map(m);
                              if (e.target.checked) n.set(x.id, 'pojok_umkm');
                              else n.delete(x.id);
                              return n;
                            })
                          }
                        />{' '}
                        <span translate="no">
                          {x.storeCode} · {x.name}
                        </span>
                      </label>
                      {i >= 0 && f.err(`outlets.${i}`) && (
                        <p className="field-error" role="alert">
                          {lang === 'id' ? f.err(`outlets.${i}`)?.id : f.err(`outlets.${i}`)?.en}
                        </p>
                      )}
                      {display && (
                        <SelectField
                          name={`display-${x.id}`}
                          label={t('Pajangan', 'Display')}
                          value={display}
                          options={DISPLAYS.map((d) => [d, lang === 'id' ? DISPLAY_LABEL[d][0] : DISPLAY_LABEL[d][1]])}
                          onChange={(v) => setOutlets((m) => new Map(m).set(x.id, v))}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          </>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-campaign">
            {save.isPending ? t('Menyimpan…', 'Saving…') : t('Simpan kampanye', 'Save campaign')}
          </button>
        </div>
      </form>
    </>
  );
}

// ---- one campaign ----

function Bars({ before, during, label }: { before: number; during: number; label: string }) {
  const max = Math.max(before, during, 1);
  const { t, lang } = useI18n();
  return (
    <div className="promo-bars" role="img" aria-label={label}>
      <div className="promo-bar">
        <span>{t('Sebelum', 'Before')}</span>
        <span className="promo-bar-fill before" style={{ width: `${(before / max) * 100}%` }} />
        <span>{formatNumber(before, lang)}</span>
      </div>
      <div className="promo-bar">
        <span>{t('Selama', 'During')}</span>
        <span className="promo-bar-fill during" style={{ width: `${(during / max) * 100}%` }} />
        <span>{formatNumber(during, lang)}</span>
      </div>
    </div>
  );
}

type Comparison = NonNullable<Results['total']>;

function ComparisonView({ c, title, testId }: { c: Comparison; title: string; testId?: string }) {
  const { t, tx, lang } = useI18n();
  const v = c.estimate.verdict;
  return (
    <div className="card" data-testid={testId}>
      <p className="item-title" translate="no">
        {title}
      </p>
      <p>
        <Badge tone={v === 'up' ? 'ok' : v === 'down' ? 'bad' : 'neutral'}>{tx(c.estimate.verdictLabel)}</Badge>
      </p>
      <p data-testid="uplift-summary">
        <strong>{tx(c.estimate.summary)}</strong>
      </p>
      <Bars
        before={c.campaign.before.units}
        during={c.campaign.during.units}
        label={t('Unit terjual di gerai kampanye, sebelum dan selama', 'Units sold at the campaign outlets, before and during')}
      />
      <ul className="plain">
        <li>
          {t(
            'Gerai kampanye ({o}): {u1} unit ({r1}) selama kampanye, {u0} unit ({r0}) pada hari-hari sebelumnya.',
            'Campaign outlets ({o}): {u1} units ({r1}) during the campaign, {u0} units ({r0}) in the days before.',
            {
              o: formatNumber(c.campaign.during.outlets, lang),
              u1: formatNumber(c.campaign.during.units, lang),
              r1: formatRupiah(c.campaign.during.revenue),
              u0: formatNumber(c.campaign.before.units, lang),
              r0: formatRupiah(c.campaign.before.revenue),
            },
          )}
        </li>
        {c.control ? (
          <li>
            {t(
              'Gerai pembanding ({o}): {u1} unit ({r1}) pada hari yang sama, {u0} unit ({r0}) sebelumnya.',
              'Comparison outlets ({o}): {u1} units ({r1}) on the same days, {u0} units ({r0}) before.',
              {
                o: formatNumber(c.control.during.outlets, lang),
                u1: formatNumber(c.control.during.units, lang),
                r1: formatRupiah(c.control.during.revenue),
                u0: formatNumber(c.control.before.units, lang),
                r0: formatRupiah(c.control.before.revenue),
              },
            )}
          </li>
        ) : null}
      </ul>
      <p className="muted">{tx(c.estimate.methodLabel)}</p>
    </div>
  );
}

function ResultsSection({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['promotions', id, 'results'], queryFn: () => api.get<Results>(`/api/promotions/${id}/results`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  if (!r.measured || !r.before)
    return (
      <p className="empty" data-testid="no-results">
        {r.phase === 'cancelled'
          ? t('Kampanye dibatalkan: tidak ada hasil.', 'Cancelled: no results.')
          : t('Hasil tersedia setelah hari pertama kampanye.', 'Results are available after the first campaign day.')}
      </p>
    );
  return (
    <section data-testid="results">
      <h2>{t('Hasil penjualan', 'Sales results')}</h2>
      <p className="muted">
        {t(
          '{d} hari kampanye ({p}) dibandingkan dengan {d} hari sebelumnya ({b}) dan dengan gerai lain jaringan ini di wilayah yang sama yang memajang produk yang sama. Rentang "kemungkinan besar" memuat 9 dari 10 kemungkinan.',
          '{d} campaign days ({p}) compared with the {d} days before ({b}) and with the chain’s other outlets in the region carrying the same product. The "most likely" range holds 9 chances in 10.',
          {
            d: formatNumber(r.measured.days, lang),
            p: formatPeriod(r.measured.from, r.measured.through, lang),
            b: formatPeriod(r.before.from, r.before.through, lang),
          },
        )}
      </p>
      {r.total && <ComparisonView c={r.total} title={t('Seluruh produk kampanye', 'All campaign products')} testId="results-total" />}
      <ul className="cards">
        {r.products.map((p) => (
          <li key={p.productId}>
            <ComparisonView c={p} title={`${p.productName} · ${p.umkmName}`} testId="results-product" />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PromotionPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const id = params.id as string;
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['promotions', id], queryFn: () => api.get<Detail>(`/api/promotions/${id}`) });
  const cancel = useMutation({
    mutationFn: () => api.post<Detail>(`/api/promotions/${id}/cancel`),
    onSuccess: (d) => {
      qc.setQueryData(['promotions', id], d);
      void qc.invalidateQueries({ queryKey: ['promotions'] });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  const ask = async () => {
    const yes = await confirm({
      title: t('Batalkan kampanye ini?', 'Cancel this campaign?'),
      body: t(
        'Kampanye "{n}" di {o} gerai tidak akan berjalan; daftar materinya tidak berlaku lagi.',
        'The campaign "{n}" at {o} outlets will not run; its materials list no longer applies.',
        { n: c.name, o: formatNumber(c.outletCount, lang) },
      ),
      confirmLabel: t('Batalkan kampanye', 'Cancel the campaign'),
      danger: true,
    });
    if (yes) cancel.mutate();
  };
  return (
    <>
      <BackLink href="/promotions" label={t('Kampanye promosi', 'Promotion campaigns')} />
      <PageHeader title={c.name} subtitle={formatPeriod(c.startsOn, c.endsOn, lang)} testId="campaign-title">
        <ButtonLink href={`/promotions/${c.id}/materials`} testId="materials-link">
          {t('Daftar materi gerai', 'Materials list')}
        </ButtonLink>
      </PageHeader>
      <p>
        <Badge tone={tone(c.phase)}>{tx(c.phaseLabel)}</Badge>
      </p>
      <Facts
        rows={[
          [
            t('Jaringan ritel', 'Chain'),
            <span key="chain" translate="no">
              {c.branchName ?? c.chainName}
            </span>,
          ],
          [
            t('Wilayah', 'Region'),
            <span key="region" translate="no">
              {c.regionName}
            </span>,
          ],
          [t('Lama', 'Length'), t('{d} hari', '{d} days', { d: formatNumber(c.days, lang) })],
          [
            t('MoU', 'MoU'),
            c.mouNumber ? (
              <span key="mou" translate="no">
                {c.mouNumber}
              </span>
            ) : (
              t('Tidak ada', 'None')
            ),
          ],
          ...(c.outsideSpots !== null
            ? ([[t('Tempat di luar gerai (MoU)', 'Spots outside outlets (MoU)'), formatNumber(c.outsideSpots, lang)]] as [string, string][])
            : []),
        ]}
      />
      {c.findings.length > 0 && (
        <div className="alert" data-testid="findings">
          <ul className="plain">
            {c.findings.map((x) => (
              <li key={`${x.rule}-${x.field}`}>
                <Badge tone={x.severity === 'blocking' ? 'bad' : 'warn'}>
                  {x.severity === 'blocking' ? t('Tidak sesuai', 'Not allowed') : t('Perhatian', 'Note')}
                </Badge>{' '}
                {tx(x.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>{t('Produk yang ditampilkan', 'Featured products')}</h2>
      <ul className="cards" data-testid="campaign-products">
        {c.products.map((p) => (
          <li key={p.productId} className="card">
            <p className="item-title" translate="no">
              {p.productName}
            </p>
            <p className="op-meta">
              <span translate="no">{p.umkmName}</span> · <span translate="no">{p.agreementNumber}</span>
            </p>
            <p className="op-meta">
              {p.shelfPrice !== null && formatRupiah(p.shelfPrice)}
              {p.discountBp !== null && p.promoPrice !== null && (
                <>
                  {' → '}
                  <strong>{formatRupiah(p.promoPrice)}</strong> (
                  {t('potongan {b}', '{b} off', { b: formatBasisPoints(p.discountBp, lang) })})
                </>
              )}
            </p>
            {p.fundedByLabel && (
              <p className="op-meta">
                {tx(p.fundedByLabel)}
                {p.umkmShareBp !== null && ` · ${t('bagian UMKM {s}', 'UMKM share {s}', { s: formatBasisPoints(p.umkmShareBp, lang) })}`}
              </p>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('Gerai', 'Outlets')}</h2>
      <ul className="cards" data-testid="campaign-outlets">
        {c.outlets.map((o) => (
          <li key={o.outletId} className="card">
            <p className="item-title" translate="no">
              {o.storeCode} · {o.outletName}
            </p>
            <p className="op-meta">{tx(o.displayLabel)}</p>
          </li>
        ))}
      </ul>
      {c.can.results && <ResultsSection id={c.id} />}
      {c.can.cancel && (
        <p className="actions">
          <button type="button" className="btn btn-danger" onClick={ask} disabled={cancel.isPending} data-testid="cancel-campaign">
            {t('Batalkan kampanye', 'Cancel the campaign')}
          </button>
        </p>
      )}
      {cancel.error && <Problem error={cancel.error} />}
    </>
  );
}

// ---- the materials list ----

export function MaterialsPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const id = params.id as string;
  const q = useQuery({ queryKey: ['promotions', id, 'materials'], queryFn: () => api.get<Materials>(`/api/promotions/${id}/materials`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const m = q.data;
  return (
    <div className="materials">
      <BackLink href={`/promotions/${id}`} label={m.name} />
      <PageHeader
        title={t('Daftar materi: {n}', 'Materials list: {n}', { n: m.name })}
        subtitle={`${m.chainName} · ${formatPeriod(m.startsOn, m.endsOn, lang)}`}
        testId="materials-title"
      >
        <button type="button" className="btn no-print" onClick={() => window.print()} data-testid="print">
          {t('Cetak', 'Print')}
        </button>
      </PageHeader>
      <p className="muted">
        {t(
          'Pasang pajangan ini sebelum {d} dan siapkan label harga promosi untuk setiap produk.',
          'Set up this display before {d} and prepare the promotion price tags for each product.',
          { d: formatDate(m.startsOn, lang) },
        )}
      </p>
      <ul className="cards" data-testid="materials">
        {m.outlets.map((o) => (
          <li key={o.outletId} className="card" data-testid="materials-outlet">
            <p className="item-title" translate="no">
              {o.storeCode} · {o.outletName}
            </p>
            <p className="op-meta" translate="no">
              {o.address}
            </p>
            <p>
              <strong>{tx(o.displayLabel)}</strong>
            </p>
            <ul className="plain">
              {o.items.map((i) => (
                <li key={i.productId}>
                  <span translate="no">{i.productName}</span> (<span translate="no">{i.umkmName}</span>)
                  {i.shelfPrice !== null && ` · ${formatRupiah(i.shelfPrice)}`}
                  {i.promoPrice !== null && i.discountBp !== null && (
                    <>
                      {' → '}
                      <strong>{formatRupiah(i.promoPrice)}</strong> (
                      {t('potongan {b}', '{b} off', { b: formatBasisPoints(i.discountBp, lang) })})
                    </>
                  )}
                  {!i.placed && (
                    <>
                      {' '}
                      <Badge tone="warn">{t('Tidak dipajang di gerai ini', 'Not on the shelf here')}</Badge>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
