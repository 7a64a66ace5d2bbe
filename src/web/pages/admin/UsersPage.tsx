// The administrator's accounts: who may sign in, as what and for which organisation. Cards (they read on a
// phone), searchable and filterable, paged with their total; a form to add an account (its first password
// typed or generated and shown once); per account, changes of role, organisation, title and a mentor's
// businesses, and — after a question naming the consequence — disabling and password resets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { Role } from '../../../db/types.ts';
import { ORG_KINDS_FOR_ROLE, type OrganizationKind, roleNeedsOrganization } from '../../../modules/accounts/accounts.rules.ts';
import { label, options } from '../../../vocabulary.ts';
import { api, fetchPage } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { Field, FormProblem, requiredErrors, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, SearchBox, useListParams } from '../../components/list.tsx';
import { Badge, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useUser } from '../../session.ts';

type User = Item<'/api/users'>;
type UserDetail = Answer<'/api/users/{id}'>;
type WithPassword = Answer<'/api/users', 'post'>;
type Org = Item<'/api/organizations'>;
type OutletItem = Item<'/api/outlets'>;
/** A store an outlet-staff account works at, as the form shows it. */
type StoreChoice = { id: string; name: string; storeCode: string; districtName: string };
const storeLabel = (o: StoreChoice) => `${o.name} (${o.storeCode}) · ${o.districtName}`;
type Named = { id: string; name: string };
type OrgChoice = Named & { kind?: string | null };

const USERS = ['users'] as const;

/** Organisations a role may belong to, searched by name (kind chosen first when the role allows several). */
function OrgPicker(props: {
  name: string;
  kinds: readonly OrganizationKind[];
  value: OrgChoice | null;
  onChange: (org: OrgChoice | null) => void;
  optional?: boolean;
  error?: { id: string; en: string } | null;
}) {
  const { t, tx, lang } = useI18n();
  const [kind, setKind] = useState<OrganizationKind>(props.kinds[0] ?? 'government');
  const [q, setQ] = useState('');
  useEffect(() => {
    if (!props.kinds.includes(kind)) setKind(props.kinds[0] ?? 'government');
  }, [props.kinds, kind]);
  const params = { kind, q: q.trim() || undefined, limit: 20 };
  const found = useQuery({
    queryKey: ['organizations', 'picker', params],
    queryFn: () => fetchPage<Org>('organizations', params),
    enabled: props.kinds.length > 0,
  });
  const items = found.data?.items ?? [];
  const choices: [string, string][] = items.map((o) => [o.id, o.name]);
  if (props.value && !items.some((o) => o.id === props.value?.id)) choices.unshift([props.value.id, props.value.name]);
  const total = found.data?.total ?? 0;
  return (
    <fieldset className="field-group" data-field={props.name}>
      <legend>
        {t('Organisasi', 'Organisation')}
        {props.optional ? ` (${t('boleh kosong', 'optional')})` : ''}
      </legend>
      {props.kinds.length > 1 && (
        <SelectField<OrganizationKind>
          name={`${props.name}-kind`}
          label={t('Jenis organisasi', 'Kind of organisation')}
          value={kind}
          options={props.kinds.map((k) => [k, tx(label('organizationKind', k))])}
          onChange={setKind}
        />
      )}
      <TextField
        name={`${props.name}-search`}
        label={t('Cari nama organisasi', 'Search organisation by name')}
        value={q}
        onChange={setQ}
        type="search"
        autoComplete="off"
      />
      <SelectField
        name={props.name}
        label={t('Pilih organisasi', 'Choose the organisation')}
        value={props.value?.id ?? ''}
        placeholder={props.optional ? t('Tanpa organisasi', 'No organisation') : t('Pilih…', 'Choose…')}
        options={choices}
        onChange={(id) => {
          const o = items.find((x) => x.id === id);
          props.onChange(id ? { id, name: o?.name ?? props.value?.name ?? '', kind: o?.kind ?? props.value?.kind } : null);
        }}
        error={props.error}
        hint={
          found.isError
            ? t('Daftar organisasi tidak dapat dimuat.', 'The organisations could not be loaded.')
            : total > items.length
              ? t('Menampilkan {n} dari {total}; persempit pencarian.', 'Showing {n} of {total}; narrow the search.', {
                  n: formatNumber(items.length, lang),
                  total: formatNumber(total, lang),
                })
              : undefined
        }
      />
    </fieldset>
  );
}

