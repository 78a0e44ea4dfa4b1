// DAP breakpoint requests (source, function, instruction, data) turned into the
// debugger's breakpoints: source lines through the DWARF line table, functions
// through ELF/DWARF symbols, conditions and log messages compiled with the console
// language, hit counts, software or hardware mode. Answers say where each landed.

import type { DebugProtocol } from '@vscode/debugprotocol';
import * as path from 'path';
import type { BreakpointKind, BreakpointRequest } from '../debugger/breakpointTable';
import type { Debugger, WatchpointRequest } from '../debugger/debugger';
import type { WatchAccess } from '../debugger/hardwareSlots';
import { HitConditionError, parseHitCondition } from '../debugger/hitCondition';
import { EvaluationContext, Evaluator, isTrue } from './console/evaluator';
import { parseExpression } from './console/syntax';
import { ExpressionError } from './console/tokens';
import { splitFormatSuffix } from './console/valueFormat';
import { evaluateAndPrint } from './console/commands';
import type { ProgramInfo } from './programInfo';

type DapBreakpoint = DebugProtocol.Breakpoint;

interface Placed {
  id: number;
  kind: BreakpointKind;
  label: string;
  addresses: number[];
  request: Omit<BreakpointRequest, 'address'>;
}

/** Where an address expression or data breakpoint id points. */
export interface DataTarget {
  address: bigint;
  length: number;
  description: string;
}

