// Past shows, newest first: date, title, comments and questions aired; paged from the core.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivedShow } from '../../../../src/shared/show';
import { useLoad } from './use-load';

const PAGE = 20;

export function showDate(
  show: Pick<ArchivedShow, 'liveAt' | 'plannedStart' | 'endedAt'>,
  language: string,
): string {
  const at = show.liveAt ?? show.plannedStart ?? show.endedAt;
  return at === null
    ? '—'
    : new Date(at).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ArchiveList({
  refreshKey,
  onOpen,
}: {
  refreshKey: string;
  onOpen: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const archive = useLoad('shows:list', { limit }, `${refreshKey}:${limit}`);
  const shows = archive.data?.shows ?? [];
  return (
    <section className="panel archive" aria-labelledby="archive-heading" data-testid="archive">
      <div className="panel__head">
        <h2 id="archive-heading">{t('shows.archive')}</h2>
      </div>
      {archive.error && <p role="alert">{archive.error}</p>}
      {archive.data && shows.length === 0 && <p className="muted">{t('shows.archiveEmpty')}</p>}
      {shows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('shows.date')}</th>
              <th>{t('shows.title')}</th>
              <th className="num">{t('shows.comments')}</th>
              <th className="num">{t('shows.aired')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shows.map((show) => (
              <tr key={show.id} data-testid={`archive-row-${show.id}`}>
                <td>{showDate(show, i18n.language)}</td>
                <td>{show.title}</td>
                <td className="num" data-testid="archive-comments">
                  {show.comments}
                </td>
                <td className="num" data-testid="archive-aired">
                  {show.aired}
                </td>
                <td>
                  <button type="button" className="button" onClick={() => onOpen(show.id)}>
                    {t('shows.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {archive.data && archive.data.total > shows.length && (
        <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
          {t('shows.more')}
        </button>
      )}
    </section>
  );
}
