// The CSV writer: RFC 4180 quoting, formula neutralisation, numbers, booleans and dates, the BOM
// and CRLF, the stream giving the same bytes as the whole file, and a round trip through a small
// RFC 4180 reader written here (so the test does not trust the writer to check itself).
import { describe, expect, it } from "vitest";
import {
  BOM,
  csvCell,
  csvLine,
  csvResponse,
  csvBatchStream,
  csvStream,
  datedFilename,
  dateOnly,
  dictionaryCsv,
  toCsv,
  type Cell,
} from "./csv";

/** A strict RFC 4180 reader: records of fields, quoted fields may hold commas, quotes and line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== "," && text[i] !== "\r")
          throw new Error(`Text after a closing quote at ${i}`);
      } else {
        field += char;
        i += 1;
      }
      continue;
    }
    if (char === '"') {
      if (fieldStarted) throw new Error(`A quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (char === ",") {
      record.push(field);
      field = "";
      fieldStarted = false;
      i += 1;
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      fieldStarted = false;
      i += 2;
    } else if (char === "\r" || char === "\n") {
      throw new Error(`A bare line break outside quotes at ${i}`);
    } else {
      field += char;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error("The file ends inside a quoted field");
  if (fieldStarted || record.length > 0) throw new Error("The last line has no CRLF");
  return records;
}

async function streamText(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

describe("one cell", () => {
  it("leaves plain text as it is and keeps every character of unicode", () => {
    expect(csvCell("Walking group")).toBe("Walking group");
    expect(csvCell("Café in Llanelli, Caerdydd ŵ ŷ 🚶‍♀️")).toBe('"Café in Llanelli, Caerdydd ŵ ŷ 🚶‍♀️"');
    expect(csvCell("Gwŷr y Gogledd")).toBe("Gwŷr y Gogledd");
  });

  it("quotes a cell with a comma, a double quote, CR or LF, and doubles its quotes", () => {
    expect(csvCell("Newcastle, Gateshead")).toBe('"Newcastle, Gateshead"');
    expect(csvCell('the "library" group')).toBe('"the ""library"" group"');
    expect(csvCell('"')).toBe('""""');
    expect(csvCell("Goals agreed.\nReviewed monthly.")).toBe('"Goals agreed.\nReviewed monthly."');
    expect(csvCell("Line one\r\nLine two")).toBe('"Line one\r\nLine two"');
    expect(csvCell("Ends with CR\r")).toBe('"Ends with CR\r"');
    expect(csvCell("")).toBe("");
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")', true],
    ["=1+2", "'=1+2", false],
    ["+44 191 496 0123", "'+44 191 496 0123", false],
    ["-2+3", "'-2+3", false],
    ["-", "'-", false],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)", false],
    ["\t=1+2", "'\t=1+2", false],
    ["\r=1+2", "'\r=1+2", true],
  ])("puts an apostrophe before text that starts a formula: %j", (text, neutralised, quoted) => {
    const expected = quoted ? `"${neutralised.replaceAll('"', '""')}"` : neutralised;
    expect(csvCell(text)).toBe(expected);
  });

  it("does not touch text that only contains those characters later, or numbers", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Team @ Riverside - North")).toBe("Team @ Riverside - North");
    expect(csvCell(" =1+2")).toBe(" =1+2");
    expect(csvCell("3-5 workers")).toBe("3-5 workers");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(+4)).toBe("4");
  });

  it("writes numbers plainly, with no thousands separators, and leaves non-finite numbers empty", () => {
    expect(csvCell(20000)).toBe("20000");
    expect(csvCell(1234567.5)).toBe("1234567.5");
    expect(csvCell(3.67)).toBe("3.67");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("");
  });

  it("writes booleans as 1 and 0, and missing values as empty cells", () => {
    expect(csvCell(true)).toBe("1");
    expect(csvCell(false)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("writes dates as ISO 8601 in UTC, to the second, or as the day alone", () => {
    // 17:00 in London on 16 March is GMT, so the same in UTC; in July it is BST, an hour ahead.
    expect(csvCell(new Date("2026-03-16T17:00:00.123Z"))).toBe("2026-03-16T17:00:00Z");
    expect(csvCell(new Date("2026-07-01T16:30:05+01:00"))).toBe("2026-07-01T15:30:05Z");
    expect(csvCell(new Date("2026-03-16T17:00:00Z"), "date")).toBe("2026-03-16");
    expect(csvCell(dateOnly(new Date("2026-09-30T00:00:00Z")))).toBe("2026-09-30");
    expect(csvCell(dateOnly(null))).toBe("");
    expect(csvCell(new Date("not a date"))).toBe("");
  });
});

describe("a line and a whole file", () => {
  const header = ["id", "name", "score", "agreed", "when", "note"];
  const rows: Cell[][] = [
    [1, "Café, Llanelli", 3.5, true, new Date("2026-03-16T17:00:00Z"), 'Said "yes"\nthen "no"'],
    [2, '=HYPERLINK("x")', -2, false, null, "Croeso i Gymru: ŵ ŷ 🎉"],
    [3, "", null, null, dateOnly(new Date("2026-04-01T00:00:00Z")), "ends here\r\n"],
  ];

  it("joins cells with commas", () => {
    expect(csvLine(["a", 1, true, null, "b,c"])).toBe('a,1,1,,"b,c"');
  });

  it("starts with one byte-order mark and ends every line, the last too, with CRLF", () => {
    const text = toCsv(header, rows);
    expect(text.startsWith(`${BOM}id,name,score,agreed,when,note\r\n`)).toBe(true);
    expect(text.indexOf(BOM, 1)).toBe(-1);
    expect(text.endsWith("\r\n")).toBe(true);
    // Outside quoted cells every line break is CRLF: four records, four CRLFs between them.
    expect(parseCsv(text.slice(1))).toHaveLength(4);
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("reads back to the original values, apart from the apostrophe before a formula", () => {
    const text = toCsv(header, rows);
    const [readHeader, ...readRows] = parseCsv(text.slice(BOM.length));
    expect(readHeader).toEqual(header);
    expect(readRows).toEqual([
      ["1", "Café, Llanelli", "3.5", "1", "2026-03-16T17:00:00Z", 'Said "yes"\nthen "no"'],
      ["2", '\'=HYPERLINK("x")', "-2", "0", "", "Croeso i Gymru: ŵ ŷ 🎉"],
      ["3", "", "", "", "2026-04-01", "ends here\r\n"],
    ]);
  });

  it("reads back every awkward mix of characters, 2,000 random texts in all", () => {
    const alphabet = ['"', ",", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "'", " ", "a", "é", "ŵ", "🎉", ";"];
    let seed = 20260316;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * alphabet.length;
    const texts = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + Math.floor(random() % 12) }, () => alphabet[Math.floor(random())]).join(""),
    );
    const read = parseCsv(
      toCsv(
        ["text", "n"],
        texts.map((text) => [text, -1]),
      ).slice(1),
    ).slice(1);
    expect(read).toEqual(texts.map((text) => [/^[=+\-@\t\r]/.test(text) ? `'${text}` : text, "-1"]));
  });

  it("writes a header alone when there are no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe(`${BOM}a,b\r\n`);
  });

  it("refuses a row whose width differs from the header's, rather than shifting columns", () => {
    expect(() => toCsv(["a", "b"], [["1", "2"], ["3"]])).toThrow("CSV row 2 has 1 cells; the header has 2.");
  });
});

describe("the stream", () => {
  const header = ["n", "text", "when"];
  const row = (n: number): Cell[] => [
    n,
    n % 3 === 0 ? `=cmd|' /C calc'!A${n}` : `Row ${n}, "ŵ"\n🎉`,
    new Date(n * 1000),
  ];

  it("yields exactly the bytes of the whole file, from an async source, over many chunks", async () => {
    const count = 5_000;
    async function* source() {
      for (let n = 0; n < count; n++) yield row(n);
    }
    const streamed = await streamText(csvStream(header, source()));
    const whole = new TextEncoder().encode(
      toCsv(
        header,
        Array.from({ length: count }, (_, n) => row(n)),
      ),
    );
    expect(streamed.length).toBeGreaterThan(64 * 1024);
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true);
    expect(parseCsv(new TextDecoder().decode(streamed).slice(1))).toHaveLength(count + 1);
  });

  it("takes an ordinary array too, and an empty one gives the header alone", async () => {
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await streamText(csvStream(header, [row(1)])))).toBe(
      toCsv(header, [row(1)]),
    );
    expect(Buffer.from(await streamText(csvStream(header, []))).toString("utf8")).toBe(`${BOM}n,text,when\r\n`);
  });

  it("reads the rows only as they are asked for, and closes the source when the download stops", async () => {
    let produced = 0;
    let closed = false;
    async function* source() {
      try {
        for (let n = 0; n < 1_000_000; n++) {
          produced += 1;
          yield row(n);
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(header, source()).getReader();
    await reader.read(); // the header
    await reader.read(); // the first chunk of rows
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(10_000);
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("fails the stream on a row of the wrong width", async () => {
    await expect(streamText(csvStream(["a", "b"], [["1"]]))).rejects.toThrow("CSV row 1 has 1 cells");
  });
});

describe("the stream from batches", () => {
  const header = ["n", "text"];
  const row = (n: number): Cell[] => [n, n % 4 === 0 ? `+${n}` : `Row, ${n}`];
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, at) => row(from + at));

  it("yields exactly the bytes of the whole file, whatever the batches' sizes, empty ones included", async () => {
    async function* batches() {
      yield rows(0, 3);
      yield [];
      yield rows(3, 8_000);
      yield rows(8_003, 1);
      yield [];
    }
    const streamed = await streamText(csvBatchStream(header, batches()));
    const whole = new TextEncoder().encode(toCsv(header, rows(0, 8_004)));
    expect(streamed.length).toBeGreaterThan(64 * 1024);
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true);
    async function* none() {}
    expect(Buffer.from(await streamText(csvBatchStream(header, none()))).toString("utf8")).toBe(`${BOM}n,text\r\n`);
  });

  it("reads batches only as they are asked for, and closes the source when the download stops", async () => {
    let produced = 0;
    let closed = false;
    async function* batches() {
      try {
        for (let n = 0; n < 1_000_000; n += 100) {
          produced += 1;
          yield rows(n, 100);
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvBatchStream(header, batches()).getReader();
    await reader.read(); // the header
    await reader.read(); // the first chunk of rows
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(100);
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("fails the stream on a row of the wrong width, numbering rows across batches", async () => {
    async function* batches() {
      yield [["1", "a"]];
      yield [["2", "b"], ["3"]];
    }
    await expect(streamText(csvBatchStream(header, batches()))).rejects.toThrow("CSV row 3 has 1 cells");
  });
});

describe("the data dictionary, the file name and the response", () => {
  it("writes one line per column with its label, type, values and notes", () => {
    const text = dictionaryCsv([
      { column: "agency_code", label: "Agency's short number", type: "integer" },
      { column: "sector", label: "Sector", type: "code", values: "NHS = NHS; LOCAL_AUTHORITY = Local authority" },
      { column: "agreed", label: "Agrees, yes or no", type: "boolean", values: "1 = yes; 0 = no", notes: "-" },
    ]);
    expect(parseCsv(text.slice(1))).toEqual([
      ["column", "label", "type", "values", "notes"],
      ["agency_code", "Agency's short number", "integer", "", ""],
      ["sector", "Sector", "code", "NHS = NHS; LOCAL_AUTHORITY = Local authority", ""],
      ["agreed", "Agrees, yes or no", "boolean", "1 = yes; 0 = no", "'-"],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
  });

  it("dates the file name with today's date in the UK", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(datedFilename("connecting-people-agencies", new Date("2026-06-30T23:30:00Z"))).toBe(
      "connecting-people-agencies-2026-07-01.csv",
    );
    expect(datedFilename("x", new Date("2026-01-05T23:30:00Z"))).toBe("x-2026-01-05.csv");
  });

  it("downloads as UTF-8 CSV, as an attachment, never cached", async () => {
    const response = csvResponse(toCsv(["a"], [["é"]]), 'report "1".csv');
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="report__1_.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).toString("utf8")).toBe(`${BOM}a\r\né\r\n`);
  });
});
