// Entry of the web app: the providers, then the shell. Kept small: this file and its static imports are
// what every phone downloads first (see the phone budget in vite.config.ts).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiError, setUnauthorizedHandler } from './api.ts';
import { I18nProvider } from './i18n.tsx';
import { goToSignIn, ME_KEY } from './session.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; a dropped mobile connection might (once).
      retry: (count, e) => !(e instanceof ApiError && ((e.status >= 400 && e.status < 500) || e.code === 'timeout')) && count < 1,
      // Offline, a query fails with a message and a retry instead of waiting ("Memuat…") for ever.
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});

// The session ended (expired, revoked): to the sign-in page, and back to this page afterwards.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(ME_KEY, null);
  goToSignIn(window.location.pathname + window.location.search);
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
