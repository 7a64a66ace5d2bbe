// Penerimaan / delivery notes: for the chain, the notes awaiting receipt first (then all), each opened to
// record its receipt; the service level (received ÷ ordered) per UMKM or per outlet below. The Dinas and
// the administrator read the same within their scope.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { ListBody, PAGE_SIZE, Pager, useListParams } from '../../components/list.tsx';
import { Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatPercent, formatPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { Difference, NoteStatusBadge, noteHref, useNum, useUnits } from './parts.tsx';

type Note = Item<'/api/operations/delivery-notes'>;

export function NotesPage() {
  const me = useUser();
  const { t, lang } = useI18n();
  const unitsOf = useUnits();
  const lp = useListParams();
  // The chain comes here to receive: what awaits receipt is shown unless another choice is made.
  const chosen = lp.get('status') || (me.role === 'retailer' ? 'issued' : 'all');
  const params = { status: chosen === 'all' ? undefined : chosen, limit: lp.limit, offset: lp.offset };
  const list = useQuery({
    queryKey: ['operations', 'notes', params],
    queryFn: () => api.get<Answer<'/api/operations/delivery-notes'>>(`/api/operations/delivery-notes${qs(params)}`),
  });
  return (
    <section className="page">
      <PageHeader
        title={me.role === 'retailer' ? t('Penerimaan barang', 'Receiving') : t('Surat jalan', 'Delivery notes')}
        subtitle={
          me.role === 'retailer'
            ? t(
                'Surat jalan dari UMKM. Buka satu untuk mencatat penerimaan (BPB): diterima, ditolak beserta alasannya; kekurangan dihitung.',
                'Delivery notes from UMKM. Open one to record the goods receipt: accepted, rejected with a reason; the shortfall is computed.',
              )
            : undefined
        }
        testId="notes-title"
      />
      <div className="filters">
        <label>
          {t('Status', 'Status')}{' '}
          <select value={chosen} onChange={(e) => lp.setFilter({ status: e.target.value })} data-testid="note-status-filter">
            <option value="all">{t('Semua', 'All')}</option>
            {options('deliveryNoteStatus', lang).map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ListBody
        query={list}
        empty={
          chosen === 'issued'
            ? t('Tidak ada surat jalan yang menunggu diterima.', 'No delivery notes awaiting receipt.')
            : t('Belum ada surat jalan.', 'No delivery notes yet.')
        }
        page={lp.page}
        onPage={lp.setPage}
        testId="note-list"
        render={(n: Note) => (
          <li key={n.id} className="card item" data-testid="note">
            <Link href={noteHref(n.id)} className="item-title" translate="no">
              {n.number}
            </Link>
            <p className="op-meta">
              <span translate="no">{me.role === 'umkm' ? n.chainName : n.umkmName}</span> · <span translate="no">{n.destinationName}</span>
            </p>
            <p className="op-meta">
              {t('Dikirim {d}', 'Shipped {d}', { d: formatDate(n.shipOn, lang) })} · {unitsOf(n.totals.qty)}
            </p>
            <p>
              <NoteStatusBadge status={n.status} /> {n.receiptId && <Difference short={n.totals.short} rejected={n.totals.rejected} />}
            </p>
          </li>
        )}
      />
      <ServiceLevel />
    </section>
  );
}

function ServiceLevel() {
  const { t, lang } = useI18n();
  const num = useNum();
  const lp = useListParams();
  const by = lp.get('by') === 'outlet' ? 'outlet' : 'umkm';
  const [page, setPage] = useState(1);
  const params = { by, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const q = useQuery({
    queryKey: ['operations', 'service-level', params],
    queryFn: () => api.get<Answer<'/api/operations/service-level'>>(`/api/operations/service-level${qs(params)}`),
    placeholderData: (previous) => previous,
  });
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, lang));
  return (
    <section className="card" data-testid="service-level">
      <h2>{t('Tingkat layanan', 'Service level')}</h2>
      <p className="muted">
        {t('Diterima dibagi dipesan', 'Received divided by ordered')}
        {q.data && <> · {formatPeriod(q.data.from, q.data.to, lang)}</>}
      </p>
      <div className="filters">
        <label>
          {t('Per', 'By')}{' '}
          <select
            value={by}
            onChange={(e) => {
              setPage(1);
              lp.setFilter({ by: e.target.value === 'outlet' ? 'outlet' : null });
            }}
            data-testid="sl-by"
          >
            <option value="umkm">{t('UMKM', 'UMKM')}</option>
            <option value="outlet">{t('Gerai', 'Outlet')}</option>
          </select>
        </label>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Problem error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.total === 0 ? (
        <p className="empty">{t('Belum ada pesanan pada periode ini.', 'No orders in this period.')}</p>
      ) : (
        <>
          <p data-testid="sl-all">
            {t(
              'Semua: {received} dari {ordered} unit yang dipesan diterima ({pct}).',
              'In all: {received} of {ordered} units ordered were received ({pct}).',
              { received: num(q.data.all.received), ordered: num(q.data.all.ordered), pct: pct(q.data.all.ofOrdered) },
            )}
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{by === 'umkm' ? t('UMKM', 'UMKM') : t('Gerai', 'Outlet')}</th>
                  <th>{t('Dipesan', 'Ordered')}</th>
                  <th>{t('Dikonfirmasi', 'Confirmed')}</th>
                  <th>{t('Diterima', 'Received')}</th>
                  <th>{t('Diterima ÷ dipesan', 'Received ÷ ordered')}</th>
                  <th>{t('Diterima ÷ dikonfirmasi', 'Received ÷ confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.rows.map((r) => (
                  <tr key={r.id}>
                    <td translate="no">{r.name}</td>
                    <td>{num(r.ordered)}</td>
                    <td>{num(r.confirmed)}</td>
                    <td>{num(r.received)}</td>
                    <td>{pct(r.ofOrdered)}</td>
                    <td>{pct(r.ofConfirmed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} total={q.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
