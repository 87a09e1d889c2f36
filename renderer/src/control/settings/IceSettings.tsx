// The room's STUN and TURN servers. TURN credentials are made per browser from a secret shared
// with coturn (static-auth-secret); the secret is typed here once and never shown again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useShow } from '../context';
import { useDraftPart } from './section-draft';

const lines = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);

export function IceSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state } = useShow();
  const ice = state?.room.ice;
  const stored = { stun: (ice?.stun ?? []).join('\n'), turn: (ice?.turn ?? []).join('\n') };
  const [draft, setDraft] = useState(stored);
  const [secret, setSecret] = useState('');
  const [edited, setEdited] = useState(false);
  const storedJson = JSON.stringify(stored);
  useEffect(() => {
    if (!edited) setDraft(JSON.parse(storedJson) as typeof stored);
  }, [storedJson, edited]);
  useDraftPart('room-ice', {
    dirty: edited,
    ready: true,
    save: async () => {
      const result = await connection.request('guests:configureIce', {
        stun: lines(draft.stun),
        turn: lines(draft.turn),
        turnTtlMin: 240,
        ...(secret ? { turnSecret: secret } : {}),
      });
      if (result.ok) {
        setEdited(false);
        setSecret('');
      }
      return result;
    },
  });
  const change = (next: Partial<typeof draft>): void => {
    setDraft({ ...draft, ...next });
    setEdited(true);
  };
  return (
    <div className="panel" data-testid="ice-settings">
      <h2>{t('settings.iceTitle')}</h2>
      <p className="muted">{t('settings.iceHelp')}</p>
      <label>
        {t('settings.iceStun')}
        <textarea
          rows={2}
          value={draft.stun}
          placeholder="stun:stun.example.org:3478"
          onChange={(e) => change({ stun: e.target.value })}
        />
      </label>
      <label>
        {t('settings.iceTurn')}
        <textarea
          rows={2}
          value={draft.turn}
          placeholder="turns:turn.example.org:443?transport=tcp"
          onChange={(e) => change({ turn: e.target.value })}
        />
      </label>
      <label>
        {t('settings.iceSecret')}
        <input
          type="password"
          autoComplete="off"
          value={secret}
          placeholder={ice?.turnSecretSaved ? t('settings.iceSecretSaved') : ''}
          onChange={(e) => {
            setSecret(e.target.value);
            setEdited(true);
          }}
        />
      </label>
    </div>
  );
}
