// Starting the stream while the show is still planned asks: is this the show (go live, then
// stream) or a rehearsal (stream only; the show stays planned)? Cancel has the focus.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function StreamStartDialog({
  onShow,
  onRehearsal,
  onCancel,
}: {
  onShow: () => void;
  onRehearsal: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={t('shows.rehearsalTitle')}
      >
        <p>{t('shows.rehearsalText')}</p>
        <div className="dialog__actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            {t('producer.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button" onClick={onRehearsal}>
            {t('shows.rehearsal')}
          </button>
          <button type="button" className="button button--primary" onClick={onShow}>
            {t('shows.startShow')}
          </button>
        </div>
      </div>
    </div>
  );
}
