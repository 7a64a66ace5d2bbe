// Requirement sets: every signed-in user reads the published ones; a chain sees its own drafts, makes the
// next version of a set (a copy to edit), edits it as a form per criterion kind with the remedy previewed
// as the UMKM will read it, compares two versions in words and publishes behind a confirmation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { label, options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { CheckField, FormProblem, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { BackLink, Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { NamedHeader } from './badges.tsx';
import { type CriterionValue, criterionRule, criterionScope, DEFAULT_RUBRIC } from './criteria.ts';

type RequirementSet = Answer<'/api/curation/requirement-sets/{id}'>;
type Kind = CriterionValue['kind'];
const PERMITS = ['pirt', 'bpom_md', 'bpom_ml', 'halal'] as const;

function StatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return (
    <Badge tone={status === 'published' ? 'ok' : status === 'draft' ? 'warn' : 'neutral'}>
      {tx(label('requirementSetStatus', status))}
    </Badge>
  );
}

export default function RequirementsPage() {
  const { t, tx } = useI18n();
  const lp = useListParams();
  const params = { limit: lp.limit, offset: lp.offset };
  const q = useQuery({
    queryKey: ['requirement-sets', params],
    queryFn: () => api.get<Answer<'/api/curation/requirement-sets'>>(`/api/curation/requirement-sets${qs(params)}`),
  });
  return (
    <section className="page">
      <PageHeader title={t('Persyaratan kurasi', 'Curation requirements')} />
      <ListBody
        query={q}
        page={lp.page}
        onPage={lp.setPage}
        empty={t('Belum ada persyaratan.', 'No requirement sets yet.')}
        render={(s: Item<'/api/curation/requirement-sets'>) => (
          <li key={s.id} className="card item" data-testid="requirement-set">
            <Link href={`/curation/requirements/${s.id}`} className="item-title" translate="no">
              {s.name}
            </Link>
            <p className="item-meta">
              <span>{tx(label('chain', s.chainCode))}</span>
              <span>{s.category ? tx(label('category', s.category)) : t('Semua kategori', 'All categories')}</span>
              <span>{t('Versi {v}', 'Version {v}', { v: String(s.version) })}</span>
              <StatusBadge status={s.status} />
            </p>
            <p className="small muted">{t('{n} kriteria', '{n} criteria', { n: String(s.criteria.length) })}</p>
          </li>
        )}
      />
    </section>
  );
}

/** How the UMKM reads a criterion it fails: the question, then the next step. */
function RemedyPreview({ c }: { c: CriterionValue }) {
  const { t, tx } = useI18n();
  const b = { id: c.label, en: c.en?.label || c.label };
  const r = { id: c.remedy, en: c.en?.remedy || c.remedy };
  return (
    <div className="card small" data-testid="remedy-preview">
      <p className="muted">{t('Yang dibaca UMKM bila belum terpenuhi:', 'What the UMKM reads when it is not met:')}</p>
      <strong>{tx(b) || '—'}</strong>
      <p>
        <em>{t('Langkah berikutnya', 'Next step')}:</em> {tx(r) || '—'}
      </p>
    </div>
  );
}

function CriterionView({ c }: { c: CriterionValue }) {
  const { tx } = useI18n();
  const scope = criterionScope(c);
  return (
    <li className="card item" data-testid="criterion">
      <p className="item-title">{tx({ id: c.label, en: c.en?.label ?? c.label })}</p>
      <p className="item-meta">
        <Badge>{tx(label('criterionKind', c.kind))}</Badge>
        <span className="small">{tx(criterionRule(c))}</span>
      </p>
      {scope && <p className="small muted">{tx(scope)}</p>}
      <p className="small">{tx({ id: c.remedy, en: c.en?.remedy ?? c.remedy })}</p>
    </li>
  );
}

type Scope = 'all' | 'food' | 'food_long' | 'wet' | 'custom';
const scopeOf = (c: CriterionValue): Scope => {
  const w = c.when;
  if (!w) return 'all';
  if (w.categories) return 'custom';
  if (w.food && w.perishable === false) return 'food_long';
  if (w.food && w.perishable === true) return 'wet';
  if (w.food && w.perishable === undefined) return 'food';
  return 'custom';
};
const WHEN: Record<Exclude<Scope, 'custom'>, CriterionValue['when']> = {
  all: undefined,
  food: { food: true },
  food_long: { food: true, perishable: false },
  wet: { food: true, perishable: true },
};

