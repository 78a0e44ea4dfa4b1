// The Power State Coordination Interface calls a single-CPU guest can make
// (Arm DEN0022), answered as QEMU's virt board answers them.

export const PSCI_VERSION = 0x8400_0000;
export const PSCI_CPU_OFF = 0x8400_0002;
export const PSCI_SYSTEM_OFF = 0x8400_0008;
export const PSCI_SYSTEM_RESET = 0x8400_0009;
export const PSCI_FEATURES = 0x8400_000a;
const PSCI_CPU_SUSPEND_32 = 0x8400_0001;
const PSCI_CPU_SUSPEND_64 = 0xc400_0001;
const PSCI_CPU_ON_32 = 0x8400_0003;
const PSCI_CPU_ON_64 = 0xc400_0003;
const PSCI_AFFINITY_INFO_32 = 0x8400_0004;
const PSCI_AFFINITY_INFO_64 = 0xc400_0004;
const PSCI_MIGRATE_INFO_TYPE = 0x8400_0006;

/** PSCI 1.1 */
const VERSION_1_1 = 0x0001_0001n;
const NOT_SUPPORTED = BigInt.asUintN(64, -1n);
/** MIGRATE_INFO_TYPE: Trusted OS not present. */
const TOS_NOT_PRESENT = 2n;

/** The functions QEMU's PSCI_FEATURES reports as implemented. */
const SUPPORTED = new Set([
  PSCI_VERSION, PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF, PSCI_CPU_ON_32, PSCI_CPU_ON_64,
  PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64, PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES,
]);

export type PsciOutcome =
  | { kind: 'return'; x0: bigint }
  | { kind: 'system-off' }
  | { kind: 'system-reset' };

/** Handles an SMCCC call in W0 with arguments X1..X3. */
export function handlePsciCall(functionId: number, x1: bigint): PsciOutcome {
  switch (functionId >>> 0) {
    case PSCI_VERSION: return { kind: 'return', x0: VERSION_1_1 };
    case PSCI_SYSTEM_OFF: return { kind: 'system-off' };
    case PSCI_SYSTEM_RESET: return { kind: 'system-reset' };
    // The only CPU going off leaves nothing running: the same as powering off.
    case PSCI_CPU_OFF: return { kind: 'system-off' };
    case PSCI_MIGRATE_INFO_TYPE: return { kind: 'return', x0: TOS_NOT_PRESENT };
    case PSCI_FEATURES: return { kind: 'return', x0: SUPPORTED.has(Number(x1 & 0xffffffffn)) ? 0n : NOT_SUPPORTED };
    default:
      return { kind: 'return', x0: NOT_SUPPORTED };
  }
}
