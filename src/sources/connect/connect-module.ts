// The connect module: the producer's intents and REST routes to connect, check, paste and revoke
// platform accounts. Sources ask its connector for an account's token, bound to their hosts.
import type { CoreModule, ModuleContext } from '../../core/module.js';
import { intentRoute } from '../../core/routes.js';
import { AccountConnector } from './account-connector.js';
import { CORE_CALLBACK_PATH } from './core-callback.js';

export interface ConnectModule extends CoreModule {
  readonly connector: AccountConnector;
}

export interface ConnectModuleOptions {
  testHooks: boolean;
  /** Test hook only: every platform's OAuth endpoints on this local fake. */
  fakeOrigin: string | null;
  /** Test hook only: the platforms' fake APIs, where connected tokens may go. */
  fakeApiOrigins: readonly string[];
}

export function createConnectModule(
  ctx: ModuleContext,
  options: ConnectModuleOptions,
): ConnectModule {
  const { intents, audit } = ctx;
  const connector = new AccountConnector({
    secrets: ctx.secrets,
    settings: ctx.settings,
    logger: ctx.logger,
    onRejected: ctx.onRejected,
    fakeOrigin: options.fakeOrigin,
    fakeApiOrigins: options.fakeApiOrigins,
    testHooks: options.testHooks,
  });

  intents.handle('connect:list', () => ({ accounts: connector.statuses() }));
  intents.handle('connect:status', ({ platform }) => ({ account: connector.status(platform) }));
  intents.handle('connect:start', async (input, { actor }) => {
    const account = await connector.begin(input);
    audit.append({
      actor,
      action: 'connect:start',
      target: input.platform,
      detail: { method: input.method },
    });
    return { account };
  });
  intents.handle('connect:paste', ({ platform, token, instanceUrl }, { actor }) => {
    const account = connector.paste(platform, token, instanceUrl);
    audit.append({ actor, action: 'connect:paste', target: platform, detail: undefined });
    return { account };
  });
  intents.handle('connect:cancel', ({ platform }) => {
    connector.cancel(platform);
    return { account: connector.status(platform) };
  });
  intents.handle('connect:revoke', async ({ platform }, { actor }) => {
    const account = await connector.revoke(platform);
    audit.append({ actor, action: 'connect:revoke', target: platform, detail: undefined });
    return { account };
  });

  return {
    name: 'connect',
    connector,
    routes: [
      intentRoute(intents, 'GET', '/api/connect', 'connect:list', 'none'),
      intentRoute(intents, 'POST', '/api/connect', 'connect:start', 'body'),
      intentRoute(intents, 'GET', '/api/connect/:platform', 'connect:status', 'params'),
      intentRoute(intents, 'PUT', '/api/connect/token', 'connect:paste', 'body'),
      intentRoute(intents, 'POST', '/api/connect/:platform/cancel', 'connect:cancel', 'params'),
      intentRoute(intents, 'DELETE', '/api/connect/:platform', 'connect:revoke', 'params'),
      {
        method: 'GET',
        path: CORE_CALLBACK_PATH,
        // A browser coming back from the platform carries no bearer token; the state decides.
        access: 'public',
        summary: "The OAuth redirect target on the core's own port (state checked; no token).",
        body: null,
        query: null,
        handle: (request) => {
          const { status, html } = connector.coreCallback(request.query);
          return { status, body: null, text: html, contentType: 'text/html; charset=utf-8' };
        },
      },
    ],
    start: (runtime) => {
      connector.setCoreUrl(runtime.url);
      connector.start();
      return Promise.resolve();
    },
    stop: () => {
      connector.stop();
      return Promise.resolve();
    },
  };
}
