// Where OBS is (address and password), and "Set up OBS" for lower thirds.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useShow } from '../context';
import { MessageText } from '../../components/MessageText';
import { SaveStatus } from './SaveStatus';
import { useSave } from './use-save';
import { LowerThirdSetup } from './LowerThirdSetup';

export function ObsSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const config = state?.config;
  const obs = state?.obs;
  const [url, setUrl] = useState(config?.obsUrl ?? 'ws://127.0.0.1:4455');
  const [password, setPassword] = useState('');
  const [save, run, reset] = useSave();
  const storedUrl = config?.obsUrl;
  useEffect(() => {
    if (storedUrl) setUrl(storedUrl);
  }, [storedUrl]);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run(() =>
      connection.request('obs:configure', password === '' ? { url } : { url, password }),
    ).then(() => setPassword(''));
  };
  const online = status.kind === 'connected';
  return (
    <section className="panel" aria-labelledby="obs-heading">
      <h2 id="obs-heading">{t('settings.obs')}</h2>
      <form className="fields" onSubmit={submit}>
        <label>
          {t('settings.obsUrl')}
          <input
            value={url}
            spellCheck={false}
            onChange={(e) => {
              setUrl(e.target.value);
              reset();
            }}
          />
        </label>
        <label>
          {t('settings.obsPassword')}
          <input
            type="password"
            autoComplete="off"
            value={password}
            placeholder={config?.obsPasswordSaved ? t('settings.obsPasswordSaved') : ''}
            onChange={(e) => {
              setPassword(e.target.value);
              reset();
            }}
          />
        </label>
        <div className="form-row">
          <button
            type="submit"
            className="button button--primary"
            disabled={!online || save.kind === 'saving'}
          >
            {t('settings.connect')}
          </button>
          {config?.obsUrl && (
            <button
              type="button"
              className="button"
              disabled={!online}
              onClick={() => void run(() => connection.request('obs:disconnect', {}))}
            >
              {t('settings.disconnect')}
            </button>
          )}
          <SaveStatus state={save} />
        </div>
      </form>
      {obs && obs.status !== 'not_configured' && (
        <p
          className={`obs-line obs-line--${obs.status}`}
          role="status"
          data-testid="settings-obs-status"
        >
          <MessageText message={obs.message} />
        </p>
      )}
      <p className="muted">{t('settings.obsHelp')}</p>
      <LowerThirdSetup />
    </section>
  );
}
