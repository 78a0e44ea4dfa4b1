// `arm64-guest debug PROG.elf --break FILE:LINE --break FUNC [--eval EXPR] [--step N]`:
// a batch debug session through the DAP adapter (an in-process DAP client). Prints
// each stop with its reason, decoded syndrome, function, source line and the
// expressions asked for, and the guest's output as it comes.

import type { DebugProtocol } from '@vscode/debugprotocol';
import * as fs from 'fs';
import * as path from 'path';
import { Arm64GuestSession } from '../adapter/session';
import { InProcessDapClient } from './inProcessDapClient';

export interface DebugCommandOptions {
  program: string;
  breakpoints: string[];
  evaluations: string[];
  /** Line steps after each breakpoint stop. */
  steps: number;
  maxStops: number;
  memory?: string;
  stopOnEntry: boolean;
  args: string[];
}

export const DEBUG_USAGE = 'arm64-guest debug PROG.elf [--break FILE:LINE|FUNC]... [--eval EXPR]... [--step N] [--max-stops N] [--memory SIZE] [--stop-on-entry] [-- ARGS...]';

export function parseDebugArguments(argv: readonly string[]): DebugCommandOptions {
  const options: DebugCommandOptions = { program: '', breakpoints: [], evaluations: [], steps: 0, maxStops: 50, stopOnEntry: false, args: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = () => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${arg} needs a whole number, not "${v}"`);
      return Number(v);
    };
    switch (arg) {
      case '--break': case '-b': options.breakpoints.push(value()); break;
      case '--eval': case '-e': options.evaluations.push(value()); break;
      case '--step': options.steps = count(); break;
      case '--max-stops': options.maxStops = count(); break;
      case '--memory': options.memory = value(); break;
      case '--stop-on-entry': options.stopOnEntry = true; break;
      case '--': options.args = argv.slice(i + 1); i = argv.length; break;
      default:
        if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\nusage: ${DEBUG_USAGE}`);
        if (options.program) throw new Error(`one program only (got ${options.program} and ${arg})`);
        options.program = arg;
    }
  }
  if (!options.program) throw new Error(`which program?\nusage: ${DEBUG_USAGE}`);
  return options;
}

interface Output {
  write(text: string): void;
}

/** Waits for DAP events in order of arrival. */
class EventQueue {
  private readonly queue: DebugProtocol.Event[] = [];
  private waiter: ((event: DebugProtocol.Event) => void) | undefined;

  push(event: DebugProtocol.Event): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter(event);
    } else {
      this.queue.push(event);
    }
  }

  next(): Promise<DebugProtocol.Event> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise(resolve => { this.waiter = resolve; });
  }
}

/** Runs the batch session; resolves with the guest's exit status (or 1 when it did not exit). */
export async function runDebugCommand(options: DebugCommandOptions, out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  const session = new Arm64GuestSession();
  // In-process: the session must not end the process when it shuts down (as it does on stdio).
  session.setRunAsServer(true);
  const client = new InProcessDapClient(session);
  const events = new EventQueue();
  let exitStatus: number | undefined;
  client.onEvent(event => {
    if (event.event === 'output') {
      const body = (event as DebugProtocol.OutputEvent).body;
      if (body.category === 'stdout') out.write(body.output);
      else err.write(body.output);
    } else if (event.event === 'exited') {
      exitStatus = (event as DebugProtocol.ExitedEvent).body.exitCode;
    } else if (event.event === 'stopped' || event.event === 'terminated' || event.event === 'initialized') {
      events.push(event);
    }
  });
  try {
    await client.request('initialize', { adapterID: 'arm64-guest', clientID: 'arm64-guest-cli', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const launched = client.request('launch', {
      type: 'arm64-guest', request: 'launch', program: path.resolve(options.program), args: options.args,
      stopOnEntry: options.stopOnEntry, ...(options.memory ? { memory: options.memory } : {}),
    });
    const first = await Promise.race([events.next(), launched.then(() => undefined)]);
    if (first?.event !== 'initialized') await launched; // a launch error surfaces here
    await setBreakpoints(client, options, out);
    await client.request('configurationDone');
    await launched;
    await runStops(client, events, options, out);
  } finally {
    await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    client.close();
  }
  if (exitStatus !== undefined) {
    out.write(`program exited with status ${exitStatus}\n`);
    return exitStatus;
  }
  return 1;
}

async function setBreakpoints(client: InProcessDapClient, options: DebugCommandOptions, out: Output): Promise<void> {
  const bySource = new Map<string, number[]>();
  const functions: string[] = [];
  for (const spec of options.breakpoints) {
    const m = /^(.+):(\d+)$/.exec(spec);
    if (m) bySource.set(m[1], [...(bySource.get(m[1]) ?? []), Number(m[2])]);
    else functions.push(spec);
  }
  for (const [source, lines] of bySource) {
    const response = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', {
      source: { path: source, name: path.basename(source) }, breakpoints: lines.map(line => ({ line })),
    });
    response.body.breakpoints.forEach((bp, i) => out.write(describeBreakpoint(`${source}:${lines[i]}`, bp)));
  }
  if (functions.length > 0) {
    const response = await client.request<DebugProtocol.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', {
      breakpoints: functions.map(name => ({ name })),
    });
    response.body.breakpoints.forEach((bp, i) => out.write(describeBreakpoint(functions[i], bp)));
  }
}

