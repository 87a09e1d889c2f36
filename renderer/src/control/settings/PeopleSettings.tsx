// People with their own link and role: create a link (shown once, with a QR code for a tablet),
// see who used theirs, revoke one at any time (their open screens close at once).
import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText, useWording } from '../../i18n/messages';
import type { PersonSummary } from '../../../../src/shared/protocol';
import { ROLES, type Role } from '../../../../src/shared/roles';
import { relativeTime, useNow } from '../../lib/relative-time';
import { useConnection, useShow } from '../context';
import { CoreButton } from './SaveStatus';

interface NewLink {
  name: string;
  link: string;
  qr: string;
}

export function PeopleSettings() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { status } = useShow();
  const [people, setPeople] = useState<PersonSummary[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('moderator');
  const [created, setCreated] = useState<NewLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const refresh = useCallback(async () => {
    const result = await connection.request('people:list', {});
    if (result.ok) setPeople(result.people);
  }, [connection]);
  useEffect(() => {
    if (status.kind === 'connected') void refresh();
  }, [status.kind, refresh]);

  const add = async (): Promise<void> => {
    setError(null);
    const result = await connection.request('people:add', { name: name.trim(), role });
    if (!result.ok) {
      setError(refusalText(word, result));
      return;
    }
    const qr = await QRCode.toString(result.link, { type: 'svg', margin: 1, width: 220 });
    setCreated({ name: result.person.name, link: result.link, qr });
    setCopied(false);
    setName('');
    await refresh();
  };
  const revoke = async (id: string): Promise<void> => {
    const result = await connection.request('people:revoke', { id });
    if (!result.ok) setError(refusalText(word, result));
    await refresh();
  };

  return (
    <section className="panel" aria-labelledby="people-heading" data-testid="people-settings">
      <h2 id="people-heading">{t('people.title')}</h2>
      <p className="muted">{t('people.help')}</p>
      <div className="form-row">
        <label className="inline">
          {t('people.name')}
          <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="inline">
          {t('people.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`people.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <CoreButton primary onClick={() => void (name.trim() ? add() : undefined)}>
          {t('people.add')}
        </CoreButton>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {created && (
        <div className="person-link" data-testid="person-link">
          <p>{t('people.linkFor', { name: created.name })}</p>
          {/* The SVG comes from the QR library, from our own link: no outside markup. */}
          <div className="person-link__qr" dangerouslySetInnerHTML={{ __html: created.qr }} />
          <p className="mono" data-testid="person-link-url">
            {created.link}
          </p>
          <button
            type="button"
            className="button"
            onClick={() =>
              void navigator.clipboard
                .writeText(created.link)
                .then(() => setCopied(true))
                .catch(() => setCopied(false))
            }
          >
            {copied ? t('people.copied') : t('people.copy')}
          </button>
        </div>
      )}
      {people.length === 0 ? (
        <p className="muted">{t('people.none')}</p>
      ) : (
        <ul className="people">
          {people.map((person) => (
            <PersonRow key={person.id} person={person} onRevoke={() => void revoke(person.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonRow({ person, onRevoke }: { person: PersonSummary; onRevoke: () => void }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const seen = person.lastSeenAt ? relativeTime(person.lastSeenAt, now, t, t('time.now')) : '';
  return (
    <li className="people__item" data-testid={`person-${person.id}`}>
      <strong>{person.name}</strong>
      <span className="muted">{t(`people.roles.${person.role}`)}</span>
      <span className="muted">
        {person.lastSeenAt ? t('people.lastSeen', { when: seen }) : t('people.never')}
      </span>
      <CoreButton onClick={onRevoke}>{t('people.revoke')}</CoreButton>
    </li>
  );
}
