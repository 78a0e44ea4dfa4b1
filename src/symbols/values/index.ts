// C-level values for the debugger: placeholder, documentation follows.
export { ProgramValues } from './programValues';
export type { FrameState, GuestAccess } from './programValues';
export { FrameValues } from './frameValues';
export type { ValueNode } from './valueTree';
export type { FormatOptions } from './valueFormatter';
export { EvaluationError } from './evaluationError';
export { CValue } from './cValue';
