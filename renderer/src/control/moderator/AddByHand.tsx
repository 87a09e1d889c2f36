// "Add by hand": a question the moderator saw or heard elsewhere (a phone call, the room, a
// platform Panelcast cannot read) typed into the queue, tagged with where it came from.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BY_HAND_PLATFORMS, MAX_COMMENT_TEXT } from '../../../../src/shared/comment';
import { PlatformIcon } from '../../components/PlatformIcon';
import { refusalText, useWording } from '../../i18n/messages';
import { useConnection } from '../context';

const SOURCES = BY_HAND_PLATFORMS;
type HandSource = (typeof SOURCES)[number];

export function AddByHand() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [open, setOpen] = useState(false);
  const [platform, setPlatform] = useState<HandSource>('elsewhere');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    const result = await connection.request('queue:addByHand', { platform, name, text });
    if (result.ok) {
      setText('');
      setName('');
      setError(null);
    } else setError(refusalText(word, result));
  };

  if (!open)
    return (
      // A "+" keeps the toolbar on one row at tablet width; the name is read out and shown on hover.
      <button
        type="button"
        className="button"
        aria-label={t('moderator.addByHand')}
        title={t('moderator.addByHand')}
        onClick={() => setOpen(true)}
      >
        +
      </button>
    );
  return (
    <form
      className="by-hand"
      aria-label={t('moderator.addByHand')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <PlatformIcon platform={platform} label={t(`platform.${platform}`)} size={16} />
      <label>
        {t('moderator.byHandFrom')}{' '}
        <select value={platform} onChange={(e) => setPlatform(e.target.value as HandSource)}>
          {SOURCES.map((p) => (
            <option key={p} value={p}>
              {t(`platform.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('moderator.byHandName')}{' '}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="by-hand__text">
        {t('moderator.byHandText')}{' '}
        <input
          value={text}
          maxLength={MAX_COMMENT_TEXT}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={text.trim() === ''}>
        {t('moderator.byHandAdd')}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t('moderator.byHandClose')}
      </button>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
