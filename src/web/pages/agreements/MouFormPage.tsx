// The Dinas drafts an MoU with a chain: period, commitments inside and outside the outlets, a quota where
// a regional regulation sets one, PKS witnessing, and the curation requirements relaxed for local UMKM.
// Every problem is shown at its own field, all at once (the form's own checks first, then the server's),
// and the first field in error gets the focus.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { C as CRITERIA } from '../../../modules/curation/curation.catalogue.ts';
import { options, VOCABULARY, type Vocabulary } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { CheckField, FormProblem, REQUIRED, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, PageHeader } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';

type MouBody = Body<'/api/agreements/mou'>;
type ChainCode = MouBody['chainCode'];

/** The requirements a chain's curation asks for, by their stable code (the same across chains). */
const CRITERION_CODES = [...new Set(Object.values(CRITERIA).map((c) => c.code))];
/** A criterion's label from the vocabulary once curation declares it there; until then the catalogue's
 *  own (Indonesian) name, shortened to its subject. */
function criterionLabel(code: string): Bilingual {
  const known = (VOCABULARY as Vocabulary).criterion?.[code];
  if (known) return known;
  const name =
    Object.values(CRITERIA)
      .find((c) => c.code === code)
      ?.label.split(/[:(]/)[0]
      ?.trim() ?? code.replace(/_/g, ' ');
  return { id: name, en: name };
}

interface Relaxation {
  criterionCode: string;
  note: string;
}

interface Draft {
  chainCode: ChainCode | '';
  startsOn: string;
  endsOn: string;
  outletsWithCorner: string;
  outsideSpots: string;
  promotionEventsPerYear: string;
  quotaPercent: string;
  curationSupport: boolean;
  mentoringSupport: boolean;
  pksWitness: boolean;
  govName: string;
  govTitle: string;
  chainName: string;
  chainTitle: string;
  relaxations: Relaxation[];
}

/** The form's field for each body path the server may name. */
const FIELD_OF: Record<string, keyof Draft> = {
  chainCode: 'chainCode',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  outletsWithCorner: 'outletsWithCorner',
  outsideSpots: 'outsideSpots',
  promotionEventsPerYear: 'promotionEventsPerYear',
  quota: 'quotaPercent',
  'quota.bp': 'quotaPercent',
  curationSupport: 'curationSupport',
  mentoringSupport: 'mentoringSupport',
  pksWitness: 'pksWitness',
};

const wholeNumber = (s: string) => /^\d+$/.test(s.trim());
const localToday = () => new Intl.DateTimeFormat('en-CA').format(new Date());

/** Everything the form can judge before asking the server, every field at once. */
function problemsOf(d: Draft): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  if (!d.chainCode) out.chainCode = REQUIRED;
  if (!d.startsOn) out.startsOn = REQUIRED;
  if (!d.endsOn) out.endsOn = REQUIRED;
  else if (d.startsOn && d.endsOn <= d.startsOn)
    out.endsOn = { id: 'Tanggal berakhir harus setelah tanggal mulai.', en: 'The end date must be after the start date.' };
  else if (d.endsOn < localToday())
    out.endsOn = {
      id: 'Jangka waktu ini sudah lewat seluruhnya: tanggal berakhir harus hari ini atau sesudahnya.',
      en: 'This period is wholly past: the end date must be today or later.',
    };
  for (const k of ['outletsWithCorner', 'outsideSpots', 'promotionEventsPerYear'] as const) {
    if (!d[k].trim()) out[k] = REQUIRED;
    else if (!wholeNumber(d[k])) out[k] = { id: 'Harus bilangan bulat, 0 atau lebih.', en: 'Must be a whole number, 0 or more.' };
  }
  if (d.quotaPercent.trim()) {
    const q = Number(d.quotaPercent.replace(',', '.'));
    if (!(q >= 0 && q <= 100)) out.quotaPercent = { id: 'Harus persentase antara 0 dan 100.', en: 'Must be a percentage from 0 to 100.' };
  }
  // A signatory is named with a jabatan, or not at all.
  for (const [name, title] of [
    ['govName', 'govTitle'],
    ['chainName', 'chainTitle'],
  ] as const) {
    if (d[name].trim() && !d[title].trim()) out[title] = REQUIRED;
    if (d[title].trim() && !d[name].trim()) out[name] = REQUIRED;
  }
  d.relaxations.forEach((r, i) => {
    if (!r.criterionCode) out[`relaxations.${i}.criterionCode`] = REQUIRED;
    if (!r.note.trim()) out[`relaxations.${i}.note`] = REQUIRED;
  });
  return out;
}

