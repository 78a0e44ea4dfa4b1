// SCTLR_EL1 fields that change how EL0 and EL1 code behaves (Arm ARM D17.2.118).

export const SCTLR_M = 1 << 0;
/** Alignment check for data accesses. */
export const SCTLR_A = 1 << 1;
/** EL0 may access DAIF. */
export const SCTLR_UMA = 1 << 9;
/** EL0 may use DC ZVA. */
export const SCTLR_DZE = 1 << 14;
/** EL0 may read CTR_EL0. */
export const SCTLR_UCT = 1 << 15;
/** WFI at EL0 is not trapped. */
export const SCTLR_nTWI = 1 << 16;
/** WFE at EL0 is not trapped. */
export const SCTLR_nTWE = 1 << 18;
/** EL0 may use cache maintenance by VA. */
export const SCTLR_UCI = 1 << 26;

/** The Cortex-A57's SCTLR_EL1 out of reset, as QEMU models it. */
export const SCTLR_EL1_RESET = 0x00c50838;
