// readMemory, writeMemory and disassemble: guest memory as the user sees it (the
// program's words where BRKs are planted), holes reported as unreadable, and exactly
// the requested number of instructions with placeholders where nothing is mapped.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { disassemble } from '../arch/disassembler';
import type { Debugger } from '../debugger/debugger';
import type { ProgramInfo } from './programInfo';

const PAGE = 4096n;
const MAX_READ = 1 << 20;
const ADDRESS_LIMIT = 1n << 64n;

export class MemoryRequestError extends Error {}

/** A memory reference (`0x40000a10`, a decimal number) plus an offset. */
export function resolveMemoryReference(reference: string, offset = 0): bigint {
  let base: bigint;
  try {
    base = BigInt(reference.trim());
  } catch {
    throw new MemoryRequestError(`"${reference}" is not a memory reference (expected an address such as 0x40000000)`);
  }
  const address = base + BigInt(offset);
  if (address < 0n || address >= ADDRESS_LIMIT) throw new MemoryRequestError(`address ${address} is outside the 64-bit address space`);
  return address;
}

/** Reads up to the first unreadable byte; the rest counts as unreadable. */
export function readMemory(dbg: Debugger, args: DebugProtocol.ReadMemoryArguments): DebugProtocol.ReadMemoryResponse['body'] {
  const address = resolveMemoryReference(args.memoryReference, args.offset);
  const count = Math.max(0, Math.min(args.count, MAX_READ));
  const chunks: Uint8Array[] = [];
  let readable = 0;
  let at = address;
  while (readable < count) {
    const pageEnd = (at / PAGE + 1n) * PAGE;
    const length = Number(pageEnd - at < BigInt(count - readable) ? pageEnd - at : BigInt(count - readable));
    try {
      chunks.push(dbg.readMemory(at, length));
    } catch {
      break;
    }
    readable += length;
    at += BigInt(length);
  }
  const data = Buffer.concat(chunks);
  return {
    address: '0x' + address.toString(16),
    data: data.toString('base64'),
    unreadableBytes: count - readable > 0 ? count - readable : undefined,
  };
}

/** Writes page by page; with allowPartial stops at the first hole, else refuses before writing anything. */
export function writeMemory(dbg: Debugger, args: DebugProtocol.WriteMemoryArguments): { address: bigint; bytesWritten: number } {
  const address = resolveMemoryReference(args.memoryReference, args.offset);
  const data = Buffer.from(args.data, 'base64');
  if (!args.allowPartial) {
    try {
      dbg.readMemory(address, data.length);
    } catch {
      throw new MemoryRequestError(`cannot write ${data.length} bytes at 0x${address.toString(16)}: not all of it is guest RAM`);
    }
  }
  let written = 0;
  while (written < data.length) {
    const at = address + BigInt(written);
    const pageEnd = (at / PAGE + 1n) * PAGE;
    const length = Math.min(Number(pageEnd - at), data.length - written);
    try {
      dbg.writeMemory(at, data.subarray(written, written + length));
    } catch {
      break;
    }
    written += length;
  }
  if (written === 0 && data.length > 0) throw new MemoryRequestError(`cannot write at 0x${address.toString(16)}: not guest RAM`);
  return { address, bytesWritten: written };
}

/**
 * `instructionCount` instructions starting `instructionOffset` instructions away from
 * the reference (A64 instructions are all 4 bytes, so negative offsets are exact).
 */
export function disassembleRequest(
  dbg: Debugger,
  program: ProgramInfo,
  args: DebugProtocol.DisassembleArguments,
  toClientLine: (line: number) => number,
  localSource: (dwarfPath: string) => DebugProtocol.Source | undefined,
): DebugProtocol.DisassembledInstruction[] {
  const base = resolveMemoryReference(args.memoryReference, args.offset);
  const start = base + BigInt((args.instructionOffset ?? 0) * 4);
  const count = Math.max(0, Math.min(args.instructionCount, 10_000));
  const instructions: DebugProtocol.DisassembledInstruction[] = [];
  let previousLine: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = start + BigInt(4 * i);
    const address = '0x' + BigInt.asUintN(64, at).toString(16).padStart(16, '0');
    const word = at >= 0n && at < 1n << 53n ? dbg.instructionAt(Number(at)) : undefined;
    if (word === undefined) {
      instructions.push({ address, instruction: '<unreadable>', presentationHint: 'invalid' });
      previousLine = undefined;
      continue;
    }
    const pc = Number(at);
    const instruction: DebugProtocol.DisassembledInstruction = {
      address,
      instructionBytes: [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff]
        .map(b => b.toString(16).padStart(2, '0')).join(' '),
      instruction: disassemble(word, pc, { symbolize: a => program.symbolize(a) }),
    };
    if (args.resolveSymbols !== false) {
      const symbol = program.symbolize(pc);
      if (symbol) instruction.symbol = symbol;
    }
    const location = program.lineAt(pc);
    const key = location && location.line > 0 ? `${location.path}:${location.line}` : undefined;
    if (location && key && key !== previousLine) {
      const source = localSource(location.path);
      if (source) {
        instruction.location = source;
        instruction.line = toClientLine(location.line);
      }
    }
    previousLine = key;
    instructions.push(instruction);
  }
  return instructions;
}
