// Shared helpers of the DAP tests: the built adapter, the fixture guests, and source
// lines found by their `@marker` comments (so fixtures can change without renumbering).

import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (tests also run compiled from out/test/dap). */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test/dap/fixtures'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}
export const ADAPTER = path.join(ROOT, 'dist/debugAdapter.js');
export const FIXTURES = path.join(ROOT, 'test/dap/fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** The 1-based line of `file` holding `@marker`. */
export function lineOf(file: string, marker: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex(line => line.includes(`@${marker}`) && new RegExp(`@${marker}\\b`).test(line));
  if (index < 0) throw new Error(`no @${marker} in ${file}`);
  return index + 1;
}

export function requireAdapter(): void {
  if (!fs.existsSync(ADAPTER)) throw new Error(`${ADAPTER} is missing: run "npm run build" first`);
}

export async function startClient(): Promise<DebugClient> {
  requireAdapter();
  const client = new DebugClient('node', ADAPTER, 'arm64-guest');
  client.defaultTimeout = 10_000;
  await client.start();
  return client;
}

/** Launches with breakpoints set during configuration, and waits for the first stop. */
export async function launchAndStop(
  client: DebugClient,
  launchArgs: Record<string, unknown>,
  breakpoints: { source?: string; lines?: number[]; functions?: string[] } = {},
): Promise<DebugProtocol.StoppedEvent> {
  const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await Promise.all([
    client.waitForEvent('initialized').then(async () => {
      if (breakpoints.source) {
        await client.setBreakpointsRequest({ source: { path: breakpoints.source }, breakpoints: (breakpoints.lines ?? []).map(line => ({ line })) });
      }
      if (breakpoints.functions) {
        await client.setFunctionBreakpointsRequest({ breakpoints: breakpoints.functions.map(name => ({ name })) });
      }
      await client.configurationDoneRequest();
    }),
    client.launch({ type: 'arm64-guest', request: 'launch', ...launchArgs }),
  ]);
  return stopped;
}

export async function topFrame(client: DebugClient): Promise<DebugProtocol.StackFrame> {
  const trace = await client.stackTraceRequest({ threadId: 1 });
  return trace.body.stackFrames[0];
}

export async function evaluate(client: DebugClient, expression: string, context = 'repl'): Promise<string> {
  const response = await client.evaluateRequest({ expression, context, frameId: 1 });
  return response.body.result;
}

/** Runs a step/continue request and returns the stop it leads to. */
export async function nextStop(client: DebugClient, request: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await request();
  return stopped;
}
