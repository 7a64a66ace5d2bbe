// The one way the web app talks to the server: JSON over fetch with the session cookie, and errors turned
// into ApiError carrying the server's bilingual message and the body paths of the fields it concerns
// (`fields`: every validation problem of the request at once).
import type { Bilingual, Me, Page, StoredFile } from './types.ts';

/** One problem at one field of the body sent (`permits.0.issuedOn`), as the server lists them. */
export interface FieldError {
  field: string;
  message: Bilingual;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly field?: string,
    /** Every field the server found a problem with (all at once); the first is `field`/`bilingual`. */
    readonly fields: FieldError[] = field ? [{ field, message: bilingual }] : [],
  ) {
    super(bilingual.en);
  }
}

const NETWORK: Bilingual = {
  id: 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.',
  en: 'Cannot reach the server. Check the connection and try again.',
};
const OFFLINE: Bilingual = {
  id: 'Perangkat sedang tidak tersambung ke internet. Coba lagi setelah tersambung.',
  en: 'This device is offline. Try again once it is connected.',
};

/** How long a request may take before the person is told and offered a retry (a phone on a weak
 *  signal can hang on a request for minutes otherwise). Long work runs as jobs and answers at once. */
export const REQUEST_TIMEOUT_MS = 15_000;
const timedOut = (s: number): Bilingual => ({
  id: `Server tidak menjawab dalam ${s} detik. Periksa koneksi lalu coba lagi; perubahan yang belum dijawab mungkin belum tersimpan.`,
  en: `The server did not answer within ${s} seconds. Check the connection and try again; an unanswered change may not have been saved.`,
});

/** Set by the app: a 401 on any call other than sign-in means the session ended. */
let onUnauthorized: () => void = () => {};
export const setUnauthorizedHandler = (f: () => void) => {
  onUnauthorized = f;
};

async function request<T>(method: string, path: string, body?: unknown, attempt = 0): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError(0, 'offline', OFFLINE);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  init.signal = abort.signal;
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, init);
    text = await res.text();
  } catch {
    throw abort.signal.aborted ? new ApiError(0, 'timeout', timedOut(REQUEST_TIMEOUT_MS / 1000)) : new ApiError(0, 'network', NETWORK);
  } finally {
    clearTimeout(timer);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // The server sheds load with 503 + Retry-After when its queue is full: a read is asked again once, after
  // the wait it names (bounded), before anybody is shown an error.
  if (res.status === 503 && method === 'GET' && attempt === 0) {
    const wait = Math.min(3, Math.max(0.2, Number(res.headers.get('retry-after')) || 1));
    await new Promise((r) => setTimeout(r, wait * 1000));
    return request<T>(method, path, body, 1);
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: Bilingual; field?: string; fields?: FieldError[] } } | null)?.error;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/me') onUnauthorized();
    const message = e?.message ?? { id: `Permintaan gagal (${res.status}).`, en: `Request failed (${res.status}).` };
    const fields = Array.isArray(e?.fields)
      ? e.fields.filter((f): f is FieldError => typeof f?.field === 'string' && typeof f?.message?.id === 'string')
      : undefined;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, message, e?.field, fields?.length ? fields : undefined);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};

/** Query string from a record, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const listPath = (resource: string, params: Record<string, string | number | boolean | undefined | null>) =>
  `/api/${resource}${qs(params)}`;

export const fetchPage = <T>(resource: string, params: Record<string, string | number | boolean | undefined | null>) =>
  api.get<Page<T>>(listPath(resource, params));

/** `/api/me`, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Uploads a file; a `photo` must be an image (the server says so without mentioning PDF), a
 *  `document` (a permit scan) may also be a PDF. */
export function uploadFile(file: File, purpose: 'photo' | 'document' = 'document'): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file);
  return request<StoredFile>('POST', `/api/files?purpose=${purpose}`, form);
}

export const fileUrl = (sha256: string) => `/api/files/${sha256}`;
