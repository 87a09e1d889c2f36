// Reading the Graph API's answers: its error body {error:{message,type,code,error_subcode,
// fbtrace_id}} sorted into what Panelcast can do about it, and its usage headers (X-App-Usage,
// X-Business-Use-Case-Usage) turned into a wait before the limit is hit.
// Docs: https://developers.facebook.com/docs/graph-api/guides/error-handling
//       https://developers.facebook.com/docs/graph-api/overview/rate-limiting
import { z } from 'zod';

export type GraphFailureKind =
  | 'token_expired'
  | 'app_review'
  | 'permission'
  | 'not_found'
  | 'rate_limited'
  | 'transient'
  | 'other';

export interface GraphFailure {
  kind: GraphFailureKind;
  status: number | null;
  code: number | null;
  /** Graph's own words, shown as details. */
  detail: string;
  /** From the usage headers: how long until calls are allowed again, when it says. */
  regainMs: number | null;
}

const errorBody = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** Codes Graph answers when an app, user, page or business use case is throttled. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);

function kindOf(status: number, code: number | null, text: string): GraphFailureKind {
  if (code === 190 || code === 102 || status === 401) return 'token_expired';
  if (code !== null && RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (status === 429) return 'rate_limited';
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) {
    // Permissions the app has not been granted in App Review (or a feature such as Page Public
    // Content Access) are named in the message; a token simply lacking a scope is not.
    return /app review|advanced access|not been approved/i.test(text) ? 'app_review' : 'permission';
  }
  if (code === 100 || status === 404) return 'not_found';
  if (status >= 500 || code === 1 || code === 2) return 'transient';
  return 'other';
}

export function graphFailure(status: number, body: string, headers: Headers): GraphFailure {
  const parsed = readJson(body, errorBody);
  const code = parsed?.error.code ?? null;
  const text = parsed?.error.message ?? (body.slice(0, 200) || `HTTP ${status}`);
  return {
    kind: kindOf(status, code, text),
    status,
    code,
    detail: text,
    regainMs: usage(headers).regainMs,
  };
}

const percent = z.number().min(0).max(10_000).catch(0);
const appUsage = z.object({ call_count: percent, total_cputime: percent, total_time: percent });
const bucUsage = z.record(
  z.string(),
  z.array(appUsage.extend({ estimated_time_to_regain_access: z.number().min(0).catch(0) })),
);

export interface Usage {
  /** The highest share of any limit used, 0–100 (can pass 100 once throttled). */
  percent: number;
  /** Minutes Graph says until access returns, in ms; null when it does not say. */
  regainMs: number | null;
}

/** What the usage headers say; unreadable headers count as nothing used. */
export function usage(headers: Headers): Usage {
  let top = 0;
  let regain: number | null = null;
  const app = readJson(headers.get('x-app-usage'), appUsage);
  if (app) top = Math.max(top, app.call_count, app.total_cputime, app.total_time);
  const buc = readJson(headers.get('x-business-use-case-usage'), bucUsage);
  for (const entries of Object.values(buc ?? {})) {
    for (const e of entries) {
      top = Math.max(top, e.call_count, e.total_cputime, e.total_time);
      if (e.estimated_time_to_regain_access > 0) {
        regain = Math.max(regain ?? 0, e.estimated_time_to_regain_access * 60_000);
      }
    }
  }
  return { percent: top, regainMs: regain };
}

function readJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null;
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** How much slower to poll at this share of the limit: Graph throttles at 100 %. */
export function usageFactor(percentUsed: number): number {
  if (percentUsed >= 90) return 8;
  if (percentUsed >= 75) return 3;
  return 1;
}
