/**
 * A workbook is a zip archive, and zip writers stamp each entry with the time it was added
 * (exceljs's JSZip uses the clock): two runs on the same inputs would differ in those bytes.
 * {@link fixZipTimes} sets every entry's time to one fixed value, so the same report gives the
 * same bytes. The DOS date-time fields carry no checksum, so nothing else changes.
 */

/** 1980-01-01 00:00:00, the earliest DOS date (the usual fixed time of reproducible archives). */
export const FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1;
export const FIXED_DOS_TIME = 0;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes and may be followed by a comment of up to 65,535. */
const END_RECORD_BYTES = 22;
const MAX_COMMENT = 0xffff;

function endRecord(zip: Buffer): number {
  const first = Math.max(0, zip.length - END_RECORD_BYTES - MAX_COMMENT);
  for (let i = zip.length - END_RECORD_BYTES; i >= first; i--) if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  throw new Error('not a zip archive (no end of central directory record)');
}

/**
 * Sets the modification time of every entry of a zip archive (its central directory record and
 * its local header) to 1980-01-01 00:00, in place; returns the same buffer. Throws on a buffer
 * that is not a single-disk zip archive (an internal error: exceljs wrote it).
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const end = endRecord(zip);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`zip central directory entry ${n} is damaged`);
    zip.writeUInt16LE(FIXED_DOS_TIME, at + 12);
    zip.writeUInt16LE(FIXED_DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`zip local header of entry ${n} is damaged`);
    zip.writeUInt16LE(FIXED_DOS_TIME, local + 10);
    zip.writeUInt16LE(FIXED_DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
