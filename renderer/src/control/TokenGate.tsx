// Shown instead of the views when the token is missing or rejected: says why, and takes a
// pasted token.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function TokenGate({
  rejected,
  onToken,
}: {
  rejected: boolean;
  onToken: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const token = value.trim();
    if (token) onToken(token);
  };
  return (
    <main className="gate" data-testid="token-gate">
      <section className="gate__card" role="alert">
        <h1>{t(rejected ? 'connection.tokenRejectedTitle' : 'connection.noTokenTitle')}</h1>
        <p>{t(rejected ? 'connection.tokenRejectedBody' : 'connection.noTokenBody')}</p>
        <form onSubmit={submit} className="gate__form">
          <label htmlFor="token">{t('connection.tokenLabel')}</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="button button--primary">
            {t('connection.useToken')}
          </button>
        </form>
      </section>
    </main>
  );
}
