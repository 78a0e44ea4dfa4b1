// Entry of dist/cli.js: the command line bundle, started through the code cache.

import * as path from 'path';
import { runCachedBundle } from './cachedBundle';

runCachedBundle(path.join(__dirname, 'bundle', 'cli.js'));
