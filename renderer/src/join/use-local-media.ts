// The guest's own camera and microphone: asks once, lists the devices (names appear only after
// permission), and opens the chosen ones again when the guest picks others.
import { useCallback, useEffect, useState } from 'react';

export interface LocalMedia {
  stream: MediaStream | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  camera: string;
  microphone: string;
  error: string | null;
  choose(kind: 'camera' | 'microphone', deviceId: string): void;
}

/** 360p is plenty for a tile of four and keeps a mesh of five within a home upload. */
const VIDEO = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 30 } };

async function open(camera: string, microphone: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: camera ? { ...VIDEO, deviceId: { exact: camera } } : VIDEO,
    audio: microphone
      ? { deviceId: { exact: microphone }, echoCancellation: true }
      : { echoCancellation: true },
  });
}

export function useLocalMedia(): LocalMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [chosen, setChosen] = useState({ camera: '', microphone: '' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    let opened: MediaStream | null = null;
    open(chosen.camera, chosen.microphone)
      .then(async (next) => {
        opened = next;
        if (!current) return;
        setStream(next);
        setError(null);
        setDevices(await navigator.mediaDevices.enumerateDevices());
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
      for (const track of opened?.getTracks() ?? []) track.stop();
    };
  }, [chosen.camera, chosen.microphone]);

  const choose = useCallback((kind: 'camera' | 'microphone', deviceId: string) => {
    setChosen((previous) => ({ ...previous, [kind]: deviceId }));
  }, []);
  const inUse = (kind: 'video' | 'audio'): string =>
    stream
      ?.getTracks()
      .find((t) => t.kind === kind)
      ?.getSettings().deviceId ?? '';
  return {
    stream,
    cameras: devices.filter((d) => d.kind === 'videoinput'),
    microphones: devices.filter((d) => d.kind === 'audioinput'),
    camera: chosen.camera || inUse('video'),
    microphone: chosen.microphone || inUse('audio'),
    error,
    choose,
  };
}
