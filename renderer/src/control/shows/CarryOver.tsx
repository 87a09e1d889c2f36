// Approved questions the last show did not air, offered to the current show: only what the
// producer picks joins this show's queue.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText, useWording } from '../../i18n/messages';
import { useConnection } from '../context';
import { useLoad } from './use-load';

function Candidates({ lastId, showId }: { lastId: number; showId: number }) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const open = useLoad(
    'shows:get',
    { id: lastId, status: 'approved', limit: 200 },
    `${lastId}:${showId}`,
  );
  const items = open.data?.questions.items ?? [];
  if (items.length === 0) return <p className="muted">{t('shows.nothingToCarry')}</p>;
  return (
    <>
      <ul className="carry-list">
        {items.map((q) => (
          <li key={q.id}>
            <label>
              <input
                type="checkbox"
                checked={picked.includes(q.id)}
                onChange={(e) =>
                  setPicked((p) =>
                    e.target.checked ? [...p, q.id] : p.filter((id) => id !== q.id),
                  )
                }
              />
              <span className="carry-list__text">{q.text}</span>
              <span className="muted"> — {q.author}</span>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        disabled={picked.length === 0}
        onClick={() => {
          void connection.request('show:carryOver', { ids: picked }).then((result) => {
            setNote(
              result.ok
                ? t('shows.carried', { count: result.carried.length })
                : refusalText(word, result),
            );
            setPicked([]);
            open.reload();
          });
        }}
      >
        {t('shows.carry')}
      </button>
      {note && <p role="status">{note}</p>}
    </>
  );
}

export function CarryOver({ showId }: { showId: number }) {
  const { t } = useTranslation();
  const last = useLoad('shows:list', { limit: 1 }, String(showId));
  const lastId = last.data?.shows[0]?.id;
  return (
    <div className="carry" data-testid="carry-over">
      <h3>{t('shows.carryHeading')}</h3>
      <p className="muted">{t('shows.carryHelp')}</p>
      {lastId === undefined ? (
        <p className="muted">{t('shows.nothingToCarry')}</p>
      ) : (
        <Candidates lastId={lastId} showId={showId} />
      )}
    </div>
  );
}
