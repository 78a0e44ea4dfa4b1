// The Variables view's hexadecimal/decimal choice, expressed in DAP: VS Code never
// fills the `format` argument of `variables` requests, so the extension adds
// `format: { hex }` to the requests it forwards to the adapter (which reads
// `format.hex`, defaulting to hexadecimal). Pure message rewriting, no VS Code here.

/** Requests whose values belong to the Variables view. */
const VARIABLES_VIEW_REQUESTS = new Set(['variables', 'setVariable']);

interface RequestMessage {
  type: 'request';
  command: string;
  arguments?: Record<string, unknown>;
}

function isRequest(message: unknown): message is RequestMessage {
  const m = message as Partial<RequestMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'request' && typeof m.command === 'string';
}

/**
 * The message to forward: a Variables-view request without its own `format` gets
 * `format: { hex }`; every other message is returned unchanged (the same object).
 */
export function withValueFormat<T>(message: T, hexadecimal: boolean): T {
  if (!isRequest(message) || !VARIABLES_VIEW_REQUESTS.has(message.command)) return message;
  const args = message.arguments ?? {};
  if (args.format !== undefined) return message;
  return { ...message, arguments: { ...args, format: { hex: hexadecimal } } };
}

/** The event that makes VS Code fetch the Variables view again after the choice changed. */
export function variablesInvalidatedEvent(): { seq: number; type: 'event'; event: 'invalidated'; body: { areas: string[] } } {
  return { seq: 0, type: 'event', event: 'invalidated', body: { areas: ['variables'] } };
}
