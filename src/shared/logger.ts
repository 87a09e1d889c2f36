// A small structured logger that masks every registered secret (tokens, passwords, stream
// keys) wherever it appears, so a secret can never reach a log line by accident.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface LogRecord {
  at: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: LogFields;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MASK = '[redacted]';

/** Secrets known to the process; shared by every logger created from the same root. */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    // Very short values would mask ordinary words; none of our secrets are that short.
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }
}

export interface LoggerOptions {
  level: LogLevel;
  redactor: SecretRedactor;
  sink: (line: string, record: LogRecord) => void;
}

function serializeFields(fields: LogFields): string {
  return JSON.stringify(fields, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message } : value,
  );
}

export function createLogger(options: LoggerOptions, scope = 'core'): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[level] < ORDER[options.level]) return;
    const at = new Date().toISOString();
    const safeMessage = options.redactor.redact(message);
    const fieldText = fields ? options.redactor.redact(serializeFields(fields)) : '';
    const record: LogRecord = { at, level, scope, message: safeMessage };
    if (fieldText) record.fields = JSON.parse(fieldText) as LogFields;
    const line = `${at} ${level.toUpperCase().padEnd(5)} [${scope}] ${safeMessage}${fieldText ? ` ${fieldText}` : ''}`;
    options.sink(line, record);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (childScope) => createLogger(options, `${scope}:${childScope}`),
  };
}

/** A logger that drops everything; for tests and tools that need none. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
