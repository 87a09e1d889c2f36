// Network namespaces for fault tests (root only): one veth pair per namespace, a /30 of its
// own, and optionally a tbf rate limit on the host's side (this kernel has no netem). Names
// and subnets are unique per test process, so engineers' runs on one machine do not collide.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Netns {
  name: string;
  /** The namespace's address, reachable from the host. */
  address: string;
  /** The host's end of the pair: how programs in the namespace reach the host. */
  hostAddress: string;
  /** The veth inside the namespace, and its peer on the host. */
  device: string;
  hostDevice: string;
  /** Names resolved inside the namespace (ip netns exec mounts /etc/netns/<name>/hosts). */
  setHosts(entries: Record<string, string>): void;
  /** Runs a program inside the namespace. */
  spawn(command: string, args: string[]): ChildProcess;
  /** Limits traffic from the host into the namespace. */
  limitRate(rate: string): void;
  remove(): void;
}

let made = 0;

/** A /30 of its own: the host's address and the namespace's, unique per process and call. */
export function nextSubnet(): { hostAddress: string; address: string } {
  made += 1;
  // 10.(200-249).(0-255).(0-252)/30, from the pid and a counter.
  const n = (process.pid * 7 + made) % (50 * 256 * 64);
  const net = `10.${200 + Math.floor(n / (256 * 64))}.${Math.floor(n / 64) % 256}`;
  const base = (n % 64) * 4;
  return { hostAddress: `${net}.${base + 1}`, address: `${net}.${base + 2}` };
}

export function canMakeNetns(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    execFileSync('tc', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function makeNetns(): Netns {
  const { hostAddress: hostIp, address } = nextSubnet();
  const id = `${process.pid % 100_000}${made}`;
  const name = `pct${id}`;
  const host = `pch${id}`;
  const peer = `pcp${id}`;
  const ip = (...args: string[]): void => {
    execFileSync('ip', args, { stdio: 'ignore' });
  };
  ip('netns', 'add', name);
  try {
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', peer);
    ip('link', 'set', peer, 'netns', name);
    ip('addr', 'add', `${hostIp}/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${address}/30`, 'dev', peer);
    ip('netns', 'exec', name, 'ip', 'link', 'set', peer, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    ip('netns', 'del', name);
    throw error;
  }
  const etc = path.join('/etc/netns', name);
  return {
    name,
    address,
    hostAddress: hostIp,
    device: peer,
    hostDevice: host,
    setHosts: (entries) => {
      fs.mkdirSync(etc, { recursive: true });
      const lines = Object.entries(entries).map(([host, ip]) => `${ip} ${host}`);
      fs.writeFileSync(path.join(etc, 'hosts'), `127.0.0.1 localhost\n${lines.join('\n')}\n`);
    },
    spawn: (command, args) =>
      spawn('ip', ['netns', 'exec', name, command, ...args], { stdio: 'ignore' }),
    limitRate: (rate) => {
      execFileSync('tc', [
        'qdisc',
        'add',
        'dev',
        host,
        'root',
        'tbf',
        'rate',
        rate,
        'burst',
        '32kbit',
        'latency',
        '400ms',
      ]);
    },
    remove: () => {
      // Deleting the namespace deletes the peer and with it the host's end of the pair.
      try {
        ip('netns', 'del', name);
      } catch {
        // already gone
      }
      fs.rmSync(etc, { recursive: true, force: true });
    },
  };
}
