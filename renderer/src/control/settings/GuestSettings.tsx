// The guest list for lower thirds: name, role or affiliation, handle.
import type { Guest } from '../../../../src/shared/state';
import { ListSettings, type ListSpec } from './ListSettings';

let counter = 0;
type Row = Guest & { handle: string };

const GUESTS: ListSpec<Guest, Row> = {
  id: 'guest-settings',
  title: 'settings.guests',
  addLabel: 'settings.addGuest',
  reorderable: false,
  stored: (state) => state.guests,
  toRow: (g) => ({ ...g, handle: g.handle ?? '' }),
  newRow: () => ({ id: `guest-${Date.now()}-${(counter += 1)}`, name: '', role: '', handle: '' }),
  fields: (t) => [
    { key: 'name', label: t('settings.guestName'), kind: 'text', maxLength: 80 },
    { key: 'role', label: t('settings.guestRole'), kind: 'text', maxLength: 120 },
    { key: 'handle', label: t('settings.guestHandle'), kind: 'text', maxLength: 60 },
  ],
  save: (rows, connection) =>
    connection.request('guests:set', {
      // Rows without a name are left out; an empty handle is no handle.
      guests: rows.flatMap((g) =>
        g.name.trim() === ''
          ? []
          : [
              {
                id: g.id,
                name: g.name.trim(),
                role: g.role.trim(),
                handle: g.handle.trim() || null,
              },
            ],
      ),
    }),
};

export function GuestSettings() {
  return <ListSettings spec={GUESTS} />;
}
