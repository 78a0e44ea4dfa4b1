// The loops of the Advanced SIMD floating-point instructions: element-wise (vector or
// scalar shape), pairwise over Vm:Vn, and by-element. Each lane writes the result
// scratch; the shape's commit moves it to Vd.

import type { Cpu } from '../../cpu';
import type { FpKind } from './fpKinds';
import { commitScalar, commitVector } from './vectorViews';

/** Computes lane e from element indices ni, mi, di (of Vn, Vm, Vd) into result lane e. */
export type FpLane = (cpu: Cpu, ni: number, mi: number, di: number, e: number) => void;

export interface FpShape {
  readonly lanes: number;
  commit(cpu: Cpu, d: number): void;
}

export function fpVectorShape(kind: FpKind, q: number): FpShape {
  return { lanes: q === 1 ? kind.lanesPerRegister : kind.lanesPerRegister >>> 1, commit: (cpu, d) => commitVector(cpu, d, q) };
}

export function fpScalarShape(kind: FpKind): FpShape {
  const bytes = 1 << kind.size;
  return { lanes: 1, commit: (cpu, d) => commitScalar(cpu, d, bytes) };
}

/** Lane e of Vn and Vm (or element `mElement` of the register file for every lane). */
export function fpElementwise(kind: FpKind, shape: FpShape, lane: FpLane, n: number, m: number, d: number,
  mElement?: number): (cpu: Cpu) => void {
  const lanes = shape.lanes;
  const per = kind.lanesPerRegister;
  return (cpu) => {
    for (let e = 0; e < lanes; e++) lane(cpu, n * per + e, mElement ?? m * per + e, d * per + e, e);
    shape.commit(cpu, d);
  };
}

/** Pairwise over Vm:Vn: `pair` gets the two element indices and the result lane. */
export function fpPairwise(kind: FpKind, q: number, pair: (cpu: Cpu, i: number, j: number, e: number) => void,
  n: number, m: number, d: number): (cpu: Cpu) => void {
  const lanes = q === 1 ? kind.lanesPerRegister : kind.lanesPerRegister >>> 1;
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
