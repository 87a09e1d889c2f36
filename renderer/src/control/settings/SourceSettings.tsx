// Where comments come from: X hashtags, a YouTube live chat, the audience page. Keys and tokens
// go to the core once and are never shown again, only "saved".
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Ack } from '../../../../src/shared/protocol';
import type { ShowState } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { QuotaLine } from './QuotaLine';
import { SchemaForm } from './SchemaForm';
import {
  SourceFormFrame,
  SelectField,
  SourceStatusLine,
  SubmitOnEnter,
  TextField,
  orNull,
  typedSecret,
} from './FormParts';
import { useDraftPart } from './section-draft';

/** Where the current show reads only some sources: which, so a source turned on that does not run is explained. */
function ShowChoiceNote({ state }: { state: ShowState | null }) {
  const { t, i18n } = useTranslation();
  const chosen = state?.show.sources;
  if (!state || chosen === null || chosen === undefined) return null;
  const language = i18n.language === 'de' ? 'de' : 'en';
  const names = state.sourceForms
    .filter((f) => chosen.includes(f.id))
    .map((f) => f.label[language]);
  return (
    <p className="muted" data-testid="show-sources-note">
      {names.length === 0
        ? t('settings.showUsesNoSource')
        : t('settings.showUsesOnly', { list: names.join(', ') })}
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
      <ShowChoiceNote state={state} />
      <HandSourceForm spec={xSpec(t, state)} />
      <HandSourceForm spec={youTubeSpec(t, state)} />
      {described.map((form) => (
        <SchemaForm
          // Settings saved elsewhere (REST, another screen) start the form afresh.
          key={`${form.id}:${JSON.stringify(form.saved)}`}
          form={form}
          status={state?.sources.find((s) => s.id === form.id)}
        />
      ))}
    </section>
  );
}

/** A hand-made source form as data: its fields, what it shows of the stored settings, what it sends. */
interface HandField {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'select';
  placeholder: string;
  options?: readonly { value: string; label: string }[];
}

interface HandFormSpec {
  id: 'x' | 'youtube';
  title: string;
  /** What the platform needs and what it does not allow, said plainly. */
  help: string;
  fields: HandField[];
  /** Field values and the switch from the stored settings (secrets are never among them). */
  load: (state: ShowState) => { enabled: boolean; values: Record<string, string> };
  send: (
    connection: ReturnType<typeof useConnection>,
    enabled: boolean,
    values: Record<string, string>,
  ) => Promise<Ack>;
  /** Until this holds, Save stays off (YouTube needs the video). */
  ready: (values: Record<string, string>) => boolean;
}

function xSpec(t: TFunction, state: ShowState | null): HandFormSpec {
  return {
    id: 'x',
    title: t('settings.xTitle'),
    help: t('settings.xHelp'),
    fields: [
      { key: 'hashtags', label: t('settings.xHashtags'), kind: 'text', placeholder: '#NextTalk' },
      {
        key: 'mode',
        label: t('settings.xMode'),
        kind: 'select',
        placeholder: '',
        options: [
          { value: 'auto', label: t('settings.xModeAuto') },
          { value: 'stream', label: t('settings.xModeStream') },
          { value: 'poll', label: t('settings.xModePoll') },
        ],
      },
      {
        key: 'token',
        label: t('settings.xToken'),
        kind: 'secret',
        placeholder: state?.config.x.tokenSaved ? t('settings.xTokenSaved') : '',
      },
      // A redirected API address exists only where the core runs with test hooks.
      ...(state?.config.x.apiBaseUrl
        ? [{ key: 'base', label: t('settings.apiBase'), kind: 'text' as const, placeholder: '' }]
        : []),
    ],
    load: ({ config: { x } }) => ({
      enabled: x.enabled,
      values: { hashtags: x.hashtags.join(' '), mode: x.mode, base: x.apiBaseUrl ?? '' },
    }),
    send: (connection, enabled, v) =>
      connection.request('sources:configureX', {
        enabled,
        hashtags: (v.hashtags ?? '').split(/[\s,]+/).filter(Boolean),
        mode: v.mode === 'stream' || v.mode === 'poll' ? v.mode : 'auto',
        apiBaseUrl: orNull(v.base ?? ''),
        ...typedSecret('bearerToken', v.token ?? ''),
      }),
    ready: () => true,
  };
}

