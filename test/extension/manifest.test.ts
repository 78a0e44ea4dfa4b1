// The manifest (package.json `contributes`) against the code it describes: the
// adapter's launch attributes, the extension's commands, the example workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LaunchConfiguration, parseLaunchConfiguration } from '../../src/adapter/launchConfig';
import { ASSEMBLY_LANGUAGE_ID, COMMANDS, DEBUG_TYPE, SETTING_ADAPTER, SETTING_HEXADECIMAL, SETTINGS_SECTION } from '../../src/extension/names';
import { readRepoFile, repoRoot } from '../support/repoRoot';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
}

const manifest = JSON.parse(readRepoFile('package.json'));
const debuggerContribution = manifest.contributes.debuggers.find((d: { type: string }) => d.type === DEBUG_TYPE);
const launchSchema: { required: string[]; properties: Record<string, JsonSchema> } = debuggerContribution.configurationAttributes.launch;

/** Which launch attribute each field of the adapter's parsed configuration comes from. */
const ATTRIBUTE_OF_FIELD: Record<keyof LaunchConfiguration, string> = {
  program: 'program',
  cwd: 'cwd',
  args: 'args',
  stopOnEntry: 'stopOnEntry',
  runToEntryPoint: 'runToEntryPoint',
  memoryMiB: 'memory',
  hostFolder: 'semihosting',
  breakOnGuestBrk: 'breakOnGuestBrk',
  sourceMap: 'sourceMap',
  trace: 'trace',
};

/** VS Code substitutes these before the adapter sees a configuration. */
function substituteVariables(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{workspaceFolder\}/g, '/ws').replace(/\$\{command:[^}]+\}/g, '/ws/picked.elf');
  if (Array.isArray(value)) return value.map(substituteVariables);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteVariables(v)]));
  return value;
}

/** A snippet body as VS Code inserts it: `^"\${workspaceFolder}/${1:program}.elf"` -> "${workspaceFolder}/program.elf". */
function expandSnippet(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(/^\^"(.*)"$/, '$1').replace(/\\\$/g, '$').replace(/\$\{\d+:([^}]*)\}/g, '$1');
  }
  if (Array.isArray(value)) return value.map(expandSnippet);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandSnippet(v)]));
  return value;
}

/** launch.json allows comments. */
function parseJsonWithComments(text: string): any {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

describe('extension manifest', () => {
  it('documents every launch attribute with a type, a description and a default the adapter accepts', () => {
    for (const [name, schema] of Object.entries(launchSchema.properties)) {
      assert.ok(schema.type, `${name} has no type`);
      assert.ok(schema.description && schema.description.length > 20, `${name} has no real description`);
      assert.notStrictEqual(schema.default, undefined, `${name} has no default`);
      const raw = { program: 'a.elf', [name]: substituteVariables(schema.default) };
      assert.doesNotThrow(() => parseLaunchConfiguration(raw, '/ws'), `the adapter refuses ${name}'s default`);
    }
    assert.deepStrictEqual(launchSchema.required, ['program']);
  });

  it('documents exactly the attributes the adapter reads', () => {
    const parsed = parseLaunchConfiguration({ program: 'a.elf', memory: '64M', semihosting: { hostFolder: '.' }, runToEntryPoint: 'main' }, '/ws');
    const fromAdapter = Object.keys(parsed).map((field) => {
      const attribute = ATTRIBUTE_OF_FIELD[field as keyof LaunchConfiguration];
      assert.ok(attribute, `the adapter has a new launch field "${field}": document it in package.json and in ATTRIBUTE_OF_FIELD`);
      return attribute;
    });
    assert.deepStrictEqual(new Set(Object.keys(launchSchema.properties)), new Set(fromAdapter));
    assert.throws(() => parseLaunchConfiguration({ program: 'a.elf', stopOnEntri: true }, '/ws'), /unknown attribute "stopOnEntri"/);
  });

  it('gives initial configurations and snippets the adapter accepts', () => {
    const configurations = [
      ...debuggerContribution.initialConfigurations,
      ...debuggerContribution.configurationSnippets.map((snippet: { body: unknown }) => expandSnippet(snippet.body)),
    ];
    assert.ok(configurations.length >= 3);
    for (const configuration of configurations) {
      assert.strictEqual(configuration.type, DEBUG_TYPE);
      assert.strictEqual(configuration.request, 'launch');
      assert.doesNotThrow(() => parseLaunchConfiguration(substituteVariables(configuration), '/ws'), JSON.stringify(configuration));
    }
  });

  it('activates on resolve and dynamic configurations of its debug type', () => {
    assert.ok(manifest.activationEvents.includes(`onDebugResolve:${DEBUG_TYPE}`));
    assert.ok(manifest.activationEvents.includes(`onDebugDynamicConfigurations:${DEBUG_TYPE}`));
    assert.strictEqual(manifest.main, './dist/extension.js');
  });

  it('allows breakpoints in every language the debugger lists, including C and its own assembly language', () => {
    const breakpointLanguages = manifest.contributes.breakpoints.map((b: { language: string }) => b.language);
    assert.deepStrictEqual(new Set(breakpointLanguages), new Set(debuggerContribution.languages));
    for (const id of ['c', 'cpp', 'arm', 'arm64', 'asm', ASSEMBLY_LANGUAGE_ID]) assert.ok(breakpointLanguages.includes(id), id);
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === ASSEMBLY_LANGUAGE_ID);
    assert.deepStrictEqual(language.extensions, ['.S', '.s']);
    for (const file of [language.configuration, manifest.contributes.grammars[0].path]) {
      assert.doesNotThrow(() => JSON.parse(readRepoFile(file)), file);
    }
  });

  it('declares exactly the commands the extension registers, and menus only name declared commands', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual(new Set(declared), new Set(Object.values(COMMANDS)));
    for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const item of items) assert.ok(declared.includes(item.command), `${menu} names undeclared ${item.command}`);
    }
    const toolbar = manifest.contributes.menus['debug/toolBar'].map((i: { command: string }) => i.command);
    assert.deepStrictEqual(toolbar.sort(), [COMMANDS.stepInstruction, COMMANDS.stepOverInstruction].sort());
    const variablesMenu = manifest.contributes.menus['debug/variables/context'].map((i: { command: string }) => i.command);
    assert.ok(variablesMenu.includes(COMMANDS.showHexadecimal) && variablesMenu.includes(COMMANDS.showDecimal));
  });

  it('declares the settings the extension reads', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.strictEqual(settings[`${SETTINGS_SECTION}.${SETTING_HEXADECIMAL}`].default, true);
    assert.deepStrictEqual(settings[`${SETTINGS_SECTION}.${SETTING_ADAPTER}`].enum, ['inline', 'process']);
  });

  it('has a PNG icon of at least 128x128 pixels', () => {
    const png = fs.readFileSync(path.join(repoRoot(), manifest.icon));
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128);
  });

  it('ships an example workspace whose launch configurations point at committed programs', () => {
    const launch = parseJsonWithComments(readRepoFile('examples/.vscode/launch.json'));
    assert.ok(launch.configurations.length >= 2);
    const programs = new Set<string>();
    for (const configuration of launch.configurations) {
      const parsed = parseLaunchConfiguration(substituteVariables(configuration), '/ws');
      const program = path.join(repoRoot(), 'examples', path.relative('/ws', parsed.program));
      assert.ok(fs.existsSync(program), `${configuration.name}: ${program} is missing`);
      programs.add(path.basename(program));
    }
    assert.deepStrictEqual([...programs].sort(), ['countdown.elf', 'sum.elf']);
  });
});
