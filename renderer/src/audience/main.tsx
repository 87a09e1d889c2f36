// The public /audience page where viewers ask the panel (mobile-first): an optional name, a
// question up to the limit, clear answers when something is refused, and the approved questions
// with upvotes. No token: everything it may do, the core checks and limits.
import { StrictMode, useEffect, useMemo, useState, type SubmitEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { io, type Socket } from 'socket.io-client';
import type {
  AudienceAck,
  AudienceClientToServerEvents,
  AudienceServerToClientEvents,
  AudienceState,
} from '../../../src/shared/protocol';
import { initI18n } from '../i18n/i18n';
import { useWording } from '../i18n/messages';
import '../styles/audience.css';

initI18n();

type AudienceSocket = Socket<AudienceServerToClientEvents, AudienceClientToServerEvents>;

const DEVICE_KEY = 'panelcast.device';

/** The identity the core issued to this phone, kept in its storage; empty before the first. */
function savedDevice(): string {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? '';
  } catch {
    return '';
  }
}

function saveDevice(token: string): void {
  try {
    localStorage.setItem(DEVICE_KEY, token);
  } catch {
    // Private mode: this tab keeps it for its reconnects.
  }
}

type Sending =
  { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'refused'; error: string };

function AudiencePage() {
  const { t, i18n } = useTranslation();
  const word = useWording();
  const socket = useMemo<AudienceSocket>(
    () => io('/audience', { auth: { device: savedDevice() }, autoConnect: false }),
    [],
  );
  const [state, setState] = useState<AudienceState | null>(null);
  const [voted, setVoted] = useState<string[]>([]);
  const [connected, setConnected] = useState<boolean | null>(null);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });

  useEffect(() => {
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', () => setConnected(false));
    socket.on('audience:state', setState);
    socket.on('audience:voted', setVoted);
    socket.on('audience:device', (token) => {
      saveDevice(token);
      socket.auth = { device: token };
    });
    socket.on('audience:votes', (votes) =>
      setState((current) =>
        current
          ? {
              ...current,
              questions: current.questions.map((q) =>
                votes[q.id] === undefined ? q : { ...q, votes: votes[q.id] ?? q.votes },
              ),
            }
          : current,
      ),
    );
    socket.connect();
    return () => {
      socket.off();
      socket.close();
    };
  }, [socket]);

  useEffect(() => {
    if (state?.showTitle) document.title = `${t('audience.heading')} · ${state.showTitle}`;
  }, [state?.showTitle, t]);

  const refusal = (result: Extract<AudienceAck, { ok: false }>): string => word(result.message);
  const max = state?.maxLength ?? 280;
  const left = max - text.trim().length;
  const ask = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setSending({ kind: 'sending' });
    const payload = name.trim() ? { name: name.trim(), text } : { text };
    let result: AudienceAck;
    try {
      result = (await socket.timeout(8000).emitWithAck('audience:ask', payload)) as AudienceAck;
    } catch {
      setSending({ kind: 'refused', error: t('audience.offline') });
      return;
    }
    if (result.ok) {
      setText('');
      setSending({ kind: 'sent' });
    } else {
      setSending({ kind: 'refused', error: refusal(result) });
    }
  };
  const vote = async (id: string): Promise<void> => {
    const result = (await socket
      .timeout(8000)
      .emitWithAck('audience:vote', { id })
      .catch(() => null)) as AudienceAck | null;
    if (result && !result.ok) setSending({ kind: 'refused', error: refusal(result) });
  };

  return (
    <main className="audience">
      <header>
        <p className="audience__show">{state?.showTitle ?? ''}</p>
        <h1>{t('audience.heading')}</h1>
        {connected !== true && (
          <p className="audience__note" role="status">
            {connected === null ? t('audience.connecting') : t('audience.offline')}
          </p>
        )}
      </header>

      {state?.show.state === 'planned' && state.show.plannedStart && (
        <p className="audience__note" data-testid="audience-starts">
          {t('audience.startsAt', {
            time: new Date(state.show.plannedStart).toLocaleString(i18n.language, {
              dateStyle: 'full',
              timeStyle: 'short',
            }),
          })}
        </p>
      )}
      {state?.show.state === 'ended' && (
        <p className="audience__note" role="status" data-testid="audience-ended">
          {t('audience.ended')}
        </p>
      )}
      {state && !state.open && state.show.state !== 'ended' && (
        <p className="audience__note">{t('audience.soon')}</p>
      )}
      {state?.open && (
        <form className="ask" onSubmit={(e) => void ask(e)}>
          <label>
            {t('audience.name')}
            <input
              value={name}
              maxLength={40}
              autoComplete="nickname"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            {t('audience.question')}
            <textarea
              value={text}
              rows={4}
              required
              placeholder={t('audience.placeholder')}
              onChange={(e) => {
                setText(e.target.value);
                if (sending.kind !== 'sending') setSending({ kind: 'idle' });
              }}
            />
          </label>
          <div className="ask__row">
            <span className={`ask__count${left < 0 ? ' ask__count--over' : ''}`} aria-live="polite">
              {left >= 0
                ? t('audience.left', { count: left })
                : t('audience.tooLong', { count: -left })}
            </span>
            <button
              type="submit"
              disabled={
                sending.kind === 'sending' || left < 0 || text.trim().length === 0 || !connected
              }
            >
              {sending.kind === 'sending' ? t('audience.sending') : t('audience.send')}
            </button>
          </div>
          <p
            className={`ask__result ask__result--${sending.kind}`}
            role="status"
            data-testid="ask-result"
          >
            {sending.kind === 'sent' && t('audience.sent')}
            {sending.kind === 'refused' && sending.error}
          </p>
        </form>
      )}

      <section className="queue" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('audience.queue')}</h2>
        {state && state.questions.length === 0 && (
          <p className="audience__note">{t('audience.noQueue')}</p>
        )}
        <ol>
          {state?.questions.map((q) => {
            const mine = voted.includes(q.id);
            return (
              <li
                key={q.id}
                className={`question${q.onAir ? ' question--on-air' : ''}`}
                data-testid="audience-question"
              >
                <div className="question__body">
                  {q.onAir && <span className="question__air">{t('audience.onAir')}</span>}
                  <p>
                    <bdi>{q.text}</bdi>
                  </p>
                  <span className="question__who">
                    — <bdi>{q.name}</bdi>
                  </span>
                </div>
                <button
                  type="button"
                  className={`vote${mine ? ' vote--mine' : ''}`}
                  aria-pressed={mine}
                  disabled={mine}
                  title={mine ? t('audience.voted') : t('audience.vote')}
                  aria-label={`${mine ? t('audience.voted') : t('audience.vote')}: ${t('audience.votes', { count: q.votes })}`}
                  onClick={() => void vote(q.id)}
                >
                  <span aria-hidden="true">▲</span>
                  <span data-testid="votes">{q.votes}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </section>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AudiencePage />
    </StrictMode>,
  );
}
