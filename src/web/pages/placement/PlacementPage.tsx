// "Rencana penempatan": a chain (or a Dinas, choosing the chain) asks for a placement plan for a region
// and a date, watches its progress, reads it as a map and as tables (per outlet, per product, the diff
// against the current placements), approves all or some items with a start date, and locks current
// placements so a re-plan keeps them. Lazy-loaded: never on the UMKM phone path.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import { api, qs } from '../../api.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { lazyRetry } from '../../components/resilience.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { todayIn, zoneOf } from '../../format.ts';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import type { MapPoint } from '../../map/MapView.tsx';
import { useQueryParams } from '../../router.tsx';
import { useUser } from '../../session.ts';
import type { ChainCode, Page } from '../../types.ts';

const MapView = lazyRetry(() => import('../../map/MapView.tsx'));

type Change = 'new' | 'kept' | 'dropped';
interface Plan {
  id: string;
  chainCode: ChainCode;
  chainName: string;
  regionCode: string;
  regionName: string;
  date: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'approved' | 'partly_approved';
  progress: number;
  objective: number | null;
  stats: Record<string, number> | null;
  error: string | null;
  counts: { new: number; kept: number; dropped: number; approved: number };
  createdAt: string;
  can: { approve: boolean };
}
interface PlanItem {
  id: string;
  productId: string;
  productName: string;
  perishable: boolean;
  umkmId: string;
  umkmName: string;
  outletId: string;
  change: Change;
  locked: boolean;
  distanceKm: number;
  expectedUnits: number;
  approved: boolean;
}
interface PlanDetail extends Plan {
  items: PlanItem[];
  outlets: { id: string; storeCode: string; name: string; lat: number; lon: number; slots: number; acceptsPerishable: boolean }[];
  umkm: { id: string; name: string; lat: number; lon: number }[];
}
interface Placement {
  id: string;
  productName: string;
  umkmName: string;
  outletId: string;
  outletName: string;
  storeCode: string;
  chainCode: ChainCode;
  startsOn: string;
  endsOn: string | null;
  locked: boolean;
  can: { lock: boolean };
}

const CHAINS: ChainCode[] = ['alfamart', 'alfamidi', 'indomaret'];
const CHANGE_KEY: Record<Change, Bilingual> = {
  new: { id: 'Baru', en: 'New' },
  kept: { id: 'Tetap', en: 'Kept' },
  dropped: { id: 'Dikeluarkan', en: 'Dropped' },
};
const CHANGE_TONE = { new: 'ok', kept: 'neutral', dropped: 'bad' } as const;
const STATUS_KEY: Record<Plan['status'], Bilingual> = {
  queued: { id: 'Menunggu giliran', en: 'Queued' },
  running: { id: 'Sedang dihitung', en: 'Computing' },
  done: { id: 'Siap ditinjau', en: 'Ready for review' },
  failed: { id: 'Gagal', en: 'Failed' },
  approved: { id: 'Disetujui', en: 'Approved' },
  partly_approved: { id: 'Disetujui sebagian', en: 'Partly approved' },
};

const km = (x: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);

const TAB_LABEL: Record<'outlets' | 'products' | 'diff', Bilingual> = {
  outlets: { id: 'Per gerai', en: 'Per outlet' },
  products: { id: 'Per produk', en: 'Per product' },
  diff: { id: 'Perubahan', en: 'Changes' },
};

