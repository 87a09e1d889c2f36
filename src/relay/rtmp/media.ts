// Reads the first bytes of FLV audio and video payloads: which frames start a picture group,
// which carry codec setup (sent again to every destination that joins late), both for classic
// FLV (H.264, AAC) and Enhanced RTMP (HEVC, AV1 from OBS 30+).
import { MSG, type RtmpMessage } from './chunk-reader.js';

export function isVideoKeyframe(message: RtmpMessage): boolean {
  if (message.type !== MSG.video || message.payload.length < 1) return false;
  const first = message.payload[0] ?? 0;
  // Classic: frame type in the high nibble; Enhanced RTMP: 3 bits after the IsExHeader flag.
  const frameType = first & 0x80 ? (first >> 4) & 0x07 : first >> 4;
  return frameType === 1;
}

export function isVideoSequenceHeader(message: RtmpMessage): boolean {
  if (message.type !== MSG.video || message.payload.length < 2) return false;
  const first = message.payload[0] ?? 0;
  if (first & 0x80) return (first & 0x0f) === 0; // PacketTypeSequenceStart
  return (first & 0x0f) === 7 && message.payload[1] === 0; // AVC sequence header
}

export function isAudioSequenceHeader(message: RtmpMessage): boolean {
  if (message.type !== MSG.audio || message.payload.length < 2) return false;
  return (message.payload[0] ?? 0) >> 4 === 10 && message.payload[1] === 0; // AAC config
}

export function isMedia(message: RtmpMessage): boolean {
  return message.type === MSG.audio || message.type === MSG.video;
}
