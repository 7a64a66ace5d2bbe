// One permit (P-IRT, BPOM MD/ML, halal): type, number, dates and an optional scan uploaded to /api/files.
// Used for each permit row of a new product and for adding a permit to an existing one.
import { useState } from 'react';
import { uploadFile } from '../../api.ts';
import { Field, FileButton, fieldId, REQUIRED, SelectField, TextField } from '../../components/form.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { PERMIT_EXAMPLE, type PermitType, permitTypeOptions } from './vocab.ts';

export interface PermitDraft {
  type: PermitType;
  number: string;
  issuedOn: string;
  expiresOn: string;
  scanSha256: string | null;
  scanName: string;
}

export const emptyPermit = (): PermitDraft => ({ type: 'pirt', number: '', issuedOn: '', expiresOn: '', scanSha256: null, scanName: '' });

export const permitBody = (p: PermitDraft) => ({
  type: p.type,
  number: p.number.trim(),
  issuedOn: p.issuedOn,
  expiresOn: p.expiresOn || null,
  scanSha256: p.scanSha256,
});

/** The browser's own date: only to catch a slip before asking the server, which judges by the owner's zone. */
const localToday = () => new Intl.DateTimeFormat('en-CA').format(new Date());

/** What the form can tell about a permit before asking the server, every field at once, under `prefix`
 *  (its body path, "permits.0." or ""): number and issue date required, not issued in the future, and
 *  expiring after its issue. */
export function permitProblems(p: PermitDraft, prefix: string): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  if (!p.number.trim()) out[`${prefix}number`] = REQUIRED;
  if (!p.issuedOn) out[`${prefix}issuedOn`] = REQUIRED;
  else if (p.issuedOn > localToday())
    out[`${prefix}issuedOn`] = {
      id: 'Tanggal terbit tidak boleh setelah hari ini.',
      en: 'The issue date cannot be after today.',
    };
  if (p.issuedOn && p.expiresOn && p.expiresOn <= p.issuedOn)
    out[`${prefix}expiresOn`] = {
      id: 'Tanggal kedaluwarsa harus setelah tanggal terbit.',
      en: 'The expiry date must be after the issue date.',
    };
  return out;
}

/** `prefix` is the body path of this permit ("permits.0." in a new product, "" when posted alone). */
export function PermitFields(props: {
  prefix: string;
  value: PermitDraft;
  onChange: (p: PermitDraft) => void;
  err: (name: string) => Bilingual | null;
  setErr: (name: string, e: Bilingual | null) => void;
}) {
  const { t, lang } = useI18n();
  const { prefix, value: p } = props;
  const [uploading, setUploading] = useState(false);
  const set = (patch: Partial<PermitDraft>) => props.onChange({ ...p, ...patch });
  const n = (k: string) => `${prefix}${k}`;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    props.setErr(n('scanSha256'), null);
    try {
      const stored = await uploadFile(file);
      set({ scanSha256: stored.sha256, scanName: file.name });
    } catch (e) {
      props.setErr(n('scanSha256'), (e as { bilingual?: Bilingual }).bilingual ?? { id: 'Unggah gagal.', en: 'Upload failed.' });
    } finally {
      setUploading(false);
    }
  };

  const scanId = fieldId(n('scanSha256'));
  const scanErr = props.err(n('scanSha256'));
  return (
    <div className="permit-fields">
      <SelectField
        name={n('type')}
        label={t('Jenis izin', 'Permit type')}
        value={p.type}
        onChange={(v) => set({ type: v })}
        options={permitTypeOptions(lang)}
        error={props.err(n('type'))}
      />
      <TextField
        name={n('number')}
        label={t('Nomor izin', 'Permit number')}
        value={p.number}
        onChange={(v) => {
          set({ number: v });
          props.setErr(n('number'), null);
        }}
        hint={t('Contoh: {example}', 'Example: {example}', { example: PERMIT_EXAMPLE[p.type] })}
        autoComplete="off"
        error={props.err(n('number'))}
      />
      <TextField
        name={n('issuedOn')}
        label={t('Tanggal terbit', 'Issued on')}
        type="date"
        max={localToday()}
        value={p.issuedOn}
        onChange={(v) => set({ issuedOn: v })}
        error={props.err(n('issuedOn'))}
      />
      <TextField
        name={n('expiresOn')}
        label={t('Tanggal kedaluwarsa', 'Expiry date')}
        type="date"
        value={p.expiresOn}
        onChange={(v) => set({ expiresOn: v })}
        hint={t('Kosongkan jika tidak ada masa berlaku.', 'Leave empty if it does not expire.')}
        error={props.err(n('expiresOn'))}
      />
      <Field
        name={n('scanSha256')}
        label={t('Pindaian dokumen (foto atau PDF)', 'Scan of the document (photo or PDF)')}
        error={scanErr}
        hint={p.scanName ? `✓ ${p.scanName}` : t('JPEG, PNG, WebP atau PDF, maksimal 5 MB.', 'JPEG, PNG, WebP or PDF, at most 5 MB.')}
      >
        <FileButton
          id={scanId}
          accept="image/jpeg,image/png,image/webp,application/pdf"
          text={uploading ? t('Mengunggah…', 'Uploading…') : t('Pilih berkas', 'Choose a file')}
          disabled={uploading}
          invalid={Boolean(scanErr)}
          onFile={(input) => upload(input.files?.[0])}
        />
      </Field>
    </div>
  );
}
