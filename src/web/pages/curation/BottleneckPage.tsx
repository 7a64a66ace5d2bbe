// Bottleneck analytics for a Dinas or a chain: which requirement blocks how many products and UMKM, how
// many would pass if it alone were relaxed, a greedy set of relaxations, CSV/XLSX export, and the funnel
// (each product in exactly one stage). The region comes from the picker; without a chain chosen the
// server opens the one with data in that region.
import { useQuery } from '@tanstack/react-query';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { SelectField, TextField } from '../../components/form.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatNumber, formatPercent } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useQueryParams } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { shortCriterion } from './criteria.ts';

type Report = Answer<'/api/curation/bottlenecks'>;
type Funnel = Answer<'/api/curation/funnel'>;
const CHAINS = ['alfamart', 'alfamidi', 'indomaret'] as const;
const RED = '#c0392b';
const GREEN = '#1e8449';

/** Horizontal bars drawn as SVG: no chart library for one bar chart. Sizes are in real pixels and bar
 *  lengths in percent, so the labels stay readable on a 360-px phone instead of shrinking with a viewBox;
 *  each label sits on its own line above its bar. */
function Bars({ rows }: { rows: { label: string; short: string; a: number; b: number }[] }) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.a));
  const h = 36;
  const pct = (x: number) => `${(x / max) * 85}%`;
  return (
    <>
      <p className="legend" data-testid="chart-legend">
        <span>
          <span className="swatch" style={{ background: RED, opacity: 0.8 }} />
          {t('Produk tidak lolos karena kriteria ini', 'Products failing this criterion')}
        </span>
        <span>
          <span className="swatch" style={{ background: GREEN }} />
          {t('Akan lolos bila hanya kriteria ini dilonggarkan', 'Would pass if only this criterion were relaxed')}
        </span>
      </p>
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
              {r.short.length > 46 ? `${r.short.slice(0, 45)}…` : r.short}
            </text>
            <rect x="0" y="18" height="14" width={pct(r.a)} fill={RED} opacity="0.8" data-testid="bar" />
            <rect x="0" y="22" height="6" width={pct(r.b)} fill={GREEN} />
            <text x={`${(r.a / max) * 85 + 1}%`} y="30" fontSize="12">
              {formatNumber(r.a, lang)}
            </text>
          </g>
        ))}
      </svg>
    </>
  );
}

function FunnelCard({ f }: { f: Funnel }) {
  const { t, tx, lang } = useI18n();
  const total = f.total;
  return (
    <div className="card" data-testid="funnel">
      <h2 className="item-title">{t('Corong produk', 'Product funnel')}</h2>
      <p className="small muted">
        {t('Tiap produk dihitung sekali, pada tahapnya sekarang.', 'Each product is counted once, in the stage it is in now.')}
      </p>
      <ul className="plain-list">
        {f.stages.map((s) => (
          <li key={s.stage} data-testid="funnel-stage" data-products={s.products}>
            {tx(s.label)}: <strong>{formatNumber(s.products, lang)}</strong>{' '}
            <span className="muted">({formatPercent(total ? s.products / total : 0, lang)})</span>
          </li>
        ))}
        <li data-testid="funnel-total" data-products={total}>
          {t('Jumlah produk', 'Products in total')}: <strong>{formatNumber(total, lang)}</strong>
        </li>
      </ul>
    </div>
  );
}

