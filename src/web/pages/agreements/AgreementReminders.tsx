// Reminders on each party's home: agreements another party has ended, signatures awaited (marked when
// they are this user's), agreements ending within 30/60 days, and PKS flagged by the rules of trade.
// Small on purpose: it loads on every home.
import { useQuery } from '@tanstack/react-query';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';

export function AgreementReminders() {
  const { t, tx, lang } = useI18n();
  const q = useQuery({
    queryKey: ['agreement-reminders'],
    queryFn: () => api.get<Answer<'/api/agreements/reminders'>>('/api/agreements/reminders'),
  });
  const r = q.data;
  if (!r || r.terminated.length + r.expiring.length + r.awaitingSignature.length + r.flagged.length === 0) return null;
  return (
    <section className="card reminders" data-testid="agreement-reminders">
      <h2>{t('Pengingat perjanjian', 'Agreement reminders')}</h2>
      <ul className="list">
        {r.terminated.map((a) => (
          <li key={`t-${a.id}`} data-testid="reminder-terminated">
            <strong>{t('Diakhiri', 'Ended')}</strong>: <Link href={`/agreements/${a.id}`}>{a.number}</Link>
            {a.umkmName && <span translate="no"> · {a.umkmName}</span>} ·{' '}
            {t('mulai {date}', 'from {date}', { date: formatDate(a.terminatedOn, lang) })}
            {a.byName && (
              <>
                {' · '}
                {t('oleh', 'by')} <span translate="no">{a.byName}</span>
              </>
            )}
            {a.reason && (
              <>
                {' · '}
                {t('alasan', 'reason')}: <q translate="no">{a.reason}</q>
              </>
            )}
          </li>
        ))}
        {r.awaitingSignature.map((a) => (
          <li key={`s-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> ·{' '}
            {a.mine
              ? t('menunggu tanda tangan Anda', 'waiting for your signature')
              : `${t('menunggu', 'waiting for')} ${a.missingParties.map((p) => tx(label('party', p))).join(', ')}`}
          </li>
        ))}
        {r.expiring.map((a) => (
          <li key={`e-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> ·{' '}
            {t('berakhir dalam {n} hari', 'ends in {n} days', { n: formatNumber(a.daysLeft, lang) })}
          </li>
        ))}
        {r.flagged.slice(0, 5).map((a) => (
          <li key={`f-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> · {tx(a.warnings[0]?.message ?? { id: '', en: '' })}
          </li>
        ))}
        {r.flagged.length > 5 && (
          <li>
            {t('dan {n} PKS lain dengan catatan kepatuhan', 'and {n} more flagged PKS', { n: formatNumber(r.flagged.length - 5, lang) })}{' '}
            <Link href="/agreements">{t('Lihat semua', 'See all')}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
