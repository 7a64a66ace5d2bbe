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

/** Horizontal bars drawn as SVG: no chart library for one bar chart. */
function Bars({ rows }: { rows: { label: string; a: number; b: number }[] }) {
  const { t } = useText();
  const max = Math.max(1, ...rows.map((r) => r.a));
  const h = 22;
  return (
    <svg viewBox={`0 0 640 ${rows.length * h + 30}`} width="100%" role="img" aria-label={t('Grafik hambatan', 'Bottleneck chart')}>
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0 ${i * h})`}>
          <text x="0" y="15" fontSize="11">
            {r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label}
          </text>
          <rect x="250" y="3" height="14" width={(r.a / max) * 340} fill="#c0392b" opacity="0.8" />
          <rect x="250" y="7" height="6" width={(r.b / max) * 340} fill="#1e8449" />
          <text x={255 + (r.a / max) * 340} y="15" fontSize="11">
            {r.a}
          </text>
        </g>
      ))}
      <text x="250" y={rows.length * h + 20} fontSize="11">
        {t(
          'merah: produk tidak lolos · hijau: lolos bila hanya ini dilonggarkan',
          'red: products failing · green: would pass if only this were relaxed',
        )}
      </text>
    </svg>
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
            <table data-testid="bottleneck-table">
              <thead>
                <tr>
                  <th>{t('Kriteria', 'Criterion')}</th>
                  <th>{t('Produk tidak lolos', 'Products failing')}</th>
                  <th>{t('UMKM tidak lolos', 'UMKM failing')}</th>
                  <th>{t('Lolos bila hanya ini dilonggarkan (produk / UMKM)', 'Pass if only this were relaxed (products / UMKM)')}</th>
                </tr>
              </thead>
              <tbody>
                {r.criteria.map((c) => (
                  <tr key={c.code}>
                    <td>{c.label}</td>
                    <td>{n(c.failingProducts)}</td>
                    <td>{n(c.failingUmkm)}</td>
                    <td>
                      {n(c.passIfRelaxed)} / {n(c.passIfRelaxedUmkm)}
                    </td>
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
