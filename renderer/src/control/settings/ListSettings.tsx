// A settings list saved as a whole (the guests, the rundown): where its rows come from in the
// show's state, how a row becomes part of the request, and which intent saves it. The table
// itself is EditorSection, shared with the destinations.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Ack } from '../../../../src/shared/protocol';
import type { ShowState } from '../../../../src/shared/state';
import { useConnection, useShow } from '../context';
import { EditorSection, useRowEditor, type Field } from './EditorTable';
import { useDraftPart } from './section-draft';

type Connection = ReturnType<typeof useConnection>;

export interface ListSpec<Stored, Row extends { id: string }> {
  id: string;
  title: string;
  addLabel: string;
  reorderable: boolean;
  stored: (state: ShowState) => Stored[];
  toRow: (item: Stored) => Row;
  newRow: () => Row;
  fields: (t: TFunction, state: ShowState | null) => Field<Row>[];
  save: (rows: Row[], connection: Connection) => Promise<Ack>;
  /** More buttons before Save (the rundown's reset). */
  extra?: (
    connection: Connection,
    run: (work: () => Promise<Ack>) => void,
    t: TFunction,
  ) => ReactNode;
}

export function ListSettings<Stored, Row extends { id: string }>({
  spec,
}: {
  spec: ListSpec<Stored, Row>;
}) {
  const { t } = useTranslation();
  const connection = useConnection();
  const { state } = useShow();
  const [edited, setEdited] = useState(false);
  const editor = useRowEditor(state ? spec.stored(state) : undefined, spec.toRow, () =>
    setEdited(true),
  );
  const section = useDraftPart(spec.id, {
    dirty: edited,
    ready: true,
    save: async () => {
      const result = await spec.save(editor.rows, connection);
      if (result.ok) setEdited(false);
      return result;
    },
  });
  return (
    <EditorSection
      id={spec.id}
      title={t(spec.title)}
      fields={spec.fields(t, state)}
      editor={editor}
      addLabel={t(spec.addLabel)}
      newRow={spec.newRow}
      reorderable={spec.reorderable}
      footer={spec.extra?.(connection, section.act, t)}
    />
  );
}
