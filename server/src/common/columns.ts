// Column shapes both engines store the same way. Ids and times are set by the application so an
// insert is one round trip on MySQL too (MySQL 8 has no INSERT … RETURNING).
import { randomFillSync } from 'node:crypto';
import { Column, type ColumnOptions } from 'typeorm';

export const ID_LENGTH = 36;

// UUIDv7 as RFC 9562 lays it out (and as the uuid package made them here before): 48 bits of Unix
// milliseconds, the version, a 31-bit counter seeded at random each millisecond and stepped within
// it (the method of RFC 9562 §6.2: monotonic in one process), the variant, 32 random bits. Made here
// because the package asks WebCrypto for 16 fresh bytes per id, a few ids per row written: the random
// bytes come from a pool filled 4 KiB at a time instead.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random(n: number): number {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let lastMs = -Infinity;
let seq = 0;
const id = new Uint8Array(16);

/** Time-ordered ids (UUIDv7): events sort in the order they were written, and inserts stay local in MySQL's index. */
export function newId(): string {
  let ms = Date.now();
  const r = random(10);
  if (ms > lastMs) {
    seq = pool.readUInt32BE(r) & 0x7fffffff;
    lastMs = ms;
  } else {
    seq = (seq + 1) | 0;
    // The counter ran over within one millisecond: the next one's, as the uuid package does.
    if (seq === 0) lastMs++;
    ms = lastMs;
  }
  id[0] = (ms / 0x10000000000) & 0xff;
  id[1] = (ms / 0x100000000) & 0xff;
  id[2] = (ms / 0x1000000) & 0xff;
  id[3] = (ms / 0x10000) & 0xff;
  id[4] = (ms / 0x100) & 0xff;
  id[5] = ms & 0xff;
  id[6] = 0x70 | ((seq >>> 28) & 0x0f);
  id[7] = (seq >>> 20) & 0xff;
  id[8] = 0x80 | ((seq >>> 14) & 0x3f);
  id[9] = (seq >>> 6) & 0xff;
  id[10] = ((seq << 2) & 0xff) | (pool[r + 4] & 0x03);
  for (let i = 11; i < 16; i++) id[i] = pool[r + i - 6];
  const h = (i: number) => HEX[id[i]];
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

export function IdColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: ID_LENGTH, ...options });
}

/** UTC instants with millisecond precision. */
export function TimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}
