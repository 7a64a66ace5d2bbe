// Bahasa Indonesia first, English second, through one system: every text the app writes is a pair, written
// where it is used as `t('Teks Indonesia', 'English text')`; a pair that comes from the server or from the
// vocabulary of codes (src/vocabulary.ts) is `{id, en}` and is shown with `tx()`. The choice is kept in
// localStorage so a phone shared in a family keeps the language its owner picked, and in the `etalase_lang`
// cookie, which the server-rendered pages (sign-in, the public catalogue) read to speak the same language.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Bilingual } from '../platform/errors.ts';
import { type Lang, localeOf } from '../platform/format.ts';

export type { Bilingual, Lang };

type Vars = Record<string, string | number>;

const STORAGE_KEY = 'etalase.lang';
/** The server pages' cookie (LANG_COOKIE in src/platform/page/page.tsx). */
const COOKIE = 'etalase_lang';

const cookieLang = (): Lang | null => {
  const m = document.cookie.match(/(?:^|;\s*)etalase_lang=(id|en)(?:;|$)/);
  return m ? (m[1] as Lang) : null;
};

/** The choice made here, else the one made on a server page (the sign-in page's switch), else Indonesian. */
function initialLang(): Lang {
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    if (kept === 'en' || kept === 'id') return kept;
  } catch {
    // private mode: the cookie below
  }
  return cookieLang() ?? 'id';
}

/** One year, for the whole site, sent on top-level navigations from elsewhere too (SameSite=Lax). */
function keepInCookie(l: Lang) {
  if (cookieLang() === l) return;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many phones' browsers
  document.cookie = `${COOKIE}=${l}; path=/; max-age=31536000; SameSite=Lax`;
}

/** Replaces `{name}` placeholders. */
export function fill(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The text in the current language. */
  t: (id: string, en: string, vars?: Vars) => string;
  /** The current language of a pair (a server message, a vocabulary label). */
  tx: (b: Bilingual, vars?: Vars) => string;
  locale: string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    // Every pick, and the one kept from before the cookie existed: the server pages follow.
    keepInCookie(lang);
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (id, en, vars) => fill(lang === 'id' ? id : en, vars),
      tx: (b, vars) => fill(b[lang], vars),
      locale: localeOf(lang),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
