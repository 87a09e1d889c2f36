// Privacy: how long viewers' names stay in ended shows, and deleting one person's comments on
// request (confirmed first: it cannot be undone).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, type Platform } from '../../../../src/shared/comment';
import { refusalText, useWording } from '../../i18n/messages';
import { ConfirmDialog } from '../producer/ConfirmDialog';
import { useConnection } from '../context';

export function PrivacyPanel() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [days, setDays] = useState('');
  const [platform, setPlatform] = useState<Platform>('youtube');
  const [handle, setHandle] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const saveRetention = async (): Promise<void> => {
    const value = days.trim() === '' ? null : Number(days);
    const result = await connection.request('privacy:setRetention', { days: value });
    setNote(
      result.ok ? t('privacy.saved', { count: result.anonymized }) : refusalText(word, result),
    );
  };
  const forget = async (): Promise<void> => {
    const result = await connection.request('privacy:forget', {
      platform,
      by: 'handle',
      author: handle,
    });
    setNote(
      result.ok ? t('privacy.deleted', { count: result.deleted }) : refusalText(word, result),
    );
    if (result.ok) setHandle('');
  };

  return (
    <section className="panel privacy" aria-labelledby="privacy-heading">
      <div className="panel__head">
        <h2 id="privacy-heading">{t('privacy.heading')}</h2>
      </div>
      <form
        className="show-plan"
        onSubmit={(e) => {
          e.preventDefault();
          void saveRetention();
        }}
      >
        <label>
          {t('privacy.retention')}
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            placeholder={t('privacy.keep')}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {t('privacy.saveRetention')}
        </button>
      </form>
      <form
        className="show-plan"
        onSubmit={(e) => {
          e.preventDefault();
          if (handle.trim() !== '') setConfirm(true);
        }}
      >
        <label>
          {t('privacy.platform')}
          <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('privacy.handle')}
          <input value={handle} onChange={(e) => setHandle(e.target.value)} />
        </label>
        <button type="submit" className="button button--danger" disabled={handle.trim() === ''}>
          {t('privacy.forget')}
        </button>
      </form>
      {note && <p role="status">{note}</p>}
      {confirm && (
        <ConfirmDialog
          text={t('privacy.confirmForget', { handle, platform })}
          action={t('privacy.forget')}
          onConfirm={() => {
            setConfirm(false);
            void forget();
          }}
          onCancel={() => setConfirm(false)}
        />
      )}
    </section>
  );
}
