// The command line of `npm run bench -- [options]`. Pure: no I/O.
import { isCalendarDate } from "@/lib/recruitment/rules";
import { DEFAULT_SEED } from "./plan";

export type BenchOptions = {
  seed: number;
  fresh: boolean;
  reuseBuild: boolean;
  connections: number;
  durationS: number;
  warmupS: number;
  downloads: number;
  /** The UK date the data set's story is told from; today when not given. */
  today: string | null;
  help: boolean;
};

export const DEFAULT_OPTIONS: BenchOptions = {
  seed: DEFAULT_SEED,
  fresh: false,
  reuseBuild: false,
  connections: 16,
  durationS: 10,
  warmupS: 2,
  downloads: 3,
  today: null,
  help: false,
};

export const USAGE = `Usage: npm run bench -- [options]

Generates a national-scale data set into its own embedded PostgreSQL (.data/bench), serves a production
build of the app (.next-bench) and measures it with autocannon; prints a table and writes bench/results.md.

  --seed N          seed of the data set (default ${DEFAULT_SEED}); the same seed and day give the same data
  --fresh           build the data set again even when one for this seed and schema exists
  --today YYYY-MM-DD  tell the data set's story from this day instead of today
  --reuse-build     serve the last build in .next-bench instead of building again
  --connections N   concurrent connections (default 16)
  --duration S      seconds measured per target (default 10)
  --warmup S        seconds of warm-up before each target (default 2)
  --downloads N     downloads of the participants export (default 3)
  --help            this text`;

export class ArgsError extends Error {}

function whole(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || number < min || number > max) {
    throw new ArgsError(
      `${name} takes a whole number from ${min} to ${max}${value === undefined ? "" : `, not "${value}"`}.`,
    );
  }
  return number;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++index];
    switch (flag) {
      case "--seed":
        options.seed = whole("--seed", value(), 0, 2 ** 31 - 1);
        break;
      case "--fresh":
        options.fresh = true;
        break;
      case "--reuse-build":
        options.reuseBuild = true;
        break;
      case "--connections":
        options.connections = whole("--connections", value(), 1, 1000);
        break;
      case "--duration":
        options.durationS = whole("--duration", value(), 1, 600);
        break;
      case "--warmup":
        options.warmupS = whole("--warmup", value(), 0, 600);
        break;
      case "--downloads":
        options.downloads = whole("--downloads", value(), 1, 20);
        break;
      case "--today": {
        const day = value();
        if (!day || !isCalendarDate(day)) {
          throw new ArgsError(`--today takes a date as YYYY-MM-DD${day ? `, not "${day}"` : ""}.`);
        }
        options.today = day;
        break;
      }
      case "--help":
      case "-h":
        options.help = true;
        break;
      default:
        throw new ArgsError(`Unknown option "${argv[index]}". Run npm run bench -- --help for the options.`);
    }
  }
  return options;
}
