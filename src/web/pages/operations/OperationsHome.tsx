// The operations corner of the home page (maker and chain): orders waiting for the maker's answer, recent
// receipts that came with a difference (short / rejected, in words), and the reminders — pickups due or
// overdue, batches expiring soon, notes not yet received. Small on purpose: it is in the phone's entry.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { Badge, StatCard } from '../../components/ui.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { Difference, noteHref, orderHref, returnHref } from './parts.tsx';

type Reminder = Answer<'/api/operations/reminders'>['reminders'][number];

function hrefOf(r: Reminder, role: string) {
  switch (r.target.kind) {
    case 'order':
      return orderHref(r.target.id);
    case 'delivery_note':
      return noteHref(r.target.id);
    case 'return':
      return returnHref(r.target.id);
    default:
      return role === 'umkm' ? '/operations/sales' : '/operations/stock';
  }
}

export function OperationsHome() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const waiting = useQuery({
    queryKey: ['operations', 'orders', { status: 'sent', limit: 1 }],
    queryFn: () => api.get<Answer<'/api/operations/orders'>>('/api/operations/orders?status=sent&limit=1'),
  });
  const receipts = useQuery({
    queryKey: ['operations', 'receipts', { limit: 10 }],
    queryFn: () => api.get<Answer<'/api/operations/receipts'>>('/api/operations/receipts?limit=10'),
  });
  const reminders = useQuery({
    queryKey: ['operations', 'reminders'],
    queryFn: () => api.get<Answer<'/api/operations/reminders'>>('/api/operations/reminders'),
  });
  const differ = (receipts.data?.items ?? []).filter((r) => r.totals.short > 0 || r.totals.rejected > 0).slice(0, 3);
  const list = (reminders.data?.reminders ?? []).filter((r) => r.kind !== 'order_awaiting_answer');
  const shown = list.slice(0, 5);
  // Exact, from the server's counts (its list holds only the most urgent of each kind).
  const more = reminders.data ? reminders.data.total - reminders.data.counts.order_awaiting_answer - shown.length : 0;
  const umkm = me.role === 'umkm';
  return (
    <section className="card reminders" data-testid="operations-home">
      <h2>{t('Pesanan dan pengiriman', 'Orders and deliveries')}</h2>
      <div className="stats">
        <StatCard
          label={
            umkm
              ? t('Pesanan menunggu jawaban Anda', 'Orders waiting for your answer')
              : t('Pesanan menunggu jawaban UMKM', 'Orders awaiting the UMKM')
          }
          value={waiting.error ? undefined : waiting.data?.total}
          href="/operations/orders?status=sent"
          testId="stat-orders-waiting"
        />
      </div>
      {(waiting.error || receipts.error || reminders.error) && (
        <p className="muted small">
          {t('Sebagian data operasional tidak dapat dimuat.', 'Some operations data could not be loaded.')}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              waiting.refetch();
              receipts.refetch();
              reminders.refetch();
            }}
          >
            {t('Coba lagi', 'Try again')}
          </button>
        </p>
      )}
      {(differ.length > 0 || shown.length > 0) && (
        <ul className="list">
          {differ.map((r) => (
            <li key={r.id} data-testid="home-receipt-difference">
              <Link href={noteHref(r.deliveryNoteId)} translate="no">
                {r.number}
              </Link>{' '}
              · {umkm ? <span translate="no">{r.chainName}</span> : <span translate="no">{r.umkmName}</span>} ·{' '}
              {formatDate(r.receivedOn, lang)} · <Difference short={r.totals.short} rejected={r.totals.rejected} />
            </li>
          ))}
          {shown.map((r) => (
            <li key={r.id} data-testid="home-reminder">
              {r.overdue && <Badge tone="bad">{t('Terlambat', 'Overdue')}</Badge>} <Link href={hrefOf(r, me.role)}>{tx(r.text)}</Link>
            </li>
          ))}
          {more > 0 && (
            <li data-testid="home-reminders-more">
              {more === 1
                ? t('dan 1 pengingat lain', 'and 1 more reminder')
                : t('dan {n} pengingat lain', 'and {n} more reminders', { n: formatNumber(more, lang) })}
            </li>
          )}
        </ul>
      )}
      <p className="actions">
        <Link href="/operations/orders" className="btn">
          {t('Pesanan', 'Orders')}
        </Link>
        {umkm ? (
          <Link href="/operations/sales" className="btn">
            {t('Penjualan', 'Sales')}
          </Link>
        ) : (
          <Link href="/operations/delivery-notes" className="btn">
            {t('Penerimaan', 'Receiving')}
          </Link>
        )}
      </p>
    </section>
  );
}
