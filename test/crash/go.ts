// In a crash-test worker, before its first query: waits for the test's "go" on stdin (Worker.go in
// ./child.ts). The test starts a worker ahead, while the one before it still runs, so that loading
// its code is not counted in the restart; until "go" it touches nothing. If the test goes away
// first (its end of the pipe closes), the worker ends without doing anything.
import { createInterface } from "node:readline";

export async function waitForGo(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line === "go") {
      lines.close();
      // Nothing more comes this way; an open stdin would keep the process from ending.
      process.stdin.destroy();
      return;
    }
  }
  process.exit(0);
}
