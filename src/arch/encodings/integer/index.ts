// A64 integer data processing and branches: the Arm ARM's "Data Processing --
// Immediate", "Data Processing -- Register" and "Branches" encoding groups (C4.1),
// plus the FlagM PSTATE instructions.

import type { Encoding } from '../../decoder';
import { ADD_SUB_EXTENDED_REGISTER } from './addSubExtendedRegister';
import { ADD_SUB_IMMEDIATE } from './addSubImmediate';
import { ADD_SUB_SHIFTED_REGISTER } from './addSubShiftedRegister';
import { ADD_SUB_WITH_CARRY } from './addSubWithCarry';
import { BITFIELD } from './bitfield';
import { BRANCHES_COMPARE } from './branchesCompare';
import { BRANCHES_CONDITIONAL } from './branchesConditional';
import { BRANCHES_IMMEDIATE } from './branchesImmediate';
import { BRANCHES_REGISTER } from './branchesRegister';
import { BRANCHES_TEST } from './branchesTest';
import { CONDITIONAL_COMPARE } from './conditionalCompare';
import { CONDITIONAL_SELECT } from './conditionalSelect';
import { DATA_PROCESSING_1_SOURCE } from './dataProcessing1Source';
import { DATA_PROCESSING_2_SOURCE } from './dataProcessing2Source';
import { DATA_PROCESSING_3_SOURCE } from './dataProcessing3Source';
import { EXTRACT } from './extract';
import { FLAG_MANIPULATION } from './flagManipulation';
import { LOGICAL_IMMEDIATE } from './logicalImmediate';
import { LOGICAL_SHIFTED_REGISTER } from './logicalShiftedRegister';
import { MOVE_WIDE } from './moveWide';
import { PC_RELATIVE } from './pcRelative';

/** Data Processing -- Immediate (op0 = x100x). */
export const DATA_PROCESSING_IMMEDIATE_ENCODINGS: readonly Encoding[] = [
  ...PC_RELATIVE,
  ...ADD_SUB_IMMEDIATE,
  ...LOGICAL_IMMEDIATE,
  ...MOVE_WIDE,
  ...BITFIELD,
  ...EXTRACT,
];

/** Data Processing -- Register (op0 = x101x). */
export const DATA_PROCESSING_REGISTER_ENCODINGS: readonly Encoding[] = [
  ...DATA_PROCESSING_2_SOURCE,
  ...DATA_PROCESSING_1_SOURCE,
  ...LOGICAL_SHIFTED_REGISTER,
  ...ADD_SUB_SHIFTED_REGISTER,
  ...ADD_SUB_EXTENDED_REGISTER,
  ...ADD_SUB_WITH_CARRY,
  ...CONDITIONAL_COMPARE,
  ...CONDITIONAL_SELECT,
  ...DATA_PROCESSING_3_SOURCE,
];

/** Branches (op0 = x101 with the exception/system parts left to encodings/system). */
export const BRANCH_ENCODINGS: readonly Encoding[] = [
  ...BRANCHES_CONDITIONAL,
  ...BRANCHES_IMMEDIATE,
  ...BRANCHES_COMPARE,
  ...BRANCHES_TEST,
  ...BRANCHES_REGISTER,
];

export const INTEGER_ENCODINGS: readonly Encoding[] = [
  ...DATA_PROCESSING_IMMEDIATE_ENCODINGS,
  ...DATA_PROCESSING_REGISTER_ENCODINGS,
  // RMIF/SETF8/SETF16 (data processing - register) and CFINV/XAFLAG/AXFLAG, which sit in
  // the MSR (immediate) space as fully fixed words and so win over its general line.
  ...FLAG_MANIPULATION,
  ...BRANCH_ENCODINGS,
];
