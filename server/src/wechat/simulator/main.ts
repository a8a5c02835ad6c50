// The simulator on its own: `node server/dist/wechat/simulator/main.js` (WECHAT_SIMULATOR_PORT, default 3100).
import { startWechatSimulator } from './wechat-simulator.js';

const simulator = await startWechatSimulator({ port: Number(process.env.WECHAT_SIMULATOR_PORT ?? 3100) });
console.log(`WeChat simulator listening on ${simulator.baseUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
