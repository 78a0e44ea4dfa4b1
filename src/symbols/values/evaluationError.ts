// The one error the value layer throws for things the user asked for that cannot be
// done (unknown names, bad syntax, unreadable memory, writes to non-lvalues). Messages
// read like gdb's, so a user who knows gdb recognises them.

export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

/** gdb's message for an address it cannot read or write. */
export function memoryError(address: bigint): EvaluationError {
  return new EvaluationError(`Cannot access memory at address 0x${address.toString(16)}`);
}

export const OPTIMIZED_OUT_MESSAGE = 'value has been optimized out';
