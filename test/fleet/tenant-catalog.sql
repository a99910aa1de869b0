-- The before-stop hook's catalog check (shared/hooks/catalog.sql), kept in the repo so the suite runs it:
-- Every table with a tenant_id column: RLS enabled and forced, a policy, and tenant_id in its
-- primary key, in every foreign key to another tenant table, and in every unique index.
with t as (
  select c.oid, c.relname from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
  where n.nspname not in ('pg_catalog', 'information_schema') and c.relkind in ('r', 'p'))
select relname, 'RLS not enabled and forced' from pg_class where oid in (select oid from t) and not (relrowsecurity and relforcerowsecurity)
union all
select t.relname, 'no RLS policy' from t where not exists (select 1 from pg_policy p where p.polrelid = t.oid)
union all
select t.relname, 'no primary key' from t where not exists (select 1 from pg_constraint k where k.conrelid = t.oid and k.contype = 'p')
union all
select t.relname, 'primary key lacks tenant_id' from t join pg_constraint k on k.conrelid = t.oid and k.contype = 'p'
  where not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(k.conkey))
union all
select t.relname, 'foreign key ' || k.conname || ' lacks tenant_id' from t join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
  where k.confrelid in (select oid from t)
    and not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(k.conkey))
union all
select t.relname, 'unique index ' || i.indexrelid::regclass || ' lacks tenant_id' from t join pg_index i on i.indrelid = t.oid and i.indisunique
  where not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(i.indkey::int2[]));
