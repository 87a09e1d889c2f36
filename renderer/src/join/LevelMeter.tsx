// How loud the guest's microphone is, live, so they see it works before anyone hears them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

function useLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const tick = (): void => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // RMS in dBFS, shown from -60 dB (silence) to 0 dB (full scale).
      const db = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-6);
      setLevel(Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100))));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      void context.close();
    };
  }, [stream]);
  return level;
}

export function LevelMeter({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const level = useLevel(stream);
  return (
    <div
      className="level"
      role="meter"
      aria-label={t('join.level')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
      data-testid="level-meter"
    >
      <div className="level__bar" style={{ width: `${level}%` }} />
    </div>
  );
}
