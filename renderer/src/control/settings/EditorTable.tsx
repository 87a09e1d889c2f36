// One table for every list the producer edits in Settings (rundown segments, guests,
// destinations): the fields come as a description, each row gets its own actions and, where it
// has one, a status line below it. Rows are edited locally until saved.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Field<Row> {
  key: keyof Row & string;
  label: string;
  kind: 'text' | 'decimal' | 'password' | 'select' | 'checkbox';
  maxLength?: number;
  options?: (row: Row) => { value: string; label: string }[];
  placeholder?: (row: Row) => string;
  readOnly?: (row: Row) => boolean;
  /** Other fields that change with this one (a platform brings its preset server). */
  also?: (value: string | boolean, row: Row) => Partial<Row>;
}

export interface RowEditor<Row> {
  rows: Row[];
  setRows: (change: (rows: Row[]) => Row[]) => void;
  change: (index: number, patch: Partial<Row>) => void;
  remove: (index: number) => void;
  moveUp: (index: number) => void;
  add: (row: Row) => void;
}

/** Local rows, refilled whenever the stored list changes; `keep` holds rows not saved yet. */
export function useRowEditor<Stored, Row extends { id: string }>(
  stored: Stored[] | undefined,
  toRow: (item: Stored) => Row,
  onEdit: () => void = () => undefined,
  keep: (row: Row, stored: Stored[]) => boolean = () => false,
): RowEditor<Row> {
  const [rows, setRowsState] = useState<Row[]>([]);
  useEffect(() => {
    if (stored)
      setRowsState((current) => [...stored.map(toRow), ...current.filter((r) => keep(r, stored))]);
    // toRow and keep are plain mappings; only a new stored list refills the rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);
  const setRows = useCallback((change: (rows: Row[]) => Row[]) => setRowsState(change), []);
  return {
    rows,
    setRows,
    change: (index, patch) => {
      setRowsState((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
      onEdit();
    },
    remove: (index) => {
      setRowsState((r) => r.filter((_, i) => i !== index));
      onEdit();
    },
    moveUp: (index) => {
      setRowsState((r) => {
        const next = [...r];
        const [item] = next.splice(index, 1);
        if (item) next.splice(Math.max(0, index - 1), 0, item);
        return next;
      });
      onEdit();
    },
    add: (row) => {
      setRowsState((r) => [...r, row]);
      onEdit();
    },
  };
}

function Cell<Row>({
  field,
  row,
  onChange,
}: {
  field: Field<Row>;
  row: Row;
  onChange: (patch: Partial<Row>) => void;
}) {
  const value = row[field.key];
  const set = (next: string | boolean): void =>
    onChange({ [field.key]: next, ...field.also?.(next, row) });
  if (field.kind === 'checkbox') {
    return (
      <label className="inline">
        <input
          type="checkbox"
          aria-label={field.label}
          checked={value === true}
          onChange={(e) => set(e.target.checked)}
        />{' '}
        {field.label}
      </label>
    );
  }
  if (field.kind === 'select') {
    return (
      <select aria-label={field.label} value={String(value)} onChange={(e) => set(e.target.value)}>
        {(field.options?.(row) ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      aria-label={field.label}
      type={field.kind === 'password' ? 'password' : 'text'}
      autoComplete={field.kind === 'password' ? 'off' : undefined}
      inputMode={field.kind === 'decimal' ? 'decimal' : undefined}
      className={field.kind === 'decimal' ? 'editor__number' : undefined}
      spellCheck={field.kind === 'text' ? undefined : false}
      maxLength={field.maxLength}
      readOnly={field.readOnly?.(row) ?? false}
      placeholder={field.placeholder?.(row)}
      value={String(value ?? '')}
      onChange={(e) => set(e.target.value)}
    />
  );
}

export interface EditorSectionProps<Row extends { id: string }> {
  id: string;
  title: string;
  /** Shown under the title, where the section needs a word of help. */
  intro?: ReactNode;
  fields: Field<Row>[];
  editor: RowEditor<Row>;
  addLabel: string;
  newRow: () => Row;
  /** "Move up" on each row (the rundown's order matters). */
  reorderable?: boolean;
  /** Replaces the plain "Remove" (a destination is removed on the server at once). */
  rowActions?: (row: Row, index: number) => ReactNode;
  /** A status line under the row, where there is one. */
  note?: (row: Row) => ReactNode;
  testId?: (row: Row) => string;
  /** Buttons after "Add" (Save and the like). */
  footer?: ReactNode;
}

/** A settings section holding one editable list: title, table, "Add" and the section's buttons. */
export function EditorSection<Row extends { id: string }>(props: EditorSectionProps<Row>) {
  const { t } = useTranslation();
  const { editor } = props;
  const actions = (row: Row, i: number): ReactNode =>
    props.rowActions?.(row, i) ?? (
      <>
        {props.reorderable && (
          <button
            type="button"
            className="mini"
            disabled={i === 0}
            onClick={() => editor.moveUp(i)}
          >
            {t('settings.moveUp')}
          </button>
        )}
        <button type="button" className="mini mini--reject" onClick={() => editor.remove(i)}>
          {t('settings.remove')}
        </button>
      </>
    );
  return (
    <section className="panel" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.intro}
      <table className="editor">
        <thead>
          <tr>
            {props.fields.map((f) => (
              <th key={f.key}>{f.kind === 'checkbox' ? '' : f.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        {editor.rows.map((row, i) => {
          const line = props.note?.(row);
          return (
            <tbody key={row.id} data-testid={props.testId?.(row)}>
              <tr>
                {props.fields.map((f) => (
                  <td key={f.key}>
                    <Cell field={f} row={row} onChange={(patch) => editor.change(i, patch)} />
                  </td>
                ))}
                <td className="editor__actions">{actions(row, i)}</td>
              </tr>
              {line && (
                <tr className="editor__note">
                  <td colSpan={props.fields.length + 1}>{line}</td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
      <div className="form-row">
        <button type="button" className="button" onClick={() => editor.add(props.newRow())}>
          {props.addLabel}
        </button>
        {props.footer}
      </div>
    </section>
  );
}
