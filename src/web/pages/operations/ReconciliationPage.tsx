// Rekonsiliasi per PKS and period: per outlet × product, opening + received − sold − returned − expired ±
// counted = closing, with what was shipped, rejected and short beside it; whether the identity holds, and
// every variance in words (a sale with no recorded delivery, short or rejected at receipt, a count
// difference). The PKS is found by number, UMKM or chain; the period defaults to the API's.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { SearchBox, useListParams } from '../../components/list.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useNum, useUnits } from './parts.tsx';

type Recon = Answer<'/api/operations/reconciliation'>;
type Agreement = Item<'/api/agreements'>;

export function ReconciliationPage() {
  const { t } = useI18n();
  const lp = useListParams();
  const agreementId = lp.get('pks');
  const from = lp.get('from');
  const to = lp.get('to');
  const pks = useQuery({
    queryKey: ['agreements', 'pks-pick', lp.q],
    queryFn: () => api.get<Answer<'/api/agreements'>>(`/api/agreements${qs({ kind: 'pks', q: lp.q, limit: 50 })}`),
  });
  const items: Agreement[] = pks.data?.items ?? [];
  return (
    <section className="page">
      <PageHeader
        title={t('Rekonsiliasi stok', 'Stock reconciliation')}
        subtitle={t(
          'Per PKS dan periode: dikirim = terjual + diretur + dihapusbukukan + stok (± stock opname), dengan setiap selisih.',
          'Per PKS and period: delivered = sold + returned + written off + on hand (± counts), with every variance.',
        )}
        testId="recon-title"
      />
      <div className="filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari PKS: nomor atau UMKM', 'Search PKS: number or UMKM')}
        />
        <label>
          {t('PKS', 'PKS')}{' '}
          <select value={agreementId} onChange={(e) => lp.setFilter({ pks: e.target.value || null })} data-testid="recon-pks">
            <option value="">{t('— Pilih PKS —', '— Choose a PKS —')}</option>
            {items.map((a) => (
              <option key={a.id} value={a.id} translate="no">
                {a.number} · {a.umkm?.name} · {a.chain.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Dari', 'From')}{' '}
          <input type="date" value={from} onChange={(e) => lp.setFilter({ from: e.target.value || null })} data-testid="recon-from" />
        </label>
        <label>
          {t('Sampai', 'To')}{' '}
          <input type="date" value={to} onChange={(e) => lp.setFilter({ to: e.target.value || null })} data-testid="recon-to" />
        </label>
      </div>
      {pks.error && <Problem error={pks.error} onRetry={() => pks.refetch()} />}
      {pks.data && pks.data.total > items.length && (
        <p className="muted small">
          {t('Menampilkan {n} pertama dari {total} PKS; ketik untuk mencari.', 'Showing the first {n} of {total} PKS; type to search.', {
            n: String(items.length),
            total: String(pks.data.total),
          })}
        </p>
      )}
      {agreementId ? (
        <Result agreementId={agreementId} from={from} to={to} />
      ) : (
        <p className="empty">
          {pks.data && pks.data.total === 0
            ? t('Belum ada PKS.', 'No PKS yet.')
            : t('Pilih PKS untuk melihat rekonsiliasinya.', 'Choose a PKS to see its reconciliation.')}
        </p>
      )}
    </section>
  );
}

function Result({ agreementId, from, to }: { agreementId: string; from: string; to: string }) {
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const params = { agreementId, from: from || undefined, to: to || undefined };
  const q = useQuery({
    queryKey: ['operations', 'reconciliation', params],
    queryFn: () => api.get<Recon>(`/api/operations/reconciliation${qs(params)}`),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  const signed = (v: number) => (v > 0 ? `+${num(v)}` : num(v));
  return (
    <>
      <h2 translate="no">{r.agreementNumber}</h2>
      <p>
        {formatPeriod(r.from, r.to, lang)}{' '}
        {r.identityHolds ? (
          <Badge tone="ok">
            <span data-testid="identity">{t('Seimbang', 'Balanced')}</span>
          </Badge>
        ) : (
          <Badge tone="bad">
            <span data-testid="identity">{t('Tidak seimbang', 'Does not balance')}</span>
          </Badge>
        )}
      </p>
      {r.rows.length === 0 ? (
        <p className="empty">{t('Tidak ada pergerakan stok pada periode ini.', 'No stock movements in this period.')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table recon" data-testid="recon-table">
            <thead>
              <tr>
                <th>{t('Gerai · produk', 'Outlet · product')}</th>
                <th>{t('Awal', 'Opening')}</th>
                <th>{t('Diterima', 'Received')}</th>
                <th>{t('Terjual', 'Sold')}</th>
                <th>{t('Diretur', 'Returned')}</th>
                <th>{t('Kedaluwarsa', 'Expired')}</th>
                <th>{t('Opname', 'Count')}</th>
                <th>{t('Akhir', 'Closing')}</th>
                <th>{t('Dikirim', 'Shipped')}</th>
                <th>{t('Ditolak', 'Rejected')}</th>
                <th>{t('Kurang', 'Short')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={`${x.outletId}|${x.productId}`}>
                  <td translate="no">
                    {x.outletName} · {x.productName}
                  </td>
                  <td>{num(x.opening)}</td>
                  <td>{num(x.received)}</td>
                  <td>{num(x.sold)}</td>
                  <td>{num(x.returned)}</td>
                  <td>{num(x.expired)}</td>
                  <td>{signed(x.counted)}</td>
                  <td>{num(x.closing)}</td>
                  <td>{num(x.delivered)}</td>
                  <td>{num(x.rejected)}</td>
                  <td>{num(x.short)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('Jumlah', 'Total')}</th>
                <th>{num(r.totals.opening)}</th>
                <th>{num(r.totals.received)}</th>
                <th>{num(r.totals.sold)}</th>
                <th>{num(r.totals.returned)}</th>
                <th>{num(r.totals.expired)}</th>
                <th>{signed(r.totals.counted)}</th>
                <th>{num(r.totals.closing)}</th>
                <th>{num(r.totals.delivered)}</th>
                <th>{num(r.totals.rejected)}</th>
                <th>{num(r.totals.short)}</th>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('Selisih ({n})', 'Variances ({n})', { n: num(r.variances.length) })}</h2>
      {r.variances.length === 0 ? (
        <p className="empty">{t('Tidak ada selisih.', 'No variances.')}</p>
      ) : (
        <ul className="cards" data-testid="variances">
          {r.variances.map((v, i) => {
            const row = r.rows.find((x) => x.outletId === v.outletId && x.productId === v.productId);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: variances have no id of their own
              <li key={i} className="card item">
                <p className="item-title">{tx(v.label)}</p>
                <p className="op-meta">
                  {row && (
                    <span translate="no">
                      {row.outletName} · {row.productName}
                    </span>
                  )}{' '}
                  · {formatDate(v.occurredOn, lang)} · {unitsOf(Math.abs(v.qty))}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
