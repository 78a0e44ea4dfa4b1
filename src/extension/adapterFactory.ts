// Where the debug adapter runs. Inline (the default) puts the DAP session in the
// extension host: no process to start, nothing to find on PATH. "process" runs the
// bundled dist/debugAdapter.js as its own Node process speaking DAP on stdio, so a
// misbehaving guest can never slow the extension host. A `debugServer` port in
// launch.json is handled by VS Code itself before this factory is asked.

import * as path from 'path';
import * as vscode from 'vscode';
import { ADAPTER_PROCESS_ENVIRONMENT } from '../launcher/adapterProcessEnvironment';
import { AdapterPlacement, SETTING_ADAPTER, SETTINGS_SECTION } from './names';

export type InlineAdapterFactory = () => vscode.DebugAdapter;

export class Arm64GuestAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(
    private readonly extensionPath: string,
    private readonly createInlineAdapter: InlineAdapterFactory,
  ) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    const placement = vscode.workspace
      .getConfiguration(SETTINGS_SECTION, session.workspaceFolder)
      .get<AdapterPlacement>(SETTING_ADAPTER, 'inline');
    if (placement === 'process') return this.separateProcess();
    return new vscode.DebugAdapterInlineImplementation(this.createInlineAdapter());
  }

  private separateProcess(): vscode.DebugAdapterExecutable {
    const script = path.join(this.extensionPath, 'dist', 'debugAdapter.js');
    // The extension host's own executable: Node in VS Code Server, Electron (run as Node) in the desktop app.
    return new vscode.DebugAdapterExecutable(process.execPath, [script], { env: { ...ADAPTER_PROCESS_ENVIRONMENT } });
  }
}
