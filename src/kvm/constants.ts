// KVM's userspace ABI numbers for arm64 guest debugging, with the kernel's names
// (include/uapi/linux/kvm.h, arch/arm64/include/uapi/asm/kvm.h).

export const KVM_EXIT_UNKNOWN = 0;
export const KVM_EXIT_HYPERCALL = 3;
export const KVM_EXIT_DEBUG = 4;
export const KVM_EXIT_MMIO = 6;
export const KVM_EXIT_INTR = 10;
export const KVM_EXIT_INTERNAL_ERROR = 17;
export const KVM_EXIT_SYSTEM_EVENT = 24;

export const KVM_GUESTDBG_ENABLE = 0x1;
export const KVM_GUESTDBG_SINGLESTEP = 0x2;
export const KVM_GUESTDBG_USE_SW_BP = 0x10000;
export const KVM_GUESTDBG_USE_HW = 0x20000;
/** The control bits arm64 accepts; anything else is -EINVAL. */
export const KVM_GUESTDBG_VALID_MASK = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_USE_HW;

export const KVM_CAP_SET_GUEST_DEBUG = 23;
export const KVM_CAP_GUEST_DEBUG_HW_BPS = 119;
export const KVM_CAP_GUEST_DEBUG_HW_WPS = 120;
export const KVM_CAP_SET_GUEST_DEBUG2 = 195;

/** kvm_run.flags: kvm_debug_exit_arch.hsr_high is valid. */
export const KVM_DEBUG_ARCH_HSR_HIGH_VALID = 0x1;
export const KVM_ARM_MAX_DBG_REGS = 16;

export const KVM_SYSTEM_EVENT_SHUTDOWN = 1;
export const KVM_SYSTEM_EVENT_RESET = 2;

/** Hypercall number used for Arm semihosting (HLT #0xF000); see vcpu.ts for why it is a hypercall. */
export const KVM_HC_ARM_SEMIHOSTING = 0xf000;

export const EINVAL = 22;
export const ENOENT = 2;
