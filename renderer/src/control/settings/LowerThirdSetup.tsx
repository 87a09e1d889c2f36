// "Set up OBS" for lower thirds: tick the scenes that should show them (the rundown's scenes and
// those set up before are ticked), pick the kind, run. Says which scenes still lack one.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText, useWording } from '../../i18n/messages';
import { LOWER_THIRD_SCENE } from '../../../../src/shared/on-screen';
import { useConnection, useShow } from '../context';

type Mode = 'auto' | 'native' | 'browser';

export function LowerThirdSetup() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const setup = state?.config.lowerThird ?? null;
  const scenes = (state?.obs.scenes ?? []).filter((s) => s !== LOWER_THIRD_SCENE);
  const suggested = useMemo(() => {
    const fromRundown = (state?.rundown.segments ?? []).map((s) => s.scene);
    return new Set([...(setup?.scenes ?? []), ...fromRundown].filter((s) => s !== null));
  }, [state?.rundown.segments, setup?.scenes]);
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const chosen = picked ?? suggested;
  const [mode, setMode] = useState<Mode>('auto');
  const [report, setReport] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const connected = state?.obs.status === 'connected';
  const missing = setup ? scenes.filter((s) => !setup.scenes.includes(s)) : [];

  const toggle = (scene: string): void => {
    const next = new Set(chosen);
    if (next.has(scene)) next.delete(scene);
    else next.add(scene);
    setPicked(next);
  };
  const run = async (): Promise<void> => {
    setError(null);
    const list = scenes.filter((s) => chosen.has(s));
    if (list.length === 0) {
      setError(t('settings.setupPickScenes'));
      return;
    }
    const result = await connection.request('obs:setupLowerThird', { scenes: list, mode });
    if (!result.ok) {
      setError(refusalText(word, result));
      setReport([]);
      return;
    }
    const lines: string[] = [];
    if (result.created.length > 0)
      lines.push(t('settings.setupCreated', { list: result.created.join(', ') }));
    if (result.kept.length > 0)
      lines.push(t('settings.setupKept', { list: result.kept.join(', ') }));
    if (result.skipped.length > 0)
      lines.push(
        t('settings.setupSkipped', { list: result.skipped.map((m) => word(m)).join(' ') }),
      );
    setReport(lines);
    setPicked(null);
  };

  return (
    <div className="subsection" data-testid="lower-third-setup">
      <h3>{t('settings.setup')}</h3>
      <p className="muted">{t('settings.setupHelp')}</p>
      <fieldset className="scene-picks" disabled={!connected}>
        <legend>{t('settings.setupScenes')}</legend>
        {scenes.map((scene) => (
          <label key={scene} className="toggle scene-picks__item">
            <input type="checkbox" checked={chosen.has(scene)} onChange={() => toggle(scene)} />
            {scene}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label className="inline">
          {t('settings.setupMode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="auto">{t('settings.modeAuto')}</option>
            <option value="native">{t('settings.modeNative')}</option>
            <option value="browser">{t('settings.modeBrowser')}</option>
          </select>
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={!connected}
          title={connected ? undefined : t('obsLost.needsObs')}
          onClick={() => void run()}
        >
          {t('settings.setupRun')}
        </button>
      </div>
      {setup && (
        <p data-testid="setup-active">
          {t('settings.setupActive', {
            scenes: setup.scenes.join(', '),
            mode: setup.mode === 'native' ? t('settings.modeNative') : t('settings.modeBrowser'),
          })}
        </p>
      )}
      {setup && missing.length > 0 && (
        <p className="muted" data-testid="setup-missing">
          {t('settings.setupMissing', { scenes: missing.join(', ') })}
        </p>
      )}
      {report.map((line) => (
        <p key={line} className="muted">
          {line}
        </p>
      ))}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
