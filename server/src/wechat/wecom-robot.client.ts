// A department's 企业微信 group robot: a webhook that posts markdown into the department's group chat.
// It needs no token and no credit; its key is the secret. Limits: 20 messages a minute per robot
// (errcode 45009, worth retrying later) and 4096 bytes of markdown.
import { callWechatJson } from './wechat-api.client.js';

export const ROBOT_MARKDOWN_MAX_BYTES = 4096;

export class WecomRobotClient {
  constructor(private readonly options: { baseUrl: string; timeoutMs?: number }) {}

  async sendMarkdown(key: string, content: string): Promise<void> {
    await callWechatJson(this.options.baseUrl, this.options.timeoutMs ?? 5000, 'webhook/send', `/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
    });
  }
}
