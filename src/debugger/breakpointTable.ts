// The user's breakpoints by address, with their conditions, hit counts and log
// messages, and the decision taken when execution reaches one of them.

import { HitCondition } from './hitCondition';

export type BreakpointKind = 'source' | 'function' | 'instruction';

export interface BreakpointRequest {
  /** Identity the client knows the breakpoint by (DAP breakpoint id). */
  id: number;
  kind: BreakpointKind;
  address: number;
  /** Use a DBGBCR slot instead of a BRK patch. */
  hardware?: boolean;
  /** True to stop; may throw (the message is shown and the guest stops). */
  condition?: () => boolean;
  hitCondition?: HitCondition;
  /** A logpoint: the message to print instead of stopping. */
  logMessage?: () => string;
}

export type BreakpointDecision =
  | { kind: 'stop'; ids: number[]; breakpointKind: BreakpointKind; logs: string[] }
  | { kind: 'error'; ids: number[]; message: string }
  | { kind: 'continue'; logs: string[] };

export class BreakpointTable {
  private readonly byKind = new Map<BreakpointKind, BreakpointRequest[]>();
  private readonly hits = new Map<number, number>();

  /** Replaces the breakpoints of one kind. Hit counts of ids that stay are kept. */
  replace(kind: BreakpointKind, requests: BreakpointRequest[]): void {
    this.byKind.set(kind, requests);
    const live = new Set(this.all().map(b => b.id));
    for (const id of [...this.hits.keys()]) if (!live.has(id)) this.hits.delete(id);
  }

  all(): BreakpointRequest[] {
    return [...this.byKind.values()].flat();
  }

  softwareAddresses(): number[] {
    return this.all().filter(b => !b.hardware).map(b => b.address);
  }

  hardware(): BreakpointRequest[] {
    return this.all().filter(b => b.hardware);
  }

  at(address: number): BreakpointRequest[] {
    return this.all().filter(b => b.address === address);
  }

  hitCount(id: number): number {
    return this.hits.get(id) ?? 0;
  }

  resetHitCounts(): void {
    this.hits.clear();
  }

  /**
   * Execution reached `address`: counts hits of the breakpoints whose condition holds
   * and decides whether to stop. Logpoints print and never stop.
   */
  reached(address: number, onlyHardware?: boolean): BreakpointDecision {
    const stopping: BreakpointRequest[] = [];
    const logs: string[] = [];
    for (const bp of this.at(address)) {
      if (onlyHardware !== undefined && !!bp.hardware !== onlyHardware) continue;
      try {
        if (bp.condition && !bp.condition()) continue;
      } catch (e) {
        return { kind: 'error', ids: [bp.id], message: `Breakpoint condition error: ${(e as Error).message}` };
      }
      const count = this.hitCount(bp.id) + 1;
      this.hits.set(bp.id, count);
      if (bp.hitCondition && !bp.hitCondition(count)) continue;
      if (bp.logMessage) {
        try {
          logs.push(bp.logMessage());
        } catch (e) {
          logs.push(`logpoint error: ${(e as Error).message}`);
        }
        continue;
      }
      stopping.push(bp);
    }
    if (stopping.length === 0) return { kind: 'continue', logs };
    return { kind: 'stop', ids: stopping.map(b => b.id), breakpointKind: stopping[0].kind, logs };
  }
}
