// Before "Ready": the guest picks camera and microphone, sees themselves, watches the level
// meter move, checks the name and role the lower third will show, and sees whether their network
// lets the call out (the connection test).
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaTile } from '../components/MediaTile';
import { ConnectionCheck } from './ConnectionCheck';
import { LevelMeter } from './LevelMeter';
import type { ConnectionCheck as Check } from './use-connection-check';
import type { LocalMedia } from './use-local-media';

function DevicePicker({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (deviceId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {devices.length === 0 && <option value="">{t('join.noDevice')}</option>}
        {devices.map((device, i) => (
          <option key={device.deviceId || i} value={device.deviceId}>
            {device.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function JoinSetup({
  media,
  name: initialName,
  role: initialRole,
  connected,
  check,
  onReady,
}: {
  media: LocalMedia;
  name: string;
  role: string;
  connected: boolean;
  check: { state: Check; tls443: boolean };
  onReady: (name: string, role: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [role, setRole] = useState(initialRole);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(await onReady(name.trim(), role.trim()));
    setBusy(false);
  };
  return (
    <form className="join__setup" onSubmit={(e) => void submit(e)}>
      <MediaTile stream={media.stream} name="" role="" muted mirrored testId="self-view" />
      <LevelMeter stream={media.stream} />
      {media.error && (
        <p className="join__error" role="alert">
          {t('join.mediaDenied', { reason: media.error })}
        </p>
      )}
      <DevicePicker
        label={t('join.camera')}
        devices={media.cameras}
        value={media.camera}
        onChange={(id) => media.choose('camera', id)}
      />
      <DevicePicker
        label={t('join.microphone')}
        devices={media.microphones}
        value={media.microphone}
        onChange={(id) => media.choose('microphone', id)}
      />
      <label>
        {t('join.yourName')}
        <input value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('join.yourRole')}
        <input value={role} maxLength={120} onChange={(e) => setRole(e.target.value)} />
      </label>
      <ConnectionCheck check={check.state} tls443={check.tls443} />
      <button
        type="submit"
        className="join__ready"
        disabled={busy || !connected || !media.stream || !name.trim()}
      >
        {t('join.ready')}
      </button>
      {error && (
        <p className="join__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
