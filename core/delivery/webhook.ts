// Group-robot webhooks: WeCom (企业微信) and DingTalk (钉钉) message formats, and generic JSON.
// Both robots answer HTTP 200 with `errcode` ≠ 0 when they refuse a message: that is a failure.
// Delivery is at least once (a crash between the send and its record re-sends it): every request
// carries the reminder's id as `Idempotency-Key` and `X-Chanjiao-Delivery-Id` for receivers to dedupe.
import { createHmac } from 'node:crypto';
import type { WebhookSetting } from '../reminders/schema.ts';
import { renderMessage, type ReminderMessage } from './message.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookBody(hook: WebhookSetting, m: ReminderMessage): unknown {
  const { subject, text } = renderMessage(m);
  switch (hook.kind) {
    case 'wecom':
      return { msgtype: 'text', text: { content: `${subject}\n${text}` } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: subject, text: `### ${subject}\n\n${text.split('\n').join('\n\n')}` } };
    case 'json':
      return {
        id: m.id,
        tenant: m.tenantSlug,
        plugin: m.pluginId,
        reminder: m.reminderId,
        title: m.title,
        clause: m.clause,
        period: m.period,
        dueOn: m.dueOn,
        subject: m.subject,
        link: m.link,
      };
  }
}

/** DingTalk 加签: HMAC-SHA256 of "timestamp\nsecret", base64, as query parameters. */
export function dingtalkSignedUrl(url: string, secret: string, now = Date.now()): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', sign);
  return u.toString();
}

export async function sendWebhook(hook: WebhookSetting, m: ReminderMessage, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<void> {
  const url = hook.kind === 'dingtalk' && hook.secret ? dingtalkSignedUrl(hook.url, hook.secret) : hook.url;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': m.id, 'x-chanjiao-delivery-id': m.id },
    body: JSON.stringify(webhookBody(hook, m)),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}: ${body.slice(0, 200)}`);
  if (hook.kind !== 'json') {
    let errcode: unknown = 0;
    try {
      errcode = (JSON.parse(body) as { errcode?: unknown }).errcode ?? 0;
    } catch {
      throw new Error(`${hook.kind} robot answered something that is not JSON: ${body.slice(0, 200)}`);
    }
    if (errcode !== 0) throw new Error(`${hook.kind} robot refused the message: ${body.slice(0, 200)}`);
  }
}
