// fast-check values for the JSON Schema subset zod's toJSONSchema writes (objects, arrays,
// strings with length/pattern/format, numbers, enums, anyOf), to test a document both ways.
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Only loopback addresses: a generated body must never make the core reach the internet. */
const LOOPBACK_URL = fc.constantFrom('http://127.0.0.1:9/a', 'https://127.0.0.1:9/b');

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength) ?? Math.max(min, 40);
  if (schema.format === 'uri') return LOOPBACK_URL;
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    // Unanchored patterns match anywhere; keep the values short and printable.
    const base = schema.pattern.startsWith('^')
      ? fc.stringMatching(pattern)
      : fc.string({ minLength: 1, maxLength: 20 }).map((s) => `x${s.trim()}x`);
    return base
      .map((s) => s.replace(/^([a-z]+:\/\/)[^\s/]*/i, '$1127.0.0.1:9'))
      .filter((s) => s.length >= min && s.length <= max && pattern.test(s));
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 40) });
}

export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.anyOf))
    return fc.oneof(...(schema.anyOf as JsonSchema[]).map(arbitraryOf));
  if (Array.isArray(schema.oneOf))
    return fc.oneof(...(schema.oneOf as JsonSchema[]).map(arbitraryOf));
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.min(num(schema.maxItems) ?? 5, minLength + 4);
      return fc.array(arbitraryOf((schema.items as JsonSchema | undefined) ?? {}), {
        minLength,
        maxLength,
      });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number': {
      const min = num(schema.minimum) ?? (num(schema.exclusiveMinimum) ?? -1e6) + 1;
      const max = num(schema.maximum) ?? (num(schema.exclusiveMaximum) ?? 1e6) - 1;
      return schema.type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const arbitraries = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, arbitraryOf(property)]),
  );
  return fc.record(arbitraries, { requiredKeys: required }).map((value) => ({
    ...value,
    // A generated switch stays off, so no source or destination starts reaching out.
    ...('enabled' in value ? { enabled: false } : {}),
  }));
}

/** Values of every JSON type: at least one is of a type a given schema does not allow. */
export const VALUES_OF_EVERY_TYPE: readonly unknown[] = [
  { unexpected: true },
  12345,
  true,
  'text',
  ['not', 'this'],
  null,
];
