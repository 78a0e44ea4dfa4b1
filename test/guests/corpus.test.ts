// The guest corpus: every committed ELF under test/guests runs in the
// emulator (`node dist/cli.js run`) and must print exactly what QEMU printed
// when the reference was recorded, and exit with the same status. Where
// qemu-system-aarch64 is installed, a few guests also run under it live to
// show the committed references are still what QEMU does.

import * as assert from 'assert';
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CorpusGuest, corpusGuests, guestsFolder, repositoryRoot } from './corpus';
import { describeOutputDifference } from './outputDifference';

const CLI_PATH = path.join(repositoryRoot(), 'dist', 'cli.js');
/** Far more than any guest needs (the largest runs about 35 million instructions). */
const MAX_INSTRUCTIONS = 1_000_000_000;
const GUEST_TIMEOUT_MS = 180_000;
/** The exit status `run` uses when --max-instructions is exceeded. */
const STATUS_INSTRUCTION_LIMIT = 124;

/*
 * Both runners start in the ELF's folder and name it without a folder: the
 * guest's semihosting command line begins with the program path as given,
 * and the references were recorded that way (see build.sh).
 */
function runOptions(guest: CorpusGuest) {
  return {
    cwd: path.dirname(guest.elfPath),
    stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[],
    timeout: GUEST_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  };
}

function runInEmulator(guest: CorpusGuest): SpawnSyncReturns<Buffer> {
  const args = [CLI_PATH, 'run', path.basename(guest.elfPath), '--max-instructions', String(MAX_INSTRUCTIONS)];
  if (guest.args.length > 0) args.push('--', ...guest.args);
  return spawnSync(process.execPath, args, runOptions(guest));
}

function runInQemu(guest: CorpusGuest): SpawnSyncReturns<Buffer> {
  const runQemu = path.join(guestsFolder(), 'run-qemu.sh');
  return spawnSync('bash', [runQemu, path.basename(guest.elfPath), ...guest.args], runOptions(guest));
}

function tail(text: Buffer, lines: number): string {
  return text.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Asserts that a finished run printed `expectedStdout` and exited with `expectedStatus`. */
function assertSameRun(
  who: string,
  result: SpawnSyncReturns<Buffer>,
  expectedStdout: Buffer,
  expectedStatus: number,
): void {
  if (result.error) assert.fail(`${who} did not finish: ${result.error.message}`);
  if (result.signal) assert.fail(`${who} was killed by ${result.signal}\n${tail(result.stderr, 10)}`);
  const difference = describeOutputDifference(result.stdout, expectedStdout);
  const stderr = result.stderr.length > 0 ? `\nstderr (last lines):\n${tail(result.stderr, 10)}` : '';
  if (difference) assert.fail(`${who}: ${difference}${stderr}`);
  if (result.status === STATUS_INSTRUCTION_LIMIT && expectedStatus !== STATUS_INSTRUCTION_LIMIT) {
    assert.fail(`${who} exceeded --max-instructions ${MAX_INSTRUCTIONS}${stderr}`);
  }
  assert.strictEqual(result.status, expectedStatus, `${who}: exit status${stderr}`);
}

const guests = corpusGuests();

describe('guest corpus in the emulator (node dist/cli.js run)', function () {
  this.timeout(GUEST_TIMEOUT_MS + 10_000);

  it('has guests with committed references', () => {
    assert.ok(guests.length >= 60, `only ${guests.length} guests with .expected-stdout found`);
  });

  for (const guest of guests) {
    it(guest.title, () => {
      if (!fs.existsSync(CLI_PATH)) {
        assert.fail(`${path.relative(repositoryRoot(), CLI_PATH)} does not exist: build it first with \`npm run build\``);
      }
      assertSameRun('the emulator', runInEmulator(guest), guest.expectedStdout, guest.expectedStatus);
    });
  }
});

/** A few guests of every kind; running all of them under QEMU is build.sh's job. */
const LIVE_QEMU_GUESTS = [
  'test/guests/hello-asm/hello-asm.elf',
  'test/guests/exceptions/exceptions.elf',
  'test/guests/debug-exceptions/debug-exceptions.elf',
  'test/guests/debug-os-lock/debug-os-lock.elf',
  'test/guests/command-line/command-line-gcc-O2.elf',
  'test/guests/uart/uart-clang-O0.elf',
  'test/guests/sample/hello.elf',
];

function qemuMissingReason(): string | undefined {
  const probe = spawnSync('qemu-system-aarch64', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (probe.error || probe.status !== 0) return 'qemu-system-aarch64 is not installed';
  const bash = spawnSync('bash', ['-c', 'command -v timeout'], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (bash.error || bash.status !== 0) return 'bash with coreutils timeout is needed to run run-qemu.sh';
  return undefined;
}

describe('guest corpus references against live QEMU', function () {
  this.timeout(GUEST_TIMEOUT_MS + 10_000);

  before(function () {
    const reason = qemuMissingReason();
    if (reason) {
      console.log(`    skipping the live QEMU comparison: ${reason}`);
      this.skip();
    }
  });

  for (const title of LIVE_QEMU_GUESTS) {
    it(title, () => {
      const guest = guests.find((candidate) => candidate.title === path.normalize(title));
      assert.ok(guest, `${title} is missing from the corpus or has no .expected-stdout`);
      // Where QEMU departs from the architecture the reference comes from elsewhere
      // (see build.sh); QEMU must then still print what was recorded as its own output.
      const stdout = guest.qemuStdout ?? guest.expectedStdout;
      const status = guest.qemuStatus ?? guest.expectedStatus;
      assertSameRun('QEMU', runInQemu(guest), stdout, status);
    });
  }
});
