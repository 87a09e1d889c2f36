// One audio input's meter: a bar per channel from -60 to 0 dBFS, red when it clips, and a
// "silent" mark when nothing has come through for a few seconds (a muted or dead microphone).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMeter } from '../../../../src/shared/obs-state';

const FLOOR_DB = -60;
/** At or above this the signal is clipping. */
const CLIP_DB = -0.5;
/** Below this counts as silence. */
const SILENT_DB = -55;
const SILENT_AFTER_MS = 3000;

export function AudioMeter({ meter }: { meter: MonitorMeter }) {
  const { t } = useTranslation();
  const peak = Math.max(...meter.peakDb, -100);
  const quietSince = useRef<number | null>(null);
  const [silent, setSilent] = useState(false);
  useEffect(() => {
    if (peak >= SILENT_DB) {
      quietSince.current = null;
      setSilent(false);
      return;
    }
    quietSince.current ??= Date.now();
    const left = SILENT_AFTER_MS - (Date.now() - quietSince.current);
    if (left <= 0) {
      setSilent(true);
      return;
    }
    const timer = setTimeout(() => setSilent(true), left);
    return () => clearTimeout(timer);
  }, [peak]);
  const clipping = peak >= CLIP_DB;
  const state = clipping ? 'clip' : silent ? 'silent' : 'ok';
  return (
    <div
      className={`meter meter--${state}`}
      data-testid="meter"
      data-name={meter.name}
      data-peak={peak}
      data-state={state}
    >
      <span className="meter__name" title={meter.name}>
        {meter.name}
      </span>
      <span className="meter__bars">
        {meter.peakDb.map((db, channel) => (
          <span key={channel} className="meter__bar">
            <span
              className="meter__fill"
              style={{ width: `${Math.max(0, Math.min(1, 1 - db / FLOOR_DB)) * 100}%` }}
            />
          </span>
        ))}
      </span>
      <span className="meter__state">
        {clipping
          ? t('producer.clipping')
          : silent
            ? t('producer.silent')
            : `${Math.round(peak)} dB`}
      </span>
    </div>
  );
}