function blank(kind: Kind, code: string): CriterionValue {
  const base = { code, label: '', remedy: '' };
  switch (kind) {
    case 'permit':
      return { ...base, kind, anyOf: ['pirt'] };
    case 'identifier':
      return { ...base, kind, identifier: 'gtin13_id' };
    case 'numeric':
      return { ...base, kind, field: 'shelfLifeDays', op: '>=', value: 90 };
    case 'attestation':
      return { ...base, kind };
    case 'score':
      return { ...base, kind, passMark: 3 };
  }
}

function CriterionEditor(props: {
  c: CriterionValue;
  i: number;
  onChange: (c: CriterionValue) => void;
  onRemove: () => void;
  err: (name: string) => { id: string; en: string } | null;
  /** Shown unfolded: a new criterion, or one the server found fault with. */
  open: boolean;
}) {
  const { t, tx, lang } = useI18n();
  const { c, i } = props;
  const f = (k: string) => `criteria.${i}.${k}`;
  const set = (patch: Partial<CriterionValue>) => props.onChange({ ...c, ...patch } as CriterionValue);
  const scope = scopeOf(c);
  return (
    <details className="criterion-form" data-testid="criterion-editor" open={props.open}>
      <summary>
        <strong>
          {i + 1}. {tx({ id: c.label, en: c.en?.label || c.label }) || t('(kriteria baru)', '(new criterion)')}
        </strong>{' '}
        <span className="muted small">
          · {tx(label('criterionKind', c.kind))} · {tx(criterionRule(c))}
        </span>
      </summary>
      <SelectField
        name={f('kind')}
        label={t('Jenis kriteria', 'Kind of criterion')}
        value={c.kind}
        onChange={(k) =>
          props.onChange({ ...blank(k, c.code), label: c.label, remedy: c.remedy, en: c.en, when: c.when } as CriterionValue)
        }
        options={options('criterionKind', lang)}
      />
      <TextField
        name={f('code')}
        label={t('Kode (tetap antarversi, huruf kecil)', 'Code (stable across versions, lower case)')}
        value={c.code}
        onChange={(v) => set({ code: v })}
        error={props.err(f('code'))}
        hint={t('Dipakai pelonggaran dan analisis, tidak tampil bagi UMKM.', 'Used by relaxations and analytics, never shown to the UMKM.')}
      />
      <TextField
        name={f('label')}
        label={t('Yang diminta', 'What is asked')}
        value={c.label}
        onChange={(v) => set({ label: v })}
        error={props.err(f('label'))}
        wide
      />
      <Field2
        name={f('remedy')}
        label={t('Langkah perbaikan bagi UMKM', 'Remedy for the UMKM')}
        value={c.remedy}
        onChange={(v) => set({ remedy: v })}
        error={props.err(f('remedy'))}
      />
      <TextField
        name={f('en.label')}
        label={t('Yang diminta (bahasa Inggris)', 'What is asked (English)')}
        value={c.en?.label ?? ''}
        onChange={(v) => set({ en: { label: v, remedy: c.en?.remedy ?? '' } })}
        error={props.err(f('en.label'))}
        wide
      />
      <Field2
        name={f('en.remedy')}
        label={t('Langkah perbaikan (bahasa Inggris)', 'Remedy (English)')}
        value={c.en?.remedy ?? ''}
        onChange={(v) => set({ en: { label: c.en?.label ?? '', remedy: v } })}
        error={props.err(f('en.remedy'))}
      />
      {c.kind === 'permit' && (
        <fieldset className="choice">
          <legend className="small">{t('Izin yang diterima (salah satu)', 'Permits accepted (any one)')}</legend>
          {PERMITS.map((p) => (
            <CheckField
              key={p}
              name={f(`anyOf.${p}`)}
              label={tx(label('permitType', p))}
              checked={c.anyOf.includes(p)}
              onChange={(on) => set({ anyOf: on ? [...c.anyOf, p] : c.anyOf.filter((x) => x !== p) } as Partial<CriterionValue>)}
            />
          ))}
          {props.err(f('anyOf')) && <p className="field-error">{tx(props.err(f('anyOf')) as { id: string; en: string })}</p>}
        </fieldset>
      )}
      {c.kind === 'identifier' && (
        <SelectField
          name={f('identifier')}
          label={t('Nomor yang diwajibkan', 'Identifier required')}
          value={c.identifier}
          onChange={(v) => set({ identifier: v } as Partial<CriterionValue>)}
          options={options('identifierKind', lang)}
        />
      )}
      {c.kind === 'numeric' && (
        <>
          <SelectField
            name={f('field')}
            label={t('Data produk', 'Product field')}
            value={c.field}
            onChange={(v) => set({ field: v } as Partial<CriterionValue>)}
            options={options('numericField', lang)}
          />
          <SelectField
            name={f('op')}
            label={t('Aturan', 'Rule')}
            value={c.op}
            onChange={(v) => set({ op: v } as Partial<CriterionValue>)}
            options={options('numericOp', lang)}
          />
          <TextField
            name={f('value')}
            type="number"
            inputMode="decimal"
            label={t('Batas', 'Threshold')}
            value={String(c.value)}
            onChange={(v) => set({ value: Number(v) } as Partial<CriterionValue>)}
            error={props.err(f('value'))}
            hint={tx(criterionRule(c))}
          />
        </>
      )}
      {c.kind === 'score' && (
        <>
          <SelectField
            name={f('passMark')}
            label={t('Batas lolos (nilai 1–5)', 'Pass mark (score 1–5)')}
            value={String(c.passMark) as '1'}
            onChange={(v) => set({ passMark: Number(v) } as Partial<CriterionValue>)}
            options={(['1', '2', '3', '4', '5'] as const).map((v) => [v, v])}
          />
          <details className="small">
            <summary>{t('Arti tiap nilai', 'What each score means')}</summary>
            <ol>
              {(c.rubric ?? DEFAULT_RUBRIC).map((l, k) => (
                <li key={String(k)}>{tx(l)}</li>
              ))}
            </ol>
          </details>
        </>
      )}
      <SelectField
        name={f('when')}
        label={t('Berlaku untuk', 'Applies to')}
        value={scope}
        onChange={(v) => {
          if (v !== 'custom') set({ when: WHEN[v] });
        }}
        options={[
          ['all', t('Semua produk', 'All products')],
          ['food', t('Pangan', 'Food')],
          ['food_long', t('Pangan tahan lama', 'Food that keeps')],
          ['wet', t('Makanan basah', 'Wet food')],
          ...(scope === 'custom' ? ([['custom', tx(criterionScope(c) ?? { id: 'Khusus', en: 'Custom' })]] as [Scope, string][]) : []),
        ]}
      />
      <RemedyPreview c={c} />
      <button type="button" className="btn btn-ghost" onClick={props.onRemove}>
        {t('Hapus kriteria ini', 'Remove this criterion')}
      </button>
    </details>
  );
}

