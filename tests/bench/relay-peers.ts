// The pieces of the relay benchmark that are not Panelcast: the pre-encoded source file, the
// source that streams it with `-c copy` (it costs next to nothing), ffmpeg receivers, nginx-rtmp
// with `push` as the peer, and CPU time from /proc.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CLK_TCK = 100;
export const NGINX_RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** Encodes the test signal once (720p30, CBR, 2 s keyframes) so the run streams it by copy. */
export function encodeSource(file: string, kbps: number, seconds: number): void {
  if (fs.existsSync(file)) return;
  execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1280x720:rate=30:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-g',
      '60',
      '-keyint_min',
      '60',
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
      '-f',
      'flv',
      '-y',
      file,
    ],
    { stdio: 'ignore' },
  );
}

/** Streams `file` in real time, in a loop, to every URL (ffmpeg's tee muxer, copy only). */
export function copySource(file: string, outputs: string[]): ChildProcess {
  const tee = outputs.map((o) => `[f=flv:onfail=ignore]${o}`).join('|');
  return spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-stream_loop',
      '-1',
      '-i',
      file,
      '-map',
      '0',
      '-c',
      'copy',
      '-f',
      'tee',
      tee,
    ],
    { stdio: 'ignore' },
  );
}

/** An RTMP receiver that throws the stream away, or pipes it as FLV to stdout. */
export function receiver(port: number, pipe: boolean): ChildProcess {
  const out = pipe ? ['-f', 'flv', '-flush_packets', '1', 'pipe:1'] : ['-f', 'null', '-'];
  return spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-listen',
      '1',
      '-i',
      `rtmp://127.0.0.1:${port}/live/key`,
      '-c',
      'copy',
      ...out,
    ],
    { stdio: ['ignore', pipe ? 'pipe' : 'ignore', 'ignore'] },
  );
}

export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Process ids whose parent is `pid`. */
export function childPids(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
          ? [Number(entry)]
          : [];
      } catch {
        return [];
      }
    });
}

export interface Nginx {
  /** Master and workers. */
  pids(): number[];
  publishUrl: string;
  stop(): Promise<void>;
}

/** nginx-rtmp with one `push` per destination port (Debian nginx + libnginx-mod-rtmp). */
export function startNginx(dir: string, port: number, pushPorts: number[]): Nginx {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    [
      `load_module ${NGINX_RTMP_MODULE};`,
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      'error_log stderr error;',
      'events { worker_connections 256; }',
      'rtmp { server {',
      `  listen 127.0.0.1:${port};`,
      '  chunk_size 4096;',
      '  application live { live on; record off;',
      ...pushPorts.map((p) => `    push rtmp://127.0.0.1:${p}/live/key;`),
      '  }',
      '} }',
    ].join('\n'),
  );
  const master = spawn('nginx', ['-c', conf, '-p', dir, '-e', 'stderr'], { stdio: 'ignore' });
  const pid = master.pid ?? 0;
  return {
    pids: () => [pid, ...childPids(pid)],
    publishUrl: `rtmp://127.0.0.1:${port}/live/stream`,
    stop: async () => {
      if (master.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
      master.kill('SIGQUIT');
      const timer = setTimeout(() => master.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function nginxAvailable(): boolean {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return fs.existsSync(NGINX_RTMP_MODULE);
  } catch {
    return false;
  }
}
