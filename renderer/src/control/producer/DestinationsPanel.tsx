// The relay's destinations while on air: state, bitrate, uptime, and a switch for each.
import { useTranslation } from 'react-i18next';
import { formatOffset } from '../../../../src/shared/segment-timing';
import type { RelayState } from '../../../../src/shared/state';
import { MessageText } from '../../components/MessageText';
import { EncoderWarnings, UploadNeed } from '../views/RelayCheck';
import { BitrateChart } from './BitrateChart';
import type { Send } from './send';

function clock(ms: number): string {
  return formatOffset(ms / 1000);
}

export function DestinationsPanel({
  relay,
  now,
  send,
}: {
  relay: RelayState;
  now: number;
  send: Send;
}) {
  const { t } = useTranslation();
  const { destinations } = relay;
  return (
    <section className="panel" aria-labelledby="destinations-heading" data-testid="destinations">
      <h2 id="destinations-heading">{t('producer.destinations')}</h2>
      <UploadNeed relay={relay} />
      {destinations.length === 0 ? (
        <p className="muted">{t('producer.noDestinations')}</p>
      ) : (
        <ul className="destinations">
          {destinations.map((d) => (
            <li
              key={d.id}
              className={`destination destination--${d.state}`}
              data-testid={`destination-${d.id}`}
            >
              <span className="destination__name">{d.name}</span>
              <span className="destination__state">{t(`producer.destState.${d.state}`)}</span>
              <span className="destination__rate">
                {d.bitrateKbps !== null ? `${d.bitrateKbps} kb/s` : ''}
                {d.liveSince
                  ? ` · ${t('producer.uptime', { time: clock(now - Date.parse(d.liveSince)) })}`
                  : ''}
              </span>
              <button
                type="button"
                className="mini"
                onClick={() =>
                  void send('relay:setDestination', {
                    id: d.id,
                    name: d.name,
                    platform: d.platform,
                    serverUrl: d.serverUrl,
                    enabled: !d.enabled,
                  })
                }
              >
                {d.enabled ? t('producer.turnOff') : t('producer.turnOn')}
              </button>
              <MessageText className="destination__message" message={d.message} />
              <EncoderWarnings name={d.name} warnings={d.warnings} />
              {d.state === 'live' && <BitrateChart history={d.bitrateHistory} small />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