export default function BottleneckPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const [query, set] = useQueryParams();
  const region = query.get('region') || me.regionCode || '76';
  const chosen = query.get('chain') || undefined;
  const target = Number(query.get('target') || 10);
  const params = { regionCode: region, chainCode: me.role === 'retailer' ? undefined : chosen, target };
  const report = useQuery({ queryKey: ['bottlenecks', params], queryFn: () => api.get<Report>(`/api/curation/bottlenecks${qs(params)}`) });
  const funnel = useQuery({
    queryKey: ['funnel', region],
    queryFn: () => api.get<Funnel>(`/api/curation/funnel${qs({ regionCode: region })}`),
  });
  const r = report.data;
  const chain = r?.chainCode ?? chosen ?? '';
  const exportParams = { ...params, chainCode: r?.chainCode };
  const withData = new Map((r?.chainsWithData ?? []).map((c) => [c.chainCode, c.products]));
  return (
    <section className="page">
      <PageHeader
        title={t('Hambatan kurasi', 'Curation bottlenecks')}
        subtitle={
          r ? (
            <>
              <span translate="no">{r.regionName}</span> · {tx(label('chain', r.chainCode))}
            </>
          ) : undefined
        }
      >
        <a className="btn" href={`/api/curation/bottlenecks/export${qs({ ...exportParams, format: 'csv' })}`} data-testid="export-csv">
          {t('Unduh CSV', 'Download CSV')}
        </a>
        <a className="btn" href={`/api/curation/bottlenecks/export${qs({ ...exportParams, format: 'xlsx' })}`} data-testid="export-xlsx">
          {t('Unduh Excel', 'Download Excel')}
        </a>
      </PageHeader>
      <div className="filters">
        <RegionPicker
          name="region"
          label={t('Wilayah', 'Region')}
          value={region}
          depth="district"
          lock={me.role === 'pemda' ? me.regionCode : null}
          onChange={(code) => set({ region: code || null, chain: null })}
        />
        {me.role !== 'retailer' && (
          <SelectField
            name="chain"
            label={t('Jaringan ritel', 'Retail chain')}
            value={chain}
            onChange={(v) => set({ chain: v || null })}
            options={CHAINS.map((c) => [
              c,
              withData.has(c)
                ? t('{c} ({n} produk dikurasi)', '{c} ({n} products curated)', {
                    c: tx(label('chain', c)),
                    n: formatNumber(withData.get(c) ?? 0, lang),
                  })
                : t('{c} (belum ada data)', '{c} (no data yet)', { c: tx(label('chain', c)) }),
            ])}
          />
        )}
        <TextField
          name="target"
          type="number"
          min={1}
          inputMode="numeric"
          label={t('Target tambahan produk lolos', 'Target of additional passing products')}
          value={String(target)}
          onChange={(v) => set({ target: v || null })}
        />
      </div>
      {report.isPending && <Loading />}
      {report.error && <Problem error={report.error} onRetry={() => report.refetch()} />}
      {r && r.products === 0 && (
        <p className="empty">
          {t('Belum ada kurasi selesai untuk jaringan ini di wilayah ini.', 'No finished curation for this chain in this region yet.')}
        </p>
      )}
      {r && r.products > 0 && (
        <>
          <p>
            {t('Produk dinilai: {p} · UMKM: {u} · lolos: {l}', 'Products assessed: {p} · UMKM: {u} · passing: {l}', {
              p: formatNumber(r.products, lang),
              u: formatNumber(r.umkm, lang),
              l: formatNumber(r.passing, lang),
            })}
          </p>
          <div className="card">
            <Bars
              rows={r.criteria
                .filter((c) => c.failingProducts > 0)
                .map((c) => ({ label: tx(c.label), short: tx(shortCriterion(c.code, c.label)), a: c.failingProducts, b: c.passIfRelaxed }))}
            />
          </div>
          <div className="table-scroll" data-testid="bottleneck-scroll">
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
                    <td>{tx(c.label)}</td>
                    <td>{formatNumber(c.failingProducts, lang)}</td>
                    <td>{formatNumber(c.failingUmkm, lang)}</td>
                    <td>{formatNumber(c.passIfRelaxed, lang)}</td>
                    <td>{formatNumber(c.passIfRelaxedUmkm, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2 className="item-title">
              {t('Pelonggaran agar {n} produk lagi lolos', 'Relaxations to let {n} more products pass', {
                n: formatNumber(r.greedy.target, lang),
              })}
            </h2>
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
                  {tx(s.label)}: +{formatNumber(s.newlyPassing, lang)} ({t('jumlah', 'total')} {formatNumber(s.cumulative, lang)})
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
      {funnel.error && <Problem error={funnel.error} onRetry={() => funnel.refetch()} />}
      {funnel.data && <FunnelCard f={funnel.data} />}
    </section>
  );
}
