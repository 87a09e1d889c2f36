// Producer intents for OBS (socket and REST alike): where OBS is, scenes, studio mode,
// transitions, stream and record. Each refuses in plain words when OBS cannot do it now.
import { notConnected, type ObsConnection } from './obs-connection.js';
import type { ProgramMonitor } from './program-monitor.js';
import { UserError } from '../shared/errors.js';
import { hostOf } from '../shared/secret-hosts.js';
import { message } from '../shared/messages/message.js';
import type { StateHub } from '../shared/state-hub.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import { intentRoute, type Route } from '../core/routes.js';
import type { IntentRegistry } from '../core/intent-registry.js';

export interface ObsApiDeps {
  obs: ObsConnection;
  monitor: ProgramMonitor;
  hub: StateHub;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
}

const PASSWORD = 'obs.password';

/** Connects to the OBS stored in the settings, if any. */
export function connectStoredObs({ obs, settings, secrets }: ObsApiDeps): void {
  const url = settings.get('obs.url');
  if (url !== null) obs.configure({ url, password: passwordFor(secrets, url) });
}

/** The saved password, only for the OBS address it was saved with. */
function passwordFor(secrets: SecretStore, url: string): string {
  const host = hostOf(url);
  return host === null ? '' : (secrets.getFor(PASSWORD, [host]) ?? '');
}

export function obsConfigSummary({ settings, secrets }: Pick<ObsApiDeps, 'settings' | 'secrets'>) {
  return { obsUrl: settings.get('obs.url'), obsPasswordSaved: secrets.has(PASSWORD) };
}

/** Refuses clearly when OBS is not connected, or (feature detection) lacks the requests needed. */
function connected(obs: ObsConnection, ...requests: string[]): void {
  if (obs.state.status !== 'connected') {
    throw new UserError('unavailable', notConnected(obs.state));
  }
  const missing = requests.filter((r) => !obs.supports(r));
  if (missing.length > 0) {
    throw new UserError(
      'unavailable',
      message('obs.missing_requests', {
        version: obs.state.obsVersion ?? message('obs.unknown_version'),
        requests: missing.join(', '),
      }),
    );
  }
}

/** A typed password is bound to the OBS address; without one, a new address drops the saved one. */
function savePassword(
  secrets: SecretStore,
  password: string | undefined,
  url: string,
  previous: string | null,
): void {
  if (password === '') {
    secrets.delete(PASSWORD);
    return;
  }
  const hosts = (address: string | null): string[] => {
    const host = address === null ? null : hostOf(address);
    return host === null ? [] : [host];
  };
  secrets.saveFor({
    name: PASSWORD,
    typed: password,
    hosts: hosts(url),
    previous: hosts(previous),
    what: 'obs_password',
  });
}

export function registerObsIntents(intents: IntentRegistry, deps: ObsApiDeps): void {
  const { obs, hub, settings, secrets, audit } = deps;
  const publishConfig = (): void =>
    hub.update('config', (c) => ({ ...c, ...obsConfigSummary(deps) }));

  intents.handle('obs:configure', ({ url, password }, { actor }) => {
    try {
      savePassword(secrets, password, url, settings.get('obs.url'));
    } finally {
      publishConfig();
    }
    settings.set('obs.url', url);
    audit.append({
      actor,
      action: 'obs:configure',
      target: url,
      detail: { passwordChanged: password !== undefined },
    });
    obs.configure({ url, password: passwordFor(secrets, url) });
    publishConfig();
    return {};
  });

  intents.handle('obs:disconnect', (_input, { actor }) => {
    settings.set('obs.url', null);
    audit.append({ actor, action: 'obs:disconnect', target: null, detail: undefined });
    obs.configure(null);
    publishConfig();
    return {};
  });

  intents.handle('obs:switchScene', async ({ scene, to }, { actor }) => {
    connected(obs, 'SetCurrentProgramScene', 'SetCurrentPreviewScene');
    const state = obs.state;
    if (!state.scenes.includes(scene)) {
      throw new UserError(
        'not_found',
        message('obs.no_scene', { scene, scenes: state.scenes.join(', ') }),
      );
    }
    const target = to ?? (state.studioMode ? 'preview' : 'program');
    if (target === 'preview' && !state.studioMode) {
      throw new UserError('conflict', message('obs.no_studio_preview'));
    }
    await obs.call(target === 'preview' ? 'SetCurrentPreviewScene' : 'SetCurrentProgramScene', {
      sceneName: scene,
    });
    audit.append({ actor, action: 'obs:switchScene', target: scene, detail: { to: target } });
    return { scene, to: target };
  });

  // No audit entry: screens ask several times a second while the monitor is in view.
  intents.handle('obs:monitor', () => deps.monitor.snapshot());

  intents.handle('obs:transition', async (_input, { actor }) => {
    connected(obs, 'TriggerStudioModeTransition');
    if (!obs.state.studioMode) {
      throw new UserError('conflict', message('obs.no_studio_transition'));
    }
    await obs.call('TriggerStudioModeTransition');
    audit.append({
      actor,
      action: 'obs:transition',
      target: obs.state.previewScene,
      detail: undefined,
    });
    return {};
  });

  intents.handle('obs:setStudioMode', async ({ enabled }, { actor }) => {
    connected(obs, 'SetStudioModeEnabled');
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: enabled });
    audit.append({ actor, action: 'obs:setStudioMode', target: null, detail: { enabled } });
    return {};
  });

  intents.handle('obs:stream', async ({ action }, { actor }) => {
    connected(obs, 'StartStream', 'StopStream');
    const live = obs.state.streaming;
    if (action === 'start' && live) {
      throw new UserError('conflict', message('obs.stream_already_live'));
    }
    if (action === 'stop' && !live) throw new UserError('conflict', message('obs.stream_not_live'));
    await obs.call(action === 'start' ? 'StartStream' : 'StopStream');
    audit.append({ actor, action: `obs:stream:${action}`, target: null, detail: undefined });
    return {};
  });

  intents.handle('obs:record', async ({ action }, { actor }) => {
    connected(obs, 'StartRecord', 'StopRecord');
    const live = obs.state.recording;
    if (action === 'start' && live)
      throw new UserError('conflict', message('obs.already_recording'));
    if (action === 'stop' && !live) throw new UserError('conflict', message('obs.not_recording'));
    await obs.call(action === 'start' ? 'StartRecord' : 'StopRecord');
    audit.append({ actor, action: `obs:record:${action}`, target: null, detail: undefined });
    return {};
  });
}

export function obsRoutes(intents: IntentRegistry): Route[] {
  return [
    intentRoute(intents, 'PUT', '/api/settings/obs', 'obs:configure', 'body'),
    intentRoute(intents, 'POST', '/api/obs/scene', 'obs:switchScene', 'body'),
    intentRoute(intents, 'POST', '/api/obs/transition', 'obs:transition', 'none'),
    intentRoute(intents, 'POST', '/api/obs/studio-mode', 'obs:setStudioMode', 'body'),
    intentRoute(intents, 'POST', '/api/obs/stream', 'obs:stream', 'body'),
    intentRoute(intents, 'POST', '/api/obs/record', 'obs:record', 'body'),
  ];
}
