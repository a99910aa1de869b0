// The inbox of every signed-in role: the reminders the workers delivered to the user, newest
// first, cursor-paged, unread only on request; mark one or all read. Reads and writes go through
// the JSON inbox API in-process, so paging, ownership and validation are the API's own.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { parseOrThrow } from '../../../core/http/validate.ts';
import { pageContext } from '../../page-context.ts';
import { Layout } from '../layout.tsx';
import { subjectPaths } from '../policy/finding-item.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';

const PAGE = 20;
const query = z.object({ unread: z.enum(['1']).optional(), cursor: z.string().max(500).optional() });

export interface InboxItem {
  id: string;
  title: Record<string, string> | string;
  clause: string;
  period: string;
  dueOn: string | null;
  subject: { type: string; id: string };
  createdAt: string;
  readAt: string | null;
}
interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
  unreadCount: number;
}

const textOf = (title: InboxItem['title'], lang: string) => (typeof title === 'string' ? title : (title[lang] ?? title['zh-CN'] ?? ''));
const day = (v: string | null) => (v ? String(v).slice(0, 10) : null);

/** A reminder's period as people say it: `2026` and `2026-1/1` are the year, `2026-1/2` its first half. */
function periodText(period: string, t: (key: 'inbox.periodYear' | 'inbox.periodPart', params: Record<string, string | number>) => string): string {
  const part = /^(\d{4})-(\d+)\/(\d+)$/.exec(period);
  if (part && part[3] !== '1') return t('inbox.periodPart', { year: part[1]!, part: part[2]!, parts: part[3]! });
  const year = /^(\d{4})(?:-1\/1)?$/.exec(period);
  return year ? t('inbox.periodYear', { year: year[1]! }) : period;
}

export function inboxPages(deps: AppDeps, api: ApiBridge) {
  const back = (c: Context<AppEnv>, extra = '') => {
    // Back to the list the user was on (its filter), never to another site.
    const from = c.req.header('referer');
    const base = `/t/${c.get('tenant').slug}/inbox`;
    let target = base;
    if (from) {
      const url = new URL(from);
      if (url.pathname === base) target = base + (url.searchParams.get('unread') === '1' ? '?unread=1' : '');
    }
    return target + (extra ? `${target.includes('?') ? '&' : '?'}${extra}` : '');
  };

  return new Hono<AppEnv>()
    .get('/inbox', requireUser('page'), async (c) => {
      const ctx = pageContext(c, deps.t);
      const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      const q = parseOrThrow(query, raw, ctx.lang, deps.t);
      const params = new URLSearchParams({ limit: String(PAGE), ...(q.unread ? { unread: '1' } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) });
      const { body } = await api<InboxPage>(c, 'GET', `/inbox?${params.toString()}`);
      const slug = c.get('tenant').slug;
      const base = `/t/${slug}/inbox`;
      const marked = c.req.query('marked');
      // Times in the region's own zone, as its people read a clock.
      const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: c.get('tenant').timezone, dateStyle: 'short', timeStyle: 'short' });
      const when = (iso: string) => clock.format(new Date(iso));
      return c.html(
        <Layout ctx={ctx} title={ctx.t('inbox.title')}>
          <section class="card">
            <div class="title-row">
              <h1>
                {ctx.t('inbox.title')} <span class="badge info">{ctx.t('inbox.unreadCount', { count: body.unreadCount })}</span>
              </h1>
              <div class="actions">
                <a class="button" href={q.unread ? base : `${base}?unread=1`}>
                  {ctx.t(q.unread ? 'inbox.showAll' : 'inbox.onlyUnread')}
                </a>
                {body.unreadCount > 0 ? (
                  <form method="post" action={`${base}/read-all`} class="inline">
                    <button type="submit" class="button">
                      {ctx.t('inbox.markAllRead')}
                    </button>
                  </form>
                ) : null}
              </div>
            </div>
            {marked !== undefined ? (
              <p class="success" role="status">
                {ctx.t('inbox.markedAll', { count: Number(marked) || 0 })}
              </p>
            ) : null}
          </section>
          <section class="card">
            {body.items.length === 0 ? (
              <p class="empty">{ctx.t(q.unread ? 'inbox.emptyUnread' : 'inbox.empty')}</p>
            ) : (
              <ul class="findings inbox">
                {body.items.map((item) => (
                  <InboxRow ctx={ctx} slug={slug} item={item} when={when} />
                ))}
              </ul>
            )}
            <nav class="pager" aria-label={ctx.t('inbox.title')}>
              {q.cursor ? <a href={q.unread ? `${base}?unread=1` : base}>{ctx.t('list.first')}</a> : null}
              {body.nextCursor ? (
                <a href={`${base}?${new URLSearchParams({ ...(q.unread ? { unread: '1' } : {}), cursor: body.nextCursor }).toString()}`} rel="next">
                  {ctx.t('list.next')}
                </a>
              ) : null}
            </nav>
          </section>
        </Layout>,
      );
    })
    .post('/inbox/read-all', requireUser('page'), async (c) => {
      const result = await attempt(c.get('tx'), () => api<{ marked: number }>(c, 'POST', '/inbox/read-all'));
      if (!result.ok) throw result.error;
      return c.redirect(back(c, `marked=${result.value.body.marked}`), 303);
    })
    .post('/inbox/:id{[0-9a-fA-F-]{36}}/read', requireUser('page'), async (c) => {
      const result = await attempt(c.get('tx'), () => api(c, 'POST', `/inbox/${c.req.param('id')}/read`));
      if (!result.ok) throw result.error;
      return c.redirect(back(c), 303);
    });
}

function InboxRow(props: { ctx: ReturnType<typeof pageContext>; slug: string; item: InboxItem; when: (iso: string) => string }) {
  const { ctx, item, slug } = props;
  const path = subjectPaths[item.subject.type];
  const isUuid = /^[0-9a-f-]{36}$/i.test(item.subject.id);
  const due = day(item.dueOn);
  return (
    <li class={`finding ${item.readAt ? 'read' : 'unread'}`} data-notification={item.id}>
      <p class="finding-head">
        <span class={`badge ${item.readAt ? 'ok' : 'warn'}`}>{ctx.t(item.readAt ? 'inbox.read' : 'inbox.unread')}</span>{' '}
        {item.readAt ? <span>{textOf(item.title, ctx.lang)}</span> : <strong>{textOf(item.title, ctx.lang)}</strong>}
      </p>
      <p class="muted small">
        {ctx.t('findings.clause', { clause: item.clause })} · {ctx.t('inbox.period', { period: periodText(item.period, ctx.t) })}
        {due ? ` · ${ctx.t('inbox.due', { date: due })}` : ''} · {ctx.t('inbox.received', { at: props.when(item.createdAt) })}
      </p>
      <div class="actions">
        {path && isUuid ? (
          <a class="button" href={`/t/${slug}/${path}/${item.subject.id}`}>
            {ctx.t('inbox.subject')}
          </a>
        ) : null}
        {item.readAt ? null : (
          <form method="post" action={`/t/${slug}/inbox/${item.id}/read`} class="inline">
            <button type="submit" class="button">
              {ctx.t('inbox.markRead')}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}
