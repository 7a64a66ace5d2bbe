// One mentoring programme, grouped for a phone: what it is; for a UMKM its invitation to answer; each
// participant's progress; participants suggested from curation gaps (invited in bulk after a question naming
// the count); sessions with attendance and the mentor's notes, and recording a new one; re-curation (after
// a question naming how many products) and its before/after in words.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { dateIn, formatDate, formatNumber, formatPeriod } from '../../../platform/format.ts';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { FormProblem, fieldId, TextField, useFormErrors } from '../../components/form.tsx';
import { PAGE_SIZE, Pager } from '../../components/list.tsx';
import { BackLink, Badge, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';

type Detail = Answer<'/api/mentoring/programs/{id}'>;
type Suggestions = Answer<'/api/mentoring/programs/{id}/suggestions'>;
type Outcome = Answer<'/api/mentoring/programs/{id}/outcome'>;
const REQUIRED: Bilingual = { id: 'Wajib diisi.', en: 'Required.' };
const STATUS_TONE = { invited: 'warn', enrolled: 'ok', completed: 'ok', declined: 'neutral' } as const;

function useCriteria() {
  const { t, tx } = useI18n();
  return (codes: string[]) => (codes.length ? codes.map((c) => tx(label('criterion', c))).join(', ') : t('tidak ada', 'none'));
}

export function ProgramPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const id = params.id as string;
  const q = useQuery({ queryKey: ['mentoring', id], queryFn: () => api.get<Detail>(`/api/mentoring/programs/${id}`) });
  const criteria = useCriteria();
  if (q.isPending) return <Loading />;
  if (q.error || !q.data) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  return (
    <section className="page">
      <BackLink href="/mentoring" label={t('Program pendampingan', 'Mentoring programmes')} />
      {/* A name people wrote: not translated, and not checked for the other language. */}
      <div translate="no">
        <PageHeader title={p.name} testId="program-title" />
      </div>
      <p className="muted" data-testid="program-period">
        {tx(label('mentoringTopic', p.topic))} · {formatPeriod(p.startsOn, p.endsOn, lang)}
      </p>
      <div className="card">
        <Facts
          rows={[
            [t('Status', 'Status'), tx(label('programPhase', p.phase))],
            [
              t('Wilayah', 'Region'),
              <span key="region" translate="no">
                {p.regionName}
              </span>,
            ],
            [t('Kriteria yang dibenahi', 'Criteria it works on'), criteria(p.criterionCodes)],
            [
              t('Pendamping', 'Mentor'),
              p.mentorName ? (
                <span key="mentor" translate="no">
                  {p.mentorName}
                </span>
              ) : (
                t('belum ditentukan', 'not chosen yet')
              ),
            ],
            [t('Jaringan ritel', 'Retail chain'), p.chainCode ? tx(label('chain', p.chainCode)) : t('semua jaringan', 'any chain')],
            [
              t('Tempat', 'Place'),
              <span key="place">
                {p.place && <span translate="no">{p.place}</span>}
                {p.place && p.online && ' · '}
                {p.online && t('daring', 'online')}
                {!p.place && !p.online && '—'}
              </span>,
            ],
            [t('Peserta', 'Participants'), t('{n} dari {cap}', '{n} of {cap}', { n: p.enrolled, cap: p.capacity })],
            [
              t('Penyelenggara', 'Organiser'),
              <span key="organizer" translate="no">
                {p.organizerName}
              </span>,
            ],
          ]}
        />
      </div>
      {p.can.respond && <Invitation program={p} />}
      <Participants program={p} />
      {p.can.manage && <SuggestionList program={p} />}
      <Sessions program={p} />
      {p.can.record && <SessionForm program={p} />}
      {p.can.manage && <Recuration program={p} />}
      <OutcomeView program={p} />
    </section>
  );
}

export default ProgramPage;