export class BreakpointRequests {
  private nextId = 1;
  private readonly stableIds = new Map<string, number>();
  private readonly sourcePlaced = new Map<string, Placed[]>();
  private functionPlaced: Placed[] = [];
  private instructionPlaced: Placed[] = [];
  private dataPlaced: { id: number; label: string; request: WatchpointRequest; verified: boolean }[] = [];

  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly program: ProgramInfo,
    private readonly context: EvaluationContext,
    private readonly lineToClient: (line: number) => number,
    private readonly lineFromClient: (line: number) => number,
  ) {}

  private idFor(key: string): number {
    let id = this.stableIds.get(key);
    if (id === undefined) {
      id = this.nextId++;
      this.stableIds.set(key, id);
    }
    return id;
  }

  // ---- Source breakpoints --------------------------------------------------------------------

  setSourceBreakpoints(args: DebugProtocol.SetBreakpointsArguments): DapBreakpoint[] {
    const sourcePath = args.source.path ?? args.source.name ?? '';
    const placed: Placed[] = [];
    const answers = (args.breakpoints ?? []).map(bp => {
      const line = this.lineFromClient(bp.line);
      const id = this.idFor(`source:${sourcePath}:${line}`);
      const options = this.compileOptions(bp);
      if (typeof options === 'string') return unverified(id, options);
      const locations = sourcePath ? this.program.breakpointLocations(sourcePath, line) : [];
      if (locations.length === 0) {
        const known = this.program.reader.matchSourcePath(sourcePath).length > 0;
        return unverified(id, known
          ? `No code at line ${line} of ${path.basename(sourcePath)} or after it in the same function`
          : `${path.basename(sourcePath)} is not in the program's line table (built without -g, or not linked in)`);
      }
      const addresses = locations.map(l => l.address).filter(a => this.debuggerOf().canPlaceBreakpoint(a) || bp.mode === 'hardware');
      if (addresses.length === 0) return unverified(id, `cannot plant a breakpoint at 0x${locations[0].address.toString(16)}`);
      const landed = locations[0];
      placed.push({
        id, kind: 'source', addresses, label: `${path.basename(sourcePath)}:${landed.line}`,
        request: { id, kind: 'source', ...options },
      });
      return {
        id, verified: true, line: this.lineToClient(landed.line),
        source: args.source, instructionReference: hexAddress(addresses[0]),
      } as DapBreakpoint;
    });
    this.sourcePlaced.set(sourcePath, placed);
    return this.commit('source', [...this.sourcePlaced.values()].flat(), answers);
  }

  setFunctionBreakpoints(args: DebugProtocol.SetFunctionBreakpointsArguments): DapBreakpoint[] {
    const placed: Placed[] = [];
    const answers = args.breakpoints.map(bp => {
      const id = this.idFor(`function:${bp.name}`);
      const options = this.compileOptions(bp);
      if (typeof options === 'string') return unverified(id, options);
      const address = this.functionAddress(bp.name.trim());
      if (address === undefined) return unverified(id, `No function named "${bp.name}"`);
      const location = this.program.lineAt(address);
      placed.push({ id, kind: 'function', addresses: [address], label: bp.name, request: { id, kind: 'function', ...options } });
      const answer: DapBreakpoint = { id, verified: true, instructionReference: hexAddress(address) };
      const local = location && this.program.localPath(location.path);
      if (location && local) {
        answer.line = this.lineToClient(location.line);
        answer.source = { name: path.basename(local), path: local };
      }
      return answer;
    });
    this.functionPlaced = placed;
    return this.commit('function', placed, answers);
  }

  /** A function name, past its prologue; `*ADDRESS` or `0x...` for a raw address. */
  private functionAddress(name: string): number | undefined {
    const raw = /^\*?\s*(0x[0-9a-f]+)$/i.exec(name);
    if (raw) return Number(BigInt(raw[1]));
    const fn = this.program.functionByName(name);
    return fn ? this.program.afterPrologue(fn.start) : undefined;
  }

  setInstructionBreakpoints(args: DebugProtocol.SetInstructionBreakpointsArguments): DapBreakpoint[] {
    const placed: Placed[] = [];
    const answers = args.breakpoints.map(bp => {
      let address: number;
      try {
        address = Number(BigInt(bp.instructionReference) + BigInt(bp.offset ?? 0));
      } catch {
        return unverified(this.nextId++, `"${bp.instructionReference}" is not an address`);
      }
      const id = this.idFor(`instruction:${address}`);
      const options = this.compileOptions(bp);
      if (typeof options === 'string') return unverified(id, options);
      placed.push({ id, kind: 'instruction', addresses: [address], label: hexAddress(address), request: { id, kind: 'instruction', ...options } });
      return { id, verified: true, instructionReference: hexAddress(address) } as DapBreakpoint;
    });
    this.instructionPlaced = placed;
    return this.commit('instruction', placed, answers);
  }

  /** Hands the placed breakpoints of one kind to the debugger and folds its refusals into the answers. */
  private commit(kind: BreakpointKind, placed: Placed[], answers: DapBreakpoint[]): DapBreakpoint[] {
    const requests: BreakpointRequest[] = placed.flatMap(p => p.addresses.map(address => ({ ...p.request, address })));
    const problems = this.debuggerOf().setBreakpoints(kind, requests);
    const failedIds = new Map<number, string>();
    requests.forEach((r, i) => { if (problems[i]) failedIds.set(r.id, problems[i]!); });
    return answers.map(a => (a.id !== undefined && failedIds.has(a.id) ? unverified(a.id, failedIds.get(a.id)!) : a));
  }

  /** Condition, hit condition, log message and mode, or the message saying what is wrong. */
  private compileOptions(bp: { condition?: string; hitCondition?: string; logMessage?: string; mode?: string }):
    Omit<BreakpointRequest, 'id' | 'kind' | 'address'> | string {
    const options: Omit<BreakpointRequest, 'id' | 'kind' | 'address'> = { hardware: bp.mode === 'hardware' };
    try {
      if (bp.condition?.trim()) {
        const text = bp.condition;
        const condition = parseExpression(text);
        options.condition = () => {
          // C in the frame that stopped first, then the console's registers and symbols.
          const node = this.context.evaluateC?.(text, {});
          return node ? node.cValue.scalar() != 0 : isTrue(new Evaluator(this.context).evaluate(condition));
        };
      }
      if (bp.hitCondition?.trim()) options.hitCondition = parseHitCondition(bp.hitCondition);
      if (bp.logMessage !== undefined) options.logMessage = this.compileLogMessage(bp.logMessage);
    } catch (e) {
      if (e instanceof ExpressionError) return `Condition "${bp.condition}": ${e.message}`;
      if (e instanceof HitConditionError) return e.message;
      throw e;
    }
    return options;
  }

  /** `x0 is {x0,x} at {pc}`: text with `{expression[,format]}` parts evaluated at each hit. */
  private compileLogMessage(message: string): () => string {
    const parts = message.split(/(\{[^{}]*\})/).map(part => {
      if (!part.startsWith('{') || !part.endsWith('}')) return () => part;
      const { expression, format } = splitFormatSuffix(part.slice(1, -1));
      return () => {
        try {
          return evaluateAndPrint(this.context, expression, format, a => this.program.symbolize(Number(a))).output;
        } catch (e) {
          return `<${(e as Error).message}>`;
        }
      };
    });
    return () => parts.map(p => p()).join('');
  }

  // ---- Data breakpoints ----------------------------------------------------------------------

  setDataBreakpoints(args: DebugProtocol.SetDataBreakpointsArguments, resolve: (dataId: string) => DataTarget | undefined): DapBreakpoint[] {
    const entries = args.breakpoints.map(bp => {
      const id = this.idFor(`data:${bp.dataId}:${bp.accessType ?? 'write'}`);
      const target = resolve(bp.dataId);
      if (!target) return { id, answer: unverified(id, `"${bp.dataId}" is not a data breakpoint id`) };
      const options = this.compileOptions(bp);
      if (typeof options === 'string') return { id, answer: unverified(id, options) };
      const request: WatchpointRequest = {
        id, address: target.address, length: target.length, access: (bp.accessType ?? 'write') as WatchAccess,
        condition: options.condition, hitCondition: options.hitCondition,
      };
      return { id, request, label: target.description, answer: { id, verified: true, description: target.description } as DapBreakpoint };
    });
    const requests = entries.flatMap(e => (e.request ? [e.request] : []));
    const problems = this.debuggerOf().setWatchpoints(requests);
    this.dataPlaced = [];
    return entries.map(e => {
      if (!e.request) return e.answer;
      const problem = problems[requests.indexOf(e.request)];
      this.dataPlaced.push({ id: e.id, label: e.label!, request: e.request, verified: !problem });
      return problem ? unverified(e.id, problem) : e.answer;
    });
  }

  // ---- Listing -------------------------------------------------------------------------------

  /** `info breakpoints` lines. */
  summary(): string[] {
    const dbg = this.debuggerOf();
    const lines: string[] = [];
    const all = [...[...this.sourcePlaced.values()].flat(), ...this.functionPlaced, ...this.instructionPlaced];
    for (const p of all.sort((a, b) => a.id - b.id)) {
      const where = p.addresses.map(a => `${hexAddress(a)}${this.program.symbolize(a) ? ` <${this.program.symbolize(a)}>` : ''}`).join(', ');
      const extras = [
        p.request.hardware ? 'hardware' : 'software',
        p.request.condition ? 'conditional' : undefined,
        p.request.logMessage ? 'logpoint' : undefined,
        `hit ${dbg.breakpoints.hitCount(p.id)} time${dbg.breakpoints.hitCount(p.id) === 1 ? '' : 's'}`,
      ].filter(Boolean).join(', ');
      lines.push(`${String(p.id).padEnd(4)}${p.kind.padEnd(12)}${p.label.padEnd(24)}${where}  (${extras})`);
    }
    for (const d of this.dataPlaced) {
      lines.push(`${String(d.id).padEnd(4)}${'data'.padEnd(12)}${d.label.padEnd(24)}${d.request.access} ${d.request.length} bytes at ${hexAddress(d.request.address)}${d.verified ? '' : ' (not set)'}`);
    }
    return lines;
  }
}

function unverified(id: number, message: string): DapBreakpoint {
  return { id, verified: false, message, reason: 'failed' } as DapBreakpoint;
}

export function hexAddress(address: number | bigint): string {
  return '0x' + address.toString(16);
}
