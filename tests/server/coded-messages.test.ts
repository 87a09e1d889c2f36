// The wire carries codes, not sentences: every refusal of every intent, and OBS's status in the
// state, parse as coded messages, and each one words in German and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlIntentSchemas } from '../../src/shared/control-intents.js';
import { formatMessage, type Message } from '../../src/shared/messages/message.js';
import { messageSchema, refusalSchema } from '../../src/shared/messages/message-schema.js';
import type { ShowState } from '../../src/shared/state.js';
import { freePort } from '../helpers/cli.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl, eventually, type ControlClient } from '../helpers/sockets.js';

/** Payloads that pass the schema check, so the domain itself refuses (OBS is not there). */
const DOMAIN_PAYLOADS: Record<string, unknown> = {
  'obs:switchScene': { scene: 'Panel' },
  'obs:transition': {},
  'obs:setStudioMode': { enabled: true },
  'obs:stream': { action: 'start' },
  'obs:record': { action: 'stop' },
  'obs:setupLowerThird': { scenes: ['Panel'] },
  'rundown:next': {},
  'lowerThird:show': { guestId: 'nobody' },
  'queue:approve': { id: 'no-such-comment' },
  'queue:next': {},
  'queue:undo': {},
  'relay:configureObs': {},
  'relay:removeDestination': { id: 'nowhere' },
  'people:revoke': { id: 'nobody' },
  'connect:revoke': { platform: 'twitch' },
  'connect:start': { platform: 'mastodon', method: 'device', clientId: 'c' },
};

function wordsInBoth(coded: Message): void {
  const en = formatMessage('en', coded);
  const de = formatMessage('de', coded);
  expect(en.trim(), coded.code).not.toBe('');
  expect(de.trim(), coded.code).not.toBe('');
  expect(`${en} ${de}`, coded.code).not.toMatch(/\{\{|\}\}|\[object/);
}

describe('coded messages on the wire', () => {
  let core: TestCore;
  let client: ControlClient;

  beforeAll(async () => {
    core = await startTestCore();
    client = await connectControl(core.url, { token: core.token });
  });
  afterAll(async () => {
    client.close();
    await core.dispose();
  });

  it('refuses every intent with a code, never with a bare sentence', async () => {
    const seen = new Set<string>();
    for (const name of Object.keys(controlIntentSchemas)) {
      const payloads = [{ bogus: true }, DOMAIN_PAYLOADS[name]].filter((p) => p !== undefined);
      for (const payload of payloads) {
        // A long timeout: the first relay request starts the relay process on a busy machine.
        const ack = (await client.socket
          .timeout(20_000)
          .emitWithAck(name, payload)
          .catch((e: unknown) => {
            throw new Error(`${name} ${JSON.stringify(payload)}: ${String(e)}`);
          })) as { ok: boolean };
        if (ack.ok) continue;
        const refusal = refusalSchema.parse(ack);
        wordsInBoth(refusal.message);
        seen.add(refusal.message.code);
      }
    }
    // The walk reached the domains, not only the schema check.
    for (const code of [
      'intent.invalid',
      'obs.not_connected',
      'show.rundown_empty',
      'show.no_guest',
      'queue.not_found',
    ]) {
      expect([...seen], code).toContain(code);
    }
  });

  it('words a refusal from OBS in German, with OBS’s own state as the reason', async () => {
    const ack = refusalSchema.parse(await client.request('obs:switchScene', { scene: 'Panel' }));
    expect(formatMessage('de', ack.message)).toBe(
      'OBS ist nicht verbunden: OBS ist noch nicht eingerichtet. Tragen Sie in den Einstellungen die Adresse seines WebSocket-Servers ein.',
    );
    const rest = await api(core, 'POST', '/api/rundown/next');
    expect(rest.status).toBe(409);
    expect(refusalSchema.omit({ ok: true }).parse(rest.body).message.code).toBe(
      'show.rundown_empty',
    );
  });

  it('sends OBS’s status as a code while it tries to reach OBS', async () => {
    const port = await freePort();
    await api(core, 'PUT', '/api/settings/obs', { body: { url: `ws://127.0.0.1:${port}` } });
    await eventually(() => expect(core.hub.get('obs').status).toBe('reconnecting'), 5000);
    const state = (await api(core, 'GET', '/api/state')).body as ShowState;
    const status = messageSchema.parse(state.obs.message);
    expect(status.code).toBe('obs.retry_in');
    expect(formatMessage('de', status)).toMatch(
      new RegExp(
        `^OBS ist unter ws://127\\.0\\.0\\.1:${port} nicht erreichbar.* Neuer Versuch in \\d`,
      ),
    );
    expect(formatMessage('en', status)).toMatch(/^OBS not reachable at .* Retrying in \d/);
    expect(state.app.showTitle).toBeNull();
  });
});
