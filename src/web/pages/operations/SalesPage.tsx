// Penjualan (sell-out) for the maker, on her phone: yesterday's units at the top, then per product and
// outlet the units sold per day over four weeks (a bar chart drawn as a small SVG — lighter than any chart
// library), per day and per week, stock on hand and days of cover, batches expiring soon and what to
// deliver next. Paged with its total.
import { useQuery } from '@tanstack/react-query';
import { addDays, daysBetween } from '../../../platform/clock.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { Pager, useListParams } from '../../components/list.tsx';
import { Badge, Loading, PageHeader, Problem, StatCard } from '../../components/ui.tsx';
import { formatDate, formatNumber, formatPeriod, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useNum, useUnits } from './parts.tsx';

type SellOut = Answer<'/api/operations/sell-out'>;
type Row = Item<'/api/operations/sell-out'>;

const sellOutPath = (p: Record<string, string | number | undefined>) => `/api/operations/sell-out${qs(p)}`;

export function SalesPage() {
  const { t, lang } = useI18n();
  const lp = useListParams();
  const params = { limit: lp.limit, offset: lp.offset };
  const q = useQuery({ queryKey: ['operations', 'sell-out', params], queryFn: () => api.get<SellOut>(sellOutPath(params)) });
  return (
    <section className="page">
      <PageHeader
        title={t('Penjualan', 'Sales')}
        subtitle={
          q.data
            ? t('Penjualan di kasir gerai, {p}', 'Sales at the outlets’ tills, {p}', { p: formatPeriod(q.data.from, q.data.to, lang) })
            : t('Penjualan di kasir gerai', 'Sales at the outlets’ tills')
        }
        testId="sales-title"
      />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Problem error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Yesterday day={q.data.to} />
          {q.data.items.length === 0 ? (
            <p className="empty">
              {t('Belum ada penjualan tercatat untuk produk Anda pada periode ini.', 'No sales recorded for your products in this period.')}
            </p>
          ) : (
            <ul className="cards" data-testid="sell-out">
              {q.data.items.map((r) => (
                <SellOutCard key={r.id} row={r} from={q.data.from} to={q.data.to} />
              ))}
            </ul>
          )}
          {q.data.total > 0 && <Pager page={lp.page} total={q.data.total} onPage={lp.setPage} />}
        </>
      )}
    </section>
  );
}

/** Units sold on the last day of the period (yesterday) over every product and outlet, and their value at
 *  the till, from the sales summary (the caller's own products only). */
function Yesterday({ day }: { day: string }) {
  const { t, lang } = useI18n();
  const params = { from: day, to: day };
  const q = useQuery({
    queryKey: ['sales', 'summary', params],
    queryFn: () => api.get<Answer<'/api/sales/summary'>>(`/api/sales/summary${qs(params)}`),
  });
  return (
    <>
      <div className="stats" data-testid="yesterday">
        <StatCard
          label={t('Terjual kemarin, {d}', 'Sold yesterday, {d}', { d: formatDate(day, lang) })}
          value={q.data?.units}
          testId="yesterday-units"
        />
        <div className="stat">
          <span className="stat-value" data-testid="yesterday-revenue">
            {q.data ? formatRupiah(q.data.revenue) : '…'}
          </span>
          <span className="stat-label">{t('Nilai di kasir kemarin', 'Till value yesterday')}</span>
        </div>
      </div>
      {q.error && <Problem error={q.error} onRetry={() => q.refetch()} />}
    </>
  );
}

