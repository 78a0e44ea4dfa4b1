// Environment variables for a debug adapter started as its own process (the extension's
// "process" placement, and the bench, which starts the adapter the same way).

export const ADAPTER_PROCESS_ENVIRONMENT: Readonly<Record<string, string>> = {
  // The extension host's executable is Electron in the desktop app; this makes it run as Node.
  ELECTRON_RUN_AS_NODE: '1',
  // Node parses this certificate bundle before running any JavaScript (~30 ms for a system
  // bundle, on every start); the adapter opens no TLS connection, so it never needs it.
  NODE_EXTRA_CA_CERTS: '',
};
