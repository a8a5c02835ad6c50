// Server start to ready (answering /api/health), on the embedded default: SQLite, the simulator.
import { ms, record, startServer } from './lib.mjs';

const runs = [];
for (let i = 0; i < 5; i++) {
  // The first start migrates and seeds a fresh database; later ones find it ready (a restart).
  const server = await startServer({ DEMO_SEED: 'false' });
  runs.push(ms(server.readyMs));
  await server.stop();
}
record('start', { readyMs: runs, medianMs: [...runs].sort((a, b) => a - b)[2] });
