// The work navigation under the top bar: what each role does daily, in the order they do it.
import type { Role } from '../../../core/users/schema.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { PageContext } from '../layout.tsx';

type Item = [path: string, label: MessageKey];

const school: Item[] = [
  ['', 'nav.dashboard'],
  ['/organizations?kind=enterprise', 'res.enterprises'],
  ['/majors', 'res.majors'],
  ['/major-clusters', 'res.major-clusters'],
  ['/agreements', 'res.agreements'],
  ['/order-classes', 'res.order-classes'],
  ['/students', 'res.students'],
  ['/internships', 'res.internships'],
  ['/teachers', 'res.teachers'],
  ['/bases', 'res.bases'],
  ['/trainings', 'res.trainings'],
  ['/events', 'res.events'],
  ['/demand', 'nav.demandBoard'],
  ['/findings', 'nav.findings'],
  ['/imports', 'nav.imports'],
  ['/inbox', 'nav.inbox'],
  ['/calculators', 'nav.calculators'],
];

const navByRole: Partial<Record<Role, Item[]>> = {
  platform_operator: [
    ['', 'nav.tenants'],
    ['/tenants/new', 'nav.onboard'],
  ],
  bureau_admin: [
    ['', 'nav.dashboard'],
    ['/findings', 'nav.findings'],
    ['/tasks', 'nav.tasks'],
    ['/organizations', 'res.organizations'],
    ['/industry-chains', 'res.industry-chains'],
    ['/agreements', 'res.agreements'],
    ['/internships', 'res.internships'],
    ['/teachers', 'res.teachers'],
    ['/events', 'res.events'],
    ['/funding-records', 'res.funding-records'],
    ['/demand', 'nav.demandBoard'],
    ['/imports', 'nav.imports'],
    ['/reports', 'nav.reports'],
    ['/inbox', 'nav.inbox'],
    ['/calculators', 'nav.calculators'],
    ['/settings', 'nav.settings'],
  ],
  evaluator: [
    ['', 'nav.dashboard'],
    ['/findings', 'nav.findings'],
    ['/internships', 'res.internships'],
    ['/reports', 'nav.reports'],
    ['/inbox', 'nav.inbox'],
    ['/calculators', 'nav.calculators'],
    ['/settings', 'nav.settings'],
  ],
  school_admin: school,
  teacher: [
    ['', 'nav.dashboard'],
    ['/internships', 'res.internships'],
    ['/teachers', 'res.teachers'],
    ['/findings', 'nav.findings'],
    ['/inbox', 'nav.inbox'],
  ],
  enterprise_mentor: [
    ['', 'nav.myInterns'],
    ['/talent-demand-posts', 'res.talent-demand-posts'],
    ['/inbox', 'nav.inbox'],
  ],
  department_officer: [
    ['', 'nav.myTasks'],
    ['/findings', 'nav.findings'],
    ['/inbox', 'nav.inbox'],
    ['/calculators', 'nav.calculators'],
  ],
};

export function MainNav(props: { ctx: PageContext; slug: string; role: Role }) {
  const items = navByRole[props.role] ?? [];
  if (items.length === 0) return null;
  const base = `/t/${props.slug}`;
  const current = props.ctx.path.split('?')[0];
  return (
    <nav class="mainnav" aria-label={props.ctx.t('nav.main')}>
      <ul>
        {items.map(([path, label]) => {
          const href = base + path;
          const here = href.split('?')[0] === current;
          return (
            <li>
              <a href={href} aria-current={here ? 'page' : undefined}>
                {props.ctx.t(label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
