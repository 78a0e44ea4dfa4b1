// The extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven
// through Debian's Chromium by playwright-core exactly as a user would: open the C
// example, click the gutter inside its loop, F5, read a register and an expression
// in the Variables view and the Debug Console, step over, step one instruction from
// the debug toolbar, switch the Variables view to decimal and back, open the
// Disassembly view, view memory at an address, continue to the end; then debug the
// assembly example with the adapter in a separate process, press F5 with no
// launch.json at all, and start "Debug countdown.elf" from the dynamic configurations. Every request
// the page makes stays on 127.0.0.1. Started by run-e2e.sh:
//   VSCODE_URL=... WORKSPACE=dir SHOTS=dir E2E_HOME=dir node test/e2e/vscode.e2e.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const { chromium } = createRequire(path.join(process.env.E2E_HOME, 'package.json'))('playwright-core');

const VSCODE_URL = process.env.VSCODE_URL;
const SHOTS = process.env.SHOTS;
const SOURCE = 'sum.c';
const BREAKPOINT_LINE = 21; // total += square(i);   (inside the for loop)
const NEXT_LINE = 22; //       i_count = i;
const MAIN_FIRST_LINE = 20; // for (unsigned int i = 1; ...   (where runToEntryPoint "main" stops)
const ASM_ENTRY_LINE = 14; //     ldr x0, =stack_top   (_start, countdown.S)
const ASM_BREAKPOINT_LINE = 22; // subs x19, x19, #1   (countdown.S)
const WORKSPACE = process.env.WORKSPACE; // the copy of examples/ that VS Code has open
const PROGRAM_OUTPUT = 'sum of squares 1..5 = 55';

const started = Date.now();
const log = (...parts) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'arm64-guest-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: false,
  viewport: { width: 1400, height: 900 },
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
});
const blocked = [];
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
  blocked.push(url.href);
  return route.abort();
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (error) => log('page error:', error.message));

let shotNumber = 0;
async function screenshot(name) {
  shotNumber += 1;
  const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  log('screenshot', path.relative(process.cwd(), file));
}

