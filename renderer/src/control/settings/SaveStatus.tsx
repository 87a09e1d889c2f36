import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-save';

export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return (
    <span className="form-row__status" role="status">
      {state.kind === 'saved' && (state.note ?? t('settings.saved'))}
      {state.kind === 'failed' && t('settings.saveFailed', { error: state.error })}
    </span>
  );
}
