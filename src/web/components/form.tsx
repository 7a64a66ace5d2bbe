// Form fields that show an error ON the field it concerns. The server names the field by its body path
// ("gtin", "permits.0.number"); a form registers the same names, so its messages land where they belong.
import { type InputHTMLAttributes, type ReactNode, useCallback, useState } from 'react';
import { ApiError } from '../api.ts';
import { formatRupiah, parseRupiah } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import type { Bilingual } from '../types.ts';

export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

type Err = Bilingual | null | undefined;

function describedBy(name: string, error: Err, hint?: string) {
  const id = fieldId(name);
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function Field(props: { name: string; label: string; error?: Err; hint?: string; children: ReactNode; wide?: boolean }) {
  const { tx } = useI18n();
  const id = fieldId(props.name);
  return (
    <div className={`field${props.error ? ' has-error' : ''}${props.wide ? ' wide' : ''}`} data-field={props.name}>
      <label htmlFor={id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {tx(props.error)}
        </p>
      )}
    </div>
  );
}

type InputRest = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name' | 'id'>;

export function TextField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  wide,
  ...rest
}: { name: string; label: string; value: string; onChange: (v: string) => void; error?: Err; hint?: string; wide?: boolean } & InputRest) {
  return (
    <Field name={name} label={label} error={error} hint={hint} wide={wide}>
      <input
        id={fieldId(name)}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...rest}
      />
    </Field>
  );
}

export function SelectField<V extends string>(props: {
  name: string;
  label: string;
  value: V | '';
  onChange: (v: V) => void;
  options: [V, string][];
  error?: Err;
  hint?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <Field name={props.name} label={props.label} error={props.error} hint={props.hint}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value as V)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.name, props.error, props.hint)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Rupiah shown as `Rp1.234.500` while typing; the form holds (and sends) the integer. */
export function RupiahField(props: {
  name: string;
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  error?: Err;
  hint?: string;
}) {
  return (
    <Field name={props.name} label={props.label} error={props.error} hint={props.hint}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        inputMode="numeric"
        autoComplete="off"
        placeholder="Rp0"
        value={props.value === null ? '' : formatRupiah(props.value)}
        onChange={(e) => props.onChange(parseRupiah(e.target.value))}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.name, props.error, props.hint)}
      />
    </Field>
  );
}

export function CheckField(props: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: Err;
  hint?: string;
}) {
  const { tx } = useI18n();
  const id = fieldId(props.name);
  return (
    <div className={`field check${props.error ? ' has-error' : ''}`} data-field={props.name}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        <span>{props.label}</span>
      </label>
      {props.hint && <p className="hint">{props.hint}</p>}
      {props.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {tx(props.error)}
        </p>
      )}
    </div>
  );
}

/** A file input dressed as a button in the page's language (the native one speaks the browser's). */
export function FileButton(props: {
  id: string;
  accept: string;
  text: string;
  disabled?: boolean;
  invalid?: boolean;
  onFile: (input: HTMLInputElement) => void;
}) {
  return (
    <span className="file-btn">
      <input
        id={props.id}
        type="file"
        className="file-input"
        accept={props.accept}
        disabled={props.disabled}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(e) => props.onFile(e.currentTarget)}
      />
      <label htmlFor={props.id} className={`btn${props.disabled ? ' disabled' : ''}`}>
        {props.text}
      </label>
    </span>
  );
}

export function FormProblem({ error }: { error: Bilingual | null }) {
  const { tx } = useI18n();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="form-error">
      {tx(error)}
    </div>
  );
}

const UNEXPECTED: Bilingual = {
  id: 'Terjadi kesalahan yang tidak terduga. Silakan coba lagi.',
  en: 'Something unexpected went wrong. Please try again.',
};

/** Moves to the field in error that comes first on the page (not first in the list): focused and scrolled
 *  to the middle of the screen, so that on a phone its message is in view. */
function focusFirst(names: string[]) {
  if (names.length === 0) return;
  requestAnimationFrame(() => {
    const found = names
      .map((n) => document.getElementById(fieldId(n)) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(n)}"]`))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const el = found[0];
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  });
}

/** Errors of one form: per field, plus one above the form for anything no field shows. */
export function useFormErrors() {
  const [errors, setErrors] = useState<Record<string, Bilingual>>({});
  const [general, setGeneral] = useState<Bilingual | null>(null);

  const clear = useCallback((name: string) => {
    setErrors((prev) => {
      if (!(name in prev)) return prev;
      const { [name]: _gone, ...rest } = prev;
      return rest;
    });
  }, []);

  return {
    errors,
    general,
    err: (name: string) => errors[name] ?? null,
    clear,
    reset: () => {
      setErrors({});
      setGeneral(null);
    },
    /** Errors the browser found before asking the server (empty required fields), all at once. */
    setClient: (errs: Record<string, Bilingual>) => {
      setErrors(errs);
      setGeneral(null);
      focusFirst(Object.keys(errs));
    },
    /** Every server error goes on the form's field for its body path (`where` answers that field's name,
     *  or null when the form shows no such field: those messages go above the form), and the first field
     *  in error gets the focus. */
    fromApi: (e: unknown, where: (field: string) => string | null) => {
      if (!(e instanceof ApiError)) {
        setErrors({});
        setGeneral(UNEXPECTED);
        return;
      }
      const placed: Record<string, Bilingual> = {};
      const above: Bilingual[] = [];
      const problems = e.fields.length ? e.fields : [{ field: '', message: e.bilingual }];
      for (const f of problems) {
        const name = f.field ? where(f.field) : null;
        if (name && !(name in placed)) placed[name] = f.message;
        else if (!name) above.push(f.message);
      }
      setErrors(placed);
      setGeneral(above.length ? { id: above.map((m) => m.id).join(' '), en: above.map((m) => m.en).join(' ') } : null);
      focusFirst(Object.keys(placed));
    },
  };
}

export type FormErrors = ReturnType<typeof useFormErrors>;

/** The app's own message for a field left empty (never the browser's bubble: forms are `noValidate`). */
export const REQUIRED: Bilingual = { id: 'Wajib diisi.', en: 'Required.' };

/** The "required" message for every empty field of a list. */
export function requiredErrors(values: Record<string, unknown>): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  for (const [k, v] of Object.entries(values)) if (v === '' || v === null || v === undefined) out[k] = REQUIRED;
  return out;
}
