// Program and preview as small pictures with the audio meters under them, like the multiview of
// a vision mixer. It asks the core a few times a second, and only while it is on screen and the
// tab is visible: the core stops screenshots and meters once the asking stops.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMeter, MonitorSnapshot, ObsState } from '../../../../src/shared/obs-state';
import { useConnection } from '../context';
import { AudioMeter } from './AudioMeter';

const POLL_MS = 300;

/** True while the element is in the viewport and the page is visible. */
function useVisible(ref: React.RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(false);
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) =>
      setInView(entries.some((e) => e.isIntersecting)),
    );
    observer.observe(element);
    const onVisibility = (): void => setPageVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ref]);
  return inView && pageVisible;
}

function useMonitor(active: boolean): MonitorSnapshot | null {
  const connection = useConnection();
  const [snapshot, setSnapshot] = useState<MonitorSnapshot | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = async (): Promise<void> => {
      const result = await connection.request('obs:monitor', {});
      if (stopped) return;
      if (result.ok) setSnapshot(result);
      timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, connection]);
  return snapshot;
}

function Screen({ kind, view }: { kind: 'program' | 'preview'; view: MonitorSnapshot['program'] }) {
  const { t } = useTranslation();
  return (
    <figure className={`monitor__screen monitor__screen--${kind}`} data-testid={`monitor-${kind}`}>
      <div className="monitor__picture">
        {view?.image ? (
          <img src={view.image} alt={view.scene} data-scene={view.scene} />
        ) : (
          <span className="muted">{t('producer.noPicture')}</span>
        )}
      </div>
      <figcaption>
        <span className="monitor__label">
          {kind === 'program' ? t('producer.program') : t('producer.preview')}
        </span>
        <span className="monitor__scene">{view?.scene ?? '—'}</span>
      </figcaption>
    </figure>
  );
}

export function ProgramMonitor({ obs }: { obs: ObsState }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const visible = useVisible(ref);
  const snapshot = useMonitor(visible && obs.status === 'connected');
  const meters: MonitorMeter[] = snapshot?.meters ?? [];
  return (
    <section
      ref={ref}
      className="panel panel--monitor"
      aria-labelledby="monitor-heading"
      data-testid="monitor"
    >
      <h2 id="monitor-heading" className="visually-hidden">
        {t('producer.monitor')}
      </h2>
      <div className={`monitor${obs.studioMode ? ' monitor--studio' : ''}`}>
        {obs.studioMode && <Screen kind="preview" view={snapshot?.preview ?? null} />}
        <Screen kind="program" view={snapshot?.program ?? null} />
      </div>
      <div className="meters" data-testid="meters">
        {meters.length === 0 ? (
          <p className="muted">{t('producer.noAudio')}</p>
        ) : (
          meters.map((meter) => <AudioMeter key={meter.name} meter={meter} />)
        )}
      </div>
    </section>
  );
}
