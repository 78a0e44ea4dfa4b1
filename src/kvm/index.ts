// The hypervisor model: KVM's arm64 userspace API over the emulator.
export * from './constants';
export * from './registerIds';
export { createVm, Vm, DEFAULT_MEMORY_MIB } from './vm';
export { Vcpu, KvmError, KVM_HYPERCALL_EXIT_SMC } from './vcpu';
export type { KvmRun } from './vcpu';
export type { GuestDebug, GuestDebugArch } from './guestDebug';
