// Who is signed in, and what their role lets the interface offer. The server enforces every rule; these
// only hide buttons that would be refused anyway.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchMe } from './api.ts';
import type { Me, Role } from './types.ts';

export const ME_KEY = ['me'] as const;

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });

/** The signed-in user; only used below the sign-in gate, where it is always present. */
export function useUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useUser outside the signed-in app');
  return data;
}

/** The sign-in page is the server's (src/platform/page/login.tsx), outside this app: a full navigation,
 *  with the page to come back to once signed in (login.js accepts only a path of this site). */
export function goToSignIn(next?: string) {
  if (window.location.pathname === '/login') return; // already there (a dev server without the backend's page)
  window.location.replace(next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login');
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      goToSignIn();
    },
  });
}

const is = (role: Role, ...roles: Role[]) => roles.includes(role);

export const can = {
  writeProducts: (me: Me) => is(me.role, 'admin', 'pemda', 'umkm'),
  createUmkm: (me: Me) => is(me.role, 'admin', 'pemda'),
  editUmkm: (me: Me, umkmId: string) => is(me.role, 'admin', 'pemda') || (me.role === 'umkm' && me.organizationId === umkmId),
  archiveUmkm: (me: Me) => is(me.role, 'admin', 'pemda'),
  readOutlets: (me: Me) => is(me.role, 'admin', 'pemda', 'retailer', 'umkm'),
  writeOutlets: (me: Me) => is(me.role, 'admin', 'retailer'),
  listUmkm: (me: Me) => is(me.role, 'admin', 'pemda', 'retailer', 'mentor'),
  filterByRegion: (me: Me) => is(me.role, 'admin', 'pemda', 'retailer'),
  pickUmkm: (me: Me) => me.role !== 'umkm',
  organizations: (me: Me) => me.role === 'admin',
};
