import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXTS_DE } from '../../src/shared/messages/de.js';
import { MESSAGE_TEXTS_EN } from '../../src/shared/messages/en.js';
import { MESSAGE_CODES, formatMessage, message } from '../../src/shared/messages/message.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

/** Every code literal the core's sources hand to message(…), plus the audience refusals. */
function codesInSources(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/message\(\s*'([a-z_]+\.[a-z_]+)'/g)) found.add(m[1] ?? '');
      }
    }
  };
  walk(path.resolve('src'));
  return found;
}

describe('coded messages', () => {
  it('has an English and a German text for every code, with the same placeholders', () => {
    expect(MESSAGE_CODES.length).toBeGreaterThan(40);
    for (const code of MESSAGE_CODES) {
      const en = MESSAGE_TEXTS_EN.codes[code];
      const de = MESSAGE_TEXTS_DE.codes[code];
      expect(en.trim(), code).not.toBe('');
      expect(de.trim(), code).not.toBe('');
      expect(placeholders(de), code).toEqual(placeholders(en));
    }
  });

  it('knows every code the core sends', () => {
    const sent = codesInSources();
    // The walk must find the conversions, or it proves nothing.
    expect(sent.size).toBeGreaterThan(30);
    for (const code of sent) expect(MESSAGE_CODES, code).toContain(code);
    const refusals = fs
      .readFileSync(path.resolve('src/shared/protocol.ts'), 'utf8')
      .match(/export type AudienceRefusal =([^;]+);/)?.[1];
    const audience = [...(refusals ?? '').matchAll(/'(\w+)'/g)].map((m) => `audience.${m[1]}`);
    expect(audience.length).toBeGreaterThan(5);
    for (const code of audience) expect(MESSAGE_CODES, code).toContain(code);
  });

  it('has the core refuse with codes, not sentences (platform sources are converted apart)', () => {
    const sentences: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (file !== path.resolve('src/sources')) walk(file);
        } else if (file.endsWith('.ts')) {
          const text = fs.readFileSync(file, 'utf8');
          for (const m of text.matchAll(/new UserError\(\s*'\w+',\s*[`'"]([^`'"]*)/g)) {
            sentences.push(`${path.relative('.', file)}: ${m[1] ?? ''}`);
          }
        }
      }
    };
    walk(path.resolve('src'));
    expect(sentences).toEqual([]);
  });

  it('words every code completely in both languages, nested parts and names included', () => {
    for (const code of MESSAGE_CODES) {
      const params = Object.fromEntries(
        placeholders(MESSAGE_TEXTS_EN.codes[code]).map((key) => [key, 'x']),
      );
      for (const language of ['en', 'de']) {
        const text = formatMessage(language, message(code, params));
        expect(text, `${language} ${code}`).not.toMatch(/\{\{|\}\}/);
      }
    }
    const raced = message('queue.cannot', {
      action: 'air',
      state: message('queue.state_by', { status: 'on_air', by: 'Anna' }),
    });
    expect(formatMessage('en', raced)).toBe(
      'Cannot put it on air: it is already on air (by Anna).',
    );
    expect(formatMessage('de', raced)).toBe(
      'Auf Sendung nehmen geht nicht: er ist schon auf Sendung (von Anna).',
    );
    const failed = message('relay.retrying', {}, 'The server refused the connection.');
    expect(formatMessage('de', failed)).toMatch(/erneut\. The server refused the connection\.$/);
  });

  it('has a German word for every name the English texts word', () => {
    for (const [key, words] of Object.entries(MESSAGE_TEXTS_EN.words)) {
      const german: Record<string, string> | undefined = (
        MESSAGE_TEXTS_DE.words as Record<string, Record<string, string>>
      )[key];
      expect(Object.keys(german ?? {}).sort(), key).toEqual(Object.keys(words).sort());
    }
  });
});