const editor = page.locator(`.editor-instance .monaco-editor[data-uri$="${SOURCE}"]`);
const lineNumber = (line) => editor.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^\\s*${line}\\s*$`) });
const topFrameLine = editor.locator('.view-overlays .debug-top-stack-frame-line');
const debugToolbar = page.locator('.debug-toolbar');

/** Runs a command from the Command Palette by its title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

/** Waits for the yellow current-line highlight to sit on `line` of the source editor. */
async function waitForStopOnLine(line, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const highlight = await topFrameLine.boundingBox().catch(() => null);
    const number = await lineNumber(line).boundingBox().catch(() => null);
    if (highlight && number && Math.abs(highlight.y - number.y) <= 2) return;
    if (Date.now() > deadline) {
      throw new Error(`the current-line highlight is not on line ${line} (highlight y=${highlight?.y}, line y=${number?.y})`);
    }
    await page.waitForTimeout(200);
  }
}

/** Types an expression into the Debug Console and returns the answer's text. */
async function evaluateInConsole(expression) {
  const input = page.locator('.repl .repl-input-wrapper .monaco-editor');
  if (!(await input.isVisible())) await page.keyboard.press('Control+Shift+Y');
  await input.waitFor({ timeout: 10_000 });
  const answers = page.locator('.repl .monaco-list-row .evaluation-result');
  const before = await answers.count();
  await input.click();
  await page.keyboard.type(expression);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([selector, count]) => document.querySelectorAll(selector).length > count,
    ['.repl .monaco-list-row .evaluation-result', before],
    { timeout: 10_000 },
  );
  const text = (await answers.last().innerText()).trim();
  log(`debug console: ${expression} -> ${text}`);
  return text;
}

/** The value shown for a general-purpose register in the Variables view ("Registers" > "General"). */
async function registerInVariablesView(name) {
  const row = page.locator('.debug-variables .monaco-list-row', { hasText: new RegExp(`^\\s*${name}\\s*[:=]`, 'i') }).first();
  await page.locator('.debug-variables .monaco-list-row').first().waitFor({ timeout: 10_000 });
  for (const group of ['Registers', 'General']) {
    if (await row.isVisible()) break;
    const collapsed = page.locator('.debug-variables .monaco-list-row[aria-expanded="false"]', { hasText: new RegExp(`^\\s*${group}\\b`) });
    if (await collapsed.count()) await collapsed.first().click();
    await page.waitForTimeout(300);
  }
  // The list is virtual: rows further down exist only once scrolled into view.
  const list = page.locator('.debug-variables .monaco-list').first();
  for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
    await list.hover();
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(150);
  }
  await row.waitFor({ timeout: 10_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
  log(`variables view: ${text}`);
  return text.replace(new RegExp(`^${name}\\s*[:=]\\s*`, 'i'), '');
}

/** Right-clicks a Variables-view row and picks `item` from its context menu. */
async function variablesContextMenu(rowName, item) {
  const row = page.locator('.debug-variables .monaco-list-row', { hasText: new RegExp(`^\\s*${rowName}\\s*[:=]`, 'i') }).first();
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: item }).first();
  await entry.waitFor({ timeout: 10_000 });
  // VS Code's menus act on keyboard selection reliably; hovering focuses the item.
  await entry.hover();
  await page.keyboard.press('Enter');
  await entry.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Waits until a Variables-view row's text matches `pattern`; returns that text. */
async function waitForVariableText(rowName, pattern, timeout = 10_000) {
  const row = page.locator('.debug-variables .monaco-list-row', { hasText: new RegExp(`^\\s*${rowName}\\s*[:=]`, 'i') }).first();
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await row.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`Variables view row ${rowName} shows "${text}", expected ${pattern}`);
    await page.waitForTimeout(200);
  }
}

/** Chooses a launch configuration in the Run and Debug view's drop-down. */
async function selectLaunchConfiguration(name) {
  await page.keyboard.press('Control+Shift+D');
  const select = page.locator('.start-debug-action-item select');
  await select.waitFor({ timeout: 10_000 });
  await select.selectOption({ label: name });
}

const firstNumber = (text) => {
  const match = /(0x[0-9a-f]+|\d+)/i.exec(text);
  return match ? BigInt(match[1]) : undefined;
};

let passed = false;
try {
  // 1. VS Code with the example workspace; the extension installed from the .vsix.
  await page.goto(VSCODE_URL);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  const explorerRow = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${SOURCE}"]`);
  await explorerRow.waitFor({ timeout: 60_000 });
  log('workbench ready');
  await screenshot('workbench');

  // 2. Open the C file and click the gutter on a line inside the loop.
  await explorerRow.click();
  await editor.waitFor({ timeout: 30_000 });
  await lineNumber(BREAKPOINT_LINE).waitFor({ timeout: 10_000 });
  const numberBox = await lineNumber(BREAKPOINT_LINE).boundingBox();
  const glyphBox = await editor.locator('.margin .glyph-margin').first().boundingBox();
  const gutter = { x: glyphBox.x + glyphBox.width / 2, y: numberBox.y + numberBox.height / 2 };
  // The faded "debug-hint" dot appears once VS Code accepts breakpoints for this language.
  const hint = editor.locator('.glyph-margin-widgets .codicon-debug-hint');
  for (let i = 0; i < 40 && !(await hint.isVisible()); i++) {
    await page.mouse.move(gutter.x + 30, gutter.y + 40);
    await page.mouse.move(gutter.x, gutter.y);
    await page.waitForTimeout(250);
  }
  await page.mouse.click(gutter.x, gutter.y);
  await editor.locator('.glyph-margin-widgets .codicon-debug-breakpoint').waitFor({ timeout: 10_000 });
  log(`breakpoint set on ${SOURCE}:${BREAKPOINT_LINE}`);
  await screenshot('breakpoint');

  // 3. F5: the session starts with the first launch.json configuration and stops there.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('F5');
  log('F5 pressed');
  await topFrameLine.waitFor({ timeout: 60_000 });
  // VS Code shows "Paused on breakpoint", or the adapter's own description of a breakpoint stop.
  const stopState = page.locator('.pane-header .call-stack-state-message .label', { hasText: /Paused on breakpoint|Breakpoint hit/i }).first();
  await stopState.waitFor({ timeout: 15_000 });
  log(`call stack state: "${await stopState.innerText()}"`);
  await waitForStopOnLine(BREAKPOINT_LINE);
  await editor.locator('.glyph-margin-widgets .codicon-debug-stackframe').waitFor({ timeout: 10_000 });
  const frame = page.locator('.debug-call-stack .monaco-list-row', { hasText: 'main' }).first();
  await frame.waitFor({ timeout: 10_000 });
  log('paused on breakpoint; top frame:', (await frame.innerText()).replace(/\s+/g, ' '));
  await screenshot('paused-on-breakpoint');

  // 4. A register in the Variables view and in the Debug Console: the same x0.
  const x0InView = firstNumber(await registerInVariablesView('x0'));
  await screenshot('variables-view');
  const x0InConsole = firstNumber(await evaluateInConsole('x0'));
  check(x0InView !== undefined && x0InView === x0InConsole, `x0 differs: Variables view ${x0InView}, Debug Console ${x0InConsole}`);
  const pc = firstNumber(await evaluateInConsole('pc'));
  check(pc !== undefined && pc >= 0x40000000n, `pc ${pc} is not in the guest's RAM`);
  // ... and a variable-like expression: the loop's running total before its first addition.
  // The Variables view's context menu switches registers to decimal and back.
  await variablesContextMenu('x1', 'Show Values in Decimal');
  const x1Decimal = await waitForVariableText('x1', /^x1 = \d+$/);
  log(`variables view in decimal: ${x1Decimal}`);
  await screenshot('variables-decimal');
  await variablesContextMenu('x1', 'Show Values in Hexadecimal');
  await waitForVariableText('x1', /^x1 = 0x[0-9a-f]+$/);
  const totalAtBreakpoint = await evaluateInConsole('total');
  check(firstNumber(totalAtBreakpoint) === 0n, `total at the first stop is "${totalAtBreakpoint}", expected 0`);
  await screenshot('debug-console');

  // 5. Step over (F10): the highlight moves to the next line and total has grown.
  await page.keyboard.press('F10');
  await waitForStopOnLine(NEXT_LINE);
  const totalAfterStep = await evaluateInConsole('total');
  check(firstNumber(totalAfterStep) === 1n, `total after stepping over line ${BREAKPOINT_LINE} is "${totalAfterStep}", expected 1`);
  log(`stepped over to line ${NEXT_LINE}`);
  await screenshot('stepped-over');

  // 6. "Step Instruction" from the debug toolbar: pc moves by one instruction.
  const pcBefore = firstNumber(await evaluateInConsole('pc'));
  await debugToolbar.locator('.action-item a[aria-label^="Step Instruction"]').click();
  const deadline = Date.now() + 10_000;
  let pcAfter = pcBefore;
  while (pcAfter === pcBefore && Date.now() < deadline) {
    await page.waitForTimeout(300);
    pcAfter = firstNumber(await evaluateInConsole('pc'));
  }
  check(pcAfter === pcBefore + 4n, `Step Instruction moved pc from ${pcBefore} to ${pcAfter}, expected +4`);
  await screenshot('step-instruction');

  // 7. The Disassembly view around pc.
  await runCommand('Open Disassembly View');
  const disassembly = page.locator('.disassembly-view');
  await disassembly.waitFor({ timeout: 15_000 });
  const currentInstruction = disassembly.locator('.monaco-list-row .codicon-debug-stackframe, .monaco-list-row.focused').first();
  await currentInstruction.waitFor({ timeout: 15_000 });
  const instructionRows = await disassembly.locator('.monaco-list-row').allInnerTexts();
  log(`disassembly view: ${instructionRows.length} rows, e.g. ${JSON.stringify(instructionRows.slice(0, 3))}`);
  check(instructionRows.some((row) => /\b(ldr|str|add|mov|bl|b)\b/i.test(row)), 'the Disassembly view shows no A64 instructions');
  await screenshot('disassembly-view');

  // 8. "View Memory at Address…" on &total: a hex dump whose first byte is total (1).
  await runCommand('View Memory at Address');
  const addressInput = page.locator('.quick-input-widget input');
  await addressInput.waitFor();
  await addressInput.fill('&total');
  await page.keyboard.press('Enter');
  const dump = page.locator('.editor-instance .monaco-editor[data-uri^="arm64-guest-memory:"]');
  await dump.waitFor({ timeout: 15_000 });
  const totalAddress = firstNumber(await evaluateInConsole('&total'));
  const expectedRow = new RegExp(`^0x${totalAddress.toString(16).padStart(16, '0')}\\s+01 00 00 00`);
  const dumpLines = dump.locator('.view-line');
  const deadline8 = Date.now() + 10_000;
  let dumpText = [];
  while (!dumpText.some((line) => expectedRow.test(line.replace(/\u00a0/g, ' '))) && Date.now() < deadline8) {
    await page.waitForTimeout(200);
    dumpText = await dumpLines.allInnerTexts();
  }
  log('memory dump:', JSON.stringify(dumpText.slice(0, 3)));
  check(dumpText.some((line) => expectedRow.test(line.replace(/\u00a0/g, ' '))), `the dump of &total does not start with total's bytes`);
  await screenshot('view-memory');

  // 9. Remove the breakpoint, continue: the program's output appears and the session ends.
  await runCommand('Remove All Breakpoints');
  await page.keyboard.press('F5');
  await debugToolbar.waitFor({ state: 'hidden', timeout: 30_000 });
  if (!(await page.locator('.repl').isVisible())) await page.keyboard.press('Control+Shift+Y');
  const output = page.locator('.repl .monaco-list-row', { hasText: PROGRAM_OUTPUT });
  await output.first().waitFor({ timeout: 15_000 });
  const consoleRows = await page.locator('.repl .monaco-list-row').allInnerTexts();
  log('debug console at the end:', JSON.stringify(consoleRows.slice(-8)));
  await screenshot('session-ended');

  // 10. The assembly example, with the adapter in its own process this time: the extension's
  //    language id for .S files takes gutter breakpoints; stopOnEntry, then the breakpoint.
  fs.mkdirSync(path.join(WORKSPACE, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(WORKSPACE, '.vscode', 'settings.json'), JSON.stringify({ 'arm64-guest.adapter': 'process' }));
  await page.keyboard.press('Control+Shift+E');
  await page.locator('.explorer-folders-view .monaco-list-row[aria-label="countdown.S"]').click();
  const assembly = page.locator('.editor-instance .monaco-editor[data-uri$="countdown.S"]');
  await assembly.waitFor({ timeout: 15_000 });
  await page.locator('.statusbar-item', { hasText: 'AArch64 Assembly' }).first().waitFor({ timeout: 10_000 });
  const asmLine = assembly.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^\\s*${ASM_BREAKPOINT_LINE}\\s*$`) });
  const asmBox = await asmLine.boundingBox();
  const asmGlyph = await assembly.locator('.margin .glyph-margin').first().boundingBox();
  await page.mouse.click(asmGlyph.x + asmGlyph.width / 2, asmBox.y + asmBox.height / 2);
  await assembly.locator('.glyph-margin-widgets .codicon-debug-breakpoint').waitFor({ timeout: 10_000 });
  log(`countdown.S opens as AArch64 Assembly; breakpoint on line ${ASM_BREAKPOINT_LINE}`);
  await screenshot('assembly-breakpoint');

  await selectLaunchConfiguration('Debug countdown.S (assembly)');
  await page.keyboard.press('F5');
  await page.locator('.pane-header .call-stack-state-message .label', { hasText: /entry/i }).first().waitFor({ timeout: 30_000 });
  const asmTopFrame = assembly.locator('.view-overlays .debug-top-stack-frame-line');
  await asmTopFrame.waitFor({ timeout: 10_000 });
  log('assembly program stopped on entry');
  await page.keyboard.press('F5');
  await page.locator('.pane-header .call-stack-state-message .label', { hasText: /Paused on breakpoint|Breakpoint hit/i }).first().waitFor({ timeout: 15_000 });
  const x19 = await registerInVariablesView('x19');
  check(firstNumber(x19) === 5n, `x19 at the first subs is ${x19}, expected 5`);
  const lessOne = await evaluateInConsole('x19 - 1');
  check(firstNumber(lessOne) === 4n, `x19 - 1 is ${lessOne}, expected 4`);
  const adapterProcesses = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n').filter((line) => line.includes(`${path.sep}extensions${path.sep}`) && line.includes('dist/debugAdapter.js'));
  check(adapterProcesses.length === 1, `expected one adapter process from the installed extension, found ${JSON.stringify(adapterProcesses)}`);
  log('adapter process:', adapterProcesses[0].trim());
  await screenshot('assembly-stopped');
  await runCommand('Remove All Breakpoints');
  await page.keyboard.press('F5');
  await debugToolbar.waitFor({ state: 'hidden', timeout: 30_000 });
  await page.locator('.repl .monaco-list-row', { hasText: 'liftoff!' }).first().waitFor({ timeout: 15_000 });
  log('assembly program finished: "5 4 3 2 1 liftoff!"');
  await screenshot('assembly-ended');

  // 11. No launch.json at all: F5 in sum.c debugs the ELF built from it (sum.elf), to main.
  fs.rmSync(path.join(WORKSPACE, '.vscode', 'launch.json'));
  await page.waitForTimeout(1_000); // let VS Code notice the file is gone
  await page.locator('.tabs-container .tab', { hasText: SOURCE }).first().click();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('F5');
  const debuggerPick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Arm64 Guest' }).first();
  const pickedDebugger = await debuggerPick.waitFor({ timeout: 3_000 }).then(() => true, () => false);
  if (pickedDebugger) await debuggerPick.click(); // VS Code asks when several debuggers claim C
  await waitForStopOnLine(MAIN_FIRST_LINE);
  log(`F5 without launch.json stopped in main on line ${MAIN_FIRST_LINE}${pickedDebugger ? ' (after choosing the debugger)' : ''}`);
  await screenshot('no-launch-json-stopped');
  await page.keyboard.press('Shift+F5');
  await debugToolbar.waitFor({ state: 'hidden', timeout: 30_000 });

  // 12. "Debug this ELF": "Select and Start Debugging" offers one configuration per program of
  //     the workspace (dynamic configurations); countdown.elf has no main, so it stops on entry.
  await runCommand('Select and Start Debugging');
  const providerEntry = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Arm64 Guest' }).first();
  await providerEntry.waitFor({ timeout: 15_000 });
  await providerEntry.click();
  const picks = page.locator('.quick-input-list .monaco-list-row', { hasText: /Debug .*\.elf/ });
  await picks.first().waitFor({ timeout: 15_000 });
  const pickLabels = (await picks.allInnerTexts()).map((label) => label.replace(/\s+/g, ' ').trim());
  log('dynamic configurations:', JSON.stringify(pickLabels));
  check(pickLabels.filter((label) => label.includes('Debug sum.elf')).length === 1 && pickLabels.filter((label) => label.includes('Debug countdown.elf')).length === 1,
    'the dynamic configurations do not list each example program once');
  await screenshot('dynamic-configurations');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Debug countdown.elf' }).first().click();
  await page.locator('.pane-header .call-stack-state-message .label', { hasText: /entry/i }).first().waitFor({ timeout: 30_000 });
  const entryHighlight = await assembly.locator('.view-overlays .debug-top-stack-frame-line').boundingBox();
  const entryLine = await assembly.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^\\s*${ASM_ENTRY_LINE}\\s*$`) }).boundingBox();
  check(entryHighlight && entryLine && Math.abs(entryHighlight.y - entryLine.y) <= 2, `"Debug countdown.elf" did not stop on _start (line ${ASM_ENTRY_LINE})`);
  log(`"Debug countdown.elf" stopped on entry, countdown.S line ${ASM_ENTRY_LINE}`);
  await screenshot('dynamic-configuration-stopped');
  await page.keyboard.press('Shift+F5');
  await debugToolbar.waitFor({ state: 'hidden', timeout: 30_000 });
  passed = true;
} catch (error) {
  log('FAILED:', error.message);
  const notifications = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts().catch(() => []);
  if (notifications.length > 0) log('notifications:', JSON.stringify(notifications));
  await screenshot('failure').catch(() => {});
  fs.writeFileSync(path.join(SHOTS, 'failure.html'), await page.content().catch(() => ''));
} finally {
  log(`requests blocked (not 127.0.0.1): ${blocked.length}`, JSON.stringify([...new Set(blocked)].slice(0, 10)));
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(passed ? 'VS Code end-to-end test passed' : 'VS Code end-to-end test FAILED');
process.exit(passed ? 0 : 1);
