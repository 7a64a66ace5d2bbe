// Register a UMKM (admin, Dinas) or edit one (also the owner): identity, address down to the village,
// location and weekly capacity. Server errors are shown on the field they name.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { FormProblem, requiredErrors, TextField, useFormErrors } from '../../components/form.tsx';
import { LatLonField } from '../../components/LatLonField.tsx';
import { levelOf, RegionPicker } from '../../components/RegionPicker.tsx';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';

type Umkm = Answer<'/api/umkm/{id}'>;

import { umkmKey } from './UmkmDetailPage.tsx';

interface Draft {
  name: string;
  nib: string;
  ownerName: string;
  phone: string;
  address: string;
  villageCode: string;
  lat: string;
  lon: string;
  weeklyCapacity: string;
}

const FIELDS = ['name', 'nib', 'ownerName', 'phone', 'address', 'villageCode', 'lat', 'lon', 'weeklyCapacity'];

const fromUmkm = (u: Umkm): Draft => ({
  name: u.name,
  nib: u.nib ?? '',
  // Whoever may edit a UMKM also reads its personal data; `?? ''` only satisfies the type.
  ownerName: u.ownerName ?? '',
  phone: u.phone ?? '',
  address: u.address ?? '',
  villageCode: u.villageCode ?? '',
  lat: u.lat === null ? '' : String(u.lat),
  lon: u.lon === null ? '' : String(u.lon),
  weeklyCapacity: String(u.weeklyCapacity),
});

const blank: Draft = { name: '', nib: '', ownerName: '', phone: '', address: '', villageCode: '', lat: '', lon: '', weeklyCapacity: '' };

function UmkmForm({ umkm }: { umkm?: Umkm }) {
  const me = useUser();
  const { t } = useI18n();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(umkm ? fromUmkm(umkm) : blank);
  const errors = useFormErrors();
  const set = (patch: Partial<Draft>) => {
    setD((prev) => ({ ...prev, ...patch }));
    for (const k of Object.keys(patch)) errors.clear(k);
  };
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      umkm ? api.patch<Umkm>(`/api/umkm/${umkm.id}`, body) : api.post<Umkm>('/api/umkm', body),
    onSuccess: (u) => {
      qc.setQueryData(umkmKey(u.id), u);
      qc.invalidateQueries({ queryKey: ['umkm'] });
      qc.invalidateQueries({ queryKey: ['total'] });
      navigate(`/umkm/${u.id}?saved=1`, { replace: true });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = requiredErrors({
      name: d.name.trim(),
      ownerName: d.ownerName.trim(),
      address: d.address.trim(),
      villageCode: d.villageCode,
      lat: d.lat.trim(),
      lon: d.lon.trim(),
      weeklyCapacity: d.weeklyCapacity.trim(),
    });
    if (!problems.villageCode && levelOf(d.villageCode) !== 'village')
      problems.villageCode = { id: 'Pilih sampai desa/kelurahan.', en: 'Choose down to the village.' };
    const nums = { lat: Number(d.lat.replace(',', '.')), lon: Number(d.lon.replace(',', '.')), weeklyCapacity: Number(d.weeklyCapacity) };
    for (const [k, v] of Object.entries(nums))
      if (!problems[k] && !Number.isFinite(v)) problems[k] = { id: 'Harus berupa angka.', en: 'Must be a number.' };
    if (!problems.weeklyCapacity && !Number.isInteger(nums.weeklyCapacity))
      problems.weeklyCapacity = { id: 'Harus bilangan bulat.', en: 'Must be a whole number.' };
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    save.mutate(
      {
        name: d.name.trim(),
        nib: d.nib.trim() || null,
        ownerName: d.ownerName.trim(),
        phone: d.phone.trim() || null,
        address: d.address.trim(),
        villageCode: d.villageCode,
        ...nums,
      },
      { onError: (error) => errors.fromApi(error, (f) => (FIELDS.includes(f) ? f : null)) },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="umkm-form">
      <FormProblem error={errors.general} />
      <fieldset className="card">
        <legend>{t('Identitas usaha', 'Business identity')}</legend>
        <TextField
          name="name"
          label={t('Nama usaha', 'Business name')}
          value={d.name}
          onChange={(v) => set({ name: v })}
          error={errors.err('name')}
          wide
        />
        <TextField
          name="nib"
          label={t('NIB', 'NIB')}
          value={d.nib}
          onChange={(v) => set({ nib: v })}
          inputMode="numeric"
          hint={t('Nomor Induk Berusaha dari OSS, 13 digit.', 'Business identification number from OSS, 13 digits.')}
          error={errors.err('nib')}
        />
        <TextField
          name="ownerName"
          label={t('Nama pemilik', 'Owner')}
          value={d.ownerName}
          onChange={(v) => set({ ownerName: v })}
          error={errors.err('ownerName')}
        />
        <TextField
          name="phone"
          label={t('Telepon / WhatsApp', 'Phone / WhatsApp')}
          type="tel"
          value={d.phone}
          onChange={(v) => set({ phone: v })}
          hint="0812xxxxxxxx"
          error={errors.err('phone')}
        />
        <TextField
          name="weeklyCapacity"
          label={t('Kapasitas produksi per minggu (kemasan)', 'Weekly production capacity (packs)')}
          value={d.weeklyCapacity}
          onChange={(v) => set({ weeklyCapacity: v })}
          inputMode="numeric"
          hint={t('Berapa kemasan yang sanggup dibuat dalam seminggu.', 'How many packs the business can make in a week.')}
          error={errors.err('weeklyCapacity')}
        />
      </fieldset>
      <fieldset className="card">
        <legend>{t('Alamat & lokasi', 'Address & location')}</legend>
        <TextField
          name="address"
          label={t('Alamat', 'Address')}
          value={d.address}
          onChange={(v) => set({ address: v })}
          error={errors.err('address')}
          wide
        />
        <RegionPicker
          name="villageCode"
          label={t('Desa/kelurahan', 'Village')}
          depth="village"
          value={d.villageCode}
          lock={me.role === 'pemda' ? me.regionCode : me.role === 'umkm' ? d.villageCode : null}
          onChange={(villageCode) => set({ villageCode })}
          error={errors.err('villageCode')}
        />
        {me.role === 'umkm' && (
          <p className="hint">
            {t(
              'Pindah ke desa/kelurahan lain dicatat oleh Dinas yang membina usaha Anda.',
              'A move to another village is recorded by the Dinas that oversees your business.',
            )}
          </p>
        )}
        <LatLonField lat={d.lat} lon={d.lon} onChange={(lat, lon) => set({ lat, lon })} err={(n) => errors.err(n)} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={save.isPending}>
          {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan', 'Save')}
        </button>
      </div>
    </form>
  );
}

export default function UmkmFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const q = useQuery({ queryKey: umkmKey(id ?? ''), queryFn: () => api.get<Umkm>(`/api/umkm/${id}`), enabled: Boolean(id) });
  if (id && q.isPending) return <Loading />;
  if (id && q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const umkm = id ? q.data : undefined;
  return (
    <section className="page narrow">
      <BackLink href={umkm ? `/umkm/${umkm.id}` : '/umkm'} label={umkm ? umkm.name : t('UMKM', 'UMKM')} />
      <PageHeader title={umkm ? t('Ubah data UMKM', 'Edit UMKM') : t('Daftarkan UMKM', 'Register a UMKM')} />
      <UmkmForm key={id ?? 'new'} umkm={umkm} />
    </section>
  );
}
