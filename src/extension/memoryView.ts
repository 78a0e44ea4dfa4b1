// "View Memory at Address…": asks for an expression (a register, a symbol, any
// debug-console expression), evaluates it in the focused frame, and opens the memory
// there: in VS Code's binary view when the hex editor extension is installed (the
// same editor VS Code opens for a variable's "View Binary Data"), otherwise in a
// hex dump document.

import * as vscode from 'vscode';
import { errorMessage } from './errorMessage';
import { addressFromValueText } from './hexDump';
import { memoryDumpUri } from './memoryDocument';
import { DEBUG_TYPE } from './names';

const HEX_EDITOR_EXTENSION = 'ms-vscode.hexeditor';
const HEX_EDITOR_VIEW_TYPE = 'hexEditor.hexedit';
/** VS Code serves a debug session's memory as files under this scheme (`debugMemory.ts`). */
const DEBUG_MEMORY_SCHEME = 'vscode-debug-memory';

/** The argument VS Code passes to commands in the Variables view's context menu. */
interface VariablesContext {
  sessionId?: string;
  variable?: { name?: string; evaluateName?: string; memoryReference?: string; value?: string };
}

interface EvaluateReply {
  result: string;
  memoryReference?: string;
}

export async function viewMemoryCommand(context?: VariablesContext): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== DEBUG_TYPE) {
    void vscode.window.showInformationMessage('Arm64 Guest: start debugging first; memory is read from the stopped guest.');
    return;
  }
  const variable = context?.variable;
  let label = variable?.evaluateName ?? variable?.name ?? '';
  let memoryReference = variable?.memoryReference;
  if (memoryReference === undefined) {
    const expression = await vscode.window.showInputBox({
      title: 'View Memory at Address',
      prompt: 'An address or expression: 0x40000000, sp, x0 + 16, &counter, *(uint64_t*)sp',
      value: label,
    });
    if (!expression) return;
    label = expression;
    try {
      memoryReference = await memoryReferenceOf(session, expression);
    } catch (error) {
      void vscode.window.showErrorMessage(`Arm64 Guest: cannot evaluate "${expression}": ${errorMessage(error)}`);
      return;
    }
    if (memoryReference === undefined) {
      void vscode.window.showErrorMessage(`Arm64 Guest: "${expression}" does not give an address.`);
      return;
    }
  }
  await openMemory(session, memoryReference, label || memoryReference);
}

async function memoryReferenceOf(session: vscode.DebugSession, expression: string): Promise<string | undefined> {
  const item = vscode.debug.activeStackItem;
  const frameId = item instanceof vscode.DebugStackFrame && item.session.id === session.id ? item.frameId : undefined;
  const reply = (await session.customRequest('evaluate', { expression, frameId, context: 'watch' })) as EvaluateReply;
  if (reply.memoryReference) return reply.memoryReference;
  const address = addressFromValueText(reply.result);
  return address === undefined ? undefined : '0x' + address.toString(16);
}

async function openMemory(session: vscode.DebugSession, memoryReference: string, label: string): Promise<void> {
  if (vscode.extensions.getExtension(HEX_EDITOR_EXTENSION)) {
    const uri = vscode.Uri.from({
      scheme: DEBUG_MEMORY_SCHEME,
      authority: session.id,
      path: `/${encodeURIComponent(memoryReference)}/${encodeURIComponent(label)}.bin`,
    });
    await vscode.commands.executeCommand('vscode.openWith', uri, HEX_EDITOR_VIEW_TYPE, vscode.ViewColumn.Beside);
    return;
  }
  const document = await vscode.workspace.openTextDocument(memoryDumpUri({ sessionId: session.id, memoryReference, label }));
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
}
