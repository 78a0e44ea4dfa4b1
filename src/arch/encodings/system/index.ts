import type { Encoding } from '../../decoder';
import { EXCEPTION_GENERATION_ENCODINGS } from './exceptionGeneration';
import { EXCEPTION_RETURN_ENCODINGS } from './exceptionReturn';
import { HINT_AND_BARRIER_ENCODINGS } from './hintsAndBarriers';
import { PSTATE_ACCESS_ENCODINGS } from './pstateAccess';
import { SYSTEM_INSTRUCTION_ENCODINGS } from './systemInstructions';
import { SYSTEM_REGISTER_MOVE_ENCODINGS } from './systemRegisterMove';

export const SYSTEM_ENCODINGS: readonly Encoding[] = [
  ...EXCEPTION_GENERATION_ENCODINGS,
  ...EXCEPTION_RETURN_ENCODINGS,
  ...HINT_AND_BARRIER_ENCODINGS,
  ...PSTATE_ACCESS_ENCODINGS,
  ...SYSTEM_REGISTER_MOVE_ENCODINGS,
  ...SYSTEM_INSTRUCTION_ENCODINGS,
];
