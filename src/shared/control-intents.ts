// What the core accepts from control clients (socket events and REST bodies alike): one zod
// schema per intent. The core checks every payload against these before acting.
import { z } from 'zod';

export const controlAuthSchema = z.object({
  token: z.string().min(1).max(200),
  /** Shown next to this client's actions ("rejected by Anna"). */
  name: z.string().trim().min(1).max(40).optional(),
});

export const controlIntentSchemas = {
  'state:get': z.strictObject({}),
  'show:setTitle': z.strictObject({ title: z.string().trim().min(1).max(120) }),
} as const satisfies Record<string, z.ZodType>;
