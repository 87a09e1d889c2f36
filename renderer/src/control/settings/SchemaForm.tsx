// A settings form built from a source's run-time description (JSON Schema plus labels in both
// languages), so a newly registered platform shows up in Settings without a UI change.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceForm } from '../../../../src/shared/source-forms';
import type { SourceStatus } from '../../../../src/shared/state';
import { useConnection } from '../context';
import { SourceStatusLine, SubmitOnEnter, TextField } from './FormParts';
import { useDraftPart } from './section-draft';

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  items?: { type?: string };
  default?: unknown;
}

type Values = Record<string, unknown>;

/** What the empty token field says: fed by a connected account, or a token saved, or nothing. */
function secretPlaceholder(
  secret: NonNullable<SourceForm['secret']>,
  t: (key: string) => string,
): string {
  if (secret.account?.state === 'connected') return t('settings.secretFromAccount');
  if (secret.saved) return t('settings.secretSaved');
  return secret.account ? t('settings.secretAccountLost') : '';
}

function initialValue(schema: FieldSchema, saved: unknown): unknown {
  if (saved !== undefined && saved !== null) return saved;
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array') return [];
  if (schema.enum) return schema.enum[0];
  return '';
}

function Field(props: {
  name: string;
  label: string;
  schema: FieldSchema;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { schema, value, onChange } = props;
  if (schema.type === 'boolean') {
    return (
      <label className="inline">
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {props.label}
      </label>
    );
  }
  if (schema.enum) {
    return (
      <label>
        {props.label}
        <select value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const list = schema.type === 'array';
  const number = schema.type === 'number' || schema.type === 'integer';
  return (
    <label>
      {props.label}
      <input
        type={number ? 'number' : 'text'}
        value={list && Array.isArray(value) ? value.join(' ') : String(value)}
        onChange={(e) => {
          const text = e.target.value;
          if (list) onChange(text.split(/[\s,]+/).filter((part) => part !== ''));
          else onChange(number ? Number(text) : text);
        }}
      />
    </label>
  );
}

export function SchemaForm({
  form,
  status,
}: {
  form: SourceForm;
  status: SourceStatus | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'de' ? 'de' : 'en';
  const connection = useConnection();
  const all = (form.schema.properties ?? {}) as Record<string, FieldSchema>;
  // A test server's address is shown only where one is set (the core refuses it otherwise).
  const properties = Object.fromEntries(
    Object.entries(all).filter(
      ([name]) => name !== form.testHook || (form.saved?.[name] ?? null) !== null,
    ),
  );
  const [secret, setSecret] = useState('');
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [
        name,
        initialValue(schema, form.saved?.[name]),
      ]),
    ),
  );
  const [edited, setEdited] = useState(false);
  const section = useDraftPart(`source-${form.id}`, {
    dirty: edited,
    ready: true,
    save: async () => {
      const typed = secret.trim();
      const result = await connection.request('sources:configure', {
        source: form.id,
        settings: values,
        ...(typed === '' ? {} : { secret: typed }),
      });
      if (result.ok) {
        setEdited(false);
        setSecret('');
      }
      return result;
    },
  });
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    section.saveAll();
  };
  return (
    <form
      className="fields subsection"
      onSubmit={submit}
      onChange={() => setEdited(true)}
      data-testid={`source-form-${form.id}`}
    >
      <h3>{form.label[language]}</h3>
      {form.help && <p className="muted form-help">{form.help[language]}</p>}
      {Object.entries(properties).map(([name, schema]) => (
        <Field
          key={name}
          name={name}
          label={form.fields[name]?.[language] ?? name}
          schema={schema}
          value={values[name]}
          onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
        />
      ))}
      {form.secret && (
        <TextField
          secret
          label={form.secret.label[language]}
          value={secret}
          placeholder={secretPlaceholder(form.secret, t)}
          onChange={setSecret}
        />
      )}
      <SubmitOnEnter />
      <SourceStatusLine status={status} form={form} />
    </form>
  );
}
