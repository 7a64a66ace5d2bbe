// A programme as a card (the mentoring list, a UMKM's home) and, on a UMKM's home, the invitations waiting
// for its answer. Small and bundled with the home page; the programme pages themselves load lazily.
import { useQuery } from '@tanstack/react-query';
import { formatPeriod } from '../../../platform/format.ts';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Item } from '../../api-types.ts';
import { Badge } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';

type Program = Item<'/api/mentoring/programs'>;

const PHASE_TONE = { upcoming: 'neutral', running: 'ok', ended: 'neutral' } as const;
const STATUS_TONE = { invited: 'warn', enrolled: 'ok', completed: 'ok', declined: 'neutral' } as const;

export function ProgramCard({ p }: { p: Program }) {
  const { t, tx, lang } = useI18n();
  return (
    <li className="card item" data-testid="program">
      <Link href={`/mentoring/${p.id}`} className="item-title" translate="no">
        {p.name}
      </Link>
      <p className="item-meta">
        <Badge tone={PHASE_TONE[p.phase]}>{tx(label('programPhase', p.phase))}</Badge>{' '}
        {p.myStatus && <Badge tone={STATUS_TONE[p.myStatus]}>{tx(label('enrolmentStatus', p.myStatus))}</Badge>}{' '}
        {tx(label('mentoringTopic', p.topic))}
      </p>
      <p className="item-meta">
        {formatPeriod(p.startsOn, p.endsOn, lang)} · <span translate="no">{p.regionName}</span>
      </p>
      <p className="item-meta">
        {t('{n} dari {cap} peserta', '{n} of {cap} participants', { n: p.enrolled, cap: p.capacity })}
        {p.mentorName && (
          <>
            {' '}
            · {t('Pendamping', 'Mentor')}: <span translate="no">{p.mentorName}</span>
          </>
        )}
        {p.chainCode ? ` · ${tx(label('chain', p.chainCode))}` : ''}
      </p>
    </li>
  );
}

/** On a UMKM's home: invitations waiting for its answer. */
export function MentoringInvitations() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['mentoring', 'invited'],
    queryFn: () => api.get<{ items: Program[]; total: number }>('/api/mentoring/programs?myStatus=invited&limit=20'),
  });
  if (!q.data || q.data.total === 0) return null;
  return (
    <section className="card" data-testid="mentoring-invitations">
      <h2>{t('Undangan pendampingan ({n})', 'Mentoring invitations ({n})', { n: q.data.total })}</h2>
      <p className="muted">{t('Buka undangan untuk menerima atau menolaknya.', 'Open an invitation to accept or decline it.')}</p>
      <ul className="cards">
        {q.data.items.map((p) => (
          <ProgramCard key={p.id} p={p} />
        ))}
      </ul>
      {q.data.total > q.data.items.length && (
        <p>
          <Link href="/mentoring">{t('Semua undangan', 'All invitations')}</Link>
        </p>
      )}
    </section>
  );
}
