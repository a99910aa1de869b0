// Account notices (ASVS 2.2.3): a password or 2FA change, or sessions ended, reaches the user
// through the reminder outbox as a reminder of kind 'account' with the one user in the inbox
// and, when the tenant sends e-mail, an e-mail delivery to that user. Never to group robots.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
alter table reminders drop constraint reminders_kind_check;
alter table reminders add constraint reminders_kind_check check (kind in ('calendar', 'finding', 'account'));
`).execute(db);
}
