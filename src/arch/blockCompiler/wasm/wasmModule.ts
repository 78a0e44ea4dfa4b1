// WebAssembly modules in the binary format (WebAssembly 2.0 core specification, section 5.5):
// the blocks' and the dispatcher's, each importing guest memory (and the dispatcher the
// function table), with their functions exported as f0, f1, ...

import { Code, ValType, appendCode, uleb } from './wasmCode';

/** A module's bytes, appended in order (no intermediate arrays: blocks are built while the guest waits). */
class ModuleWriter {
  readonly bytes: number[] = [];

  byte(value: number): void {
    this.bytes.push(value);
  }

  all(values: readonly number[]): void {
    for (let i = 0; i < values.length; i++) this.bytes.push(values[i]);
  }

  u32(value: number): void {
    this.all(uleb(value));
  }

  /** A name: its length and its (ASCII) characters. */
  name(text: string): void {
    this.u32(text.length);
    for (let i = 0; i < text.length; i++) this.bytes.push(text.charCodeAt(i));
  }

  /** A section: id, size, contents written by `contents`. */
  section(id: number, contents: () => void): void {
    const start = this.bytes.length;
    contents();
    const body = this.bytes.splice(start);
    this.byte(id);
    this.u32(body.length);
    this.all(body);
  }
}

export interface FunctionType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface WasmFunction {
  /** Index of its type in the module's types. */
  readonly type?: number;
  /** Local types after the parameters, in index order. */
  readonly locals: readonly ValType[];
  /** The body, without the final `end`. */
  readonly body: Code;
}

export interface ModuleDescription {
  readonly types: readonly FunctionType[];
  /** Pages of the imported memory `env.memory` (its exact size: it never grows). */
  readonly memoryPages: number;
  /** Also imports a function table `env.table` (for call_indirect). */
  readonly table?: boolean;
  /** Exported as f0, f1, ... */
  readonly functions: readonly WasmFunction[];
}

/** Runs of equal types, as the code section declares locals: [count, type] pairs. */
function localDeclarations(locals: readonly ValType[]): [number, ValType][] {
  const runs: [number, ValType][] = [];
  for (let i = 0; i < locals.length;) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    runs.push([j - i, locals[i]]);
    i = j;
  }
  return runs;
}

export function moduleBytes(description: ModuleDescription): Uint8Array {
  const { types, memoryPages, functions } = description;
  const m = new ModuleWriter();
  m.all([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  m.section(1, () => {
    m.u32(types.length);
    for (const type of types) m.all([0x60, type.params.length, ...type.params, type.results.length, ...type.results]);
  });
  m.section(2, () => {
    m.u32(description.table === true ? 2 : 1);
    m.name('env');
    m.name('memory');
    m.all([0x02, 0x01]);
    m.u32(memoryPages);
    m.u32(memoryPages);
    if (description.table === true) {
      m.name('env');
      m.name('table');
      // funcref, no maximum, at least 0 elements.
      m.all([0x01, 0x70, 0x00, 0x00]);
    }
  });
  m.section(3, () => {
    m.u32(functions.length);
    for (const f of functions) m.u32(f.type ?? 0);
  });
  m.section(7, () => {
    m.u32(functions.length);
    functions.forEach((_, i) => {
      m.name(`f${i}`);
      m.byte(0x00);
      m.u32(i);
    });
  });
  m.section(10, () => {
    m.u32(functions.length);
    for (const f of functions) {
      const start = m.bytes.length;
      const runs = localDeclarations(f.locals);
      m.u32(runs.length);
      for (const [count, t] of runs) {
        m.u32(count);
        m.byte(t);
      }
      appendCode(m.bytes, f.body);
      m.byte(0x0b);
      const body = m.bytes.splice(start);
      m.u32(body.length);
      m.all(body);
    }
  });
  return new Uint8Array(m.bytes);
}
