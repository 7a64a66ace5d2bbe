// Administrator's table of organisations (governments, chains and branches, UMKM, banks) with a small
// form to add one. Loaded only by admins: a table does not belong on the UMKM owner's phone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fetchPage } from '../../api.ts';
import { FormProblem, requiredErrors, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { Pager, SearchBox, useListParams } from '../../components/list.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import type { ChainCode, Organization } from '../../types.ts';
import { CHAIN_OPTIONS, chainName } from '../outlets/chains.ts';

type Kind = Organization['kind'];
const KIND_KEY: Record<Kind, Bilingual> = {
  government: { id: 'Pemerintah daerah', en: 'Local government' },
  chain: { id: 'Jaringan ritel', en: 'Retail chain' },
  branch: { id: 'Cabang ritel', en: 'Retail branch' },
  umkm: { id: 'UMKM', en: 'UMKM' },
  bank: { id: 'Bank', en: 'Bank' },
};
const KINDS = Object.keys(KIND_KEY) as Kind[];
type NewKind = Exclude<Kind, 'umkm'>;

function NewOrganization({ onDone }: { onDone: () => void }) {
  const { t, tx } = useI18n();
  const [kind, setKind] = useState<NewKind>('government');
  const [name, setName] = useState('');
  const [chainCode, setChainCode] = useState<ChainCode | ''>('');
  const [parentId, setParentId] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const errors = useFormErrors();
  const chains = useQuery({
    queryKey: ['organizations', 'kind', 'chain'],
    queryFn: () => fetchPage<Organization>('organizations', { kind: 'chain', limit: 500 }),
  });
  const save = useMutation({ mutationFn: (body: Record<string, unknown>) => api.post<Organization>('/api/organizations', body) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, unknown> = { name: name.trim() };
    if (kind === 'chain') need.chainCode = chainCode;
    if (kind === 'branch') need.parentId = parentId;
    if (kind === 'government') need.regionCode = regionCode;
    const problems = requiredErrors(need);
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    save.mutate(
      {
        kind,
        name: name.trim(),
        ...(kind === 'chain' ? { chainCode } : {}),
        ...(kind === 'branch' ? { parentId } : {}),
        ...(regionCode ? { regionCode } : {}),
      },
      {
        onSuccess: () => {
          setName('');
          onDone();
        },
        onError: (err) => errors.fromApi(err, (f) => (['kind', 'name', 'chainCode', 'parentId', 'regionCode'].includes(f) ? f : null)),
      },
    );
  };

  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h2>{t('Tambah organisasi', 'Add organisation')}</h2>
      <FormProblem error={errors.general} />
      <SelectField<NewKind>
        name="kind"
        label={t('Jenis', 'Kind')}
        value={kind}
        options={KINDS.filter((k): k is NewKind => k !== 'umkm').map((k) => [k, tx(KIND_KEY[k])])}
        onChange={setKind}
      />
      <TextField name="name" label={t('Nama', 'Name')} value={name} onChange={setName} error={errors.err('name')} />
      {kind === 'chain' && (
        <SelectField
          name="chainCode"
          label={t('Jaringan ritel', 'Retail chain')}
          value={chainCode}
          placeholder={t('— Pilih —', '— Choose —')}
          options={CHAIN_OPTIONS}
          onChange={setChainCode}
          error={errors.err('chainCode')}
        />
      )}
      {kind === 'branch' && (
        <SelectField
          name="parentId"
          label={t('Jaringan induk', 'Parent chain')}
          value={parentId}
          placeholder={t('— Pilih —', '— Choose —')}
          options={(chains.data?.items ?? []).map((c): [string, string] => [c.id, c.name])}
          onChange={setParentId}
          error={errors.err('parentId')}
        />
      )}
      {(kind === 'government' || kind === 'branch' || kind === 'bank') && (
        <RegionPicker
          name="regionCode"
          label={t('Wilayah', 'Region')}
          depth="regency"
          value={regionCode}
          onChange={setRegionCode}
          error={errors.err('regionCode')}
        />
      )}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('Simpan', 'Save')}
      </button>
    </form>
  );
}

export default function OrganizationsPage() {
  const { t, tx } = useI18n();
  const qc = useQueryClient();
  const lp = useListParams();
  const kind = lp.get('kind');
  const params = { q: lp.q, kind, limit: lp.limit, offset: lp.offset };
  const q = useQuery({ queryKey: ['organizations', params], queryFn: () => fetchPage<Organization>('organizations', params) });
  const [adding, setAdding] = useState(false);

  return (
    <section className="page">
      <PageHeader title={t('Organisasi', 'Organisations')}>
        <button type="button" className="btn btn-primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          {adding ? t('Tutup', 'Close') : t('Tambah organisasi', 'Add organisation')}
        </button>
      </PageHeader>
      {adding && (
        <NewOrganization
          onDone={() => {
            setAdding(false);
            qc.invalidateQueries({ queryKey: ['organizations'] });
          }}
        />
      )}
      <div className="filters">
        <SearchBox value={lp.q} onChange={(v) => lp.setFilter({ q: v })} label={t('Cari nama organisasi', 'Search organisation name')} />
        <SelectField
          name="kind"
          label={t('Jenis', 'Kind')}
          value={kind as Kind | ''}
          placeholder={t('Semua', 'All')}
          options={KINDS.map((k) => [k, tx(KIND_KEY[k])])}
          onChange={(v) => lp.setFilter({ kind: v })}
        />
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Problem error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('Nama', 'Name')}</th>
                  <th>{t('Jenis', 'Kind')}</th>
                  <th>{t('Jaringan ritel', 'Retail chain')}</th>
                  <th>{t('Wilayah', 'Region')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      {o.name} {o.archived && <Badge tone="bad">{t('Diarsipkan', 'Archived')}</Badge>}
                    </td>
                    <td>{tx(KIND_KEY[o.kind])}</td>
                    <td>{o.chainCode ? chainName(o.chainCode) : '—'}</td>
                    <td className="mono">{o.regionCode ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={lp.page}
            total={q.data.total}
            estimated={q.data.totalEstimated}
            more={Boolean(q.data.nextCursor)}
            onPage={lp.setPage}
          />
        </>
      )}
    </section>
  );
}
