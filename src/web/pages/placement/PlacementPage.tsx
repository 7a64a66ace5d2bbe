// "Rencana penempatan": a chain (or a Dinas, choosing the chain) asks for a placement plan for a region
// and a date, watches its progress, reads it as a map and as tables (per outlet, per product, the diff
// against the current placements), approves all or some items with a start date, and locks current
// placements so a re-plan keeps them. Lazy-loaded: never on the UMKM phone path.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import { options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { lazyRetry } from '../../components/resilience.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatNumber, formatPercent, todayIn, zoneOf } from '../../format.ts';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import type { MapPoint } from '../../map/MapView.tsx';
import { useQueryParams } from '../../router.tsx';
import { useUser } from '../../session.ts';
import type { ChainCode } from '../../types.ts';

const MapView = lazyRetry(() => import('../../map/MapView.tsx'));

type Plan = Item<'/api/placement/plans'>;
type PlanDetail = Answer<'/api/placement/plans/{id}'>;
type PlanItem = PlanDetail['items'][number];
type Change = PlanItem['change'];
type Placement = Item<'/api/placements'>;

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

const TAB_LABEL: Record<'outlets' | 'products' | 'diff', Bilingual> = {
  outlets: { id: 'Per gerai', en: 'Per outlet' },
  products: { id: 'Per produk', en: 'Per product' },
  diff: { id: 'Perubahan', en: 'Changes' },
};

