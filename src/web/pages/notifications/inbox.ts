// The inbox's shared pieces, bundled with the shell: the unread count the menu shows on every page, and the
// calls that mark notices read (the page itself is lazy-loaded).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { Answer } from '../../api-types.ts';

export type InboxPage = Answer<'/api/notifications'>;
export type Notice = InboxPage['items'][number];

export const INBOX_KEY = ['notifications'] as const;

/** Unread notices of the signed-in person: asked once a minute while the app is in front (not in a
 *  background tab), and again whenever a notice is marked read. */
export function useUnreadCount(enabled: boolean): number | undefined {
  const q = useQuery({
    queryKey: [...INBOX_KEY, 'unread-count'],
    queryFn: () => api.get<InboxPage>('/api/notifications?unread=true&limit=1'),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  return q.data?.unread;
}

/** Marks one notice read (or every one, without an id); every inbox view and the menu's count refresh. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) =>
      id
        ? api.post<Answer<'/api/notifications/{id}/read', 'post'>>(`/api/notifications/${id}/read`)
        : api.post('/api/notifications/read-all'),
    onSettled: () => qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