export default function MouFormPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const errors = useFormErrors();
  const [d, setD] = useState<Draft>({
    chainCode: '',
    startsOn: '',
    endsOn: '',
    outletsWithCorner: '10',
    outsideSpots: '0',
    promotionEventsPerYear: '2',
    quotaPercent: '',
    curationSupport: true,
    mentoringSupport: true,
    pksWitness: false,
    govName: me.name,
    govTitle: '',
    chainName: '',
    chainTitle: '',
    relaxations: [],
  });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((prev) => ({ ...prev, [k]: v }));
    errors.clear(k);
  };
  const setRelaxation = (i: number, patch: Partial<Relaxation>) => {
    setD((prev) => ({ ...prev, relaxations: prev.relaxations.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
    for (const k of Object.keys(patch)) errors.clear(`relaxations.${i}.${k}`);
  };
  const create = useMutation({
    mutationFn: (body: MouBody) => api.post<Answer<'/api/agreements/mou', 'post'>>('/api/agreements/mou', body),
    onSuccess: (a) => navigate(`/agreements/${a.id}`),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = problemsOf(d);
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    // Which form fields each signatory of the body came from, so that `signatories.1.title` lands on its field.
    const signers: { party: 'government' | 'chain'; name: keyof Draft; title: keyof Draft }[] = [];
    if (d.govName.trim()) signers.push({ party: 'government', name: 'govName', title: 'govTitle' });
    if (d.chainName.trim()) signers.push({ party: 'chain', name: 'chainName', title: 'chainTitle' });
    const body: MouBody = {
      chainCode: d.chainCode as ChainCode,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      outletsWithCorner: Number(d.outletsWithCorner),
      outsideSpots: Number(d.outsideSpots),
      promotionEventsPerYear: Number(d.promotionEventsPerYear),
      curationSupport: d.curationSupport,
      mentoringSupport: d.mentoringSupport,
      pksWitness: d.pksWitness,
      quota: d.quotaPercent.trim()
        ? { bp: Math.round(Number(d.quotaPercent.replace(',', '.')) * 100), basis: 'shelf_space', reportEveryMonths: 6 }
        : null,
      signatories: signers.map((s) => ({ party: s.party, name: String(d[s.name]).trim(), title: String(d[s.title]).trim() })),
      relaxations: d.relaxations.map((r) => ({ criterionCode: r.criterionCode, note: r.note.trim() })),
    };
    const where = (f: string): string | null => {
      if (FIELD_OF[f]) return FIELD_OF[f];
      const sig = /^signatories\.(\d+)\.(name|title|party)$/.exec(f);
      if (sig) {
        const s = signers[Number(sig[1])];
        return s ? (sig[2] === 'title' ? s.title : s.name) : null;
      }
      if (/^relaxations\.\d+\.(criterionCode|note)$/.test(f)) return f;
      if (f === 'relaxations') return d.relaxations.length ? 'relaxations.0.criterionCode' : null;
      return null;
    };
    create.mutate(body, { onError: (error) => errors.fromApi(error, where) });
  };

  const err = (n: string) => errors.err(n);
  const number = (k: 'outletsWithCorner' | 'outsideSpots' | 'promotionEventsPerYear', label: string) => (
    <TextField name={k} label={label} value={d[k]} inputMode="numeric" onChange={(v) => set(k, v)} error={err(k)} />
  );

  return (
    <section className="page narrow">
      <BackLink href="/agreements" label={t('Semua perjanjian', 'All agreements')} />
      <PageHeader title={t('Draf MoU baru', 'New MoU draft')} />
      <form className="form" onSubmit={submit} noValidate data-testid="mou-form">
        <FormProblem error={errors.general} />
        <fieldset className="card">
          <legend>{t('Para pihak dan jangka waktu', 'Parties and period')}</legend>
          <SelectField<ChainCode>
            name="chainCode"
            label={t('Jaringan ritel', 'Retail chain')}
            value={d.chainCode}
            placeholder={t('— Pilih —', '— Choose —')}
            options={options('chain', lang) as [ChainCode, string][]}
            onChange={(v) => set('chainCode', v)}
            error={err('chainCode')}
          />
          <div className="row">
            <TextField
              name="startsOn"
              type="date"
              label={t('Mulai berlaku', 'Starts on')}
              value={d.startsOn}
              onChange={(v) => set('startsOn', v)}
              error={err('startsOn')}
            />
            <TextField
              name="endsOn"
              type="date"
              label={t('Berakhir', 'Ends on')}
              value={d.endsOn}
              min={d.startsOn || undefined}
              onChange={(v) => set('endsOn', v)}
              error={err('endsOn')}
            />
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('Komitmen jaringan ritel', "The chain's commitments")}</legend>
          {number('outletsWithCorner', t('Gerai dengan pojok produk lokal', 'Outlets with a local products corner'))}
          {number('outsideSpots', t('Tempat di luar gerai (teras)', 'Spots outside the outlets'))}
          {number('promotionEventsPerYear', t('Kegiatan promosi per tahun', 'Promotion events per year'))}
          <TextField
            name="quotaPercent"
            label={t('Kuota ruang rak produk lokal (%)', 'Local products shelf quota (%)')}
            value={d.quotaPercent}
            inputMode="decimal"
            hint={t(
              'Isi bila diatur peraturan daerah; kosongkan bila tidak.',
              'Fill in when a regional regulation sets one; else leave empty.',
            )}
            onChange={(v) => set('quotaPercent', v)}
            error={err('quotaPercent')}
          />
          <CheckField
            name="curationSupport"
            label={t('Dukungan kurasi bersama Dinas', 'Curation support with the Dinas')}
            checked={d.curationSupport}
            onChange={(v) => set('curationSupport', v)}
            error={err('curationSupport')}
          />
          <CheckField
            name="mentoringSupport"
            label={t('Dukungan pendampingan bersama Dinas', 'Mentoring support with the Dinas')}
            checked={d.mentoringSupport}
            onChange={(v) => set('mentoringSupport', v)}
            error={err('mentoringSupport')}
          />
          <CheckField
            name="pksWitness"
            label={t('Pemda menjadi saksi setiap PKS', 'The government witnesses every PKS')}
            checked={d.pksWitness}
            onChange={(v) => set('pksWitness', v)}
            error={err('pksWitness')}
          />
        </fieldset>

        <fieldset className="card">
          <legend>{t('Penanda tangan', 'Signatories')}</legend>
          <TextField
            name="govName"
            label={t('Nama penanda tangan pemda', "Government signatory's name")}
            value={d.govName}
            onChange={(v) => set('govName', v)}
            error={err('govName')}
          />
          <TextField
            name="govTitle"
            label={t('Jabatan penanda tangan pemda', "Government signatory's title")}
            value={d.govTitle}
            onChange={(v) => set('govTitle', v)}
            error={err('govTitle')}
          />
          <TextField
            name="chainName"
            label={t('Nama penanda tangan jaringan ritel', "Chain signatory's name")}
            value={d.chainName}
            onChange={(v) => set('chainName', v)}
            error={err('chainName')}
          />
          <TextField
            name="chainTitle"
            label={t('Jabatan penanda tangan jaringan ritel', "Chain signatory's title")}
            value={d.chainTitle}
            onChange={(v) => set('chainTitle', v)}
            error={err('chainTitle')}
          />
          <p className="hint">
            {t(
              'Boleh dikosongkan: yang menandatangani nanti tercatat dari akunnya.',
              'May be left empty: whoever signs is recorded from their account.',
            )}
          </p>
        </fieldset>

        <fieldset className="card">
          <legend>{t('Keringanan persyaratan bagi UMKM wilayah', 'Requirements relaxed for local UMKM')}</legend>
          {d.relaxations.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by their index in the body ("relaxations.0.note")
            <div key={i} className="permit-row">
              <SelectField
                name={`relaxations.${i}.criterionCode`}
                label={t('Persyaratan', 'Requirement')}
                value={r.criterionCode}
                placeholder={t('— Pilih —', '— Choose —')}
                options={CRITERION_CODES.map((c) => [c, tx(criterionLabel(c))])}
                onChange={(v) => setRelaxation(i, { criterionCode: v })}
                error={err(`relaxations.${i}.criterionCode`)}
              />
              <TextField
                name={`relaxations.${i}.note`}
                label={t('Keringanannya', 'The relaxation')}
                value={r.note}
                maxLength={300}
                onChange={(v) => setRelaxation(i, { note: v })}
                error={err(`relaxations.${i}.note`)}
                wide
              />
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => setD((prev) => ({ ...prev, relaxations: prev.relaxations.filter((_, j) => j !== i) }))}
              >
                {t('Hapus keringanan ini', 'Remove this relaxation')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn"
            onClick={() => setD((prev) => ({ ...prev, relaxations: [...prev.relaxations, { criterionCode: '', note: '' }] }))}
          >
            + {t('Tambah keringanan', 'Add a relaxation')}
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-block" disabled={create.isPending} data-testid="mou-submit">
            {create.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan draf', 'Save draft')}
          </button>
        </div>
      </form>
    </section>
  );
}
