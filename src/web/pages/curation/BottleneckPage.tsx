// Bottleneck analytics for a Dinas or a chain: which requirement blocks how many products and UMKM, how
// many would pass if it alone were relaxed, a greedy set of relaxations, CSV/XLSX export, and the funnel.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import { Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { useQueryParams } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { CHAINS, useText } from './text.ts';

interface Report {
  regionName: string;
  products: number;
  umkm: number;
  passing: number;
  criteria: {
    code: string;
    label: string;
    failingProducts: number;
    failingUmkm: number;
    passIfRelaxed: number;
    passIfRelaxedUmkm: number;
  }[];
  greedy: { target: number; reached: boolean; steps: { code: string; label: string; newlyPassing: number; cumulative: number }[] };
}
interface Funnel {
  stages: { stage: string; label: string; products: number; reached: number }[];
}

/** Horizontal bars drawn as SVG: no chart library for one bar chart. Sizes are in real pixels and bar
 *  lengths in percent, so the labels stay readable on a 360-px phone instead of shrinking with a viewBox;
 *  each label sits on its own line above its bar. */
function Bars({ rows }: { rows: { label: string; a: number; b: number }[] }) {
  const { t } = useText();
  const max = Math.max(1, ...rows.map((r) => r.a));
  const h = 36;
  const pct = (x: number) => `${(x / max) * 85}%`;
  return (
    <>
      <svg
        width="100%"
        height={rows.length * h + 4}
        role="img"
        aria-label={t('Grafik hambatan', 'Bottleneck chart')}
        data-testid="bottleneck-chart"
      >
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * h})`}>
            <title>{r.label}</title>
            <text x="0" y="13" fontSize="12">
              {r.label.length > 46 ? `${r.label.slice(0, 45)}…` : r.label}
            </text>
            <rect x="0" y="18" height="14" width={pct(r.a)} fill="#c0392b" opacity="0.8" data-testid="bar" />
            <rect x="0" y="22" height="6" width={pct(r.b)} fill="#1e8449" />
            <text x={`${(r.a / max) * 85 + 1}%`} y="30" fontSize="12">
              {r.a}
            </text>
          </g>
        ))}
      </svg>
      <p className="small muted">
        {t(
          'Merah: produk tidak lolos · hijau: lolos bila hanya ini dilonggarkan',
          'Red: products failing · green: would pass if only this were relaxed',
        )}
      </p>
    </>
  );
}

export default function BottleneckPage() {
  const me = useUser();
  const { t, n } = useText();
  const [query, set] = useQueryParams();
  const region = query.get('region') ?? me.regionCode ?? '76';
  const chain = query.get('chain') ?? me.chainCode ?? 'alfamidi';
  const target = Number(query.get('target') ?? 10);
  const params = { regionCode: region, chainCode: chain, target };
  const report = useQuery({ queryKey: ['bottlenecks', params], queryFn: () => api.get<Report>(`/api/curation/bottlenecks${qs(params)}`) });
  const funnel = useQuery({
    queryKey: ['funnel', region],
    queryFn: () => api.get<Funnel>(`/api/curation/funnel${qs({ regionCode: region })}`),
  });
  const r = report.data;
  return (
    <section className="page">
      <PageHeader title={t('Hambatan kurasi', 'Curation bottlenecks')} subtitle={r ? `${r.regionName} (${region})` : region}>
        <a className="btn" href={`/api/curation/bottlenecks/export${qs({ ...params, format: 'csv' })}`} data-testid="export-csv">
          CSV
        </a>
        <a className="btn" href={`/api/curation/bottlenecks/export${qs({ ...params, format: 'xlsx' })}`} data-testid="export-xlsx">
          XLSX
        </a>
      </PageHeader>
      <div className="filters">
        <label className="field">
          {t('Wilayah (kode)', 'Region (code)')}
          <input defaultValue={region} onBlur={(e) => set({ region: e.target.value.trim() })} />
        </label>
        {me.role !== 'retailer' && (
          <label className="field">
            {t('Jaringan ritel', 'Chain')}
            <select value={chain} onChange={(e) => set({ chain: e.target.value })}>
              {CHAINS.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          {t('Target tambahan produk lolos', 'Target of additional passing products')}
          <input type="number" min={1} defaultValue={target} onBlur={(e) => set({ target: e.target.value })} />
        </label>
      </div>
      {report.isLoading && <Loading />}
      {report.error && <Problem error={report.error} onRetry={() => report.refetch()} />}
      {r && (
        <>
          <p>
            {t('Produk dinilai', 'Products assessed')}: <strong>{n(r.products)}</strong> · UMKM: <strong>{n(r.umkm)}</strong> ·{' '}
            {t('lolos', 'passing')}: <strong>{n(r.passing)}</strong>
          </p>
          <div className="card">
            <Bars
              rows={r.criteria
                .filter((c) => c.failingProducts > 0)
                .map((c) => ({ label: c.label, a: c.failingProducts, b: c.passIfRelaxed }))}
            />
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="bottleneck-table">
              <thead>
                <tr>
                  <th rowSpan={2}>{t('Kriteria', 'Criterion')}</th>
                  <th colSpan={2}>{t('Tidak lolos', 'Failing')}</th>
                  <th colSpan={2}>{t('Lolos bila hanya ini dilonggarkan', 'Pass if only this were relaxed')}</th>
                </tr>
                <tr>
                  <th>{t('Produk', 'Products')}</th>
                  <th>UMKM</th>
                  <th>{t('Produk', 'Products')}</th>
                  <th>UMKM</th>
                </tr>
              </thead>
              <tbody>
                {r.criteria.map((c) => (
                  <tr key={c.code} data-testid="criterion-row">
                    <td>{c.label}</td>
                    <td>{n(c.failingProducts)}</td>
                    <td>{n(c.failingUmkm)}</td>
                    <td>{n(c.passIfRelaxed)}</td>
                    <td>{n(c.passIfRelaxedUmkm)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <p className="item-title">
              {t(`Pelonggaran agar ${r.greedy.target} produk lagi lolos`, `Relaxations to let ${r.greedy.target} more products pass`)}
            </p>
            <p className="muted">
              {t(
                'Dihitung dengan metode greedy (serakah): kecil, tetapi belum tentu yang terkecil.',
                'Computed greedily: small, but not guaranteed to be the smallest.',
              )}
              {!r.greedy.reached && ` ${t('Target tidak tercapai.', 'Target not reached.')}`}
            </p>
            <ol>
              {r.greedy.steps.map((s) => (
                <li key={s.code}>
                  {s.label}: +{n(s.newlyPassing)} ({t('total', 'total')} {n(s.cumulative)})
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
      {funnel.data && (
        <div className="card" data-testid="funnel">
          <p className="item-title">{t('Corong produk', 'Product funnel')}</p>
          <ul>
            {funnel.data.stages.map((s) => (
              <li key={s.stage}>
                {s.label}: {n(s.reached)} ({t('saat ini', 'now')} {n(s.products)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
