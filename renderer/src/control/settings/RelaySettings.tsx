// Multistream destinations: one row per platform (server URL from a preset where the platform
// has a fixed one, stream key write-only), plus where OBS should stream to.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTINATION_PLATFORMS, PRESET_SERVERS } from '../../../../src/shared/relay-presets';
import type { DestinationPlatform, DestinationStatus } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { EditorSection, useRowEditor, type Field } from './EditorTable';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
import { useDraftPart } from './section-draft';
import type { Ack } from '../../../../src/shared/protocol';
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
  // Rows edited since their last save, by id: the section's Save sends each of them.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const editor = useRowEditor(
    stored,
    toRow,
    undefined,
    (row, list) => row.isNew && !list.some((d) => d.id === row.id),
  );
  const mark = (id: string, on: boolean): void =>
    setEdited((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  useDraftPart('destinations', {
    dirty: edited.size > 0,
    ready: true,
    save: async () => {
      for (const row of editor.rows.filter((r) => edited.has(r.id))) {
        const result = await saveDestination(connection, row);
        if (!result.ok) return result;
        mark(row.id, false);
        editor.setRows((rows) => rows.map((x) => (x.id === row.id ? { ...x, key: '' } : x)));
      }
      return { ok: true };
    },
  });
  const tracked = {
    ...editor,
    change: (index: number, patch: Partial<Row>) => {
      const id = editor.rows[index]?.id;
      if (id) mark(id, true);
      editor.change(index, patch);
    },
    add: (row: Row) => {
      mark(row.id, true);
      editor.add(row);
    },
  };
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
      editor={tracked}
      addLabel={t('settings.addDestination')}
      newRow={newDestination}
      testId={(row) => `destination-${row.id}`}
      rowActions={(row, i) => (
        <DestinationActions
          row={row}
          known={stored?.some((d) => d.id === row.id) ?? false}
          onRemoved={() => {
            mark(row.id, false);
            editor.remove(i);
          }}
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

/** Sends one destination row; the stream key goes along only when typed. */
function saveDestination(connection: ReturnType<typeof useConnection>, row: Row): Promise<Ack> {
  return connection.request('relay:setDestination', {
    id: row.id,
    name: row.name.trim(),
    platform: row.platform,
    enabled: row.enabled,
    ...(row.serverUrl.trim() ? { serverUrl: row.serverUrl.trim() } : {}),
    ...(row.key.trim() ? { streamKey: row.key.trim() } : {}),
  });
}

/** Removing a destination acts at once: a saved one is removed on the core too. */
function DestinationActions({
  row,
  known,
  onRemoved,
}: {
  row: Row;
  known: boolean;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const connection = useConnection();
  const { status: link } = useShow();
  return (
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
  );
}
