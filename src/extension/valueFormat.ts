// The hexadecimal / decimal switch of the Variables view. The choice is the setting
// `arm64-guest.hexadecimal` (so it survives restarts, and the context menu shows the
// other choice through the `config.arm64-guest.hexadecimal` context key). Inline
// adapters are wrapped in a FormattedDebugAdapter, which adds the choice to every
// Variables-view request and asks VS Code to refresh the view when it changes.

import * as vscode from 'vscode';
import { SETTING_HEXADECIMAL, SETTINGS_SECTION } from './names';
import { variablesInvalidatedEvent, withValueFormat } from './valueFormatRequests';

export function hexadecimalSetting(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(SETTING_HEXADECIMAL, true);
}

export async function showValuesIn(hexadecimal: boolean): Promise<void> {
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update(SETTING_HEXADECIMAL, hexadecimal, vscode.ConfigurationTarget.Global);
}

const liveAdapters = new Set<FormattedDebugAdapter>();

/** Passes DAP messages through to the session, adding the value format on the way in. */
export class FormattedDebugAdapter implements vscode.DebugAdapter {
  private readonly sent = new vscode.EventEmitter<vscode.DebugProtocolMessage>();
  readonly onDidSendMessage = this.sent.event;
  private readonly forwarding: vscode.Disposable;

  constructor(private readonly session: vscode.DebugAdapter) {
    this.forwarding = session.onDidSendMessage((message) => this.sent.fire(message));
    liveAdapters.add(this);
  }

  handleMessage(message: vscode.DebugProtocolMessage): void {
    this.session.handleMessage(withValueFormat(message, hexadecimalSetting()));
  }

  refreshValues(): void {
    this.sent.fire(variablesInvalidatedEvent());
  }

  dispose(): void {
    liveAdapters.delete(this);
    this.forwarding.dispose();
    this.sent.dispose();
    this.session.dispose();
  }
}

export function registerValueFormatRefresh(): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING_HEXADECIMAL}`)) return;
    for (const adapter of liveAdapters) adapter.refreshValues();
  });
}
