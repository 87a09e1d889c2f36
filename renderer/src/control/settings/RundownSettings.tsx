// The rundown editor: segments with a scene, planned minutes and notes.
import type { Segment } from '../../../../src/shared/state';
import { ListSettings, type ListSpec } from './ListSettings';
import { CoreButton } from './SaveStatus';

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

const RUNDOWN: ListSpec<Segment, Row> = {
  id: 'rundown-settings',
  title: 'settings.rundown',
  addLabel: 'settings.addSegment',
  reorderable: true,
  stored: (state) => state.rundown.segments,
  toRow,
  newRow,
  fields: (t, state) => [
    { key: 'title', label: t('settings.segmentTitle'), kind: 'text', maxLength: 80 },
    {
      key: 'scene',
      label: t('settings.segmentScene'),
      kind: 'select',
      options: (row) => [
        { value: '', label: t('settings.noScene') },
        ...[...new Set([...(state?.obs.scenes ?? []), ...(row.scene ? [row.scene] : [])])].map(
          (s) => ({ value: s, label: s }),
        ),
      ],
    },
    { key: 'minutes', label: t('settings.segmentMinutes'), kind: 'decimal' },
    { key: 'notes', label: t('settings.segmentNotes'), kind: 'text' },
  ],
  save: (rows, connection) =>
    connection.request('rundown:set', {
      segments: rows
        .filter((r) => r.title.trim() !== '')
        .map((r) => ({
          id: r.id,
          title: r.title.trim(),
          scene: r.scene === '' ? null : r.scene,
          plannedSec: Math.max(1, Math.round(Number(r.minutes.replace(',', '.')) * 60) || 60),
          notes: r.notes,
        })),
    }),
  extra: (connection, run, t) => (
    <CoreButton onClick={() => run(() => connection.request('rundown:reset', {}))}>
      {t('settings.resetRundown')}
    </CoreButton>
  ),
};

export function RundownSettings() {
  return <ListSettings spec={RUNDOWN} />;
}