function NewPlanForm({ onCreated }: { onCreated: (id: string) => void }) {
  const me = useUser();
  const { t } = useI18n();
  const [region, setRegion] = useState(me.regionCode && me.regionCode.split('.').length >= 2 ? me.regionCode : (me.regionCode ?? ''));
  const [chain, setChain] = useState<ChainCode | ''>('');
  const [date, setDate] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.post<{ plan: Plan }>('/api/placement/plans', {
        regionCode: region,
        ...(me.role !== 'retailer' && chain ? { chainCode: chain } : {}),
        ...(date ? { date } : {}),
      }),
    onSuccess: (r) => onCreated(r.plan.id),
  });
  return (
    <form
      className="card form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      data-testid="plan-form"
    >
      <h2>{t('Rencana baru', 'New plan')}</h2>
      <RegionPicker
        name="regionCode"
        label={t('Wilayah', 'Region')}
        value={region}
        onChange={setRegion}
        depth="district"
        lock={me.role === 'pemda' ? me.regionCode : null}
      />
      {me.role !== 'retailer' && (
        <div className="field">
          <label htmlFor="f-chainCode">{t('Jaringan ritel', 'Retail chain')}</label>
          <select id="f-chainCode" value={chain} onChange={(e) => setChain(e.target.value as ChainCode)}>
            <option value="">{t('— Pilih —', '— Choose —')}</option>
            {CHAINS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="f-date">{t('Tanggal rencana', 'Plan date')}</label>
        <input id="f-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <p className="hint small muted">
          {t(
            'Kosongkan untuk hari ini di wilayah itu. PKS yang berlaku dan penempatan saat ini dibaca pada tanggal ini.',
            'Leave empty for today in that region. PKS in force and current placements are read on this date.',
          )}
        </p>
      </div>
      {create.error && <Problem error={create.error} />}
      <button type="submit" className="btn btn-primary" disabled={!region || create.isPending} data-testid="plan-start">
        {create.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Buat rencana', 'Create plan')}
      </button>
    </form>
  );
}

function PlanList({ onOpen, current }: { onOpen: (id: string) => void; current: string | null }) {
  const { t, tx } = useI18n();
  const q = useQuery({ queryKey: ['plans'], queryFn: () => api.get<Page<Plan>>('/api/placement/plans?limit=10') });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  return (
    <section className="card">
      <h2>{t('Rencana terakhir', 'Recent plans')}</h2>
      {q.data.items.length === 0 ? (
        <p className="muted" data-testid="plans-empty">
          {t('Belum ada data.', 'Nothing here yet.')}
        </p>
      ) : (
        <ul data-testid="plans">
          {q.data.items.map((p) => (
            <li key={p.id}>
              <button type="button" className="btn btn-ghost" onClick={() => onOpen(p.id)} aria-current={p.id === current || undefined}>
                {p.regionName} · {p.chainName} · {p.date}
              </button>{' '}
              <Badge>{tx(STATUS_KEY[p.status])}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlanView({ id }: { id: string }) {
  const { t, tx, locale } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['plan', id],
    queryFn: () => api.get<PlanDetail>(`/api/placement/plans/${id}`),
    // Poll while the plan is computed; stop once it is ready.
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'queued' || s === 'running' ? 1000 : false;
    },
  });
  const [tab, setTab] = useState<'outlets' | 'products' | 'diff'>('outlets');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [startsOn, setStartsOn] = useState('');
  const approve = useMutation({
    mutationFn: (itemIds: string[] | null) =>
      api.post<{ created: number; ended: number }>(`/api/placement/plans/${id}/approve`, {
        startsOn: startsOn || todayIn(zoneOf(q.data?.regionCode).tz),
        ...(itemIds ? { itemIds } : {}),
      }),
    onSuccess: () => {
      setPicked(new Set());
      qc.invalidateQueries({ queryKey: ['plan', id] });
      qc.invalidateQueries({ queryKey: ['plans'] });
      qc.invalidateQueries({ queryKey: ['placements'] });
    },
  });
  const data = q.data;
  const outletById = useMemo(() => new Map((data?.outlets ?? []).map((o) => [o.id, o])), [data]);
  const points = useMemo<MapPoint[]>(() => {
    if (!data) return [];
    const count = new Map<string, number>();
    for (const i of data.items) if (i.change !== 'dropped') count.set(i.outletId, (count.get(i.outletId) ?? 0) + 1);
    return [
      ...data.outlets.map((o) => ({
        id: o.id,
        lat: o.lat,
        lon: o.lon,
        kind: 'outlet' as const,
        label: `${o.storeCode} ${o.name}: ${count.get(o.id) ?? 0}/${o.slots}`,
      })),
      ...data.umkm.map((u) => ({ id: u.id, lat: u.lat, lon: u.lon, kind: 'umkm' as const, label: u.name })),
    ];
  }, [data]);

  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  if (p.status === 'queued' || p.status === 'running') {
    return (
      <section className="card" data-testid="plan-progress">
        <h2>{tx(STATUS_KEY[p.status])}</h2>
        <progress max={100} value={p.progress} aria-label={t('Kemajuan perhitungan', 'Computation progress')} style={{ width: '100%' }} />
        <p className="muted">{p.progress}%</p>
      </section>
    );
  }
  if (p.status === 'failed') return <div className="alert alert-error">{p.error}</div>;

  const canApprove = p.can.approve;
  const open = p.items.filter((i) => !i.approved && i.change !== 'kept');
  const name = (outletId: string) => {
    const o = outletById.get(outletId);
    return o ? `${o.storeCode} · ${o.name}` : outletId;
  };
  const byOutlet = new Map<string, PlanItem[]>();
  const byProduct = new Map<string, PlanItem[]>();
  for (const i of p.items) {
    if (i.change === 'dropped') continue;
    byOutlet.set(i.outletId, [...(byOutlet.get(i.outletId) ?? []), i]);
    byProduct.set(i.productId, [...(byProduct.get(i.productId) ?? []), i]);
  }
  const units = (list: PlanItem[]) =>
    km(
      list.reduce((a, i) => a + i.expectedUnits, 0),
      locale,
    );

  return (
    <section data-testid="plan-result" data-status={p.status}>
      <h2>
        {p.regionName} · {p.chainName} · {p.date}{' '}
        <Badge tone={p.status === 'approved' ? 'ok' : 'neutral'}>{tx(STATUS_KEY[p.status])}</Badge>
      </h2>
      <p className="muted" data-testid="plan-summary">
        {t(
          '{new} baru, {kept} tetap, {dropped} dikeluarkan · {outlets} gerai terisi · perkiraan {units} unit/minggu (termasuk bonus pemerataan)',
          '{new} new, {kept} kept, {dropped} dropped · {outlets} outlets filled · about {units} units/week (including the fairness bonus)',
          {
            new: p.counts.new,
            kept: p.counts.kept,
            dropped: p.counts.dropped,
            outlets: byOutlet.size,
            units: km(p.objective ?? 0, locale),
          },
        )}
      </p>
      <Suspense fallback={<Loading />}>
        <MapView points={points} label={t('Peta gerai (biru) dan UMKM (oranye)', 'Map of outlets (blue) and UMKM (orange)')} />
      </Suspense>
      <div className="actions" role="tablist">
        {(['outlets', 'products', 'diff'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'btn btn-primary' : 'btn'}
            onClick={() => setTab(k)}
            data-testid={`tab-${k}`}
          >
            {tx(TAB_LABEL[k])}
          </button>
        ))}
      </div>
      {tab === 'outlets' && (
        <div className="table-wrap">
          <table className="table" data-testid="plan-outlets">
            <thead>
              <tr>
                <th>{t('Gerai', 'Outlet')}</th>
                <th>{t('Produk', 'Products')}</th>
                <th>{t('Unit/minggu', 'Units/week')}</th>
              </tr>
            </thead>
            <tbody>
              {[...byOutlet.entries()].map(([o, list]) => (
                <tr key={o}>
                  <td>
                    {name(o)}{' '}
                    <span className="muted small">
                      ({list.length}/{outletById.get(o)?.slots ?? '?'})
                    </span>
                  </td>
                  <td>
                    {list.map((i) => (
                      <div key={i.id}>
                        {i.productName}{' '}
                        <span className="muted small">
                          · {i.umkmName} · {km(i.distanceKm, locale)} km · {km(i.expectedUnits, locale)}
                        </span>
                      </div>
                    ))}
                  </td>
                  <td>{units(list)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tab === 'products' && (
        <div className="table-wrap">
          <table className="table" data-testid="plan-products">
            <thead>
              <tr>
                <th>{t('Produk', 'Product')}</th>
                <th>{t('Gerai', 'Outlets')}</th>
                <th>{t('Unit/minggu', 'Units/week')}</th>
              </tr>
            </thead>
            <tbody>
              {[...byProduct.entries()].map(([pid, list]) => (
                <tr key={pid}>
                  <td>
                    {list[0]?.productName} <span className="muted small">· {list[0]?.umkmName}</span>
                  </td>
                  <td>
                    {list.map((i) => (
                      <div key={i.id}>
                        {name(i.outletId)}{' '}
                        <span className="muted small">
                          · {km(i.distanceKm, locale)} km · {km(i.expectedUnits, locale)}
                        </span>
                      </div>
                    ))}
                  </td>
                  <td>{units(list)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tab === 'diff' && (
        <div className="table-wrap">
          <table className="table" data-testid="plan-diff">
            <thead>
              <tr>
                <th>{canApprove ? t('Pilih', 'Pick') : ''}</th>
                <th>{t('Perubahan', 'Change')}</th>
                <th>{t('Produk', 'Product')}</th>
                <th>{t('Gerai', 'Outlet')}</th>
                <th>km</th>
                <th>{t('Unit/minggu', 'Units/week')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    {canApprove && !i.approved && i.change !== 'kept' && (
                      <input
                        type="checkbox"
                        aria-label={`${i.productName} · ${name(i.outletId)}`}
                        checked={picked.has(i.id)}
                        onChange={(e) => {
                          const next = new Set(picked);
                          if (e.target.checked) next.add(i.id);
                          else next.delete(i.id);
                          setPicked(next);
                        }}
                      />
                    )}
                    {i.approved && <Badge tone="ok">{t('Disetujui', 'Approved')}</Badge>}
                  </td>
                  <td>
                    <Badge tone={CHANGE_TONE[i.change]}>{tx(CHANGE_KEY[i.change])}</Badge>{' '}
                    {i.locked && <Badge>{t('Terkunci', 'Locked')}</Badge>}
                  </td>
                  <td>
                    {i.productName} <span className="muted small">· {i.umkmName}</span>
                  </td>
                  <td>{name(i.outletId)}</td>
                  <td>{km(i.distanceKm, locale)}</td>
                  <td>{km(i.expectedUnits, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canApprove && open.length > 0 && (
        <div className="card form" data-testid="approve-box">
          <div className="field">
            <label htmlFor="f-startsOn">{t('Mulai di rak pada', 'On the shelf from')}</label>
            <input id="f-startsOn" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
          </div>
          {approve.error && <Problem error={approve.error} />}
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={approve.isPending}
              onClick={() => approve.mutate(null)}
              data-testid="approve-all"
            >
              {t('Setujui semua ({n})', 'Approve all ({n})', { n: open.length })}
            </button>
            <button
              type="button"
              className="btn"
              disabled={approve.isPending || picked.size === 0}
              onClick={() => approve.mutate([...picked])}
              data-testid="approve-picked"
            >
              {t('Setujui yang dipilih ({n})', 'Approve selected ({n})', { n: picked.size })}
            </button>
          </div>
        </div>
      )}
      {approve.data && (
        <p className="alert" role="status" data-testid="approve-done">
          {t('{created} penempatan baru dicatat, {ended} diakhiri.', '{created} new placements recorded, {ended} ended.', {
            created: approve.data.created,
            ended: approve.data.ended,
          })}
        </p>
      )}
    </section>
  );
}

function CurrentPlacements({ regionCode }: { regionCode: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['placements', regionCode],
    queryFn: () => api.get<Page<Placement>>(`/api/placements${qs({ regionCode: regionCode || undefined, limit: 1000 })}`),
  });
  const lock = useMutation({
    mutationFn: (v: { id: string; locked: boolean }) => api.post<Placement>(`/api/placements/${v.id}/lock`, { locked: v.locked }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['placements'] }),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const byOutlet = new Map<string, Placement[]>();
  for (const p of q.data.items) byOutlet.set(p.outletId, [...(byOutlet.get(p.outletId) ?? []), p]);
  return (
    <section className="card" data-testid="current-placements" data-count={q.data.total}>
      <h2>
        {t('Penempatan saat ini', 'Current placements')} <span className="muted small">({q.data.total})</span>
      </h2>
      {lock.error && <Problem error={lock.error} />}
      {byOutlet.size === 0 ? (
        <p className="muted" data-testid="current-empty">
          {t('Belum ada data.', 'Nothing here yet.')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('Gerai', 'Outlet')}</th>
                <th>{t('Produk', 'Products')}</th>
              </tr>
            </thead>
            <tbody>
              {[...byOutlet.values()].map((list) => (
                <tr key={list[0]?.outletId} data-testid="current-outlet">
                  <td>
                    {list[0]?.storeCode} · {list[0]?.outletName}
                  </td>
                  <td>
                    {list.map((p) => (
                      <div key={p.id}>
                        {p.productName}{' '}
                        <span className="muted small">
                          · {p.umkmName} · {t('sejak {date}', 'since {date}', { date: p.startsOn })}
                        </span>{' '}
                        {p.can.lock ? (
                          <button
                            type="button"
                            className="btn btn-ghost small"
                            onClick={() => lock.mutate({ id: p.id, locked: !p.locked })}
                            aria-pressed={p.locked}
                          >
                            {p.locked ? `🔒 ${t('Buka kunci', 'Unlock')}` : t('Kunci', 'Lock')}
                          </button>
                        ) : (
                          p.locked && <Badge>{t('Terkunci', 'Locked')}</Badge>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function PlacementPage() {
  const { t } = useI18n();
  const me = useUser();
  const [query, setQuery] = useQueryParams();
  const planId = query.get('plan');
  const plan = useQuery({
    queryKey: ['plan', planId],
    queryFn: () => api.get<PlanDetail>(`/api/placement/plans/${planId}`),
    enabled: Boolean(planId),
    retry: false,
  });
  const region = plan.data?.regionCode ?? query.get('region') ?? (me.role === 'pemda' ? (me.regionCode ?? '') : '');
  return (
    <section className="page">
      <PageHeader
        title={t('Rencana penempatan', 'Placement plan')}
        subtitle={t(
          'Usulan produk UMKM mana masuk ke gerai mana: dalam jangkauan pasokan UMKM, sesuai slot gerai dan kapasitas produksi, hanya produk dengan PKS yang berlaku. Hasilnya optimal secara pasti.',
          "Which UMKM product goes to which outlet: within the business's supply zone, the outlet's slots and its production capacity, only products with a PKS in force. The result is exactly optimal.",
        )}
        testId="placement-title"
      />
      {me.role !== 'umkm' && <NewPlanForm onCreated={(id) => setQuery({ plan: id })} />}
      <PlanList onOpen={(id) => setQuery({ plan: id })} current={planId} />
      {planId && <PlanView key={planId} id={planId} />}
      <CurrentPlacements regionCode={region} />
    </section>
  );
}
