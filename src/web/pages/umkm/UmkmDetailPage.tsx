// One UMKM: who and where (with its village, zone and a map), capacity, its products; edit for who may.
// A chain without a reason to see the owner's personal data reads "tidak ditampilkan" in those rows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { MapToggle } from '../../components/MapToggle.tsx';
import { RegionName } from '../../components/RegionPicker.tsx';
import { BackLink, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Umkm } from '../../types.ts';

export const umkmKey = (id: string) => ['umkm', 'one', id] as const;

export default function UmkmDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const me = useUser();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { query: search } = useLocation();
  const q = useQuery({ queryKey: umkmKey(id), queryFn: () => api.get<Umkm>(`/api/umkm/${id}`) });
  const archive = useMutation({
    mutationFn: () => api.post<Umkm>(`/api/umkm/${id}/archive`),
    onSuccess: (u) => {
      qc.setQueryData(umkmKey(id), u);
      qc.invalidateQueries({ queryKey: ['umkm'] });
    },
  });

  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const u = q.data;
  const own = me.role === 'umkm';
  const zone = zoneOf(u.provinceCode);
  const nf = new Intl.NumberFormat(locale);
  const withheld = (
    <span key="withheld" className="muted">
      {t('tidak ditampilkan', 'not shown')}
    </span>
  );

  return (
    <section className="page">
      {!own && <BackLink href="/umkm" label={t('UMKM', 'UMKM')} />}
      {search.get('saved') && (
        <p className="alert alert-ok" role="status">
          {t('Tersimpan.', 'Saved.')}
        </p>
      )}
      <PageHeader
        title={u.name}
        subtitle={u.archived ? t('Diarsipkan', 'Archived') : (u.ownerName ?? undefined)}
        testId="umkm-detail-title"
      >
        {can.editUmkm(me, u.id) && !u.archived && (
          <ButtonLink href={`/umkm/${u.id}/edit`} primary>
            {t('Ubah', 'Edit')}
          </ButtonLink>
        )}
        {can.archiveUmkm(me) && !u.archived && (
          <button
            type="button"
            className="btn btn-danger"
            disabled={archive.isPending}
            onClick={() => window.confirm(t('Arsipkan UMKM ini?', 'Archive this UMKM?')) && archive.mutate()}
          >
            {t('Arsipkan', 'Archive')}
          </button>
        )}
      </PageHeader>
      {archive.error && <Problem error={archive.error} />}
      {!u.personalData && (
        <p className="alert" role="note" data-testid="umkm-withheld">
          {t(
            'Data pribadi pemilik (nama, telepon, NIB, alamat, titik lokasi) tidak ditampilkan: usaha ini belum ikut kurasi atau PKS dengan jaringan Anda (UU 27/2022 Pelindungan Data Pribadi).',
            "The owner's personal data (name, phone, NIB, address, location) is not shown: this business has not yet joined a curation or PKS with your chain (Law 27/2022 on Personal Data Protection).",
          )}
        </p>
      )}
      <Facts
        rows={[
          [
            t('NIB', 'NIB'),
            !u.personalData ? (
              withheld
            ) : u.nib ? (
              <span key="nib" className="mono">
                {u.nib}
              </span>
            ) : (
              t('Belum ada NIB', 'No NIB yet')
            ),
          ],
          [t('Nama pemilik', 'Owner'), u.ownerName ?? withheld],
          [
            t('Telepon / WhatsApp', 'Phone / WhatsApp'),
            !u.personalData ? (
              withheld
            ) : u.phone ? (
              <a key="tel" href={`tel:${u.phone}`}>
                {u.phone}
              </a>
            ) : (
              '—'
            ),
          ],
          [t('Alamat', 'Address'), u.address ?? withheld],
          [t('Desa/Kelurahan', 'Village (desa/kelurahan)'), u.villageCode ? <RegionName key="v" code={u.villageCode} /> : withheld],
          [t('Kecamatan', 'District (kecamatan)'), <RegionName key="d" code={u.districtCode} />],
          [t('Zona waktu', 'Time zone'), `${zone.label} (${zone.tz})`],
          [t('Lokasi (titik koordinat)', 'Location (coordinates)'), u.lat !== null && u.lon !== null ? `${u.lat}, ${u.lon}` : withheld],
          [t('Kapasitas produksi per minggu (kemasan)', 'Weekly production capacity (packs)'), nf.format(u.weeklyCapacity)],
        ]}
      />
      {u.lat !== null && u.lon !== null && <MapToggle points={[{ id: u.id, lat: u.lat, lon: u.lon, label: u.name, kind: 'umkm' }]} />}
      <h2>{t('Produk', 'Products')}</h2>
      <p>
        {t('{n} produk', '{n} products', { n: nf.format(u.productCount) })}
        {' · '}
        <Link href={own ? '/products' : `/products?umkm=${u.id}`} data-testid="umkm-products-link">
          {t('Lihat produk', 'See products')}
        </Link>
      </p>
      {can.writeProducts(me) && !u.archived && (
        <ButtonLink href={own ? '/products/new' : `/products/new?umkm=${u.id}`}>{t('Tambah produk', 'Add product')}</ButtonLink>
      )}
    </section>
  );
}
