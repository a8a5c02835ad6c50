// `npm run check:wechat`: checks what a mine's IT person set up on WeChat's side against the
// configuration the server reads (the same environment), through WeChat's read-only APIs, and prints
// what is missing and what to do (docs/wechat-go-live.md). Exit code: 0 all required items pass,
// 1 something required is missing or wrong, 2 no real WeChat configured (nothing to check).
import { checkWechat, formatReport } from './check-wechat-checks.js';

try {
  const report = await checkWechat(process.env);
  console.log(formatReport(report));
  process.exit(report.exitCode);
} catch (error) {
  console.error(`检查中断(这是本工具的问题,请把下面一行告诉开发者):${(error as Error).message}`);
  process.exit(1);
}
