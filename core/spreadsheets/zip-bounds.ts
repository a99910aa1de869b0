// Bounds an uploaded XLSX (a ZIP) before any parser unpacks it: at most so many entries and so
// many bytes once inflated, measured by actually inflating with a cap, since the sizes a ZIP
// declares are the attacker's to choose. A zip bomb is refused after `maxBytes`, not at 10 GB.
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxBytes: number;
}

export type ZipVerdict = { ok: true; bytes: number } | { ok: false; reason: 'unreadable' | 'too_large' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function checkZipBounds(data: Uint8Array, limits: ZipLimits): ZipVerdict {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let eocd = -1;
  for (let i = data.byteLength - 22; i >= Math.max(0, data.byteLength - 65_557); i--) {
    if (u32(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'unreadable' };
  const entries = u16(eocd + 10);
  if (entries > limits.maxEntries) return { ok: false, reason: 'too_large' };
  let at = u32(eocd + 16);
  let total = 0;
  try {
    for (let n = 0; n < entries; n++) {
      if (at + 46 > data.byteLength || u32(at) !== CENTRAL) return { ok: false, reason: 'unreadable' };
      const method = u16(at + 10);
      const compressed = u32(at + 20);
      const local = u32(at + 42);
      const next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
      // ZIP64 markers: no spreadsheet we accept is that large.
      if (compressed === 0xffffffff || local === 0xffffffff) return { ok: false, reason: 'too_large' };
      if (local + 30 > data.byteLength || u32(local) !== LOCAL) return { ok: false, reason: 'unreadable' };
      const start = local + 30 + u16(local + 26) + u16(local + 28);
      const body = data.subarray(start, start + compressed);
      const remaining = limits.maxBytes - total;
      if (method === 0) total += body.byteLength;
      else if (method === 8) total += inflateRawSync(body, { maxOutputLength: remaining + 1 }).byteLength;
      else return { ok: false, reason: 'unreadable' };
      if (total > limits.maxBytes) return { ok: false, reason: 'too_large' };
      at = next;
    }
  } catch (error) {
    // zlib stops at maxOutputLength with a RangeError: that is the bomb.
    return { ok: false, reason: error instanceof RangeError ? 'too_large' : 'unreadable' };
  }
  return { ok: true, bytes: total };
}
