// The Dinas drafts an MoU with a chain: period, commitments inside and outside the outlets, a quota where
// a regional regulation sets one, PKS witnessing, and the curation requirements relaxed for local UMKM.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { BackLink, PageHeader, Problem } from '../../components/ui.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { type Detail, useText } from './text.ts';

export default function MouFormPage() {
  const me = useUser();
  const { t } = useText();
  const [f, setF] = useState({
    chainCode: 'alfamart',
    startsOn: '',
    endsOn: '',
    outletsWithCorner: '10',
    outsideSpots: '0',
    promotionEventsPerYear: '2',
    curationSupport: true,
    mentoringSupport: true,
    pksWitness: false,
    quotaPercent: '',
    govName: me.name,
    govTitle: '',
    chainName: '',
    chainTitle: '',
    relaxations: '',
  });
  const set = (k: keyof typeof f) => (v: string | boolean) => setF({ ...f, [k]: v });
  const create = useMutation({
    mutationFn: () =>
      api.post<Detail>('/api/agreements/mou', {
        chainCode: f.chainCode,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        outletsWithCorner: Number(f.outletsWithCorner),
        outsideSpots: Number(f.outsideSpots),
        promotionEventsPerYear: Number(f.promotionEventsPerYear),
        curationSupport: f.curationSupport,
        mentoringSupport: f.mentoringSupport,
        pksWitness: f.pksWitness,
        quota: f.quotaPercent
          ? { bp: Math.round(Number(f.quotaPercent.replace(',', '.')) * 100), basis: 'shelf_space', reportEveryMonths: 6 }
          : null,
        signatories: [
          ...(f.govName && f.govTitle ? [{ party: 'government', name: f.govName, title: f.govTitle }] : []),
          ...(f.chainName && f.chainTitle ? [{ party: 'chain', name: f.chainName, title: f.chainTitle }] : []),
        ],
        relaxations: f.relaxations
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [code, ...rest] = l.split(':');
            return { criterionCode: (code ?? '').trim(), note: rest.join(':').trim() || (code ?? '').trim() };
          }),
      }),
    onSuccess: (d) => navigate(`/agreements/${d.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const text = (k: keyof typeof f, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`mou-${k}`}>{label}</label>
      <input id={`mou-${k}`} type={type} value={String(f[k])} onChange={(e) => set(k)(e.target.value)} required={type === 'date'} />
    </div>
  );
  const check = (k: keyof typeof f, label: string) => (
    <label className="check">
      <input type="checkbox" checked={Boolean(f[k])} onChange={(e) => set(k)(e.target.checked)} /> {label}
    </label>
  );
  return (
    <section className="page">
      <BackLink href="/agreements" label={t('Semua perjanjian', 'All agreements')} />
      <PageHeader title={t('Draf MoU baru', 'New MoU draft')} />
      <form className="form" onSubmit={submit} data-testid="mou-form">
        {create.isError && <Problem error={create.error} />}
        <div className="field">
          <label htmlFor="mou-chain">{t('Jaringan ritel', 'Retail chain')}</label>
          <select id="mou-chain" value={f.chainCode} onChange={(e) => set('chainCode')(e.target.value)}>
            <option value="alfamart">Alfamart</option>
            <option value="alfamidi">Alfamidi</option>
            <option value="indomaret">Indomaret</option>
          </select>
        </div>
        {text('startsOn', t('Mulai berlaku', 'Starts on'), 'date')}
        {text('endsOn', t('Berakhir', 'Ends on'), 'date')}
        {text('outletsWithCorner', t('Gerai dengan pojok produk lokal', 'Outlets with a local corner'), 'number')}
        {text('outsideSpots', t('Tempat di luar gerai (teras)', 'Spots outside outlets'), 'number')}
        {text('promotionEventsPerYear', t('Promosi per tahun', 'Promotions per year'), 'number')}
        {text('quotaPercent', t('Kuota ruang rak produk lokal (%), bila diatur perda', 'Local shelf quota (%), if regulated'))}
        {check('curationSupport', t('Dukungan kurasi', 'Curation support'))}
        {check('mentoringSupport', t('Dukungan pendampingan', 'Mentoring support'))}
        {check('pksWitness', t('Pemda menjadi saksi setiap PKS', 'The government witnesses every PKS'))}
        {text('govName', t('Penanda tangan pemda', 'Government signatory'))}
        {text('govTitle', t('Jabatan', 'Title'))}
        {text('chainName', t('Penanda tangan jaringan ritel', 'Chain signatory'))}
        {text('chainTitle', t('Jabatan', 'Title'))}
        <div className="field wide">
          <label htmlFor="mou-relax">
            {t('Keringanan persyaratan (satu per baris: kode: catatan)', 'Relaxed requirements (one per line: code: note)')}
          </label>
          <textarea id="mou-relax" rows={3} value={f.relaxations} onChange={(e) => set('relaxations')(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('Simpan draf', 'Save draft')}
        </button>
      </form>
    </section>
  );
}
