// Guests' lower thirds and the question on air, each with what OBS confirms ("On screen" only
// when the lower-third item is enabled in the program scene) and a warning when the program
// scene cannot show it, before anyone presses a button.
import { useTranslation } from 'react-i18next';
import type { ControlIntentName } from '../../../../src/shared/protocol';
import type { Guest, ShowState } from '../../../../src/shared/state';
import { tameText } from '../../../../src/shared/tame-text';
import { ScreenBadge, ScreenWarningLine } from './ScreenStatus';

type Send = (intent: ControlIntentName, payload: Record<string, unknown>) => Promise<void>;

export function GuestsPanel({ state, send }: { state: ShowState; send: Send }) {
  const { t } = useTranslation();
  const guests: Guest[] = state.guests;
  const showing = state.lowerThird?.guest.id ?? null;
  const connected = state.obs.status === 'connected';
  return (
    <section className="panel" aria-labelledby="guests-heading" data-testid="guests-panel">
      <h2 id="guests-heading">{t('producer.guests')}</h2>
      {!connected && guests.length > 0 && <p className="needs-obs">{t('obsLost.needsObs')}</p>}
      {guests.length === 0 ? (
        <p className="muted">{t('producer.noGuests')}</p>
      ) : (
        <ul className="guests">
          {guests.map((guest, i) => (
            <li key={guest.id} className="guests__item">
              <span>
                <strong>{guest.name}</strong>
                <span className="muted"> {guest.role}</span>
              </span>
              {showing === guest.id && <ScreenBadge screen={state.screen} kind="guest" />}
              <button
                type="button"
                className={`button${showing === guest.id ? ' button--primary' : ''}`}
                disabled={!connected}
                title={connected ? undefined : t('obsLost.needsObs')}
                aria-pressed={showing === guest.id}
                onClick={(e) => {
                  e.currentTarget.blur();
                  void send(
                    showing === guest.id ? 'lowerThird:hide' : 'lowerThird:show',
                    showing === guest.id ? {} : { guestId: guest.id },
                  );
                }}
              >
                {t('producer.showLowerThird')}
                {i < 9 && <kbd>⇧{i + 1}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {guests.length > 0 && <ScreenWarningLine screen={state.screen} />}
    </section>
  );
}

export function OnAirPanel({ state }: { state: ShowState }) {
  const { t } = useTranslation();
  const onAir = state.queue.onAir;
  return (
    <section className="panel" aria-labelledby="onair-heading" data-testid="on-air">
      <div className="panel__head">
        <h2 id="onair-heading">{t('producer.onAir')}</h2>
        {onAir && <ScreenBadge screen={state.screen} kind="question" />}
      </div>
      {onAir ? (
        <blockquote className="on-air-preview" data-testid="producer-on-air">
          <bdi>{tameText(onAir.text)}</bdi>
          <footer className="muted">
            — <bdi>{tameText(onAir.author.name)}</bdi>
            {onAir.askers > 1 && ` · ${t('producer.askers', { count: onAir.askers })}`}
          </footer>
        </blockquote>
      ) : (
        <p className="muted">{t('producer.nothingOnAir')}</p>
      )}
      <dl className="counts counts--small">
        {(['incoming', 'approved', 'done'] as const).map((status) => (
          <div key={status} className={`counts__item counts__item--${status}`}>
            <dt>{t(`status.${status}`)}</dt>
            <dd data-testid={`count-${status}`}>{state.queue.counts[status]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
