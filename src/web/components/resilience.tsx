// Staying usable on a phone network: a lazily loaded page (or map) whose code fails to download shows a
// message and a retry instead of blanking the app, and a banner says when the device is offline.
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode, useEffect, useState } from 'react';
import { useI18n } from '../i18n.tsx';

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;

/** Every retryable lazy component: after a failed download, a retry makes each load again. */
const retryables = new Set<() => void>();

/** Like React's lazy(), but a failed download is not remembered: after `retryLazy()` the next render
 *  downloads the code again (React caches a rejected lazy() for ever). */
export function lazyRetry<P extends object>(load: Loader<P>): (props: P) => ReactNode {
  let attempt = 0;
  const make = () =>
    lazy(() =>
      load().catch((e: unknown) => {
        attempt++;
        throw e;
      }),
    );
  let Inner = make();
  let failedAt = -1;
  retryables.add(() => {
    if (attempt !== failedAt) {
      failedAt = attempt;
      Inner = make();
    }
  });
  return function Retryable(props: P) {
    return <Inner {...props} />;
  };
}

/** Picks one named export of a module as a lazy, retryable page. */
export const lazyNamed = <P extends object, K extends string>(load: () => Promise<Record<K, (props: P) => ReactNode>>, key: K) =>
  lazyRetry<P>(async () => ({ default: (await load())[key] as ComponentType<P> }));

export function retryLazy() {
  for (const r of retryables) r();
}

function ChunkProblem({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert" data-testid="chunk-error">
      <p>
        {t(
          'Halaman ini belum dapat dimuat; koneksi mungkin terputus. Data Anda aman.',
          'This page could not be loaded; the connection may have dropped. Your data is safe.',
        )}
      </p>
      <button type="button" className="btn" onClick={onRetry} data-testid="chunk-retry">
        {t('Coba lagi', 'Try again')}
      </button>
    </div>
  );
}

/** Catches a render error below it (a failed code download, or a bug) and offers to try again; `resetKey`
 *  (the path) clears it when the person navigates elsewhere. */
export class PageBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.warn('page failed to render', error, info.componentStack);
  }
  retry = () => {
    retryLazy();
    this.setState({ failed: false });
  };
  override render() {
    return this.state.failed ? <ChunkProblem onRetry={this.retry} /> : this.props.children;
  }
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline" role="status" data-testid="offline-banner">
      {t(
        'Anda sedang luring (tidak tersambung). Data yang tampil mungkin bukan yang terbaru; simpan setelah tersambung kembali.',
        'You are offline. What you see may not be the latest; save once you are connected again.',
      )}
    </div>
  );
}
