// The loops of the Advanced SIMD floating-point instructions: element-wise, pairwise over
// Vm:Vn, and the tree reduction of the across-lanes forms. Each lane writes the result
// scratch; the caller's commit moves it to Vd.

import type { Cpu } from '../../cpu';
import type { FpKind } from './fpKinds';
import { commitVector, result } from './vectorViews';

/** Computes lane e from element indices ni, mi, di (of Vn, Vm, Vd) into result lane e. */
export type FpLane = (cpu: Cpu, ni: number, mi: number, di: number, e: number) => void;

export function fpLaneCount(kind: FpKind, q: number): number {
  return q === 1 ? kind.lanesPerRegister : kind.lanesPerRegister >>> 1;
}

export function fpElementwise(kind: FpKind, q: number, lane: FpLane, n: number, m: number, d: number): (cpu: Cpu) => void {
  const lanes = fpLaneCount(kind, q);
  const per = kind.lanesPerRegister;
  return (cpu) => {
    for (let e = 0; e < lanes; e++) lane(cpu, n * per + e, m * per + e, d * per + e, e);
    commitVector(cpu, d, q);
  };
}

/** Pairwise over Vm:Vn: `pair` gets the two element indices and the result lane. */
export function fpPairwise(kind: FpKind, q: number, pair: (cpu: Cpu, i: number, j: number, e: number) => void,
  n: number, m: number, d: number): (cpu: Cpu) => void {
  const lanes = fpLaneCount(kind, q);
  const half = lanes >>> 1;
  const per = kind.lanesPerRegister;
  return (cpu) => {
    for (let e = 0; e < lanes; e++) {
      const i = e < half ? n * per + 2 * e : m * per + 2 * (e - half);
      pair(cpu, i, i + 1, e);
    }
    commitVector(cpu, d, q);
  };
}
