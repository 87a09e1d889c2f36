// The Shows view: the current show with its lifecycle, the archive of past shows, one show
// read-only, and its after-show report.
import '../../styles/shows.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShow } from '../context';
import { ArchiveList } from '../shows/ArchiveList';
import { CurrentShowPanel } from '../shows/CurrentShowPanel';
import { PrivacyPanel } from '../shows/PrivacyPanel';
import { ReportView } from '../shows/ReportView';
import { ShowDetailView } from '../shows/ShowDetailView';

type Open = { id: number; page: 'detail' | 'report' } | null;

export function ShowsView() {
  const { t } = useTranslation();
  const { state, session } = useShow();
  const [open, setOpen] = useState<Open>(null);
  if (!state) return <p className="muted">{t('connection.connecting')}</p>;
  if (open?.page === 'report') {
    return <ReportView id={open.id} onBack={() => setOpen({ id: open.id, page: 'detail' })} />;
  }
  if (open?.page === 'detail') {
    return (
      <ShowDetailView
        id={open.id}
        onBack={() => setOpen(null)}
        onReport={() => setOpen({ id: open.id, page: 'report' })}
      />
    );
  }
  const { show } = state;
  return (
    <div className="shows">
      <div className="shows__column">
        {session?.role !== 'moderator' && <CurrentShowPanel show={show} />}
        {session?.role !== 'moderator' && <PrivacyPanel />}
      </div>
      <ArchiveList
        refreshKey={`${show.id}:${show.state}`}
        onOpen={(id) => setOpen({ id, page: 'detail' })}
      />
    </div>
  );
}
