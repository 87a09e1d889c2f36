// The encoder check in the Producer view: the upload the enabled destinations need (incoming
// bitrate × destinations) against what is actually sent, and each platform's objections to the
// stream OBS sends (keyframe interval, bitrate, resolution, frame rate), in plain words.
import { useTranslation } from 'react-i18next';
import type { EncoderWarning, RelayState } from '../../../../src/shared/state';

export function UploadNeed({ relay }: { relay: RelayState }) {
  const { t } = useTranslation();
  const { upload } = relay;
  if (!upload) return null;
  const mbit = (kbps: number): string => (kbps / 1000).toFixed(1);
  return (
    <div className="relay-upload" data-testid="relay-upload">
      <p className="muted">
        {t('relayCheck.upload', { needed: mbit(upload.neededKbps), sent: mbit(upload.sentKbps) })}
      </p>
      {upload.short && (
        <p className="health__warning" role="alert">
          {t('relayCheck.uploadShort', {
            needed: mbit(upload.neededKbps),
            sent: mbit(upload.sentKbps),
          })}
        </p>
      )}
    </div>
  );
}

export function EncoderWarnings({ name, warnings }: { name: string; warnings: EncoderWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <ul className="destination__warnings" data-testid="encoder-warnings">
      {warnings.map((w) => (
        <li key={w.code}>
          {t(`relayCheck.${w.code}`, {
            name,
            actual: w.code === 'keyframeInterval' ? w.actual / 1000 : w.actual,
            limit: w.code === 'keyframeInterval' ? w.limit / 1000 : w.limit,
          })}
        </li>
      ))}
    </ul>
  );
}
