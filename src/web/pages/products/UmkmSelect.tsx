// Which UMKM a new product belongs to, for the roles that act for several (admin, Dinas): a search over
// the UMKM they may see, then a choice.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, fetchPage } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { Field, fieldId } from '../../components/form.tsx';
import type { Bilingual } from '../../i18n.tsx';
import { useI18n } from '../../i18n.tsx';

type Umkm = Answer<'/api/umkm/{id}'>;

export function UmkmSelect(props: { value: string; onChange: (id: string) => void; error?: Bilingual | null }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['umkm', 'pick', q],
    queryFn: () => fetchPage<Umkm>('umkm', { q, limit: 30 }),
  });
  const current = useQuery({
    queryKey: ['umkm', props.value],
    queryFn: () => api.get<Umkm>(`/api/umkm/${props.value}`),
    enabled: Boolean(props.value),
  });
  const items = list.data?.items ?? [];
  const withCurrent = current.data && !items.some((u) => u.id === current.data.id) ? [current.data, ...items] : items;
  return (
    <Field name="umkmId" label={t('UMKM', 'UMKM')} error={props.error}>
      <input
        type="search"
        className="umkm-search"
        placeholder={t('Cari nama UMKM atau pemilik', 'Search UMKM or owner name')}
        aria-label={t('Cari nama UMKM atau pemilik', 'Search UMKM or owner name')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        id={fieldId('umkmId')}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
      >
        <option value="">{list.isPending ? t('Memuat…', 'Loading…') : t('— Pilih UMKM —', '— Choose a UMKM —')}</option>
        {withCurrent.map((u) => (
          <option key={u.id} value={u.id}>
            {u.ownerName ? `${u.name} — ${u.ownerName}` : u.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
