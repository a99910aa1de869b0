// Reminder e-mail over SMTP (nodemailer), configured by SMTP_*; without SMTP_HOST there is no
// e-mail channel and reminders still reach the inbox. At least once: the Message-ID is derived
// from the reminder and recipient, and X-Chanjiao-Delivery-Id / Idempotency-Key carry the
// reminder's id, so a re-send after a crash is recognisably the same message.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.ts';
import { renderMessage, type ReminderMessage } from './message.ts';

export interface EmailChannel {
  send(to: string, m: ReminderMessage): Promise<void>;
  close(): void;
}

export type SmtpConfig = Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'>;

export function emailChannel(config: SmtpConfig): EmailChannel | null {
  if (!config.SMTP_HOST || !config.SMTP_FROM) return null;
  const transport: Transporter = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const domain = config.SMTP_FROM.split('@')[1] ?? 'chanjiao.invalid';
  return {
    async send(to, m) {
      const { subject, text } = renderMessage(m);
      await transport.sendMail({
        from: config.SMTP_FROM,
        to,
        subject,
        text,
        messageId: `<${m.id}.${Buffer.from(to).toString('hex').slice(0, 32)}@${domain}>`,
        headers: { 'X-Chanjiao-Delivery-Id': m.id, 'Idempotency-Key': m.id },
      });
    },
    close: () => transport.close(),
  };
}
