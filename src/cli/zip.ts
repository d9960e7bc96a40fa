/**
 * The zip container of an .xlsx workbook, read by random access: the central directory at the end of the file says
 * where each part is, so the small parts (workbook, relationships, styles, shared strings) are read first whatever
 * their order in the file, and the worksheet is then inflated in slices (Node's zlib) and handed over chunk by chunk,
 * never held whole.
 *
 * Every problem with the container throws `ZipError` with a short reason (the caller names the file and says what it
 * looks like instead, see xlsxErrors.ts).
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { pipeline } from "stream/promises";

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Node's CRC-32 (from Node 20.15 and 22.2); without it only the size is checked. */
const CRC32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** Compressed bytes per inflate step: small enough to keep memory flat, large enough to keep calls few. */
const SLICE = 1 << 17;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** Sizes and offset from a Zip64 extra field, for the fields the central record marks as 0xFFFFFFFF. */
function zip64(extra: Buffer, entry: ZipEntry): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + len;
  }
}

function findEocd(fd: number, fileSize: number): { tail: Buffer; at: number } {
  const tailLength = Math.min(fileSize, 22 + 65535 + 20);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) return { tail, at: i };
  }
  throw new ZipError("no central directory at the end of the file");
}

function parseCentral(dir: Buffer, count: number): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError("damaged central directory");
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: dir.toString("utf8", p + 46, p + 46 + nameLength),
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
    };
    zip64(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.set(entry.name.replace(/\\/g, "/"), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An open zip file: its entries by name (case as stored, `\` read as `/`). Call `close()` when done. */
export class ZipFile {
  readonly entries: Map<string, ZipEntry>;
  private readonly fd: number;
  private readonly size: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, "r");
    try {
      this.size = fs.fstatSync(this.fd).size;
      const { tail, at } = findEocd(this.fd, this.size);
      let count = tail.readUInt16LE(at + 10);
      let dirSize = tail.readUInt32LE(at + 12);
      let dirOffset = tail.readUInt32LE(at + 16);
      if (at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
        const record = readAt(this.fd, Number(tail.readBigUInt64LE(at - 12)), 56);
        count = Number(record.readBigUInt64LE(32));
        dirSize = Number(record.readBigUInt64LE(40));
        dirOffset = Number(record.readBigUInt64LE(48));
      }
      if (dirOffset + dirSize > this.size) throw new ZipError("the central directory points past the end of the file");
      this.entries = parseCentral(readAt(this.fd, dirOffset, dirSize), count);
    } catch (e) {
      fs.closeSync(this.fd);
      throw e;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** Where the entry's compressed bytes start (after its local header). */
  private dataOffset(entry: ZipEntry): number {
    const header = readAt(this.fd, entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new ZipError(`damaged entry ${entry.name}`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) throw new ZipError(`${entry.name} is cut off`);
    return start;
  }

  private check(entry: ZipEntry): void {
    if (entry.flags & 1) throw new ZipError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError(`${entry.name} uses compression method ${entry.method}, which is not supported`);
    }
  }

  private checkInflated(entry: ZipEntry, total: number, crc: number | null): void {
    if (total !== entry.size) throw new ZipError(`${entry.name} inflates to the wrong size`);
    if (crc !== null && crc >>> 0 !== entry.crc >>> 0) throw new ZipError(`${entry.name} fails its CRC check`);
  }

  /**
   * Inflates the entry, handing over its bytes in chunks, then an empty final chunk once the size and (where Node
   * has it) the CRC-32 are checked. Node's zlib inflates on its thread pool while this thread takes the chunks, so
   * reading the sheet and scanning it overlap; only a few chunks are in memory at a time (stream backpressure).
   * An error thrown by `onChunk` passes through as it is.
   */
  async stream(entry: ZipEntry, onChunk: (bytes: Uint8Array, final: boolean) => void): Promise<void> {
    this.check(entry);
    const start = this.dataOffset(entry);
    const { fd } = this;
    const size = entry.compressedSize;
    let total = 0;
    let crc = 0;
    let consumerError: unknown = null;
    const take = (bytes: Uint8Array): void => {
      total += bytes.length;
      if (CRC32) crc = CRC32(bytes, crc);
      try {
        onChunk(bytes, false);
      } catch (e) {
        consumerError = e;
        throw e;
      }
    };
    if (entry.method === 0) {
      for (let p = 0; p < size; p += SLICE) take(readAt(fd, start + p, Math.min(SLICE, size - p)));
    } else {
      async function* compressed(): AsyncGenerator<Buffer> {
        for (let p = 0; p < size; p += SLICE) yield readAt(fd, start + p, Math.min(SLICE, size - p));
      }
      try {
        await pipeline(compressed, zlib.createInflateRaw(), async (source: AsyncIterable<Buffer>) => {
          for await (const bytes of source) take(bytes);
        });
      } catch (e) {
        if (e === consumerError || e instanceof ZipError) throw e;
        throw new ZipError(`${entry.name} does not inflate (${(e as Error).message})`);
      }
    }
    this.checkInflated(entry, total, CRC32 ? crc : null);
    onChunk(new Uint8Array(0), true);
  }

  /** The whole entry as text (for the small parts: workbook, relationships, styles, shared strings). */
  text(entry: ZipEntry): string {
    this.check(entry);
    const raw = readAt(this.fd, this.dataOffset(entry), entry.compressedSize);
    let bytes: Buffer;
    try {
      bytes = entry.method === 8 ? zlib.inflateRawSync(raw) : raw;
    } catch (e) {
      throw new ZipError(`${entry.name} does not inflate (${(e as Error).message})`);
    }
    this.checkInflated(entry, bytes.length, CRC32 ? CRC32(bytes, 0) : null);
    return bytes.toString("utf8");
  }
}
