// One connection to the room (/guest) for the join page, the stage page and the director panel: who the core says
// we are, the peers' media as it arrives, why we were refused or removed, and "Ready".
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import {
  ROOM_REFUSALS,
  type GuestAuth,
  type RoomAck,
  type RoomFeed,
  type RoomLink,
  type RoomRefusal,
  type RoomStageView,
  type RoomWelcome,
} from '../../../src/shared/guest-room';
import type { ConnectivityReport } from '../../../src/shared/connection-check';
import { RoomPeers, type RemoteMedia, type RoomSocket } from './room-peers';

const STATS_INTERVAL_MS = 2000;

export interface RoomConnection {
  welcome: RoomWelcome | null;
  links: RoomLink[];
  remote: RemoteMedia[];
  /** The return feed (guests and the host); null before the first. */
  feed: RoomFeed | null;
  /** How to lay out the stage (stage and feed pages); null before the core says. */
  stageView: RoomStageView | null;
  refusal: RoomRefusal | null;
  removed: boolean;
  connected: boolean;
  ready: (name: string, role: string) => Promise<RoomAck>;
  /** A line of talkback to the production. */
  talk: (text: string) => Promise<RoomAck>;
  /** The connection test's outcome, for the director panel. */
  reportConnectivity: (report: ConnectivityReport) => void;
  /** The camera and microphone this page sends (the stage page and the panel send none). */
  setLocal: (stream: MediaStream | null) => void;
}

function isRefusal(text: string): text is RoomRefusal {
  return (ROOM_REFUSALS as readonly string[]).includes(text);
}

export function useRoom(auth: GuestAuth): RoomConnection {
  const authJson = JSON.stringify(auth);
  const socket = useMemo<RoomSocket>(
    () =>
      io('/guest', {
        auth: JSON.parse(authJson) as GuestAuth,
        autoConnect: false,
        // Back within 2 s of the network's return (socket.io waits up to 5 s between tries).
        reconnectionDelay: 500,
        reconnectionDelayMax: 2000,
      }),
    [authJson],
  );
  const [welcome, setWelcome] = useState<RoomWelcome | null>(null);
  const [links, setLinks] = useState<RoomLink[]>([]);
  const [feed, setFeed] = useState<RoomFeed | null>(null);
  const [stageView, setStageView] = useState<RoomStageView | null>(null);
  const [remote, setRemote] = useState<RemoteMedia[]>([]);
  const [refusal, setRefusal] = useState<RoomRefusal | null>(null);
  const [removed, setRemoved] = useState(false);
  const [connected, setConnected] = useState(false);
  const peers = useMemo(() => new RoomPeers(socket, setRemote), [socket]);
  // Said "Ready" once: a reconnect (new session) says it again by itself.
  const readyAs = useRef<{ name: string; role: string } | null>(null);

  useEffect(() => {
    // Media goes peer to peer: a drop of the socket leaves the connections as they are (they may
    // well still carry media); on its return the offering side restarts ICE at once, and the
    // core's new links replace whatever belonged to the old session.
    socket.on('connect', () => {
      setConnected(true);
      peers.signallingRestored();
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (error) => {
      setConnected(false);
      if (isRefusal(error.message)) setRefusal(error.message);
    });
    socket.on('room:welcome', (next) => {
      peers.iceServers = next.iceServers;
      setWelcome(next);
      if (readyAs.current) socket.emit('room:ready', readyAs.current, () => undefined);
    });
    socket.on('room:links', (next) => {
      peers.setLinks(next);
      setLinks(next);
    });
    socket.on('room:signal', (signal) => void peers.onSignal(signal));
    socket.on('room:feed', setFeed);
    socket.on('room:stage', setStageView);
    socket.on('room:removed', () => {
      setRemoved(true);
      peers.close();
    });
    socket.connect();
    return () => {
      socket.off();
      socket.close();
      peers.close();
    };
  }, [socket, peers]);

  // Guests and the host report how their connections do, for the director panel.
  const sends = welcome?.kind === 'guest' || welcome?.kind === 'host';
  useEffect(() => {
    if (!sends) return;
    const timer = setInterval(() => {
      void peers.stats().then((stats) => socket.emit('room:stats', stats, () => undefined));
    }, STATS_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [sends, peers, socket]);

  const ready = useCallback(
    async (name: string, role: string): Promise<RoomAck> => {
      readyAs.current = { name, role };
      return (await socket.timeout(8000).emitWithAck('room:ready', { name, role })) as RoomAck;
    },
    [socket],
  );
  const talk = useCallback(
    async (text: string): Promise<RoomAck> =>
      (await socket.timeout(8000).emitWithAck('room:talk', { text })) as RoomAck,
    [socket],
  );
  const reportConnectivity = useCallback(
    (report: ConnectivityReport) => socket.emit('room:connectivity', report, () => undefined),
    [socket],
  );
  const setLocal = useCallback((stream: MediaStream | null) => peers.setLocal(stream), [peers]);
  return {
    welcome,
    links,
    remote,
    feed,
    stageView,
    refusal,
    removed,
    connected,
    ready,
    talk,
    reportConnectivity,
    setLocal,
  };
}
