// Kotak masuk / Inbox: the signed-in person's notices, newest first — what happened, when (in their own
// zone), a link to the record, "Tandai dibaca" — with a filter for the unread ones and, after asking, one
// tap to mark them all read. Cards, so it reads on a 360-px phone.
import { useQuery } from '@tanstack/react-query';
import { label } from '../../../vocabulary.ts';
import { api, listPath } from '../../api.ts';
import { confirm } from '../../components/confirm.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { Badge, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { INBOX_KEY, type InboxPage as Inbox, useMarkRead } from './inbox.ts';

export function InboxPage() {
  const { t, tx, lang } = useI18n();
  const me = useUser();
  const lp = useListParams();
  const unreadOnly = lp.get('show') === 'unread';
  const params = { unread: unreadOnly ? 'true' : undefined, limit: lp.limit, offset: lp.offset };
  const q = useQuery({
    queryKey: [...INBOX_KEY, 'page', params],
    queryFn: () => api.get<Inbox>(listPath('notifications', params)),
  });
  const mark = useMarkRead();
  const unread = q.data?.unread ?? 0;
  const where = me.regionCode || '31';

  const markAll = async () => {
    const yes = await confirm({
      title: t('Tandai semua dibaca?', 'Mark all as read?'),
      body: t(
        '{n} pemberitahuan yang belum dibaca akan ditandai sudah dibaca. Pemberitahuannya tetap ada di kotak masuk.',
        '{n} unread notifications will be marked as read. They stay in the inbox.',
        { n: new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(unread) },
      ),
      confirmLabel: t('Tandai semua dibaca', 'Mark all as read'),
    });
    if (yes) mark.mutate(null);
  };

  return (
    <section className="page narrow">
      <PageHeader
        title={t('Kotak masuk', 'Inbox')}
        subtitle={
          q.data ? (unread > 0 ? t('{n} belum dibaca', '{n} unread', { n: unread }) : t('Semua sudah dibaca', 'All read')) : undefined
        }
        testId="inbox-title"
      >
        {unread > 0 && (
          <button type="button" className="btn" onClick={markAll} disabled={mark.isPending} data-testid="inbox-read-all">
            {t('Tandai semua dibaca', 'Mark all as read')}
          </button>
        )}
      </PageHeader>
      <fieldset className="segmented">
        <legend className="sr-only">{t('Tampilkan', 'Show')}</legend>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={!unreadOnly}
          onClick={() => lp.setFilter({ show: null })}
          data-testid="inbox-show-all"
        >
          {t('Semua', 'All')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={unreadOnly}
          onClick={() => lp.setFilter({ show: 'unread' })}
          data-testid="inbox-show-unread"
        >
          {t('Belum dibaca', 'Unread')}
        </button>
      </fieldset>
      {mark.error && <Problem error={mark.error} />}
      <ListBody
        query={q}
        empty={
          unreadOnly
            ? t('Tidak ada pemberitahuan yang belum dibaca.', 'No unread notifications.')
            : t('Belum ada pemberitahuan.', 'No notifications yet.')
        }
        page={lp.page}
        onPage={lp.setPage}
        testId="inbox"
        render={(n) => (
          <li
            key={n.id}
            className={n.readAt ? 'card notice' : 'card notice unread'}
            data-testid="notice"
            data-read={n.readAt ? 'yes' : 'no'}
          >
            <div className="item-meta">
              {!n.readAt && <span className="dot" aria-hidden="true" />}
              <Badge tone={n.readAt ? 'neutral' : 'warn'}>{tx(label('notificationKind', n.kind))}</Badge>
              <span className="muted small">{formatDateTime(n.createdAt, where, lang)}</span>
            </div>
            <h3 className="notice-title">
              {!n.readAt && <span className="sr-only">{t('Belum dibaca: ', 'Unread: ')}</span>}
              {tx(n.title)}
            </h3>
            {(n.body.id || n.body.en) && <p className="notice-body">{tx(n.body)}</p>}
            <div className="actions">
              {n.link && (
                <Link
                  href={n.link}
                  className="btn btn-small btn-primary"
                  // Opening the record it is about marks the notice read.
                  onClick={() => {
                    if (!n.readAt) mark.mutate(n.id);
                  }}
                  data-testid="notice-open"
                >
                  {t('Buka', 'Open')}
                </Link>
              )}
              {!n.readAt && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => mark.mutate(n.id)}
                  disabled={mark.isPending}
                  data-testid="notice-read"
                >
                  {t('Tandai dibaca', 'Mark as read')}
                </button>
              )}
            </div>
          </li>
        )}
      />
    </section>
  );
}
