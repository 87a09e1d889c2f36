// The show's own settings: its title and the blocklist, then the language and what this
// Panelcast is. Title and blocklist are saved with the section's one Save.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/i18n';
import { useConnection, useShow } from '../context';
import { checklistHidden, setChecklistHidden } from '../producer/checklist';
import { SubmitOnEnter } from './FormParts';
import { useDraftPart } from './section-draft';

export function ShowSettings() {
  return (
    <>
      <ShowTitle />
      <BlocklistSettings />
      <LanguageAndAbout />
    </>
  );
}

function ShowTitle() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state } = useShow();
  const stored = state?.app.showTitle;
  const [title, setTitle] = useState<string>(stored ?? '');
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (stored !== undefined) setTitle(stored ?? '');
  }, [stored]);
  const section = useDraftPart('title', {
    dirty: edited,
    ready: true,
    save: async () => {
      const result = await connection.request('show:setTitle', { title });
      if (result.ok) setEdited(false);
      return result;
    },
  });
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    section.saveAll();
  };
  return (
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
            setEdited(true);
          }}
        />
        <SubmitOnEnter />
      </form>
    </section>
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
  const { state } = useShow();
  const stored = state?.queue.blocklist;
  const [words, setWords] = useState('');
  const [authors, setAuthors] = useState('');
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!stored) return;
    setWords(stored.words.join('\n'));
    setAuthors(stored.authors.join('\n'));
  }, [stored]);
  useDraftPart('blocklist', {
    dirty: edited,
    ready: true,
    save: async () => {
      const result = await connection.request('queue:setBlocklist', {
        words: lines(words),
        authors: lines(authors),
      });
      if (result.ok) setEdited(false);
      return result;
    },
  });
  return (
    <section className="panel" aria-labelledby="blocklist-heading">
      <h2 id="blocklist-heading">{t('settings.blocklist')}</h2>
      <div className="blocklist">
        <label>
          {t('settings.blockedWords')}
          <textarea
            rows={5}
            value={words}
            spellCheck={false}
            onChange={(e) => {
              setWords(e.target.value);
              setEdited(true);
            }}
          />
        </label>
        <label>
          {t('settings.blockedAuthors')}
          <textarea
            rows={5}
            value={authors}
            spellCheck={false}
            onChange={(e) => {
              setAuthors(e.target.value);
              setEdited(true);
            }}
          />
        </label>
      </div>
    </section>
  );
}

/** The language applies at once (it is this screen's, not the show's). */
function LanguageAndAbout() {
  const { t, i18n } = useTranslation();
  const { state } = useShow();
  return (
    <>
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
        <ChecklistAgain />
      </section>
    </>
  );
}

/** Brings back the first-run checklist the producer hid on this screen. */
function ChecklistAgain() {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(checklistHidden);
  if (!hidden) return null;
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        setChecklistHidden(false);
        setHidden(false);
      }}
    >
      {t('checklist.showAgain')}
    </button>
  );
}
