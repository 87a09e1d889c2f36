// Pieces the hand-made and the described settings forms share: a text field, a secret field
// that only says "saved", Enter to save, and a source's status line.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceForm } from '../../../../src/shared/source-forms';
import type { SourceStatus } from '../../../../src/shared/state';
import { useWording } from '../../i18n/messages';
import { shownSourceState } from '../../lib/source-shown-state';

export function TextField(props: {
  label: string;
  value: string;
  placeholder?: string;
  secret?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        {...(props.secret ? { type: 'password', autoComplete: 'off' } : {})}
        value={props.value}
        placeholder={props.placeholder ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** Enter in a field saves the section; its one Save button sits at the section's foot. */
export function SubmitOnEnter() {
  return <button type="submit" hidden tabIndex={-1} />;
}

export function SourceStatusLine({
  status,
  form,
}: {
  status: SourceStatus | undefined;
  /** The source's form, where it says which connected account feeds it. */
  form?: SourceForm;
}) {
  const word = useWording();
  if (!status) return null;
  return (
    <p
      className={`obs-line source-line--${shownSourceState(status, form)}`}
      role="status"
      data-testid={`source-status-${status.id}`}
    >
      {word(status.message)}
    </p>
  );
}

export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="inline">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />{' '}
      {props.label}
    </label>
  );
}

export function SelectField<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(e) =>
          props.onChange(
            props.options.find((o) => o.value === e.target.value)?.value ?? props.value,
          )
        }
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What a form sends for an optional address: null when left empty. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A secret goes along only when typed; empty keeps the saved one. */
export const typedSecret = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  value.trim() ? ({ [key]: value.trim() } as Partial<Record<K, string>>) : {};

/** A source's hand-made form: its title, the on/off switch, then its own fields. */
export function SourceFormFrame(props: {
  title: string;
  enabled: boolean;
  onEnabled: (enabled: boolean) => void;
  onSubmit: () => void;
  onEdit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="fields subsection"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
      onChange={props.onEdit}
    >
      <h3>{props.title}</h3>
      <CheckField
        label={t('settings.enabled')}
        checked={props.enabled}
        onChange={props.onEnabled}
      />
      {props.children}
    </form>
  );
}
