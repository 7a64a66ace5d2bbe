// The administrator's audit log: every change, newest first, filtered by who made it, the kind of record,
// the action and the days (in the reader's zone). Each entry is a card — when, who, a sentence of what —
// with the changed fields as a small table of label, before and after; long values folded, never JSON.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { options } from '../../../vocabulary.ts';
import { api, fetchPage } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { Field, SelectField, TextField } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { PageHeader, Problem } from '../../components/ui.tsx';
import { formatDateTime, formatNumber, zoneOf } from '../../format.ts';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { useUser } from '../../session.ts';

type Entry = Item<'/api/audit'>;
type Change = Entry['changes'][number];
type User = Item<'/api/users'>;

/** Values longer than this are folded behind their first words. */
const FOLD = 80;
/** Rows of a change table shown before "show all". */
const ROWS = 6;

function Value({ v }: { v: Bilingual | null }) {
  const { t, tx } = useI18n();
  if (!v) return <span className="muted">—</span>;
  const text = tx(v);
  // A value written the same in both languages is data (a name, a note someone typed): not translated.
  const data = v.id === v.en ? { translate: 'no' as const } : {};
  if (text.length <= FOLD && !text.includes('\n'))
    return (
      <span className="value" {...data}>
        {text}
      </span>
    );
  const first = text.split('\n')[0] ?? '';
  return (
    <details className="fold" {...data}>
      <summary>
        {first.length > FOLD - 20 ? `${first.slice(0, FOLD - 20)}…` : `${first}…`}{' '}
        <span className="muted small">({t('lengkapnya', 'in full')})</span>
      </summary>
      <span className="value">{text}</span>
    </details>
  );
}

/** The entry's line, with the record's name marked as a name. */
function Summary({ e }: { e: { summary: Bilingual; entityName: string | null } }) {
  const { tx } = useI18n();
  const text = tx(e.summary);
  const tail = e.entityName ? ` “${e.entityName}”` : '';
  if (!tail || !text.endsWith(tail)) return <>{text}</>;
  return (
    <>
      {text.slice(0, -tail.length)} “<span translate="no">{e.entityName}</span>”
    </>
  );
}

