// A confirmation for what cannot be undone on air (stopping the stream or the recording). Cancel
// has the focus, so Space, Enter and Escape all cancel; only a deliberate Tab and press, or a
// click, confirms. Focus is trapped inside while open and goes back to the page, never to a
// stop button, when it closes.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmDialog({
  text,
  action,
  onConfirm,
  onCancel,
}: {
  text: string;
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  // Before the browser paints, so not even a fast key press reaches the button behind. Runs
  // once: the view re-renders every second, and focus must stay where it is meanwhile.
  useLayoutEffect(() => {
    cancelRef.current?.focus();
    return () => (document.activeElement as HTMLElement | null)?.blur();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const buttons = [...(dialogRef.current?.querySelectorAll('button') ?? [])];
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = (index + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={action}
      >
        <p>{text}</p>
        <div className="dialog__actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            {t('producer.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button button--danger" onClick={onConfirm}>
            {action}
          </button>
        </div>
      </div>
    </div>
  );
}
