// Cascading Kemendagri region picker: province → regency/city → district → village, each list asked
// from /api/regions with the chosen parent. The value is the deepest code chosen so far.
import { useQuery } from '@tanstack/react-query';
import { api, fetchPage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Bilingual, Region, RegionLevel } from '../types.ts';
import { fieldId } from './form.tsx';

const LEVELS: RegionLevel[] = ['province', 'regency', 'district', 'village'];
const LABEL: Record<RegionLevel, Bilingual> = {
  province: { id: 'Provinsi', en: 'Province' },
  regency: { id: 'Kabupaten/Kota', en: 'Regency/City' },
  district: { id: 'Kecamatan', en: 'District (kecamatan)' },
  village: { id: 'Desa/Kelurahan', en: 'Village (desa/kelurahan)' },
};

export const levelOf = (code: string): RegionLevel | null => (code ? (LEVELS[code.split('.').length - 1] ?? null) : null);

/** The code of `code`'s ancestor at a level ('16.02.03.2001' at regency → '16.02'). */
const prefixAt = (code: string, level: RegionLevel) =>
  code
    .split('.')
    .slice(0, LEVELS.indexOf(level) + 1)
    .join('.');

export function useRegions(level: RegionLevel, parent: string | null, enabled = true) {
  return useQuery({
    queryKey: ['regions', level, parent],
    queryFn: () => fetchPage<Region>('regions', { level, parent, limit: 500 }),
    enabled: enabled && (level === 'province' || Boolean(parent)),
    staleTime: Number.POSITIVE_INFINITY, // reference data
  });
}

function LevelSelect(props: {
  id: string;
  level: RegionLevel;
  parent: string | null;
  value: string;
  disabled: boolean;
  onChange: (code: string) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const { t, tx } = useI18n();
  const q = useRegions(props.level, props.parent);
  const items = q.data?.items ?? [];
  return (
    <div className="region-level">
      <label htmlFor={props.id}>{tx(LABEL[props.level])}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled || q.isPending}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      >
        <option value="">{q.isPending ? t('Memuat…', 'Loading…') : t('— Pilih —', '— Choose —')}</option>
        {items.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RegionPicker(props: {
  name: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** The deepest level offered (a UMKM address needs a village, an outlet a district). */
  depth: RegionLevel;
  /** A Dinas works inside its region: levels down to this code are fixed. */
  lock?: string | null;
  error?: Bilingual | null;
}) {
  const { tx } = useI18n();
  const lock = props.lock ?? '';
  const value = props.value || lock;
  const lockDepth = lock ? LEVELS.indexOf(levelOf(lock) as RegionLevel) : -1;
  const base = fieldId(props.name);
  const shown = LEVELS.slice(0, LEVELS.indexOf(props.depth) + 1);
  const valueDepth = value ? LEVELS.indexOf(levelOf(value) as RegionLevel) : -1;

  return (
    <fieldset className={`field region${props.error ? ' has-error' : ''}`} data-field={props.name}>
      <legend>{props.label}</legend>
      <div className="region-grid">
        {shown.map((level, i) => {
          if (i > valueDepth + 1) return null; // its parent is not chosen yet
          const parent = i === 0 ? null : prefixAt(value, LEVELS[i - 1] as RegionLevel);
          return (
            <LevelSelect
              key={level}
              id={i === 0 ? base : `${base}-${level}`}
              level={level}
              parent={parent}
              value={i <= valueDepth ? prefixAt(value, level) : ''}
              disabled={i <= lockDepth}
              invalid={Boolean(props.error)}
              describedBy={props.error ? `${base}-error` : undefined}
              // Choosing nothing at a level goes back to its parent's code.
              onChange={(code) => props.onChange(code || (parent ?? ''))}
            />
          );
        })}
      </div>
      {props.error && (
        <p className="field-error" id={`${base}-error`} role="alert">
          {tx(props.error)}
        </p>
      )}
    </fieldset>
  );
}

/** A region's name for display (reference data, cached for the session). */
export function RegionName({ code }: { code: string | null | undefined }) {
  const q = useQuery({
    queryKey: ['region', code],
    queryFn: () => api.get<Region>(`/api/regions/${code}`),
    enabled: Boolean(code),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!code) return <>—</>;
  // The name only: people know "Selebar, Kota Bengkulu", not "17.71.01".
  return <span translate="no">{q.data ? q.data.name : '…'}</span>;
}