/** A multi-line text field with its error at the field. */
function Field2(props: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: { id: string; en: string } | null;
}) {
  const { tx } = useI18n();
  const id = `f-${props.name.replace(/\./g, '-')}`;
  return (
    <div className={`field wide${props.error ? ' has-error' : ''}`} data-field={props.name}>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={3}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
      />
      {props.error && (
        <p className="field-error" role="alert">
          {tx(props.error)}
        </p>
      )}
    </div>
  );
}

function SetEditor({ s }: { s: RequirementSet }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [name, setName] = useState(s.name);
  const [criteria, setCriteria] = useState<CriterionValue[]>(s.criteria);
  const [newKind, setNewKind] = useState<Kind>('attestation');
  const [added, setAdded] = useState(0);
  useEffect(() => {
    setName(s.name);
    setCriteria(s.criteria);
  }, [s]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['requirement-set'] });
  const save = useMutation({
    mutationFn: (body: Body<'/api/curation/requirement-sets/{id}', 'patch'>) =>
      api.patch<RequirementSet>(`/api/curation/requirement-sets/${s.id}`, body),
    onSuccess: refresh,
  });
  const publish = useMutation({
    mutationFn: () => api.post<RequirementSet>(`/api/curation/requirement-sets/${s.id}/publish`),
    onSuccess: () => Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['requirement-sets'] })]),
  });
  const clean = (c: CriterionValue): CriterionValue => {
    const en = c.en && (c.en.label.trim() || c.en.remedy.trim()) ? c.en : undefined;
    return { ...c, en } as CriterionValue;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.reset();
    save.mutate({ name: name.trim(), criteria: criteria.map(clean) }, { onError: (err) => errors.fromApi(err, (f) => f) });
  };
  const askPublish = async () => {
    const yes = await confirm({
      title: t('Terbitkan versi {v}?', 'Publish version {v}?', { v: String(s.version) }),
      body: t(
        'Putaran kurasi baru memakai versi ini dengan {n} kriteria; versi yang sedang berlaku diganti (hasil kurasi lama tetap tercatat). Versi terbit tidak dapat diubah lagi.',
        'New curation rounds use this version with its {n} criteria; the version in force is replaced (past results stay recorded). A published version cannot change.',
        { n: formatNumber(s.criteria.length, lang) },
      ),
      confirmLabel: t('Terbitkan', 'Publish'),
    });
    if (yes) publish.mutate();
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="set-editor">
      <FormProblem error={errors.general} />
      <TextField
        name="name"
        label={t('Nama persyaratan', 'Name of the set')}
        value={name}
        onChange={setName}
        error={errors.err('name')}
        wide
      />
      {criteria.map((c, i) => (
        <CriterionEditor
          key={String(i)}
          c={c}
          i={i}
          err={errors.err}
          open={i >= s.criteria.length || Object.keys(errors.errors).some((k) => k.startsWith(`criteria.${i}.`))}
          onChange={(next) => setCriteria(criteria.map((x, k) => (k === i ? next : x)))}
          onRemove={() => setCriteria(criteria.filter((_, k) => k !== i))}
        />
      ))}
      <div className="form-actions">
        <SelectField
          name="newKind"
          label={t('Jenis kriteria baru', 'Kind of the new criterion')}
          value={newKind}
          onChange={setNewKind}
          options={options('criterionKind', lang)}
        />
        <button
          type="button"
          className="btn"
          onClick={() => {
            setCriteria([...criteria, blank(newKind, `kriteria_baru_${added + 1}`)]);
            setAdded(added + 1);
          }}
        >
          {t('Tambah kriteria', 'Add a criterion')}
        </button>
      </div>
      {save.isSuccess && !save.isPending && (
        <p className="alert alert-ok" role="status">
          {t('Draf tersimpan.', 'Draft saved.')}
        </p>
      )}
      {publish.error && <Problem error={publish.error} />}
      <div className="form-actions">
        <button type="submit" className="btn" disabled={save.isPending}>
          {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan draf', 'Save draft')}
        </button>
        <button type="button" className="btn btn-primary" onClick={askPublish} disabled={publish.isPending} data-testid="publish">
          {t('Terbitkan', 'Publish')}
        </button>
      </div>
    </form>
  );
}

