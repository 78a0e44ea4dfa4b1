// The part of the WebAssembly JavaScript API this project uses. Node provides the API, but
// its declarations come with TypeScript's DOM library, which a Node program does not load.

declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
  }
  class Table {
    constructor(descriptor: { element: 'anyfunc'; initial: number });
    readonly length: number;
    grow(delta: number): number;
    set(index: number, value: unknown): void;
  }
  class Module {
    constructor(bytes: Uint8Array);
  }
  /** Thrown for a module the engine cannot compile (such as 128-bit operations on a host without them). */
  class CompileError extends Error {}
  type ImportValue = Memory | Table | ((...args: number[]) => number | void);
  type Imports = Record<string, Record<string, ImportValue>>;
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
}
