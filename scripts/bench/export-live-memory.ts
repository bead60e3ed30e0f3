// Run by the benchmark in a child process (node --expose-gc --conditions=react-server --import tsx):
// the participants export exactly as the route streams it (participantExport → csvBatchStream),
// read to the end in this process, with the garbage collector forced every 10,000 rows and the
// memory still in use then (the JavaScript heap and the ArrayBuffers outside it) written down. A
// streamed export holds the same amount whatever the row; one that kept its rows, or the bytes it
// has sent, holds more with every row. The resident memory of the server, which the benchmark also
// samples, cannot tell them apart: it rises with the garbage collector's appetite. Prints one JSON
// line: { rows, samples: [{ rows, liveBytes }] } for the second of two exports (the first loads the
// code and warms the caches).
import { csvBatchStream } from "@/lib/csv";
import { createPrismaClient } from "@/lib/db";
import { participantExport } from "@/lib/recruitment/export";
import { csvRecordCounter } from "./csv-count";

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("Run with node --expose-gc.");
const gc: () => void = collect;
const live = () => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const client = createPrismaClient(process.env.DATABASE_URL!);
let result: { rows: number; samples: { rows: number; liveBytes: number }[] } = { rows: 0, samples: [] };
for (let run = 0; run < 2; run += 1) {
  const { header, batches } = await participantExport({ client });
  const reader = csvBatchStream(header, batches).getReader();
  const counter = csvRecordCounter();
  const samples = [{ rows: 0, liveBytes: live() }];
  let next = 10_000;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    counter.push(value);
    const rows = Math.max(0, counter.records() - 1);
    if (rows >= next) {
      samples.push({ rows, liveBytes: live() });
      next += 10_000;
    }
  }
  result = { rows: Math.max(0, counter.records() - 1), samples };
}
await client.$disconnect();
console.log(JSON.stringify(result));
