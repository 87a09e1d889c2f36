// How a guest's connections are doing, from WebRTC's own statistics: round-trip time of the
// active candidate pairs, packets the peers report lost, what is sent, and the picture size.
import type { RoomStats } from '../../../src/shared/guest-room';

type Entry = Record<string, unknown>;

const num = (entry: Entry, key: string): number | null => {
  const value = entry[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

interface Totals {
  rtts: number[];
  lost: number;
  packets: number;
  bytes: number;
  width: number | null;
  height: number | null;
}

function add(totals: Totals, entry: Entry): void {
  const rtt = num(entry, 'currentRoundTripTime');
  if (entry.type === 'candidate-pair' && entry.nominated === true && rtt !== null) {
    totals.rtts.push(rtt * 1000);
  }
  if (entry.type === 'outbound-rtp') {
    totals.bytes += num(entry, 'bytesSent') ?? 0;
    totals.packets += num(entry, 'packetsSent') ?? 0;
    const width = num(entry, 'frameWidth');
    const height = num(entry, 'frameHeight');
    if (width !== null && height !== null && width > (totals.width ?? 0)) {
      totals.width = width;
      totals.height = height;
    }
  }
  if (entry.type === 'remote-inbound-rtp')
    totals.lost += Math.max(0, num(entry, 'packetsLost') ?? 0);
}

/** Measures the sending connections; `previous` (bytes, time) turns bytes into a bitrate. */
export async function measure(
  connections: RTCPeerConnection[],
  previous: { bytes: number; at: number } | null,
): Promise<{ stats: RoomStats; sample: { bytes: number; at: number } }> {
  const totals: Totals = { rtts: [], lost: 0, packets: 0, bytes: 0, width: null, height: null };
  for (const pc of connections) {
    (await pc.getStats()).forEach((entry: Entry) => add(totals, entry));
  }
  const at = performance.now();
  const grew = previous !== null && totals.bytes >= previous.bytes && at > previous.at;
  const kbps = grew ? ((totals.bytes - previous.bytes) * 8) / (at - previous.at) : null;
  const rtt = totals.rtts.length
    ? totals.rtts.reduce((a, b) => a + b, 0) / totals.rtts.length
    : null;
  const lossPct =
    totals.packets > 0 ? Math.min(100, (totals.lost / (totals.packets + totals.lost)) * 100) : null;
  return {
    stats: {
      rttMs: rtt === null ? null : Math.round(rtt),
      lossPct: lossPct === null ? null : Math.round(lossPct * 10) / 10,
      kbps: kbps === null ? null : Math.round(kbps),
      width: totals.width,
      height: totals.height,
    },
    sample: { bytes: totals.bytes, at },
  };
}