function Changes({ changes }: { changes: Change[] }) {
  const { t, tx, lang } = useI18n();
  const [all, setAll] = useState(false);
  if (changes.length === 0) return null;
  const created = changes.every((c) => c.before === null);
  const removed = !created && changes.every((c) => c.after === null);
  const rows = all ? changes : changes.slice(0, ROWS);
  return (
    <>
      <div className="table-scroll">
        <table className="table changes">
          <thead>
            <tr>
              <th scope="col">{t('Kolom', 'Field')}</th>
              {created ? (
                <th scope="col">{t('Isi', 'Value')}</th>
              ) : removed ? (
                <th scope="col">{t('Isi sebelumnya', 'Value before')}</th>
              ) : (
                <>
                  <th scope="col">{t('Sebelum', 'Before')}</th>
                  <th scope="col">{t('Sesudah', 'After')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.field}>
                <th scope="row">{tx(c.label)}</th>
                {created ? (
                  <td>
                    <Value v={c.after} />
                  </td>
                ) : removed ? (
                  <td>
                    <Value v={c.before} />
                  </td>
                ) : (
                  <>
                    <td>
                      <Value v={c.before} />
                    </td>
                    <td>
                      <Value v={c.after} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes.length > ROWS && (
        <button type="button" className="btn btn-small" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all
            ? t('Ringkas', 'Show fewer')
            : t('Tampilkan semua {n} kolom', 'Show all {n} fields', { n: formatNumber(changes.length, lang) })}
        </button>
      )}
    </>
  );
}

/** Choosing whose changes to see: a name searched among the users, the choice kept as the user's id. */
function ActorFilter({ actorId, onChange }: { actorId: string; onChange: (id: string | null) => void }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const chosen = useQuery({
    queryKey: ['users', 'detail', actorId],
    queryFn: () => api.get<Answer<'/api/users/{id}'>>(`/api/users/${actorId}`),
    enabled: Boolean(actorId),
  });
  const params = { q: q.trim() || undefined, limit: 8 };
  const found = useQuery({
    queryKey: ['users', 'actor-search', params],
    queryFn: () => fetchPage<User>('users', params),
    enabled: !actorId && q.trim().length > 0,
  });
  if (actorId) {
    return (
      <Field name="actor" label={t('Pelaku', 'Made by')}>
        <p className="filter-chip" id="f-actor">
          {chosen.data ? `${chosen.data.name} (${chosen.data.email})` : chosen.isError ? t('Pengguna tidak dikenal', 'Unknown user') : '…'}{' '}
          <button type="button" className="btn btn-small" onClick={() => onChange(null)}>
            {t('Semua pelaku', 'Anyone')}
          </button>
        </p>
      </Field>
    );
  }
  return (
    <div className="actor-filter">
      <TextField
        name="actor"
        label={t('Pelaku: cari nama atau email', 'Made by: search name or email')}
        value={q}
        onChange={setQ}
        type="search"
        autoComplete="off"
      />
      {found.isError && <Problem error={found.error} onRetry={() => found.refetch()} />}
      {found.data && (
        <ul className="pick-list" data-testid="actor-results">
          {found.data.items.map((u) => (
            <li key={u.id}>
              <button type="button" className="btn btn-small" onClick={() => onChange(u.id)}>
                {u.name} <span className="muted">· {u.email}</span>
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
          {found.data.total === 0 && <li className="muted">{t('Tidak ada pengguna dengan nama itu.', 'No user by that name.')}</li>}
        </ul>
      )}
    </div>
  );
}

export default function AuditLogPage() {
  const { t, lang } = useI18n();
  const me = useUser();
  const lp = useListParams();
  const f = {
    actorId: lp.get('actorId'),
    entity: lp.get('entity'),
    entityId: lp.get('entityId'),
    action: lp.get('action'),
    from: lp.get('from'),
    to: lp.get('to'),
  };
  const params = { ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), limit: lp.limit, offset: lp.offset };
  const q = useQuery({ queryKey: ['audit', params], queryFn: () => fetchPage<Entry>('audit', params) });
  const where = me.regionCode || '31';
  const filtered = Object.values(f).some(Boolean);

  return (
    <section className="page">
      <PageHeader title={t('Log audit', 'Audit log')} />
      <p className="muted">
        {t(
          'Setiap perubahan data: siapa, kapan, apa, dengan isi sebelum dan sesudahnya. Waktu dalam {zone}.',
          'Every change to the records: who, when, what, with what they held before and after. Times in {zone}.',
          { zone: zoneOf(me.regionCode).label },
        )}
      </p>
      <div className="filters audit-filters">
        <ActorFilter actorId={f.actorId} onChange={(id) => lp.setFilter({ actorId: id })} />
        <SelectField
          name="entity"
          label={t('Jenis data', 'Kind of record')}
          value={f.entity}
          placeholder={t('Semua', 'All')}
          options={options('auditEntity', lang)}
          onChange={(v) => lp.setFilter({ entity: v, entityId: null })}
        />
        <SelectField
          name="action"
          label={t('Tindakan', 'Action')}
          value={f.action}
          placeholder={t('Semua', 'All')}
          options={options('auditAction', lang)}
          onChange={(v) => lp.setFilter({ action: v })}
        />
        <div className="date-range">
          <Field name="from" label={t('Sejak tanggal', 'From')}>
            <input
              id="f-from"
              name="from"
              type="date"
              value={f.from}
              max={f.to || undefined}
              onChange={(e) => lp.setFilter({ from: e.target.value })}
            />
          </Field>
          <Field name="to" label={t('Sampai tanggal', 'Until')}>
            <input
              id="f-to"
              name="to"
              type="date"
              value={f.to}
              min={f.from || undefined}
              onChange={(e) => lp.setFilter({ to: e.target.value })}
            />
          </Field>
        </div>
      </div>
      {f.entityId && (
        <p className="filter-chip">
          {t('Hanya satu data', 'One record only')}{' '}
          <button type="button" className="btn btn-small" onClick={() => lp.setFilter({ entityId: null })}>
            {t('Semua data', 'All records')}
          </button>
        </p>
      )}
      {filtered && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => lp.setFilter({ actorId: null, entity: null, entityId: null, action: null, from: null, to: null })}
          >
            {t('Hapus semua saringan', 'Clear all filters')}
          </button>
        </p>
      )}
      <div className="audit-list">
        <ListBody
          query={q}
          empty={
            filtered
              ? t('Tidak ada catatan yang cocok dengan saringan ini.', 'No entries match these filters.')
              : t('Log audit masih kosong.', 'The audit log is empty.')
          }
          page={lp.page}
          onPage={lp.setPage}
          testId="audit-entries"
          render={(e) => (
            <li key={e.id} className="card audit-entry" data-testid="audit-entry" data-entity={e.entity} data-action={e.action}>
              <p className="muted small">
                <time dateTime={e.at}>{formatDateTime(e.at, where, lang)}</time>
              </p>
              <p>
                {e.actor ? <strong translate="no">{e.actor.name}</strong> : <strong>{t('Sistem', 'System')}</strong>}
                {e.actor && <span className="muted small break"> · {e.actor.email}</span>}
              </p>
              <p className="summary">
                <Summary e={e} />
              </p>
              <Changes changes={e.changes} />
            </li>
          )}
        />
      </div>
    </section>
  );
}
