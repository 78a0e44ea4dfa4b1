// The extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven
// through Debian's Chromium exactly as a user would, on a copy of examples/:
//  1. sum.c: click the gutter inside the loop, F5, stop on that line; a register in the
//     Variables view and the Debug Console; decimal/hex from the context menu; an
//     expression (total); step over; Step Instruction from the toolbar; the Disassembly
//     view; View Memory at Address; Reset Guest; continue to the program's output and
//     the end.
//  2. countdown.S with the adapter in a separate process: gutter breakpoint in the
//     extension's assembly language, stop on entry, the breakpoint, the output.
//  3. F5 with no launch.json: the ELF built from the open source file, run to main.
//  4. "Debug this ELF" from the dynamic configurations.
// Screenshots of every step go to $SHOTS. Started by run-e2e.sh:
//   VSCODE_URL=... WORKSPACE=dir SHOTS=dir E2E_HOME=dir node test/e2e/vscode.e2e.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchOfflineBrowser } from './offlineBrowser.mjs';
import { check, firstNumber, Workbench } from './workbench.mjs';

const { VSCODE_URL, WORKSPACE, SHOTS, E2E_HOME } = process.env;

const C_SOURCE = 'sum.c';
const C_BREAKPOINT_LINE = 21; //  total += square(i);     (inside the for loop)
const C_NEXT_LINE = 22; //        i_count = i;
const C_MAIN_LINE = 20; //        for (unsigned int i = 1; ...   (where "runToEntryPoint": "main" stops)
const C_OUTPUT = 'sum of squares 1..5 = 55';
const ASM_SOURCE = 'countdown.S';
const ASM_ENTRY_LINE = 14; //     ldr x0, =stack_top      (_start)
const ASM_BREAKPOINT_LINE = 22; // subs x19, x19, #1
const BREAKPOINT_STOP = /Paused on breakpoint|Breakpoint hit/i; // VS Code's words, or the adapter's description
const ENTRY_STOP = /entry/i;

const started = Date.now();
const log = (...parts) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);

const browser = await launchOfflineBrowser(E2E_HOME);
const { page } = browser;
page.on('pageerror', (error) => log('page error:', error.message));
const vscode = new Workbench(page, log);

let shotNumber = 0;
async function screenshot(name) {
  shotNumber += 1;
  const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  log('screenshot', path.relative(process.cwd(), file));
}

