// A banner on every view while the core cannot save (disk full, database held by another
// program): what is wrong, what it means for the show, and that it clears by itself.
import { useTranslation } from 'react-i18next';
import type { StorageStatus } from '../../../src/shared/state';
import { useWording } from '../i18n/messages';

export function StorageBanner({ storage }: { storage: StorageStatus | undefined }) {
  const { t } = useTranslation();
  const word = useWording();
  if (!storage?.fault) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="storage-banner">
      <strong>{word(storage.fault)}</strong> {t('storage.meanwhile')}
    </div>
  );
}
