// The producer's screen: the clock and what is live, OBS scenes (program red, preview green),
// stream health, the rundown with its countdown, guests' lower thirds and the question on air.
// Keys: 1–9 scene, Space transition, N next segment, Shift+1–9 guest lower third.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../src/shared/messages/message';
import { refusalText, useWording } from '../../i18n/messages';
import { useNow } from '../../lib/relative-time';
import { useConnection, useShow } from '../context';
import { ConfirmDialog } from '../producer/ConfirmDialog';
import { DestinationsPanel } from '../producer/DestinationsPanel';
import { FirstRunChecklist } from '../producer/FirstRunChecklist';
import { GuestRoomPanel } from '../producer/GuestRoomPanel';
import { HealthPanel } from '../producer/HealthPanel';
import { LiveBar } from '../producer/LiveBar';
import { GuestsPanel, OnAirPanel } from '../producer/LowerThirdPanels';
import { ProgramMonitor } from '../producer/ProgramMonitor';
import { RundownPanel } from '../producer/RundownPanel';
import { ScenePanel } from '../producer/ScenePanel';
import type { Send } from '../producer/send';
import { SourcesPanel } from '../producer/SourcesPanel';
import { StreamStartDialog } from '../producer/StreamStartDialog';
import { useProducerKeys } from '../producer/use-producer-keys';

export function ProducerView() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const now = useNow(1000);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'stream' | 'record' | null>(null);
  const [askRehearsal, setAskRehearsal] = useState(false);

  const send = useCallback<Send>(
    async (intent, payload) => {
      const result:
        | { ok: true; note?: Message | string | null }
        | { ok: false; error: string; message: Message } = await connection.request(
        intent,
        payload,
      );
      setError(result.ok ? word(result.note) || null : refusalText(word, result));
    },
    [connection, word],
  );

  useProducerKeys(state, confirm !== null, send);

  if (!state) return <p className="muted">{t('connection.connecting')}</p>;
  const { obs } = state;

  return (
    <div className="producer">
      <LiveBar
        obs={obs}
        rundown={state.rundown}
        now={now}
        onStart={(what) => {
          // A stream while the show is planned may be a rehearsal: only the producer can say.
          if (what === 'stream' && state.show.state === 'planned') setAskRehearsal(true);
          else void send(what === 'stream' ? 'obs:stream' : 'obs:record', { action: 'start' });
        }}
        onStop={setConfirm}
      />
      <FirstRunChecklist state={state} />
      {error && (
        <div className="banner banner--warn producer__error" role="alert">
          {error}
        </div>
      )}
      <div className="producer__grid">
        <div className="producer__column producer__column--picture">
          <ProgramMonitor obs={obs} />
          <ScenePanel obs={obs} send={send} />
        </div>
        <div className="producer__column">
          <OnAirPanel state={state} />
          <RundownPanel rundown={state.rundown} now={now} send={send} />
          <GuestsPanel state={state} send={send} />
          <GuestRoomPanel state={state} send={send} />
        </div>
        <div className="producer__column">
          <HealthPanel obs={obs} />
          <DestinationsPanel relay={state.relay} now={now} send={send} />
          <SourcesPanel sources={state.sources} forms={state.sourceForms} />
        </div>
      </div>
      {askRehearsal && (
        <StreamStartDialog
          onShow={() => {
            setAskRehearsal(false);
            void send('show:goLive', {}).then(() => send('obs:stream', { action: 'start' }));
          }}
          onRehearsal={() => {
            setAskRehearsal(false);
            void send('obs:stream', { action: 'start' });
          }}
          onCancel={() => setAskRehearsal(false)}
        />
      )}
      {confirm && (
        <ConfirmDialog
          text={t(
            confirm === 'stream' ? 'producer.confirmStopStream' : 'producer.confirmStopRecord',
          )}
          action={t(confirm === 'stream' ? 'producer.stopStream' : 'producer.stopRecord')}
          onConfirm={() => {
            void send(confirm === 'stream' ? 'obs:stream' : 'obs:record', { action: 'stop' });
            setConfirm(null);
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