async function debugTheCProgram() {
  const source = await vscode.openFromExplorer(C_SOURCE);
  await source.clickGutter(C_BREAKPOINT_LINE);
  log(`breakpoint set on ${C_SOURCE}:${C_BREAKPOINT_LINE}`);
  await screenshot('breakpoint');

  // F5 starts the first launch.json configuration; it stops on the breakpoint's line.
  await source.focus();
  await page.keyboard.press('F5');
  log(`call stack: "${await vscode.waitForStopState(BREAKPOINT_STOP, 60_000)}"`);
  await source.waitForStopOnLine(C_BREAKPOINT_LINE);
  const frame = await vscode.topFrameText();
  check(frame.startsWith('main'), `the top frame is "${frame}", expected main`);
  log(`paused on ${C_SOURCE}:${C_BREAKPOINT_LINE}, top frame ${frame}`);
  await screenshot('paused-on-breakpoint');

  // A register, in the Variables view and the Debug Console.
  const x0InView = firstNumber(await vscode.register('x0'));
  await screenshot('variables-view');
  const x0InConsole = firstNumber(await vscode.evaluate('x0'));
  check(x0InView !== undefined && x0InView === x0InConsole, `x0 differs: Variables view ${x0InView}, Debug Console ${x0InConsole}`);
  const pc = firstNumber(await vscode.evaluate('pc'));
  check(pc !== undefined && pc >= 0x40000000n, `pc ${pc} is not in the guest's RAM`);

  // The Variables view's context menu switches to decimal and back.
  await vscode.variableContextMenu('x1', 'Show Values in Decimal');
  log(`in decimal: ${await vscode.waitForVariableText('x1', /^x1 = \d+$/)}`);
  await screenshot('variables-decimal');
  await vscode.variableContextMenu('x1', 'Show Values in Hexadecimal');
  await vscode.waitForVariableText('x1', /^x1 = 0x[0-9a-f]+$/);

  // A variable-like expression: the running total, before its first addition.
  const totalAtBreakpoint = await vscode.evaluate('total');
  check(firstNumber(totalAtBreakpoint) === 0n, `total at the first stop is "${totalAtBreakpoint}", expected 0`);
  await screenshot('debug-console');

  // Step over (F10): the highlight moves to the next line, and total has grown.
  await page.keyboard.press('F10');
  await source.waitForStopOnLine(C_NEXT_LINE);
  const totalAfterStep = await vscode.evaluate('total');
  check(firstNumber(totalAfterStep) === 1n, `total after stepping over line ${C_BREAKPOINT_LINE} is "${totalAfterStep}", expected 1`);
  log(`stepped over to line ${C_NEXT_LINE}`);
  await screenshot('stepped-over');

  // "Step Instruction" on the debug toolbar: pc moves on by one instruction.
  const pcBefore = firstNumber(await vscode.evaluate('pc'));
  await vscode.clickToolbarButton('Step Instruction');
  let pcAfter = pcBefore;
  for (const deadline = Date.now() + 10_000; pcAfter === pcBefore && Date.now() < deadline;) {
    await page.waitForTimeout(300);
    pcAfter = firstNumber(await vscode.evaluate('pc'));
  }
  check(pcAfter === pcBefore + 4n, `Step Instruction moved pc from ${pcBefore} to ${pcAfter}, expected +4`);
  await screenshot('step-instruction');

  // The Disassembly view, around pc.
  await vscode.runCommand('Open Disassembly View');
  const instructions = await vscode.disassemblyRows();
  log(`disassembly view: ${instructions.length} rows, e.g. ${JSON.stringify(instructions.slice(0, 3))}`);
  check(instructions.some((row) => /\b(ldr|str|add|mov|bl)\b/.test(row)), 'the Disassembly view shows no A64 instructions');
  await screenshot('disassembly-view');

  // "View Memory at Address…" on &total: the dump starts with total's bytes (1).
  await vscode.runCommand('View Memory at Address');
  await vscode.answerQuickInput('&total');
  const totalAddress = firstNumber(await vscode.evaluate('&total'));
  const dump = await vscode.waitForDocumentLine('arm64-guest-memory', new RegExp(`^0x${totalAddress.toString(16).padStart(16, '0')}\\s+01 00 00 00`));
  log('memory dump:', JSON.stringify(dump.slice(0, 3)));
  await screenshot('view-memory');

  // "Reset Guest": the program starts over and stops on the breakpoint again, total back to 0.
  //     (The Disassembly view has focus, so the stop shows there: compare pc, not the line.)
  await vscode.runCommand('Reset Guest');
  let pcAfterReset;
  for (const deadline = Date.now() + 20_000; pcAfterReset !== pc && Date.now() < deadline;) {
    await page.waitForTimeout(500);
    pcAfterReset = firstNumber(await vscode.evaluate('pc'));
  }
  check(pcAfterReset === pc, `after Reset Guest pc is ${pcAfterReset}, expected the breakpoint's ${pc}`);
  log(`after Reset Guest: "${await vscode.waitForStopState(/./)}" at the breakpoint again`);
  const totalAfterReset = await vscode.evaluate('total');
  check(firstNumber(totalAfterReset) === 0n, `total after Reset Guest is "${totalAfterReset}", expected 0`);
  await screenshot('reset-guest');

  // Remove the breakpoint and continue: the program's output, then the end of the session.
  await vscode.runCommand('Remove All Breakpoints');
  await page.keyboard.press('F5');
  await vscode.waitForSessionEnd();
  const consoleRows = await vscode.waitForConsoleOutput(C_OUTPUT);
  log('debug console at the end:', JSON.stringify(consoleRows.slice(-7)));
  await screenshot('session-ended');
}

