// The debugger-facing figures of `npm run bench`: DAP round trips for instruction steps
// as VS Code issues them, launch to first stop, pause latency on a spinning guest, and
// resident memory with a large guest. Measured against dist/debugAdapter.js over stdio.

import { DebugClient } from '@vscode/debugadapter-testsupport';
import * as fs from 'fs';
import * as path from 'path';
import { createVm } from '../src/kvm';
import { ADAPTER_PROCESS_ENVIRONMENT } from '../src/launcher/adapterProcessEnvironment';
import { median } from './median';

const ROOT = path.join(__dirname, '..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');

/** An adapter process started as the extension's "process" placement starts it. */
function adapterClient(): DebugClient {
  return new DebugClient('node', ADAPTER, 'arm64-guest', { env: { ...process.env, ...ADAPTER_PROCESS_ENVIRONMENT } });
}

export interface DapFigures {
  instructionStepsPerSecond: number;
  launchToFirstStopMs: number;
  launchProgramBytes: number;
  largeDwarf: LargeProgramLaunch;
  pauseLatencyMs: number;
  residentMiBWith1GiBGuest: number;
}

/** Launch to first stop on bench/guests/large-dwarf.elf (issue 7: under 150 ms for a 5 MB ELF with full DWARF). */
export interface LargeProgramLaunch {
  programBytes: number;
  /** One fresh adapter per run; the median is the figure to compare. */
  stopOnEntryMs: number[];
  runToMainWithBreakpointMs: number[];
  stopOnEntryMedianMs: number;
  runToMainWithBreakpointMedianMs: number;
  /**
   * After that first stop, what VS Code asks next: stackTrace, scopes of the top frame and
   * the variables of its first scope (debug information not needed to stop is read here).
   */
  stopOnEntryFirstViewsMs: number[];
  runToMainFirstViewsMs: number[];
  stopOnEntryFirstViewsMedianMs: number;
  runToMainFirstViewsMedianMs: number;
}

const LARGE_PROGRAM = path.join(ROOT, 'bench', 'guests', 'large-dwarf.elf');
/**
 * The breakpoint's source as a launch configuration might name it. The DWARF path is
 * absolute (the checkout the ELF was built in), so a path under this checkout would
 * match it only when that is the same folder; trailing components match anywhere.
 */
const LARGE_PROGRAM_SOURCE = path.join('bench', 'guests', 'large-dwarf.c');
/** The `record` initialiser of step_3500 in the source make-large.sh generates (22 lines per function). */
const LARGE_PROGRAM_BREAKPOINT_LINE = 14 + 22 * 3500;
const LARGE_PROGRAM_RUNS = 5;


interface FirstStop {
  stopMs: number;
  firstViewsMs: number;
}

/**
 * Milliseconds from spawning the adapter to its first `stopped` event, as VS Code drives a
 * launch: initialize, launch, (breakpoints,) configurationDone. With a breakpoint, it is
 * set in the configuration phase and must resolve, or the figure would not include the
 * line-table lookup. Then the milliseconds of the first stackTrace, scopes and variables.
 */
