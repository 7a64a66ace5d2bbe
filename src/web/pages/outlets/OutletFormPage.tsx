// Add or edit an outlet (admin names the chain; a chain's staff always work in their own chain).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fetchPage } from '../../api.ts';
import { CheckField, FormProblem, requiredErrors, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { LatLonField } from '../../components/LatLonField.tsx';
import { levelOf, RegionPicker } from '../../components/RegionPicker.tsx';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import type { Organization, Outlet } from '../../types.ts';
import { outletKey } from './OutletDetailPage.tsx';

interface Draft {
  chainId: string;
  branchId: string;
  storeCode: string;
  name: string;
  address: string;
  districtCode: string;
  lat: string;
  lon: string;
  localSlots: string;
  acceptsPerishable: boolean;
}

const FIELDS = ['chainId', 'branchId', 'storeCode', 'name', 'address', 'districtCode', 'lat', 'lon', 'localSlots', 'acceptsPerishable'];

const fromOutlet = (o: Outlet): Draft => ({
  chainId: o.chainId,
  branchId: o.branchId ?? '',
  storeCode: o.storeCode,
  name: o.name,
  address: o.address,
  districtCode: o.districtCode,
  lat: String(o.lat),
  lon: String(o.lon),
  localSlots: String(o.localSlots),
  acceptsPerishable: o.acceptsPerishable,
});

const blank: Draft = {
  chainId: '',
  branchId: '',
  storeCode: '',
  name: '',
  address: '',
  districtCode: '',
  lat: '',
  lon: '',
  localSlots: '10',
  acceptsPerishable: false,
};

function useOrganizations(kind: 'chain' | 'branch') {
  return useQuery({
    queryKey: ['organizations', 'kind', kind],
    queryFn: () => fetchPage<Organization>('organizations', { kind, limit: 500 }),
  });
}

function OutletForm({ outlet }: { outlet?: Outlet }) {
  const me = useUser();
  const { t } = useI18n();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(outlet ? fromOutlet(outlet) : blank);
  const errors = useFormErrors();
  const chains = useOrganizations('chain');
  const branches = useOrganizations('branch');
  const isAdmin = me.role === 'admin';
  const chainId = isAdmin ? d.chainId : (outlet?.chainId ?? chains.data?.items.find((c) => c.chainCode === me.chainCode)?.id ?? '');
  const branchOptions = (branches.data?.items ?? []).filter((b) => b.parentId === chainId).map((b): [string, string] => [b.id, b.name]);

  const set = (patch: Partial<Draft>) => {
    setD((prev) => ({ ...prev, ...patch }));
    for (const k of Object.keys(patch)) errors.clear(k);
  };
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      outlet ? api.patch<Outlet>(`/api/outlets/${outlet.id}`, body) : api.post<Outlet>('/api/outlets', body),
    onSuccess: (o) => {
      qc.setQueryData(outletKey(o.id), o);
      qc.invalidateQueries({ queryKey: ['outlets'] });
      qc.invalidateQueries({ queryKey: ['total'] });
      navigate(`/outlets/${o.id}?saved=1`, { replace: true });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = requiredErrors({
      ...(isAdmin && !outlet ? { chainId: d.chainId } : {}),
      storeCode: d.storeCode.trim(),
      name: d.name.trim(),
      address: d.address.trim(),
      districtCode: d.districtCode,
      lat: d.lat.trim(),
      lon: d.lon.trim(),
      localSlots: d.localSlots.trim(),
    });
    if (!problems.districtCode && levelOf(d.districtCode) !== 'district')
      problems.districtCode = { id: 'Pilih sampai kecamatan.', en: 'Choose down to the district.' };
    const nums = { lat: Number(d.lat.replace(',', '.')), lon: Number(d.lon.replace(',', '.')), localSlots: Number(d.localSlots) };
    for (const [k, v] of Object.entries(nums))
      if (!problems[k] && !Number.isFinite(v)) problems[k] = { id: 'Harus berupa angka.', en: 'Must be a number.' };
    if (!problems.localSlots && !Number.isInteger(nums.localSlots))
      problems.localSlots = { id: 'Harus bilangan bulat.', en: 'Must be a whole number.' };
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    save.mutate(
      {
        ...(isAdmin && !outlet ? { chainId: d.chainId } : {}),
        branchId: d.branchId || null,
        storeCode: d.storeCode.trim(),
        name: d.name.trim(),
        address: d.address.trim(),
        districtCode: d.districtCode,
        ...nums,
        acceptsPerishable: d.acceptsPerishable,
      },
      { onError: (error) => errors.fromApi(error, (f) => (FIELDS.includes(f) ? f : null)) },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="outlet-form">
      <FormProblem error={errors.general} />
      <fieldset className="card">
        <legend>{t('Gerai', 'Outlet')}</legend>
        {isAdmin && !outlet && (
          <SelectField
            name="chainId"
            label={t('Jaringan ritel', 'Retail chain')}
            value={d.chainId}
            placeholder={chains.isPending ? t('Memuat…', 'Loading…') : t('— Pilih —', '— Choose —')}
            options={(chains.data?.items ?? []).map((c): [string, string] => [c.id, c.name])}
            onChange={(v) => set({ chainId: v, branchId: '' })}
            error={errors.err('chainId')}
          />
        )}
        {branchOptions.length > 0 && (
          <SelectField
            name="branchId"
            label={t('Cabang', 'Branch')}
            value={d.branchId}
            placeholder={t('— Tanpa cabang —', '— No branch —')}
            options={branchOptions}
            onChange={(v) => set({ branchId: v })}
            error={errors.err('branchId')}
          />
        )}
        <TextField
          name="storeCode"
          label={t('Kode toko', 'Store code')}
          value={d.storeCode}
          onChange={(v) => set({ storeCode: v })}
          autoComplete="off"
          hint={t('Huruf, angka atau tanda hubung (2–20).', 'Letters, digits or hyphens (2–20).')}
          error={errors.err('storeCode')}
        />
        <TextField
          name="name"
          label={t('Nama gerai', 'Outlet name')}
          value={d.name}
          onChange={(v) => set({ name: v })}
          error={errors.err('name')}
          wide
        />
        <TextField
          name="localSlots"
          label={t('Slot rak produk lokal', 'Local-product shelf slots')}
          value={d.localSlots}
          onChange={(v) => set({ localSlots: v })}
          inputMode="numeric"
          hint={t('Jumlah produk UMKM yang dapat dipajang bersamaan.', 'How many UMKM products can be shelved at once.')}
          error={errors.err('localSlots')}
        />
        <CheckField
          name="acceptsPerishable"
          label={t('Gerai menerima makanan basah / mudah rusak', 'The outlet accepts wet / perishable food')}
          checked={d.acceptsPerishable}
          onChange={(v) => set({ acceptsPerishable: v })}
          error={errors.err('acceptsPerishable')}
        />
      </fieldset>
      <fieldset className="card">
        <legend>{t('Alamat & lokasi', 'Address & location')}</legend>
        <TextField
          name="address"
          label={t('Alamat gerai', 'Outlet address')}
          value={d.address}
          onChange={(v) => set({ address: v })}
          error={errors.err('address')}
          wide
        />
        <RegionPicker
          name="districtCode"
          label={t('Wilayah (kode Kemendagri)', 'Region (Kemendagri code)')}
          depth="district"
          value={d.districtCode}
          onChange={(districtCode) => set({ districtCode })}
          error={errors.err('districtCode')}
        />
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

export default function OutletFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const q = useQuery({ queryKey: outletKey(id ?? ''), queryFn: () => api.get<Outlet>(`/api/outlets/${id}`), enabled: Boolean(id) });
  if (id && q.isPending) return <Loading />;
  if (id && q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const outlet = id ? q.data : undefined;
  return (
    <section className="page narrow">
      <BackLink href={outlet ? `/outlets/${outlet.id}` : '/outlets'} label={outlet ? outlet.name : t('Gerai', 'Outlets')} />
      <PageHeader title={outlet ? t('Ubah gerai', 'Edit outlet') : t('Tambah gerai', 'Add outlet')} />
      <OutletForm key={id ?? 'new'} outlet={outlet} />
    </section>
  );
}
