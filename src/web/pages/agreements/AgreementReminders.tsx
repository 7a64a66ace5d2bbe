// Reminders on each party's home: agreements ending within 30/60 days, signatures awaited (marked when
// they are this user's), and PKS flagged by the rules of trade. Small on purpose: it loads on every home.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { Link } from '../../router.tsx';
import { type Bi, PARTY, useText } from './text.ts';

interface Reminders {
  today: string;
  expiring: { id: string; kind: string; number: string; endsOn: string; daysLeft: number; within: 30 | 60 }[];
  awaitingSignature: { id: string; kind: string; number: string; version: number; missingParties: (keyof typeof PARTY)[]; mine: boolean }[];
  flagged: { id: string; number: string; warnings: { rule: string; message: Bi }[] }[];
}

export function AgreementReminders() {
  const { t, tx, lang } = useText();
  const q = useQuery({ queryKey: ['agreement-reminders'], queryFn: () => api.get<Reminders>('/api/agreements/reminders') });
  const r = q.data;
  if (!r || r.expiring.length + r.awaitingSignature.length + r.flagged.length === 0) return null;
  return (
    <section className="card reminders" data-testid="agreement-reminders">
      <h2>{t('Pengingat perjanjian', 'Agreement reminders')}</h2>
      <ul className="list">
        {r.awaitingSignature.map((a) => (
          <li key={`s-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> ·{' '}
            {a.mine
              ? t('menunggu tanda tangan Anda', 'waiting for your signature')
              : `${t('menunggu', 'waiting for')} ${a.missingParties.map((p) => PARTY[p][lang === 'id' ? 0 : 1]).join(', ')}`}
          </li>
        ))}
        {r.expiring.map((a) => (
          <li key={`e-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> · {t(`berakhir dalam ${a.daysLeft} hari`, `ends in ${a.daysLeft} days`)}
          </li>
        ))}
        {r.flagged.slice(0, 5).map((a) => (
          <li key={`f-${a.id}`}>
            <Link href={`/agreements/${a.id}`}>{a.number}</Link> · {tx(a.warnings[0]?.message ?? { id: '', en: '' })}
          </li>
        ))}
        {r.flagged.length > 5 && (
          <li>{t(`dan ${r.flagged.length - 5} PKS lain dengan catatan kepatuhan`, `and ${r.flagged.length - 5} more flagged PKS`)}</li>
        )}
      </ul>
    </section>
  );
}