async function launchToFirstStop(program: string, extra: Record<string, unknown>, breakpointLine?: number): Promise<FirstStop> {
  const started = process.hrtime.bigint();
  const client = adapterClient();
  client.defaultTimeout = 30_000;
  await client.start();
  await client.initializeRequest({ adapterID: 'arm64-guest', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const firstStop = client.waitForEvent('stopped');
  const configure = async () => {
    await client.waitForEvent('initialized');
    if (breakpointLine !== undefined) {
      const source = { path: LARGE_PROGRAM_SOURCE };
      const set = await client.setBreakpointsRequest({ source, breakpoints: [{ line: breakpointLine }] });
      if (!set.body.breakpoints[0]?.verified) throw new Error(`the breakpoint at line ${breakpointLine} of ${program} did not resolve`);
    }
    await client.configurationDoneRequest();
  };
  await Promise.all([client.launch({ program, cwd: path.dirname(program), ...extra } as never), configure()]);
  const stopped = await firstStop;
  const stopMs = Number(process.hrtime.bigint() - started) / 1e6;
  const viewsStarted = process.hrtime.bigint();
  const trace = await client.stackTraceRequest({ threadId: stopped.body.threadId ?? 1, startFrame: 0, levels: 20 });
  const scopes = await client.scopesRequest({ frameId: trace.body.stackFrames[0].id });
  if (scopes.body.scopes.length > 0) await client.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
  const firstViewsMs = Number(process.hrtime.bigint() - viewsStarted) / 1e6;
  await client.stop();
  return { stopMs, firstViewsMs };
}

export async function measureLargeProgramLaunch(runs = LARGE_PROGRAM_RUNS): Promise<LargeProgramLaunch> {
  const stopOnEntry: FirstStop[] = [];
  const runToMain: FirstStop[] = [];
  for (let i = 0; i < runs; i++) {
    stopOnEntry.push(await launchToFirstStop(LARGE_PROGRAM, { stopOnEntry: true }));
    runToMain.push(await launchToFirstStop(LARGE_PROGRAM, { runToEntryPoint: 'main' }, LARGE_PROGRAM_BREAKPOINT_LINE));
  }
  const stopOnEntryMs = stopOnEntry.map((run) => run.stopMs);
  const runToMainWithBreakpointMs = runToMain.map((run) => run.stopMs);
  const stopOnEntryFirstViewsMs = stopOnEntry.map((run) => run.firstViewsMs);
  const runToMainFirstViewsMs = runToMain.map((run) => run.firstViewsMs);
  return {
    programBytes: fs.statSync(LARGE_PROGRAM).size,
    stopOnEntryMs, runToMainWithBreakpointMs,
    stopOnEntryMedianMs: median(stopOnEntryMs),
    runToMainWithBreakpointMedianMs: median(runToMainWithBreakpointMs),
    stopOnEntryFirstViewsMs, runToMainFirstViewsMs,
    stopOnEntryFirstViewsMedianMs: median(stopOnEntryFirstViewsMs),
    runToMainFirstViewsMedianMs: median(runToMainFirstViewsMs),
  };
}

async function startSession(program: string, extra: Record<string, unknown>): Promise<DebugClient> {
  const client = adapterClient();
  client.defaultTimeout = 30_000;
  await client.start();
  await client.initializeRequest({ adapterID: 'arm64-guest', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await Promise.all([
    client.launch({ program, cwd: path.dirname(program), ...extra } as never),
    client.configurationSequence(),
  ]);
  return client;
}

async function instructionSteps(program: string, steps: number): Promise<{ rate: number; firstStopMs: number }> {
  const started = process.hrtime.bigint();
  const client = adapterClient();
  client.defaultTimeout = 30_000;
  await client.start();
  await client.initializeRequest({ adapterID: 'arm64-guest', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const firstStop = client.waitForEvent('stopped');
  await Promise.all([
    client.launch({ program, cwd: path.dirname(program), stopOnEntry: true } as never),
    client.configurationSequence(),
  ]);
  const stopped = await firstStop;
  const firstStopMs = Number(process.hrtime.bigint() - started) / 1e6;
  const threadId = stopped.body.threadId ?? 1;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    const next = client.waitForEvent('stopped');
    await client.stepInRequest({ threadId, granularity: 'instruction' });
    await next;
    await client.stackTraceRequest({ threadId, startFrame: 0, levels: 20 });
  }
  const rate = steps / (Number(process.hrtime.bigint() - t0) / 1e9);
  await client.stop();
  return { rate, firstStopMs };
}

async function pauseLatency(program: string): Promise<number> {
  const client = await startSession(program, {});
  await new Promise((r) => setTimeout(r, 300));
  const stopped = client.waitForEvent('stopped');
  const t0 = process.hrtime.bigint();
  await client.pauseRequest({ threadId: 1 });
  await stopped;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await client.stop();
  return ms;
}

/** A 1 GiB guest of which 10 MB is touched: RAM is committed lazily by the host. */
function residentWithLargeGuest(): number {
  const vm = createVm({ memoryMiB: 1024 });
  const chunk = new Uint8Array(1 << 20).fill(0xa5);
  for (let i = 0; i < 10; i++) vm.writeMemory(BigInt(0x4000_0000 + i * 64 * (1 << 20)), chunk);
  const rss = process.memoryUsage().rss / (1 << 20);
  void vm;
  return rss;
}

export async function measureDap(stepProgram: string, spinProgram: string): Promise<DapFigures> {
  if (!fs.existsSync(ADAPTER)) throw new Error(`${ADAPTER} is missing: run npm run build`);
  const steps = await instructionSteps(stepProgram, 2000);
  return {
    instructionStepsPerSecond: steps.rate,
    launchToFirstStopMs: steps.firstStopMs,
    launchProgramBytes: fs.statSync(stepProgram).size,
    largeDwarf: await measureLargeProgramLaunch(),
    pauseLatencyMs: await pauseLatency(spinProgram),
    residentMiBWith1GiBGuest: residentWithLargeGuest(),
  };
}
