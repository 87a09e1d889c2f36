// The guest list for lower thirds: name, role or affiliation, handle.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guest } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';

let counter = 0;

export function GuestSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const stored = state?.guests;
  const [rows, setRows] = useState<Guest[]>([]);
  const [save, run, reset] = useSave();
  useEffect(() => {
    if (stored) setRows(stored);
  }, [stored]);
  const change = (index: number, patch: Partial<Guest>): void => {
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    reset();
  };
  const submit = (): void => {
    const guests = rows
      .filter((g) => g.name.trim() !== '')
      .map((g) => ({
        id: g.id,
        name: g.name.trim(),
        role: g.role.trim(),
        handle: g.handle?.trim() ? g.handle.trim() : null,
      }));
    void run(() => connection.request('guests:set', { guests }));
  };
  return (
    <section className="panel" aria-labelledby="guest-settings-heading">
      <h2 id="guest-settings-heading">{t('settings.guests')}</h2>
      <table className="editor">
        <thead>
          <tr>
            <th>{t('settings.guestName')}</th>
            <th>{t('settings.guestRole')}</th>
            <th>{t('settings.guestHandle')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td>
                <input
                  aria-label={t('settings.guestName')}
                  value={row.name}
                  maxLength={80}
                  onChange={(e) => change(i, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('settings.guestRole')}
                  value={row.role}
                  maxLength={120}
                  onChange={(e) => change(i, { role: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('settings.guestHandle')}
                  value={row.handle ?? ''}
                  maxLength={60}
                  onChange={(e) => change(i, { handle: e.target.value })}
                />
              </td>
              <td className="editor__actions">
                <button
                  type="button"
                  className="mini mini--reject"
                  onClick={() => setRows((r) => r.filter((_, k) => k !== i))}
                >
                  {t('settings.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-row">
        <button
          type="button"
          className="button"
          onClick={() =>
            setRows((r) => [
              ...r,
              { id: `guest-${Date.now()}-${(counter += 1)}`, name: '', role: '', handle: null },
            ])
          }
        >
          {t('settings.addGuest')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={status.kind !== 'connected'}
          onClick={submit}
        >
          {t('settings.save')}
        </button>
        <SaveStatus state={save} />
      </div>
    </section>
  );
}
