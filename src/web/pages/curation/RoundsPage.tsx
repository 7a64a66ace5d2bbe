// Curation rounds for a Dinas or a chain: the list (paged, with its total) and the form that opens a round
// (chain by brand, a published requirement set of that chain, region from the picker, the curation date).
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { FormProblem, requiredErrors, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { BackLink, Badge, ButtonLink, PageHeader } from '../../components/ui.tsx';
import { formatDate, formatNumber, todayIn, zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { RoundStatusBadge } from './badges.tsx';

type Round = Item<'/api/curation/rounds'>;
type RequirementSet = Item<'/api/curation/requirement-sets'>;
const CHAINS = ['alfamart', 'alfamidi', 'indomaret'] as const;
type ChainCode = (typeof CHAINS)[number];

/** Who may open a round from the screen: a Dinas, the admin, a chain's head office (the server checks
 *  mayOpenRound, including the chain's MoU, and says why when it refuses). */
const mayOpen = (me: { role: string }) => me.role === 'pemda' || me.role === 'admin' || me.role === 'retailer';

export function RoundListPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const lp = useListParams();
  const status = lp.get('status');
  const params = { status, limit: lp.limit, offset: lp.offset };
  const q = useQuery({
    queryKey: ['rounds', params],
    queryFn: () => api.get<Answer<'/api/curation/rounds'>>(`/api/curation/rounds${qs(params)}`),
  });
  return (
    <section className="page">
      <PageHeader title={t('Putaran kurasi', 'Curation rounds')}>
        {mayOpen(me) && (
          <ButtonLink href="/curation/rounds/new" primary testId="new-round">
            {t('Buka putaran baru', 'Open a new round')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SelectField
          name="status"
          label={t('Status', 'Status')}
          value={status}
          onChange={(v) => lp.setFilter({ status: v || null })}
          placeholder={t('Semua', 'All')}
          options={[
            ['open', tx(label('roundStatus', 'open'))],
            ['closed', tx(label('roundStatus', 'closed'))],
          ]}
        />
      </div>
      <ListBody
        query={q}
        page={lp.page}
        onPage={lp.setPage}
        testId="round-list"
        empty={t('Belum ada putaran kurasi.', 'No curation rounds yet.')}
        render={(r: Round) => (
          <li key={r.id} className="card item" data-testid="round">
            <Link href={`/curation/rounds/${r.id}`} className="item-title" translate="no">
              {r.name}
            </Link>
            <p className="item-meta">
              <span>{tx(label('chain', r.chainCode))}</span>
              <span translate="no">{r.regionName}</span>
              <span>{formatDate(r.curationDate, lang)}</span>
              <RoundStatusBadge status={r.status} />
              {r.kind === 'recuration' && <Badge>{tx(label('roundKind', r.kind))}</Badge>}
            </p>
            <p>
              {t('{n} produk: {a} lolos, {b} belum lolos, {c} menunggu penilaian', '{n} products: {a} passed, {b} not yet, {c} awaiting', {
                n: formatNumber(r.products, lang),
                a: formatNumber(r.lolos, lang),
                b: formatNumber(r.belumLolos, lang),
                c: formatNumber(r.menunggu, lang),
              })}
            </p>
          </li>
        )}
      />
    </section>
  );
}

export function NewRoundPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const errors = useFormErrors();
  const ownChain = me.role === 'retailer' ? (me.chainCode as ChainCode | null) : null;
  const [chain, setChain] = useState<ChainCode | ''>(ownChain ?? '');
  const [setId, setSetId] = useState('');
  const [region, setRegion] = useState(me.role === 'pemda' ? (me.regionCode ?? '') : '');
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const today = todayIn(zoneOf(region || me.regionCode).tz);
  const curationDate = date ?? today;
  const sets = useQuery({
    queryKey: ['requirement-sets', 'published', chain],
    queryFn: () =>
      api.get<Answer<'/api/curation/requirement-sets'>>(
        `/api/curation/requirement-sets${qs({ chainCode: chain, status: 'published', limit: 100 })}`,
      ),
    enabled: Boolean(chain),
  });
  const save = useMutation({
    mutationFn: (body: Body<'/api/curation/rounds'>) => api.post<Answer<'/api/curation/rounds', 'post'>>('/api/curation/rounds', body),
    onSuccess: (r) => navigate(`/curation/rounds/${r.id}`),
  });
  const setLabel = (s: RequirementSet) =>
    `${s.name} · ${t('versi {v}', 'version {v}', { v: String(s.version) })} · ${
      s.category ? tx(label('category', s.category)) : t('semua kategori', 'all categories')
    }`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = requiredErrors({ name: name.trim(), chainCode: chain, regionCode: region, curationDate });
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    save.mutate(
      {
        name: name.trim(),
        chainCode: chain || undefined,
        regionCode: region,
        curationDate,
        requirementSetId: setId || undefined,
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => (['name', 'chainCode', 'regionCode', 'curationDate', 'requirementSetId'].includes(f) ? f : null)),
      },
    );
  };
  return (
    <section className="page narrow">
      <BackLink href="/curation/rounds" label={t('Putaran kurasi', 'Curation rounds')} />
      <PageHeader title={t('Buka putaran kurasi', 'Open a curation round')} />
      <form className="form" onSubmit={submit} noValidate data-testid="round-form">
        <FormProblem error={errors.general} />
        <TextField
          name="name"
          label={t('Nama putaran', 'Name of the round')}
          value={name}
          onChange={(v) => {
            setName(v);
            errors.clear('name');
          }}
          error={errors.err('name')}
          placeholder={t('mis. Kurasi Produk UMKM Kecamatan Kayuagung', 'e.g. UMKM product curation, Kayuagung')}
        />
        <SelectField
          name="chainCode"
          label={t('Jaringan ritel', 'Retail chain')}
          value={chain}
          disabled={ownChain !== null}
          onChange={(v) => {
            setChain(v);
            setSetId('');
            errors.clear('chainCode');
          }}
          placeholder={t('— Pilih —', '— Choose —')}
          options={CHAINS.map((c) => [c, tx(label('chain', c))])}
          error={errors.err('chainCode')}
          hint={
            me.role === 'pemda'
              ? t(
                  'Jaringan yang memiliki MoU yang berlaku dengan pemerintah daerah Anda.',
                  'A chain holding an MoU in force with your government.',
                )
              : undefined
          }
        />
        <SelectField
          name="requirementSetId"
          label={t('Persyaratan', 'Requirement set')}
          value={setId}
          disabled={!chain}
          onChange={(v) => {
            setSetId(v);
            errors.clear('requirementSetId');
          }}
          placeholder={t('Sesuai kategori tiap produk', 'By each product’s category')}
          options={(sets.data?.items ?? []).map((s) => [s.id, setLabel(s)])}
          error={errors.err('requirementSetId')}
          hint={t(
            'Hanya persyaratan yang sudah terbit. Bila dikosongkan, tiap produk dinilai dengan persyaratan untuk kategorinya.',
            'Published sets only. Left empty, each product is assessed against the set for its category.',
          )}
        />
        <RegionPicker
          name="regionCode"
          label={t('Wilayah kurasi', 'Region of the round')}
          value={region}
          onChange={(v) => {
            setRegion(v);
            errors.clear('regionCode');
          }}
          depth="district"
          lock={me.role === 'pemda' ? me.regionCode : null}
          error={errors.err('regionCode')}
        />
        <TextField
          name="curationDate"
          type="date"
          label={t('Tanggal kurasi', 'Curation date')}
          value={curationDate}
          onChange={(v) => {
            setDate(v);
            errors.clear('curationDate');
          }}
          error={errors.err('curationDate')}
          hint={t('Izin produk harus berlaku pada tanggal ini: {d}.', 'Product permits must be valid on this day: {d}.', {
            d: formatDate(curationDate, lang),
          })}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="round-submit">
            {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Buka putaran', 'Open the round')}
          </button>
        </div>
      </form>
    </section>
  );
}
