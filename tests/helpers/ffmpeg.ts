// ffmpeg as stream source and as RTMP receivers standing in for platforms.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';

export interface Receiver {
  process: ChildProcess;
  file: string;
  stop(): Promise<void>;
}

/**
 * Listens for one RTMP publish on 127.0.0.1:port and records it to `file`. `flush` writes every
 * packet at once, so the file shows when frames arrive.
 */
export function rtmpReceiver(
  port: number,
  file: string,
  path = 'live/key',
  options: { flush?: boolean } = {},
): Receiver {
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-listen',
      '1',
      '-i',
      `rtmp://127.0.0.1:${port}/${path}`,
      '-c',
      'copy',
      ...(options.flush ? ['-flush_packets', '1'] : []),
      '-f',
      'flv',
      '-y',
      file,
    ],
    { stdio: 'ignore' },
  );
  return {
    process: child,
    file,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface TestSourceOptions {
  bitrateKbps?: number;
  size?: string;
  /** Frames between keyframes (30 = one a second). */
  gop?: number;
  /** Output arguments instead of a plain FLV push to `url` (e.g. a tee to several places). */
  output?: string[];
}

/** A live-like test signal (video and tone), encoded as OBS would (CBR x264, AAC), pushed to `url`. */
export function testSource(url: string, options: TestSourceOptions = {}): ChildProcess {
  const kbps = options.bitrateKbps ?? 1500;
  return spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${options.size ?? '640x360'}:rate=30`,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-g',
      String(options.gop ?? 30),
      '-b:v',
      `${kbps}k`,
      '-maxrate',
      `${kbps}k`,
      '-bufsize',
      `${kbps * 2}k`,
      '-x264-params',
      'nal-hrd=cbr',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      ...(options.output ?? ['-f', 'flv', url]),
    ],
    { stdio: 'ignore' },
  );
}

/** Presentation times (seconds) of the video packets in a recorded file. */
export function videoPacketTimes(file: string): number[] {
  const out = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v',
      '-show_entries',
      'packet=pts_time',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter((n) => Number.isFinite(n));
}

export function largestGap(times: readonly number[]): number {
  let gap = 0;
  for (let i = 1; i < times.length; i += 1)
    gap = Math.max(gap, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return gap;
}
