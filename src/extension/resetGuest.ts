// "Reset Guest": the DAP `restart` request, which the adapter serves by reloading the
// ELF and resetting the vCPU in place (no new process, breakpoints kept). Going
// through VS Code's own restart keeps its view of the session consistent.

import * as vscode from 'vscode';
import { DEBUG_TYPE } from './names';

export async function resetGuestCommand(): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== DEBUG_TYPE) return;
  await vscode.commands.executeCommand('workbench.action.debug.restart');
}
