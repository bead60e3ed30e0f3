// Counts the records of a CSV file as its bytes arrive, so the benchmark can say how many rows a
// download held (and how many had arrived at each memory sample) without keeping the file. A line
// break inside a quoted cell is part of the cell, not the end of a record. Pure: no I/O.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type CsvCounter = {
  /** Feeds the next bytes of the file. */
  push: (bytes: Uint8Array) => void;
  /** Records seen so far, the header included, counting a last record with no line break after it. */
  records: () => number;
};

export function csvRecordCounter(): CsvCounter {
  let quoted = false;
  let complete = 0;
  /** Whether anything of a record has arrived since the last line break. */
  let open = false;
  return {
    push(bytes) {
      for (let index = 0; index < bytes.length; index += 1) {
        const byte = bytes[index]!;
        if (byte === QUOTE) {
          // A doubled quote inside a quoted cell toggles twice: it stays quoted, as it should.
          quoted = !quoted;
          open = true;
        } else if (byte === LF && !quoted) {
          complete += 1;
          open = false;
        } else if (byte !== CR || quoted) {
          open = true;
        }
      }
    },
    records: () => complete + (open ? 1 : 0),
  };
}
