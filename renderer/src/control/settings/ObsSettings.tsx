// Where OBS is (address and password), and "Set up OBS" for lower thirds.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useShow } from '../context';
import { MessageText } from '../../components/MessageText';
import { LowerThirdSetup } from './LowerThirdSetup';
import { useDraftPart } from './section-draft';

export function ObsSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const config = state?.config;
  const obs = state?.obs;
  const [url, setUrl] = useState(config?.obsUrl ?? 'ws://127.0.0.1:4455');
  const [password, setPassword] = useState('');
  const [edited, setEdited] = useState(false);
  const storedUrl = config?.obsUrl;
  useEffect(() => {
    if (storedUrl) setUrl(storedUrl);
  }, [storedUrl]);
  // Saving is connecting: the core tries the address at once and reports how it went below.
  const section = useDraftPart('obs', {
    dirty: edited,
    ready: url.trim() !== '',
    save: async () => {
      const result = await connection.request(
        'obs:configure',
        password === '' ? { url } : { url, password },
      );
      if (result.ok) {
        setPassword('');
        setEdited(false);
      }
      return result;
    },
  });
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    section.saveAll();
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
              setEdited(true);
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
              setEdited(true);
            }}
          />
        </label>
        <div className="form-row">
          {/* Enter in a field saves; the section's one Save button sits below. */}
          <button type="submit" hidden tabIndex={-1} />
          {config?.obsUrl && (
            <button
              type="button"
              className="button"
              disabled={!online}
              onClick={() => section.act(() => connection.request('obs:disconnect', {}))}
            >
              {t('settings.disconnect')}
            </button>
          )}
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