function Invitation({ program }: { program: Detail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const answer = useMutation({
    mutationFn: (accept: boolean) => api.post<Detail>(`/api/mentoring/programs/${program.id}/respond`, { accept }),
    onSuccess: (d) => {
      qc.setQueryData(['mentoring', program.id], d);
      qc.invalidateQueries({ queryKey: ['mentoring', 'invited'] });
      qc.invalidateQueries({ queryKey: ['mentoring', 'list'] });
    },
  });
  return (
    <section className="card" data-testid="invitation">
      <h2>{t('Anda diundang mengikuti program ini', 'You are invited to this programme')}</h2>
      <p>
        {t(
          'Dinas mengundang usaha Anda karena produknya belum memenuhi kriteria yang dibahas. Jawab undangan ini:',
          'The Dinas invites your business because its products do not yet meet the criteria this programme covers. Answer the invitation:',
        )}
      </p>
      {answer.error && <Problem error={answer.error} />}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={answer.isPending}
          onClick={() => answer.mutate(true)}
          data-testid="invitation-accept"
        >
          {t('Terima undangan', 'Accept the invitation')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={answer.isPending}
          data-testid="invitation-decline"
          onClick={async () => {
            const yes = await confirm({
              title: t('Tolak undangan?', 'Decline the invitation?'),
              body: t(
                'Usaha Anda tidak ikut program ini. Dinas melihat jawaban Anda.',
                'Your business will not take part in this programme. The Dinas sees your answer.',
              ),
              confirmLabel: t('Tolak undangan', 'Decline'),
              danger: true,
            });
            if (yes) answer.mutate(false);
          }}
        >
          {t('Tolak', 'Decline')}
        </button>
      </div>
    </section>
  );
}

function Participants({ program }: { program: Detail }) {
  const { t, tx } = useI18n();
  const criteria = useCriteria();
  return (
    <section className="card" data-testid="participants">
      <h2>{t('Peserta dan kemajuannya', 'Participants and their progress')}</h2>
      {program.enrolments.length === 0 ? (
        <p className="empty">{t('Belum ada peserta atau undangan.', 'No participants or invitations yet.')}</p>
      ) : (
        <ul className="cards">
          {program.enrolments.map((e) => (
            <li key={e.umkmId} className="item" data-testid="participant">
              <p className="item-title">
                <span translate="no">{e.umkmName}</span>{' '}
                <Badge tone={STATUS_TONE[e.status]}>{tx(label('enrolmentStatus', e.status))}</Badge>
              </p>
              <p className="item-meta">{t('Hadir {a} dari {h} sesi', 'Attended {a} of {h} sessions', { a: e.attended, h: e.held })}</p>
              <p className="item-meta">
                {t('Kekurangan saat mulai', 'Gaps at the start')}: {criteria(e.gapsBefore)}
              </p>
              <p className="item-meta">
                {t('Kekurangan sekarang', 'Gaps now')}: {criteria(e.gapsNow)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SuggestionList({ program }: { program: Detail }) {
  const { t, tx } = useI18n();
  const qc = useQueryClient();
  const criteria = useCriteria();
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const q = useQuery({
    queryKey: ['mentoring', program.id, 'suggestions', page],
    queryFn: () =>
      api.get<Suggestions>(`/api/mentoring/programs/${program.id}/suggestions${qs({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
  });
  const invite = useMutation({
    mutationFn: (umkmIds: string[]) => api.post<Detail>(`/api/mentoring/programs/${program.id}/enrolments`, { umkmIds }),
    onSuccess: (d) => {
      qc.setQueryData(['mentoring', program.id], d);
      qc.invalidateQueries({ queryKey: ['mentoring', program.id, 'suggestions'] });
      setChosen(new Set());
    },
  });
  const ask = async () => {
    const n = chosen.size;
    const yes = await confirm({
      title: t('Undang {n} UMKM?', 'Invite {n} businesses?', { n }),
      body: t(
        '{n} UMKM akan menerima undangan di beranda mereka dan menjawabnya sendiri. Pendamping program dapat melihat produk mereka.',
        "{n} businesses will find the invitation on their home screen and answer it themselves. The programme's mentor can see their products.",
        { n },
      ),
      confirmLabel: t('Undang {n} UMKM', 'Invite {n} businesses', { n }),
    });
    if (yes) invite.mutate([...chosen]);
  };
  return (
    <section className="card" data-testid="suggestions">
      <h2>{t('Usulan peserta dari hasil kurasi', 'Suggested participants from curation results')}</h2>
      <p className="muted">
        {t(
          'UMKM di wilayah program yang produknya belum memenuhi kriteria program pada kurasi terakhir.',
          "Businesses in the programme's region whose products did not meet its criteria in their latest curation.",
        )}
      </p>
      {q.isPending && <Loading />}
      {q.error && <Problem error={q.error} onRetry={() => q.refetch()} />}
      {q.data && q.data.total === 0 && <p className="empty">{t('Tidak ada UMKM dengan kekurangan ini.', 'No business has these gaps.')}</p>}
      {q.data && q.data.items.length > 0 && (
        <ul className="cards">
          {q.data.items.map((s) => (
            <li key={s.umkmId} className="item" data-testid="suggestion">
              <label className="check item-title">
                <input
                  type="checkbox"
                  disabled={s.enrolled}
                  checked={chosen.has(s.umkmId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(s.umkmId);
                    else next.delete(s.umkmId);
                    setChosen(next);
                  }}
                />{' '}
                <span translate="no">{s.umkmName}</span>
                {s.status && (
                  <>
                    {' '}
                    <Badge tone={STATUS_TONE[s.status]}>{tx(label('enrolmentStatus', s.status))}</Badge>
                  </>
                )}
              </label>
              <ul className="small">
                {s.reasons.map((r) => (
                  <li key={r.productId}>
                    <span translate="no">{r.productName}</span>: {t('belum memenuhi', 'does not meet')} {criteria(r.failed)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {q.data && q.data.total > 0 && <Pager page={page} total={q.data.total} onPage={setPage} />}
      {invite.error && <Problem error={invite.error} />}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={chosen.size === 0 || invite.isPending}
          onClick={ask}
          data-testid="invite-chosen"
        >
          {t('Undang yang dipilih ({n})', 'Invite the chosen ({n})', { n: chosen.size })}
        </button>
      </div>
    </section>
  );
}

function Sessions({ program }: { program: Detail }) {
  const { t, lang } = useI18n();
  const name = new Map(program.enrolments.map((e) => [e.umkmId, e.umkmName]));
  return (
    <section className="card" data-testid="sessions">
      <h2>{t('Sesi ({n})', 'Sessions ({n})', { n: program.sessions.length })}</h2>
      {program.sessions.length === 0 ? (
        <p className="empty">{t('Belum ada sesi tercatat.', 'No sessions recorded yet.')}</p>
      ) : (
        <ul className="cards">
          {program.sessions.map((s) => {
            const present = s.attendance.filter((a) => a.present);
            const absent = s.attendance.filter((a) => !a.present);
            return (
              <li key={s.id} className="item" data-testid="session">
                <p className="item-title">
                  {formatDate(s.heldOn, lang)} · <span translate="no">{s.topic}</span>
                </p>
                {s.notes && <p translate="no">{s.notes}</p>}
                <p className="item-meta">
                  {t('Hadir {p} dari {n}', 'Present: {p} of {n}', { p: present.length, n: s.attendance.length })}
                  {absent.length > 0 && (
                    <>
                      {' '}
                      · {t('tidak hadir', 'absent')}: <span translate="no">{absent.map((a) => name.get(a.umkmId) ?? '—').join(', ')}</span>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function SessionForm({ program }: { program: Detail }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const participants = program.enrolments.filter((e) => e.status === 'enrolled' || e.status === 'completed');
  const today = dateIn(new Date(), program.regionCode);
  const [heldOn, setHeldOn] = useState(today < program.startsOn || today > program.endsOn ? '' : today);
  const [topic, setTopic] = useState('');
  const [notes, setNotes] = useState('');
  const [absent, setAbsent] = useState<Set<string>>(new Set());
  const f = useFormErrors();
  const record = useMutation({
    mutationFn: (body: Body<'/api/mentoring/programs/{id}/sessions'>) =>
      api.post<Detail>(`/api/mentoring/programs/${program.id}/sessions`, body),
    onSuccess: (d) => {
      qc.setQueryData(['mentoring', program.id], d);
      setTopic('');
      setNotes('');
      setAbsent(new Set());
      f.reset();
    },
    onError: (e) => f.fromApi(e, (field) => (['heldOn', 'topic', 'notes'].includes(field) ? field : null)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, Bilingual> = {};
    if (!heldOn) errs.heldOn = REQUIRED;
    if (!topic.trim()) errs.topic = REQUIRED;
    if (Object.keys(errs).length) return f.setClient(errs);
    record.mutate({
      heldOn,
      topic: topic.trim(),
      notes: notes.trim() || null,
      attendance: participants.map((x) => ({ umkmId: x.umkmId, present: !absent.has(x.umkmId) })),
    });
  };
  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="session-form">
      <h2>{t('Catat sesi', 'Record a session')}</h2>
      <p className="hint">
        {t('Tanggal dalam masa program: {p}.', "A date within the programme's period: {p}.", {
          p: formatPeriod(program.startsOn, program.endsOn, lang),
        })}
      </p>
      <FormProblem error={f.general} />
      <TextField
        name="heldOn"
        type="date"
        label={t('Tanggal', 'Date')}
        value={heldOn}
        min={program.startsOn}
        max={program.endsOn}
        onChange={setHeldOn}
        error={f.err('heldOn')}
      />
      <TextField name="topic" label={t('Materi', 'Topic')} value={topic} onChange={setTopic} error={f.err('topic')} wide />
      <div className={`field wide${f.err('notes') ? ' has-error' : ''}`}>
        <label htmlFor={fieldId('notes')}>{t('Catatan pendamping', "Mentor's notes")}</label>
        <textarea id={fieldId('notes')} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <fieldset className="field wide">
        <legend>{t('Kehadiran', 'Attendance')}</legend>
        {participants.length === 0 && (
          <p className="hint">{t('Belum ada peserta yang menerima undangan.', 'No participant has accepted an invitation yet.')}</p>
        )}
        {participants.map((x) => (
          <label key={x.umkmId} className="check">
            <input
              type="checkbox"
              data-testid="attendance"
              checked={!absent.has(x.umkmId)}
              onChange={(e) => {
                const next = new Set(absent);
                if (e.target.checked) next.delete(x.umkmId);
                else next.add(x.umkmId);
                setAbsent(next);
              }}
            />{' '}
            <span translate="no">{x.umkmName}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={record.isPending} data-testid="session-save">
          {record.isPending ? t('Menyimpan…', 'Saving…') : t('Simpan sesi', 'Save session')}
        </button>
      </div>
    </form>
  );
}

function Recuration({ program }: { program: Detail }) {
  const { t, tx } = useI18n();
  const qc = useQueryClient();
  const [date, setDate] = useState(dateIn(new Date(), program.regionCode));
  const f = useFormErrors();
  const participants = program.enrolments.filter((e) => e.status === 'enrolled' || e.status === 'completed').length;
  const n = program.recuratable ?? 0;
  const run = useMutation({
    mutationFn: () => api.post(`/api/mentoring/programs/${program.id}/recurate`, { curationDate: date }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['mentoring', program.id] });
    },
    onError: (e) => f.fromApi(e, (field) => (field === 'curationDate' ? 'curationDate' : null)),
  });
  if (!program.chainCode) {
    return (
      <section className="card">
        <h2>{t('Kurasi ulang', 'Re-curation')}</h2>
        <p className="muted">
          {t(
            'Program ini tidak terkait jaringan ritel, jadi tidak dapat dikurasi ulang dari sini.',
            'This programme is not linked to a retail chain, so it cannot be re-curated from here.',
          )}
        </p>
      </section>
    );
  }
  const chain = tx(label('chain', program.chainCode));
  return (
    <section className="card" data-testid="recuration">
      <h2>{t('Kurasi ulang', 'Re-curation')}</h2>
      <p>
        {n > 0
          ? t(
              '{n} produk dari {m} peserta pernah dikurasi {chain} dan dapat dikurasi ulang untuk melihat hasil pendampingan.',
              '{n} products of {m} participants were curated by {chain} before and can be re-curated to see what the mentoring changed.',
              { n, m: participants, chain },
            )
          : t('Belum ada produk peserta yang pernah dikurasi {chain}.', 'No participant product has been curated by {chain} before.', {
              chain,
            })}
      </p>
      <FormProblem error={f.general} />
      <TextField
        name="curationDate"
        type="date"
        label={t('Tanggal kurasi', 'Curation date')}
        value={date}
        onChange={setDate}
        error={f.err('curationDate')}
      />
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={n === 0 || !date || run.isPending}
          data-testid="recurate"
          onClick={async () => {
            const yes = await confirm({
              title: t('Kurasi ulang {n} produk?', 'Re-curate {n} products?', { n }),
              body: t(
                'Putaran kurasi ulang {chain} dibuka untuk {n} produk dari {m} peserta, dimulai dari penilaian kurator sebelumnya. Peserta dinyatakan selesai mengikuti program.',
                'A {chain} re-curation round opens for {n} products of {m} participants, starting from the curators’ earlier assessment. The participants are marked as having completed the programme.',
                { n, m: participants, chain },
              ),
              confirmLabel: t('Kurasi ulang {n} produk', 'Re-curate {n} products', { n }),
            });
            if (yes) run.mutate();
          }}
        >
          {run.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Kurasi ulang sekarang', 'Re-curate now')}
        </button>
      </div>
    </section>
  );
}

function OutcomeView({ program }: { program: Detail }) {
  const { t, tx, lang } = useI18n();
  const criteria = useCriteria();
  const q = useQuery({
    queryKey: ['mentoring', program.id, 'outcome'],
    queryFn: () => api.get<Outcome>(`/api/mentoring/programs/${program.id}/outcome`),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const o = q.data;
  if (!o.roundId) return null;
  const s = o.summary;
  const outcome = (x: { outcome: string } | null) => (x ? tx(label('productOutcome', x.outcome)) : t('belum dikurasi', 'not curated'));
  return (
    <section className="card" data-testid="outcome">
      <h2>{t('Sebelum dan sesudah pendampingan', 'Before and after the mentoring')}</h2>
      <p data-testid="outcome-summary">
        {t(
          'Dari {n} produk, yang lolos kurasi {b} sebelum dan {a} sesudah pendampingan; {g} kekurangan tertutup.',
          'Of {n} products, {b} passed curation before and {a} after the mentoring; {g} gaps were closed.',
          {
            n: formatNumber(s.products, lang),
            b: formatNumber(s.lolosBefore, lang),
            a: formatNumber(s.lolosAfter, lang),
            g: formatNumber(s.gapsClosed, lang),
          },
        )}
      </p>
      <p>
        <Link href={`/curation/rounds/${o.roundId}`}>{t('Buka putaran kurasi ulang', 'Open the re-curation round')}</Link>
      </p>
      <ul className="cards">
        {o.items.map((i) => (
          <li key={i.productId} className="item" data-testid="outcome-item">
            <p className="item-title">
              <span translate="no">{i.productName}</span>{' '}
              <span className="muted" translate="no">
                · {i.umkmName}
              </span>
            </p>
            <p className="item-meta">
              {t('Sebelum', 'Before')}: {outcome(i.before)} → {t('Sesudah', 'After')}: {outcome(i.after)}
            </p>
            {i.closed.length > 0 && (
              <p className="item-meta">
                {t('Tertutup', 'Closed')}: {criteria(i.closed)}
              </p>
            )}
            {i.after && i.after.failed.length > 0 && (
              <p className="item-meta">
                {t('Masih kurang', 'Still missing')}: {criteria(i.after.failed)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
