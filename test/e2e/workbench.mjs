// What a user does in VS Code 1.100's workbench, as Playwright actions on its DOM:
// open files, click the gutter, run commands, read the Variables view and the Debug
// Console. The selectors were checked against code-server 4.100.3.

const STOP_STATE = '.pane-header .call-stack-state-message .label';

/** The first number (hex or decimal) in a value as VS Code shows it, as a BigInt. */
export function firstNumber(text) {
  const match = /(0x[0-9a-f]+|\d+)/i.exec(text);
  return match ? BigInt(match[1]) : undefined;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

const rowNamed = (name) => new RegExp(`^\\s*${name}\\s*[:=]`, 'i');
const lineNumbered = (line) => new RegExp(`^\\s*${line}\\s*$`);
const singleLine = (text) => text.replace(/\s+/g, ' ').trim();

/** One open source editor. */
export class SourceEditor {
  constructor(page, file) {
    this.page = page;
    this.file = file;
    this.root = page.locator(`.editor-instance .monaco-editor[data-uri$="${file}"]`);
  }

  lineNumber(line) {
    return this.root.locator('.margin-view-overlays .line-numbers', { hasText: lineNumbered(line) });
  }

  async focus() {
    await this.root.locator('.view-lines').click();
  }

  /** Clicks the glyph margin left of `line`, once VS Code accepts breakpoints for the file's language. */
  async clickGutter(line) {
    await this.lineNumber(line).waitFor({ timeout: 10_000 });
    const number = await this.lineNumber(line).boundingBox();
    const margin = await this.root.locator('.margin .glyph-margin').first().boundingBox();
    const x = margin.x + margin.width / 2;
    const y = number.y + number.height / 2;
    // The faded "debug-hint" dot shows on hover when breakpoints are allowed here.
    const hint = this.root.locator('.glyph-margin-widgets .codicon-debug-hint');
    for (let i = 0; i < 40 && !(await hint.isVisible()); i++) {
      await this.page.mouse.move(x + 30, y + 40);
      await this.page.mouse.move(x, y);
      await this.page.waitForTimeout(250);
    }
    await this.page.mouse.click(x, y);
    await this.root.locator('.glyph-margin-widgets .codicon-debug-breakpoint').waitFor({ timeout: 10_000 });
  }

  /** Waits for the yellow current-statement highlight to sit on `line`. */
  async waitForStopOnLine(line, timeout = 30_000) {
    const highlight = this.root.locator('.view-overlays .debug-top-stack-frame-line');
    const deadline = Date.now() + timeout;
    for (;;) {
      const box = await highlight.boundingBox().catch(() => null);
      const number = await this.lineNumber(line).boundingBox().catch(() => null);
      if (box && number && Math.abs(box.y - number.y) <= 2) return;
      if (Date.now() > deadline) {
        throw new Error(`${this.file}: the current-statement highlight is not on line ${line} (highlight y=${box?.y}, line y=${number?.y})`);
      }
      await this.page.waitForTimeout(200);
    }
  }
}

export class Workbench {
  constructor(page, log) {
    this.page = page;
    this.log = log;
    this.debugToolbar = page.locator('.debug-toolbar');
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  }

  /** Opens a file of the workspace from the Explorer. */
  async openFromExplorer(file) {
    await this.page.keyboard.press('Control+Shift+E');
    const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${file}"]`);
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const editor = new SourceEditor(this.page, file);
    await editor.root.waitFor({ timeout: 30_000 });
    return editor;
  }

  /** The editor of an open file (VS Code reveals the source of each stop by itself). */
  editor(file) {
    return new SourceEditor(this.page, file);
  }

  async showEditorTab(file) {
    await this.page.locator('.tabs-container .tab', { hasText: file }).first().click();
    return new SourceEditor(this.page, file);
  }

  /** Runs a command from the Command Palette by (part of) its title. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
  }

  /** Answers an open Quick Input box (an input box or a quick pick's filter). */
  async answerQuickInput(text) {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Clicks the Quick Pick row containing `text`; false when none shows within `timeout`. */
  async pickIfOffered(text, timeout) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    const offered = await row.waitFor({ timeout }).then(() => true, () => false);
    if (offered) await row.click();
    return offered;
  }

  async quickPickLabels(pattern) {
    const rows = this.page.locator('.quick-input-list .monaco-list-row', { hasText: pattern });
    await rows.first().waitFor({ timeout: 15_000 });
    return (await rows.allInnerTexts()).map(singleLine);
  }

  /** Waits until the Call Stack header names a stop matching `pattern`; returns its text. */
  async waitForStopState(pattern, timeout = 30_000) {
    const label = this.page.locator(STOP_STATE, { hasText: pattern }).first();
    await label.waitFor({ timeout });
    return label.innerText();
  }

  async waitForSessionEnd() {
    await this.debugToolbar.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  async clickToolbarButton(title) {
    await this.debugToolbar.locator(`.action-item a[aria-label^="${title}"]`).click();
  }

  async selectLaunchConfiguration(name) {
    await this.page.keyboard.press('Control+Shift+D');
    const select = this.page.locator('.start-debug-action-item select');
    await select.waitFor({ timeout: 10_000 });
    await select.selectOption({ label: name });
  }

  async topFrameText() {
    const frame = this.page.locator('.debug-call-stack .monaco-list-row').first();
    await frame.waitFor({ timeout: 10_000 });
    return singleLine(await frame.innerText());
  }

  // ---- Debug Console ----

  /** Types an expression into the Debug Console and returns the answer's text. */
  async evaluate(expression) {
    const input = this.page.locator('.repl .repl-input-wrapper .monaco-editor');
    if (!(await input.isVisible())) await this.page.keyboard.press('Control+Shift+Y');
    await input.waitFor({ timeout: 10_000 });
    const answers = '.repl .monaco-list-row .evaluation-result';
    const before = await this.page.locator(answers).count();
    await input.click();
    await this.page.keyboard.type(expression);
    await this.page.keyboard.press('Enter');
    await this.page.waitForFunction(([selector, count]) => document.querySelectorAll(selector).length > count, [answers, before], { timeout: 10_000 });
    const text = (await this.page.locator(answers).last().innerText()).trim();
    this.log(`debug console: ${expression} -> ${text}`);
    return text;
  }

  async waitForConsoleOutput(text) {
    if (!(await this.page.locator('.repl').isVisible())) await this.page.keyboard.press('Control+Shift+Y');
    await this.page.locator('.repl .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 15_000 });
    return this.page.locator('.repl .monaco-list-row').allInnerTexts();
  }

  // ---- Variables view ----

  variableRow(name) {
    return this.page.locator('.debug-variables .monaco-list-row', { hasText: rowNamed(name) }).first();
  }

  /** The value of a general-purpose register in the Variables view ("Registers" > "General"). */
  async register(name) {
    const row = this.variableRow(name);
    await this.page.locator('.debug-variables .monaco-list-row').first().waitFor({ timeout: 10_000 });
    for (const group of ['Registers', 'General']) {
      if (await row.isVisible()) break;
      const collapsed = this.page.locator('.debug-variables .monaco-list-row[aria-expanded="false"]', { hasText: new RegExp(`^\\s*${group}\\b`) });
      if (await collapsed.count()) await collapsed.first().click();
      await this.page.waitForTimeout(300);
    }
    // The list is virtual: rows further down exist only once scrolled into view.
    const list = this.page.locator('.debug-variables .monaco-list').first();
    for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
      await list.hover();
      await this.page.mouse.wheel(0, 120);
      await this.page.waitForTimeout(150);
    }
    await row.waitFor({ timeout: 10_000 });
    const text = singleLine(await row.innerText());
    this.log(`variables view: ${text}`);
    return text.replace(rowNamed(name), '').trim();
  }

  /** Right-clicks a Variables-view row and chooses `item` from its context menu. */
  async variableContextMenu(name, item) {
    await this.variableRow(name).click({ button: 'right' });
    const entry = this.page.locator('.context-view .monaco-menu .action-item', { hasText: item }).first();
    await entry.waitFor({ timeout: 10_000 });
    // VS Code's menus reliably act on keyboard selection; hovering focuses the item.
    await entry.hover();
    await this.page.keyboard.press('Enter');
    await entry.waitFor({ state: 'hidden', timeout: 5_000 });
  }

  async waitForVariableText(name, pattern, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const text = singleLine(await this.variableRow(name).innerText().catch(() => ''));
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`Variables view row ${name} shows "${text}", expected ${pattern}`);
      await this.page.waitForTimeout(200);
    }
  }

  // ---- Other editors ----

  /** Rows of the Disassembly view once it shows the current instruction. */
  async disassemblyRows() {
    const view = this.page.locator('.disassembly-view');
    await view.waitFor({ timeout: 15_000 });
    await view.locator('.monaco-list-row .codicon-debug-stackframe, .monaco-list-row.focused').first().waitFor({ timeout: 15_000 });
    return view.locator('.monaco-list-row').allInnerTexts();
  }

  /** The text lines of the editor whose URI starts with `scheme:`, once one matches `pattern`. */
  async waitForDocumentLine(scheme, pattern, timeout = 15_000) {
    const editor = this.page.locator(`.editor-instance .monaco-editor[data-uri^="${scheme}:"]`);
    await editor.waitFor({ timeout });
    const deadline = Date.now() + timeout;
    for (;;) {
      const lines = (await editor.locator('.view-line').allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' '));
      if (lines.some((line) => pattern.test(line))) return lines;
      if (Date.now() > deadline) throw new Error(`no line of the ${scheme} document matches ${pattern}: ${JSON.stringify(lines.slice(0, 4))}`);
      await this.page.waitForTimeout(200);
    }
  }

  async notifications() {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts().catch(() => []);
  }
}
