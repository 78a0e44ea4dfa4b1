// Advanced SIMD scalar copy (Arm ARM C4.1.95): DUP (element) into a scalar, which LLVM
// prints as `mov`.

import { bits } from '../../decoder';
import { imm5Size } from './advancedSimdCopy';
import { laneBase, registerViews, resultViews } from './integerLanes';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { element, insnText, scalarReg } from './simdText';
import { commitScalar } from './vectorViews';

function analyse(insn: number): Decoded | undefined {
  const imm5 = bits(insn, 16, 5);
  const size = imm5Size(imm5);
  if (size < 0) return undefined;
  const index = imm5 >>> (size + 1);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const from = laneBase(n, size) + index;
  return {
    exec: size === 3
      ? (cpu) => { resultViews.u64[0] = cpu.V64[from]; commitScalar(cpu, d, 8); }
      : (cpu) => { resultViews.unsigned[size][0] = registerViews(cpu).unsigned[size][from]; commitScalar(cpu, d, 1 << size); },
    text: insnText('mov', scalarReg(d, size), element(n, size, index)),
  };
}

export const ADVANCED_SIMD_SCALAR_COPY = [
  simdFpEncoding('ASIMD_SCALAR_COPY', '0101_1110_000i_iiii_0000_01nn_nnnd_dddd', analyse),
];