async function debugTheAssemblyProgramInASeparateProcess() {
  fs.mkdirSync(path.join(WORKSPACE, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(WORKSPACE, '.vscode', 'settings.json'), JSON.stringify({ 'arm64-guest.adapter': 'process' }));
  const source = await vscode.openFromExplorer(ASM_SOURCE);
  await page.locator('.statusbar-item', { hasText: 'AArch64 Assembly' }).first().waitFor({ timeout: 10_000 });
  await source.clickGutter(ASM_BREAKPOINT_LINE);
  log(`${ASM_SOURCE} is AArch64 Assembly; breakpoint on line ${ASM_BREAKPOINT_LINE}`);
  await screenshot('assembly-breakpoint');

  await vscode.selectLaunchConfiguration('Debug countdown.S (assembly)');
  await page.keyboard.press('F5');
  await vscode.waitForStopState(ENTRY_STOP);
  await source.waitForStopOnLine(ASM_ENTRY_LINE);
  log('stopped on entry');
  await page.keyboard.press('F5');
  await vscode.waitForStopState(BREAKPOINT_STOP);
  await source.waitForStopOnLine(ASM_BREAKPOINT_LINE);
  const x19 = await vscode.register('x19');
  check(firstNumber(x19) === 5n, `x19 at the first subs is ${x19}, expected 5`);
  const lessOne = await vscode.evaluate('x19 - 1');
  check(firstNumber(lessOne) === 4n, `x19 - 1 is ${lessOne}, expected 4`);
  const adapters = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n').filter((line) => line.includes('/extensions/') && line.includes('dist/debugAdapter.js'));
  check(adapters.length === 1, `expected one adapter process of the installed extension, found ${JSON.stringify(adapters)}`);
  log('adapter process:', adapters[0].trim());
  await screenshot('assembly-stopped');

  await vscode.runCommand('Remove All Breakpoints');
  await page.keyboard.press('F5');
  await vscode.waitForSessionEnd();
  await vscode.waitForConsoleOutput('liftoff!');
  log('the assembly program printed its countdown and ended');
  await screenshot('assembly-ended');
}

async function debugWithoutLaunchJson() {
  fs.rmSync(path.join(WORKSPACE, '.vscode', 'launch.json'));
  await page.waitForTimeout(1_000); // let VS Code notice the file is gone
  const source = await vscode.showEditorTab(C_SOURCE);
  await source.focus();
  await page.keyboard.press('F5');
  const asked = await vscode.pickIfOffered('Arm64 Guest', 3_000); // VS Code asks when several debuggers claim C
  await vscode.waitForStopState(ENTRY_STOP);
  await source.waitForStopOnLine(C_MAIN_LINE);
  log(`F5 without launch.json ran sum.elf to main, line ${C_MAIN_LINE}${asked ? ' (after choosing the debugger)' : ''}`);
  await screenshot('no-launch-json-stopped');
  await page.keyboard.press('Shift+F5');
  await vscode.waitForSessionEnd();
}

async function debugFromDynamicConfiguration() {
  await vscode.runCommand('Select and Start Debugging');
  check(await vscode.pickIfOffered('Arm64 Guest', 15_000), '"Select and Start Debugging" offers no Arm64 Guest configurations');
  const labels = await vscode.quickPickLabels(/Debug .*\.elf/);
  log('dynamic configurations:', JSON.stringify(labels));
  for (const program of ['sum.elf', 'countdown.elf']) {
    check(labels.filter((label) => label.includes(`Debug ${program}`)).length === 1, `"Debug ${program}" is not offered exactly once`);
  }
  await screenshot('dynamic-configurations');
  await vscode.pickIfOffered('Debug countdown.elf', 5_000);
  // countdown.elf has no main: the offered configuration stops on entry.
  await vscode.waitForStopState(ENTRY_STOP);
  await vscode.editor(ASM_SOURCE).waitForStopOnLine(ASM_ENTRY_LINE);
  log(`"Debug countdown.elf" stopped on entry, ${ASM_SOURCE}:${ASM_ENTRY_LINE}`);
  await screenshot('dynamic-configuration-stopped');
  await page.keyboard.press('Shift+F5');
  await vscode.waitForSessionEnd();
}

let passed = false;
try {
  await vscode.open(VSCODE_URL);
  log('workbench ready');
  await screenshot('workbench');
  await debugTheCProgram();
  await debugTheAssemblyProgramInASeparateProcess();
  await debugWithoutLaunchJson();
  await debugFromDynamicConfiguration();
  passed = true;
} catch (error) {
  log('FAILED:', error.message);
  const where = (error.stack ?? '').split('\n').filter((line) => /e2e\.mjs|workbench\.mjs/.test(line));
  if (where.length > 0) log('at:', where.map((line) => line.trim()).join(' <- '));
  const notifications = await vscode.notifications();
  if (notifications.length > 0) log('notifications:', JSON.stringify(notifications));
  await screenshot('failure').catch(() => {});
  fs.writeFileSync(path.join(SHOTS, 'failure.html'), await page.content().catch(() => ''));
} finally {
  log(`requests blocked (not to 127.0.0.1): ${browser.blocked.length}`, JSON.stringify([...new Set(browser.blocked)].slice(0, 10)));
  await browser.close();
}
console.log(passed ? 'VS Code end-to-end test passed' : 'VS Code end-to-end test FAILED');
process.exit(passed ? 0 : 1);