function NewPlanForm({ onCreated }: { onCreated: (id: string) => void }) {
  const me = useUser();
  const { t, lang } = useI18n();
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
            {options('chain', lang).map(([c, name]) => (
              <option key={c} value={c}>
                {name}
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
  const { t, tx, lang } = useI18n();
  const q = useQuery({ queryKey: ['plans'], queryFn: () => api.get<Answer<'/api/placement/plans'>>('/api/placement/plans?limit=10') });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  return (
    <section className="card">
      <h2>
        {t('Rencana terakhir', 'Recent plans')}{' '}
        {q.data.total > q.data.items.length && (
          <span className="muted small">
            {t('({n} dari {total})', '({n} of {total})', { n: q.data.items.length, total: q.data.total })}
          </span>
        )}
      </h2>
      {q.data.items.length === 0 ? (
        <p className="muted" data-testid="plans-empty">
          {t('Belum ada data.', 'Nothing here yet.')}
        </p>
      ) : (
        <ul data-testid="plans">
          {q.data.items.map((p) => (
            <li key={p.id}>
              <button type="button" className="btn btn-ghost" onClick={() => onOpen(p.id)} aria-current={p.id === current || undefined}>
                {p.regionName} · {p.chainName} · {formatDate(p.date, lang)}
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
  const { t, tx, lang } = useI18n();
  // Units a week are whole; a distance to a tenth of a kilometre.
  const num = (x: number) => formatNumber(x >= 10 ? Math.round(x) : Math.round(x * 10) / 10, lang);
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
  const today = todayIn(zoneOf(data?.regionCode).tz);
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
        <p className="muted">{formatPercent(p.progress / 100, lang, 0)}</p>
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
  const groups = (key: (i: PlanItem) => string, withDropped: boolean) => {
    const m = new Map<string, PlanItem[]>();
    for (const i of p.items) {
      if (i.change === 'dropped' && !withDropped) continue;
      const k = key(i);
      m.set(k, [...(m.get(k) ?? []), i]);
    }
    return [...m.entries()];
  };
  const byOutlet = groups((i) => i.outletId, false);
  const units = (list: PlanItem[]) => num(list.reduce((a, i) => a + i.expectedUnits, 0));
  const startDate = startsOn || today;
  const ask = async (items: PlanItem[], where: string | null) => {
    const created = items.filter((i) => i.change === 'new').length;
    const ended = items.length - created;
    const yes = await confirm({
      title: where
        ? t('Setujui perubahan di {where}?', 'Approve the changes at {where}?', { where })
        : t('Setujui semua {n} perubahan?', 'Approve all {n} changes?', { n: items.length }),
      body: t(
        '{created} produk mulai dipajang dan {ended} penempatan diakhiri mulai {date}. Gerai dan UMKM yang bersangkutan akan melihatnya di daftar penempatan.',
        '{created} products go on the shelf and {ended} placements end from {date}. The outlets and businesses concerned will see it in their placements.',
        { created, ended, date: formatDate(startDate, lang) },
      ),
      confirmLabel: t('Setujui ({n})', 'Approve ({n})', { n: items.length }),
    });
    if (yes) approve.mutate(where === null && items.length === open.length ? null : items.map((i) => i.id));
  };

  return (
    <section data-testid="plan-result" data-status={p.status}>
      <h2>
        {p.regionName} · {p.chainName} · {formatDate(p.date, lang)}{' '}
        <Badge tone={p.status === 'approved' ? 'ok' : 'neutral'}>{tx(STATUS_KEY[p.status])}</Badge>
      </h2>
      <p className="muted" data-testid="plan-summary">
        {t(
          '{new} baru, {kept} tetap, {dropped} dikeluarkan · {outlets} gerai terisi · perkiraan {units} unit/minggu (termasuk bonus pemerataan)',
          '{new} new, {kept} kept, {dropped} dropped · {outlets} outlets filled · about {units} units/week (including the fairness bonus)',
          {
            new: num(p.counts.new),
            kept: num(p.counts.kept),
            dropped: num(p.counts.dropped),
            outlets: num(byOutlet.length),
            units: num(p.objective ?? 0),
          },
        )}
      </p>
      <Suspense fallback={<Loading />}>
        <MapView points={points} label={t('Peta gerai dan UMKM', 'Map of outlets and UMKM')} />
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
        <div className="groups" data-testid="plan-outlets">
          {byOutlet.map(([o, list]) => (
            <details key={o} className="card group">
              <summary>
                <span translate="no">{name(o)}</span>{' '}
                <span className="muted small">
                  {t('{n} dari {slots} slot · {units} unit/minggu', '{n} of {slots} slots · {units} units/week', {
                    n: list.length,
                    slots: outletById.get(o)?.slots ?? '?',
                    units: units(list),
                  })}
                </span>
              </summary>
              <ul className="rows">
                {list.map((i) => (
                  <li key={i.id}>
                    <span translate="no">{i.productName}</span>{' '}
                    <span className="muted small">
                      · <span translate="no">{i.umkmName}</span> · {num(i.distanceKm)} km · {num(i.expectedUnits)}{' '}
                      {t('unit/minggu', 'units/week')}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
      {tab === 'products' && (
        <div className="groups" data-testid="plan-products">
          {groups((i) => i.productId, false).map(([pid, list]) => (
            <details key={pid} className="card group">
              <summary>
                <span translate="no">{list[0]?.productName}</span>{' '}
                <span className="muted small">
                  · <span translate="no">{list[0]?.umkmName}</span> ·{' '}
                  {t('{n} gerai · {units} unit/minggu', '{n} outlets · {units} units/week', { n: list.length, units: units(list) })}
                </span>
              </summary>
              <ul className="rows">
                {list.map((i) => (
                  <li key={i.id}>
                    <span translate="no">{name(i.outletId)}</span>{' '}
                    <span className="muted small">
                      · {num(i.distanceKm)} km · {num(i.expectedUnits)} {t('unit/minggu', 'units/week')}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
      {tab === 'diff' && (
        <div className="groups" data-testid="plan-diff">
          {groups((i) => i.outletId, true)
            .filter(([, list]) => list.some((i) => i.change !== 'kept'))
            .map(([o, list]) => {
              const pending = list.filter((i) => !i.approved && i.change !== 'kept');
              const count = (c: Change) => list.filter((i) => i.change === c).length;
              return (
                <details key={o} className="card group" data-testid="diff-outlet">
                  <summary>
                    <span translate="no">{name(o)}</span>{' '}
                    <span className="muted small">
                      {t('{new} baru, {dropped} dikeluarkan, {kept} tetap', '{new} new, {dropped} dropped, {kept} kept', {
                        new: count('new'),
                        dropped: count('dropped'),
                        kept: count('kept'),
                      })}
                    </span>
                  </summary>
                  <ul className="rows">
                    {list
                      .filter((i) => i.change !== 'kept')
                      .map((i) => (
                        <li key={i.id}>
                          {canApprove && !i.approved && (
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
                          )}{' '}
                          <Badge tone={CHANGE_TONE[i.change]}>{tx(CHANGE_KEY[i.change])}</Badge>{' '}
                          {i.approved && <Badge tone="ok">{t('Disetujui', 'Approved')}</Badge>}{' '}
                          {i.locked && <Badge>{t('Terkunci', 'Locked')}</Badge>} <span translate="no">{i.productName}</span>{' '}
                          <span className="muted small">
                            · <span translate="no">{i.umkmName}</span> · {num(i.distanceKm)} km · {num(i.expectedUnits)}{' '}
                            {t('unit/minggu', 'units/week')}
                          </span>
                        </li>
                      ))}
                  </ul>
                  {canApprove && pending.length > 0 && (
                    <button
                      type="button"
                      className="btn"
                      disabled={approve.isPending}
                      onClick={() => ask(pending, name(o))}
                      data-testid="approve-outlet"
                    >
                      {t('Setujui gerai ini ({n})', 'Approve this outlet ({n})', { n: pending.length })}
                    </button>
                  )}
                </details>
              );
            })}
        </div>
      )}
      {canApprove && open.length > 0 && (
        <div className="card approve-bar" data-testid="approve-box">
          {approve.error && <Problem error={approve.error} />}
          <div className="approve-row">
            <label htmlFor="f-startsOn">{t('Mulai di rak', 'On the shelf from')}</label>
            <input id="f-startsOn" type="date" min={today} value={startDate} onChange={(e) => setStartsOn(e.target.value)} />
            <button
              type="button"
              className="btn btn-primary"
              disabled={approve.isPending}
              onClick={() => ask(open, null)}
              data-testid="approve-all"
            >
              {t('Setujui semua ({n})', 'Approve all ({n})', { n: open.length })}
            </button>
            {picked.size > 0 && (
              <button
                type="button"
                className="btn"
                disabled={approve.isPending}
                onClick={() =>
                  ask(
                    open.filter((i) => picked.has(i.id)),
                    t('{n} yang dipilih', 'the {n} selected', { n: picked.size }),
                  )
                }
                data-testid="approve-picked"
              >
                {t('Setujui yang dipilih ({n})', 'Approve selected ({n})', { n: picked.size })}
              </button>
            )}
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

const CURRENT_LIMIT = 500;

function CurrentPlacements({ regionCode }: { regionCode: string }) {
  const { t, lang } = useI18n();
  const num = (x: number) => formatNumber(x, lang);
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['placements', regionCode],
    queryFn: () =>
      api.get<Answer<'/api/placements'>>(`/api/placements${qs({ regionCode: regionCode || undefined, limit: CURRENT_LIMIT })}`),
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
        {t('Penempatan saat ini', 'Current placements')} <span className="muted small">({num(q.data.total)})</span>
      </h2>
      {q.data.total > q.data.items.length && (
        <p className="muted small">
          {t(
            'Menampilkan {n} pertama dari {total}; pilih wilayah yang lebih sempit untuk melihat sisanya.',
            'Showing the first {n} of {total}; choose a narrower region to see the rest.',
            { n: num(q.data.items.length), total: num(q.data.total) },
          )}
        </p>
      )}
      {lock.error && <Problem error={lock.error} />}
      {byOutlet.size === 0 ? (
        <p className="muted" data-testid="current-empty">
          {t('Belum ada data.', 'Nothing here yet.')}
        </p>
      ) : (
        <div className="groups">
          {[...byOutlet.values()].map((list) => (
            <details key={list[0]?.outletId} className="group" data-testid="current-outlet">
              <summary>
                <span translate="no">
                  {list[0]?.storeCode} · {list[0]?.outletName}
                </span>{' '}
                <span className="muted small">{t('{n} produk', '{n} products', { n: list.length })}</span>
              </summary>
              <ul className="rows">
                {list.map((p) => (
                  <li key={p.id}>
                    <span translate="no">{p.productName}</span>{' '}
                    <span className="muted small">
                      · <span translate="no">{p.umkmName}</span> ·{' '}
                      {t('sejak {date}', 'since {date}', { date: formatDate(p.startsOn, lang) })}
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
                  </li>
                ))}
              </ul>
            </details>
          ))}
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