/** Outlet staff: optionally one store of the chosen chain or branch, searched by name or store code and
 *  shown by name, code and district. Empty: the account works for the whole chain or branch. */
function StorePicker(props: {
  name: string;
  organizationId: string;
  value: StoreChoice | null;
  onChange: (s: StoreChoice | null) => void;
  error?: { id: string; en: string } | null;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const params = { organizationId: props.organizationId, q: q.trim() || undefined, limit: 20 };
  const found = useQuery({ queryKey: ['outlets', 'picker', params], queryFn: () => fetchPage<OutletItem>('outlets', params) });
  const items = found.data?.items ?? [];
  const choices: [string, string][] = items.map((o) => [o.id, storeLabel(o)]);
  if (props.value && !items.some((o) => o.id === props.value?.id)) choices.unshift([props.value.id, storeLabel(props.value)]);
  const total = found.data?.total ?? 0;
  return (
    <fieldset className="field-group" data-field={props.name}>
      <legend>{t('Toko (boleh kosong)', 'Store (optional)')}</legend>
      <p className="muted small">
        {t(
          'Pilih toko bila akun ini staf satu toko: ia hanya melihat pesanan, penerimaan, stok dan penjualan toko itu.',
          'Choose a store when this account is one store’s staff: it sees only that store’s orders, receipts, stock and sales.',
        )}
      </p>
      <TextField
        name={`${props.name}-search`}
        label={t('Cari nama atau kode toko', 'Search store name or code')}
        value={q}
        onChange={setQ}
        type="search"
        autoComplete="off"
      />
      <SelectField
        name={props.name}
        label={t('Pilih toko', 'Choose the store')}
        value={props.value?.id ?? ''}
        placeholder={t('Tanpa toko (seluruh jaringan atau cabang)', 'No store (the whole chain or branch)')}
        options={choices}
        onChange={(id) => {
          const o = items.find((x) => x.id === id);
          props.onChange(id && o ? { id, name: o.name, storeCode: o.storeCode, districtName: o.districtName } : id ? props.value : null);
        }}
        error={props.error}
        hint={
          found.isError
            ? t('Daftar toko tidak dapat dimuat.', 'The stores could not be loaded.')
            : props.value
              ? storeLabel(props.value)
              : total > items.length
                ? t('Menampilkan {n} dari {total}; persempit pencarian.', 'Showing {n} of {total}; narrow the search.', {
                    n: formatNumber(items.length, lang),
                    total: formatNumber(total, lang),
                  })
                : undefined
        }
      />
    </fieldset>
  );
}

/** The businesses a mentor accompanies: chosen ones as a list with remove buttons, more found by name. */
function UmkmPicker({
  value,
  onChange,
  error,
}: {
  value: Named[];
  onChange: (v: Named[]) => void;
  error?: { id: string; en: string } | null;
}) {
  const { t, tx, lang } = useI18n();
  const [q, setQ] = useState('');
  const params = { q: q.trim() || undefined, limit: 10 };
  const found = useQuery({
    queryKey: ['umkm', 'picker', params],
    queryFn: () => fetchPage<Named>('umkm', params),
    enabled: q.trim().length > 0,
  });
  const chosen = new Set(value.map((v) => v.id));
  return (
    <fieldset className="field-group" data-field="mentorUmkmIds">
      <legend>{t('UMKM dampingan', 'Assigned UMKM')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('Belum ada UMKM.', 'No UMKM yet.')}</p>
      ) : (
        <ul className="chips">
          {value.map((u) => (
            <li key={u.id}>
              {u.name}{' '}
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => onChange(value.filter((x) => x.id !== u.id))}
                aria-label={t('Hapus {name}', 'Remove {name}', { name: u.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        name="mentorUmkm-search"
        label={t('Tambah UMKM: cari nama usaha', 'Add UMKM: search by business name')}
        value={q}
        onChange={setQ}
        type="search"
        autoComplete="off"
      />
      {found.isError && <Problem error={found.error} onRetry={() => found.refetch()} />}
      {found.data && (
        <ul className="pick-list">
          {found.data.items.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="btn btn-small"
                disabled={chosen.has(u.id)}
                onClick={() => onChange([...value, { id: u.id, name: u.name }])}
              >
                + {u.name}
              </button>
            </li>
          ))}
          {found.data.total > found.data.items.length && (
            <li className="muted">
              {t('{n} dari {total} ditampilkan; persempit pencarian.', '{n} of {total} shown; narrow the search.', {
                n: formatNumber(found.data.items.length, lang),
                total: formatNumber(found.data.total, lang),
              })}
            </li>
          )}
          {found.data.total === 0 && <li className="muted">{t('Tidak ada UMKM dengan nama itu.', 'No UMKM by that name.')}</li>}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {tx(error)}
        </p>
      )}
    </fieldset>
  );
}

/** A password shown this once: the administrator hands it over; nobody can read it again. */
function PasswordOnce({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-ok" role="status" data-testid="password-once">
      <p>
        {t('Kata sandi untuk {email}:', 'Password for {email}:', { email })} <strong className="mono secret">{password}</strong>
      </p>
      <p className="small">
        {t(
          'Ditampilkan sekali ini saja. Sampaikan langsung kepada pemiliknya; minta ia menyimpannya dengan aman.',
          'Shown this once only. Hand it to its owner directly and ask them to keep it safe.',
        )}
      </p>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? t('Tersalin', 'Copied') : t('Salin', 'Copy')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('Sudah saya catat', 'I have noted it')}
        </button>
      </div>
    </div>
  );
}

const FIELDS = ['email', 'name', 'role', 'organizationId', 'outletId', 'title', 'password', 'mentorUmkmIds'];
const fieldOf = (f: string) => {
  const top = f.split('.')[0] ?? f;
  return FIELDS.includes(top) ? top : null;
};

function NewUser({ onCreated }: { onCreated: (u: WithPassword) => void }) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [org, setOrg] = useState<OrgChoice | null>(null);
  const [store, setStore] = useState<StoreChoice | null>(null);
  const [title, setTitle] = useState('');
  const [typed, setTyped] = useState(false);
  const [password, setPassword] = useState('');
  const [umkm, setUmkm] = useState<Named[]>([]);
  const errors = useFormErrors();
  const save = useMutation({ mutationFn: (body: Body<'/api/users'>) => api.post<WithPassword>('/api/users', body) });
  const kinds = role ? (ORG_KINDS_FOR_ROLE[role] ?? []) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, unknown> = { name: name.trim(), email: email.trim(), role };
    if (role && roleNeedsOrganization(role)) need.organizationId = org?.id ?? '';
    if (typed) need.password = password;
    const problems = requiredErrors(need);
    if (typed && password && password.length < 10) {
      problems.password = { id: 'Kata sandi minimal 10 karakter.', en: 'The password needs at least 10 characters.' };
    }
    if (Object.keys(problems).length) return errors.setClient(problems);
    if (!role) return;
    errors.reset();
    save.mutate(
      {
        name: name.trim(),
        email: email.trim(),
        role,
        organizationId: kinds.length ? (org?.id ?? null) : null,
        outletId: role === 'retailer' && org ? (store?.id ?? null) : null,
        title: title.trim() || null,
        ...(typed ? { password } : {}),
        ...(role === 'mentor' ? { mentorUmkmIds: umkm.map((u) => u.id) } : {}),
      },
      { onSuccess: onCreated, onError: (err) => errors.fromApi(err, fieldOf) },
    );
  };

  return (
    <form className="form card" onSubmit={submit} noValidate data-testid="new-user">
      <h2>{t('Tambah pengguna', 'Add a user')}</h2>
      <FormProblem error={errors.general} />
      <TextField
        name="name"
        label={t('Nama lengkap', 'Full name')}
        value={name}
        onChange={setName}
        error={errors.err('name')}
        autoComplete="off"
      />
      <TextField
        name="email"
        label={t('Email (untuk masuk)', 'Email (to sign in with)')}
        type="email"
        inputMode="email"
        value={email}
        onChange={setEmail}
        error={errors.err('email')}
        autoComplete="off"
      />
      <SelectField<Role>
        name="role"
        label={t('Peran', 'Role')}
        value={role}
        placeholder={t('Pilih…', 'Choose…')}
        options={options('role', lang) as [Role, string][]}
        onChange={(r) => {
          setRole(r);
          setOrg(null);
          setStore(null);
        }}
        error={errors.err('role')}
      />
      {role && kinds.length > 0 && (
        <OrgPicker
          name="organizationId"
          kinds={kinds}
          value={org}
          onChange={(o) => {
            setOrg(o);
            setStore(null);
          }}
          optional={!roleNeedsOrganization(role)}
          error={errors.err('organizationId')}
        />
      )}
      {role === 'retailer' && org && (
        <StorePicker name="outletId" organizationId={org.id} value={store} onChange={setStore} error={errors.err('outletId')} />
      )}
      {role === 'mentor' && <UmkmPicker value={umkm} onChange={setUmkm} error={errors.err('mentorUmkmIds')} />}
      <TextField
        name="title"
        label={t('Jabatan (boleh kosong)', 'Position (optional)')}
        hint={t('Dicetak di bawah tanda tangannya pada perjanjian.', 'Printed under their signature on agreements.')}
        value={title}
        onChange={setTitle}
        error={errors.err('title')}
      />
      <Field name="password-mode" label={t('Kata sandi awal', 'First password')}>
        <div className="radios" id="f-password-mode">
          <label>
            <input type="radio" name="password-mode" checked={!typed} onChange={() => setTyped(false)} />{' '}
            {t('Buatkan otomatis (ditampilkan sekali)', 'Generate one (shown once)')}
          </label>
          <label>
            <input type="radio" name="password-mode" checked={typed} onChange={() => setTyped(true)} />{' '}
            {t('Saya ketik sendiri', 'I will type it')}
          </label>
        </div>
      </Field>
      {typed && (
        <TextField
          name="password"
          label={t('Kata sandi (min. 10 karakter)', 'Password (at least 10 characters)')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.err('password')}
        />
      )}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isPending ? t('Menyimpan…', 'Saving…') : t('Buat akun', 'Create the account')}
      </button>
    </form>
  );
}

