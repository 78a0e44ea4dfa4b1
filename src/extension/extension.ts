// Entry point of the VS Code extension (bundled to dist/extension.js). Registers the
// `arm64-guest` debug type's configuration providers and adapter factory, the
// commands VS Code has no built-in for, and the memory dump documents. The debug
// adapter itself lives in src/adapter and knows nothing of VS Code.

import * as vscode from 'vscode';
import { Arm64GuestAdapterFactory } from './adapterFactory';
import {
  debugProgramCommand,
  DynamicConfigurationProvider,
  InitialConfigurationProvider,
  pickProgramCommand,
} from './configurationProvider';
import { createInlineAdapter } from './inlineSession';
import { stepInstruction, stepOverInstruction } from './instructionStepping';
import { MEMORY_DUMP_SCHEME, MemoryDumpProvider, memoryRefreshTracker } from './memoryDocument';
import { viewMemoryCommand } from './memoryView';
import { COMMANDS, DEBUG_TYPE } from './names';
import { resetGuestCommand } from './resetGuest';
import { registerValueFormatRefresh, showValuesIn } from './valueFormat';

export function activate(context: vscode.ExtensionContext): void {
  const sessions = new Map<string, vscode.DebugSession>();
  const memoryDumps = new MemoryDumpProvider((id) => sessions.get(id));

  context.subscriptions.push(
    vscode.debug.onDidStartDebugSession((session) => {
      if (session.type === DEBUG_TYPE) sessions.set(session.id, session);
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      if (sessions.delete(session.id)) memoryDumps.refreshSession(session.id);
    }),

    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new InitialConfigurationProvider()),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE, new DynamicConfigurationProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(
      DEBUG_TYPE, new Arm64GuestAdapterFactory(context.extensionPath, createInlineAdapter)),

    vscode.commands.registerCommand(COMMANDS.stepInstruction, stepInstruction),
    vscode.commands.registerCommand(COMMANDS.stepOverInstruction, stepOverInstruction),
    vscode.commands.registerCommand(COMMANDS.resetGuest, resetGuestCommand),
    vscode.commands.registerCommand(COMMANDS.viewMemory, viewMemoryCommand),
    vscode.commands.registerCommand(COMMANDS.showHexadecimal, () => showValuesIn(true)),
    vscode.commands.registerCommand(COMMANDS.showDecimal, () => showValuesIn(false)),
    vscode.commands.registerCommand(COMMANDS.pickProgram, pickProgramCommand),
    vscode.commands.registerCommand(COMMANDS.debugProgram, debugProgramCommand),

    registerValueFormatRefresh(),
    memoryDumps,
    vscode.workspace.registerTextDocumentContentProvider(MEMORY_DUMP_SCHEME, memoryDumps),
    vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, memoryRefreshTracker(memoryDumps)),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
