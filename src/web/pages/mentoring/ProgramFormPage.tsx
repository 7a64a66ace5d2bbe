// A Dinas creates a mentoring programme: name, topic and the curation criteria it works on (by their
// labels), period, mentor chosen by name, capacity, the chain whose curation it prepares for, and the region
// (its own by default). Every missing field is said at once, at the field.
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { MENTORING_TOPICS, type MentoringTopic, TOPIC_CRITERIA } from '../../../modules/curation/mentoring.rules.ts';
import { dateIn } from '../../../platform/format.ts';
import { label, options } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { CheckField, FormProblem, fieldId, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { BackLink, PageHeader, Problem } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useMe } from '../../session.ts';

type Create = Body<'/api/mentoring/programs'>;
const REQUIRED: Bilingual = { id: 'Wajib diisi.', en: 'Required.' };

export function ProgramFormPage() {
  const { t, tx, lang } = useI18n();
  const me = useMe().data;
  const mentors = useQuery({
    queryKey: ['mentoring', 'mentors'],
    queryFn: () => api.get<Answer<'/api/mentoring/mentors'>>('/api/mentoring/mentors?limit=500'),
  });
  const today = dateIn(new Date(), me?.regionCode ?? '31');
  const [name, setName] = useState('');
  const [topic, setTopic] = useState<MentoringTopic | ''>('');
  const [criteria, setCriteria] = useState<string[]>([]);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState('');
  const [mentor, setMentor] = useState('');
  const [capacity, setCapacity] = useState('20');
  const [chain, setChain] = useState('');
  const [region, setRegion] = useState(me?.regionCode ?? '');
  const [place, setPlace] = useState('');
  const [online, setOnline] = useState(false);
  const f = useFormErrors();

  const save = useMutation({
    mutationFn: (body: Create) => api.post<Answer<'/api/mentoring/programs', 'post'>>('/api/mentoring/programs', body),
    onSuccess: (p) => navigate(`/mentoring/${p.id}`),
    onError: (e) =>
      f.fromApi(e, (field) => {
        const top = field.split('.')[0] ?? field;
        return [
          'name',
          'topic',
          'criterionCodes',
          'startsOn',
          'endsOn',
          'mentorUserId',
          'capacity',
          'chainCode',
          'regionCode',
          'place',
        ].includes(top)
          ? top
          : null;
      }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, Bilingual> = {};
    if (!name.trim()) errs.name = REQUIRED;
    if (!topic) errs.topic = REQUIRED;
    if (criteria.length === 0) errs.criterionCodes = { id: 'Pilih paling sedikit satu kriteria.', en: 'Choose at least one criterion.' };
    if (!startsOn) errs.startsOn = REQUIRED;
    if (!endsOn) errs.endsOn = REQUIRED;
    else if (startsOn && endsOn < startsOn)
      errs.endsOn = { id: 'Tanggal selesai sebelum tanggal mulai.', en: 'The end date is before the start date.' };
    const cap = Number(capacity);
    if (!capacity) errs.capacity = REQUIRED;
    else if (!Number.isInteger(cap) || cap < 1)
      errs.capacity = { id: 'Isi bilangan bulat 1 atau lebih.', en: 'Enter a whole number, 1 or more.' };
    if (!region) errs.regionCode = REQUIRED;
    if (Object.keys(errs).length) return f.setClient(errs);
    f.reset();
    save.mutate({
      name: name.trim(),
      topic: topic as MentoringTopic,
      criterionCodes: criteria,
      startsOn,
      endsOn,
      mentorUserId: mentor || null,
      capacity: cap,
      chainCode: (chain || null) as Create['chainCode'],
      regionCode: region,
      place: place.trim() || null,
      online,
    });
  };

  const chooseTopic = (v: MentoringTopic) => {
    setTopic(v);
    f.clear('topic');
    // The topic's usual criteria, added to whatever is ticked already.
    setCriteria((prev) => [...new Set([...prev, ...TOPIC_CRITERIA[v]])]);
  };

  return (
    <section className="page">
      <BackLink href="/mentoring" label={t('Program pendampingan', 'Mentoring programmes')} />
      <PageHeader title={t('Program pendampingan baru', 'New mentoring programme')} />
      <form className="form card" onSubmit={submit} noValidate data-testid="program-form">
        <FormProblem error={f.general} />
        <TextField name="name" label={t('Nama program', 'Programme name')} value={name} onChange={setName} error={f.err('name')} wide />
        <SelectField
          name="topic"
          label={t('Tema', 'Topic')}
          value={topic}
          onChange={chooseTopic}
          options={MENTORING_TOPICS.map((c) => [c, tx(label('mentoringTopic', c))])}
          placeholder={t('— Pilih tema —', '— Choose a topic —')}
          error={f.err('topic')}
        />
        <fieldset className={`field${f.err('criterionCodes') ? ' has-error' : ''}`} data-field="criterionCodes">
          <legend id={fieldId('criterionCodes')} tabIndex={-1}>
            {t('Kriteria kurasi yang dibenahi', 'Curation criteria it works on')}
          </legend>
          <p className="hint">
            {t(
              'Peserta diusulkan dari produk yang belum memenuhi kriteria ini.',
              'Participants are suggested from products that do not meet these criteria yet.',
            )}
          </p>
          {options('criterion', lang).map(([code, text]) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                name="criterionCodes"
                value={code}
                checked={criteria.includes(code)}
                onChange={(e) => {
                  f.clear('criterionCodes');
                  setCriteria((prev) => (e.target.checked ? [...prev, code] : prev.filter((c) => c !== code)));
                }}
              />{' '}
              {text}
            </label>
          ))}
          {f.err('criterionCodes') && (
            <p className="field-error" role="alert">
              {tx(f.err('criterionCodes') as Bilingual)}
            </p>
          )}
        </fieldset>
        <TextField
          name="startsOn"
          type="date"
          label={t('Mulai', 'Starts on')}
          value={startsOn}
          onChange={setStartsOn}
          error={f.err('startsOn')}
        />
        <TextField name="endsOn" type="date" label={t('Selesai', 'Ends on')} value={endsOn} onChange={setEndsOn} error={f.err('endsOn')} />
        <SelectField
          name="mentorUserId"
          label={t('Pendamping', 'Mentor')}
          value={mentor}
          onChange={setMentor}
          options={(mentors.data?.items ?? []).map((m) => [m.id, m.name])}
          placeholder={mentors.isPending ? t('Memuat…', 'Loading…') : t('— Belum ditentukan —', '— Not chosen yet —')}
          hint={t('Pendamping mencatat sesi dan kehadiran.', 'The mentor records sessions and attendance.')}
          error={f.err('mentorUserId')}
        />
        {mentors.error && <Problem error={mentors.error} onRetry={() => mentors.refetch()} />}
        <TextField
          name="capacity"
          inputMode="numeric"
          label={t('Kapasitas (peserta)', 'Capacity (participants)')}
          value={capacity}
          onChange={setCapacity}
          error={f.err('capacity')}
        />
        <SelectField
          name="chainCode"
          label={t('Jaringan ritel', 'Retail chain')}
          value={chain}
          onChange={setChain}
          options={options('chain', lang)}
          placeholder={t('— Semua jaringan —', '— Any chain —')}
          hint={t(
            'Kurasi jaringan ini yang dipakai untuk usulan peserta dan kurasi ulang.',
            "This chain's curation is used for suggestions and re-curation.",
          )}
          error={f.err('chainCode')}
        />
        <RegionPicker
          name="regionCode"
          label={t('Wilayah', 'Region')}
          value={region}
          onChange={(v) => {
            setRegion(v);
            f.clear('regionCode');
          }}
          depth="district"
          lock={me?.role === 'pemda' ? me.regionCode : null}
          error={f.err('regionCode')}
        />
        <TextField
          name="place"
          label={t('Tempat (opsional)', 'Place (optional)')}
          value={place}
          onChange={setPlace}
          error={f.err('place')}
          wide
        />
        <CheckField name="online" label={t('Juga daring', 'Also online')} checked={online} onChange={setOnline} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="program-save">
            {save.isPending ? t('Menyimpan…', 'Saving…') : t('Buat program', 'Create programme')}
          </button>
        </div>
      </form>
    </section>
  );
}

export default ProgramFormPage;
