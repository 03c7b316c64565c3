// Real PNG files of realistic sizes (20–200 KB, log-uniform) for the benchmark library: a photo-like
// gradient with noise, which deflates about as badly as a photo does. Deterministic from the seed.
import { deflateSync } from 'node:zlib';
import { prng } from './library-generator';

export interface PoolImage {
  type: 'image/png';
  width: number;
  height: number;
  bytes: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGB PNG: gradient plus noise of the given amplitude (more noise, bigger file). */
export function makePng(width: number, height: number, noise: number, rand: () => number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const [r0, g0, b0] = [rand() * 255, rand() * 255, rand() * 255];
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      const gx = (x / width) * 90,
        gy = (y / height) * 90;
      raw[o] = Math.max(0, Math.min(255, r0 * 0.6 + gx + rand() * noise));
      raw[o + 1] = Math.max(0, Math.min(255, g0 * 0.6 + gy + rand() * noise));
      raw[o + 2] = Math.max(0, Math.min(255, b0 * 0.6 + (gx + gy) / 2 + rand() * noise));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return new Uint8Array(
    Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array())]),
  );
}

/** `count` PNGs whose sizes spread log-uniformly over [minBytes, maxBytes]. */
export function imagePool(count: number, seed = 7, minBytes = 20_000, maxBytes = 200_000): PoolImage[] {
  const rand = prng(seed);
  const out: PoolImage[] = [];
  // ~1.6 bytes per pixel at this noise level; one correction pass lands within a few per cent.
  const NOISE = 24;
  for (let i = 0; i < count; i++) {
    const target = minBytes * (maxBytes / minBytes) ** rand();
    const aspect = 1.3 + rand() * 0.5;
    let pixels = target / 1.6;
    let png: Uint8Array = new Uint8Array();
    let width = 0,
      height = 0;
    for (let pass = 0; pass < 2; pass++) {
      height = Math.max(16, Math.round(Math.sqrt(pixels / aspect)));
      width = Math.max(16, Math.round(height * aspect));
      png = makePng(width, height, NOISE, prng(seed * 1000 + i));
      pixels *= target / png.length;
    }
    out.push({ type: 'image/png', width, height, bytes: png });
  }
  return out;
}
