// A read-only text document showing guest memory as a hex dump, for "View Memory
// at Address…" when VS Code's binary view (the hex editor extension) is not
// installed. It re-reads memory whenever the guest stops or the adapter reports a
// memory change, so it follows the program like a watch.

import * as vscode from 'vscode';
import { errorMessage } from './errorMessage';
import { formatHexDump } from './hexDump';

export const MEMORY_DUMP_SCHEME = 'arm64-guest-memory';
export const DEFAULT_DUMP_BYTES = 256;

interface ReadMemoryReply {
  address: string;
  unreadableBytes?: number;
  data?: string;
}

export interface MemoryDumpTarget {
  sessionId: string;
  memoryReference: string;
  /** What the user typed, for the tab title. */
  label: string;
  count?: number;
}

export function memoryDumpUri(target: MemoryDumpTarget): vscode.Uri {
  const query = new URLSearchParams({
    session: target.sessionId,
    reference: target.memoryReference,
    count: String(target.count ?? DEFAULT_DUMP_BYTES),
  });
  const title = target.label.replace(/[\\/]/g, '_');
  return vscode.Uri.from({ scheme: MEMORY_DUMP_SCHEME, path: `/${title} (${target.memoryReference}).hexdump`, query: query.toString() });
}

export class MemoryDumpProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly findSession: (id: string) => vscode.DebugSession | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const sessionId = query.get('session') ?? '';
    const memoryReference = query.get('reference') ?? '';
    const count = Number(query.get('count') ?? DEFAULT_DUMP_BYTES);
    const session = this.findSession(sessionId);
    const heading = `Guest memory at ${memoryReference} (${count} bytes)\nRead-only; read again at every stop.`;
    if (!session) return `${heading}\n\nThe debug session has ended.\n`;
    try {
      const reply = (await session.customRequest('readMemory', { memoryReference, offset: 0, count })) as ReadMemoryReply;
      const bytes = reply.data ? new Uint8Array(Buffer.from(reply.data, 'base64')) : new Uint8Array(0);
      return `${heading}\n\n${formatHexDump(BigInt(reply.address), bytes, Math.max(count, bytes.length))}`;
    } catch (error) {
      return `${heading}\n\nCannot read memory: ${errorMessage(error)}\n`;
    }
  }

  /** Re-reads every open dump of the session (after a stop or a `memory` event). */
  refreshSession(sessionId: string): void {
    for (const document of vscode.workspace.textDocuments) {
      const uri = document.uri;
      if (uri.scheme === MEMORY_DUMP_SCHEME && new URLSearchParams(uri.query).get('session') === sessionId) this.changed.fire(uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Watches the adapter's events to know when memory may have changed. */
export function memoryRefreshTracker(provider: MemoryDumpProvider): vscode.DebugAdapterTrackerFactory {
  return {
    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
      return {
        onDidSendMessage(message: { type?: string; event?: string }) {
          if (message.type !== 'event') return;
          if (message.event === 'stopped' || message.event === 'memory' || message.event === 'terminated') {
            provider.refreshSession(session.id);
          }
        },
      };
    },
  };
}
