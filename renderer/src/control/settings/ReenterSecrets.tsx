// Which saved passwords and keys this Panelcast can no longer read (its key file was lost or
// replaced, or the keychain changed): they are treated as not saved until typed again below.
import { useTranslation } from 'react-i18next';

/** A secret's stored name in words: "x.bearer" → "X bearer token". */
function label(t: (key: string, options?: Record<string, string>) => string, name: string): string {
  if (name.startsWith('relay.key.')) return t('reenter.names.relay', { id: name.slice(10) });
  const known: Record<string, string> = {
    'obs.password': 'reenter.names.obs',
    'x.bearer': 'reenter.names.x',
    'youtube.apiKey': 'reenter.names.youtube',
  };
  const key = known[name];
  return key ? t(key) : name;
}

export function ReenterSecrets({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return (
    <section className="panel banner--warn" role="alert" data-testid="reenter-secrets">
      <h2>{t('reenter.title')}</h2>
      <p>{t('reenter.why')}</p>
      <ul>
        {names.map((name) => (
          <li key={name}>{label(t, name)}</li>
        ))}
      </ul>
    </section>
  );
}
