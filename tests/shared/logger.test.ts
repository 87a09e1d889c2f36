import { describe, expect, it } from 'vitest';
import { SecretRedactor, createLogger } from '../../src/shared/logger.js';

describe('logger', () => {
  it('masks every registered secret in messages and fields', () => {
    const lines: string[] = [];
    const redactor = new SecretRedactor();
    const logger = createLogger({ level: 'debug', redactor, sink: (line) => lines.push(line) });
    redactor.add('s3cr3t-stream-key');
    logger.info('publishing to rtmp://live/app/s3cr3t-stream-key', {
      url: 'rtmp://x/s3cr3t-stream-key',
      nested: { error: new Error('auth failed for s3cr3t-stream-key') },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('s3cr3t-stream-key');
    expect(lines[0]).toContain('[redacted]');
  });

  it('filters below the configured level and scopes child loggers', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      redactor: new SecretRedactor(),
      sink: (line) => lines.push(line),
    });
    logger.child('obs').info('hidden');
    logger.child('obs').warn('shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN {2}\[core:obs\] shown/);
  });
});
