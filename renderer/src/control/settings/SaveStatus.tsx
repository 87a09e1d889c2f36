// What became of the last save, and the primary Save button that shows it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShow } from '../context';
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

interface CoreButtonProps {
  primary?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A button that needs the core: disabled while the connection to it is away. */
export function CoreButton({ primary = false, onClick, children }: CoreButtonProps) {
  const { status } = useShow();
  return (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      disabled={status.kind !== 'connected'}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The primary Save of a settings section, with its outcome beside it. */
export function SaveButton({ state, onSave }: { state: SaveState; onSave: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <CoreButton primary onClick={onSave}>
        {t('settings.save')}
      </CoreButton>
      <SaveStatus state={state} />
    </>
  );
}
