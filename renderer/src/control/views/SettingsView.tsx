// Settings: the show, the language, and what this Panelcast is.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/i18n';
import { useConnection, useShow } from '../context';
import { GuestSettings } from '../settings/GuestSettings';
import { ObsSettings } from '../settings/ObsSettings';
import { PeopleSettings } from '../settings/PeopleSettings';
import { ReenterSecrets } from '../settings/ReenterSecrets';
import { RelaySettings } from '../settings/RelaySettings';
import { RundownSettings } from '../settings/RundownSettings';
import { SaveStatus } from '../settings/SaveStatus';
import { SourceSettings } from '../settings/SourceSettings';
import { useSave } from '../settings/use-save';

export function SettingsView() {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const [title, setTitle] = useState<string>(state?.app.showTitle ?? '');
  const [save, run, reset] = useSave();
  const stored = state?.app.showTitle;

  useEffect(() => {
    if (stored !== undefined) setTitle(stored ?? '');
  }, [stored]);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run(() => connection.request('show:setTitle', { title }));
  };

  return (
    <div className="settings">
      <ReenterSecrets names={state?.config.secretsToReenter ?? []} />
      <section className="panel" aria-labelledby="show-heading">
        <h2 id="show-heading">{t('settings.show')}</h2>
        <form className="form-row" onSubmit={submit}>
          <label htmlFor="show-title">{t('settings.showTitle')}</label>
          <input
            id="show-title"
            value={title}
            maxLength={120}
            onChange={(e) => {
              setTitle(e.target.value);
              reset();
            }}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={status.kind !== 'connected' || save.kind === 'saving'}
          >
            {t('settings.save')}
          </button>
          <SaveStatus state={save} />
        </form>
      </section>

      <PeopleSettings />
      <ObsSettings />
      <SourceSettings />
      <RelaySettings />
      <RundownSettings />
      <GuestSettings />
      <BlocklistSettings />

      <section className="panel" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('settings.language')}</h2>
        <div className="segmented" role="radiogroup" aria-labelledby="language-heading">
          {LANGUAGES.map((lng: Language) => (
            <button
              key={lng}
              type="button"
              role="radio"
              aria-checked={i18n.language === lng}
              className={`segmented__option${i18n.language === lng ? ' segmented__option--on' : ''}`}
              onClick={() => setLanguage(lng)}
            >
              {t(`language.${lng}`)}
            </button>
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('settings.about')}</h2>
        {state && (
          <>
            <p>{t('settings.version', { version: state.app.version })}</p>
            <p className="muted">{state.app.lan ? t('settings.lanOn') : t('settings.lanOff')}</p>
          </>
        )}
      </section>
    </div>
  );
}

function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
}

function BlocklistSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const stored = state?.queue.blocklist;
  const [words, setWords] = useState('');
  const [authors, setAuthors] = useState('');
  const [save, run] = useSave();

  useEffect(() => {
    if (!stored) return;
    setWords(stored.words.join('\n'));
    setAuthors(stored.authors.join('\n'));
  }, [stored]);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run(() =>
      connection.request('queue:setBlocklist', { words: lines(words), authors: lines(authors) }),
    );
  };

  return (
    <section className="panel" aria-labelledby="blocklist-heading">
      <h2 id="blocklist-heading">{t('settings.blocklist')}</h2>
      <form className="blocklist" onSubmit={submit}>
        <label>
          {t('settings.blockedWords')}
          <textarea
            rows={5}
            value={words}
            spellCheck={false}
            onChange={(e) => setWords(e.target.value)}
          />
        </label>
        <label>
          {t('settings.blockedAuthors')}
          <textarea
            rows={5}
            value={authors}
            spellCheck={false}
            onChange={(e) => setAuthors(e.target.value)}
          />
        </label>
        <div className="form-row">
          <button
            type="submit"
            className="button button--primary"
            disabled={status.kind !== 'connected' || save.kind === 'saving'}
          >
            {t('settings.save')}
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
    </section>
  );
}
