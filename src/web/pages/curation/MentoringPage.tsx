// Mentoring programs for a Dinas and a mentor: the list, one program with participants, sessions,
// attendance and notes, recording a new session, suggested participants and the before/after of the
// re-curation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { Link } from '../../router.tsx';
import { useText } from './text.ts';

interface Program {
  id: string;
  name: string;
  topic: string;
  regionCode: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  enrolled: number;
  mentorName: string | null;
  criterionCodes: string[];
  can: { manage: boolean; record: boolean; respond: boolean };
}
interface Detail extends Program {
  enrolments: { umkmId: string; umkmName: string; status: string }[];
  sessions: { id: string; heldOn: string; topic: string; notes: string | null; attendance: { umkmId: string; present: boolean }[] }[];
}
interface Outcome {
  items: {
    productId: string;
    productName: string;
    umkmName: string;
    before: { outcome: string } | null;
    after: { outcome: string } | null;
    closed: string[];
  }[];
  summary: { products: number; lolosBefore: number; lolosAfter: number; gapsClosed: number };
}

export function ProgramListPage() {
  const { t } = useText();
  const q = useQuery({ queryKey: ['mentoring'], queryFn: () => api.get<{ items: Program[] }>('/api/mentoring/programs?limit=200') });
  return (
    <section className="page">
      <PageHeader title={t('Program pendampingan', 'Mentoring programs')} />
      {q.isLoading && <Loading />}
      {q.error && <Problem error={q.error} />}
      <ul className="cards">
        {q.data?.items.map((p) => (
          <li key={p.id} className="card item">
            <Link href={`/mentoring/${p.id}`} className="item-title">
              {p.name}
            </Link>
            <p className="item-meta">
              {p.startsOn} – {p.endsOn} · {p.enrolled}/{p.capacity} {t('peserta', 'participants')}
              {p.mentorName ? ` · ${p.mentorName}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProgramPage({ params }: { params: Record<string, string> }) {
  const { t } = useText();
  const qc = useQueryClient();
  const id = params.id as string;
  const q = useQuery({ queryKey: ['mentoring', id], queryFn: () => api.get<Detail>(`/api/mentoring/programs/${id}`) });
  const outcome = useQuery({
    queryKey: ['mentoring', id, 'outcome'],
    queryFn: () => api.get<Outcome>(`/api/mentoring/programs/${id}/outcome`),
  });
  const [heldOn, setHeldOn] = useState('');
  const [topic, setTopic] = useState('');
  const [notes, setNotes] = useState('');
  const [absent, setAbsent] = useState<Set<string>>(new Set());
  const record = useMutation({
    mutationFn: (body: unknown) => api.post<Detail>(`/api/mentoring/programs/${id}/sessions`, body),
    onSuccess: (d) => {
      qc.setQueryData(['mentoring', id], d);
      setTopic('');
      setNotes('');
    },
  });
  const p = q.data;
  if (q.isLoading) return <Loading />;
  if (q.error || !p) return <Problem error={q.error} />;
  const participants = p.enrolments.filter((e) => e.status === 'enrolled' || e.status === 'completed');
  const name = new Map(p.enrolments.map((e) => [e.umkmId, e.umkmName]));
  return (
    <section className="page">
      <BackLink href="/mentoring" label={t('Program pendampingan', 'Mentoring programs')} />
      <PageHeader title={p.name} subtitle={`${p.startsOn} – ${p.endsOn} · ${p.criterionCodes.join(', ')}`} />
      <div className="card">
        <p className="item-title">{t('Peserta', 'Participants')}</p>
        <ul>
          {p.enrolments.map((e) => (
            <li key={e.umkmId}>
              {e.umkmName} — {e.status}
            </li>
          ))}
        </ul>
      </div>
      {p.sessions.map((s) => (
        <div key={s.id} className="card" data-testid="session">
          <p className="item-title">
            {s.heldOn} · {s.topic}
          </p>
          {s.notes && <p>{s.notes}</p>}
          <p className="muted">
            {t('Hadir', 'Present')}: {s.attendance.filter((a) => a.present).length}/{s.attendance.length}
            {s.attendance.some((a) => !a.present) &&
              ` · ${t('tidak hadir', 'absent')}: ${s.attendance
                .filter((a) => !a.present)
                .map((a) => name.get(a.umkmId) ?? a.umkmId)
                .join(', ')}`}
          </p>
        </div>
      ))}
      {p.can.record && participants.length > 0 && (
        <form
          className="card form"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate({
              heldOn,
              topic,
              notes: notes.trim() || null,
              attendance: participants.map((x) => ({ umkmId: x.umkmId, present: !absent.has(x.umkmId) })),
            });
          }}
        >
          <p className="item-title">{t('Catat sesi', 'Record a session')}</p>
          {record.error && <Problem error={record.error} />}
          <label className="field">
            {t('Tanggal', 'Date')}
            <input type="date" required value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </label>
          <label className="field">
            {t('Materi', 'Topic')}
            <input required value={topic} onChange={(e) => setTopic(e.target.value)} />
          </label>
          <label className="field">
            {t('Catatan pendamping', 'Mentor notes')}
            <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          {participants.map((x) => (
            <label key={x.umkmId} className="check">
              <input
                type="checkbox"
                checked={!absent.has(x.umkmId)}
                onChange={(e) => {
                  const next = new Set(absent);
                  if (e.target.checked) next.delete(x.umkmId);
                  else next.add(x.umkmId);
                  setAbsent(next);
                }}
              />{' '}
              {x.umkmName}
            </label>
          ))}
          <button type="submit" className="btn btn-primary" disabled={record.isPending}>
            {t('Simpan sesi', 'Save session')}
          </button>
        </form>
      )}
      {outcome.data && outcome.data.items.length > 0 && (
        <div className="table-wrap">
          <p className="item-title">
            {t('Sebelum / sesudah kurasi ulang', 'Before / after re-curation')}: {outcome.data.summary.lolosBefore} →{' '}
            {outcome.data.summary.lolosAfter} {t('lolos', 'passed')}, {outcome.data.summary.gapsClosed}{' '}
            {t('kekurangan tertutup', 'gaps closed')}
          </p>
          <table className="table" data-testid="outcome-table">
            <thead>
              <tr>
                <th>{t('Produk', 'Product')}</th>
                <th>{t('Sebelum', 'Before')}</th>
                <th>{t('Sesudah', 'After')}</th>
                <th>{t('Tertutup', 'Closed')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.data.items.map((i) => (
                <tr key={i.productId}>
                  <td>
                    {i.productName} <span className="muted">{i.umkmName}</span>
                  </td>
                  <td>{i.before?.outcome ?? '—'}</td>
                  <td>{i.after?.outcome ?? '—'}</td>
                  <td>{i.closed.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
