// The DAP session that runs inside the extension host: the adapter's own session
// class (the same one dist/debugAdapter.js serves on stdio), wrapped so the Variables
// view follows the hexadecimal/decimal setting.

import type * as vscode from 'vscode';
import { Arm64GuestSession } from '../adapter/session';
import { FormattedDebugAdapter } from './valueFormat';

export function createInlineAdapter(): vscode.DebugAdapter {
  return new FormattedDebugAdapter(new Arm64GuestSession());
}