function youTubeSpec(t: TFunction, state: ShowState | null): HandFormSpec {
  return {
    id: 'youtube',
    title: t('settings.ytTitle'),
    help: t('settings.ytHelp'),
    fields: [
      {
        key: 'video',
        label: t('settings.ytVideo'),
        kind: 'text',
        placeholder: 'https://www.youtube.com/watch?v=…',
      },
      {
        key: 'key',
        label: t('settings.ytKey'),
        kind: 'secret',
        placeholder: state?.config.youtube.keySaved ? t('settings.ytKeySaved') : '',
      },
      { key: 'minutes', label: t('settings.ytShowMinutes'), kind: 'text', placeholder: '180' },
      ...(state?.config.youtube.rootUrl
        ? [{ key: 'root', label: t('settings.apiBase'), kind: 'text' as const, placeholder: '' }]
        : []),
    ],
    load: ({ config: { youtube } }) => ({
      enabled: youtube.enabled,
      values: {
        video: youtube.video,
        root: youtube.rootUrl ?? '',
        minutes: String(youtube.showMinutes),
      },
    }),
    send: (connection, enabled, v) =>
      connection.request('sources:configureYouTube', {
        enabled,
        video: (v.video ?? '').trim(),
        rootUrl: orNull(v.root ?? ''),
        showMinutes: Number(v.minutes ?? '') || 180,
        ...typedSecret('apiKey', v.key ?? ''),
      }),
    ready: (v) => (v.video ?? '').trim() !== '',
  };
}

/** Keys and tokens go to the core once and are cleared from the field after saving. */
function HandSourceForm({ spec }: { spec: HandFormSpec }) {
  const connection = useConnection();
  const { state } = useShow();
  const [enabled, setEnabled] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState(false);
  const stored = state ? JSON.stringify(spec.load(state)) : null;
  useEffect(() => {
    if (stored === null) return;
    const loaded = JSON.parse(stored) as ReturnType<HandFormSpec['load']>;
    setEnabled(loaded.enabled);
    setValues((current) => ({ ...current, ...loaded.values }));
  }, [stored]);
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const secrets = spec.fields.filter((f) => f.kind === 'secret').map((f) => f.key);
  const section = useDraftPart(`source-${spec.id}`, {
    dirty: edited,
    ready: spec.ready(values),
    save: async () => {
      const result = await spec.send(connection, enabled, values);
      if (result.ok) {
        setValues((v) => ({ ...v, ...Object.fromEntries(secrets.map((k) => [k, ''])) }));
        setEdited(false);
      }
      return result;
    },
  });
  return (
    <SourceFormFrame
      title={spec.title}
      enabled={enabled}
      onEnabled={setEnabled}
      onSubmit={section.saveAll}
      onEdit={() => setEdited(true)}
    >
      <p className="muted form-help">{spec.help}</p>
      {spec.fields.map((field) =>
        field.kind === 'select' ? (
          <SelectField
            key={field.key}
            label={field.label}
            value={values[field.key] ?? ''}
            options={field.options ?? []}
            onChange={set(field.key)}
          />
        ) : (
          <TextField
            key={field.key}
            label={field.label}
            secret={field.kind === 'secret'}
            value={values[field.key] ?? ''}
            placeholder={field.placeholder}
            onChange={set(field.key)}
          />
        ),
      )}
      <SubmitOnEnter />
      <SourceStatusLine status={state?.sources.find((s) => s.id === spec.id)} />
      <QuotaLine quota={state?.sources.find((s) => s.id === spec.id)?.quota ?? null} />
    </SourceFormFrame>
  );
}
