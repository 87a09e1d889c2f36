// AMF0, the encoding of RTMP commands and metadata: just the value kinds publishers and servers
// use. Decoding is strict and bounded, because the bytes come from other programs.

export type AmfValue =
  number | boolean | string | null | undefined | Date | AmfValue[] | { [key: string]: AmfValue };

export class AmfError extends Error {}

const MAX_DEPTH = 16;

export function encodeAmf0(values: readonly AmfValue[]): Buffer {
  const parts: Buffer[] = [];
  for (const value of values) writeValue(value, parts);
  return Buffer.concat(parts);
}

function writeString(text: string, parts: Buffer[]): void {
  const bytes = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(Math.min(bytes.length, 0xffff));
  parts.push(head, bytes.subarray(0, 0xffff));
}

function writeValue(value: AmfValue, parts: Buffer[]): void {
  if (typeof value === 'number') {
    const b = Buffer.alloc(9);
    b[0] = 0x00;
    b.writeDoubleBE(value, 1);
    parts.push(b);
  } else if (typeof value === 'boolean') {
    parts.push(Buffer.from([0x01, value ? 1 : 0]));
  } else if (typeof value === 'string') {
    parts.push(Buffer.from([0x02]));
    writeString(value, parts);
  } else if (value === null) {
    parts.push(Buffer.from([0x05]));
  } else if (value === undefined) {
    parts.push(Buffer.from([0x06]));
  } else if (value instanceof Date) {
    const b = Buffer.alloc(11);
    b[0] = 0x0b;
    b.writeDoubleBE(value.getTime(), 1);
    parts.push(b);
  } else if (Array.isArray(value)) {
    const head = Buffer.alloc(5);
    head[0] = 0x0a;
    head.writeUInt32BE(value.length, 1);
    parts.push(head);
    for (const item of value) writeValue(item, parts);
  } else {
    parts.push(Buffer.from([0x03]));
    for (const [key, item] of Object.entries(value)) {
      writeString(key, parts);
      writeValue(item, parts);
    }
    parts.push(Buffer.from([0x00, 0x00, 0x09]));
  }
}

/** Decodes every value in `data`; throws AmfError on anything malformed or truncated. */
export function decodeAmf0(data: Buffer): AmfValue[] {
  const reader = { data, offset: 0 };
  const values: AmfValue[] = [];
  while (reader.offset < data.length) values.push(readValue(reader, 0));
  return values;
}

interface Reader {
  data: Buffer;
  offset: number;
}

function need(reader: Reader, bytes: number): void {
  if (reader.offset + bytes > reader.data.length) throw new AmfError('AMF0 value is truncated');
}

function readString(reader: Reader, long: boolean): string {
  const lengthBytes = long ? 4 : 2;
  need(reader, lengthBytes);
  const length = long
    ? reader.data.readUInt32BE(reader.offset)
    : reader.data.readUInt16BE(reader.offset);
  reader.offset += lengthBytes;
  need(reader, length);
  const text = reader.data.toString('utf8', reader.offset, reader.offset + length);
  reader.offset += length;
  return text;
}

function readProperties(reader: Reader, depth: number): Record<string, AmfValue> {
  const out: Record<string, AmfValue> = {};
  for (;;) {
    const key = readString(reader, false);
    need(reader, 1);
    if (key === '' && reader.data[reader.offset] === 0x09) {
      reader.offset += 1;
      return out;
    }
    // Keys like __proto__ must not reach the prototype.
    Object.defineProperty(out, key, {
      value: readValue(reader, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

function readValue(reader: Reader, depth: number): AmfValue {
  if (depth > MAX_DEPTH) throw new AmfError('AMF0 value is nested too deeply');
  need(reader, 1);
  const marker = reader.data[reader.offset] ?? -1;
  reader.offset += 1;
  switch (marker) {
    case 0x00: {
      need(reader, 8);
      const n = reader.data.readDoubleBE(reader.offset);
      reader.offset += 8;
      return n;
    }
    case 0x01:
      need(reader, 1);
      reader.offset += 1;
      return reader.data[reader.offset - 1] !== 0;
    case 0x02:
      return readString(reader, false);
    case 0x03:
      return readProperties(reader, depth);
    case 0x05:
      return null;
    case 0x06:
      return undefined;
    case 0x08:
      need(reader, 4);
      reader.offset += 4; // the count is a hint; the end marker is what counts
      return readProperties(reader, depth);
    case 0x0a: {
      need(reader, 4);
      const count = reader.data.readUInt32BE(reader.offset);
      reader.offset += 4;
      if (count > reader.data.length - reader.offset) throw new AmfError('AMF0 array too long');
      const items: AmfValue[] = [];
      for (let i = 0; i < count; i += 1) items.push(readValue(reader, depth + 1));
      return items;
    }
    case 0x0b: {
      need(reader, 10);
      const time = reader.data.readDoubleBE(reader.offset);
      reader.offset += 10;
      return new Date(time);
    }
    case 0x0c:
      return readString(reader, true);
    default:
      throw new AmfError(`unknown AMF0 marker 0x${marker.toString(16)}`);
  }
}
