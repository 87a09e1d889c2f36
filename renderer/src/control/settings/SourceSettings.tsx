// Where comments come from: X hashtags, a YouTube live chat, the audience page. Keys and tokens
// go to the core once and are never shown again, only "saved".
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceStatus } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { SaveStatus } from './SaveStatus';
import { SchemaForm } from './SchemaForm';
import { useSave } from './use-save';

function StatusLine({ status }: { status: SourceStatus | undefined }) {
  if (!status) return null;
  return (
    <p
      className={`obs-line source-line--${status.state}`}
      role="status"
      data-testid={`source-status-${status.id}`}
    >
      {status.message}
    </p>
  );
}

export function SourceSettings() {
  const { t } = useTranslation();
  const { state } = useShow();
  // Hand-made forms for the sources that take secrets; every other source from its description.
  const described = state?.sourceForms.filter((form) => !form.custom) ?? [];
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('settings.sources')}</h2>
      <XSettingsForm />
      <YouTubeSettingsForm />
      <AudienceSettingsForm />
      {described.map((form) => (
        <SchemaForm
          key={form.id}
          form={form}
          status={state?.sources.find((s) => s.id === form.id)}
        />
      ))}
    </section>
  );
}

function XSettingsForm() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const stored = state?.config.x;
  const [enabled, setEnabled] = useState(false);
  const [hashtags, setHashtags] = useState('');
  const [mode, setMode] = useState<'auto' | 'stream' | 'poll'>('auto');
  const [token, setToken] = useState('');
  const [base, setBase] = useState('');
  const [save, run, reset] = useSave();
  useEffect(() => {
    if (!stored) return;
    setEnabled(stored.enabled);
    setHashtags(stored.hashtags.join(' '));
    setMode(stored.mode);
    setBase(stored.apiBaseUrl ?? '');
  }, [stored]);
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const tags = hashtags.split(/[\s,]+/).filter(Boolean);
    void run(() =>
      connection.request('sources:configureX', {
        enabled,
        hashtags: tags,
        mode,
        apiBaseUrl: base.trim() === '' ? null : base.trim(),
        ...(token.trim() ? { bearerToken: token.trim() } : {}),
      }),
    ).then(() => setToken(''));
  };
  return (
    <form className="fields subsection" onSubmit={submit} onChange={reset}>
      <h3>{t('settings.xTitle')}</h3>
      <label className="inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
        {t('settings.enabled')}
      </label>
      <label>
        {t('settings.xHashtags')}
        <input
          value={hashtags}
          placeholder="#NextTalk"
          onChange={(e) => setHashtags(e.target.value)}
        />
      </label>
      <label>
        {t('settings.xMode')}
        <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="auto">{t('settings.xModeAuto')}</option>
          <option value="stream">{t('settings.xModeStream')}</option>
          <option value="poll">{t('settings.xModePoll')}</option>
        </select>
      </label>
      <label>
        {t('settings.xToken')}
        <input
          type="password"
          autoComplete="off"
          value={token}
          placeholder={stored?.tokenSaved ? t('settings.xTokenSaved') : ''}
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      <label>
        {t('settings.apiBase')}
        <input
          value={base}
          placeholder="https://api.x.com"
          onChange={(e) => setBase(e.target.value)}
        />
      </label>
      <div className="form-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={status.kind !== 'connected'}
        >
          {t('settings.save')}
        </button>
        <SaveStatus state={save} />
      </div>
      <StatusLine status={state?.sources.find((s) => s.id === 'x')} />
    </form>
  );
}

function YouTubeSettingsForm() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const stored = state?.config.youtube;
  const [enabled, setEnabled] = useState(false);
  const [video, setVideo] = useState('');
  const [key, setKey] = useState('');
  const [root, setRoot] = useState('');
  const [save, run, reset] = useSave();
  useEffect(() => {
    if (!stored) return;
    setEnabled(stored.enabled);
    setVideo(stored.video);
    setRoot(stored.rootUrl ?? '');
  }, [stored]);
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run(() =>
      connection.request('sources:configureYouTube', {
        enabled,
        video: video.trim(),
        rootUrl: root.trim() === '' ? null : root.trim(),
        ...(key.trim() ? { apiKey: key.trim() } : {}),
      }),
    ).then(() => setKey(''));
  };
  return (
    <form className="fields subsection" onSubmit={submit} onChange={reset}>
      <h3>{t('settings.ytTitle')}</h3>
      <label className="inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
        {t('settings.enabled')}
      </label>
      <label>
        {t('settings.ytVideo')}
        <input
          value={video}
          placeholder="https://www.youtube.com/watch?v=…"
          onChange={(e) => setVideo(e.target.value)}
        />
      </label>
      <label>
        {t('settings.ytKey')}
        <input
          type="password"
          autoComplete="off"
          value={key}
          placeholder={stored?.keySaved ? t('settings.ytKeySaved') : ''}
          onChange={(e) => setKey(e.target.value)}
        />
      </label>
      <label>
        {t('settings.apiBase')}
        <input
          value={root}
          placeholder="https://youtube.googleapis.com/"
          onChange={(e) => setRoot(e.target.value)}
        />
      </label>
      <div className="form-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={status.kind !== 'connected' || video.trim() === ''}
        >
          {t('settings.save')}
        </button>
        <SaveStatus state={save} />
      </div>
      <StatusLine status={state?.sources.find((s) => s.id === 'youtube')} />
    </form>
  );
}

function AudienceSettingsForm() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state, status } = useShow();
  const enabled = state?.config.audience.enabled ?? false;
  const [save, run] = useSave();
  const url = `${location.origin}/audience`;
  return (
    <div className="subsection">
      <h3>{t('settings.audienceTitle')}</h3>
      <label className="inline">
        <input
          type="checkbox"
          checked={enabled}
          disabled={status.kind !== 'connected'}
          onChange={(e) =>
            void run(() =>
              connection.request('sources:configureAudience', { enabled: e.target.checked }),
            )
          }
        />{' '}
        {t('settings.audienceOpen')}
      </label>
      <p className="muted">{t('settings.audienceLink', { url })}</p>
      <SaveStatus state={save} />
    </div>
  );
}
