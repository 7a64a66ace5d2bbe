// Market tests (uji pasar, C6) on the phone. The maker: her product's test, the criteria agreed before it
// started, and where it stands today, week by week. The chain: tests to start (a product under its PKS, outlets
// from its plan or picked on the map, the period and the criteria) and to decide (lolos, diperpanjang, gagal)
// on the evidence. A Dinas watches its makers' tests. Codes never reach the screen: labels come with the data.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { FormProblem, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { MapToggle } from '../../components/MapToggle.tsx';
import { BackLink, Badge, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatNumber, formatPercent, formatPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { returnHref, useToday } from '../operations/parts.tsx';

type Test = Item<'/api/market-tests'>;
type Detail = Answer<'/api/market-tests/{id}'>;
type Options = Answer<'/api/market-tests/options'>;
type Criterion = Detail['standing']['criteria'][number];
type Expansion = Answer<'/api/market-tests/{id}/expansion'>;
type Proposal = Item<'/api/expansion'>;
type ProposalDetail = Answer<'/api/expansion/{id}'>;

export const proposalHref = (id: string) => `/expansion/${id}`;

export const testHref = (id: string) => `/market-tests/${id}`;

function StatusBadge({ status, label }: { status: Test['status']; label: Test['statusLabel'] }) {
  const { tx } = useI18n();
  return <Badge tone={status === 'passed' ? 'ok' : status === 'failed' ? 'bad' : 'warn'}>{tx(label)}</Badge>;
}

function TestCard({ x }: { x: Test }) {
  const { t, lang } = useI18n();
  const me = useUser();
  return (
    <li className="card item" data-testid="market-test">
      <Link href={testHref(x.id)} className="item-title" translate="no">
        {x.productName}
      </Link>
      <p className="op-meta">
        <span translate="no">
          {me.role === 'umkm' ? x.chainName : me.role === 'retailer' ? x.umkmName : `${x.chainName} · ${x.umkmName}`}
        </span>
      </p>
      <p className="op-meta">
        {formatPeriod(x.startsOn, x.plannedEnd, lang)} · {t('{n} gerai', '{n} outlets', { n: x.outlets })}
      </p>
      <p>
        <StatusBadge status={x.status} label={x.statusLabel} />
      </p>
    </li>
  );
}

const FILTERS: ['' | Test['status'], { id: string; en: string }][] = [
  ['', { id: 'Semua', en: 'All' }],
  ['running', { id: 'Sedang diuji', en: 'Under test' }],
  ['passed', { id: 'Lolos', en: 'Passed' }],
  ['failed', { id: 'Gagal', en: 'Failed' }],
];

export function MarketTestListPage() {
  const { t, tx } = useI18n();
  const me = useUser();
  const { query } = useLocation();
  const status = (FILTERS.find(([s]) => s === query.get('status'))?.[0] ?? '') as '' | Test['status'];
  const lp = useListParams();
  const list = useQuery({
    queryKey: ['market-tests', status, lp.offset],
    queryFn: () =>
      api.get<Answer<'/api/market-tests'>>(`/api/market-tests?limit=${lp.limit}&offset=${lp.offset}${status ? `&status=${status}` : ''}`),
  });
  const runs = me.role === 'retailer' && !me.outlet;
  return (
    <section className="page">
      <PageHeader
        title={t('Uji pasar', 'Market tests')}
        testId="market-tests-title"
        subtitle={
          me.role === 'umkm'
            ? t(
                'Produk Anda diuji di beberapa gerai dengan syarat yang disepakati sebelum mulai. Lolos: terpajang tetap dan dapat diperluas.',
                'Your products tried in a few outlets against criteria agreed before the start. Passed: regularly listed, and a candidate to expand.',
              )
            : t(
                'Produk diuji di beberapa gerai selama beberapa minggu; keputusan diambil dari penjualan, stok dan pesanan.',
                'Products tried in a few outlets for some weeks; decided from sales, stock and orders.',
              )
        }
      >
        {runs && (
          <ButtonLink href="/market-tests/new" primary testId="new-market-test">
            {t('Mulai uji pasar', 'Start a market test')}
          </ButtonLink>
        )}
        <ButtonLink href="/expansion" testId="expansion-link">
          {t('Usulan ekspansi', 'Expansion proposals')}
        </ButtonLink>
      </PageHeader>
      <nav className="tabs" aria-label={t('Tampilan', 'View')}>
        {FILTERS.map(([s, name]) => (
          <Link
            key={s || 'all'}
            href={s ? `/market-tests?status=${s}` : '/market-tests'}
            className={s === status ? 'tab active' : 'tab'}
            aria-current={s === status ? 'page' : undefined}
          >
            {tx(name)}
          </Link>
        ))}
      </nav>
      <ListBody
        query={list}
        empty={t('Belum ada uji pasar.', 'No market tests yet.')}
        render={(x) => <TestCard key={x.id} x={x} />}
        page={lp.page}
        onPage={lp.setPage}
        testId="market-tests"
      />
    </section>
  );
}

// ---- one test ----

function useValue() {
  const { lang } = useI18n();
  return (c: { code: string }, v: number | null) => {
    if (v === null) return '—';
    if (c.code === 'units_per_store_week') return formatNumber(Math.round(v * 100) / 100, lang);
    return formatPercent(v, lang);
  };
}

function MetBadge({ met }: { met: boolean | null }) {
  const { t } = useI18n();
  if (met === null) return <Badge tone="neutral">{t('Belum terukur', 'Not yet measurable')}</Badge>;
  return met ? <Badge tone="ok">{t('Memenuhi', 'Met')}</Badge> : <Badge tone="bad">{t('Belum memenuhi', 'Not met')}</Badge>;
}

function Trend({ trend }: { trend: Criterion['trend'] }) {
  const { t } = useI18n();
  if (!trend) return null;
  const words = {
    up: t('naik dari minggu lalu', 'up on last week'),
    down: t('turun dari minggu lalu', 'down on last week'),
    flat: t('stabil', 'steady'),
  };
  const arrow = { up: '↑', down: '↓', flat: '→' };
  return (
    <span className="muted" data-testid="trend">
      <span aria-hidden="true">{arrow[trend]} </span>
      {words[trend]}
    </span>
  );
}

function CriteriaCards({ d }: { d: Detail }) {
  const { t, tx } = useI18n();
  const value = useValue();
  const unit = (c: Criterion) => (c.code === 'units_per_store_week' ? ` ${t('unit', 'units')}` : '');
  return (
    <ul className="cards" data-testid="criteria">
      {d.standing.criteria.map((c) => (
        <li key={c.code} className={`card${c.met === false ? ' diff' : ''}`} data-testid="criterion" data-met={String(c.met)}>
          <p className="item-title">{tx(c.label)}</p>
          <p className="stat-value">
            {value(c, c.value)}
            {c.value !== null && unit(c)}
          </p>
          <p className="op-meta">
            {t('Syarat: {s}', 'Criterion: {s}', { s: tx(c.thresholdText) })} · <Trend trend={c.trend} />
          </p>
          {d.standing.campaignWeeks.length > 0 && c.valueWithoutCampaign !== c.value && (
            <p className="op-meta" data-testid="without-campaign">
              {t('Tanpa minggu kampanye: {v}', 'Without the campaign weeks: {v}', { v: `${value(c, c.valueWithoutCampaign)}${unit(c)}` })}
            </p>
          )}
          <p>
            <MetBadge met={c.met} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function WeekTable({ d }: { d: Detail }) {
  const { t, lang } = useI18n();
  const value = useValue();
  if (!d.standing.weeks.length) return null;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="weeks">
        <caption className="sr-only">{t('Perkembangan per minggu', 'Week by week')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Minggu', 'Week')}</th>
            <th scope="col">{t('Terjual', 'Sold')}</th>
            <th scope="col">{t('Per toko per minggu', 'Per store per week')}</th>
            <th scope="col">{t('Tingkat terjual s.d. minggu ini', 'Sell-through to date')}</th>
            <th scope="col">{t('Pemenuhan pesanan', 'Fill rate')}</th>
          </tr>
        </thead>
        <tbody>
          {d.standing.weeks.map((w) => (
            <tr key={w.week} data-campaign={String(w.campaign)}>
              <th scope="row">
                {t('ke-{n}', '{n}', { n: w.week })}
                <br />
                <span className="muted small">{t('mulai {d}', 'from {d}', { d: formatDate(w.from, lang) })}</span>
                {w.campaign && (
                  <>
                    {' '}
                    <Badge tone="warn">{t('Kampanye', 'Campaign')}</Badge>
                  </>
                )}
                {w.days < 7 && <span className="muted small"> {t('({n} hari)', '({n} days)', { n: w.days })}</span>}
              </th>
              <td>{formatNumber(w.sold, lang)}</td>
              <td>{value({ code: 'units_per_store_week' }, w.unitsPerStoreWeek)}</td>
              <td>{value({ code: 'sell_through' }, w.sellThrough)}</td>
              <td>{value({ code: 'fill_rate' }, w.fillRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionForm({ d, onDone }: { d: Detail; onDone: () => void }) {
  const { t, tx } = useI18n();
  const f = useFormErrors();
  const rec = d.standing.recommendation;
  const [decision, setDecision] = useState<'pass' | 'extend' | 'fail' | ''>(rec && d.can[rec] ? rec : '');
  const [extra, setExtra] = useState('4');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api.post<Detail>(`/api/market-tests/${d.id}/decisions`, {
        decision,
        ...(decision === 'extend' ? { extraWeeks: Number(extra) || undefined } : {}),
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: onDone,
    onError: (e) => f.fromApi(e, (field) => (['decision', 'extraWeeks', 'note'].includes(field) ? field : null)),
  });
  const options: ['pass' | 'extend' | 'fail', string][] = [];
  if (d.can.pass) options.push(['pass', t('Lolos — terpajang tetap di gerai uji', 'Pass — regularly listed in the test outlets')]);
  if (d.can.extend) options.push(['extend', t('Perpanjang uji', 'Extend the test')]);
  if (d.can.fail) options.push(['fail', t('Gagal — tarik dari rak dan kembalikan stok', 'Fail — delist and hand the stock back')]);
  return (
    <form
      className="card form"
      data-testid="decision-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!decision) return f.setClient({ decision: { id: 'Pilih keputusan.', en: 'Choose a decision.' } });
        const what = options.find(([v]) => v === decision)?.[1] ?? '';
        if (
          await confirm({
            title: t('Catat keputusan uji pasar?', 'Record the market test decision?'),
            body: t('{w}. UMKM akan diberi tahu; keputusan tidak dapat diubah.', '{w}. The UMKM is told; a decision cannot be changed.', {
              w: what,
            }),
            confirmLabel: t('Catat keputusan', 'Record the decision'),
            danger: decision === 'fail',
          })
        )
          send.mutate();
      }}
    >
      <h2>{t('Keputusan', 'Decision')}</h2>
      {rec && (
        <p data-testid="recommendation">
          {t('Saran dari data: {r}', 'What the data suggests: {r}', { r: tx(d.standing.recommendationLabel ?? { id: '', en: '' }) })}
        </p>
      )}
      <FormProblem error={f.general} />
      <SelectField
        name="decision"
        label={t('Keputusan', 'Decision')}
        value={decision}
        onChange={(v) => {
          setDecision(v);
          f.clear('decision');
        }}
        options={options}
        placeholder={t('Pilih…', 'Choose…')}
        error={f.err('decision') ?? undefined}
      />
      {decision === 'extend' && (
        <TextField
          name="extraWeeks"
          label={t('Minggu tambahan', 'Extra weeks')}
          value={extra}
          onChange={(v) => setExtra(v.replace(/\D/g, '').slice(0, 2))}
          inputMode="numeric"
          error={f.err('extraWeeks') ?? undefined}
        />
      )}
      <TextField
        name="note"
        label={t('Catatan untuk UMKM', 'Note for the UMKM')}
        value={note}
        onChange={setNote}
        hint={
          decision === 'fail'
            ? t(
                'Wajib bila uji dihentikan sebelum waktunya atau syaratnya terpenuhi.',
                'Required when stopping early or when the criteria are met.',
              )
            : undefined
        }
        error={f.err('note') ?? undefined}
        maxLength={2000}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="decide">
          {t('Catat keputusan', 'Record the decision')}
        </button>
      </div>
    </form>
  );
}

export function MarketTestPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const id = params.id ?? '';
  const q = useQuery({ queryKey: ['market-tests', 'one', id], queryFn: () => api.get<Detail>(`/api/market-tests/${id}`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const s = d.standing;
  const deciding = d.can.pass || d.can.extend || d.can.fail;
  return (
    <section className="page">
      <BackLink href="/market-tests" label={t('Uji pasar', 'Market tests')} />
      <PageHeader title={d.productName} testId="market-test-title">
        <StatusBadge status={d.status} label={d.statusLabel} />
      </PageHeader>
      <p className="op-meta">
        <span translate="no">{d.umkmName}</span> · <span translate="no">{d.chainName}</span>
      </p>
      <div className={`callout${s.campaignDependent ? ' diff' : ''}`} data-testid="standing-summary">
        <p>
          <strong>{tx(s.summary)}</strong>
        </p>
        <p className="muted small">
          {s.daysCounted > 0
            ? t(
                'Dihitung dari penjualan {a} sampai {b}; penjualan hari ini masuk besok.',
                'Counted from sales {a} to {b}; today’s sales arrive tomorrow.',
                {
                  a: formatDate(s.from, lang),
                  b: formatDate(s.to, lang),
                },
              )
            : t('Belum ada hari yang terhitung.', 'No day counted yet.')}
        </p>
      </div>
      <Facts
        rows={[
          [t('Periode uji', 'Test period'), formatPeriod(d.startsOn, d.plannedEnd, lang)],
          [t('Lama', 'Length'), t('{n} minggu, ulasan minggu ke-{r}', '{n} weeks, review in week {r}', { n: d.weeks, r: d.reviewWeek })],
          [t('Posisi hari ini', 'Today'), tx(s.phaseLabel)],
          [t('Gerai uji', 'Test outlets'), String(d.outlets)],
          [
            t('PKS', 'PKS'),
            <span key="pks" translate="no">
              {d.agreementNumber}
            </span>,
          ],
        ]}
      />
      <h2>{t('Syarat yang disepakati dan posisinya', 'Agreed criteria and where they stand')}</h2>
      <CriteriaCards d={d} />
      {s.campaignWeeks.length > 0 && (
        <p className="callout" data-testid="campaign-weeks">
          {t(
            'Minggu ke-{w} bertepatan dengan kampanye promosi produk ini di gerai uji; kampanye tidak bisa meloloskan uji sendirian.',
            'Week {w} overlapped a promotion of this product at the test outlets; a campaign cannot pass a test by itself.',
            { w: s.campaignWeeks.join(', ') },
          )}
        </p>
      )}
      <h2>{t('Per minggu', 'Week by week')}</h2>
      <WeekTable d={d} />
      <h2>{t('Gerai uji', 'Test outlets')}</h2>
      <ul className="cards" data-testid="test-outlets">
        {d.outletRows.map((o) => (
          <li key={o.outletId} className="card item">
            <p className="item-title" translate="no">
              {o.storeCode} · {o.outletName}
            </p>
            <p className="op-meta">
              <span translate="no">{o.districtName}</span> ·{' '}
              {t('terjual {s}, diterima {r}, stok {h}', 'sold {s}, received {r}, on hand {h}', {
                s: formatNumber(o.sold, lang),
                r: formatNumber(o.received, lang),
                h: formatNumber(o.onHand, lang),
              })}
            </p>
            {o.placementEndsOn && (
              <p className="op-meta">{t('Ditarik dari rak {d}', 'Off the shelf from {d}', { d: formatDate(o.placementEndsOn, lang) })}</p>
            )}
          </li>
        ))}
      </ul>
      {d.delisting.length > 0 && (
        <>
          <h2>{t('Penarikan dan pengembalian stok', 'Delisting and stock handed back')}</h2>
          <ul className="cards" data-testid="delisting">
            {d.delisting.map((x) => (
              <li key={x.returnId} className="card item">
                <Link href={returnHref(x.returnId)} className="item-title" translate="no">
                  {x.returnNumber}
                </Link>
                <p className="op-meta">
                  <span translate="no">{x.storeCode}</span> · {t('{n} unit', '{n} units', { n: x.qty })} · {tx(x.borneByLabel)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.decisions.length > 0 && (
        <>
          <h2>{t('Keputusan', 'Decisions')}</h2>
          <ul className="cards" data-testid="decisions">
            {d.decisions.map((x) => (
              <li key={x.id} className="card item">
                <p className="item-title">
                  {tx(x.decisionLabel)}
                  {x.extraWeeks ? ` · ${t('{n} minggu', '{n} weeks', { n: x.extraWeeks })}` : ''}
                </p>
                <p className="op-meta">
                  {formatDate(x.decidedOn, lang)}
                  {x.by && (
                    <>
                      {' · '}
                      <span translate="no">{x.by}</span>
                    </>
                  )}
                </p>
                {x.summary.id && <p className="op-meta">{tx(x.summary)}</p>}
                {x.note && (
                  <p translate="no" data-testid="decision-note">
                    {x.note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {deciding && <DecisionForm d={d} onDone={() => qc.invalidateQueries({ queryKey: ['market-tests'] })} />}
      {d.status === 'passed' && <ExpansionCandidates testId={d.id} />}
    </section>
  );
}

// ---- starting a test ----

const pctToBp = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);

export function MarketTestNewPage() {
  const { t, lang } = useI18n();
  const today = useToday();
  const f = useFormErrors();
  const [productId, setProductId] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [startsOn, setStartsOn] = useState(today);
  const [weeks, setWeeks] = useState('8');
  const [review, setReview] = useState('4');
  const [units, setUnits] = useState('1');
  const [sell, setSell] = useState('50');
  const [loss, setLoss] = useState('15');
  const [fill, setFill] = useState('85');
  const products = useQuery({ queryKey: ['market-tests', 'options'], queryFn: () => api.get<Options>('/api/market-tests/options') });
  const outlets = useQuery({
    queryKey: ['market-tests', 'options', productId],
    enabled: productId !== '',
    queryFn: () => api.get<Options>(`/api/market-tests/options?productId=${productId}`),
  });
  const start = useMutation({
    mutationFn: () =>
      api.post<Detail>('/api/market-tests', {
        productId,
        outletIds: picked,
        startsOn,
        weeks: Number(weeks),
        reviewWeek: Number(review),
        minUnitsPerStoreWeek: Number(units.replace(',', '.')),
        minSellThroughBp: pctToBp(sell),
        maxLossBp: pctToBp(loss),
        minFillRateBp: pctToBp(fill),
        ...(outlets.data?.planId && picked.every((o) => outlets.data?.outlets.find((x) => x.outletId === o)?.inPlan)
          ? { planId: outlets.data.planId }
          : {}),
      }),
    onSuccess: (d) => navigate(testHref(d.id)),
    onError: (e) =>
      f.fromApi(e, (field) => {
        if (field.startsWith('outletIds')) return 'outletIds';
        const map: Record<string, string> = {
          minSellThroughBp: 'sell',
          maxLossBp: 'loss',
          minFillRateBp: 'fill',
          minUnitsPerStoreWeek: 'units',
        };
        return map[field] ?? (['productId', 'startsOn', 'weeks', 'reviewWeek', 'planId'].includes(field) ? field : null);
      }),
  });
  if (products.isPending) return <Loading />;
  if (products.error) return <Problem error={products.error} onRetry={() => products.refetch()} />;
  const toggle = (id: string) => {
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
    f.clear('outletIds');
  };
  const list = outlets.data?.outlets ?? [];
  return (
    <section className="page">
      <BackLink href="/market-tests" label={t('Uji pasar', 'Market tests')} />
      <PageHeader title={t('Mulai uji pasar', 'Start a market test')} testId="new-test-title" />
      <form
        className="form"
        noValidate
        data-testid="market-test-form"
        onSubmit={(e) => {
          e.preventDefault();
          const missing: Record<string, { id: string; en: string }> = {};
          if (!productId) missing.productId = { id: 'Pilih produk.', en: 'Choose a product.' };
          if (!picked.length) missing.outletIds = { id: 'Pilih paling sedikit satu gerai.', en: 'Choose at least one outlet.' };
          if (Object.keys(missing).length) return f.setClient(missing);
          start.mutate();
        }}
      >
        <FormProblem error={f.general} />
        <SelectField
          name="productId"
          label={t('Produk (dalam PKS yang berlaku)', 'Product (under a PKS in force)')}
          value={productId}
          onChange={(v) => {
            setProductId(v);
            setPicked([]);
            f.clear('productId');
          }}
          placeholder={t('Pilih produk…', 'Choose a product…')}
          options={products.data.products
            .filter((p) => !p.testing)
            .map((p) => [p.productId, `${p.productName} — ${p.umkmName}`] as [string, string])}
          error={f.err('productId') ?? undefined}
        />
        {productId && (
          <div className={`field wide${f.err('outletIds') ? ' has-error' : ''}`} data-field="outletIds" id="f-outletIds" tabIndex={-1}>
            <p className="label">{t('Gerai uji ({n} dipilih)', 'Test outlets ({n} chosen)', { n: picked.length })}</p>
            {outlets.isPending ? (
              <Loading />
            ) : list.length === 0 ? (
              <p className="empty">{t('Tidak ada gerai yang dapat menerima produk ini.', 'No outlet can take this product.')}</p>
            ) : (
              <>
                <MapToggle
                  points={list.map((o) => ({
                    id: o.outletId,
                    lat: o.lat,
                    lon: o.lon,
                    label: `${o.storeCode} ${o.outletName}${picked.includes(o.outletId) ? ' ✓' : ''}`,
                    kind: 'outlet' as const,
                    onSelect: () => toggle(o.outletId),
                  }))}
                />
                <div className="radios" data-testid="outlet-picks">
                  {list.slice(0, 40).map((o) => (
                    <label key={o.outletId}>
                      <input
                        type="checkbox"
                        checked={picked.includes(o.outletId)}
                        onChange={() => toggle(o.outletId)}
                        disabled={o.freeSlots === 0}
                      />
                      <span>
                        <span translate="no">
                          {o.storeCode} · {o.outletName}
                        </span>
                        <br />
                        <span className="muted small">
                          {t('{d} km · {s} slot kosong', '{d} km · {s} free slots', {
                            d: formatNumber(o.distanceKm, lang),
                            s: o.freeSlots,
                          })}
                          {o.inPlan && ` · ${t('diusulkan rencana penempatan', 'proposed by the placement plan')}`}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </>
            )}
            {f.err('outletIds') && (
              <p className="field-error" role="alert">
                {lang === 'id' ? f.err('outletIds')?.id : f.err('outletIds')?.en}
              </p>
            )}
          </div>
        )}
        <TextField
          name="startsOn"
          type="date"
          label={t('Mulai di rak', 'First day on the shelf')}
          value={startsOn}
          onChange={setStartsOn}
          min={today}
          error={f.err('startsOn') ?? undefined}
        />
        <TextField
          name="weeks"
          label={t('Lama uji (minggu)', 'Length (weeks)')}
          inputMode="numeric"
          value={weeks}
          onChange={(v) => setWeeks(v.replace(/\D/g, ''))}
          error={f.err('weeks') ?? undefined}
        />
        <TextField
          name="reviewWeek"
          label={t('Ulasan pada minggu ke-', 'Review in week')}
          inputMode="numeric"
          value={review}
          onChange={(v) => setReview(v.replace(/\D/g, ''))}
          error={f.err('reviewWeek') ?? undefined}
        />
        <h2>{t('Syarat lolos (ditunjukkan kepada UMKM)', 'Criteria to pass (shown to the UMKM)')}</h2>
        <p className="muted">
          {t(
            'Belum ada ambang resmi untuk uji UMKM; angka di bawah hanya usulan — sepakati dengan UMKM sebelum mulai.',
            'There are no official thresholds for UMKM trials; the figures below are only a suggestion — agree them with the UMKM first.',
          )}
        </p>
        <TextField
          name="units"
          inputMode="decimal"
          label={t('Terjual per toko per minggu, paling sedikit (unit)', 'Units per store per week, at least')}
          value={units}
          onChange={setUnits}
          error={f.err('units') ?? undefined}
        />
        <TextField
          name="sell"
          inputMode="decimal"
          label={t('Tingkat terjual, paling sedikit (%)', 'Sell-through, at least (%)')}
          value={sell}
          onChange={setSell}
          error={f.err('sell') ?? undefined}
        />
        <TextField
          name="loss"
          inputMode="decimal"
          label={t('Retur + kedaluwarsa, paling banyak (%)', 'Returns + expiry, at most (%)')}
          value={loss}
          onChange={setLoss}
          error={f.err('loss') ?? undefined}
        />
        <TextField
          name="fill"
          inputMode="decimal"
          label={t('Pemenuhan pesanan, paling sedikit (%)', 'Fill rate, at least (%)')}
          value={fill}
          onChange={setFill}
          error={f.err('fill') ?? undefined}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={start.isPending} data-testid="start-test">
            {t('Mulai uji pasar', 'Start the market test')}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---- expansion ----

function ExpansionCandidates({ testId }: { testId: string }) {
  const { t, tx, lang } = useI18n();
  const today = useToday();
  const q = useQuery({
    queryKey: ['market-tests', 'expansion', testId],
    queryFn: () => api.get<Expansion>(`/api/market-tests/${testId}/expansion`),
  });
  const f = useFormErrors();
  const propose = useMutation({
    mutationFn: (regionCode: string) => api.post<ProposalDetail>(`/api/market-tests/${testId}/expansion`, { regionCode, startsOn: today }),
    onSuccess: (p) => navigate(proposalHref(p.id)),
    onError: (e) => f.fromApi(e, () => null),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const x = q.data;
  return (
    <>
      <h2>{t('Kandidat ekspansi', 'Where it could go next')}</h2>
      <p className="muted">
        {t(
          'Diurutkan dari gerai terdekat dengan wilayah uji; perkiraan dari {r} unit per toko per minggu hasil uji (tanpa minggu kampanye), sebatas kapasitas produksi UMKM (sisa {c} unit per minggu).',
          'Ranked from the outlets nearest the test’s area; expected from the test’s {r} units per store per week (campaign weeks left out), within the maker’s capacity ({c} units a week spare).',
          { r: formatNumber(Math.round(x.rate * 100) / 100, lang), c: formatNumber(Math.round(x.spare), lang) },
        )}
      </p>
      <FormProblem error={f.general} />
      {x.groups.length === 0 ? (
        <p className="empty">{t('Tidak ada gerai lain yang dapat menerima produk ini.', 'No other outlet can take this product.')}</p>
      ) : (
        <ul className="cards" data-testid="expansion-candidates">
          {x.groups.map((g) => (
            <li key={`${g.regionCode}-${g.route}`} className="card item" data-testid="expansion-candidate">
              <p className="item-title" translate="no">
                {g.regionName}
              </p>
              <p className="op-meta">
                {tx(g.tierLabel)} · {tx(g.routeLabel)}
              </p>
              <p>{tx(g.reason)}</p>
              <p className="op-meta">
                {t('Perkiraan {u} unit per minggu di {n} gerai; terdekat {k} km', 'About {u} units a week at {n} outlets; nearest {k} km', {
                  u: formatNumber(g.expectedWeeklyUnits, lang),
                  n: g.withinCapacity,
                  k: formatNumber(g.nearestKm, lang),
                })}
              </p>
              {g.crossProvince && (
                <p className="op-meta">
                  {t('Perlu persetujuan Dinas daerah tujuan dan cabang.', 'Needs the other region’s Dinas and the branch to accept.')}
                </p>
              )}
              {x.canPropose && g.withinCapacity > 0 && (
                <button
                  type="button"
                  className="btn"
                  disabled={propose.isPending}
                  data-testid="propose"
                  onClick={async () => {
                    if (
                      await confirm({
                        title: t('Usulkan ekspansi ke {r}?', 'Propose expansion into {r}?', { r: g.regionName }),
                        body: t(
                          '{n} gerai terdekat, mulai hari ini. UMKM dan pihak yang harus menyetujui akan diberi tahu.',
                          'The {n} nearest outlets, from today. The maker and those who must accept are told.',
                          { n: g.withinCapacity },
                        ),
                        confirmLabel: t('Usulkan', 'Propose'),
                      })
                    )
                      propose.mutate(g.regionCode);
                  }}
                >
                  {t('Usulkan ekspansi', 'Propose expansion')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ProposalBadge({ p }: { p: Proposal }) {
  const { tx } = useI18n();
  return <Badge tone={p.status === 'accepted' ? 'ok' : p.status === 'declined' ? 'bad' : 'warn'}>{tx(p.statusLabel)}</Badge>;
}

export function ExpansionListPage() {
  const { t, lang } = useI18n();
  const lp = useListParams();
  const list = useQuery({
    queryKey: ['expansion', lp.offset],
    queryFn: () => api.get<Answer<'/api/expansion'>>(`/api/expansion?limit=${lp.limit}&offset=${lp.offset}`),
  });
  return (
    <section className="page">
      <BackLink href="/market-tests" label={t('Uji pasar', 'Market tests')} />
      <PageHeader
        title={t('Usulan ekspansi', 'Expansion proposals')}
        testId="expansion-title"
        subtitle={t(
          'Produk yang lolos uji pasar diusulkan ke gerai di wilayah lain; lintas provinsi perlu persetujuan Dinas daerah tujuan.',
          'Products that passed their market test proposed for outlets elsewhere; across a province border the other region’s Dinas accepts too.',
        )}
      />
      <ListBody
        query={list}
        empty={t('Belum ada usulan ekspansi.', 'No expansion proposals yet.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="proposals"
        render={(p) => (
          <li key={p.id} className="card item" data-testid="proposal">
            <Link href={proposalHref(p.id)} className="item-title" translate="no">
              {p.productName}
            </Link>
            <p className="op-meta">
              <span translate="no">
                {p.umkmName} → {p.targetRegionName}
              </span>
            </p>
            <p className="op-meta">{t('{n} gerai mulai {d}', '{n} outlets from {d}', { n: p.outlets, d: formatDate(p.startsOn, lang) })}</p>
            <p>
              <ProposalBadge p={p} />
            </p>
          </li>
        )}
      />
    </section>
  );
}

export function ExpansionPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const id = params.id ?? '';
  const f = useFormErrors();
  const [note, setNote] = useState('');
  const q = useQuery({ queryKey: ['expansion', 'one', id], queryFn: () => api.get<ProposalDetail>(`/api/expansion/${id}`) });
  const done = () => qc.invalidateQueries({ queryKey: ['expansion'] });
  const accept = useMutation({
    mutationFn: () => api.post<ProposalDetail>(`/api/expansion/${id}/accept`, {}),
    onSuccess: done,
    onError: (e) => f.fromApi(e, () => null),
  });
  const decline = useMutation({
    mutationFn: () => api.post<ProposalDetail>(`/api/expansion/${id}/decline`, { note }),
    onSuccess: done,
    onError: (e) => f.fromApi(e, (field) => (field === 'note' ? 'note' : null)),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  const accepting = p.can.acceptForChain || p.can.acceptForGovernment;
  const yes = t('sudah', 'yes');
  const notYet = t('belum', 'not yet');
  return (
    <section className="page">
      <BackLink href="/expansion" label={t('Usulan ekspansi', 'Expansion proposals')} />
      <PageHeader title={p.productName} testId="proposal-title">
        <ProposalBadge p={p} />
      </PageHeader>
      <Facts
        rows={[
          [
            t('UMKM', 'UMKM'),
            <span key="u" translate="no">
              {p.umkmName}
            </span>,
          ],
          [
            t('Tujuan', 'Into'),
            <span key="r" translate="no">
              {p.targetRegionName}
            </span>,
          ],
          [t('Pengiriman', 'Delivery'), tx(p.routeLabel)],
          [t('Mulai', 'From'), formatDate(p.startsOn, lang)],
          [
            t('Perkiraan per minggu', 'Expected a week'),
            t('{u} unit di {n} gerai', '{u} units at {n} outlets', { u: formatNumber(p.expectedWeeklyUnits, lang), n: p.outlets }),
          ],
          [
            t('Persetujuan jaringan', 'Chain’s acceptance'),
            <span key="c">
              <span translate="no">{p.targetBranchName ?? p.chainName}</span>: {p.chainAccepted ? yes : notYet}
            </span>,
          ],
          ...(p.crossProvince
            ? ([
                [
                  t('Persetujuan Dinas tujuan', 'Other region’s Dinas'),
                  <span key="g">
                    <span translate="no">{p.targetGovernmentName ?? '—'}</span>: {p.governmentAccepted ? yes : notYet}
                  </span>,
                ],
              ] as [string, React.ReactNode][])
            : []),
        ]}
      />
      {p.declineNote && (
        <p className="callout">
          {t('Ditolak: ', 'Declined: ')}
          <span translate="no">{p.declineNote}</span>
        </p>
      )}
      <h2>{t('Gerai', 'Outlets')}</h2>
      <ul className="cards" data-testid="proposal-outlets">
        {p.outletRows.map((o) => (
          <li key={o.outletId} className="card item">
            <p className="item-title" translate="no">
              {o.storeCode} · {o.outletName}
            </p>
            <p className="op-meta">
              <span translate="no">{o.districtName}</span> ·{' '}
              {t('{k} km dari UMKM', '{k} km from the maker', { k: formatNumber(o.distanceKm, lang) })}
              {o.placed && ` · ${t('sudah ditempatkan', 'placed')}`}
            </p>
          </li>
        ))}
      </ul>
      {(accepting || p.can.decline) && (
        <div className="card form" data-testid="proposal-actions">
          <FormProblem error={f.general} />
          {accepting && (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="accept-proposal"
              disabled={accept.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: t('Setujui ekspansi ini?', 'Accept this expansion?'),
                    body: p.can.acceptForGovernment
                      ? t('Atas nama Dinas daerah tujuan.', 'On behalf of the other region’s Dinas.')
                      : t(
                          'Atas nama jaringan: produk akan ditempatkan di gerai ini.',
                          'On behalf of the chain: the product is placed at these outlets.',
                        ),
                    confirmLabel: t('Setujui', 'Accept'),
                  })
                )
                  accept.mutate();
              }}
            >
              {t('Setujui', 'Accept')}
            </button>
          )}
          {p.can.decline && (
            <>
              <TextField
                name="note"
                label={t('Alasan menolak', 'Reason to decline')}
                value={note}
                onChange={setNote}
                error={f.err('note') ?? undefined}
                maxLength={2000}
              />
              <button
                type="button"
                className="btn btn-danger"
                data-testid="decline-proposal"
                disabled={decline.isPending}
                onClick={async () => {
                  if (
                    await confirm({
                      title: t('Tolak usulan ini?', 'Decline this proposal?'),
                      body: t('Usulan tidak dapat dibuka lagi.', 'The proposal cannot be reopened.'),
                      confirmLabel: t('Tolak', 'Decline'),
                      danger: true,
                    })
                  )
                    decline.mutate();
                }}
              >
                {t('Tolak', 'Decline')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
