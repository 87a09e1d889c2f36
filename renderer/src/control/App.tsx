// The control UI's frame: header with views, language and connection status; the active view
// below. Keyboard: F1 Producer, F2 Moderator, F3 Settings, F4 Shows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n';
import { ConnectionIndicator } from './ConnectionIndicator';
import { ObsBanner, ObsIndicator } from './obs/ObsBanner';
import { StorageBanner } from './StorageBanner';
import { useShow } from './context';
import { VIEWS, useView, type View } from './router';
import { TokenGate } from './TokenGate';
import { ModeratorView } from './views/ModeratorView';
import { ProducerView } from './views/ProducerView';
import { SettingsView } from './views/SettingsView';
import { ShowsView } from './views/ShowsView';

const MODERATOR_VIEWS: readonly View[] = ['moderator'];
const VIEW_KEYS: Record<string, View> = {
  F1: 'producer',
  F2: 'moderator',
  F3: 'settings',
  F4: 'shows',
};

export function App({ onToken }: { onToken: (token: string) => void }) {
  const { t, i18n } = useTranslation();
  const { status, state, session } = useShow();
  const [chosen, navigate] = useView();
  // A moderator's link opens the moderator view only; the core refuses the rest anyway.
  const allowed: readonly View[] = session?.role === 'moderator' ? MODERATOR_VIEWS : VIEWS;
  const view: View = allowed.includes(chosen) ? chosen : (allowed[0] ?? 'moderator');
  const [settingsOpened, setSettingsOpened] = useState(false);
  if (view === 'settings' && !settingsOpened) setSettingsOpened(true);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = VIEW_KEYS[event.key];
      if (target && allowed.includes(target) && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        navigate(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, allowed]);

  useEffect(() => {
    const title = state?.app.showTitle;
    document.title = title ? `${title} · Panelcast` : 'Panelcast';
  }, [state?.app.showTitle]);

  const gated = status.kind === 'token_rejected' || status.kind === 'no_token';

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          {state && (
            <>
              <span className="topbar__show" data-testid="show-title">
                {state.app.showTitle ?? t('app.untitled')}
              </span>
              <span className={`show-state show-state--${state.show.state}`}>
                {t(`shows.state.${state.show.state}`)}
              </span>
            </>
          )}
        </div>
        {!gated && (
          <nav className="tabs" aria-label={t('nav.label')}>
            {allowed.map((name) => (
              <a
                key={name}
                href={`/${name}`}
                className={`tabs__tab${view === name ? ' tabs__tab--active' : ''}`}
                aria-current={view === name ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(name);
                }}
              >
                {t(`nav.${name}`)}
                <kbd>F{VIEWS.indexOf(name) + 1}</kbd>
              </a>
            ))}
          </nav>
        )}
        <div className="topbar__end">
          <select
            className="language"
            aria-label={t('settings.language')}
            value={i18n.language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            {LANGUAGES.map((lng) => (
              <option key={lng} value={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </select>
          {session && !session.owner && (
            <span className="topbar__person" data-testid="session-person">
              {session.name} · {t(`people.roles.${session.role}`)}
            </span>
          )}
          {state && !gated && <ObsIndicator obs={state.obs} />}
          <ConnectionIndicator status={status} />
        </div>
      </header>
      {status.kind === 'reconnecting' && (
        <div className="banner banner--warn" role="alert">
          {t('connection.offlineNotice')}
        </div>
      )}
      {state && !gated && <StorageBanner storage={state.diagnostics.storage} />}
      {state && !gated && <ObsBanner obs={state.obs} onSettings={() => navigate('settings')} />}
      {gated ? (
        <TokenGate rejected={status.kind === 'token_rejected'} onToken={onToken} />
      ) : (
        <main className="view" data-view={view}>
          {view === 'producer' && <ProducerView />}
          {view === 'moderator' && <ModeratorView />}
          {/* Once opened, Settings stays mounted (hidden) so a draft survives a look elsewhere. */}
          {(view === 'settings' || settingsOpened) && (
            <div hidden={view !== 'settings'} className="view__keep">
              <SettingsView />
            </div>
          )}
          {view === 'shows' && <ShowsView />}
        </main>
      )}
    </div>
  );
}
