// The launch.json experience: defaults for hand-written configurations, a
// configuration for the file in the editor when there is no launch.json, "debug this
// ELF" entries in the Run and Debug picker, and a check that the program exists and
// is an AArch64 ELF before a session starts.

import * as path from 'path';
import * as vscode from 'vscode';
import {
  isEmptyConfiguration,
  launchConfigurationForProgram,
  programForActiveFile,
  resolvedProgramPath,
  withLaunchDefaults,
} from './launchDefaults';
import { DEBUG_TYPE } from './names';
import { findPrograms, probeProgramFile } from './programDiscovery';

/** Offers one configuration per AArch64 ELF file of the folder. */
export async function configurationsForFolder(folder: vscode.WorkspaceFolder | undefined, token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration[]> {
  const programs = await findPrograms(folder, token);
  const configurations: vscode.DebugConfiguration[] = [];
  for (const program of programs) {
    const probe = await probeProgramFile(program);
    if (!probe.runnable) continue;
    const owner = folder ?? vscode.workspace.getWorkspaceFolder(program);
    configurations.push(launchConfigurationForProgram(program.fsPath, owner?.uri.fsPath, probe.hasMain) as vscode.DebugConfiguration);
  }
  return configurations;
}

/** Used when launch.json is created, and for "Add Configuration…". */
export class InitialConfigurationProvider implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined, token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration[]> {
    const configurations = await configurationsForFolder(folder, token);
    if (configurations.length > 0) return configurations;
    return [{
      type: DEBUG_TYPE,
      request: 'launch',
      name: 'Debug AArch64 program',
      program: '${command:arm64-guest.pickProgram}',
      cwd: '${workspaceFolder}',
      runToEntryPoint: 'main',
    }];
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (isEmptyConfiguration(configuration)) {
      const forEditor = await configurationForActiveEditor(folder);
      if (!forEditor) {
        void vscode.window.showInformationMessage(
          'Arm64 Guest: no AArch64 ELF program found for this file. Build one (e.g. sum.c -> sum.elf), or create a launch.json.');
        return undefined;
      }
      // Keep what VS Code put in the empty configuration (noDebug for Run Without Debugging).
      return { ...configuration, ...forEditor };
    }
    return withLaunchDefaults(configuration, folder?.uri.fsPath) as vscode.DebugConfiguration;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | null | undefined> {
    const resolved = withLaunchDefaults(configuration, folder?.uri.fsPath) as vscode.DebugConfiguration;
    const program = resolvedProgramPath(resolved);
    if (program === undefined) {
      // Leave the message to the adapter: it names every missing or ill-typed attribute.
      return resolved;
    }
    const probe = await probeProgramFile(vscode.Uri.file(program));
    if (!probe.runnable) {
      const openLaunchJson = 'Open launch.json';
      void vscode.window
        .showErrorMessage(`Arm64 Guest: cannot debug ${program}: ${probe.reason}.`, openLaunchJson)
        .then((choice) => (choice === openLaunchJson ? vscode.commands.executeCommand('workbench.action.debug.configure') : undefined));
      return undefined;
    }
    return resolved;
  }
}

/** "Debug this ELF" entries in the Run and Debug drop-down (no launch.json needed). */
export class DynamicConfigurationProvider implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined, token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration[]> {
    // VS Code asks once per workspace folder and once more without one (for the user's
    // own launch configurations); programs belong to their folder's answer only.
    if (folder === undefined) return [];
    return configurationsForFolder(folder, token);
  }
}

async function configurationForActiveEditor(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration | undefined> {
  const activeFile = vscode.window.activeTextEditor?.document.uri;
  const searchFolder = folder ?? (activeFile ? vscode.workspace.getWorkspaceFolder(activeFile) : undefined);
  const programs = await findPrograms(searchFolder);
  const paths = programs.map((uri) => uri.fsPath);
  const chosen = programForActiveFile(activeFile?.scheme === 'file' ? activeFile.fsPath : undefined, paths) ?? (await pickProgramPath(paths));
  if (chosen === undefined) return undefined;
  const probe = await probeProgramFile(vscode.Uri.file(chosen));
  const owner = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(chosen));
  return launchConfigurationForProgram(chosen, owner?.uri.fsPath, probe.runnable && probe.hasMain) as vscode.DebugConfiguration;
}

/** Quick pick over programs; undefined when there are none or the user cancels. */
export async function pickProgramPath(programs: readonly string[]): Promise<string | undefined> {
  if (programs.length === 0) return undefined;
  const items = programs.map((program) => ({
    label: path.basename(program),
    description: vscode.workspace.asRelativePath(path.dirname(program)),
    program,
  }));
  const choice = await vscode.window.showQuickPick(items, { placeHolder: 'AArch64 ELF program to debug' });
  return choice?.program;
}

/** `${command:arm64-guest.pickProgram}`: the program path, or undefined to cancel the launch. */
export async function pickProgramCommand(): Promise<string | undefined> {
  const programs = (await findPrograms()).map((uri) => uri.fsPath);
  if (programs.length === 0) {
    void vscode.window.showErrorMessage('Arm64 Guest: no AArch64 ELF files (*.elf, *.axf, *.out) in the workspace.');
    return undefined;
  }
  return pickProgramPath(programs);
}

/** Explorer context menu "Debug AArch64 Program": starts a session on that file directly. */
export async function debugProgramCommand(uri: vscode.Uri | undefined): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const probe = await probeProgramFile(target);
  if (!probe.runnable) {
    void vscode.window.showErrorMessage(`Arm64 Guest: cannot debug ${target.fsPath}: ${probe.reason}.`);
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(target);
  const configuration = launchConfigurationForProgram(target.fsPath, folder?.uri.fsPath, probe.hasMain) as vscode.DebugConfiguration;
  await vscode.debug.startDebugging(folder, configuration);
}
