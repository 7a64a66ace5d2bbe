// What every list page shares: search, page and region kept in the URL (back and reload keep them),
// a debounced search box, and a pager driven by the list endpoint's `total`.
import { type ReactNode, useEffect, useState } from 'react';
import { formatNumber, formatTotal } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { useQueryParams } from '../router.tsx';
import type { Page } from '../types.ts';
import { Loading, Problem } from './ui.tsx';

export const PAGE_SIZE = 20;

export function useListParams() {
  const [query, set] = useQueryParams();
  const page = Math.max(1, Number(query.get('page')) || 1);
  return {
    q: query.get('q') ?? '',
    region: query.get('region') ?? '',
    page,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    get: (k: string) => query.get(k) ?? '',
    /** Any filter change goes back to page 1. */
    setFilter: (patch: Record<string, string | null>) => set({ ...patch, page: null }),
    setPage: (p: number) => set({ page: p > 1 ? p : null }),
  };
}

export function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // Typing on a phone is slow; ask the server once the thumb rests.
  useEffect(() => {
    if (text === value) return;
    const h = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text, value, onChange]);
  return (
    <div className="search">
      <label htmlFor="list-search" className="sr-only">
        {label}
      </label>
      <input
        id="list-search"
        type="search"
        placeholder={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        enterKeyHint="search"
      />
    </div>
  );
}

/** `estimated`: the total is the server's estimate of a long list; its last page is not offered (where it
 *  lies is not known, and reaching it would walk the whole list), and a next page exists while `more`. */
export function Pager({
  page,
  total,
  onPage,
  estimated,
  more,
}: {
  page: number;
  total: number;
  onPage: (p: number) => void;
  estimated?: boolean;
  more?: boolean;
}) {
  const { t, lang } = useI18n();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = estimated ? page * PAGE_SIZE : Math.min(total, page * PAGE_SIZE);
  const info = (
    <span className="pager-info" data-testid="pager-info">
      {t('{from}–{to} dari {total}', '{from}–{to} of {total}', {
        from: formatNumber(from, lang),
        to: formatNumber(to, lang),
        total: formatTotal(total, estimated, lang),
      })}
    </span>
  );
  const last = estimated ? !more : page >= pages;
  if (pages === 1 && !estimated) return <p className="pager">{info}</p>;
  return (
    <nav className="pager" aria-label={t('Halaman', 'Pages')}>
      <button
        type="button"
        className="btn"
        disabled={page <= 1}
        onClick={() => onPage(1)}
        aria-label={t('Halaman pertama', 'First page')}
        title={t('Halaman pertama', 'First page')}
        data-testid="pager-first"
      >
        «
      </button>
      <button
        type="button"
        className="btn"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        aria-label={t('Sebelumnya', 'Previous')}
        data-testid="pager-prev"
      >
        ‹ <span className="long">{t('Sebelumnya', 'Previous')}</span>
      </button>
      {info}
      <button
        type="button"
        className="btn"
        disabled={last}
        onClick={() => onPage(page + 1)}
        aria-label={t('Berikutnya', 'Next')}
        data-testid="pager-next"
      >
        <span className="long">{t('Berikutnya', 'Next')}</span> ›
      </button>
      {!estimated && (
        <button
          type="button"
          className="btn"
          disabled={page >= pages}
          onClick={() => onPage(pages)}
          aria-label={t('Halaman terakhir', 'Last page')}
          title={t('Halaman terakhir', 'Last page')}
          data-testid="pager-last"
        >
          »
        </button>
      )}
    </nav>
  );
}

/** Loading, error and empty states around a list's items. */
export function ListBody<T>(props: {
  query: { isPending: boolean; error: unknown; data?: Page<T>; refetch: () => void };
  empty: string;
  render: (item: T) => ReactNode;
  page: number;
  onPage: (p: number) => void;
  testId?: string;
}) {
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.error) return <Problem error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data ?? { items: [], total: 0 };
  return (
    <>
      {data.items.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="cards" data-testid={props.testId}>
          {data.items.map(props.render)}
        </ul>
      )}
      {data.total > 0 && (
        <Pager page={props.page} total={data.total} estimated={data.totalEstimated} more={Boolean(data.nextCursor)} onPage={props.onPage} />
      )}
    </>
  );
}
