// Decodes an RTMP command message into its name, transaction id and arguments, so both ends
// check one shape instead of poking at arrays.
import { decodeAmf0, type AmfValue } from './amf0.js';
import { MSG, RtmpProtocolError, type RtmpMessage } from './chunk-reader.js';

export interface Command {
  name: string;
  transaction: number;
  /** The command object (often null) and the arguments after it. */
  object: AmfValue;
  args: AmfValue[];
}

export function isCommand(message: RtmpMessage): boolean {
  return message.type === MSG.commandAmf0 || message.type === MSG.commandAmf3;
}

export function decodeCommand(message: RtmpMessage): Command {
  // An AMF3 command message starts with one format byte, then AMF0 values.
  const body = message.type === MSG.commandAmf3 ? message.payload.subarray(1) : message.payload;
  const [name, transaction, object, ...args] = decodeAmf0(body);
  if (typeof name !== 'string') throw new RtmpProtocolError('command without a name');
  return {
    name,
    transaction: typeof transaction === 'number' ? transaction : 0,
    object: object ?? null,
    args,
  };
}

/** A field of an AMF object, if the value is one. */
export function field(value: AmfValue, key: string): AmfValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    return undefined;
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

export function text(value: AmfValue): string {
  return typeof value === 'string' ? value : '';
}
