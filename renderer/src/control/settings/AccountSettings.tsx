// Connected platform accounts: connect in a browser on this computer, with a code on any device
// (where the platform offers one) or by pasting a token; each account's status in words; Revoke.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountStatus, ConnectPlatform } from '../../../../src/shared/connect';
import { refusalText, useWording } from '../../i18n/messages';
import { useConnection, useShow } from '../context';
import { CoreButton } from './SaveStatus';

const SITES: Record<ConnectPlatform, string> = {
  twitch: 'Twitch',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
};
/** Platforms with a device-code grant (RFC 8628). */
const HAS_CODE: ReadonlySet<ConnectPlatform> = new Set(['twitch']);
const WAITING = new Set(['waiting_browser', 'waiting_device']);

export function AccountSettings() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { status } = useShow();
  const [accounts, setAccounts] = useState<AccountStatus[]>([]);

  const refresh = useCallback(async () => {
    const result = await connection.request('connect:list', {});
    if (result.ok) setAccounts(result.accounts);
  }, [connection]);
  useEffect(() => {
    if (status.kind === 'connected') void refresh();
  }, [status.kind, refresh]);
  // While a flow waits, ask again every two seconds until it ends.
  const waiting = accounts.some((a) => WAITING.has(a.state));
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void refresh(), 2000);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  return (
    <section className="panel" aria-labelledby="accounts-heading" data-testid="account-settings">
      <h2 id="accounts-heading">{t('accounts.title')}</h2>
      <p className="muted">{t('accounts.help')}</p>
      <ul className="accounts">
        {accounts.map((account) => (
          <AccountRow key={account.platform} account={account} onChange={refresh} />
        ))}
      </ul>
    </section>
  );
}

function AccountRow({
  account,
  onChange,
}: {
  account: AccountStatus;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [instanceUrl, setInstanceUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { platform } = account;
  const instance =
    platform === 'mastodon' && instanceUrl.trim() ? { instanceUrl: instanceUrl.trim() } : {};

  const answer = async (
    result: { ok: true } | { ok: false; message: AccountStatus['message'] },
  ) => {
    setError(result.ok ? null : refusalText(word, result));
    await onChange();
  };
  const start = async (method: 'loopback' | 'device') => {
    const secret = clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {};
    const result = await connection.request('connect:start', {
      platform,
      method,
      clientId: clientId.trim(),
      ...secret,
      ...instance,
    });
    if (result.ok && result.account.authorizeUrl)
      window.open(result.account.authorizeUrl, '_blank');
    await answer(result);
  };
  const paste = async () => {
    const result = await connection.request('connect:paste', {
      platform,
      token: token.trim(),
      ...instance,
    });
    if (result.ok) setToken('');
    await answer(result);
  };
  const connected = account.state === 'connected';
  const waiting = WAITING.has(account.state);

  return (
    <li className="accounts__item" data-testid={`account-${platform}`}>
      <h3>{SITES[platform]}</h3>
      <p className="account__status" role="status" data-state={account.state}>
        {word(account.message, true)}
      </p>
      {account.state === 'waiting_device' && (
        <p className="account__code" aria-label={t('accounts.code')}>
          {typeof account.message.params.code === 'string' ? account.message.params.code : ''}
        </p>
      )}
      {account.state === 'waiting_browser' && account.authorizeUrl && (
        <a className="button" href={account.authorizeUrl} target="_blank" rel="noreferrer">
          {t('accounts.open')}
        </a>
      )}
      {!connected && !waiting && (
        <div className="account__form">
          {platform === 'mastodon' && (
            <label>
              {t('accounts.instance')}
              <input
                value={instanceUrl}
                placeholder="https://chaos.social"
                maxLength={300}
                onChange={(e) => setInstanceUrl(e.target.value)}
              />
            </label>
          )}
          <label>
            {t('accounts.clientId')}
            <input value={clientId} maxLength={200} onChange={(e) => setClientId(e.target.value)} />
          </label>
          <label>
            {t('accounts.clientSecret')}
            <input
              type="password"
              value={clientSecret}
              maxLength={500}
              onChange={(e) => setClientSecret(e.target.value)}
            />
          </label>
          <CoreButton primary onClick={() => void start('loopback')}>
            {t('accounts.connectBrowser')}
          </CoreButton>
          {HAS_CODE.has(platform) && (
            <CoreButton onClick={() => void start('device')}>
              {t('accounts.connectCode')}
            </CoreButton>
          )}
        </div>
      )}
      {!connected && !waiting && (
        <div className="account__form">
          <label>
            {t('accounts.token')}
            <input
              type="password"
              value={token}
              maxLength={4000}
              autoComplete="off"
              onChange={(e) => setToken(e.target.value)}
            />
          </label>
          <CoreButton onClick={() => void paste()}>{t('accounts.paste')}</CoreButton>
        </div>
      )}
      {waiting && (
        <CoreButton
          onClick={() => void connection.request('connect:cancel', { platform }).then(answer)}
        >
          {t('accounts.cancel')}
        </CoreButton>
      )}
      {connected && (
        <CoreButton
          onClick={() => void connection.request('connect:revoke', { platform }).then(answer)}
        >
          {t('accounts.revoke')}
        </CoreButton>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </li>
  );
}
