// Bahasa Indonesia first, English second. Both dictionaries are small and bundled; the choice is kept in
// localStorage so a phone shared in a family keeps the language its owner picked.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import en from './i18n/en.json';
import id from './i18n/id.json';
import type { Bilingual } from './types.ts';

export type Lang = 'id' | 'en';
export type Key = keyof typeof id;

// Type-checks that the English file has every key the Indonesian one has.
const DICTS: Record<Lang, Record<Key, string>> = { id, en };
const STORAGE_KEY = 'etalase.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** Replaces `{name}` placeholders. */
function fill(s: string, vars?: Record<string, string | number>): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The same message in both languages, for errors the app makes itself (they switch with the language). */
export const both = (key: Key, vars?: Record<string, string | number>): Bilingual => ({
  id: fill(DICTS.id[key], vars),
  en: fill(DICTS.en[key], vars),
});

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: Key, vars?: Record<string, string | number>) => string;
  /** Picks the current language of a server message. */
  tx: (b: Bilingual) => string;
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
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => fill(DICTS[lang][key] ?? key, vars),
      tx: (b) => b[lang],
      locale: lang === 'id' ? 'id-ID' : 'en-GB',
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
