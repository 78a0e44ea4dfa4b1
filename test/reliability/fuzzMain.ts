// `npm run fuzz`: the instruction fuzzer of test/reliability/instructionFuzz.test.ts,
// by the million. Options:
//   --trials N     trials to run (default 1,000,000), cycling cpu / vcpu / board
//   --seconds S    stop after S seconds instead (whichever comes first)
//   --seed S       base seed (default: time-based, printed so a failure can be replayed)
//   --kinds a,b    trial kinds among cpu, vcpu, board
// Exits 1 and prints each failure's kind, seed and first word when any host exception
// escaped; `--seed <its seed> --trials 1 --kinds <its kind>` replays one failing trial.

import { FuzzTally, formatFailure, runFuzz, TrialKind } from './support/instructionFuzzer';

interface FuzzOptions {
  trials: number;
  seconds: number;
  seed: number;
  kinds: TrialKind[];
}

function parseOptions(argv: string[]): FuzzOptions {
  const options: FuzzOptions = { trials: 1_000_000, seconds: Infinity, seed: Date.now() >>> 0, kinds: ['cpu', 'vcpu', 'board'] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--trials': options.trials = Number(value); i++; break;
      case '--seconds': options.seconds = Number(value); i++; break;
      case '--seed': options.seed = Number(value) >>> 0; i++; break;
      case '--kinds': options.kinds = value.split(',') as TrialKind[]; i++; break;
      default: throw new Error(`unknown option ${argv[i]} (use --trials, --seconds, --seed, --kinds)`);
    }
  }
  if (!Number.isSafeInteger(options.trials) || options.trials <= 0) throw new Error('--trials needs a positive integer');
  if (!(options.seconds > 0)) throw new Error('--seconds needs a positive number');
  for (const kind of options.kinds) if (!['cpu', 'vcpu', 'board'].includes(kind)) throw new Error(`unknown trial kind ${kind}`);
  return options;
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  console.log(`fuzzing: seed ${options.seed}, up to ${options.trials} trials (${options.kinds.join(', ')})`);
  const started = Date.now();
  const total: FuzzTally = { trials: 0, words: 0, instructions: 0, failures: [] };
  const BATCH = 2000;
  let lastReport = started;
  while (total.trials < options.trials && (Date.now() - started) / 1000 < options.seconds) {
    const count = Math.min(BATCH, options.trials - total.trials);
    // Batch b continues the sequence of seeds the single run would have used.
    const tally = runFuzz((options.seed + Math.imul(total.trials, 0x9e3779b1)) >>> 0, count, rotate(options.kinds, total.trials));
    total.trials += tally.trials;
    total.words += tally.words;
    total.instructions += tally.instructions;
    total.failures.push(...tally.failures);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.log(`  ${total.trials} trials, ${total.words} random words placed, ${total.instructions} guest instructions, ${total.failures.length} failures`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`done: ${total.trials} trials, ${total.words} random words placed, ${total.instructions} guest instructions in ${seconds.toFixed(0)} s`);
  for (const failure of total.failures.slice(0, 20)) console.log(formatFailure(failure));
  if (total.failures.length > 0) {
    console.log(`${total.failures.length} trials raised a host exception`);
    return 1;
  }
  console.log('no host exception');
  return 0;
}

/** The kinds in the order trial `offset` of the whole run would see them. */
function rotate(kinds: TrialKind[], offset: number): TrialKind[] {
  const shift = offset % kinds.length;
  return [...kinds.slice(shift), ...kinds.slice(0, shift)];
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`fuzz: ${(e as Error).message}`);
  process.exitCode = 2;
}
