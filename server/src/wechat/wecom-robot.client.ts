// A department's 企业微信 group robot: a webhook that posts markdown into the department's group chat.
// It needs no token and no credit; its key is the secret. Limits: 20 messages a minute per robot
// (errcode 45009, worth retrying later) and 4096 bytes of markdown.
import { callWechatJson } from './wechat-api.client.js';

export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
/** "每个机器人发送的消息不能超过20条/分钟" (https://developer.work.weixin.qq.com/document/path/91770). */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

export class WecomRobotClient {
  /** Per robot key, when its last messages went (this process's; see reserve). */
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly options: { baseUrl: string; timeoutMs?: number }) {}

  /**
   * Paces a robot under its 20 a minute: takes a place in the key's last minute and answers 0, or,
   * when the minute is full, answers how many milliseconds until a place frees (nothing taken). Kept in
   * memory: with several instances each paces its own sends, and WeChat's 45009 is still retried.
   */
  reserve(key: string, now: number): number {
    const recent = (this.sent.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= ROBOT_MESSAGES_PER_MINUTE) {
      this.sent.set(key, recent);
      return recent[0] + 60_000 - now;
    }
    recent.push(now);
    this.sent.set(key, recent);
    return 0;
  }

  async sendMarkdown(key: string, content: string): Promise<void> {
    await callWechatJson(this.options.baseUrl, this.options.timeoutMs ?? 5000, 'webhook/send', `/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
    });
  }
}
