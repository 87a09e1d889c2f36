// Multistream destinations: one row per platform (server URL from a preset where the platform
// has a fixed one, stream key write-only), plus where OBS should stream to.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTINATION_PLATFORMS, PRESET_SERVERS } from '../../../../src/shared/relay-presets';
import type { DestinationPlatform, DestinationStatus } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { EditorSection, useRowEditor, type Field } from './EditorTable';
import { SaveButton, SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
import { MessageText } from '../../components/MessageText';
import { useWording } from '../../i18n/messages';

interface Row {
  id: string;
  name: string;
  platform: DestinationPlatform;
  serverUrl: string;
  key: string;
  enabled: boolean;
  keySaved: boolean;
  isNew: boolean;
}

const toRow = (d: DestinationStatus): Row => ({
  id: d.id,
  name: d.name,
  platform: d.platform,
  serverUrl: d.serverUrl,
  key: '',
  enabled: d.enabled,
  keySaved: d.keySaved,
  isNew: false,
});

const newDestination = (): Row => ({
  id: `dest-${Date.now().toString(36)}`,
  name: 'YouTube',
  platform: 'youtube',
  serverUrl: PRESET_SERVERS.youtube ?? '',
  key: '',
  enabled: true,
  keySaved: false,
  isNew: true,
});

export function RelaySettings() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state, status } = useShow();
  const relay = state?.relay;
  const [target, setTarget] = useState<string | null>(null);
  const [obsResult, runObs] = useSave();
  const stored = relay?.destinations;
  const editor = useRowEditor(
    stored,
    toRow,
    undefined,
    (row, list) => row.isNew && !list.some((d) => d.id === row.id),
  );
  const fields: Field<Row>[] = [
    { key: 'name', label: t('settings.destName'), kind: 'text', maxLength: 60 },
    {
      key: 'platform',
      label: t('settings.destPlatform'),
      kind: 'select',
      options: () =>
        DESTINATION_PLATFORMS.map((p) => ({ value: p, label: t(`settings.platformNames.${p}`) })),
      also: (platform) => ({ serverUrl: PRESET_SERVERS[platform as DestinationPlatform] ?? '' }),
    },
    {
      key: 'serverUrl',
      label: t('settings.destServer'),
      kind: 'text',
      placeholder: () => 'rtmp://…',
      readOnly: (row) => PRESET_SERVERS[row.platform] !== null,
    },
    {
      key: 'key',
      label: t('settings.destKey'),
      kind: 'password',
      placeholder: (row) => (row.keySaved ? t('settings.destKeySaved') : ''),
    },
    { key: 'enabled', label: t('settings.enabled'), kind: 'checkbox' },
  ];

  const online = status.kind === 'connected';
  return (
    <EditorSection
      id="relay"
      title={t('settings.relay')}
      intro={
        <>
          <p className="muted">{t('settings.relayHelp')}</p>
          {relay?.ingest.serverUrl && (
            <div className="form-row">
              <span>{t('settings.ingestAt', { url: relay.ingest.serverUrl })}</span>
              <button
                type="button"
                className="button"
                disabled={!online || state?.obs.status !== 'connected'}
                onClick={() => void runObs(() => connection.request('relay:configureObs', {}))}
              >
                {t('settings.configureObs')}
              </button>
              <button
                type="button"
                className="button"
                disabled={!online}
                onClick={() =>
                  void connection
                    .request('relay:publishTarget', {})
                    .then((r) =>
                      setTarget(
                        r.ok ? t('settings.keyIs', { server: r.server, key: r.key }) : r.error,
                      ),
                    )
                }
              >
                {t('settings.showKey')}
              </button>
              <SaveStatus
                state={
                  obsResult.kind === 'saved'
                    ? { kind: 'saved', note: t('settings.configuredObs') }
                    : obsResult
                }
              />
            </div>
          )}
          {target && <p className="mono">{target}</p>}
          {relay && relay.ingest.state === 'error' && (
            <p className="error-text">{word(relay.ingest.message)}</p>
          )}
        </>
      }
      fields={fields}
      editor={editor}
      addLabel={t('settings.addDestination')}
      newRow={newDestination}
      testId={(row) => `destination-${row.id}`}
      rowActions={(row, i) => (
        <DestinationActions
          row={row}
          known={stored?.some((d) => d.id === row.id) ?? false}
          onSaved={() => editor.setRows((r) => r.map((x, k) => (k === i ? { ...x, key: '' } : x)))}
          onRemoved={() => editor.remove(i)}
        />
      )}
      note={(row) => {
        const status = stored?.find((d) => d.id === row.id);
        return status ? (
          <p className={`obs-line dest-line--${status.state}`} role="status">
            <MessageText message={status.message} />
          </p>
        ) : null;
      }}
    />
  );
}

/** Save and remove for one destination; the key field empties once it is saved. */
function DestinationActions({
  row,
  known,
  onSaved,
  onRemoved,
}: {
  row: Row;
  known: boolean;
  onSaved: () => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const connection = useConnection();
  const { status: link } = useShow();
  const [save, run] = useSave();
  const submit = (): void => {
    void run(() =>
      connection.request('relay:setDestination', {
        id: row.id,
        name: row.name.trim(),
        platform: row.platform,
        enabled: row.enabled,
        ...(row.serverUrl.trim() ? { serverUrl: row.serverUrl.trim() } : {}),
        ...(row.key.trim() ? { streamKey: row.key.trim() } : {}),
      }),
    ).then(onSaved);
  };
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={link.kind !== 'connected'}
        onClick={() => {
          if (row.isNew && !known) onRemoved();
          else
            void connection
              .request('relay:removeDestination', { id: row.id })
              .then((r) => r.ok && onRemoved());
        }}
      >
        {t('settings.remove')}
      </button>
      <SaveButton state={save} onSave={submit} />
    </>
  );
}
