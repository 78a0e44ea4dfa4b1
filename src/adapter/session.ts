// The DAP session: translates requests into calls on the debugger (src/debugger) and
// its stops into DAP events. It holds no debug policy of its own; presentation lives
// in registerView/variablesView, the console language in console/, breakpoint
// translation in breakpointRequests (data breakpoint targets in dataBreakpointTarget),
// memory and disassembly in memoryRequests, guest output in guestOutputLines.

import {
  ExitedEvent, InitializedEvent, InvalidatedEvent, Logger, LoggingDebugSession, MemoryEvent, OutputEvent,
  Source, StackFrame, StoppedEvent, TerminatedEvent, Thread, logger,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as fs from 'fs';
import * as path from 'path';
import { ecName, esrEc } from '../arch/esr';
import { Debugger, StopEvent } from '../debugger/debugger';
import { GuestMachine } from '../vmm/guestMachine';
import { BreakpointRequests, DataTarget, hexAddress } from './breakpointRequests';
import { ConsoleCommands, ConsoleResult } from './console/commands';
import { typeName } from './console/cTypes';
import { ExpressionError } from './console/tokens';
import { splitFormatSuffix } from './console/valueFormat';
import { SessionConsoleContext } from './consoleContext';
import { dataTargetFor } from './dataBreakpointTarget';
import { GuestOutputLines } from './guestOutputLines';
import { LaunchConfiguration, LaunchConfigurationError, parseLaunchConfiguration } from './launchConfig';
import { MemoryRequestError, disassembleRequest, readMemory, writeMemory } from './memoryRequests';
import { ProgramInfo } from './programInfo';
import { SourceFrame, sourceFramesOf } from './sourceFrames';
import { VariablesView } from './variablesView';

const THREAD_ID = 1;
const GUEST_BRK_FILTER = 'guestBrk';
const TAKEN_FILTER = 'guestExceptions';
const CALLS_FILTER = 'guestCalls';
const UNHANDLED_FILTER = 'unhandledExceptions';
/** How long launch waits for configurationDone before starting anyway. */
const CONFIGURATION_TIMEOUT_MS = 10_000;
/** Error messages are cut here: a hostile expression must not come back as a megabyte of text. */
const MAX_ERROR_MESSAGE = 500;
/** Symbol and DWARF warnings shown in the debug console, at most (the rest would drown the output). */
const MAX_LOAD_WARNINGS = 5;

/** Everything that exists once a program is loaded. */
interface Loaded {
  config: LaunchConfiguration;
  program: ProgramInfo;
  machine: GuestMachine;
  debugger: Debugger;
  breakpoints: BreakpointRequests;
  variables: VariablesView;
  console: ConsoleCommands;
  context: SessionConsoleContext;
}

export class Arm64GuestSession extends LoggingDebugSession {
  private loaded: Loaded | undefined;
  private configurationDone!: () => void;
  private readonly configured = new Promise<void>(resolve => { this.configurationDone = resolve; });
  private frames: SourceFrame[] | undefined;
  private loadWarningsReported = 0;
  private guestBrkFilter = false;
  private readonly guestOutput = new GuestOutputLines((text, category) => this.sendEvent(new OutputEvent(text, category)));
  /** Set by disconnect: the guest is released and nothing may bring it back (not even restart). */
  private disconnected = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private fail(response: DebugProtocol.Response, message: string): void {
    response.success = false;
    response.message = message;
    this.sendResponse(response);
  }

  /** Runs a handler; any error becomes a failed response with its message (never a crash). */
  private async guard(response: DebugProtocol.Response, handler: () => void | Promise<void>): Promise<void> {
    try {
      await handler();
    } catch (e) {
      const message = e instanceof ExpressionError || e instanceof MemoryRequestError || e instanceof LaunchConfigurationError
        ? e.message : `${(e as Error).message ?? e}`;
      this.fail(response, message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}…` : message);
    }
  }

  /** The loaded program, or a clear error. */
  private session(): Loaded {
    if (this.disconnected) throw new Error('the session is disconnected');
    if (!this.loaded) throw new Error('no program is loaded yet: send "launch" first');
    return this.loaded;
  }

  /** The session while the guest is stopped, or a clear error. */
  private stopped(): Loaded {
    const s = this.session();
    if (s.debugger.state === 'running') throw new Error('the guest is running: pause it first');
    if (s.debugger.state === 'ended') throw new Error('the guest has ended');
    return s;
  }

  /** The adapter shows one thread (the vCPU); any other id is a client error. */
  private checkThread(threadId: number | undefined): void {
    if (threadId !== THREAD_ID) throw new Error(`no thread ${threadId} (the only thread is ${THREAD_ID}, the vCPU)`);
  }

  private sourceOf(dwarfPath: string): DebugProtocol.Source | undefined {
    const local = this.loaded?.program.localPath(dwarfPath);
    return local ? new Source(path.basename(local), local) : undefined;
  }

  // ---- Initialization and launch -----------------------------------------------------------------

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsDisassembleRequest: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportsExceptionInfoRequest: true,
      supportsDataBreakpoints: true,
      supportsDataBreakpointBytes: true,
      supportsValueFormattingOptions: true,
      supportsClipboardContext: true,
      exceptionBreakpointFilters: [
        { filter: GUEST_BRK_FILTER, label: 'Guest BRK instructions', description: 'Stop on BRK instructions the program executes itself (not the debugger\'s breakpoints)', default: false },
        { filter: TAKEN_FILTER, label: 'Exceptions taken by the guest', description: 'Stop at the guest\'s own vector when it takes a synchronous exception (undefined instruction, aborts, alignment...)', default: false },
        { filter: CALLS_FILTER, label: 'SVC/HVC/SMC calls', description: 'Stop at the guest\'s vector when it takes a supervisor, hypervisor or secure monitor call', default: false },
        { filter: UNHANDLED_FILTER, label: 'Unhandled exceptions', description: 'Stop at the instruction that raised an exception whose vector has nothing behind it (e.g. VBAR_EL1 = 0). Uses hardware breakpoints, which slow the emulator down', default: false },
      ],
      breakpointModes: [
        { mode: 'software', label: 'Software', description: 'A BRK #0 patched into guest memory', appliesTo: ['source', 'function', 'instruction'] },
        { mode: 'hardware', label: 'Hardware', description: 'A DBGBCR/DBGBVR slot (code stays unpatched)', appliesTo: ['source', 'function', 'instruction'] },
      ],
    };
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configurationDone();
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): Promise<void> {
    await this.guard(response, async () => {
      if (this.loaded) throw new Error('a program is already loaded in this session');
      const config = parseLaunchConfiguration(args);
      if (config.trace) logger.setup(Logger.LogLevel.Verbose, false);
      this.loaded = this.load(config);
      // Only what loading found: the line table and call frames are read on first use, after the first stop.
      this.reportLoadWarnings(this.loaded.program.warningsSoFar);
      this.sendEvent(new InitializedEvent());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.configured, new Promise(resolve => { timer = setTimeout(resolve, CONFIGURATION_TIMEOUT_MS); })]);
      clearTimeout(timer);
      this.sendResponse(response);
      await this.loaded.debugger.start(this.startOptions());
    });
  }

  private load(config: LaunchConfiguration): Loaded {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(config.program);
    } catch (e) {
      throw new Error(`cannot read the program ${config.program}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const program = new ProgramInfo(bytes, {
      programPath: config.program, sourceMap: config.sourceMap, baseFolders: [config.cwd, path.dirname(config.program)],
    });
    const machine = new GuestMachine(bytes, {
      memoryMiB: config.memoryMiB, args: config.args, hostFolder: config.hostFolder, programPath: config.program,
      output: (data, stream) => this.guestOutput.write(data, stream),
    });
    const dbg = new Debugger(machine, { symbols: program, unwinder: program.unwinder, breakOnGuestBrk: config.breakOnGuestBrk });
    let breakpoints: BreakpointRequests | undefined;
    const context = new SessionConsoleContext(() => dbg, program, () => breakpoints?.summary() ?? []);
    breakpoints = new BreakpointRequests(() => dbg, program, context, l => this.convertDebuggerLineToClient(l), l => this.convertClientLineToDebugger(l));
    const loaded: Loaded = {
      config, program, machine, debugger: dbg, breakpoints, context,
      variables: new VariablesView(() => dbg, context),
      console: new ConsoleCommands(context),
    };
    dbg.on('stopped', (stop: StopEvent) => this.onStopped(stop));
    dbg.on('exited', (status: number | undefined, message?: string) => this.onExited(status, message));
    dbg.on('log', (text: string) => this.sendEvent(new OutputEvent(`${text}\n`, 'console')));
    return loaded;
  }

  private startOptions(): { stopOnEntry?: boolean; runToAddress?: number } {
    const { config, program } = this.session();
    if (!config.runToEntryPoint) return { stopOnEntry: config.stopOnEntry };
    const fn = program.functionByName(config.runToEntryPoint);
    if (!fn) {
      this.sendEvent(new OutputEvent(`runToEntryPoint: the program has no function "${config.runToEntryPoint}"; stopping at the entry point instead\n`, 'important'));
      return { stopOnEntry: true };
    }
    return { stopOnEntry: config.stopOnEntry, runToAddress: program.afterPrologue(fn.start) };
  }

  private onStopped(stop: StopEvent): void {
    this.guestOutput.flush();
    this.frames = undefined;
    if (this.loaded) this.loaded.context.frame = undefined;
    this.loaded?.variables.reset();
    const event = new StoppedEvent(stop.reason, THREAD_ID) as DebugProtocol.StoppedEvent;
    event.body.description = stop.description;
    event.body.text = stop.text;
    event.body.allThreadsStopped = true;
    if (stop.hitBreakpointIds.length > 0) event.body.hitBreakpointIds = stop.hitBreakpointIds;
    this.sendEvent(event);
    if (this.loaded) this.reportLoadWarnings(this.loaded.program.warnings);
  }

  /** The first few symbol and DWARF warnings, each once (the list only grows). */
  private reportLoadWarnings(warnings: readonly string[]): void {
    for (const warning of warnings.slice(this.loadWarningsReported, MAX_LOAD_WARNINGS)) this.sendEvent(new OutputEvent(`warning: ${warning}\n`, 'console'));
    this.loadWarningsReported = Math.max(this.loadWarningsReported, Math.min(warnings.length, MAX_LOAD_WARNINGS));
  }

  private onExited(status: number | undefined, message?: string): void {
    this.guestOutput.flush(true);
    if (this.loaded) this.reportLoadWarnings(this.loaded.program.warnings);
    if (message) this.sendEvent(new OutputEvent(`The guest cannot continue: ${message}\n`, 'important'));
    if (status !== undefined) this.sendEvent(new ExitedEvent(status));
    this.sendEvent(new TerminatedEvent());
  }

  // ---- Breakpoints -------------------------------------------------------------------------------

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.session().breakpoints.setSourceBreakpoints(args) };
      this.sendResponse(response);
    });
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.session().breakpoints.setFunctionBreakpoints(args) };
      this.sendResponse(response);
    });
  }

  protected override setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.session().breakpoints.setInstructionBreakpoints(args) };
      this.sendResponse(response);
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.guard(response, () => {
      this.guestBrkFilter = args.filters.includes(GUEST_BRK_FILTER);
      if (this.loaded) {
        const dbg = this.loaded.debugger;
        dbg.breakOnGuestBrk = this.loaded.config.breakOnGuestBrk || this.guestBrkFilter;
        dbg.setExceptionCatch({
          taken: args.filters.includes(TAKEN_FILTER),
          calls: args.filters.includes(CALLS_FILTER),
          unhandled: args.filters.includes(UNHANDLED_FILTER),
        });
      }
      response.body = { breakpoints: args.filters.map(() => ({ verified: true })) };
      this.sendResponse(response);
    });
  }

  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    this.guard(response, () => {
      const target = dataTargetFor(this.session(), args);
      response.body = typeof target === 'string'
        ? { dataId: null, description: target }
        : {
          dataId: `${hexAddress(target.address)}:${target.length}`, description: target.description,
          accessTypes: ['read', 'write', 'readWrite'], canPersist: false,
        };
      this.sendResponse(response);
    });
  }

  protected override setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    this.guard(response, () => {
      const resolve = (dataId: string): DataTarget | undefined => {
        const m = /^(0x[0-9a-f]+):(\d+)$/i.exec(dataId);
        return m ? { address: BigInt(m[1]), length: Number(m[2]), description: `${m[2]} bytes at ${m[1]}` } : undefined;
      };
      response.body = { breakpoints: this.session().breakpoints.setDataBreakpoints(args, resolve) };
      this.sendResponse(response);
    });
  }

  // ---- Execution control -------------------------------------------------------------------------

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD_ID, 'vCPU 0')] };
    this.sendResponse(response);
  }

  /** Answers, then runs: the stop arrives later as an event. */
  private resume(response: DebugProtocol.Response, threadId: number | undefined, run: (dbg: Debugger) => Promise<void>): void {
    this.guard(response, () => {
      if (threadId !== undefined) this.checkThread(threadId);
      const s = this.stopped();
      this.frames = undefined;
      s.variables.reset();
      s.context.frame = undefined; // breakpoint conditions look at the frame they stop in
      this.sendResponse(response);
      void run(s.debugger);
    });
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse, args: DebugProtocol.ContinueArguments): void {
    response.body = { allThreadsContinued: true };
    this.resume(response, args.threadId, dbg => dbg.continue());
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.resume(response, args.threadId, dbg => (args.granularity === 'instruction' ? dbg.stepInstructionOver() : dbg.stepLineOver()));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.resume(response, args.threadId, dbg => (args.granularity === 'instruction' ? dbg.stepInstruction() : dbg.stepLineIn()));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.resume(response, args.threadId, dbg => dbg.stepOut());
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse, args: DebugProtocol.PauseArguments): void {
    this.guard(response, () => {
      this.checkThread(args.threadId);
      this.session().debugger.pause();
      this.sendResponse(response);
    });
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse): void {
    this.guard(response, () => {
      const s = this.session();
      this.frames = undefined;
      s.variables.reset();
      this.guestOutput.flush(true);
      this.sendResponse(response);
      void s.debugger.restart(this.startOptions());
    });
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.guard(response, () => {
      const s = this.session();
      const wasLive = s.debugger.state !== 'ended';
      s.debugger.end();
      this.sendResponse(response);
      if (wasLive) this.sendEvent(new TerminatedEvent());
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    try {
      this.release();
    } finally {
      this.sendResponse(response);
    }
  }

  /**
   * Ends the guest and lets go of everything the session holds: on disconnect, and when
   * a client's connection closes without one (a running guest would otherwise spin on).
   */
  release(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    this.guestOutput.cancelTimer();
    this.configurationDone(); // a launch still waiting for configurationDone gives up now
    this.loaded?.debugger.end();
    this.loaded?.machine.dispose();
  }

  // ---- State -------------------------------------------------------------------------------------

  /** The source-level frames of this stop (inlined calls expanded), computed once per stop. */
  private callFrames(): SourceFrame[] {
    if (!this.frames) {
      const s = this.stopped();
      this.frames = sourceFramesOf(s.debugger.callStack(), s.program, s.debugger);
    }
    return this.frames;
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.guard(response, () => {
      this.checkThread(args.threadId);
      const frames = this.callFrames();
      const start = args.startFrame ?? 0;
      const end = args.levels ? Math.min(frames.length, start + args.levels) : frames.length;
      const stackFrames: DebugProtocol.StackFrame[] = [];
      for (let i = start; i < end; i++) {
        const { frame: machineFrame, name, dwarfPath, line, inlined } = frames[i];
        const source = dwarfPath && line ? this.sourceOf(dwarfPath) : undefined;
        const frame: DebugProtocol.StackFrame = new StackFrame(i + 1, inlined ? `${name} [inlined]` : name, source as Source | undefined, source ? this.convertDebuggerLineToClient(line!) : 0, source ? 1 : 0);
        frame.instructionPointerReference = hexAddress(machineFrame.registers.pc);
        if (!source) frame.presentationHint = 'subtle';
        stackFrames.push(frame);
      }
      response.body = { stackFrames, totalFrames: frames.length };
      this.sendResponse(response);
    });
  }

  /** The frame a client's frameId names (ids are 1-based positions in this stop's stack trace). */
  private frameOf(frameId: number): SourceFrame {
    const frame = Number.isInteger(frameId) ? this.callFrames()[frameId - 1] : undefined;
    if (!frame) throw new Error(`no frame ${frameId}`);
    return frame;
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.guard(response, () => {
      const s = this.stopped();
      response.body = { scopes: s.variables.scopes(this.frameOf(args.frameId)) };
      this.sendResponse(response);
    });
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.guard(response, () => {
      const s = this.stopped();
      response.body = { variables: s.variables.variables(args.variablesReference, args.format?.hex) };
      this.sendResponse(response);
    });
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.guard(response, () => {
      const s = this.stopped();
      const result = s.variables.setVariable(args.variablesReference, args.name, args.value, args.format?.hex);
      response.body = { value: result.value };
      this.sendResponse(response);
      this.frames = undefined;
      if (result.memory) this.sendEvent(new MemoryEvent(hexAddress(result.memory.address), 0, result.memory.length));
      this.sendEvent(new InvalidatedEvent(result.changedPcOrSp ? ['stacks', 'variables'] : ['variables'], THREAD_ID));
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.guard(response, () => {
      const s = this.stopped();
      // C names resolve in the frame the client selected.
      s.context.frame = args.frameId !== undefined ? this.frameOf(args.frameId) : undefined;
      if (args.context === 'repl') {
        const result = s.console.execute(args.expression);
        response.body = { result: result.output, variablesReference: 0 };
        this.describeResult(response.body, result);
        this.sendResponse(response);
        this.announceWrites(result.memoryWritten, result.registersWritten);
        return;
      }
      const { expression, format } = splitFormatSuffix(args.expression);
      const result = s.console.evaluate(expression, format ?? (args.format?.hex ? 'x' : undefined));
      response.body = { result: result.output, variablesReference: 0 };
      this.describeResult(response.body, result);
      this.sendResponse(response);
    });
  }

  /** Type, memory reference and (for structs, arrays and pointers) children of an evaluate result. */
  private describeResult(body: DebugProtocol.EvaluateResponse['body'], result: ConsoleResult): void {
    const { node, value } = result;
    if (node) {
      body.type = node.type;
      if (node.memoryReference !== undefined) body.memoryReference = hexAddress(node.memoryReference);
      body.variablesReference = this.session().variables.expandable(node);
    } else if (value) {
      body.type = typeName(value.type);
      if (value.hexByDefault || value.type.kind === 'pointer') body.memoryReference = hexAddress(BigInt.asUintN(64, value.value));
    }
  }

  private announceWrites(memory: { address: bigint; length: number } | undefined, registers: boolean | undefined): void {
    if (memory) this.sendEvent(new MemoryEvent(hexAddress(memory.address), 0, memory.length));
    if (memory || registers) {
      this.frames = undefined;
      this.sendEvent(new InvalidatedEvent(['variables', 'stacks'], THREAD_ID));
    }
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse, args: DebugProtocol.ExceptionInfoArguments): void {
    this.guard(response, () => {
      this.checkThread(args.threadId);
      const stop = this.stopped().debugger.lastStop;
      if (!stop) throw new Error('the guest is not stopped');
      const ec = stop.exit ? esrEc(stop.exit.hsr) : undefined;
      // For exceptions the guest took, the syndrome is its own ESR_EL1.
      response.body = {
        exceptionId: ec !== undefined ? ecName(ec) : stop.reason,
        description: stop.text,
        breakMode: 'always',
        details: { message: stop.text, typeName: ec !== undefined ? `EC 0x${ec.toString(16)} ${ecName(ec)}` : stop.description },
      };
      this.sendResponse(response);
    });
  }

  // ---- Memory and disassembly ----------------------------------------------------------------------

  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    this.guard(response, () => {
      response.body = readMemory(this.stopped().debugger, args);
      this.sendResponse(response);
    });
  }

  protected override writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    this.guard(response, () => {
      const result = writeMemory(this.stopped().debugger, args);
      response.body = { bytesWritten: result.bytesWritten };
      this.sendResponse(response);
      this.announceWrites({ address: result.address, length: result.bytesWritten }, false);
    });
  }

  protected override disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    this.guard(response, () => {
      const s = this.stopped();
      response.body = {
        instructions: disassembleRequest(s.debugger, s.program, args, l => this.convertDebuggerLineToClient(l), p => this.sourceOf(p)),
      };
      this.sendResponse(response);
    });
  }
}
