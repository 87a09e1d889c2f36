// The rundown editor: segments with a scene, planned minutes and notes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';

interface Row {
  id: string;
  title: string;
  scene: string;
  minutes: string;
  notes: string;
}

const toRow = (s: Segment): Row => ({
  id: s.id,
  title: s.title,
  scene: s.scene ?? '',
  minutes: String(Math.round((s.plannedSec / 60) * 10) / 10),
  notes: s.notes,
});

let counter = 0;
const newRow = (): Row => ({
  id: `new-${Date.now()}-${(counter += 1)}`,
  title: '',
  scene: '',
  minutes: '5',
  notes: '',
});

export function RundownSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const stored = state?.rundown.segments;
  const scenes = state?.obs.scenes ?? [];
  const [rows, setRows] = useState<Row[]>([]);
  const [save, run, reset] = useSave();
  useEffect(() => {
    if (stored) setRows(stored.map(toRow));
  }, [stored]);

  const change = (index: number, patch: Partial<Row>): void => {
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    reset();
  };
  const submit = (): void => {
    const segments = rows
      .filter((r) => r.title.trim() !== '')
      .map((r) => ({
        id: r.id,
        title: r.title.trim(),
        scene: r.scene === '' ? null : r.scene,
        plannedSec: Math.max(1, Math.round(Number(r.minutes.replace(',', '.')) * 60) || 60),
        notes: r.notes,
      }));
    void run(() => connection.request('rundown:set', { segments }));
  };

  return (
    <section className="panel" aria-labelledby="rundown-settings-heading">
      <h2 id="rundown-settings-heading">{t('settings.rundown')}</h2>
      <table className="editor">
        <thead>
          <tr>
            <th>{t('settings.segmentTitle')}</th>
            <th>{t('settings.segmentScene')}</th>
            <th>{t('settings.segmentMinutes')}</th>
            <th>{t('settings.segmentNotes')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td>
                <input
                  aria-label={t('settings.segmentTitle')}
                  value={row.title}
                  maxLength={80}
                  onChange={(e) => change(i, { title: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t('settings.segmentScene')}
                  value={row.scene}
                  onChange={(e) => change(i, { scene: e.target.value })}
                >
                  <option value="">{t('settings.noScene')}</option>
                  {[...new Set([...scenes, ...(row.scene ? [row.scene] : [])])].map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={t('settings.segmentMinutes')}
                  className="editor__number"
                  inputMode="decimal"
                  value={row.minutes}
                  onChange={(e) => change(i, { minutes: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('settings.segmentNotes')}
                  value={row.notes}
                  onChange={(e) => change(i, { notes: e.target.value })}
                />
              </td>
              <td className="editor__actions">
                <button
                  type="button"
                  className="mini"
                  disabled={i === 0}
                  onClick={() =>
                    setRows((r) => {
                      const next = [...r];
                      const [item] = next.splice(i, 1);
                      if (item) next.splice(i - 1, 0, item);
                      return next;
                    })
                  }
                >
                  {t('settings.moveUp')}
                </button>
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
        <button type="button" className="button" onClick={() => setRows((r) => [...r, newRow()])}>
          {t('settings.addSegment')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={status.kind !== 'connected'}
          onClick={submit}
        >
          {t('settings.save')}
        </button>
        <button
          type="button"
          className="button"
          disabled={status.kind !== 'connected'}
          onClick={() => void run(() => connection.request('rundown:reset', {}))}
        >
          {t('settings.resetRundown')}
        </button>
        <SaveStatus state={save} />
      </div>
    </section>
  );
}
