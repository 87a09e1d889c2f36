// The zod schema of a coded message, for the OpenAPI document and for checks at the edge; apart
// from message.ts so pages that only word messages bundle no validator.
import { z } from 'zod';
import { MESSAGE_CODES, type Message, type MessageCode } from './message.js';

export const messageCodeSchema = z.enum(MESSAGE_CODES as [MessageCode, ...MessageCode[]]);

export const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({
    code: messageCodeSchema,
    params: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])),
    details: z.string().nullable(),
  }),
);

/** A refusal as every client receives it (socket acks, REST bodies): English plus the code. */
export const refusalSchema = z.strictObject({
  ok: z.literal(false),
  error: z.string(),
  message: messageSchema,
});