function EditUser({ user, onDone }: { user: User; onDone: () => void }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: [...USERS, 'detail', user.id], queryFn: () => api.get<UserDetail>(`/api/users/${user.id}`) });
  const [name, setName] = useState(user.name);
  const [title, setTitle] = useState(user.title ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [org, setOrg] = useState<OrgChoice | null>(
    user.organizationId ? { id: user.organizationId, name: user.organizationName ?? '', kind: user.organizationKind } : null,
  );
  const [store, setStore] = useState<StoreChoice | null>(user.outlet);
  const [umkm, setUmkm] = useState<Named[] | null>(null);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: (body: Body<'/api/users/{id}', 'patch'>) => api.patch<UserDetail>(`/api/users/${user.id}`, body),
  });
  const kinds = ORG_KINDS_FOR_ROLE[role] ?? [];
  const assigned = umkm ?? detail.data?.mentorUmkm ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, unknown> = { [`name-${user.id}`]: name.trim() };
    if (roleNeedsOrganization(role)) need[`organizationId-${user.id}`] = org?.id ?? '';
    const problems = requiredErrors(need);
    if (Object.keys(problems).length) return errors.setClient(problems);
    const organizationId = kinds.length ? (org?.id ?? null) : null;
    const outletId = role === 'retailer' && organizationId ? (store?.id ?? null) : null;
    if (role !== user.role || organizationId !== user.organizationId || outletId !== (user.outlet?.id ?? null)) {
      const yes = await confirm({
        title: t('Ubah peran atau organisasi {name}?', 'Change the role or organisation of {name}?', { name: user.name }),
        body: t(
          'Mulai permintaan berikutnya, {name} hanya melihat dan mengubah data sebagai {role}{org}. Perubahan ini dicatat di log audit.',
          'From their next request, {name} sees and changes data only as {role}{org}. The change is recorded in the audit log.',
          {
            name: user.name,
            role: tx(label('role', role)),
            org: `${org && kinds.length ? ` — ${org.name}` : ''}${outletId && store ? ` — ${t('Toko', 'Store')} ${store.name}` : ''}`,
          },
        ),
        confirmLabel: t('Ubah', 'Change'),
      });
      if (!yes) return;
    }
    errors.reset();
    save.mutate(
      {
        name: name.trim(),
        title: title.trim() || null,
        role,
        organizationId,
        outletId,
        ...(role === 'mentor' ? { mentorUmkmIds: assigned.map((u) => u.id) } : {}),
      },
      {
        onSuccess: () => {
          qc.invalidateQueries({ queryKey: USERS });
          qc.invalidateQueries({ queryKey: ['audit'] });
          onDone();
        },
        onError: (err) => errors.fromApi(err, (f) => (fieldOf(f) ? `${fieldOf(f)}-${user.id}` : null)),
      },
    );
  };

  return (
    <form className="form edit" onSubmit={submit} noValidate data-testid="edit-user">
      <FormProblem error={errors.general} />
      <TextField
        name={`name-${user.id}`}
        label={t('Nama lengkap', 'Full name')}
        value={name}
        onChange={setName}
        error={errors.err(`name-${user.id}`)}
      />
      <TextField
        name={`title-${user.id}`}
        label={t('Jabatan', 'Position')}
        hint={t('Dicetak di bawah tanda tangannya pada perjanjian.', 'Printed under their signature on agreements.')}
        value={title}
        onChange={setTitle}
        error={errors.err(`title-${user.id}`)}
      />
      <SelectField<Role>
        name={`role-${user.id}`}
        label={t('Peran', 'Role')}
        value={role}
        options={options('role', lang) as [Role, string][]}
        onChange={(r) => {
          setRole(r);
          if (!(ORG_KINDS_FOR_ROLE[r] ?? []).some((k) => k === org?.kind)) setOrg(null);
        }}
        error={errors.err(`role-${user.id}`)}
      />
      {kinds.length > 0 && (
        <OrgPicker
          name={`organizationId-${user.id}`}
          kinds={kinds}
          value={org}
          onChange={(o) => {
            if (o?.id !== org?.id) setStore(null);
            setOrg(o);
          }}
          optional={!roleNeedsOrganization(role)}
          error={errors.err(`organizationId-${user.id}`)}
        />
      )}
      {role === 'retailer' && org && (
        <StorePicker
          name={`outletId-${user.id}`}
          organizationId={org.id}
          value={store}
          onChange={setStore}
          error={errors.err(`outletId-${user.id}`)}
        />
      )}
      {role === 'mentor' &&
        (detail.isPending ? null : detail.isError ? (
          <Problem error={detail.error} onRetry={() => detail.refetch()} />
        ) : (
          <UmkmPicker value={assigned} onChange={setUmkm} error={errors.err(`mentorUmkmIds-${user.id}`)} />
        ))}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('Menyimpan…', 'Saving…') : t('Simpan perubahan', 'Save changes')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('Batal', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

function UserCard(props: {
  user: User;
  me: string;
  shown: string | null;
  onPassword: (p: { id: string; password: string } | null) => void;
  onOrganization: (id: string, name: string) => void;
}) {
  const { user, me, shown, onPassword } = props;
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const done = () => {
    qc.invalidateQueries({ queryKey: USERS });
    qc.invalidateQueries({ queryKey: ['audit'] });
  };
  const act = useMutation({
    mutationFn: (what: 'disable' | 'enable' | 'reset-password') => api.post<WithPassword>(`/api/users/${user.id}/${what}`, {}),
    onSuccess: (u, what) => {
      setProblem(null);
      if (what === 'reset-password' && u.generatedPassword) onPassword({ id: user.id, password: u.generatedPassword });
      done();
    },
    onError: setProblem,
  });
  const self = user.id === me;

  const disable = async () => {
    const yes = await confirm({
      title: t('Nonaktifkan {name}?', 'Disable {name}?', { name: user.name }),
      body: t(
        '{name} ({email}) tidak dapat masuk lagi, dan semua sesinya yang sedang berjalan langsung berakhir. Datanya tetap tersimpan; Anda dapat mengaktifkannya kembali kapan saja.',
        '{name} ({email}) can no longer sign in, and every session they have open ends at once. Their records stay; you can enable the account again at any time.',
        { name: user.name, email: user.email },
      ),
      confirmLabel: t('Nonaktifkan', 'Disable'),
      danger: true,
    });
    if (yes) act.mutate('disable');
  };
  const reset = async () => {
    const yes = await confirm({
      title: t('Atur ulang kata sandi {name}?', 'Reset the password of {name}?', { name: user.name }),
      body: t(
        'Kata sandi lama berhenti berlaku dan semua sesi {name} berakhir{self}. Kata sandi baru ditampilkan sekali kepada Anda untuk diserahkan langsung.',
        'The old password stops working and every session of {name} ends{self}. The new password is shown to you once, to hand over in person.',
        { name: user.name, self: self ? t(' — termasuk sesi Anda ini', ' — including this one of yours') : '' },
      ),
      confirmLabel: t('Atur ulang kata sandi', 'Reset the password'),
      danger: true,
    });
    if (yes) act.mutate('reset-password');
  };

  return (
    <li className="card user" data-testid="user-card" data-email={user.email}>
      <div className="card-head">
        <h3>
          {user.name} {self && <span className="muted small">({t('Anda', 'you')})</span>}
        </h3>
        {user.disabled ? <Badge tone="bad">{t('Nonaktif', 'Disabled')}</Badge> : <Badge tone="ok">{t('Aktif', 'Active')}</Badge>}
      </div>
      <p className="break">{user.email}</p>
      <p>
        <Badge>{tx(label('role', user.role))}</Badge>{' '}
        {user.organizationId && user.organizationName ? (
          <button
            type="button"
            className="link"
            onClick={() => props.onOrganization(user.organizationId as string, user.organizationName as string)}
            title={t('Pengguna lain di organisasi ini', 'Other users of this organisation')}
          >
            {user.organizationName}
          </button>
        ) : user.role === 'admin' ? null : (
          <span className="muted">{t('Tanpa organisasi', 'No organisation')}</span>
        )}
      </p>
      {user.outlet && <p data-testid="user-store">{t('Toko: {name}', 'Store: {name}', { name: storeLabel(user.outlet) })}</p>}
      {user.title && <p className="muted">{user.title}</p>}
      {user.role === 'mentor' && (
        <p className="muted">{t('{n} UMKM dampingan', '{n} assigned UMKM', { n: formatNumber(user.mentorUmkmCount, lang) })}</p>
      )}
      <p className="muted small">
        {user.disabled && user.disabledAt
          ? t('Dinonaktifkan {date}', 'Disabled on {date}', { date: formatDate(user.disabledAt.slice(0, 10), lang) })
          : t('Terdaftar {date}', 'Registered on {date}', { date: formatDate(user.createdAt.slice(0, 10), lang) })}
      </p>
      {shown && <PasswordOnce email={user.email} password={shown} onDone={() => onPassword(null)} />}
      {problem !== null && <Problem error={problem} />}
      {editing ? (
        <EditUser user={user} onDone={() => setEditing(false)} />
      ) : (
        <div className="actions">
          {user.can.edit && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              {t('Ubah', 'Edit')}
            </button>
          )}
          {user.can.resetPassword && (
            <button type="button" className="btn" onClick={reset} disabled={act.isPending}>
              {t('Atur ulang kata sandi', 'Reset password')}
            </button>
          )}
          {user.can.disable && (
            <button type="button" className="btn btn-danger" onClick={disable} disabled={act.isPending}>
              {t('Nonaktifkan', 'Disable')}
            </button>
          )}
          {user.can.enable && (
            <button type="button" className="btn" onClick={() => act.mutate('enable')} disabled={act.isPending}>
              {t('Aktifkan kembali', 'Enable again')}
            </button>
          )}
          {!user.disabled && !user.can.disable && user.role === 'admin' && (
            <span className="muted small">
              {t('Administrator aktif terakhir: tidak dapat dinonaktifkan.', 'Last active administrator: cannot be disabled.')}
            </span>
          )}
        </div>
      )}
    </li>
  );
}

export default function UsersPage() {
  const { t, lang } = useI18n();
  const me = useUser();
  const qc = useQueryClient();
  const lp = useListParams();
  const role = lp.get('role') as Role | '';
  const status = lp.get('status') as 'active' | 'disabled' | '';
  const organizationId = lp.get('organizationId');
  const params = {
    q: lp.q || undefined,
    role: role || undefined,
    status: status || undefined,
    organizationId: organizationId || undefined,
    limit: lp.limit,
    offset: lp.offset,
  };
  const q = useQuery({ queryKey: [...USERS, params], queryFn: () => fetchPage<User>('users', params) });
  const [adding, setAdding] = useState(false);
  const [password, setPassword] = useState<{ id: string; password: string; email?: string } | null>(null);

  return (
    <section className="page">
      <PageHeader title={t('Pengguna', 'Users')}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setAdding((a) => !a)}
          aria-expanded={adding}
          data-testid="add-user"
        >
          {adding ? t('Tutup formulir', 'Close the form') : t('Tambah pengguna', 'Add a user')}
        </button>
      </PageHeader>
      <p className="muted">
        {t(
          'Siapa yang dapat masuk, dengan peran apa dan untuk organisasi mana. Setiap perubahan dicatat di log audit.',
          'Who may sign in, in which role and for which organisation. Every change is recorded in the audit log.',
        )}
      </p>
      {password?.email && <PasswordOnce email={password.email} password={password.password} onDone={() => setPassword(null)} />}
      {adding && (
        <NewUser
          onCreated={(u) => {
            setAdding(false);
            if (u.generatedPassword) setPassword({ id: u.id, password: u.generatedPassword, email: u.email });
            qc.invalidateQueries({ queryKey: USERS });
            qc.invalidateQueries({ queryKey: ['audit'] });
          }}
        />
      )}
      <div className="filters">
        <SearchBox value={lp.q} onChange={(v) => lp.setFilter({ q: v })} label={t('Cari nama atau email', 'Search name or email')} />
        <SelectField<Role>
          name="filter-role"
          label={t('Peran', 'Role')}
          value={role}
          placeholder={t('Semua peran', 'All roles')}
          options={options('role', lang) as [Role, string][]}
          onChange={(v) => lp.setFilter({ role: v })}
        />
        <SelectField<'active' | 'disabled'>
          name="filter-status"
          label={t('Status', 'Status')}
          value={status}
          placeholder={t('Semua', 'All')}
          options={[
            ['active', t('Aktif', 'Active')],
            ['disabled', t('Nonaktif', 'Disabled')],
          ]}
          onChange={(v) => lp.setFilter({ status: v })}
        />
      </div>
      {organizationId && (
        <p className="filter-chip">
          {t('Organisasi: {name}', 'Organisation: {name}', { name: lp.get('organizationName') || '…' })}{' '}
          <button type="button" className="btn btn-small" onClick={() => lp.setFilter({ organizationId: null, organizationName: null })}>
            {t('Semua organisasi', 'All organisations')}
          </button>
        </p>
      )}
      <ListBody
        query={q}
        empty={t('Tidak ada pengguna yang cocok.', 'No matching users.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="users"
        render={(u) => (
          <UserCard
            key={u.id}
            user={u}
            me={me.id}
            onOrganization={(id, name) => lp.setFilter({ organizationId: id, organizationName: name })}
            shown={password && !password.email && password.id === u.id ? password.password : null}
            onPassword={setPassword}
          />
        )}
      />
    </section>
  );
}
