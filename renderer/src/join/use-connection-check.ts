// The join page's connection check: all ways out tried at once as soon as the room names its
// ICE servers, each path's outcome shown as it comes, and again whenever the guest asks.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  connectivityReport,
  ICE_PATHS,
  probesFor,
  type ConnectivityReport,
  type IcePath,
  type PathResult,
} from '../../../src/shared/connection-check';
import type { IceServer } from '../../../src/shared/guest-room';
import { probeIce } from './probe-ice';

export type PathState = PathResult | 'checking';

export interface ConnectionCheck {
  paths: Record<IcePath, PathState>;
  /** How many of the paths being tried have an outcome, of how many. */
  progress: { done: number; total: number };
  /** The outcome once every path has one; null while checking and before the first run. */
  report: ConnectivityReport | null;
  run: () => void;
}

const ABSENT: Record<IcePath, PathState> = {
  direct: 'absent',
  udp: 'absent',
  tcp: 'absent',
  tls: 'absent',
};

/** Every path tried has its outcome. */
function finished(paths: Record<IcePath, PathState>): paths is Record<IcePath, PathResult> {
  return ICE_PATHS.every((path) => paths[path] !== 'checking');
}

export function useConnectionCheck(servers: IceServer[] | null): ConnectionCheck {
  const [paths, setPaths] = useState<Record<IcePath, PathState>>(ABSENT);
  const [total, setTotal] = useState(0);
  const [report, setReport] = useState<ConnectivityReport | null>(null);
  const runs = useRef(0);
  const serversRef = useRef(servers);
  useEffect(() => {
    serversRef.current = servers;
  }, [servers]);

  const run = useCallback(() => {
    const current = serversRef.current;
    if (!current) return;
    const id = ++runs.current;
    const probes = probesFor(current);
    let next = { ...ABSENT };
    for (const probe of probes) next[probe.path] = 'checking';
    setPaths(next);
    setTotal(probes.length);
    setReport(null);
    const settle = (): void => {
      if (finished(next)) setReport(connectivityReport(next, current));
    };
    settle();
    for (const probe of probes) {
      void probeIce(probe).then((result) => {
        if (runs.current !== id) return; // a newer run replaced this one
        next = { ...next, [probe.path]: result };
        setPaths(next);
        settle();
      });
    }
  }, []);

  // Once, when the room first names its servers (a reconnect's new credentials do not re-run it).
  const known = servers !== null;
  useEffect(() => {
    if (known) run();
  }, [known, run]);

  const done = ICE_PATHS.filter((path) => paths[path] !== 'checking' && paths[path] !== 'absent');
  return { paths, progress: { done: done.length, total }, report, run };
}
