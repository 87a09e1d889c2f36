// The network of a remote guest test: a "guest" and a "studio" namespace, each joined to the
// host (the root namespace, where coturn and the signalling server run) by its own veth pair,
// and NO route between the two: each namespace knows only its own /30, so the one way media can
// take is through the relay on the host. The guest's network can then change under it: a new
// address in a new subnet (Wi-Fi to mobile), or a cut link (no iptables, nft, netem or tc
// classifiers on this kernel: a tbf queue with a burst smaller than any packet drops everything,
// or the link is set down).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { makeNetns, nextSubnet, type Netns } from './netns.js';

const run = promisify(execFile);

/** blackhole: the interface stays up, packets vanish (an outage upstream); down: link lost. */
export type LinkCut = 'blackhole' | 'down';

export interface GuestNetwork {
  guest: Netns;
  studio: Netns;
  /** The host as the guest reaches it (where its coturn listener and servers are). */
  hostForGuest: string;
  /** The host as the studio reaches it. */
  hostForStudio: string;
  /** The guest's current address. */
  guestAddress(): string;
  /** Moves the guest to a fresh subnet, keeping a route to `hostForGuest`; the new address. */
  changeGuestAddress(): string;
  cutGuestLink(how: LinkCut): void;
  restoreGuestLink(): void;
  /** True when the namespace has a route to the address (`ip route get`). */
  hasRoute(from: Netns, to: string): Promise<boolean>;
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

// A token bucket whose burst (10 bytes) is smaller than every packet: tbf drops them all.
const BLACKHOLE = ['root', 'tbf', 'rate', '8bit', 'burst', '10', 'limit', '1'];

export function makeGuestNetwork(): GuestNetwork {
  const guest = makeNetns();
  const studio = makeNetns();
  let address = guest.address;
  let gateway = guest.hostAddress;
  let cut: LinkCut | null = null;
  const inGuest = (...args: string[]): void => ip('netns', 'exec', guest.name, ...args);
  /** After the move the host is no longer on-link: reach it through the new gateway. */
  const routeToHost = (): void => {
    if (gateway !== guest.hostAddress) {
      inGuest('ip', 'route', 'replace', `${guest.hostAddress}/32`, 'via', gateway);
    }
  };
  return {
    guest,
    studio,
    hostForGuest: guest.hostAddress,
    hostForStudio: studio.hostAddress,
    guestAddress: () => address,
    changeGuestAddress: () => {
      const next = nextSubnet();
      ip('addr', 'add', `${next.hostAddress}/30`, 'dev', guest.hostDevice);
      inGuest('ip', 'addr', 'del', `${address}/30`, 'dev', guest.device);
      inGuest('ip', 'addr', 'add', `${next.address}/30`, 'dev', guest.device);
      address = next.address;
      gateway = next.hostAddress;
      routeToHost();
      return address;
    },
    cutGuestLink: (how) => {
      if (cut) throw new Error(`the guest's link is already cut (${cut})`);
      if (how === 'down') inGuest('ip', 'link', 'set', guest.device, 'down');
      else {
        inGuest('tc', 'qdisc', 'add', 'dev', guest.device, ...BLACKHOLE);
        execFileSync('tc', ['qdisc', 'add', 'dev', guest.hostDevice, ...BLACKHOLE]);
      }
      cut = how;
    },
    restoreGuestLink: () => {
      if (cut === 'down') {
        inGuest('ip', 'link', 'set', guest.device, 'up');
        routeToHost(); // a link going down takes its routes with it, as DHCP would re-add them
      } else if (cut === 'blackhole') {
        inGuest('tc', 'qdisc', 'del', 'dev', guest.device, 'root');
        execFileSync('tc', ['qdisc', 'del', 'dev', guest.hostDevice, 'root']);
      }
      cut = null;
    },
    hasRoute: async (from, to) => {
      try {
        await run('ip', ['netns', 'exec', from.name, 'ip', 'route', 'get', to]);
        return true;
      } catch {
        return false;
      }
    },
    remove: () => {
      guest.remove();
      studio.remove();
    },
  };
}
