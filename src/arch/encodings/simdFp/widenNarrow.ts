// The loops of the lengthening and narrowing instructions: elements of one size in, twice
// (or half) that size out, from or into the lower half of a register (the "2" forms use
// the upper half; a narrowing "2" form keeps Vd's lower half).

import type { Cpu } from '../../cpu';
import type { Exec } from '../../decoder';
import { LaneOp, beginSaturation, bigView, endSaturation, laneBase, numberView, registerViews, resultViews, saturate, saturateBig, signedMax, signedMin, unsignedMax } from './integerLanes';
import { commitScalar, commitVector } from './vectorViews';

/** A narrowing element op: a 2*esize-bit element in, an esize-bit element out. */
export interface NarrowOp {
  readonly signed: boolean;
  /** For sources of 16/32 bits. */
  readonly number: (x: number) => number;
  /** For 64-bit sources. */
  readonly big: (x: bigint) => number;
}

/**
 * Narrows Vn's 2*esize elements into esize elements (`size` = the narrow size, 0..2);
 * `lanes` is 1 for the scalar forms.
 */
export function narrow(size: number, part: number, n: number, d: number, op: NarrowOp, lanes = 8 >> size): Exec {
  const wide = size + 1;
  const nb = laneBase(n, wide);
  const offset = part * lanes;
  const signed = op.signed;
  return (cpu) => {
    const views = registerViews(cpu);
    const out = resultViews.unsigned[size];
    // The "2" forms keep the lower half of Vd.
    if (part === 1) {
      resultViews.unsigned[2][0] = cpu.V32[4 * d];
      resultViews.unsigned[2][1] = cpu.V32[4 * d + 1];
    }
    beginSaturation();
    if (wide === 3) {
      const src = bigView(views, signed);
      for (let e = 0; e < lanes; e++) out[offset + e] = op.big(src[nb + e]);
    } else {
      const src = numberView(views, wide, signed);
      for (let e = 0; e < lanes; e++) out[offset + e] = op.number(src[nb + e]);
    }
    endSaturation(cpu);
    commitVector(cpu, d, part);
  };
}

/**
 * Lengthening: result[e] (2*esize bits) = op(a, b, Vd[e]) where b is element e of Vm's
 * lower/upper half (or the fixed element `mElement`) and a is the same from Vn, or (wideFirst)
 * Vn's 2*esize element e. The op
 * works on numbers for 16/32-bit results and on bigints for 64-bit results. The scalar forms
 * do one element (element 0) and zero the rest of Vd.
 */
export function lengthen(size: number, part: number, n: number, m: number, d: number, wideFirst: boolean, op: LaneOp,
  mElement?: number, scalar = false): Exec | undefined {
  const lanes = scalar ? 1 : 8 >> size;
  const commit = scalar ? (cpu: Cpu) => commitScalar(cpu, d, 2 << size) : (cpu: Cpu) => commitVector(cpu, d, 1);
  const wide = size + 1;
  const narrowBase = (r: number) => laneBase(r, size) + part * lanes;
  const nb = wideFirst ? laneBase(n, wide) : narrowBase(n);
  // By-element forms: one element of the register file for every lane.
  const mb = mElement ?? narrowBase(m);
  const mStep = mElement === undefined ? 1 : 0;
  const db = laneBase(d, wide);
  const signed = op.signed;
  if (wide === 3) {
    const lane = op.big;
    if (lane === undefined) return undefined;
    return (cpu) => {
      const views = registerViews(cpu);
      const narrowSrc = numberView(views, size, signed);
      const wideSrc = bigView(views, signed);
      const out = resultViews.u64;
      beginSaturation();
      for (let e = 0; e < lanes; e++) {
        const a = wideFirst ? wideSrc[nb + e] : BigInt(narrowSrc[nb + e]);
        out[e] = lane(a, BigInt(narrowSrc[mb + e * mStep]), wideSrc[db + e]);
      }
      endSaturation(cpu);
      commit(cpu);
    };
  }
  const lane = op.number;
  if (lane === undefined) return undefined;
  return (cpu) => {
    const views = registerViews(cpu);
    const narrowSrc = numberView(views, size, signed);
    const wideSrc = numberView(views, wide, signed);
    const out = resultViews.unsigned[wide];
    beginSaturation();
    for (let e = 0; e < lanes; e++) {
      const a = wideFirst ? wideSrc[nb + e] : narrowSrc[nb + e];
      out[e] = lane(a, narrowSrc[mb + e * mStep], wideSrc[db + e]);
    }
    endSaturation(cpu);
    commit(cpu);
  };
}

/** ADDHN/SUBHN/RADDHN/RSUBHN: the high half of (Vn[e] ± Vm[e]) of 2*esize-bit elements. */
export function narrowHigh(size: number, part: number, n: number, m: number, d: number, subtract: boolean, rounding: boolean): Exec {
  const lanes = 8 >> size;
  const wide = size + 1;
  const nb = laneBase(n, wide);
  const mb = laneBase(m, wide);
  const offset = part * lanes;
  const esize = 8 << size;
  const round = rounding ? 2 ** (esize - 1) : 0;
  const divisor = 2 ** esize;
  const roundBig = rounding ? 1n << BigInt(esize - 1) : 0n;
  return (cpu) => {
    const views = registerViews(cpu);
    const out = resultViews.unsigned[size];
    if (part === 1) {
      resultViews.unsigned[2][0] = cpu.V32[4 * d];
      resultViews.unsigned[2][1] = cpu.V32[4 * d + 1];
    }
    if (wide === 3) {
      const src = views.u64;
      for (let e = 0; e < lanes; e++) {
        const sum = subtract ? src[nb + e] - src[mb + e] : src[nb + e] + src[mb + e];
        out[offset + e] = Number(BigInt.asUintN(64, sum + roundBig) >> 32n);
      }
    } else {
      const src = views.unsigned[wide];
      for (let e = 0; e < lanes; e++) {
        const sum = subtract ? src[nb + e] - src[mb + e] : src[nb + e] + src[mb + e];
        // Wrap to 2*esize bits before taking the high half.
        const wrapped = ((sum + round) % (divisor * divisor) + divisor * divisor) % (divisor * divisor);
        out[offset + e] = Math.floor(wrapped / divisor);
      }
    }
    commitVector(cpu, d, part);
  };
}

/** XTN, SQXTN, UQXTN, SQXTUN: `fromSigned` source, `toSigned` destination range (size = narrow). */
export function narrowOp(size: number, saturating: boolean, fromSigned: boolean, toSigned: boolean): NarrowOp {
  if (!saturating) return { signed: false, number: (x) => x, big: (x) => Number(x & 0xffffffffn) };
  const low = toSigned ? signedMin(size) : 0;
  const high = toSigned ? signedMax(size) : unsignedMax(size);
  const lowBig = BigInt(low);
  const highBig = BigInt(high);
  return {
    signed: fromSigned,
    number: (x) => saturate(x, low, high),
    big: (x) => Number(saturateBig(x, lowBig, highBig)),
  };
}
