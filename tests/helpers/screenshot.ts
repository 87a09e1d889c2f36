// What OBS shows: GetSourceScreenshot as BMP (uncompressed, so no image library is needed to
// compare pixels), decoded into rows of RGB, and the same as PNG for people to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { OBSWebSocket } from 'obs-websocket-js';
import { screenshotDir } from './browser.js';

export interface Picture {
  width: number;
  height: number;
  /** RGB, top row first. */
  pixels: Uint8Array;
}

export function decodeBmp(data: Buffer): Picture {
  if (data.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP image');
  const offset = data.readUInt32LE(10);
  const width = data.readInt32LE(18);
  const rawHeight = data.readInt32LE(22);
  const bits = data.readUInt16LE(28);
  const height = Math.abs(rawHeight);
  const bytes = bits / 8;
  const stride = Math.ceil((width * bytes) / 4) * 4;
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = rawHeight > 0 ? height - 1 - y : y; // positive height: bottom-up
    for (let x = 0; x < width; x++) {
      const at = offset + row * stride + x * bytes;
      const out = (y * width + x) * 3;
      pixels[out] = data[at + 2] ?? 0;
      pixels[out + 1] = data[at + 1] ?? 0;
      pixels[out + 2] = data[at] ?? 0;
    }
  }
  return { width, height, pixels };
}

export async function programPicture(
  obs: OBSWebSocket,
  scene: string,
  width = 480,
): Promise<Picture> {
  const { imageData } = await obs.call('GetSourceScreenshot', {
    sourceName: scene,
    imageFormat: 'bmp',
    imageWidth: width,
  });
  return decodeBmp(Buffer.from(imageData.replace(/^data:[^,]*,/, ''), 'base64'));
}

/** Share of pixels in rows [fromRow, toRow) that differ by more than `tolerance` per channel. */
export function differingShare(
  a: Picture,
  b: Picture,
  fromRow: number,
  toRow: number,
  tolerance = 12,
): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('pictures differ in size');
  let differ = 0;
  let total = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      total++;
      for (let c = 0; c < 3; c++) {
        if (Math.abs((a.pixels[i + c] ?? 0) - (b.pixels[i + c] ?? 0)) > tolerance) {
          differ++;
          break;
        }
      }
    }
  }
  return total === 0 ? 0 : differ / total;
}

/** Saves a PNG of `scene` under tests/.tmp/screenshots for a person to look at. */
export async function saveProgramPng(
  obs: OBSWebSocket,
  scene: string,
  name: string,
): Promise<void> {
  const dir = screenshotDir;
  const { imageData } = await obs.call('GetSourceScreenshot', {
    sourceName: scene,
    imageFormat: 'png',
    imageWidth: 1280,
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.png`),
    Buffer.from(imageData.replace(/^data:[^,]*,/, ''), 'base64'),
  );
}
