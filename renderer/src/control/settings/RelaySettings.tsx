// Multistream destinations: one row per platform (server URL from a preset where the platform
// has a fixed one, stream key write-only), plus where OBS should stream to.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTINATION_PLATFORMS, PRESET_SERVERS } from '../../../../src/shared/relay-presets';
import type { DestinationPlatform, DestinationStatus } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
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

export function RelaySettings() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state, status } = useShow();
  const relay = state?.relay;
  const [rows, setRows] = useState<Row[]>([]);
  const [target, setTarget] = useState<string | null>(null);
  const [obsResult, runObs] = useSave();
  const stored = relay?.destinations;
  useEffect(() => {
    if (stored)
      setRows((current) => [
        ...stored.map(toRow),
        ...current.filter((r) => r.isNew && !stored.some((d) => d.id === r.id)),
      ]);
  }, [stored]);

  const online = status.kind === 'connected';
  return (
    <section className="panel" aria-labelledby="relay-heading">
      <h2 id="relay-heading">{t('settings.relay')}</h2>
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
                  setTarget(r.ok ? t('settings.keyIs', { server: r.server, key: r.key }) : r.error),
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
      {rows.map((row, i) => (
        <DestinationRow
          key={row.id}
          row={row}
          status={stored?.find((d) => d.id === row.id)}
          onChange={(patch) => setRows((r) => r.map((x, k) => (k === i ? { ...x, ...patch } : x)))}
          onRemoved={() => setRows((r) => r.filter((_, k) => k !== i))}
        />
      ))}
      <div className="form-row">
        <button
          type="button"
          className="button"
          onClick={() =>
            setRows((r) => [
              ...r,
              {
                id: `dest-${Date.now().toString(36)}`,
                name: 'YouTube',
                platform: 'youtube',
                serverUrl: PRESET_SERVERS.youtube ?? '',
                key: '',
                enabled: true,
                keySaved: false,
                isNew: true,
              },
            ])
          }
        >
          {t('settings.addDestination')}
        </button>
      </div>
    </section>
  );
}

function DestinationRow({
  row,
  status,
  onChange,
  onRemoved,
}: {
  row: Row;
  status: DestinationStatus | undefined;
  onChange: (patch: Partial<Row>) => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { status: link } = useShow();
  const [save, run, reset] = useSave();
  const preset = PRESET_SERVERS[row.platform];
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
    ).then(() => onChange({ key: '' }));
  };
  return (
    <div className="fields subsection" data-testid={`destination-${row.id}`}>
      <label>
        {t('settings.destName')}
        <input
          value={row.name}
          maxLength={60}
          onChange={(e) => {
            onChange({ name: e.target.value });
            reset();
          }}
        />
      </label>
      <label>
        {t('settings.destPlatform')}
        <select
          value={row.platform}
          onChange={(e) => {
            const platform = e.target.value as DestinationPlatform;
            onChange({ platform, serverUrl: PRESET_SERVERS[platform] ?? '' });
            reset();
          }}
        >
          {DESTINATION_PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {t(`settings.platformNames.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.destServer')}
        <input
          value={row.serverUrl}
          readOnly={preset !== null}
          placeholder="rtmp://…"
          spellCheck={false}
          onChange={(e) => {
            onChange({ serverUrl: e.target.value });
            reset();
          }}
        />
      </label>
      <label>
        {t('settings.destKey')}
        <input
          type="password"
          autoComplete="off"
          value={row.key}
          placeholder={row.keySaved ? t('settings.destKeySaved') : ''}
          onChange={(e) => {
            onChange({ key: e.target.value });
            reset();
          }}
        />
      </label>
      <div className="form-row">
        <label className="inline">
          <input
            type="checkbox"
            checked={row.enabled}
            onChange={(e) => {
              onChange({ enabled: e.target.checked });
              reset();
            }}
          />{' '}
          {t('settings.enabled')}
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={link.kind !== 'connected'}
          onClick={submit}
        >
          {t('settings.save')}
        </button>
        <button
          type="button"
          className="button"
          disabled={link.kind !== 'connected'}
          onClick={() => {
            if (row.isNew && !status) onRemoved();
            else
              void connection
                .request('relay:removeDestination', { id: row.id })
                .then((r) => r.ok && onRemoved());
          }}
        >
          {t('settings.remove')}
        </button>
        <SaveStatus state={save} />
      </div>
      {status && (
        <p className={`obs-line dest-line--${status.state}`} role="status">
          {word(status.message)}
        </p>
      )}
    </div>
  );
}