function SellOutCard({ row: r, from, to }: { row: Row; from: string; to: string }) {
  const { t, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const dec = (v: number) => formatNumber(Math.round(v * 10) / 10, lang);
  return (
    <li className="card item" data-testid="sell-out-row">
      <p className="item-title" translate="no">
        {r.productName}
      </p>
      <p className="op-meta" translate="no">
        {r.outletName}
      </p>
      <DailyBars daily={r.daily} from={from} to={to} />
      <dl className="facts">
        <div>
          <dt>{t('Terjual', 'Sold')}</dt>
          <dd>
            {unitsOf(r.units)} · {t('{n} per hari', '{n} a day', { n: dec(r.perDay) })} ·{' '}
            {t('{n} per minggu', '{n} a week', { n: dec(r.perWeek) })}
          </dd>
        </div>
        <div>
          <dt>{t('Per minggu', 'Per week')}</dt>
          <dd data-testid="weekly">{weeks(r.daily, from, to).map(num).join(' · ')}</dd>
        </div>
        <div>
          <dt>{t('Stok di gerai', 'Stock at the outlet')}</dt>
          <dd>
            {r.onHand === 0 ? (
              <Badge tone="bad">{t('Habis', 'Out of stock')}</Badge>
            ) : (
              <>
                {unitsOf(r.onHand)}
                {r.daysOfCover !== null && <> · {t('cukup {n} hari', 'lasts {n} days', { n: dec(r.daysOfCover) })}</>}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('Kirim berikutnya', 'Deliver next')}</dt>
          <dd data-testid="next-delivery">{r.nextDelivery > 0 ? unitsOf(r.nextDelivery) : t('Belum perlu', 'Not needed yet')}</dd>
        </div>
      </dl>
      {r.expiringSoon.length > 0 && (
        <div data-testid="expiring">
          <p className="small">
            {r.perishable ? t('Kedaluwarsa dalam 3 hari', 'Expiring within 3 days') : t('Segera kedaluwarsa', 'Expiring soon')}
          </p>
          <p>
            {r.expiringSoon.map((b) => (
              <Badge key={b.batchId} tone="warn">
                <span translate="no">{b.batchCode}</span>:{' '}
                {t('{n} unit, {d}', '{n} units, {d}', { n: num(b.onHand), d: formatDate(b.expiresOn, lang) })}
              </Badge>
            ))}
          </p>
        </div>
      )}
    </li>
  );
}

/** Units per week of the period, counted back from its last day (the oldest week may be shorter). */
function weeks(daily: Row['daily'], from: string, to: string): number[] {
  const n = Math.ceil((daysBetween(from, to) + 1) / 7);
  const out = Array.from({ length: n }, () => 0);
  for (const d of daily) {
    const back = Math.floor(daysBetween(d.date, to) / 7);
    if (back >= 0 && back < n) out[n - 1 - back] = (out[n - 1 - back] ?? 0) + d.units;
  }
  return out;
}

/** Units per day as bars, every day of the period (days without a sale at zero), the axis labelled. */
function DailyBars({ daily, from, to }: { daily: Row['daily']; from: string; to: string }) {
  const { t, lang } = useI18n();
  const num = useNum();
  const days = Math.min(92, daysBetween(from, to) + 1);
  const byDay = new Map(daily.map((d) => [d.date, d.units]));
  const values = Array.from({ length: days }, (_, i) => byDay.get(addDays(from, i)) ?? 0);
  const max = Math.max(1, ...values);
  const W = 280;
  const H = 64;
  const bw = W / days;
  const short = (d: string) => formatDate(d, lang).replace(/ \d{4}$/, '');
  return (
    <figure className="chart" aria-label={t('Unit terjual per hari', 'Units sold per day')}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height="64" preserveAspectRatio="none" role="img">
        <title>{t('Unit terjual per hari', 'Units sold per day')}</title>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} stroke="#9aa5a5" strokeWidth="1" />
        {values.map((v, i) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: one bar per day of a fixed period
            key={i}
            x={i * bw + bw * 0.15}
            y={H - (v / max) * (H - 4)}
            width={bw * 0.7}
            height={(v / max) * (H - 4)}
            fill="var(--brand, #0f766e)"
          />
        ))}
      </svg>
      <figcaption className="chart-axis small muted">
        <span>{short(from)}</span>
        <span>{t('maks. {n} unit/hari', 'max {n} units/day', { n: num(max === 1 && values.every((v) => v === 0) ? 0 : max) })}</span>
        <span>{short(to)}</span>
      </figcaption>
    </figure>
  );
}
