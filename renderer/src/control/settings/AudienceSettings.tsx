// The audience page: whether it takes questions, and its link with a QR code to share.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useShow } from '../context';
import { audienceUrl } from '../producer/checklist';
import { AudienceLink } from './AudienceLink';
import { useDraftPart } from './section-draft';

export function AudienceSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state } = useShow();
  const stored = state?.config.audience.enabled ?? false;
  const [open, setOpen] = useState(stored);
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setOpen(stored);
  }, [stored, edited]);
  useDraftPart('audience', {
    dirty: edited && open !== stored,
    ready: true,
    save: async () => {
      const result = await connection.request('sources:configureAudience', { enabled: open });
      if (result.ok) setEdited(false);
      return result;
    },
  });
  return (
    <div className="panel">
      <h2>{t('settings.audienceTitle')}</h2>
      <label className="inline">
        <input
          type="checkbox"
          checked={open}
          onChange={(e) => {
            setOpen(e.target.checked);
            setEdited(true);
          }}
        />{' '}
        {t('settings.audienceOpen')}
      </label>
      {/* Phones open the public address when there is one, not the one this screen happens to use. */}
      {state && <AudienceLink url={audienceUrl(state)} />}
    </div>
  );
}