function describeBreakpoint(spec: string, bp: DebugProtocol.Breakpoint): string {
  if (!bp.verified) return `breakpoint ${spec}: not set: ${bp.message}\n`;
  const where = bp.line !== undefined && bp.source ? ` (${path.basename(bp.source.path ?? bp.source.name ?? '')}:${bp.line})` : '';
  return `breakpoint ${bp.id}: ${spec} at ${bp.instructionReference}${where}\n`;
}

async function runStops(client: InProcessDapClient, events: EventQueue, options: DebugCommandOptions, out: Output): Promise<void> {
  let stops = 0;
  for (;;) {
    const event = await events.next();
    if (event.event === 'terminated') return;
    if (event.event !== 'stopped') continue;
    stops++;
    await printStop(client, event as DebugProtocol.StoppedEvent, stops, options, out);
    if (stops >= options.maxStops) {
      out.write(`stopping the session after ${stops} stops (--max-stops)\n`);
      return;
    }
    const reason = (event as DebugProtocol.StoppedEvent).body.reason;
    if (reason !== 'step' && options.steps > 0) {
      for (let i = 0; i < options.steps; i++) {
        await client.request('next', { threadId: 1 });
        const stepEvent = await events.next();
        if (stepEvent.event === 'terminated') return;
        stops++;
        await printStop(client, stepEvent as DebugProtocol.StoppedEvent, stops, options, out);
        if (stops >= options.maxStops) {
          out.write(`stopping the session after ${stops} stops (--max-stops)\n`);
          return;
        }
        if ((stepEvent as DebugProtocol.StoppedEvent).body.reason !== 'step') break;
      }
    }
    await client.request('continue', { threadId: 1 });
  }
}

async function printStop(client: InProcessDapClient, event: DebugProtocol.StoppedEvent, index: number, options: DebugCommandOptions, out: Output): Promise<void> {
  const { reason, text, description } = event.body;
  out.write(`[stop ${index}] ${reason}: ${text ?? description ?? ''}\n`);
  const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1, levels: 1 });
  const frame = trace.body.stackFrames[0];
  if (frame) {
    const file = frame.source?.path;
    out.write(`  in ${frame.name}${file ? ` at ${path.basename(file)}:${frame.line}` : ''} (pc ${frame.instructionPointerReference})\n`);
    const sourceLine = file ? readLine(file, frame.line) : undefined;
    if (sourceLine !== undefined) out.write(`  ${String(frame.line).padStart(5)} | ${sourceLine}\n`);
  }
  for (const expression of options.evaluations) {
    try {
      const response = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression, context: 'repl', frameId: 1 });
      const result = response.body.result;
      out.write(result.includes('\n') ? `  ${expression}:\n${indent(result)}\n` : `  ${expression} = ${result}\n`);
    } catch (e) {
      out.write(`  ${expression}: ${(e as Error).message}\n`);
    }
  }
}

function readLine(file: string, line: number): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[line - 1]?.trimEnd();
  } catch {
    return undefined;
  }
}

function indent(text: string): string {
  return text.split('\n').map(l => `    ${l}`).join('\n');
}
