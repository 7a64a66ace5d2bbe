// The mentoring home: a Dinas sees its region's programmes (and creates new ones), a mentor the programmes
// it runs, a UMKM those it is invited to or takes part in. Paginated with the total.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import type { Item } from '../../api-types.ts';
import { ListBody, useListParams } from '../../components/list.tsx';
import { ButtonLink, PageHeader } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useMe } from '../../session.ts';
import { ProgramCard } from './Invitations.tsx';

type Program = Item<'/api/mentoring/programs'>;

export function ProgramListPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const list = useListParams();
  const q = useQuery({
    queryKey: ['mentoring', 'list', list.page],
    queryFn: () => api.get<{ items: Program[]; total: number }>(`/api/mentoring/programs${qs({ limit: list.limit, offset: list.offset })}`),
  });
  const manages = me?.role === 'pemda' || me?.role === 'admin';
  const subtitle =
    me?.role === 'mentor'
      ? t('Program yang Anda dampingi.', 'The programmes you mentor.')
      : me?.role === 'umkm'
        ? t('Undangan dan program yang Anda ikuti.', 'Your invitations and the programmes you take part in.')
        : t(
            'Program di wilayah Anda: peserta diusulkan dari kekurangan hasil kurasi.',
            'Programmes in your region: participants are suggested from curation gaps.',
          );
  return (
    <section className="page">
      <PageHeader title={t('Program pendampingan', 'Mentoring programmes')} subtitle={subtitle} testId="mentoring-title">
        {manages && (
          <ButtonLink href="/mentoring/new" primary testId="program-new">
            {t('Buat program', 'New programme')}
          </ButtonLink>
        )}
      </PageHeader>
      <ListBody
        query={q}
        page={list.page}
        onPage={list.setPage}
        testId="program-list"
        empty={
          me?.role === 'umkm'
            ? t('Belum ada undangan pendampingan.', 'No mentoring invitations yet.')
            : t('Belum ada program pendampingan.', 'No mentoring programmes yet.')
        }
        render={(p) => <ProgramCard key={p.id} p={p} />}
      />
    </section>
  );
}

export default ProgramListPage;
