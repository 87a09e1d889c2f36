// Server URLs as platforms hand them out, turned into where the push connects and what it
// names: TLS or not, port, RTMP app, and the key only as the stream name.
import { describe, expect, it } from 'vitest';
import { PushTargetError, pushTarget } from '../../src/relay/push-target.js';
import { PRESET_SERVERS } from '../../src/shared/relay-presets.js';

describe('push target', () => {
  it('reads the presets the way the platforms expect them', () => {
    expect(pushTarget(PRESET_SERVERS.youtube ?? '', 'abcd-efgh')).toEqual({
      secure: true,
      host: 'a.rtmps.youtube.com',
      port: 443,
      app: 'live2',
      tcUrl: 'rtmps://a.rtmps.youtube.com:443/live2',
      streamName: 'abcd-efgh',
    });
    // Facebook's URL ends in a slash; its keys carry a query string.
    const fb = pushTarget(PRESET_SERVERS.facebook ?? '', 'FB-123?s_bl=1&a=b');
    expect(fb).toMatchObject({
      secure: true,
      port: 443,
      app: 'rtmp',
      streamName: 'FB-123?s_bl=1&a=b',
    });
    expect(fb.tcUrl).not.toContain('FB-123');
    expect(pushTarget(PRESET_SERVERS.twitch ?? '', 'live_1')).toMatchObject({
      secure: false,
      port: 1935,
      app: 'app',
    });
    expect(pushTarget('rtmp://[::1]:1936/live', 'k')).toMatchObject({ host: '::1', port: 1936 });
  });

  it('refuses what is not an RTMP server URL', () => {
    expect(() => pushTarget('http://example.org/live', 'k')).toThrow(PushTargetError);
    expect(() => pushTarget('not a url', 'k')).toThrow(/not a server URL/);
  });
});
