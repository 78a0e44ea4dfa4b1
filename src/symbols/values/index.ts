// C-level values for a stopped AArch64 guest: the Locals, Arguments and Globals of each
// source frame, a tree of values for the Variables view, C expressions for the Watch
// view, hovers and the debug console, and assignments. Values print exactly as gdb
// prints them. No DAP or VS Code types: the adapter maps these onto DAP.
//
// ## Using it
//
// ```ts
// import { ProgramValues } from '../symbols/values';
//
// const values = new ProgramValues(program);        // once per loaded program (caches type/global indexes)
//
// // At a stop, for each machine frame of the call stack (top frame, then unwound callers):
// const frames = values.framesAt(
//   {
//     pc,                                             // top frame: the PC; callers: the return address
//     isCaller,                                       // true for callers: lookups use pc - 4 (the call)
//     cfa,                                            // optional: this frame's own CFA (not its callee's)
//     readRegister: (dwarfRegister) => bigint | undefined,   // X0-X30 0-30, SP 31, V0-V31 64-95
//     writeRegister: (dwarfRegister, value) => void,          // optional, throws when it cannot
//   },
//   {
//     readMemory: (address, length) => Uint8Array | undefined,
//     writeMemory: (address, bytes) => void,                  // optional, throws when it cannot
//     readNamedRegister: (name) => bigint | undefined,        // `$x0`, `$w3`, `$sp`, `$pc`, `$fp`, `$lr`... (lower case, no `$`)
//     writeNamedRegister: (name, value) => void,              // optional
//   },
// );
// // `$x19`, `$sp`, `$pc` in a caller frame come from its unwound registers (readRegister)
// // first; the top frame asks readNamedRegister first (it knows every register).
// // Registers that live in a caller frame are written with its writeRegister: give one
// // only where the unwinder knows where the register was saved.
// // frames: innermost first, one per inlined call at the PC, then the function itself
// // (ProgramSymbols.framesAt). Without debug information: one frame with no scopes
// // whose expressions still see globals and ELF symbols.
//
// const frame = frames[0];
// frame.name; frame.isInlined;
// frame.arguments(options);   // ValueNode[]: formal parameters
// frame.locals(options);      // ValueNode[]: locals of the blocks holding the PC, innermost block first,
//                             //   a name hidden by an inner block left out
// frame.globals(options);     // ValueNode[]: globals and file-statics of the frame's compile unit
//
// frame.evaluate('p->next->value', options);  // ValueNode named after the expression; throws EvaluationError
// frame.assign('arr[2]', '7', options);       // setExpression: writes, returns the new ValueNode
// node.setValue('5');                         // setVariable on any node of the tree
// ```
//
// `options` (FormatOptions): `hex` formats integers, characters, enums and booleans
// as gdb's print/x does; `printStyle` adds gdb's `(type) ` before pointers, as
// `print` does (the debug console); without it values look like `info locals`.
//
// A ValueNode carries `name`, `value` (`{x = 1, y = 2}`, `0x40001234 "hello"`, `BLUE`,
// `<optimized out>`), `type` (`struct point *`, gdb's spelling), `evaluateName` (an
// expression that yields the node again: `copy.where.x`, `list->next`, `values[2]`,
// `*cursor`), `memoryReference` (the object's address; a pointer's target),
// `dataAddress` ({address, size} for data breakpoints; absent for bit-fields and
// values not in memory), `hasChildren`, `indexedChildren` (array length, for paging),
// `assignable`, `children({ start, count })` (members, elements, or one level through
// a pointer: a struct's members as `p->m`, else `*p`) and `setValue(expression)`.
//
// Errors are EvaluationError with gdb's messages: `No symbol "foo" in current
// context.`, `There is no member named x.`, `Cannot access memory at address 0x8`,
// `value has been optimized out`, `Left operand of assignment is not an lvalue.`.
// Values that are gone are `<optimized out>`, never a guess; unreadable memory inside
// a value shows as `<error: Cannot access memory at address 0x...>`.
//
// The expression language: identifiers (frame variables, then globals of the frame's
// unit, other units, enumerators, functions, ELF symbols), integer/float/char/string
// literals with C types, `+ - * / % << >> & | ^ ~ ! && || == != < <= > >= ?: ,`, unary
// `*` and `&`, `[]`, `.` and `->`, casts to base types and the program's types
// (`(struct node *)p`, `(uint32_t)x`, `(int (*)[3])p`), `sizeof(type)` and `sizeof
// expr`, assignments `= += -= ...`, gdb's `array@count`, and `$registers`.
// Function calls and `++`/`--` are refused with a message.

export { ProgramValues } from './programValues';
export type { FrameState, GuestAccess } from './programValues';
export { FrameValues } from './frameValues';
export type { ValueNode } from './valueTree';
export type { FormatOptions } from './valueFormatter';
export { EvaluationError } from './evaluationError';
export { ExpressionSyntaxError } from './expressionLexer';
export { CValue } from './cValue';
