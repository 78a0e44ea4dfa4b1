// "Step Instruction" and "Step Over Instruction" on the debug toolbar: DAP stepIn /
// next with granularity 'instruction' for the focused thread (VS Code itself only
// steps by instruction while the Disassembly view has focus).

import * as vscode from 'vscode';
import { errorMessage } from './errorMessage';
import { DEBUG_TYPE } from './names';

type StepRequest = 'stepIn' | 'next';

export function stepInstruction(): Promise<void> {
  return stepByInstruction('stepIn');
}

export function stepOverInstruction(): Promise<void> {
  return stepByInstruction('next');
}

async function stepByInstruction(request: StepRequest): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== DEBUG_TYPE) return;
  const threadId = await focusedThreadId(session);
  if (threadId === undefined) return;
  try {
    await session.customRequest(request, { threadId, granularity: 'instruction' });
  } catch (error) {
    void vscode.window.showErrorMessage(`Arm64 Guest: ${request === 'next' ? 'step over instruction' : 'step instruction'} failed: ${errorMessage(error)}`);
  }
}

/** The thread the user has selected in the Call Stack view, else the session's first thread. */
async function focusedThreadId(session: vscode.DebugSession): Promise<number | undefined> {
  const item = vscode.debug.activeStackItem;
  if (item && item.session.id === session.id) return item.threadId;
  const reply = (await session.customRequest('threads')) as { threads?: { id: number }[] };
  return reply.threads?.[0]?.id;
}
