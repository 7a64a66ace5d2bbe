// Pesanan: the orders this user may see, newest first, paged with their total and filtered by status. The
// maker sees what waits for her answer first; the chain can start a new order from the suggestions.
import { useQuery } from '@tanstack/react-query';
import { options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { ListBody, useListParams } from '../../components/list.tsx';
import { ButtonLink, PageHeader } from '../../components/ui.tsx';
import { formatDate, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { OrderStatusBadge, orderHref, useUnits } from './parts.tsx';

type Order = Item<'/api/operations/orders'>;

export function OrdersPage() {
  const me = useUser();
  const { t, lang } = useI18n();
  const unitsOf = useUnits();
  const lp = useListParams();
  const status = lp.get('status');
  const params = { status, limit: lp.limit, offset: lp.offset };
  const list = useQuery({
    queryKey: ['operations', 'orders', params],
    queryFn: () => api.get<Answer<'/api/operations/orders'>>(`/api/operations/orders${qs(params)}`),
  });
  return (
    <section className="page">
      <PageHeader
        title={t('Pesanan', 'Orders')}
        subtitle={
          me.role === 'umkm'
            ? t(
                'Pesanan dari jaringan ritel. Jawab sebelum berproduksi: konfirmasi penuh, sebagian, atau tolak.',
                'Orders from retail chains. Answer before you produce: confirm in full, in part, or decline.',
              )
            : t('Pesanan kepada UMKM sesuai PKS yang berlaku.', 'Orders to UMKM under the PKS in force.')
        }
        testId="orders-title"
      >
        {me.role === 'retailer' && (
          <ButtonLink href="/operations/orders/new" primary testId="new-order">
            {t('Pesanan baru', 'New order')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <label>
          {t('Status', 'Status')}{' '}
          <select value={status} onChange={(e) => lp.setFilter({ status: e.target.value || null })} data-testid="status-filter">
            <option value="">{t('Semua', 'All')}</option>
            {options('orderStatus', lang).map(([code, text]) => (
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
          status ? t('Tidak ada pesanan dengan status ini.', 'No orders with this status.') : t('Belum ada pesanan.', 'No orders yet.')
        }
        page={lp.page}
        onPage={lp.setPage}
        testId="order-list"
        render={(o: Order) => (
          <li key={o.id} className="card item" data-testid="order">
            <Link href={orderHref(o.id)} className="item-title">
              <span translate="no">{o.number}</span>
            </Link>
            <p className="op-meta">
              <span translate="no">{me.role === 'umkm' ? o.chainName : o.umkmName}</span>
              {' · '}
              {o.outletName ? <span translate="no">{o.outletName}</span> : t('ke pusat distribusi', 'to the distribution centre')}
            </p>
            <p className="op-meta">
              {t('Dibutuhkan {d}', 'Wanted {d}', { d: formatDate(o.deliverBy, lang) })} · {unitsOf(o.totals.confirmed ?? o.totals.ordered)}{' '}
              · {formatRupiah(o.totals.amount)}
            </p>
            <p>
              <OrderStatusBadge status={o.status} />
            </p>
          </li>
        )}
      />
    </section>
  );
}
