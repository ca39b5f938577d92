// `node --import <this file>`: the process behaves as on a machine where `canvas` (Cairo) is
// not installed: importing `canvas` or `chartjs-node-canvas` fails as a missing module does.
import { register } from 'node:module';

register('./hide-canvas-hooks.mjs', import.meta.url);
