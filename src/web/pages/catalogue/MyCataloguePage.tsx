// A maker's say over the public catalogue (C11): which of her products shoppers see, the story on her public
// page, and whether her phone number is shown there. A product is public only when she shows it AND an
// outlet carries it today; the page says which of the two is missing, and links to what shoppers see.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { CheckField, Field, FormProblem, fieldId, useFormErrors } from '../../components/form.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';

type Mine = Answer<'/api/catalogue/mine'>;
type MyProduct = Mine['products'][number];

const KEY = ['catalogue', 'mine'];
/** The story's limit (the API's: zProfileBody). */
const STORY_MAX = 1500;

export function MyCataloguePage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Mine>('/api/catalogue/mine') });
  return (
    <>
      <PageHeader
        title={t('Katalog publik', 'Public catalogue')}
        subtitle={t(
          'Yang dilihat pembeli di halaman katalog Etalase: produk Anda yang dijual di gerai, dan cerita usaha Anda.',
          'What shoppers see in the Etalase catalogue: your products sold at outlets, and your business story.',
        )}
        testId="my-catalogue-title"
      />
      {q.isPending ? <Loading /> : q.isError ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <Settings mine={q.data} />}
    </>
  );
}

function Settings({ mine }: { mine: Mine }) {
  const { t, lang } = useI18n();
  const publicUrl = `/katalog/pembuat/${mine.umkmId}${lang === 'en' ? '?lang=en' : ''}`;
  const showing = mine.products.filter((p) => p.published && p.outlets > 0).length;
  return (
    <>
      <section className="card" data-testid="my-catalogue-summary">
        <p>
          {showing === 0
            ? t('Belum ada produk Anda yang tampil di katalog.', 'None of your products is in the catalogue yet.')
            : t('{n} produk Anda tampil di katalog.', '{n} of your products are in the catalogue.', { n: showing })}
        </p>
        {showing > 0 && (
          <p>
            <a href={publicUrl} target="_blank" rel="noopener" data-testid="public-page-link">
              {t('Lihat halaman publik Anda', 'See your public page')}
            </a>
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('Produk', 'Products')}</h2>
        {mine.products.length === 0 ? (
          <p className="muted">{t('Belum ada produk terdaftar.', 'No registered products yet.')}</p>
        ) : (
          <ul className="plain-list" data-testid="my-catalogue-products">
            {mine.products.map((p) => (
              <ProductRow key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
      <ProfileForm mine={mine} />
    </>
  );
}

function ProductRow({ p }: { p: MyProduct }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (published: boolean) => api.put<Mine>(`/api/catalogue/mine/products/${p.id}`, { published }),
    onSuccess: (m) => {
      setError(null);
      qc.setQueryData(KEY, m);
    },
    onError: setError,
  });
  const state = !p.published
    ? { tone: 'neutral' as const, text: { id: 'Disembunyikan', en: 'Hidden' } }
    : p.outlets > 0
      ? { tone: 'ok' as const, text: { id: 'Tampil di katalog', en: 'In the catalogue' } }
      : { tone: 'warn' as const, text: { id: 'Belum dijual di gerai', en: 'Not on any shelf yet' } };
  return (
    <li className="catalogue-row" data-testid="my-catalogue-product">
      <div>
        <p className="item-title" translate="no">
          {p.name}
        </p>
        <p className="item-meta">
          <Badge tone={state.tone}>{tx(state.text)}</Badge>{' '}
          {p.outlets > 0
            ? t('dijual di {n} gerai', 'sold at {n} outlets', { n: p.outlets })
            : t('belum ada gerai yang menjualnya; tampil begitu ada', 'no outlet sells it yet; shown once one does')}
        </p>
        {p.published && p.outlets > 0 && (
          <p className="item-meta">
            <a href={`/katalog/produk/${p.id}${lang === 'en' ? '?lang=en' : ''}`} target="_blank" rel="noopener">
              {t('Lihat seperti pembeli', 'See it as a shopper')}
            </a>
          </p>
        )}
        {error !== null && <Problem error={error} />}
      </div>
      <button
        type="button"
        className={p.published ? 'btn' : 'btn btn-primary'}
        disabled={save.isPending}
        aria-pressed={p.published}
        data-testid="publish-toggle"
        onClick={() => save.mutate(!p.published)}
      >
        {p.published ? t('Sembunyikan', 'Hide') : t('Tampilkan', 'Show')}
        <span className="sr-only" translate="no">
          {' '}
          {p.name}
        </span>
      </button>
    </li>
  );
}

function ProfileForm({ mine }: { mine: Mine }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [story, setStory] = useState(mine.story ?? '');
  const [showPhone, setShowPhone] = useState(mine.showPhone);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api.put<Mine>('/api/catalogue/mine/profile', { story: story.trim() ? story.trim() : null, showPhone }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.reset();
    setSaved(false);
    save.mutate(undefined, {
      onSuccess: (m) => {
        qc.setQueryData(KEY, m);
        setSaved(true);
      },
      onError: (x) => errors.fromApi(x, (f) => (f === 'story' || f === 'showPhone' ? f : null)),
    });
  };
  const storyErr = errors.err('story');
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="profile-form">
      <h2>{t('Halaman publik Anda', 'Your public page')}</h2>
      <FormProblem error={errors.general} />
      <Field
        name="story"
        label={t('Cerita usaha', 'Business story')}
        error={storyErr}
        hint={t(
          'Ceritakan singkat usaha Anda untuk pembeli: sejak kapan, bahan, cara membuat. {n}/{max} karakter.',
          'A short story of your business for shoppers: since when, ingredients, how it is made. {n}/{max} characters.',
          { n: story.length, max: STORY_MAX },
        )}
        wide
      >
        <textarea
          id={fieldId('story')}
          name="story"
          rows={5}
          translate="no"
          maxLength={STORY_MAX}
          value={story}
          aria-invalid={storyErr ? true : undefined}
          aria-describedby={`${fieldId('story')}-hint${storyErr ? ` ${fieldId('story')}-error` : ''}`}
          onChange={(e) => {
            setStory(e.target.value);
            setSaved(false);
            errors.clear('story');
          }}
        />
      </Field>
      <CheckField
        name="showPhone"
        label={t('Tampilkan nomor telepon saya agar pembeli bisa memesan', 'Show my phone number so shoppers can order')}
        checked={showPhone}
        error={errors.err('showPhone')}
        hint={
          mine.hasPhone
            ? t('Nomor hanya tampil jika Anda mencentang ini.', 'The number is shown only if you tick this.')
            : t('Anda belum mengisi nomor telepon di data usaha.', 'You have not entered a phone number in your business details.')
        }
        onChange={(v) => {
          setShowPhone(v);
          setSaved(false);
        }}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="profile-save">
          {t('Simpan', 'Save')}
        </button>
        {saved && (
          <p role="status" className="muted" data-testid="profile-saved">
            {t('Tersimpan.', 'Saved.')}
          </p>
        )}
      </div>
    </form>
  );
}
