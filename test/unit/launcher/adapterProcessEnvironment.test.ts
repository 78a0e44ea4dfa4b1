// The environment a separate debug adapter process starts with: Node must skip the extra
// certificate bundle a user's environment may name (it costs every start and the adapter
// makes no TLS connection). Node warns when it tries to load a bundle that is missing, so
// a missing one shows whether the load was attempted.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ADAPTER_PROCESS_ENVIRONMENT } from '../../../src/launcher/adapterProcessEnvironment';

const CERTIFICATE_WARNING = /extra certs/i;

function nodeStartWarnings(env: NodeJS.ProcessEnv): string {
  return spawnSync(process.execPath, ['-e', '0'], { encoding: 'utf8', env }).stderr;
}

describe('debug adapter process environment', () => {
  const userEnvironment = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/extra-ca.pem' };

  it('a plain Node start tries to load the certificate bundle the environment names', () => {
    assert.match(nodeStartWarnings(userEnvironment), CERTIFICATE_WARNING);
  });

  it('the adapter environment merged over it (as VS Code merges it) skips the bundle', () => {
    assert.doesNotMatch(nodeStartWarnings({ ...userEnvironment, ...ADAPTER_PROCESS_ENVIRONMENT }), CERTIFICATE_WARNING);
  });

  it('still runs an Electron executable as Node', () => {
    assert.strictEqual(ADAPTER_PROCESS_ENVIRONMENT.ELECTRON_RUN_AS_NODE, '1');
  });
});
