// Entry of dist/debugAdapter.js: the debug adapter bundle, started through the code cache.

import * as path from 'path';
import { runCachedBundle } from './cachedBundle';

runCachedBundle(path.join(__dirname, 'bundle', 'debugAdapter.js'));