/** Two versions compared in words: criteria added, removed, and changed (what changed). */
function Compare({ a, b }: { a: RequirementSet; b: RequirementSet }) {
  const { t, tx } = useI18n();
  const before = new Map(b.criteria.map((c) => [c.code, c]));
  const after = new Map(a.criteria.map((c) => [c.code, c]));
  const name = (c: CriterionValue) => tx({ id: c.label, en: c.en?.label ?? c.label });
  const added = a.criteria.filter((c) => !before.has(c.code));
  const removed = b.criteria.filter((c) => !after.has(c.code));
  const changed = a.criteria
    .filter((c) => before.has(c.code))
    .map((c) => {
      const o = before.get(c.code) as CriterionValue;
      const what: string[] = [];
      if (o.kind !== c.kind) what.push(t('jenis', 'kind'));
      if (tx(criterionRule(o)) !== tx(criterionRule(c))) what.push(`${tx(criterionRule(o))} → ${tx(criterionRule(c))}`);
      if (o.label !== c.label) what.push(t('rumusan', 'wording'));
      if (o.remedy !== c.remedy) what.push(t('langkah perbaikan', 'remedy'));
      if (JSON.stringify(o.when ?? null) !== JSON.stringify(c.when ?? null)) what.push(t('berlaku untuk', 'applies to'));
      return { c, what };
    })
    .filter((x) => x.what.length > 0);
  return (
    <div className="card" data-testid="compare">
      <p>{t('Versi {a} dibanding versi {b}:', 'Version {a} compared with version {b}:', { a: String(a.version), b: String(b.version) })}</p>
      {added.length + removed.length + changed.length === 0 && <p>{t('Kriteria sama.', 'Same criteria.')}</p>}
      <ul>
        {added.map((c) => (
          <li key={`+${c.code}`} className="diff-added">
            {t('Ditambahkan', 'Added')}: {name(c)}
          </li>
        ))}
        {removed.map((c) => (
          <li key={`-${c.code}`} className="diff-removed">
            {t('Dihapus', 'Removed')}: {name(c)}
          </li>
        ))}
        {changed.map(({ c, what }) => (
          <li key={`~${c.code}`}>
            {t('Diubah', 'Changed')}: {name(c)} ({what.join('; ')})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One requirement set version by its address (a chain's draft is found only by that chain and admin). */
export function RequirementSetPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const id = params.id as string;
  const q = useQuery({ queryKey: ['requirement-set', id], queryFn: () => api.get<RequirementSet>(`/api/curation/requirement-sets/${id}`) });
  const s = q.data;
  const versions = useQuery({
    queryKey: ['requirement-sets', 'versions', s?.chainCode, s?.category],
    queryFn: () =>
      api.get<Answer<'/api/curation/requirement-sets'>>(
        `/api/curation/requirement-sets${qs({ chainCode: s?.chainCode, category: s?.category ?? undefined, limit: 100 })}`,
      ),
    enabled: Boolean(s),
  });
  const [other, setOther] = useState('');
  const compareWith = useQuery({
    queryKey: ['requirement-set', other],
    queryFn: () => api.get<RequirementSet>(`/api/curation/requirement-sets/${other}`),
    enabled: Boolean(other),
  });
  const copy = useMutation({
    mutationFn: () =>
      api.post<RequirementSet>('/api/curation/requirement-sets', {
        category: s?.category ?? null,
        name: s?.name ?? '',
        criteria: s?.criteria ?? [],
        ...(s ? { chainCode: s.chainCode } : {}),
      }),
    onSuccess: (n) => {
      qc.invalidateQueries({ queryKey: ['requirement-sets'] });
      navigate(`/curation/requirements/${n.id}`);
    },
  });
  const siblings = (versions.data?.items ?? []).filter((v) => v.id !== s?.id && (v.category ?? null) === (s?.category ?? null));
  return (
    <section className="page">
      <BackLink href="/curation/requirements" label={t('Persyaratan kurasi', 'Curation requirements')} />
      {q.isPending && <Loading />}
      {q.error && <Problem error={q.error} onRetry={() => q.refetch()} />}
      {s && (
        <div data-testid="requirement-set">
          <NamedHeader
            title={s.name}
            subtitle={
              <>
                {tx(label('chain', s.chainCode))} · {s.category ? tx(label('category', s.category)) : t('Semua kategori', 'All categories')}{' '}
                · {t('Versi {v}', 'Version {v}', { v: String(s.version) })} <StatusBadge status={s.status} />
                {s.publishedAt && ` · ${t('terbit {d}', 'published {d}', { d: formatDate(s.publishedAt.slice(0, 10), lang) })}`}
              </>
            }
          >
            {s.can.edit && s.status !== 'draft' && (
              <button type="button" className="btn" onClick={() => copy.mutate()} disabled={copy.isPending}>
                {t('Buat versi baru', 'New version')}
              </button>
            )}
          </NamedHeader>
          {copy.error && <Problem error={copy.error} />}
          {s.can.edit && s.status === 'draft' ? (
            <SetEditor s={s} />
          ) : (
            <ul className="cards">
              {s.criteria.map((c) => (
                <CriterionView key={c.code} c={c} />
              ))}
            </ul>
          )}
          {siblings.length > 0 && (
            <div className="card">
              <h2 className="item-title">{t('Versi lain', 'Other versions')}</h2>
              <ul>
                {siblings.map((v) => (
                  <li key={v.id}>
                    <Link href={`/curation/requirements/${v.id}`}>{t('Versi {v}', 'Version {v}', { v: String(v.version) })}</Link>{' '}
                    <StatusBadge status={v.status} />
                  </li>
                ))}
              </ul>
              <SelectField
                name="compare"
                label={t('Bandingkan dengan', 'Compare with')}
                value={other}
                onChange={setOther}
                placeholder={t('— Pilih versi —', '— Choose a version —')}
                options={siblings.map((v) => [v.id, t('Versi {v}', 'Version {v}', { v: String(v.version) })])}
              />
              {compareWith.data && <Compare a={s} b={compareWith.data} />}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
