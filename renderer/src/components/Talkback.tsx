// Text talkback between a guest and the production: the lines so far, newest last, and a field
// to send one. Used on the guest's page and in the director panel.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomTalkLine } from '../../../src/shared/guest-room';

export function Talkback({
  lines,
  nameOf,
  label,
  hint,
  onSend,
}: {
  lines: RoomTalkLine[];
  /** Who wrote a line, as this screen calls them. */
  nameOf: (line: RoomTalkLine) => string;
  label: string;
  /** Shown in the empty field: short enough for a phone. */
  hint: string;
  onSend: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (await onSend(text.trim())) setText('');
  };
  return (
    <div className="talkback" data-testid="talkback">
      <ol className="talkback__lines" aria-live="polite">
        {lines.map((line) => (
          <li key={`${line.at}-${line.from}-${line.text}`}>
            <strong>{nameOf(line)}:</strong> <bdi>{line.text}</bdi>
          </li>
        ))}
      </ol>
      <form className="talkback__form" onSubmit={(e) => void send(e)}>
        <input
          aria-label={label}
          placeholder={hint}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button" disabled={!text.trim()}>
          {t('room.talkSend')}
        </button>
      </form>
    </div>
  );
}
