// The OpenAPI document both ways: it names every route the core serves, every body it allows is
// accepted, and every body it refuses is refused with 400 by the core's own check.
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import {
  VALUES_OF_EVERY_TYPE,
  arbitraryOf,
  type JsonSchema,
} from '../helpers/json-schema-arbitrary.js';

interface Operation {
  summary: string;
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  security?: unknown[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const BODIES_PER_ROUTE = 6;

/** A concrete URL for a documented path: every {param} gets a harmless id. */
const concrete = (path: string): string => path.replace(/\{\w+\}/g, 'p1');

/** A refusal by the schema check, not by the handler judging a valid request (e.g. "no such id"). */
function refusedBySchema(response: { status: number; body: unknown }): boolean {
  const code = (response.body as { message?: { code?: string } } | null)?.message?.code;
  return response.status === 400 && code === 'intent.invalid';
}

describe('OpenAPI document', () => {
  let core: TestCore;
  let document: Document;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });

  beforeAll(async () => {
    core = await startTestCore();
    const response = await api(core, 'GET', '/api/openapi.json', { token: null });
    expect(response.status).toBe(200);
    document = response.body as Document;
  });
  afterAll(async () => {
    await core.dispose();
  });

  const withBodies = (): [string, string, JsonSchema][] =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => {
        const schema = op.requestBody?.content['application/json'].schema;
        return schema ? [[path, method.toUpperCase(), schema] as [string, string, JsonSchema]] : [];
      }),
    );

  it('names every route the router serves, and nothing else', () => {
    expect(document.openapi).toBe('3.1.0');
    const served = core.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThan(30);
    expect(documented.sort()).toEqual([...served].sort());
    expect(document.paths['/api/health']?.get?.security).toEqual([]);
    expect(document.paths['/api/openapi.json']?.get?.security).toEqual([]);
  });

  it('has the core accept bodies generated from the documented schemas', async () => {
    const routes = withBodies();
    expect(routes.length).toBeGreaterThan(15);
    for (const [path, method, schema] of routes) {
      const validate = ajv.compile(schema);
      const bodies = fc.sample(arbitraryOf(schema), { numRuns: BODIES_PER_ROUTE, seed: 19 });
      for (const body of bodies) {
        expect(validate(body), `${method} ${path} generated ${JSON.stringify(body)}`).toBe(true);
        const response = await api(core, method, concrete(path), { body });
        const label = `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(response.body)}`;
        expect(response.status, label).toBeLessThan(500);
        expect(refusedBySchema(response), label).toBe(false);
      }
    }
  });

  it('has the core refuse with 400 the bodies the document refuses', async () => {
    let refused = 0;
    for (const [path, method, schema] of withBodies()) {
      const validate = ajv.compile(schema);
      const [valid] = fc.sample(arbitraryOf(schema), { numRuns: 1, seed: 7 });
      const candidates: unknown[] = [...VALUES_OF_EVERY_TYPE];
      if (typeof valid === 'object' && valid !== null && !Array.isArray(valid)) {
        const object = valid as Record<string, unknown>;
        for (const key of (schema.required ?? []) as string[]) {
          const { [key]: _dropped, ...rest } = object;
          candidates.push(rest);
        }
        for (const key of Object.keys(object)) {
          for (const wrong of VALUES_OF_EVERY_TYPE) candidates.push({ ...object, [key]: wrong });
        }
        candidates.push({ ...object, notInTheDocument: 1 });
      }
      for (const body of candidates.filter((c) => !validate(c))) {
        const response = await api(core, method, concrete(path), { body });
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
