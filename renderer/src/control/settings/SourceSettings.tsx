// Where comments come from: X hashtags, a YouTube live chat, the audience page. Keys and tokens
// go to the core once and are never shown again, only "saved".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useShow } from '../context';
import { SaveStatus } from './SaveStatus';
import { SchemaForm } from './SchemaForm';
import {
  SourceFormFrame,
  SelectField,
  SourceStatusLine,
  SubmitRow,
  TextField,
  orNull,
  typedSecret,
} from './FormParts';
import { useSave } from './use-save';

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
  const { state } = useShow();
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
  const submit = (): void => {
    const tags = hashtags.split(/[\s,]+/).filter(Boolean);
    void run(() =>
      connection.request('sources:configureX', {
        enabled,
        hashtags: tags,
        mode,
        apiBaseUrl: orNull(base),
        ...typedSecret('bearerToken', token),
      }),
    ).then(() => setToken(''));
  };
  return (
    <SourceFormFrame
      title={t('settings.xTitle')}
      enabled={enabled}
      onEnabled={setEnabled}
      onSubmit={submit}
      onEdit={reset}
    >
      <TextField
        label={t('settings.xHashtags')}
        value={hashtags}
        placeholder="#NextTalk"
        onChange={setHashtags}
      />
      <SelectField
        label={t('settings.xMode')}
        value={mode}
        options={[
          { value: 'auto', label: t('settings.xModeAuto') },
          { value: 'stream', label: t('settings.xModeStream') },
          { value: 'poll', label: t('settings.xModePoll') },
        ]}
        onChange={setMode}
      />
      <TextField
        label={t('settings.xToken')}
        secret
        value={token}
        placeholder={stored?.tokenSaved ? t('settings.xTokenSaved') : ''}
        onChange={setToken}
      />
      <TextField
        label={t('settings.apiBase')}
        value={base}
        placeholder="https://api.x.com"
        onChange={setBase}
      />
      <SubmitRow state={save} />
      <SourceStatusLine status={state?.sources.find((s) => s.id === 'x')} />
    </SourceFormFrame>
  );
}

function YouTubeSettingsForm() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state } = useShow();
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
  const submit = (): void => {
    void run(() =>
      connection.request('sources:configureYouTube', {
        enabled,
        video: video.trim(),
        rootUrl: orNull(root),
        ...typedSecret('apiKey', key),
      }),
    ).then(() => setKey(''));
  };
  return (
    <SourceFormFrame
      title={t('settings.ytTitle')}
      enabled={enabled}
      onEnabled={setEnabled}
      onSubmit={submit}
      onEdit={reset}
    >
      <TextField
        label={t('settings.ytVideo')}
        value={video}
        placeholder="https://www.youtube.com/watch?v=…"
        onChange={setVideo}
      />
      <TextField
        label={t('settings.ytKey')}
        secret
        value={key}
        placeholder={stored?.keySaved ? t('settings.ytKeySaved') : ''}
        onChange={setKey}
      />
      <TextField
        label={t('settings.apiBase')}
        value={root}
        placeholder="https://youtube.googleapis.com/"
        onChange={setRoot}
      />
      <SubmitRow state={save} disabled={video.trim() === ''} />
      <SourceStatusLine status={state?.sources.find((s) => s.id === 'youtube')} />
    </SourceFormFrame>
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
