// The <prfop> operand of PRFM/PRFUM: Rt holds type (bits 4:3), target (2:1) and policy
// (0). LLVM names PLD/PLI/PST x L1/L2/L3 x KEEP/STRM and prints anything else as `#imm`.

const TYPES = ['pld', 'pli', 'pst'];
const TARGETS = ['l1', 'l2', 'l3'];
const POLICIES = ['keep', 'strm'];

export function prefetchOperationName(prfop: number): string {
  const type = prfop >>> 3;
  const target = (prfop >>> 1) & 3;
  if (type > 2 || target > 2) return `#${prfop}`;
  return TYPES[type] + TARGETS[target] + POLICIES[prfop & 1];
}
