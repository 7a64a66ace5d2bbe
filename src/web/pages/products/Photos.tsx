// Product photos: thumbnails of stored files, and an upload box (a phone offers its camera for image/*).
import { useState } from 'react';
import { fileUrl, uploadFile } from '../../api.ts';
import { Field, FileButton, fieldId } from '../../components/form.tsx';
import type { Bilingual } from '../../i18n.tsx';
import { useI18n } from '../../i18n.tsx';

export function Thumbs({ photos, alt }: { photos: string[]; alt: string }) {
  if (photos.length === 0) return null;
  return (
    <ul className="thumbs">
      {photos.map((sha, i) => (
        <li key={sha}>
          <a href={fileUrl(sha)} target="_blank" rel="noreferrer">
            <img src={fileUrl(sha)} alt={`${alt} ${i + 1}`} width={96} height={96} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Uploads one image to /api/files, then hands its SHA-256 to `onStored` (which may post it). */
export function PhotoUpload(props: { name: string; onStored: (sha256: string) => Promise<void> | void; error?: Bilingual | null }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const shown = props.error ?? error;

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const stored = await uploadFile(file, 'photo');
      await props.onStored(stored.sha256);
      input.value = '';
    } catch (e) {
      setError((e as { bilingual?: Bilingual }).bilingual ?? { id: 'Unggah gagal.', en: 'Upload failed.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Field
      name={props.name}
      label={t('Tambah foto', 'Add a photo')}
      hint={
        busy
          ? t('Mengunggah…', 'Uploading…')
          : t('Foto kemasan: JPEG, PNG atau WebP, maksimal 5 MB.', 'Packaging photo: JPEG, PNG or WebP, at most 5 MB.')
      }
      error={shown}
    >
      <FileButton
        id={fieldId(props.name)}
        accept="image/jpeg,image/png,image/webp"
        text={busy ? t('Mengunggah…', 'Uploading…') : t('Pilih atau ambil foto', 'Choose or take a photo')}
        disabled={busy}
        invalid={Boolean(shown)}
        onFile={pick}
      />
    </Field>
  );
}
