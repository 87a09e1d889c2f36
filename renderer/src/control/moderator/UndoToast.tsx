// What just happened, at the bottom of the screen: a refusal, a note from the core, or the
// moderator's own approve / reject / on-air with an Undo button big enough for a finger.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export interface Toast {
  text: string;
  kind: 'error' | 'note' | 'done';
  /** The moderator's own action, which Undo takes back. */
  undoable: boolean;
  at: number;
}

export function UndoToast({
  toast,
  onClose,
  onUndo,
}: {
  toast: Toast | null;
  onClose: () => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onClose, toast.kind === 'note' ? 3500 : 6000);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  return (
    <div
      className={`toast${toast ? ` toast--${toast.kind}` : ''}`}
      role="status"
      aria-live="polite"
      data-testid="toast"
    >
      <span className="toast__text">{toast?.text}</span>
      {toast?.undoable && (
        <button
          type="button"
          className="button toast__undo"
          data-testid="toast-undo"
          onClick={() => {
            onUndo();
            onClose();
          }}
        >
          {t('moderator.undo')}
        </button>
      )}
    </div>
  );
}
