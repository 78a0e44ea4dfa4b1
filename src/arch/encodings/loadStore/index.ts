// The "Loads and Stores" encoding groups of the Arm ARM (C4.1.4), one file per group.

import type { Encoding } from '../../decoder';
import { ADVANCED_SIMD_LOAD_STORE_MULTIPLE_STRUCTURES } from './advancedSimdLoadStoreMultipleStructures';
import { ADVANCED_SIMD_LOAD_STORE_SINGLE_STRUCTURE } from './advancedSimdLoadStoreSingleStructure';
import { ATOMIC_MEMORY_OPERATIONS } from './atomicMemoryOperations';
import { COMPARE_AND_SWAP } from './compareAndSwap';
import { LOAD_REGISTER_LITERAL } from './loadRegisterLiteral';
import { LOAD_STORE_EXCLUSIVE } from './loadStoreExclusive';
import { LOAD_STORE_NO_ALLOCATE_PAIR_OFFSET } from './loadStoreNoAllocatePairOffset';
import { LOAD_STORE_ORDERED } from './loadStoreOrdered';
import { LOAD_STORE_RCPC_UNSCALED_IMMEDIATE } from './loadStoreRcpcUnscaledImmediate';
import { LOAD_STORE_REGISTER_IMMEDIATE_POST_INDEXED } from './loadStoreRegisterImmediatePostIndexed';
import { LOAD_STORE_REGISTER_IMMEDIATE_PRE_INDEXED } from './loadStoreRegisterImmediatePreIndexed';
import { LOAD_STORE_REGISTER_PAIR_OFFSET } from './loadStoreRegisterPairOffset';
import { LOAD_STORE_REGISTER_PAIR_POST_INDEXED } from './loadStoreRegisterPairPostIndexed';
import { LOAD_STORE_REGISTER_PAIR_PRE_INDEXED } from './loadStoreRegisterPairPreIndexed';
import { LOAD_STORE_REGISTER_REGISTER_OFFSET } from './loadStoreRegisterRegisterOffset';
import { LOAD_STORE_REGISTER_UNPRIVILEGED } from './loadStoreRegisterUnprivileged';
import { LOAD_STORE_REGISTER_UNSCALED_IMMEDIATE } from './loadStoreRegisterUnscaledImmediate';
import { LOAD_STORE_REGISTER_UNSIGNED_IMMEDIATE } from './loadStoreRegisterUnsignedImmediate';

export const LOAD_STORE_ENCODINGS: readonly Encoding[] = [
  ...COMPARE_AND_SWAP,
  ...ADVANCED_SIMD_LOAD_STORE_MULTIPLE_STRUCTURES,
  ...ADVANCED_SIMD_LOAD_STORE_SINGLE_STRUCTURE,
  ...LOAD_STORE_EXCLUSIVE,
  ...LOAD_STORE_ORDERED,
  ...LOAD_STORE_RCPC_UNSCALED_IMMEDIATE,
  ...LOAD_REGISTER_LITERAL,
  ...LOAD_STORE_NO_ALLOCATE_PAIR_OFFSET,
  ...LOAD_STORE_REGISTER_PAIR_POST_INDEXED,
  ...LOAD_STORE_REGISTER_PAIR_OFFSET,
  ...LOAD_STORE_REGISTER_PAIR_PRE_INDEXED,
  ...LOAD_STORE_REGISTER_UNSCALED_IMMEDIATE,
  ...LOAD_STORE_REGISTER_IMMEDIATE_POST_INDEXED,
  ...LOAD_STORE_REGISTER_UNPRIVILEGED,
  ...LOAD_STORE_REGISTER_IMMEDIATE_PRE_INDEXED,
  ...ATOMIC_MEMORY_OPERATIONS,
  ...LOAD_STORE_REGISTER_REGISTER_OFFSET,
  ...LOAD_STORE_REGISTER_UNSIGNED_IMMEDIATE,
];
