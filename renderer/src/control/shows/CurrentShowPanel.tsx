// The current show: its state and plan, "Go live", "End show" (confirmed), "New show" from the
// template or as a copy of the last one, and carrying over what the last show left open.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowInfo } from '../../../../src/shared/show';
import { refusalText, useWording } from '../../i18n/messages';
import { ConfirmDialog } from '../producer/ConfirmDialog';
import { useConnection } from '../context';
import { CarryOver } from './CarryOver';
import { ShowChoice } from './ShowChoice';

/** "2026-12-02T18:00" for a datetime-local input, in the browser's time zone. */
function localInput(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function CurrentShowPanel({ show }: { show: ShowInfo }) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [note, setNote] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [title, setTitle] = useState(show.title);
  const [start, setStart] = useState(localInput(show.plannedStart));
  const [tags, setTags] = useState(show.hashtags.join(' '));
  const [preShow, setPreShow] = useState(String(show.preShowMin));
  const planKey = `${show.id}|${show.title}|${show.plannedStart ?? ''}|${show.hashtags.join(' ')}|${show.preShowMin}`;
  const [shown, setShown] = useState(planKey);
  if (shown !== planKey) {
    // Another show became current, or its plan changed elsewhere: the fields follow.
    setShown(planKey);
    setTitle(show.title);
    setStart(localInput(show.plannedStart));
    setTags(show.hashtags.join(' '));
    setPreShow(String(show.preShowMin));
  }

  const run = async (request: () => Promise<{ ok: boolean } & object>, done?: string) => {
    const result = (await request()) as
      | { ok: true }
      | { ok: false; error: string; message: Parameters<typeof refusalText>[1]['message'] };
    setNote(result.ok ? (done ?? null) : refusalText(word, result));
  };
  const open = show.state !== 'ended';

  return (
    <section className="panel show-panel" aria-labelledby="show-heading" data-testid="current-show">
      <div className="panel__head">
        <h2 id="show-heading">{t('shows.heading')}</h2>
        <span className={`show-state show-state--${show.state}`} data-testid="show-state">
          {t(`shows.state.${show.state}`)}
        </span>
      </div>
      <form
        className="show-plan"
        onSubmit={(event) => {
          event.preventDefault();
          const hashtags = tags.split(/[\s,]+/).filter((tag) => tag !== '');
          void run(() =>
            connection.request('show:plan', {
              title,
              hashtags,
              plannedStart: start === '' ? null : new Date(start).toISOString(),
              preShowMin: Number(preShow),
            }),
          );
        }}
      >
        <label>
          {t('shows.title')}
          <input value={title} disabled={!open} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('shows.plannedStart')}
          <input
            type="datetime-local"
            value={start}
            disabled={!open}
            onChange={(e) => setStart(e.target.value)}
          />
        </label>
        <label>
          {t('shows.preShow')}
          <input
            type="number"
            min={0}
            max={1440}
            step={5}
            required
            value={preShow}
            disabled={!open}
            aria-describedby="pre-show-help"
            onChange={(e) => setPreShow(e.target.value)}
          />
          <span id="pre-show-help" className="muted show-plan__help">
            {t('shows.preShowHelp')}
          </span>
        </label>
        <label>
          {t('shows.hashtags')}
          <input value={tags} disabled={!open} onChange={(e) => setTags(e.target.value)} />
        </label>
        {open && (
          <button type="submit" className="button">
            {t('shows.save')}
          </button>
        )}
      </form>
      <div className="show-actions">
        {show.state === 'planned' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void run(() => connection.request('show:goLive', {}))}
          >
            {t('shows.goLive')}
          </button>
        )}
        {open && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmEnd(true)}
          >
            {t('shows.endShow')}
          </button>
        )}
        {!open && (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void run(() => connection.request('show:new', { from: 'last' }))}
            >
              {t('shows.newShow')}: {t('shows.duplicateLast')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void run(() => connection.request('show:new', { from: 'template' }))}
            >
              {t('shows.newShow')}: {t('shows.fromTemplate')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(() => connection.request('show:saveTemplate', {}), t('shows.templateSaved'))
          }
        >
          {t('shows.saveTemplate')}
        </button>
      </div>
      {note && (
        <p className="show-note" role="status">
          {note}
        </p>
      )}
      <ShowChoice show={show} />
      {open && <CarryOver showId={show.id} />}
      {confirmEnd && (
        <ConfirmDialog
          text={t('shows.confirmEnd')}
          action={t('shows.endShow')}
          onConfirm={() => {
            setConfirmEnd(false);
            void run(() => connection.request('show:end', { confirm: true }));
          }}
          onCancel={() => setConfirmEnd(false)}
        />
      )}
    </section>
  );
}
